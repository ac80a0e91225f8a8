//! A speaker's identity across a corpus: `speaker_id`, one key for the ways articles write one
//! person's or body's name, the same in every article and every run.
//!
//! Within an article the resolver already gives each speaker its fullest name ("Donald J. Trump"
//! for a later "Trump"). Across articles the same person is still written several ways, so the
//! id folds what does not tell people apart: case, accents ("Zelenskyy", "Zelénskyy"), titles
//! ("President", "Mr."), apostrophes and full stops, a leading "the", generational suffixes, and,
//! for a person, every name between the first and the last ("Donald J. Trump", "Hillary Rodham
//! Clinton" → `donald-trump`, `hillary-clinton`). A person the article names by surname alone
//! keeps the surname (`obama`): joining it to a full name would take the rest of the corpus,
//! which one article does not see.
//!
//! A speaker the article describes but does not name ("the Texas senator", "a State Department
//! spokesman", "U.S. officials") is someone else in every article: its id is the article's id
//! and the description (`<article_id>/the-texas-senator`), so it groups within its article and
//! never across articles.

use super::words::{NAME_PARTICLES, TITLES};
use super::SpeakerType;

/// Suffixes after a name that do not tell people apart.
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Lower-case words a proper name of a body may hold ("Department of State", "Doctors without
/// Borders").
const NAME_JOINERS: &[&str] = &["of", "and", "for", "on", "in", "the", "without", "&"];

/// The corpus-wide id of a speaker named `name`, of kind `kind`, in article `article_id`:
/// lower-case ASCII words joined by `-`, after the article's id for a description; empty for no
/// name.
pub fn speaker_id(name: &str, kind: SpeakerType, article_id: &str) -> String {
    if is_description(name, kind) {
        return format!("{article_id}/{}", words_of(name).join("-"));
    }
    let mut words = words_of(name);
    if kind == SpeakerType::Person {
        let titles = words.iter().take_while(|w| is_title(w)).count();
        // A name that is all title ("President") keeps its words.
        if titles < words.len() {
            words.drain(..titles);
        }
        while words.len() > 1 && words.last().is_some_and(|w| NAME_SUFFIXES.contains(&w.as_str())) {
            words.pop();
        }
        if words.len() > 2 {
            words.drain(1..words.len() - 1);
        }
    } else if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join("-")
}

/// The folded words of a name.
fn words_of(name: &str) -> Vec<String> {
    let folded: String = name.chars().flat_map(fold).collect();
    folded
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `name` describes a speaker rather than naming one: it opens with "a" or "an" (or, for
/// a person, "the"), or holds a lower-case word that is no particle of a name ("the Texas
/// senator", "U.S. officials"; not "The Dock Workers' Union", "Osama bin Laden").
fn is_description(name: &str, kind: SpeakerType) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(first) = words.first() else { return false };
    // "The Dock Workers' Union" is a name; "the President" describes a person.
    let openers: &[&str] = if kind == SpeakerType::Person { &["a", "an", "the"] } else { &["a", "an"] };
    let article = openers.contains(&first.to_lowercase().as_str());
    let lower = |w: &&str| {
        w.chars().next().is_some_and(char::is_lowercase) && !NAME_PARTICLES.contains(w) && !NAME_JOINERS.contains(w)
    };
    article || words.iter().skip(1).any(lower) || lower(first) && !NAME_JOINERS.contains(first)
}

/// Whether a folded word is a title before a name ("president", "mr", "sen").
fn is_title(word: &str) -> bool {
    TITLES.iter().any(|t| t.trim_end_matches('.') == word)
}

/// A character as lower-case ASCII: accents and ligatures of the Latin letters dropped, full
/// stops and apostrophes removed (so "O'Brien" and "U.N." read "obrien", "un"), other
/// characters lower-cased as they are.
fn fold(c: char) -> Vec<char> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => {
            "a"
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "i",
        'ł' | 'ľ' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => {
            "o"
        }
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'Ť' | 'Ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        '.' | '\'' | '’' | '‘' => "",
        _ => return c.to_lowercase().collect(),
    };
    plain.chars().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_written_several_ways_has_one_id() {
        for name in ["Donald J. Trump", "Donald Trump", "President Donald Trump", "Mr. Donald John Trump Jr."] {
            assert_eq!(speaker_id(name, SpeakerType::Person, "a1"), "donald-trump", "{name}");
        }
        assert_eq!(speaker_id("Hillary Rodham Clinton", SpeakerType::Person, "a1"), "hillary-clinton");
        assert_eq!(speaker_id("Volodymyr Zelénskyy", SpeakerType::Person, "a1"), "volodymyr-zelenskyy");
        assert_eq!(
            speaker_id("Conan O’Brien", SpeakerType::Person, "a1"),
            speaker_id("Conan O'Brien", SpeakerType::Person, "a1")
        );
    }

    #[test]
    fn people_and_bodies_that_differ_keep_apart() {
        assert_ne!(
            speaker_id("Hillary Clinton", SpeakerType::Person, "a1"),
            speaker_id("Bill Clinton", SpeakerType::Person, "a1")
        );
        assert_eq!(speaker_id("Obama", SpeakerType::Person, "a1"), "obama");
        // Described, not named: someone else in every article.
        assert_eq!(speaker_id("the President", SpeakerType::Person, "a1"), "a1/the-president");
        assert_eq!(speaker_id("the Texas senator", SpeakerType::Person, "a1"), "a1/the-texas-senator");
        assert_ne!(
            speaker_id("the senator", SpeakerType::Person, "a1"),
            speaker_id("the senator", SpeakerType::Person, "a2")
        );
        assert_eq!(speaker_id("Osama bin Laden", SpeakerType::Person, "a1"), "osama-laden");
        assert_eq!(speaker_id("The Dock Workers' Union", SpeakerType::Organisation, "a1"), "dock-workers-union");
        assert_eq!(speaker_id("U.N. officials", SpeakerType::Group, "a1"), "a1/un-officials");
        assert_eq!(speaker_id("Republicans", SpeakerType::Group, "a1"), "republicans");
        assert_eq!(speaker_id("", SpeakerType::Unknown, "a1"), "");
    }
}
