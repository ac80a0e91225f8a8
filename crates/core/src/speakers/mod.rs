//! Who said it: turning the words at an attribution site into a canonical speaker.
//!
//! The article's names are collected first (capitalised runs with titles such as "US President"
//! or "Foreign Minister" stripped). A source mention then resolves as follows:
//! a full name stands; a surname or title-plus-surname maps to the full name introduced for it;
//! `he`/`she` map to the nearest earlier person of matching gender, preferring speakers and
//! sentence subjects over passing mentions; `who` looks at the phrase before it; organisations
//! and groups are kept as written. What cannot be resolved is `unknown`, never a guess.
//!
//! The steps a mention goes through are listed in order in `resolve.rs` (`RESOLUTION_STEPS`),
//! one function each, in `pronouns.rs`, `asides.rs`, `resolve.rs` and `person.rs` (names) and
//! `heads.rs` (head nouns). `names.rs` tells titles, places and bodies apart within a
//! capitalised run, and `words.rs` holds the word lists only these steps use.

mod asides;
mod heads;
mod identity;
mod names;
mod person;
mod pronouns;
mod resolve;
mod words;

pub use identity::speaker_id;

use crate::segment::{tokens_of, Block, Token, TokenKind};
use crate::span::Span;

use names::*;
use words::*;

/// What kind of speaker a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerType {
    /// A named or described person.
    Person,
    /// A company, ministry, newspaper, party or other body.
    Organisation,
    /// Several people spoken of together (officials, Republicans, they).
    Group,
    /// Not resolved.
    Unknown,
}

impl SpeakerType {
    /// The name used in the CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Group => "group",
            SpeakerType::Unknown => "unknown",
        }
    }
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// Canonical name within the article (empty when unknown).
    pub name: String,
    /// Person, organisation, group or unknown.
    pub kind: SpeakerType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// A person named in the article.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    surname: String,
    gender: Option<Gender>,
}

/// A place where a person, group or organisation is mentioned.
#[derive(Debug, Clone, Copy)]
struct Mention {
    at: usize,
    person: usize,
    /// Speakers weigh 3, sentence subjects 2, other mentions 1.
    salience: u8,
}

/// The names of one article, and what has been said by whom so far.
pub struct SpeakerResolver<'a> {
    text: &'a str,
    people: Vec<Person>,
    mentions: Vec<Mention>,
    /// Start of each sentence, for "subject" salience and distance limits.
    sentence_starts: Vec<usize>,
    /// What the speaker being resolved said: nobody named in it is who "he" or "she" is.
    said: Option<Span>,
}

impl<'a> SpeakerResolver<'a> {
    /// Collect the people named in an article's blocks.
    pub fn new(text: &'a str, blocks: &[Block]) -> Self {
        let mut resolver =
            SpeakerResolver { text, people: Vec::new(), mentions: Vec::new(), sentence_starts: Vec::new(), said: None };
        for block in blocks {
            for range in &block.sentences {
                let toks = &block.tokens[range.clone()];
                if let Some(first) = toks.first() {
                    resolver.sentence_starts.push(first.span.start);
                }
                let mut first_in_sentence = true;
                for (at, person) in resolver.people_in(toks, false) {
                    let salience = if first_in_sentence { 2 } else { 1 };
                    resolver.mentions.push(Mention { at, person, salience });
                    first_in_sentence = false;
                }
                // The people a quotation names in full ("I met with FBI Director James Comey")
                // are people the article names, for the surnames that follow, though not ones a
                // pronoun outside it refers to.
                for quote in toks.iter().filter(|t| matches!(t.kind, TokenKind::Quote(_))) {
                    resolver.people_in(&tokens_of(text, quote.span), true);
                }
            }
        }
        resolver.sentence_starts.sort_unstable();
        resolver
    }

    /// Register (or find) the people that the capitalised runs of `toks` name, allowing an inner
    /// "of" (Secretary of State Marco Rubio): where the last word of each such run starts, and
    /// the person. With `full_names_only`, only a known given name and the one or two words
    /// after it are read as a name: a quotation's sentences start anywhere, and "Beneath
    /// Clinton" or "Wilayat Twitter" would otherwise be people.
    fn people_in(&mut self, toks: &[Token], full_names_only: bool) -> Vec<(usize, usize)> {
        let text = self.text;
        let mut found = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            let mut e = k;
            while e < toks.len()
                && toks[e].kind == TokenKind::Word
                && (toks[e].is_capitalized(text)
                    || (e > k
                        && (toks[e].lower == "of" || NAME_PARTICLES.contains(&toks[e].lower.as_str()))
                        && toks.get(e + 1).is_some_and(|n| n.is_capitalized(text))))
            {
                e += 1;
            }
            if e == k {
                k += 1;
                continue;
            }
            let mut words: Vec<&str> = toks[k..e].iter().map(|t| t.span.text(text)).collect();
            if full_names_only {
                let given =
                    words.iter().position(|w| gender_of_given_name(w).is_some()).filter(|&g| g + 1 < words.len());
                words = given.map_or(Vec::new(), |g| words[g..words.len().min(g + 3)].to_vec());
            }
            if words.is_empty() {
                k = e;
                continue;
            }
            if let Some(person) = self.person_from_run(&words, toks[k].span.start) {
                found.push((toks[e - 1].span.start, person));
            }
            k = e;
        }
        found
    }

    /// Resolve the source mention of an attribution whose content is `said`: as
    /// [`resolve`](Self::resolve), but a pronoun never refers to someone named in what it said
    /// ("People like Scott, he said" is not Scott speaking).
    pub fn resolve_speaker_of(&mut self, source: Span, said: Span) -> Speaker {
        self.said = Some(said);
        let speaker = self.resolve(source);
        self.said = None;
        speaker
    }

    /// Resolve the source mention `span` of an attribution, and record the result as a salient
    /// speaker for the pronouns that follow.
    pub fn resolve(&mut self, span: Span) -> Speaker {
        let speaker = self.resolve_mention(span);
        if speaker.kind == SpeakerType::Person {
            if let Some(p) = self.people.iter().position(|p| p.name == speaker.name) {
                self.mentions.push(Mention { at: span.start, person: p, salience: 3 });
                self.mentions.sort_by_key(|m| m.at);
            }
        }
        speaker
    }
}

#[cfg(test)]
mod tests;
