//! Speech cues: which words report something said (`said`, `according to`, `charges that`).

use super::*;

/// Verbs of saying or showing after a plural noun: "Police reports said …", "news reports say
/// …" make the noun a subject, not a cue.
const VERBS_AFTER_PLURAL_NOUN: &[&str] = &[
    "said", "say", "says", "show", "showed", "found", "suggest", "suggested", "indicate", "indicated", "stated",
    "noted",
];

/// "continues to insist": the forms of "continue" before "to".
const CONTINUE_FORMS: &[&str] = &["continue", "continues", "continued", "continuing"];

/// "went on to say": the forms of "go" before "on to".
const GO_FORMS: &[&str] = &["go", "goes", "went", "going"];

/// "Trump charges that countries …": a finite verb (ending in -s or -ed) right before a
/// `that` which opens a clause reports a statement or belief even when the verb is rare.
pub(super) fn verb_before_that_clause(toks: &[Token], i: usize) -> bool {
    let w = &toks[i].lower;
    let finite = (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") || w.ends_with("ed")) && w.len() > 3;
    finite
        && !contains(lexicon::STOP, w)
        && toks.get(i + 1).is_some_and(|t| t.is_word("that"))
        && toks.get(i + 2).is_some_and(|t| {
            t.kind == TokenKind::Word
                && (contains(lexicon::DETERMINERS, &t.lower)
                    || contains(lexicon::PRONOUNS, &t.lower)
                    || t.lower.chars().next().is_some_and(|c| c.is_ascii_digit()))
        })
}

/// Length in tokens of a speech cue starting at `i`, if there is one.
pub(super) fn cue_at(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    let t = &toks[i];
    if t.kind != TokenKind::Word {
        return None;
    }
    if t.lower == "according" && toks.get(i + 1).is_some_and(|n| n.is_word("to")) {
        return Some(2);
    }
    for (verb, particle) in lexicon::CUE_PARTICLES {
        if t.lower == *verb && toks.get(i + 1).is_some_and(|n| n.is_word(particle)) {
            return Some(2);
        }
    }
    if !(contains(lexicon::CUES, &t.lower)
        || contains(lexicon::MEASURED_CUES, &t.lower)
        || verb_before_that_clause(toks, i))
        || lexicon::CUE_PARTICLES.iter().any(|(v, _)| *v == t.lower)
    {
        return None;
    }
    // "to say", "would say", "didn't say": not a report of something said; but "Theresa May
    // said" names its speaker.
    // "continues to insist", "went on to say" report it all the same (PolNeAR train: 25 of 27).
    if i > 0
        && contains(lexicon::BLOCKS_CUE, &toks[i - 1].lower)
        && !is_name_part(text, toks, i - 1)
        && goes_on_to(toks, i).is_none()
    {
        return None;
    }
    // "Police reports said …", "news reports say …": a plural noun before the verb of saying.
    if t.lower.ends_with('s') && toks.get(i + 1).is_some_and(|n| contains(VERBS_AFTER_PLURAL_NOUN, &n.lower)) {
        return None;
    }
    // "a talk show host": a bare verb form after "a" and a noun is a noun itself (a singular
    // subject would take "shows").
    if i > 1
        && contains(lexicon::INDEFINITE_ARTICLES, &toks[i - 2].lower)
        && toks[i - 1].kind == TokenKind::Word
        && !toks[i - 1].is_capitalized(text)
        && !t.lower.ends_with(['s', 'd', 'g'])
    {
        return None;
    }
    // "were reported wounded", "was told": a passive names no speaker before it.
    if i > 0 && t.lower.ends_with("ed") && contains(lexicon::BE_FORMS, &toks[i - 1].lower) {
        return None;
    }
    Some(1)
}

/// "continues to" or "went on to" before the verb at `i`: the number of tokens it takes.
pub(super) fn goes_on_to(toks: &[Token], i: usize) -> Option<usize> {
    if i < 2 || !toks[i - 1].is_word("to") {
        return None;
    }
    if contains(CONTINUE_FORMS, &toks[i - 2].lower) {
        return Some(2);
    }
    (i > 2 && toks[i - 2].is_word("on") && contains(GO_FORMS, &toks[i - 3].lower)).then_some(3)
}

/// Whether a cue names no speaker in whatever stands before it: "seems" or "appears" alone says
/// how something looks ("support for her appears steady"), and a passive "was asked (about)"
/// names who was asked, not who asked. PolNeAR gives these attributions no source (train,
/// default pipeline: of the speakers found for them, 54 wrong for that reason alone, 5 right).
/// "appeared to suggest", "seems to think" keep theirs: there the subject does speak or think.
pub fn cue_without_speaker(text: &str, cue: Span) -> bool {
    let words: Vec<String> = cue.text(text).split_whitespace().map(str::to_lowercase).collect();
    match words.as_slice() {
        [only] if contains(lexicon::APPEARANCE_VERBS, only) => true,
        [be, asked] | [be, asked, _] if contains(lexicon::BE_FORMS, be) && asked == "asked" => {
            words.get(2).is_none_or(|w| w == "about")
        }
        _ => false,
    }
}
