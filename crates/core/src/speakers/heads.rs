//! The resolution steps for a mention that names no one: its head noun, or how its words are
//! joined, tells what kind of speaker it is (a person, a body, a group), kept as written.

use super::names::*;
use super::resolve::MentionParts;
use super::words::*;
use super::{Speaker, SpeakerResolver, SpeakerType};

/// "a reporter for USA Today", "the gambling tycoon": a head noun that names a person.
pub(super) fn role_or_person_head(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let head = mention.head.as_str();
    (crate::lexicon::ROLE_NOUNS.contains(&head) || crate::lexicon::PERSON_HEADS.contains(&head))
        .then(|| mention.as_written(SpeakerType::Person))
}

/// "many in the Republican establishment", "some who advocate free speech", "those in the
/// party": people, whatever they belong to.
pub(super) fn members_of_a_body(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let [first, second, ..] = mention.words.as_slice() else { return None };
    (QUANTIFIERS.contains(&first.to_lowercase().as_str())
        && MEMBERSHIP_OPENERS.contains(&second.to_lowercase().as_str()))
    .then(|| mention.as_written(SpeakerType::Group))
}

/// "Small groups of protesters": a group of people, not of bodies.
pub(super) fn group_of_people(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let of_follows = mention.content_words.get(mention.head_phrase.len()).is_some_and(|w| *w == "of");
    (mention.singular_head() == "group" && of_follows).then(|| mention.as_written(SpeakerType::Group))
}

/// "the ministry", "the emails" (documents in the plural are documents still): a head noun that
/// names a body or a document; or a body named by capitalised words, leading or trailing ("the
/// conservative-leaning Tax Foundation").
pub(super) fn body_head(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let trailing_capitalised: Vec<&str> = mention
        .head_phrase
        .iter()
        .rev()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .copied()
        .collect();
    let body = crate::lexicon::ORGANISATION_NOUNS.contains(&mention.head.as_str())
        || crate::lexicon::ORGANISATION_NOUNS.contains(&mention.singular_head())
        || is_organisation(&mention.capitalised)
        || is_organisation(&trailing_capitalised);
    body.then(|| mention.as_written(SpeakerType::Organisation))
}

/// "Obama and Clinton", "Mr. Grassley and Mr. Leahy", "he and Brafman": people named together
/// speak as a group (bodies named together, "the New York Times and Boston Globe", are bodies,
/// in the step before).
pub(super) fn people_named_together(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let names_someone = |w: &str| {
        w.starts_with(char::is_uppercase)
            || crate::lexicon::contains(crate::lexicon::PRONOUNS, &w.to_lowercase())
            || crate::lexicon::contains(crate::lexicon::OBJECT_PRONOUNS, &w.to_lowercase())
    };
    let content_words = &mention.content_words;
    let and = content_words.iter().position(|w| AND_WORDS.contains(w))?;
    let joins_names = and > 0
        && content_words.get(and + 1).is_some_and(|w| names_someone(w))
        && names_someone(content_words[and - 1]);
    joins_names
        .then(|| Speaker { name: mention.text.trim_end_matches([',', ' ']).to_string(), kind: SpeakerType::Group })
}

/// "the two", "some", "others": a number of people, named before or not at all; "36 percent of
/// Democrats", "half of GOP voters", "none of his rivals": a share of people; "four in 10", "one
/// in five", "42%": a share of those asked.
pub(super) fn share_or_number_of_people(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let head = mention.head.as_str();
    let partitive = crate::lexicon::contains(crate::lexicon::PARTITIVE_HEADS, head)
        && mention.head_phrase.len() < mention.content_words.len();
    let number = |w: &str| crate::lexicon::is_number(&w.to_lowercase());
    let words = &mention.words;
    let share = words.windows(3).any(|w| number(w[0]) && w[1] == "in" && number(w[2]))
        || words.first().is_some_and(|w| {
            w.strip_suffix('%').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
        });
    (partitive || share || crate::lexicon::contains(crate::lexicon::GROUP_HEADS, head))
        .then(|| mention.as_written(SpeakerType::Group))
}

/// "officials", "voters": a head noun in the plural is several people.
pub(super) fn plural_head(_: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    let (head, singular) = (mention.head.as_str(), mention.singular_head());
    (head != singular && (crate::lexicon::ROLE_NOUNS.contains(&singular) || !head.is_empty()))
        .then(|| mention.as_written(SpeakerType::Group))
}
