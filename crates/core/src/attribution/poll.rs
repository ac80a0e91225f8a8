//! `In the latest … poll, CONTENT`: a poll named at the head of a sentence is its source.

use super::*;

/// Nouns that name a poll.
const POLL_NOUNS: &[&str] = &["poll", "polls", "survey", "surveys"];

/// Participles that describe a poll after its comma ("…, conducted in May,").
const POLL_PARTICIPLES: &[&str] = &["conducted", "taken", "released", "published"];

/// "In the latest Washington Post-ABC News poll, Clinton led Trump 47 percent to 39 percent": a
/// poll or survey named at the head of a sentence is the source of what follows its comma (the
/// cue is "In"; PolNeAR train: 10 of 13). A participle after the comma ("…, conducted in May,")
/// describes the poll.
pub(super) fn poll_frame(text: &str, toks: &[Token], end: usize) -> Option<Frame> {
    let lead = leading_conjunction(toks, 0);
    if !toks.get(lead).is_some_and(|t| t.is_word("in")) {
        return None;
    }
    let comma = (lead + 1..end.min(lead + 14)).find(|&k| toks[k].is_punct(","))?;
    if !contains(POLL_NOUNS, &toks[comma - 1].lower) || toks[lead + 1..comma].iter().any(|t| t.kind != TokenKind::Word)
    {
        return None;
    }
    let mut a = comma + 1;
    if toks.get(a).is_some_and(|t| contains(POLL_PARTICIPLES, &t.lower)) {
        a = (a..end).find(|&k| toks[k].is_punct(","))? + 1;
    }
    let source = token_span(text, toks, lead + 1, comma)?;
    let e = content_end(text, toks, a, end);
    has_content(toks, a, e).then(|| Frame::over(text, toks, (a, e), toks[lead].span, Some(source))).flatten()
}
