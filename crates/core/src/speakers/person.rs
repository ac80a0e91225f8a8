//! Whether a capitalised run names a person, and which one: a person the article names already
//! (in full, by surname or by the end of the name) or a new one.
//!
//! [`SpeakerResolver::person_from_run`] tidies the run (a sentence's opening word, a headline's
//! verb, a description before a given name), splits its titles off, rejects the runs that are
//! no name ([`NOT_A_NAME`]), and then finds the person.

use std::ops::ControlFlow;

use super::names::*;
use super::words::*;
use super::{Gender, Person, SpeakerResolver};
use crate::quotemarks::is_quotation_mark;

/// A capitalised run read as a name: the run, its titles and the name after them.
struct NameCandidate<'r, 't> {
    /// The run, without the words that open a sentence or describe the person.
    run: &'r [&'t str],
    /// The run split into its titles and the name after them.
    parts: NameParts<'t>,
    /// The name's words, without an inner "of".
    name: Vec<&'t str>,
}

impl NameCandidate<'_, '_> {
    /// The gender a title gives ("Mr.", "Mrs.", "Ms."), if one does.
    fn title_gender(&self) -> Option<Gender> {
        self.parts.titles.iter().find_map(|t| {
            let lower = t.to_lowercase();
            HONORIFIC_GENDERS.iter().find(|(honorific, _)| *honorific == lower).map(|&(_, gender)| gender)
        })
    }

    /// The surname: the last word, or the first of a Chinese or Korean name, which puts the
    /// surname first: "Xi Jinping", "Ban Ki-moon" (a hyphenated given name marks the Korean
    /// order) are Mr. Xi and Mr. Ban.
    fn surname(&self) -> &str {
        let name = &self.name;
        let surname_first = name.len() == 2
            && (CHINESE_SURNAMES.contains(&name[0].to_lowercase().as_str())
                || name[1].split_once('-').is_some_and(|(_, rest)| rest.starts_with(char::is_lowercase)));
        if surname_first {
            name[0]
        } else {
            name[name.len() - 1]
        }
    }
}

/// The checks that reject a run as no person's name, in the order they are made; a check may
/// rely on the ones before it (that the name has words, say).
const NOT_A_NAME: &[fn(&NameCandidate) -> bool] = &[
    is_body,
    has_no_name_shape,
    holds_function_word,
    names_a_day,
    is_subhead_in_capitals,
    ends_in_acronym,
    is_place_word_for_one_word,
    names_a_place_or_a_plural_of_title,
];

/// A body ("Senate Majority Leader", "the Treasury Department"), unless a person is named after
/// it: "Senate Majority Leader Mitch McConnell", "FBI Director James Comey" have a body in the
/// title, and a person named after it by a known given name, or by two words right after an
/// office one person holds ("White House Chief of Staff Denis McDonough").
fn is_body(c: &NameCandidate) -> bool {
    let parts = &c.parts;
    let office_before = parts.name.len() == 2 && parts.titles.last().is_some_and(|t| is_personal_title(t));
    let named_after_body = parts.name.len() >= 2
        && (gender_of_given_name(parts.name[0]).is_some() || office_before)
        && !is_organisation(&parts.name);
    is_organisation(c.run) && !named_after_body
}

/// No name at all, more than four words, or a word with a digit.
fn has_no_name_shape(c: &NameCandidate) -> bool {
    c.name.is_empty() || c.name.len() > 4 || c.name.iter().any(|w| w.chars().any(|ch| ch.is_ascii_digit()))
}

/// "The Gap Goes On" (a sub-head run into a sentence) holds a function word; no name does, but
/// for a surname that is one ("Theresa May").
fn holds_function_word(c: &NameCandidate) -> bool {
    let surname_function_word = |k: usize, w: &str| {
        k > 0
            && k == c.name.len() - 1
            && crate::lexicon::contains(crate::lexicon::FUNCTION_WORD_SURNAMES, &w.to_lowercase())
    };
    c.name.iter().enumerate().any(|(k, w)| is_function_word(w) && !surname_function_word(k, w))
}

/// "Election Day", "New Year's Eve": a day is no person, unless a given name opens it ("Kristen
/// Day").
fn names_a_day(c: &NameCandidate) -> bool {
    let name = &c.name;
    name.len() >= 2
        && DAY_WORDS.contains(&name[name.len() - 1].to_lowercase().as_str())
        && gender_of_given_name(name[0]).is_none()
}

/// "THE BORROWING Back when …": a sub-head in capitals is no name.
fn is_subhead_in_capitals(c: &NameCandidate) -> bool {
    c.name.iter().any(|w| w.chars().filter(|ch| ch.is_alphabetic()).count() >= 4 && !w.chars().any(char::is_lowercase))
}

/// "DNC", "FBI": a lone word in capitals is an acronym, not a person; so is a short one that
/// ends a run ("Conservative Solutions PAC", "Eurosceptic SVP"), which no surname is but a Roman
/// numeral ("John Smith III").
fn ends_in_acronym(c: &NameCandidate) -> bool {
    let last = c.name[c.name.len() - 1];
    let roman_numeral = last.chars().all(|ch| ROMAN_NUMERAL_LETTERS.contains(ch));
    c.name.len() == 1 && is_acronym(last, usize::MAX) || c.name.len() > 1 && is_acronym(last, 4) && !roman_numeral
}

/// "West Virginia", "South Carolina", "U.N. Women": a compass point, nationality or country is no
/// title for one word.
fn is_place_word_for_one_word(c: &NameCandidate) -> bool {
    let place = |t: &str| is_nationality(t) || COUNTRY_ABBREVIATIONS.contains(&t);
    let titles = &c.parts.titles;
    c.name.len() == 1 && !titles.is_empty() && titles.iter().all(|t| place(&t.to_lowercase()))
}

/// "the Republic of Turkey", "the Armenians of Israel": a place is no person; nor are "House
/// Republicans" or "Latino Democrats", ending in the plural of a title word. A place word ends
/// "Park" and "Hill" as surnames too: after an office one person holds ("Mayor Lina Park") the
/// run is a person.
fn names_a_place_or_a_plural_of_title(c: &NameCandidate) -> bool {
    let name = &c.name;
    let plural_of_title = |w: &str| w.strip_suffix('s').is_some_and(|one| one.len() > 2 && is_title(one));
    let after_office = c.parts.titles.iter().any(|t| is_personal_title(t) || is_honorific(t));
    is_place_name(name) || is_place(name) && !after_office || plural_of_title(name[name.len() - 1])
}

/// The run without the words that open a sentence ("The", "In", "But", "For", "Beneath"); none
/// when nothing is left or the run names a place.
fn without_opening_function_words<'t>(run: &[&'t str]) -> Option<Vec<&'t str>> {
    let words: Vec<&str> = run.iter().copied().skip_while(|w| is_function_word(w)).collect();
    (!words.is_empty() && !is_place(&words)).then_some(words)
}

/// A headline's name ends at its verb: "Hillary Clinton Says Trump", "Glenn Beck Blasts Drudge"
/// (but "Powerful Things Latinos Said" opens with no given name: no name).
fn cut_at_headline_verb(words: &mut Vec<&str>) {
    if gender_of_given_name(words[0]).is_some() {
        if let Some(cue) =
            words.iter().skip(2).position(|w| crate::lexicon::contains(crate::lexicon::CUES, &w.to_lowercase()))
        {
            words.truncate(cue + 2);
        }
    }
}

impl SpeakerResolver<'_> {
    /// Register (or find) the person a capitalised run names, if it names one.
    pub(super) fn person_from_run(&mut self, run: &[&str], at: usize) -> Option<usize> {
        if let Some(p) = self.surname_of_someone_named_in_full(run, at) {
            return Some(p);
        }
        let mut words = without_opening_function_words(run)?;
        cut_at_headline_verb(&mut words);
        self.drop_description_before_given_name(&mut words);
        let parts = split_title(&words);
        let name = parts.name.iter().copied().filter(|w| *w != "of").collect();
        let candidate = NameCandidate { run: &words, parts, name };
        if NOT_A_NAME.iter().any(|is_no_name| is_no_name(&candidate)) {
            return None;
        }
        if candidate.name.len() == 1 {
            if let ControlFlow::Break(found) = self.person_of_lone_word(&candidate, at) {
                return found;
            }
        }
        let found = self.person_named_in_full(&candidate.name).or_else(|| self.person_whose_name_ends(&candidate.name));
        Some(found.unwrap_or_else(|| self.add_person(&candidate)))
    }

    /// "Cuban said", "King added", "Will urged": a lone word that could be a nationality, a title
    /// or a function word is the surname of someone the article names in full.
    fn surname_of_someone_named_in_full(&self, run: &[&str], at: usize) -> Option<usize> {
        let [word] = run else { return None };
        self.person_by_surname(word, at, None).filter(|&p| self.people[p].name.contains(' ') && !is_acronym(word, 4))
    }

    /// Words before a known given name that no title list holds describe the person, when the
    /// article also names them without those words: "Billionaire Donald Trump", "Entrusting
    /// Donald Trump" (but "Cornell William Brooks" is his name).
    fn drop_description_before_given_name(&self, words: &mut Vec<&str>) {
        if words.len() >= 3 && gender_of_given_name(words[0]).is_none() {
            if let Some(given) = (1..words.len() - 1).find(|&i| gender_of_given_name(words[i]).is_some()) {
                let (run, rest) = (words.join(" "), words[given..].join(" "));
                if words[..given].iter().all(|w| !is_title(w) && !w.ends_with('.') && *w != "of")
                    && self.text.matches(rest.as_str()).count() > self.text.matches(run.as_str()).count()
                {
                    words.drain(..given);
                }
            }
        }
    }

    /// Who a lone capitalised word names: `Break` with the person, or with none when it names
    /// no one; `Continue` when it is a new person's name.
    fn person_of_lone_word(&self, c: &NameCandidate, at: usize) -> ControlFlow<Option<usize>> {
        let surname = c.surname();
        // A lone capitalised word is a person only after a title, or once known as a surname;
        // "Mrs. Clinton" is not the Bill Clinton named last.
        if let Some(p) = self.person_by_surname(surname, at, c.title_gender()) {
            return ControlFlow::Break(Some(p));
        }
        // A known given name alone is a person too ("Melanie thought …", "his daughter,
        // Ellie,"), unless it is as often a word ("Bill", "Mark", "Rose").
        let untitled = c.parts.titles.is_empty();
        let given_name_alone = untitled
            && gender_of_given_name(surname).is_some()
            && !GIVEN_NAMES_ALSO_WORDS.contains(&surname.to_lowercase().as_str());
        if (untitled && !given_name_alone) || crate::lexicon::contains(crate::lexicon::CUES, &surname.to_lowercase()) {
            return ControlFlow::Break(None);
        }
        if given_name_alone {
            if let Some(p) = self.person_last_named_with_given_name(surname, at) {
                return ControlFlow::Break(Some(p));
            }
            // A new person of that name alone, but not when the article uses it as a surname
            // ("Bobby Scott … Scott said").
            if self.follows_a_name_somewhere(surname) {
                return ControlFlow::Break(None);
            }
        }
        ControlFlow::Continue(())
    }

    /// "Hillary", "Bernie": the person of that given name the article last named in full before
    /// `at`.
    fn person_last_named_with_given_name(&self, given: &str, at: usize) -> Option<usize> {
        let full_with_given =
            |p: &Person| p.name.split_whitespace().count() > 1 && p.name.split_whitespace().next() == Some(given);
        self.mentions.iter().rev().find(|m| m.at < at && full_with_given(&self.people[m.person])).map(|m| m.person)
    }

    /// The person already known by exactly this name.
    fn person_named_in_full(&self, name: &[&str]) -> Option<usize> {
        let full = name.join(" ");
        self.people.iter().position(|p| p.name == full)
    }

    /// The last words of a name known in full, however capitalised: "Bin Laden" for Osama bin
    /// Laden, "Vander Plaats" for Bob Vander Plaats; not of a run that only looks like a name
    /// ("Said Dorothy Poynter", a headline's "McCain Challenger Kelli Ward").
    fn person_whose_name_ends(&self, name: &[&str]) -> Option<usize> {
        if name.len() < 2 {
            return None;
        }
        let tail = format!(" {}", name.join(" ").to_lowercase());
        let known_in_full = |p: &Person| {
            let lower = p.name.to_lowercase();
            let particle = p.name.split_whitespace().any(|w| NAME_PARTICLES.contains(&w));
            lower
                .strip_suffix(&tail)
                .is_some_and(|before| particle || before.split_whitespace().any(|w| gender_of_given_name(w).is_some()))
        };
        self.people.iter().position(known_in_full)
    }

    /// Register a new person under the candidate's name, with the gender its title or given name
    /// tells.
    fn add_person(&mut self, c: &NameCandidate) -> usize {
        let name = &c.name;
        let gender = c
            .title_gender()
            .or_else(|| gender_of_given_name(name[0]).filter(|_| name.len() > 1 || c.parts.titles.is_empty()));
        self.people.push(Person { name: name.join(" "), surname: c.surname().to_string(), gender });
        self.people.len() - 1
    }

    /// The person with this surname (and a compatible gender, when a title gives one): among
    /// full names mentioned before `at`, the one mentioned most, else the first full name
    /// anywhere, else a surname-only entry.
    pub(super) fn person_by_surname(&self, surname: &str, at: usize, gender: Option<Gender>) -> Option<usize> {
        let compatible = |p: &Person| gender.is_none() || p.gender.is_none() || p.gender == gender;
        let matches = |p: &Person| {
            (p.surname.eq_ignore_ascii_case(surname) || p.name.eq_ignore_ascii_case(surname)) && compatible(p)
        };
        // Of several people with one surname (Ted, Heidi and Rafael Cruz), a bare "Cruz" is the
        // one mentioned most so far, usually the article's subject; of equals, the one whose
        // last mention is older, since news writing names a relative in full when it means them.
        let mut counts: Vec<(usize, usize)> = Vec::new(); // (person, mentions), most recent first
        for m in self.mentions.iter().rev().filter(|m| m.at < at) {
            if matches(&self.people[m.person]) && self.people[m.person].name.contains(' ') {
                match counts.iter_mut().find(|(p, _)| *p == m.person) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((m.person, 1)),
                }
            }
        }
        let before = counts.iter().enumerate().max_by_key(|&(order, &(_, n))| (n, order)).map(|(_, &(p, _))| p);
        before
            .or_else(|| self.people.iter().position(|p| matches(p) && p.name.contains(' ')))
            .or_else(|| self.people.iter().position(matches))
    }

    /// Whether `word` comes right after a capitalised word somewhere in the text ("Bobby
    /// Scott", "“Bobby” Scott", "John F. Scott"): then it is a surname there, whatever else it
    /// may be. A word followed by punctuation other than an initial's full stop ("… in
    /// Benghazi. Bob said", "The Washington Post, Bob provided") is no name before it.
    fn follows_a_name_somewhere(&self, word: &str) -> bool {
        let text = self.text;
        text.match_indices(word).any(|(i, _)| {
            let Some(before) = text[..i].strip_suffix(' ') else { return false };
            let previous = before.rsplit(char::is_whitespace).next().unwrap_or("").trim_end_matches(is_quotation_mark);
            let initial = previous.len() == 2 && previous.ends_with('.');
            let joined = previous.ends_with(char::is_alphanumeric) || initial;
            previous.chars().next().is_some_and(char::is_uppercase)
                && !is_title(previous)
                && joined
                && !text[i + word.len()..].starts_with(char::is_alphanumeric)
        })
    }
}
