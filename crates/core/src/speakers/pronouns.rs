//! The resolution steps for pronouns: `he` and `she` to their antecedent, the relative pronouns
//! to the phrase before them, and the others to their kind of speaker.

use super::names::*;
use super::resolve::MentionParts;
use super::words::*;
use super::{Gender, Mention, Person, Speaker, SpeakerResolver, SpeakerType};
use crate::span::Span;

/// A speaker of this kind whom the text does not name.
fn unnamed(kind: SpeakerType) -> Speaker {
    Speaker { name: String::new(), kind }
}

/// "He said", "told him", "his claim that …", "her view that …": a person, named when the
/// antecedent is found, and a person still when it is not.
pub(super) fn gendered_pronoun(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let lower = mention.lower.as_str();
    let gender = if MALE_PRONOUNS.contains(&lower) {
        Gender::Male
    } else if FEMALE_PRONOUNS.contains(&lower) {
        Gender::Female
    } else {
        return None;
    };
    Some(resolver.pronoun(mention.span.start, gender).unwrap_or(unnamed(SpeakerType::Person)))
}

/// "they", "we", "I", "it", "you": the kind of speaker the pronoun is ([`PRONOUN_KINDS`]), with
/// no name.
pub(super) fn pronoun_of_known_kind(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let lower = mention.lower.as_str();
    PRONOUN_KINDS.iter().find(|(pronouns, _)| pronouns.contains(&lower)).map(|&(_, kind)| unnamed(kind))
}

/// "Trump, who said …", "the police department, which reported …", "a group that endorsed
/// Sanders": the phrase before the pronoun (and its comma).
pub(super) fn relative_pronoun(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let relative = mention.lower.as_str();
    if !(crate::lexicon::contains(crate::lexicon::RELATIVE_PRONOUNS, relative) || relative == "that") {
        return None;
    }
    let text = resolver.text;
    let Some(np) = antecedent_phrase(text, mention.span) else { return Some(unnamed(SpeakerType::Unknown)) };
    let words = words_at(text, np);
    let last_opened = last_opened_phrase(&words, np, relative);
    // A "that" clause, set off by no comma, belongs to the nearest noun: "ads that", not "$9.4
    // million into ads that".
    if relative == "that" {
        if let Some(last) = resolve_if_fitting(resolver, last_opened, relative) {
            return Some(last);
        }
    }
    let speaker = resolver.resolve_mention(np);
    if speaker.kind != SpeakerType::Unknown {
        return Some(speaker);
    }
    if let Some(last) = resolve_if_fitting(resolver, last_opened, relative) {
        return Some(last);
    }
    // "an awkward situation for Clinton, who": a person named at the phrase's end.
    if relative != "which" && relative != "that" {
        if let Some(named) = person_named_at_end(resolver, &words, np) {
            return Some(named);
        }
    }
    Some(speaker)
}

/// The phrase a relative pronoun at `span` refers to: back from its comma to the last
/// punctuation, and past a few words (a clause: "… defend not paying an architect who") its last
/// noun phrase, from its last determiner. None when there is none, or it is too long for one.
fn antecedent_phrase(text: &str, span: Span) -> Option<Span> {
    let before = text[..span.start].trim_end().trim_end_matches(',').trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| ANTECEDENT_BOUNDARIES.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut np = Span::new(start, before.len()).trim_by(text, |_| false);
    let np_words = words_at(text, np);
    if np_words.len() > 5 {
        if let Some(&(at, _)) = np_words
            .iter()
            .rev()
            .find(|(_, w)| crate::lexicon::contains(crate::lexicon::DETERMINERS, &w.to_lowercase()))
        {
            np = Span::new(at, np.end);
        }
    }
    (!np.is_empty() && np.end - np.start < 80).then_some(np)
}

/// What the last preposition or conjunction of the phrase `np` opens: "the tone of Cruz, who",
/// "alarm among legal experts, who", "and with former Representative Ron Paul, who". "of" only
/// after a common noun, since "Ron Paul of Texas" is Ron Paul.
fn last_opened_phrase(words: &[(usize, &str)], np: Span, relative: &str) -> Option<Span> {
    let opens = |k: usize| {
        let w = words[k].1.to_lowercase();
        ANTECEDENT_OPENERS.contains(&w.as_str())
            || w == "of" && k > 0 && words[k - 1].1.starts_with(char::is_lowercase)
            // Any preposition before a "that": "on ads that", "in a poll that".
            || relative == "that"
                && (crate::lexicon::NP_JOINERS.contains(&w.as_str()) || PREPOSITIONS_BEFORE_THAT.contains(&w.as_str()))
    };
    (0..words.len().saturating_sub(1)).rev().find(|&k| opens(k)).map(|k| Span::new(words[k + 1].0, np.end))
}

/// Whether a speaker of this kind can be what the relative pronoun refers to: "who" is people
/// and "which" a body ("the ACLU of Oregon, which" is no person, nor are "open primaries, which"
/// people); "that" may be either.
fn fits_relative(relative: &str, kind: SpeakerType) -> bool {
    match relative {
        "which" => kind == SpeakerType::Organisation,
        "that" => kind != SpeakerType::Unknown,
        _ => matches!(kind, SpeakerType::Person | SpeakerType::Group),
    }
}

/// The speaker of `phrase`, if it is one the relative pronoun can refer to.
fn resolve_if_fitting(resolver: &mut SpeakerResolver<'_>, phrase: Option<Span>, relative: &str) -> Option<Speaker> {
    phrase.map(|phrase| resolver.resolve_mention(phrase)).filter(|speaker| fits_relative(relative, speaker.kind))
}

/// The named person that the capitalised words at the end of the phrase `np` are, if any.
fn person_named_at_end(resolver: &mut SpeakerResolver<'_>, words: &[(usize, &str)], np: Span) -> Option<Speaker> {
    let capitalised_tail = words.iter().rposition(|(_, w)| !w.starts_with(char::is_uppercase)).map_or(0, |k| k + 1);
    if capitalised_tail == 0 || capitalised_tail >= words.len() {
        return None;
    }
    let named = resolver.resolve_mention(Span::new(words[capitalised_tail].0, np.end));
    (named.kind == SpeakerType::Person && !named.name.is_empty()).then_some(named)
}

impl SpeakerResolver<'_> {
    /// The antecedent of `he` or `she` at byte `at`: within the last few sentences, the nearest
    /// speaker or sentence subject of compatible gender, else the nearest compatible mention.
    fn pronoun(&mut self, at: usize, gender: Gender) -> Option<Speaker> {
        let sentence_index = self.sentence_starts.partition_point(|&s| s <= at);
        let window_start = self.sentence_starts.get(sentence_index.saturating_sub(4)).copied().unwrap_or(0);
        let compatible = |p: &Person| p.gender.is_none_or(|g| g == gender);
        let in_said = |m: &Mention| self.said.is_some_and(|said| said.start <= m.at && m.at < said.end);
        let candidates: Vec<Mention> = self
            .mentions
            .iter()
            .rev()
            .filter(|m| m.at < at && m.at >= window_start && compatible(&self.people[m.person]))
            .copied()
            .collect();
        // Someone named outside what was said goes first; with no one else, the speaker may
        // be talking about themselves ("Ms. Nwanguma was shocked by the reaction, she said").
        let choose = |keep: &dyn Fn(&Mention) -> bool| {
            let mut kept = candidates.iter().filter(|m| keep(m));
            kept.clone().find(|m| m.salience >= 2).or_else(|| kept.next()).copied()
        };
        let chosen = choose(&|m| !in_said(m)).or_else(|| choose(&|_| true))?;
        let person = &mut self.people[chosen.person];
        person.gender.get_or_insert(gender);
        Some(Speaker { name: person.name.clone(), kind: SpeakerType::Person })
    }
}
