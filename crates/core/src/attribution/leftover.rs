//! Quotations that no pattern covers: continuations of an earlier quote, signatures, quotes a
//! colon introduces, and whole sentences in marks kept with no speaker.

use super::*;

/// Punctuation that may end a signature after a dash ("― Adriana Rodarte, …").
const SIGNATURE_ENDS: &[&str] = &[".", ",", "/"];

/// The longest attribution (in words) that may stand between two parts of one quotation.
pub(super) const JOIN_MAX_WORDS: usize = 45;

/// How far back (in bytes) the attribution a quote continues may lie: about two paragraphs.
pub(super) const CONTINUATION_REACH: usize = 600;

/// `― Name` right after a quotation, up to the end of the sentence: the name's span.
pub(super) fn dash_signature(text: &str, toks: &[Token], k: usize) -> Option<Span> {
    let dash = toks.get(k)?;
    if !is_dash_or_hyphen(dash) {
        return None;
    }
    let mut e = k + 1;
    while e < toks.len() && e <= k + 5 && toks[e].is_capitalized(text) {
        e += 1;
    }
    let ends = e == toks.len()
        || toks[e].kind == TokenKind::Punct && contains(SIGNATURE_ENDS, &toks[e].lower)
        || toks[e].quote().is_some();
    (e > k + 1 && ends).then(|| Span::new(toks[k + 1].span.start, toks[e - 1].span.end))
}

/// The source and cue of a paragraph that introduces the next one with a colon ("Caddell
/// continued:", "The New York Times reports:", "Petra Lind said in a statement:"): a speech cue
/// a few words before the colon and the subject before that cue.
pub(super) fn colon_lead_in(text: &str, block: &Block) -> Option<(Span, Span)> {
    let toks = &block.tokens[block.sentences.last()?.clone()];
    let colon = toks.len().checked_sub(1).filter(|&c| toks[c].is_punct(":"))?;
    // Near the colon, not a clause earlier ("The bias begins to show when … the website rated
    // this statement:").
    let cue = (colon.saturating_sub(4)..colon).find(|&k| cue_at(text, toks, k).is_some())?;
    let (_, source) = subject_before(text, toks, cue)?;
    Some((source, Span::new(toks[cue].span.start, toks[colon - 1].span.end)))
}

/// Quotations that no frame took: continue the previous speaker, or keep them unattributed when
/// they are whole sentences. `lead_in` is the source and cue of a previous paragraph that ends
/// in a colon ([`colon_lead_in`]): a quotation opening this one is what it introduced.
pub(super) fn attribute_leftover_quotes(
    text: &str,
    block: &Block,
    quoted: &[Quoted],
    out: &mut Vec<Attribution>,
    block_first: usize,
    lead_in: Option<(Span, Span)>,
) {
    for (k, t) in block.tokens.iter().enumerate().filter(|(_, t)| t.quote().is_some()) {
        let quote = Leftover { text, block, k, token: t, q: &quoted[t.quote().unwrap()] };
        if out[block_first..].iter().any(|a| a.content.overlaps(&quote.q.inner)) {
            continue;
        }
        let turns = transcript_turns(text, quote.q);
        if !turns.is_empty() {
            out.extend(turns);
            continue;
        }
        if let Some(signed) = signed_by_dash(&quote) {
            out.push(signed);
            continue;
        }
        if extends_previous_part(&quote, &mut out[block_first..]) {
            continue;
        }
        let found = said_after_colon(&quote)
            .or_else(|| introduced_by_lead_in(&quote, lead_in))
            .or_else(|| whole_sentence(&quote, out, block_first));
        out.extend(found);
    }
}

/// A quotation of a block that no frame took.
struct Leftover<'a> {
    text: &'a str,
    block: &'a Block,
    /// The quotation's token index in the block.
    k: usize,
    /// The quotation's token.
    token: &'a Token,
    q: &'a Quoted,
}

impl Leftover<'_> {
    /// A direct quote of this quotation.
    fn direct(&self, cue: Option<Span>, source: Option<Span>) -> Attribution {
        Attribution { content: self.q.inner, kind: QuoteType::Direct, cue, source }
    }

    /// Whether the quotation opens its block.
    fn starts_block(&self) -> bool {
        self.block.tokens.first().is_some_and(|first| first.span == self.token.span)
    }
}

/// “…” ― Adriana Rodarte: a name after a dash signs the quote (vox pops, epigraphs).
fn signed_by_dash(quote: &Leftover) -> Option<Attribution> {
    let toks = &quote.block.tokens;
    let signature = dash_signature(quote.text, toks, quote.k + 1)?;
    Some(quote.direct(Some(toks[quote.k + 1].span), Some(signature)))
}

/// "“A,” she said. “B.”": the second part of a quote interrupted by its attribution
/// extends the first, when only that attribution stands between them; whether it did.
/// The attribution may be long ("said Ronald R. Fieldstone, a Miami lawyer who …") and
/// carry an aside of its own (", speaking of Clinton's health"): PolNeAR still takes both
/// parts as one content, so look past indirect frames to the last direct quote.
fn extends_previous_part(quote: &Leftover, block_out: &mut [Attribution]) -> bool {
    let (text, q) = (quote.text, quote.q);
    let Some(prev) =
        block_out.iter_mut().rev().filter(|a| a.content.end <= q.outer.start).find(|a| a.kind == QuoteType::Direct)
    else {
        return false;
    };
    let gap = Span::new(prev.content.end, q.outer.start);
    let gap_text = gap.text(text);
    let gap_words = gap_text.split_whitespace().count();
    let attribution_between =
        prev.source.is_some_and(|s| gap.contains(&s)) || prev.cue.is_some_and(|c| gap.contains(&c));
    // The gap must end in punctuation (", " or ". "); "said on the podcast “Title”"
    // quotes a name, not more of what was said.
    let gap_ends_clause = gap_text.trim_end().ends_with([',', '.', ':', ';']);
    // Past the closing mark of the first part, no other quotation stands in between.
    let after_close = gap_text.trim_start_matches([',', '.', '!', '?', '"', '”', '’', '\'', '»']);
    let other_quote = after_close.contains(['"', '“', '”', '«', '»']) || after_close.contains("''");
    let joins = attribution_between && gap_words <= JOIN_MAX_WORDS && gap_ends_clause && !other_quote;
    if joins {
        prev.content = prev.content.cover(&q.inner);
    }
    joins
}

/// "President Obama is rolling out a new campaign message: “It's about me.”": a whole
/// utterance that ends a sentence after a colon is what the sentence's subject says,
/// introduced by whatever the words between them are.
fn said_after_colon(quote: &Leftover) -> Option<Attribution> {
    let (text, block, k) = (quote.text, quote.block, quote.k);
    let range = block.sentences.iter().find(|r| r.contains(&k) && k > r.start && r.end - k <= 2)?;
    let toks = &block.tokens[range.clone()];
    let at = k - range.start;
    let last_after_colon = toks[at - 1].is_punct(":") && toks[at + 1..].iter().all(|t| t.kind == TokenKind::Punct);
    if !(last_after_colon && is_whole_utterance(text, quote.token)) {
        return None;
    }
    let (source, after) = sentence_subject(text, toks, at - 1).filter(|&(_, after)| after < at - 1)?;
    let cue = Span::new(toks[after].span.start, toks[at - 2].span.end);
    Some(quote.direct(Some(cue), Some(source)))
}

/// A quotation that opens the paragraph after one ending in a cue and a colon ([`colon_lead_in`]).
fn introduced_by_lead_in(quote: &Leftover, lead_in: Option<(Span, Span)>) -> Option<Attribution> {
    let (source, cue) = lead_in.filter(|_| quote.starts_block())?;
    Some(quote.direct(Some(cue), Some(source)))
}

/// A whole sentence in marks: at the head of a paragraph, it goes on in the voice of the
/// attribution just before the paragraph; later in one, in that of the paragraph's last speaker;
/// with none, it is kept with no speaker. Short quotations are scare quotes or titles.
fn whole_sentence(quote: &Leftover, out: &[Attribution], block_first: usize) -> Option<Attribution> {
    let (text, q) = (quote.text, quote.q);
    let words = q.inner.text(text).split_whitespace().count();
    // Judged on everything inside the marks: the trailing comma was trimmed off `inner`.
    let within_marks = q.outer.text(text).trim_end_matches(['"', '”', '’', '\'', '»']);
    let sentence_like = words >= 6 && within_marks.ends_with(['.', '!', '?', '…', ',']);
    if !sentence_like {
        return None;
    }
    // The speaker of the last attribution before this block, if it ended with a quotation.
    let previous = out[..block_first]
        .last()
        .filter(|a| a.source.is_some() && quote.block.span.start.saturating_sub(a.content.end) < CONTINUATION_REACH);
    if let Some(prev) = previous.filter(|_| quote.starts_block()) {
        return Some(quote.direct(None, prev.source));
    }
    // "She said she felt … “loop-hole,” she said. “We have no context …”": a whole
    // sentence in marks later in the paragraph goes on in the voice of the paragraph's
    // last speaker (and has none when the paragraph has named none).
    let source = out[block_first..]
        .iter()
        .rev()
        .find(|a| a.content.end <= q.outer.start && a.source.is_some())
        .and_then(|a| a.source);
    Some(quote.direct(None, source))
}
