//! Pattern 2, inverted: `CONTENT, CUE SOURCE.` — "CONTENT, said Trump.", "“…,” said the
//! minister."

use super::*;

/// The frame of a cue right after a comma or a quotation, its source after it.
pub(super) fn frame(site: &CueSite) -> Option<Frame> {
    let CueSite { text, toks, i, len, end, .. } = *site;
    if !(i > 0 && (toks[i - 1].is_punct(",") || toks[i - 1].quote().is_some())) {
        return None;
    }
    let source = noun_phrase_forward(text, toks, i + len, end)?;
    // "Rich Heffley, a top operative who …, said the absentee program is …": a noun phrase
    // that a finite verb follows is the subject of what was said, not the speaker.
    if toks[i + len..end]
        .iter()
        .find(|t| t.span.start >= source.end)
        .is_some_and(|t| contains(lexicon::CLAUSE_MARKERS, &t.lower))
    {
        return opener_speaks(site);
    }
    let b = if toks[i - 1].is_punct(",") { i - 1 } else { i };
    let a = leading_conjunction(toks, 0);
    if has_content(toks, a, b) {
        return site.frame((a, b), Some(source));
    }
    None
}

/// The speaker is then the name that opens the sentence, if a comma follows it (the aside that
/// ends before the cue), and what was said follows the cue.
fn opener_speaks(site: &CueSite) -> Option<Frame> {
    let CueSite { text, toks, i, end, .. } = *site;
    let a = leading_conjunction(toks, 0);
    let opener = noun_phrase_forward(text, toks, a, i)?;
    let after_opener = toks[a..i].iter().position(|t| t.span.start >= opener.end).map(|k| a + k)?;
    let f = site.forward?;
    if !toks[after_opener].is_punct(",") || !toks[a].is_capitalized(text) {
        return None;
    }
    let e = statement_end(text, toks, f, end);
    site.frame((f, e), Some(opener))
}
