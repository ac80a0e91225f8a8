//! Finding attributions: who (source mention) said what (content) with which cue.
//!
//! Works per sentence of each [`Block`] (each clause, where a semicolon joins two), where a
//! quotation is one token. A one-line paragraph `NAME: …` and the turns of a transcript inside a
//! quotation (`"WALLACE: …`) are what that name said. Otherwise each speech cue is read
//! against a few English patterns, in this order:
//!
//! 1. `SOURCE CUE [listener] [adverbial] [that|:|,] CONTENT` — content after the cue;
//! 2. `CONTENT, SOURCE CUE [adverbial].` and `CONTENT, CUE SOURCE.` — content before it;
//! 3. `CONTENT, SOURCE CUE, CONTENT` — content interrupted by its attribution (one span);
//! 4. `according to SOURCE, CONTENT` and `CONTENT, according to SOURCE`;
//! 5. `…, saying/adding/noting CONTENT` — the source is the sentence's subject;
//! 6. `SOURCE CUE A and CUE B`, `… but CUE B` — a second cue sharing the first one's source;
//! 7. `Asked about X, SOURCE CUE …`, `When asked by Y whether X, SOURCE CUE …` — the question is
//!    an attribution of its own, by whoever asked it (`X was asked by Y whether …`);
//! 8. `X is expected to …`, `X seemed to …`, `X is reportedly …` — an attribution that names no
//!    one, its cue inside the content.
//!
//! Quotations no pattern covers are attributed to the speaker of the quote just before when the
//! paragraph consists of nothing else (a quote running on into a new paragraph) or when an
//! earlier sentence of the paragraph named a speaker, and to the sentence's subject when they end
//! the sentence after a colon (`Obama has a new message: “…”`) or open the paragraph after one
//! that ends in a cue and a colon (`Caddell continued:`); quotations with no speaker at all
//! are kept only when they are whole sentences, since short ones are scare quotes or titles.

use crate::lexicon::{self, contains};
use crate::quotemarks::{is_quotation_mark, Quoted};
use crate::segment::{Block, Token, TokenKind};
use crate::span::Span;

mod according_to;
mod asked;
mod colon_line;
mod content;
mod coordinated;
mod cue;
mod cue_subject;
mod leftover;
mod participle;
mod poll;
mod sentence;
mod subject;
mod subject_cue;
mod unheld;

use according_to::*;
use asked::*;
use colon_line::*;
use content::*;
pub use cue::cue_without_speaker;
use cue::*;
use leftover::*;
use poll::*;
use sentence::*;
pub use subject::clause_joined_speaker;
use subject::*;
use unheld::*;

/// How a quotation is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteType {
    /// Words inside quotation marks, the whole of what is attributed.
    Direct,
    /// Reported speech that contains a quoted fragment.
    Mixed,
    /// Reported speech with no quotation marks.
    Indirect,
}

impl QuoteType {
    /// The name used in the CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            QuoteType::Direct => "direct",
            QuoteType::Mixed => "mixed",
            QuoteType::Indirect => "indirect",
        }
    }
}

/// One attribution found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// What was said: for direct quotes the words inside the marks; for a quote interrupted by
    /// its attribution, from the first part's start to the last part's end.
    pub content: Span,
    /// Direct, mixed or indirect.
    pub kind: QuoteType,
    /// The speech cue (`said`, `according to`), if one was found.
    pub cue: Option<Span>,
    /// The words naming the source at the attribution site (for a quote that continues the
    /// one before, the previous quote's source, and no cue).
    pub source: Option<Span>,
}

/// A source as found by the patterns, before pronoun and name resolution.
#[derive(Debug, Clone, Copy)]
struct Frame {
    pub(super) content: Span,
    pub(super) cue: Span,
    pub(super) source: Option<Span>,
    /// Token range (within the sentence) of the content, for coordinated cues.
    pub(super) content_tokens: (usize, usize),
    /// The quotation of the sentence before, when that is the content ("“…!” Trump said.").
    pub(super) previous_quote: Option<usize>,
}

impl Frame {
    /// The frame of `cue` and `source` whose content is tokens `a..e`, none when those hold no
    /// text.
    pub(super) fn over(
        text: &str,
        toks: &[Token],
        (a, e): (usize, usize),
        cue: Span,
        source: Option<Span>,
    ) -> Option<Frame> {
        Some(Frame {
            content: token_span(text, toks, a, e)?,
            cue,
            source,
            content_tokens: (a, e),
            previous_quote: None,
        })
    }

    /// End the content before token `cut` (an attribution or a new statement starts there);
    /// a content that would be left empty stays as it was.
    pub(super) fn end_at(&mut self, text: &str, toks: &[Token], cut: usize) {
        if let Some(trimmed) = token_span(text, toks, self.content_tokens.0, cut) {
            self.content = trimmed;
            self.content_tokens.1 = cut;
        }
    }
}

/// A speech cue in a sentence, as the patterns read it.
#[derive(Debug, Clone, Copy)]
struct CueSite<'a> {
    text: &'a str,
    /// The sentence (or clause) the cue stands in.
    toks: &'a [Token],
    /// The cue's first token.
    i: usize,
    /// The cue's length in tokens (2 for `according to`, `called for`).
    len: usize,
    /// One past the sentence's last content token ([`sentence_end`]).
    end: usize,
    /// The cue's span.
    cue: Span,
    /// Where what was said starts after the cue, when something other than an adverbial stands
    /// there ([`complement_start`]).
    forward: Option<usize>,
}

impl<'a> CueSite<'a> {
    /// The cue of `len` tokens at token `i` of a sentence whose content ends before `end`.
    fn new(text: &'a str, toks: &'a [Token], i: usize, len: usize, end: usize) -> Self {
        let cue = Span::new(toks[i].span.start, toks[i + len - 1].span.end);
        let forward =
            complement_start(toks, i + len, end).filter(|&a| has_content(toks, a, end) && !is_adverbial(toks, a, end));
        CueSite { text, toks, i, len, end, cue, forward }
    }

    /// The cue's first word, lower-cased.
    fn word(&self) -> &str {
        &self.toks[self.i].lower
    }

    /// The frame of this cue and `source` whose content is tokens `a..e`.
    fn frame(&self, (a, e): (usize, usize), source: Option<Span>) -> Option<Frame> {
        Frame::over(self.text, self.toks, (a, e), self.cue, source)
    }
}

/// Find all attributions in an article's blocks.
pub fn find_attributions(text: &str, blocks: &[Block], quoted: &[Quoted]) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if let Some(a) = speaker_colon_line(text, block) {
            out.push(a);
            continue;
        }
        if block.heading {
            continue;
        }
        let block_first = out.len();
        for (s, range) in block.sentences.iter().enumerate() {
            let toks = &block.tokens[range.clone()];
            let previous_quote = s
                .checked_sub(1)
                .and_then(|p| block.tokens[block.sentences[p].clone()].last())
                .and_then(|t| t.quote().map(|q| (t.span, q)));
            // A semicolon joins two statements, each with its own attribution ("It is unlikely;
            // Clinton's team says she will …"): each clause is read as a sentence.
            for (c, clause) in toks.split_inclusive(|t| t.is_punct(";")).enumerate() {
                for frame in sentence_frames(text, clause, previous_quote.filter(|_| c == 0)) {
                    out.push(classify(frame, quoted, clause));
                }
            }
        }
        let lead_in = b.checked_sub(1).and_then(|p| colon_lead_in(text, &blocks[p]));
        attribute_leftover_quotes(text, block, quoted, &mut out, block_first, lead_in);
    }
    out.sort_by_key(|a| (a.content.start, a.content.end));
    out.dedup_by(|b, a| a.content == b.content);
    out
}

/// Decide direct / mixed / indirect from the quotations inside a frame's content.
fn classify(frame: Frame, quoted: &[Quoted], toks: &[Token]) -> Attribution {
    let (a, b) = frame.content_tokens;
    let inner: Vec<usize> = match frame.previous_quote {
        Some(q) => vec![q],
        None => toks[a..b].iter().filter_map(|t| t.quote()).collect(),
    };
    // Words outside the quotations, the attribution itself ("he said") not counted.
    let attribution = |t: &Token| frame.source.is_some_and(|s| s.contains(&t.span)) || frame.cue.contains(&t.span);
    let other_words =
        toks[a..b].iter().filter(|t| t.kind == TokenKind::Word && t.lower != "that" && !attribution(t)).count();
    let (kind, content) = if !inner.is_empty() && other_words == 0 {
        let first = quoted[inner[0]].inner;
        let last = quoted[*inner.last().unwrap()].inner;
        (QuoteType::Direct, first.cover(&last))
    } else if !inner.is_empty() {
        (QuoteType::Mixed, frame.content)
    } else {
        (QuoteType::Indirect, frame.content)
    };
    Attribution { content, kind, cue: Some(frame.cue), source: frame.source }
}
