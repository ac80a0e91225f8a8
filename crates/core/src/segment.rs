//! Segmentation: paragraphs, blocks, tokens and sentences, all as byte spans of the article text.
//!
//! A *block* is a paragraph, or several when a quotation runs across them; a quotation is always
//! one [`TokenKind::Quote`] token, so sentence splitting never cuts a quote apart and the
//! attribution rules see `QUOTE , he said .` whatever the quote holds.

use crate::quotemarks::Quoted;
use crate::span::Span;
use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word or number (may carry an abbreviation's dot: `Mr.`, `U.S.`).
    Word,
    /// One punctuation character.
    Punct,
    /// A whole quotation, marks included; the index points into the article's quote list.
    Quote(usize),
}

/// One token: where it is, what it is, and its lower-cased form for lexicon look-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Bytes in the article text.
    pub span: Span,
    /// Word, punctuation or quotation.
    pub kind: TokenKind,
    /// Lower-cased text (empty for quotation tokens).
    pub lower: String,
}

impl Token {
    /// Whether this is a word whose first character is upper case.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind == TokenKind::Word && self.span.text(text).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether this is a punctuation token equal to `p`.
    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokenKind::Punct && self.lower == p
    }

    /// Whether this is the word `w` (compared lower-cased).
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == TokenKind::Word && self.lower == w
    }

    /// The index of the quotation, if this token is one.
    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            TokenKind::Quote(q) => Some(q),
            _ => None,
        }
    }
}

/// A paragraph, or paragraphs joined by a quotation that runs across them.
#[derive(Debug, Clone)]
pub struct Block {
    /// From the first paragraph's start to the last one's end.
    pub span: Span,
    /// Indices of the paragraphs it covers.
    pub paragraphs: Range<usize>,
    /// A heading or sub-heading: short, with no sentence-final punctuation.
    pub heading: bool,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Sentences as ranges of `tokens`.
    pub sentences: Vec<Range<usize>>,
}

/// Split the body (from `body_start`) into paragraphs: maximal runs of non-blank lines are not
/// joined; every non-blank line is a paragraph, trimmed of surrounding whitespace.
pub fn paragraphs(text: &str, body_start: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = body_start;
    for (i, _) in text[body_start..]
        .match_indices('\n')
        .map(|(i, s)| (i + body_start, s))
        .chain(std::iter::once((text.len(), "")))
    {
        let span = Span::new(line_start, i).trim_by(text, |_| false);
        if !span.is_empty() {
            out.push(span);
        }
        line_start = (i + 1).min(text.len());
    }
    out
}

/// Words whose trailing dot belongs to them rather than ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "st", "jr",
    "sr", "rev", "hon", "pres", "sec", "amb", "supt", "det", "insp", "no", "vs", "etc", "inc", "corp", "co", "ltd",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "univ", "est",
    "fig", "al",
];

/// Cut one block's text into tokens; quotations become single tokens.
fn tokenize(text: &str, span: Span, quoted: &[Quoted], first_quote: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut q = first_quote;
    let mut i = span.start;
    while i < span.end {
        while q < quoted.len() && quoted[q].outer.start < i {
            q += 1;
        }
        if q < quoted.len() && quoted[q].outer.start == i {
            let outer = quoted[q].outer;
            tokens.push(Token { span: outer, kind: TokenKind::Quote(q), lower: String::new() });
            i = outer.end;
            q += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("inside the text");
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A plural possessive ("Workers' Union", "the dock workers' union") reads like "'s", not
        // like a quotation mark: an apostrophe that closes a quotation was taken with it above.
        let plural_possessive = (c == '\'' || c == '’')
            && tokens
                .last()
                .is_some_and(|t: &Token| t.kind == TokenKind::Word && t.span.end == i && t.lower.ends_with('s'))
            && text[i + c.len_utf8()..].starts_with(' ')
            && text[i + c.len_utf8() + 1..].chars().next().is_some_and(char::is_alphabetic);
        if plural_possessive {
            let end = i + c.len_utf8();
            tokens.push(Token { span: Span::new(i, end), kind: TokenKind::Word, lower: "'s".into() });
            i = end;
            continue;
        }
        if !c.is_alphanumeric() {
            // "--" stands for a dash in plain-text articles: one token, as "—" is.
            let end = if text[i..span.end].starts_with("--") { i + 2 } else { i + c.len_utf8() };
            tokens.push(Token { span: Span::new(i, end), kind: TokenKind::Punct, lower: text[i..end].to_string() });
            i = end;
            continue;
        }
        let end = word_end(text, i, span.end);
        // Split a possessive 's off its noun so "Russia's foreign minister" reads as NP 's NP.
        let word = &text[i..end];
        let (word_end_at, possessive) = match word.char_indices().rev().nth(1) {
            Some((k, a)) if (a == '\'' || a == '’') && word.ends_with(['s', 'S']) && k > 0 => (i + k, true),
            _ => (end, false),
        };
        let lower = text[i..word_end_at].to_lowercase();
        tokens.push(Token { span: Span::new(i, word_end_at), kind: TokenKind::Word, lower });
        if possessive {
            tokens.push(Token { span: Span::new(word_end_at, end), kind: TokenKind::Word, lower: "'s".into() });
        }
        i = end;
    }
    tokens
}

/// The words and punctuation of `span`, as a block's are cut, reading any quotation marks in
/// it as punctuation: the inside of a quotation.
pub fn tokens_of(text: &str, span: Span) -> Vec<Token> {
    tokenize(text, span, &[], 0)
}

/// End of the word starting at `i`: letters and digits, joined by inner apostrophes, hyphens,
/// and the dots and commas of numbers and abbreviations (`U.S.`, `25,000`, `Mr.`).
fn word_end(text: &str, i: usize, limit: usize) -> usize {
    let bytes_left = &text[i..limit];
    let mut end = i;
    let mut chars = bytes_left.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = i + k + c.len_utf8();
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let prev = text[..i + k].chars().next_back();
        let joins = match c {
            '\'' | '’' | '-' => next.is_some_and(char::is_alphanumeric),
            ',' => prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()),
            '.' => {
                // "3.5", "U.S", and after a hyphen "D-N.Y" (a party tag's state).
                let since_hyphen = text[i..i + k].rsplit('-').next().unwrap_or_default();
                next.is_some_and(|n| n.is_alphanumeric())
                    && (prev.is_some_and(|p| p.is_ascii_digit())
                        || since_hyphen.chars().count() == 1
                        || text[i..i + k].contains('.'))
            }
            _ => false,
        };
        if !joins {
            break;
        }
    }
    // Keep an abbreviation's dot ("Mr.", "U.S.", "J.") with the word.
    if text[end..limit].starts_with('.') {
        let word = &text[i..end];
        let lower = word.to_lowercase();
        let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if ABBREVIATIONS.contains(&lower.as_str()) || single_capital || word.contains('.') {
            end += 1;
        }
    }
    end
}

/// Split a block's tokens into sentences.
fn sentences(text: &str, tokens: &[Token], quoted: &[Quoted]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for k in 0..tokens.len() {
        let ends_here = match tokens[k].kind {
            TokenKind::Punct => matches!(tokens[k].lower.as_str(), "." | "!" | "?" | "…"),
            TokenKind::Quote(q) => {
                let inner = quoted[q].inner.text(text);
                inner.ends_with(['.', '!', '?', '…'])
            }
            TokenKind::Word => false,
        };
        if !ends_here {
            continue;
        }
        // A closing bracket or stray quote mark right after the full stop belongs to this sentence.
        let mut end = k + 1;
        while end < tokens.len()
            && tokens[end].kind == TokenKind::Punct
            && matches!(tokens[end].lower.as_str(), ")" | "]" | "”" | "\"" | "’")
        {
            end += 1;
        }
        let next_starts_sentence = match tokens.get(end) {
            None => true,
            Some(t) => match t.kind {
                TokenKind::Quote(_) => true,
                TokenKind::Word => {
                    t.span.text(text).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                }
                TokenKind::Punct => matches!(t.lower.as_str(), "(" | "[" | "—" | "-" | "--"),
            },
        };
        if next_starts_sentence && end > start {
            out.push(start..end);
            start = end;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Whether a one-paragraph block reads as a heading: no sentence-final punctuation and short.
/// Quotations are allowed in the first paragraph only (the headline); further down, a paragraph
/// ending in a quotation without a full stop is far more often a sentence than a sub-head.
fn looks_like_heading(text: &str, span: Span, tokens: &[Token], first: bool) -> bool {
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    // A headline may end in a quotation mark (Minister says budget is "fair"): look inside it.
    let last = span.text(text).trim_end().trim_end_matches(['"', '”', '’', '\'', '»']).chars().next_back();
    let final_punct = last.is_some_and(|c| ".!?…:;)".contains(c));
    !final_punct && words <= 20 && (first || !tokens.iter().any(|t| t.quote().is_some()))
}

/// Build the blocks of an article from its paragraphs and quotations.
pub fn blocks(text: &str, paragraphs: &[Span], quoted: &[Quoted]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut p = 0;
    let mut q = 0;
    while p < paragraphs.len() {
        // Extend the block while a quotation starting in it runs into a later paragraph.
        let mut last = p;
        while q < quoted.len() && quoted[q].first_paragraph < p {
            q += 1;
        }
        let first_quote = q;
        let mut k = q;
        while k < quoted.len() && quoted[k].first_paragraph <= last {
            last = last.max(quoted[k].last_paragraph);
            k += 1;
        }
        let span = Span::new(paragraphs[p].start, paragraphs[last].end);
        let tokens = tokenize(text, span, quoted, first_quote);
        let sentences = sentences(text, &tokens, quoted);
        let heading = p == last && looks_like_heading(text, span, &tokens, p == 0);
        out.push(Block { span, paragraphs: p..last + 1, heading, tokens, sentences });
        p = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotemarks::find_quoted;

    fn split(text: &str) -> Vec<Vec<String>> {
        let paras = paragraphs(text, 0);
        let quoted = find_quoted(text, &paras);
        blocks(text, &paras, &quoted)
            .iter()
            .map(|b| {
                b.sentences
                    .iter()
                    .map(|r| {
                        Span::new(b.tokens[r.start].span.start, b.tokens[r.end - 1].span.end).text(text).to_string()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Smith met U.S. officials. They agreed on 25,000 troops."),
            vec![vec!["Mr. Smith met U.S. officials.", "They agreed on 25,000 troops."]]
        );
    }

    #[test]
    fn quotes_stay_whole_inside_sentences() {
        assert_eq!(split("\"One. Two,\" he said. She left."), vec![vec!["\"One. Two,\" he said.", "She left."]]);
    }

    #[test]
    fn possessive_is_its_own_token() {
        let text = "Russia’s foreign minister";
        let paras = paragraphs(text, 0);
        let toks = tokenize(text, paras[0], &[], 0);
        let words: Vec<_> = toks.iter().map(|t| t.span.text(text)).collect();
        assert_eq!(words, vec!["Russia", "’s", "foreign", "minister"]);
    }

    #[test]
    fn headings_are_short_and_unpunctuated() {
        let text = "Long road to peace\n\nHe said it was long.";
        let paras = paragraphs(text, 0);
        let b = blocks(text, &paras, &[]);
        assert!(b[0].heading);
        assert!(!b[1].heading);
    }
}
