//! Pattern 8: `X is expected to …`, `X seemed to …`, `X is reportedly …` — an attribution that
//! names no one, its cue inside the content.

use super::*;

/// Adverbs that may stand between "be" and "expected": "is widely expected to".
const BEFORE_EXPECTED: &[&str] = &["widely", "not", "also", "still", "now", "generally", "largely"];

/// "Trump is expected to deliver a victory speech tonight", "delegates who are expected to
/// support …", "The mayor seemed to soften her stance", "The club is reportedly spending …": an
/// expectation, appearance or report that names no one as holding it. PolNeAR marks these as
/// attributions with no source (in PolNeAR train, 68 of the 77 "is expected to"), the cue
/// standing inside a content that runs from the subject to the end of the clause.
pub(super) fn unheld_frame(text: &str, toks: &[Token], i: usize, end: usize) -> Option<Frame> {
    let word = toks[i].lower.as_str();
    let to_follows = toks.get(i + 1).is_some_and(|t| t.is_word("to"));
    // Where the cue starts and where the content goes on after it.
    let (cue_start, after) = match word {
        "expected" if to_follows => {
            let mut be = i.checked_sub(1)?;
            if contains(BEFORE_EXPECTED, &toks[be].lower) {
                be = be.checked_sub(1)?;
            }
            is_finite_be(&toks[be].lower).then_some((be, i + 1))?
        }
        _ if contains(lexicon::APPEARANCE_VERBS, word) && to_follows => (i, i + 1),
        // "Sanders was asked to name …" reads like an expectation; "Rubio was asked by the
        // moderator whether …", "Trump was asked about it": the question is what was said, by
        // whoever asked it.
        // Any form of "be" but the bare infinitive: "is asked", "has been asked", "being asked".
        "asked" if i > 0 && contains(lexicon::BE_FORMS, &toks[i - 1].lower) && toks[i - 1].lower != "be" => {
            if to_follows {
                (i - 1, i + 1)
            } else {
                return question_frame(text, toks, i, end);
            }
        }
        // "Trump reportedly said …" is the cue's own frame.
        "reportedly"
            if toks.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word) && cue_at(text, toks, i + 1).is_none() =>
        {
            (i, i + 1)
        }
        _ => return None,
    };
    if cue_start == 0 || after + 1 >= end {
        return None;
    }
    // The subject: from the start of its clause, or from a relative pronoun; a subject that an
    // aside between commas ends ("The central bank, which …, is expected") starts the sentence.
    let boundary =
        |t: &Token| t.is_punct(",") || t.is_punct(":") || t.is_punct(";") || t.quote().is_some() || is_dash(t);
    let clause_start = if boundary(&toks[cue_start - 1]) {
        leading_conjunction(toks, 0)
    } else {
        (0..cue_start).rev().find(|&k| boundary(&toks[k])).map_or(leading_conjunction(toks, 0), |k| k + 1)
    };
    let relative = (clause_start..cue_start)
        .rev()
        .find(|&k| contains(lexicon::RELATIVE_PRONOUNS, &toks[k].lower) || toks[k].is_word("that"));
    let mut start = relative.unwrap_or(clause_start);
    // "It is expected to rise": PolNeAR leaves a bare "it" out.
    if cue_start == start + 1 && toks[start].is_word("it") {
        start = after;
    }
    let mut e = content_end(text, toks, after + 1, end);
    if relative.is_some_and(|r| r > 0 && toks[r - 1].is_punct(",")) {
        e = relative_clause_end(text, toks, after + 1, e);
    }
    Frame::over(text, toks, (start, e), Span::new(toks[cue_start].span.start, toks[i].span.end), None)
}
