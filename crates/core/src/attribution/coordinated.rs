//! Pattern 6: `SOURCE CUE A and CUE B`, `… but CUE B` — a second cue sharing the first one's
//! source, or, with none before it, the sentence's subject.

use super::*;

/// The "and" or "but" that joins the cue to the clause before it, past an adverb between them
/// ("and repeatedly says, “…”"): its token index.
pub(super) fn conjunction(site: &CueSite) -> Option<usize> {
    let CueSite { text, toks, i, .. } = *site;
    let adverb = |t: &Token| {
        t.kind == TokenKind::Word
            && (contains(lexicon::BETWEEN_SUBJECT_AND_CUE, &t.lower)
                || lexicon::is_ly_adverb(&t.lower) && !t.is_capitalized(text))
    };
    let conj = if i > 1 && adverb(&toks[i - 1]) { i - 2 } else { i.saturating_sub(1) };
    (i > 0 && (toks[conj].is_word("and") || toks[conj].is_word("but"))).then_some(conj)
}

/// The frame of a cue that `conj` joins to the clause before: "… and announced that …", "… but
/// added, “…”" shares the source of the frame it interrupts, which ends there; "Cruz exhorted
/// Republicans to … and said he was …", with no frame before, takes the sentence's subject.
pub(super) fn frame(site: &CueSite, frames: &mut [Frame], conj: usize) -> Option<Frame> {
    let CueSite { text, toks, i, end, .. } = *site;
    // The earlier statement may already end at the conjunction ("… defense spending but has
    // said …": a "but" before a clause ends it).
    let reaches = |f: &Frame| {
        f.content.contains(&toks[conj].span)
            || f.previous_quote.is_none() && f.content_tokens.1 <= conj && conj <= f.content_tokens.1 + 1
    };
    if let Some(prev) = frames.iter_mut().rev().find(|f| reaches(f)) {
        let a = site.forward?;
        let mut cut = conj;
        if cut > 0 && toks[cut - 1].is_punct(",") {
            cut -= 1;
        }
        prev.end_at(text, toks, cut);
        let e = statement_end(text, toks, a, end);
        return site.frame((a, e), prev.source);
    }
    if i > 1 && frames.is_empty() {
        let a = site.forward?;
        let (source, _) = sentence_subject(text, toks, i)?;
        let e = statement_end(text, toks, a, end);
        return site.frame((a, e), Some(source));
    }
    None
}
