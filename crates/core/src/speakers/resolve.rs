//! Resolving one source mention: an ordered list of steps, each of which either settles who the
//! mention is or passes it on to the next; what no step settles is `unknown`, as written.
//!
//! The steps for pronouns are in [`pronouns`], for asides in
//! [`asides`], and for mentions typed by their head noun in
//! [`heads`]; those for names are here.

use super::names::*;
use super::words::*;
use super::{asides, heads, pronouns, Speaker, SpeakerResolver, SpeakerType};
use crate::span::Span;

/// A source mention, and the views of its words that the steps read.
pub(super) struct MentionParts<'t> {
    /// Where the mention is in the article.
    pub(super) span: Span,
    /// The mention as written.
    pub(super) text: &'t str,
    /// The mention in lower case.
    pub(super) lower: String,
    /// Its whitespace-separated words.
    pub(super) words: Vec<&'t str>,
    /// Its words after any leading determiners, which are stripped for analysis (an
    /// organisation keeps them in its name as written).
    pub(super) content_words: Vec<&'t str>,
    /// The leading content words that are capitalised, or "of".
    pub(super) capitalised: Vec<&'t str>,
    /// The last content word, lower case; a mention of determiners only ("one", "no one",
    /// "those") is its own head.
    pub(super) last_word: String,
    /// The content words before what modifies the head noun: the head noun stands before what
    /// modifies it ("a reporter for USA Today", "experts on North Korea", "the latest poll
    /// released Friday").
    pub(super) head_phrase: Vec<&'t str>,
    /// The head noun, lower case: the last word of the head phrase.
    pub(super) head: String,
}

impl<'t> MentionParts<'t> {
    fn new(text: &'t str, span: Span) -> Self {
        let mention = span.text(text);
        let words: Vec<&str> = mention.split_whitespace().collect();
        let content_words: Vec<&str> = words
            .iter()
            .copied()
            .skip_while(|w| crate::lexicon::contains(crate::lexicon::DETERMINERS, &w.to_lowercase()))
            .collect();
        let last_word = content_words.last().or(words.last()).map(|w| w.to_lowercase()).unwrap_or_default();
        let capitalised = content_words
            .iter()
            .copied()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) || *w == "of")
            .collect();
        let cut = content_words
            .iter()
            .position(|w| crate::lexicon::contains(crate::lexicon::POSTMODIFIER_OPENERS, &w.to_lowercase()));
        let head_phrase = content_words[..cut.filter(|&k| k > 0).unwrap_or(content_words.len())].to_vec();
        let head = head_phrase.last().map(|w| w.to_lowercase()).unwrap_or_else(|| last_word.clone());
        MentionParts {
            span,
            text: mention,
            lower: mention.to_lowercase(),
            words,
            content_words,
            capitalised,
            last_word,
            head_phrase,
            head,
        }
    }

    /// The speaker of this kind, named by the mention as written.
    pub(super) fn as_written(&self, kind: SpeakerType) -> Speaker {
        Speaker { name: self.text.to_string(), kind }
    }

    /// The head noun without a plural `s`: documents in the plural are documents still ("the
    /// emails", "two reports").
    pub(super) fn singular_head(&self) -> &str {
        crate::lexicon::singular(&self.head)
    }

    /// Whether the mention, past its determiners, is all capitalised words (and "of"s).
    fn is_capitalised_run(&self) -> bool {
        !self.capitalised.is_empty() && self.capitalised.len() == self.content_words.len()
    }
}

/// One resolution step: the speaker, when this step settles who the mention is.
type ResolutionStep = fn(&mut SpeakerResolver<'_>, &MentionParts<'_>) -> Option<Speaker>;

/// The resolution steps, in the order they are tried; the first that gives a speaker decides.
const RESOLUTION_STEPS: &[ResolutionStep] = &[
    without_reflexive,
    owner_of_possessive,
    pronouns::gendered_pronoun,
    pronouns::pronoun_of_known_kind,
    pronouns::relative_pronoun,
    asides::named_in_aside,
    acronym_after_the,
    place_speaking_as_government,
    person_named_by_run,
    body_named_by_run,
    lone_capitalised_word,
    person_before_of,
    name_at_end,
    heads::role_or_person_head,
    heads::members_of_a_body,
    heads::group_of_people,
    heads::body_head,
    heads::people_named_together,
    heads::share_or_number_of_people,
    heads::plural_head,
];

impl SpeakerResolver<'_> {
    /// The speaker the source mention `span` names, by the first of the
    /// [`RESOLUTION_STEPS`] that settles it.
    pub(super) fn resolve_mention(&mut self, span: Span) -> Speaker {
        let mention = MentionParts::new(self.text, span);
        RESOLUTION_STEPS
            .iter()
            .find_map(|step| step(self, &mention))
            .unwrap_or_else(|| mention.as_written(SpeakerType::Unknown))
    }

    /// The person `p` as a speaker.
    pub(super) fn person_speaker(&self, p: usize) -> Speaker {
        Speaker { name: self.people[p].name.clone(), kind: SpeakerType::Person }
    }

    /// A person named by the capitalised words at the end of a phrase.
    fn trailing_name(&mut self, words: &[&str], at: usize) -> Option<usize> {
        let k = words.iter().rposition(|w| !w.chars().next().is_some_and(char::is_uppercase))?;
        let tail = &words[k + 1..];
        if tail.is_empty() || is_organisation(tail) {
            return None;
        }
        // Only when the words before are titles ("foreign minister"), not "adviser to Zelenskyy",
        // nor a relative clause ("the delegate, who backs Simon Okafor").
        let preceding = words[k].to_lowercase();
        if crate::lexicon::contains(crate::lexicon::NP_JOINERS, &preceding)
            || PREPOSITIONS_BEFORE_AN_OBJECT.contains(&preceding.as_str())
        {
            return None;
        }
        // Nor after an "and" that joins names: "Immigration and Customs Enforcement" is one
        // body's name, "Obama and Hillary Clinton" two people; after one that joins titles
        // ("Former prosecutor and New York City Mayor Rudy Giuliani") the name is the speaker.
        if JOINING_CONJUNCTIONS.contains(&preceding.as_str()) && !(k > 0 && is_title(words[k - 1])) {
            return None;
        }
        if words[..k].iter().any(|w| opens_relative_clause(&w.to_lowercase())) {
            return None;
        }
        self.person_from_run(tail, at)
    }
}

/// "Sanders himself", "the candidate herself": the mention without the reflexive.
fn without_reflexive(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let rest = REFLEXIVE_PRONOUNS
        .iter()
        .find_map(|r| mention.text.strip_suffix(r))
        .filter(|rest| rest.ends_with(' ') && !rest.trim().is_empty())?;
    let start = mention.span.start;
    Some(resolver.resolve_mention(Span::new(start, start + rest.trim_end().len())))
}

/// "Obama's decision", "the company’s statement": the owner without the possessive ("let's" is
/// "let us", and has no owner).
fn owner_of_possessive(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let lets = LET_US.iter().any(|l| mention.text.eq_ignore_ascii_case(l));
    let owner = POSSESSIVE_SUFFIXES
        .iter()
        .find_map(|p| mention.text.strip_suffix(p))
        .filter(|owner| !lets && owner.chars().last().is_some_and(char::is_alphanumeric))?;
    let start = mention.span.start;
    Some(resolver.resolve_mention(Span::new(start, start + owner.len())))
}

/// "the NAACP", "The U.N.", "the AFL-CIO": an acronym after "the" names a body, not a person.
fn acronym_after_the(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let [determiner, acronym] = mention.words.as_slice() else { return None };
    (determiner.eq_ignore_ascii_case("the") && is_acronym(acronym.trim_end_matches(','), usize::MAX))
        .then(|| mention.as_written(SpeakerType::Organisation))
}

/// A country or city that speaks is its government or people: "The United States would not
/// tolerate …", "Wall Street expects …". A surname first, though: "Jordan" after "Rep. Jim
/// Jordan" is the congressman.
fn place_speaking_as_government(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let capitalised = &mention.capitalised;
    let surname_of_someone = || {
        capitalised.len() == 1
            && resolver
                .person_by_surname(capitalised[0], mention.span.start, None)
                .is_some_and(|p| resolver.people[p].name.contains(' '))
    };
    (mention.is_capitalised_run() && is_place(capitalised) && !surname_of_someone())
        .then(|| mention.as_written(SpeakerType::Organisation))
}

/// A person first: a body in a title may stand before a name ("FBI Director James Comey"),
/// which `person_from_run` tells apart.
fn person_named_by_run(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    if !mention.is_capitalised_run() {
        return None;
    }
    let p = resolver.person_from_run(&mention.capitalised, mention.span.start)?;
    Some(resolver.person_speaker(p))
}

/// A capitalised run with an organisation word ("the Treasury Department") is a body.
fn body_named_by_run(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    (mention.is_capitalised_run() && is_organisation(&mention.capitalised))
        .then(|| mention.as_written(SpeakerType::Organisation))
}

/// A lone capitalised word that names no one known: a plural is a group, a role noun a person
/// (a headline's "Judge rejects …"), an acronym a body ("AP reported", "the CBO estimated"; a
/// transcript's "OBAMA:" is longer, a headline's "WON'T" has an apostrophe). Anything else may
/// be a surname introduced nowhere else or a body: unknown.
fn lone_capitalised_word(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    if !(mention.is_capitalised_run() && mention.capitalised.len() == 1) {
        return None;
    }
    let head = &mention.last_word;
    let word = mention.capitalised[0].trim_end_matches([',', '.']);
    let kind = if head.ends_with('s') && !head.ends_with("ss") {
        SpeakerType::Group
    } else if crate::lexicon::ROLE_NOUNS.contains(&head.as_str()) {
        SpeakerType::Person
    } else if is_acronym(word, 4) && !word.contains(['\'', '’']) {
        SpeakerType::Organisation
    } else {
        SpeakerType::Unknown
    };
    Some(mention.as_written(kind))
}

/// "Rep. Stacey Plaskett of the Virgin Islands": a title or a full name before an "of" that
/// opens a place or body is the person ("of Texas" is dealt with by `split_title`). Two people
/// joined by "and" are a group, handled later.
fn person_before_of(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let content_words = &mention.content_words;
    let joined = content_words.iter().any(|w| AND_WORDS.contains(w));
    let of = content_words
        .iter()
        .position(|w| *w == "of")
        .filter(|&of| of >= 2 && of < mention.capitalised.len() && !joined)?;
    let before = &content_words[..of];
    if is_organisation(before) {
        return None;
    }
    let p = resolver.person_from_run(before, mention.span.start)?;
    Some(resolver.person_speaker(p))
}

/// A name at the end of a described phrase: "Russian Foreign Minister Sergey Lavrov".
fn name_at_end(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let p = resolver.trailing_name(&mention.content_words, mention.span.start)?;
    Some(resolver.person_speaker(p))
}
