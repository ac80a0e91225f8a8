//! Pattern 5: `…, saying/adding/noting CONTENT` — the source is the sentence's subject (or the
//! speaker already found in the sentence).

use super::*;

/// Words before a participle cue that join it to the clause before: "… and saying …", "by
/// saying …".
const PARTICIPLE_JOINERS: &[&str] = &["and", "by"];

/// Words that join a participle cue after a comma or dash: "… while chanting, “…”", "before
/// asking her, “…”".
const PARTICIPLE_CONJUNCTIONS: &[&str] = &["while", "before", "after"];

/// Whether the cue is a participle ("saying", "adding") and not a progressive: "Trump is saying
/// …" (the wire services' present tense) reads like "Trump says …".
pub(super) fn applies(site: &CueSite) -> bool {
    let CueSite { toks, i, .. } = *site;
    let progressive = i > 0 && (is_finite_be(&toks[i - 1].lower) || toks[i - 1].lower == "been");
    site.word().ends_with("ing") && !progressive
}

/// Pattern 5: ", saying …" takes the sentence's subject (or the speaker already found).
pub(super) fn frame(site: &CueSite, frames: &[Frame]) -> Option<Frame> {
    let CueSite { text, toks, i, end, .. } = *site;
    if let Some(w) = with_phrase(site) {
        let a = site.forward?;
        let e = statement_end(text, toks, a, end);
        return site.frame((a, e), token_span(text, toks, w + 1, i));
    }
    if !joined_to_clause(site) {
        return None;
    }
    let a = site.forward?;
    let source = frames
        .first()
        .and_then(|f| f.source)
        .or_else(|| sentence_subject(text, toks, i).map(|(s, _)| s))
        .or_else(|| noun_phrase_forward(text, toks, leading_conjunction(toks, 0), i));
    let e = statement_end(text, toks, a, end);
    site.frame((a, e), source)
}

/// "with 30 percent of voters saying …": the words between "with" and the cue speak; the index
/// of that "with".
fn with_phrase(site: &CueSite) -> Option<usize> {
    let CueSite { toks, i, .. } = *site;
    let w = (i.saturating_sub(8)..i).rev().find(|&k| toks[k].is_word("with"))?;
    (w + 1 < i && toks[w + 1..i].iter().all(|t| t.kind == TokenKind::Word && !contains(lexicon::CUES, &t.lower)))
        .then_some(w)
}

/// "…, saying …", "… – saying …", "… and saying …", "by saying …", "… while chanting, “…”",
/// "before asking her, “…”": whether the participle joins the clause before it.
fn joined_to_clause(site: &CueSite) -> bool {
    let CueSite { text, toks, i, .. } = *site;
    i > 0
        && (is_comma(text, &toks[i - 1])
            || is_dash_or_hyphen(&toks[i - 1])
            || contains(PARTICIPLE_JOINERS, &toks[i - 1].lower)
            || contains(PARTICIPLE_CONJUNCTIONS, &toks[i - 1].lower)
                && i > 1
                && (toks[i - 2].is_punct(",") || is_dash_or_hyphen(&toks[i - 2])))
}
