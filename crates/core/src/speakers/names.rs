//! What the words of a capitalised run are: titles, given names, places, organisations; and
//! where in the run the name starts.

use super::words::*;
use super::Gender;
use crate::span::Span;

/// Whether a capitalised run names a place ([`PLACE_HEADS`], [`PLACE_OPENERS`]): not when it
/// holds a title or a known given name ("Mayor Lina Park", "Anita Hill"), nor an "of" ("Pastor
/// Joseph Brown of Marion Square"), which `split_title` sorts out.
pub(super) fn is_place(words: &[&str]) -> bool {
    let word =
        |w: Option<&&str>| w.map(|w| w.trim_end_matches([',', '.', '’', '\'']).to_lowercase()).unwrap_or_default();
    if is_place_name(words) {
        return true;
    }
    // Two words after "New", "South", "San" … ("New York", "South Carolina", "Los Angeles").
    let opened = words.len() == 2 && PLACE_OPENERS.contains(&word(words.first()).as_str());
    words.len() >= 2
        && (PLACE_HEADS.contains(&word(words.last()).as_str()) || opened)
        && !words.iter().any(|w| *w == "of" || is_title(w) || gender_of_given_name(w).is_some())
}

/// Whether a run is the name of a country, a US state or a capital that speaks for its
/// government ("Germany", "Pennsylvania", "Beijing"), a known given name or not ("Virginia").
pub(super) fn is_place_name(words: &[&str]) -> bool {
    let joined = words.iter().map(|w| w.trim_end_matches([',', '.']).to_lowercase()).collect::<Vec<_>>().join(" ");
    crate::lexicon::contains(crate::lexicon::PLACE_NAMES, joined.trim_start_matches("the "))
}

/// Whether a word is a title or role before a name ([`TITLES`], a nationality or a role noun).
pub(super) fn is_title(word: &str) -> bool {
    let w = word.to_lowercase();
    TITLES.contains(&w.as_str()) || is_nationality(&w) || crate::lexicon::contains(crate::lexicon::ROLE_NOUNS, &w)
}

/// Whether a lower-case word is a nationality or regional adjective ([`NATIONALITIES`]).
pub(super) fn is_nationality(lower: &str) -> bool {
    NATIONALITIES.contains(&lower)
}

/// The gender a known given name implies ([`MALE_NAMES`], [`FEMALE_NAMES`]).
pub(super) fn gender_of_given_name(given: &str) -> Option<Gender> {
    let g = given.to_lowercase();
    if MALE_NAMES.contains(&g.as_str()) {
        Some(Gender::Male)
    } else if FEMALE_NAMES.contains(&g.as_str()) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// A capitalised run split into its leading titles and the name after them.
pub(super) struct NameParts<'t> {
    pub(super) titles: Vec<&'t str>,
    pub(super) name: Vec<&'t str>,
}

/// The name is what follows the last title word: "Estaran Foreign Minister Adrian Mol" →
/// "Adrian Mol", even when a leading word ("Estaran") is not known as a title.
///
/// An "of" joins two titles ("Secretary of State Marco Rubio"), and after a title or a name of
/// two words or more it opens a place: "Rep. Tom Cole of Oklahoma" and "Stacy Baker of
/// Columbia" are Tom Cole and Stacy Baker. After a lone word it opens the name:
/// "Supporters of Hillary Clinton".
pub(super) fn split_title<'t>(words: &[&'t str]) -> NameParts<'t> {
    // Titles stand before the name, so none is looked for past an "of" that follows a word
    // other than a title: "West" is no title in "Gov. Earl Ray Tomblin of West Virginia".
    let before_place = (1..words.len()).find(|&i| words[i] == "of" && !is_title(words[i - 1])).unwrap_or(words.len());
    let mut k = words[..before_place].iter().rposition(|w| is_title(w) && *w != "of").map_or(0, |k| k + 1);
    // An owner before the name is no part of it: "Fox's Chris Wallace", "Gallup’s Jeffrey Jones".
    if let Some(owner) = words[..before_place.min(words.len() - 1)]
        .iter()
        .rposition(|w| POSSESSIVE_SUFFIXES.iter().any(|s| w.ends_with(s)))
    {
        k = k.max(owner + 1);
    }
    // A title word that ends the run is a surname after a known given name ("Charlie King",
    // "Larry Speaker") or an honorific ("Mr. King").
    if k == words.len() && k >= 2 && (gender_of_given_name(words[k - 2]).is_some() || is_honorific(words[k - 2])) {
        k = if is_honorific(words[k - 2]) { k - 1 } else { k - 2 };
    }
    // A known given name and a surname after the place are the name: "Palm Beach County
    // Supervisor of Elections Susan Bucher", "the Mayor of Lyon Anne Morel".
    let named_after = |from: usize| {
        (from..words.len().saturating_sub(1))
            .find(|&i| gender_of_given_name(words[i]).is_some() && words[i + 1..].iter().all(|w| *w != "of"))
    };
    // "the State of Virginia", "the Republic of Turkey": a title and then "of" names a place.
    if words.get(k) == Some(&"of") {
        let at = named_after(k + 1).unwrap_or(words.len());
        return NameParts { titles: words[..at].to_vec(), name: words[at..].to_vec() };
    }
    let mut k_name = k;
    let mut name = words[k..].to_vec();
    if let Some(of) = name.iter().position(|w| *w == "of").filter(|&of| of > 0) {
        if let Some(at) = named_after(k + of + 1) {
            k_name = at;
            name = words[at..].to_vec();
        } else if k > 0 || of >= 2 {
            name.truncate(of);
        } else {
            k_name = k + of + 1;
            name = words[k_name..].to_vec();
        }
    }
    NameParts { titles: words[..k_name].to_vec(), name }
}

/// Whether a title word names an office one person holds ([`PERSONAL_TITLES`]).
pub(super) fn is_personal_title(word: &str) -> bool {
    PERSONAL_TITLES.contains(&word.to_lowercase().as_str())
}

/// Whether a word is an honorific that stands right before a name ("Mr.", "Dr.").
pub(super) fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word.to_lowercase().as_str())
}

/// Whether a lower-case word opens a relative clause (`who`, `which`, `that`, `where`), which
/// describes a speaker and never names one.
pub(super) fn opens_relative_clause(lower: &str) -> bool {
    crate::lexicon::contains(crate::lexicon::RELATIVE_PRONOUNS, lower) || OTHER_RELATIVE_OPENERS.contains(&lower)
}

/// The whitespace-separated words of `span`, each with the byte where it starts in `text`.
pub(super) fn words_at(text: &str, span: Span) -> Vec<(usize, &str)> {
    text[span.start..span.end].split_whitespace().map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w)).collect()
}

/// Whether `word` is in capitals, with 2 to `longest` letters ("FBI", "U.S.", "PAC").
pub(super) fn is_acronym(word: &str, longest: usize) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=longest).contains(&letters) && !word.chars().any(char::is_lowercase)
}

/// Whether a run holds a word that makes it an organisation ([`ORGANISATION_WORDS`]).
pub(super) fn is_organisation(words: &[&str]) -> bool {
    words.iter().any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether a word is a function word, which opens a sentence before a name ("The", "In",
/// "But", "For", "Beneath") and is no part of one.
pub(super) fn is_function_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    crate::lexicon::contains(crate::lexicon::STOP, &lower)
        || crate::lexicon::contains(crate::lexicon::DETERMINERS, &lower)
        || crate::lexicon::contains(crate::lexicon::NP_JOINERS, &lower)
        || PLACE_PREPOSITIONS.contains(&lower.as_str())
}
