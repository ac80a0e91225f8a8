//! Pattern 4: `according to SOURCE, CONTENT` and `CONTENT, according to SOURCE`.

use super::*;

/// `according to SOURCE, CONTENT` or `CONTENT, according to SOURCE`.
pub(super) fn according_to(site: &CueSite) -> Option<Frame> {
    let CueSite { text, toks, i, end, cue, .. } = *site;
    let src_start = i + 2;
    let mut src_end = src_start;
    while src_end < end
        && !toks[src_end].is_punct(",")
        && toks[src_end].kind != TokenKind::Quote(usize::MAX)
        && toks[src_end].quote().is_none()
    {
        src_end += 1;
    }
    let source = token_span(text, toks, src_start, src_end.min(src_start + 12))?;
    let lead = toks[..i].iter().filter(|t| t.kind == TokenKind::Word).count();
    if lead <= 1 {
        // Sentence-initial: content follows the source's comma.
        let a = src_end + 1;
        has_content(toks, a, end).then(|| Frame::over(text, toks, (a, end), cue, Some(source))).flatten()
    } else {
        let b = if i > 0 && toks[i - 1].is_punct(",") { i - 1 } else { i };
        let a = leading_conjunction(toks, 0);
        // "Since last November, according to Human Rights Watch, security forces have killed
        // …": after a short lead-in with no verb, the statement goes on past the source, and
        // the content is the whole sentence around the attribution.
        let lead_in = b - a <= 8
            && !toks[a..b].iter().any(|t| t.quote().is_some() || contains(lexicon::CLAUSE_MARKERS, &t.lower));
        let e = if lead_in && src_end < end && toks[src_end].is_punct(",") && has_content(toks, src_end + 1, end) {
            end
        } else {
            b
        };
        has_content(toks, a, b).then(|| Frame::over(text, toks, (a, e), cue, Some(source))).flatten()
    }
}
