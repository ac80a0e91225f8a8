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

/// "Lindqvist defended the increase" names a position more than something said; verbs of
/// position need at least this many words of content (or a quotation) to count. PolNeAR counts
/// positions too, so the limit is low: three words score on PolNeAR train and dev within 0.001
/// of no limit at all, and better than five.
const POSITION_MIN_WORDS: usize = 3;

/// The longest attribution (in words) that may stand between two parts of one quotation.
const JOIN_MAX_WORDS: usize = 45;

/// How far back (in bytes) the attribution a quote continues may lie: about two paragraphs.
const CONTINUATION_REACH: usize = 600;

/// A source as found by the patterns, before pronoun and name resolution.
#[derive(Debug, Clone, Copy)]
struct Frame {
    content: Span,
    cue: Span,
    source: Option<Span>,
    /// Token range (within the sentence) of the content, for coordinated cues.
    content_tokens: (usize, usize),
    /// The quotation of the sentence before, when that is the content ("“…!” Trump said.").
    previous_quote: Option<usize>,
}

impl Frame {
    /// The frame of `cue` and `source` whose content is tokens `a..e`, none when those hold no
    /// text.
    fn over(text: &str, toks: &[Token], (a, e): (usize, usize), cue: Span, source: Option<Span>) -> Option<Frame> {
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
    fn end_at(&mut self, text: &str, toks: &[Token], cut: usize) {
        if let Some(trimmed) = token_span(text, toks, self.content_tokens.0, cut) {
            self.content = trimmed;
            self.content_tokens.1 = cut;
        }
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

/// Most tokens of a parenthesis between a speaker and the cue.
const PARENTHESIS_REACH: usize = 24;

/// Most words of a name that may open a `Name: statement` line.
const COLON_LINE_MAX_NAME_WORDS: usize = 4;

/// Most words before the colon of a headline whose opening words name the speaker.
const COLON_LINE_MAX_TITLE_WORDS: usize = 8;

/// "Mark Cuban: I'd consider a future White House bid.", "AP: Trump chair routed money to
/// lobbyists", "KATE BOLDUAN: Why not debate?": a one-line paragraph that opens with a name and
/// a colon is what that name said (headlines and transcripts; PolNeAR marks them so). A lone word
/// must be known as a name from the rest of the article ("Carson" after "Ben Carson") or be a
/// short acronym used again ("AP"), and no word of the name may be a label ("Breaking:",
/// "Update:", "Contributing:").
fn speaker_colon_line(text: &str, block: &Block) -> Option<Attribution> {
    let toks = &block.tokens;
    if block.paragraphs.len() != 1 {
        return None;
    }
    // "\"PENCE: Well, look …": a transcript quoted paragraph by paragraph keeps a stray opening
    // mark before the name.
    let first = usize::from(
        toks.first().is_some_and(|t| t.kind == TokenKind::Punct && t.span.text(text).chars().all(is_quotation_mark)),
    );
    let colon = first
        + toks[first..].iter().take(COLON_LINE_MAX_TITLE_WORDS + 1).position(|t| t.is_punct(":")).filter(|&c| c > 0)?;
    let name = &toks[first..colon];
    let name_word = |t: &Token| {
        t.is_capitalized(text) && !contains(lexicon::LINE_LABELS, &t.lower) && !contains(lexicon::STOP, &t.lower)
    };
    let name = if name.len() <= COLON_LINE_MAX_NAME_WORDS && name.iter().all(name_word) {
        name
    } else {
        // "Obama on Climate Change: The Trends Are 'Terrifying.'", "Elizabeth Warren Hammers
        // Wells Fargo CEO: ‘…’": a headline whose opening words are a name the article uses
        // again; those words speak.
        let title_case = name.iter().all(|t| {
            t.is_capitalized(text)
                || matches!(
                    t.lower.as_str(),
                    "on" | "to" | "at" | "in" | "for" | "of" | "and" | "with" | "about" | "over"
                )
        });
        if !title_case {
            return None;
        }
        let k = (1..name.len()).rev().find(|&k| {
            name[..k].iter().all(name_word)
                && occurrences(text, Span::new(name[0].span.start, name[k - 1].span.end).text(text)).count() >= 2
        })?;
        &name[..k]
    };
    if name.len() == 1 && !is_transcript_name(text, name[0].span.text(text)) {
        let word = name[0].span.text(text);
        let acronym =
            word.len() <= 4 && word.chars().all(|c| c.is_ascii_uppercase()) && occurrences(text, word).count() >= 2;
        // "Ben Carson" somewhere for "Carson: …".
        let named_elsewhere = occurrences(text, word).any(|at| {
            let before = text[..at].strip_suffix(' ').and_then(|b| b.rsplit(|c: char| !c.is_alphabetic()).next());
            before.is_some_and(|w| {
                w.len() > 1
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).all(char::is_lowercase)
            })
        });
        // "Poll: Clinton and Trump in dead heat": a source named by its kind.
        let report = contains(lexicon::REPORT_NOUNS, &name[0].lower);
        if !acronym && !named_elsewhere && !report {
            return None;
        }
    }
    let last = toks.len() - usize::from(toks.last().is_some_and(|t| t.is_punct(".")));
    // At least two words said, a quotation counting by the words inside it.
    let said_words: usize = toks[colon + 1..last]
        .iter()
        .map(|t| {
            if t.quote().is_some() {
                t.span.text(text).split_whitespace().count()
            } else {
                usize::from(t.kind != TokenKind::Punct)
            }
        })
        .sum();
    if said_words < 2 {
        return None;
    }
    let content = Span::new(toks[colon + 1].span.start, toks[last - 1].span.end);
    let kind = match &toks[colon + 1..last] {
        [only] if only.quote().is_some() => QuoteType::Direct,
        rest if rest.iter().any(|t| t.quote().is_some()) => QuoteType::Mixed,
        _ => QuoteType::Indirect,
    };
    let source = Span::new(name[0].span.start, name[name.len() - 1].span.end);
    Some(Attribution { content, kind, cue: Some(toks[colon].span), source: Some(source) })
}

/// "WALLACE: If I may, sir …" within a quotation: the turns of a quoted transcript, one per
/// paragraph that opens with a name in capitals and a colon, each said by that name. A
/// one-word name must open at least two lines of the article.
fn transcript_turns(text: &str, q: &Quoted) -> Vec<Attribution> {
    let mut turns = Vec::new();
    let mut line_start = q.inner.start;
    for line in q.inner.text(text).split('\n') {
        let start = line_start;
        line_start += line.len() + 1;
        let body = line.trim_start_matches(|c: char| c.is_whitespace() || is_quotation_mark(c));
        let body_start = start + (line.len() - body.len());
        let Some((name, rest)) = body.split_once(':') else { continue };
        let words: Vec<&str> = name.split(' ').collect();
        let capitals = |w: &&str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| c.is_ascii_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
        };
        if words.len() > COLON_LINE_MAX_NAME_WORDS
            || !words.iter().all(capitals)
            || words.iter().any(|w| contains(lexicon::LINE_LABELS, &w.to_lowercase()))
        {
            continue;
        }
        if words.len() == 1 && !is_transcript_name(text, name) {
            continue;
        }
        let said = rest.trim_start().trim_end_matches(|c: char| c == '.' || c.is_whitespace() || is_quotation_mark(c));
        if said.split_whitespace().count() < 2 {
            continue;
        }
        let said_start = body_start + name.len() + 1 + (rest.len() - rest.trim_start().len());
        let source = Span::new(body_start, body_start + name.len());
        let cue = Span::new(source.end, source.end + 1);
        turns.push(Attribution {
            content: Span::new(said_start, said_start + said.len()),
            kind: QuoteType::Direct,
            cue: Some(cue),
            source: Some(source),
        });
    }
    turns
}

/// Whether a word in capitals opens at least two lines of the article with a colon, as the
/// speakers of a transcript do ("WALLACE: …", "\"PENCE: …").
fn is_transcript_name(text: &str, word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
        && occurrences(text, word)
            .filter(|&at| {
                text[at + word.len()..].starts_with(':')
                    && text[..at].trim_end_matches(is_quotation_mark).ends_with('\n')
            })
            .count()
            >= 2
}

/// Byte offsets where `word` stands in `text` as a whole word.
fn occurrences<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| edge(text[..at].chars().last()) && edge(text[at + word.len()..].chars().next()))
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

/// The span from token `a` to token `b` (exclusive), trimmed of edge punctuation.
fn token_span(text: &str, toks: &[Token], a: usize, b: usize) -> Option<Span> {
    if a >= b {
        return None;
    }
    let span = Span::new(toks[a].span.start, toks[b - 1].span.end).trim_by(text, |c| ",;:.—–-".contains(c));
    (!span.is_empty()).then_some(span)
}

/// Whether tokens `a..b` hold enough to be something said: a quotation or two or more words.
fn has_content(toks: &[Token], a: usize, b: usize) -> bool {
    a < b
        && (toks[a..b].iter().any(|t| t.quote().is_some())
            || toks[a..b].iter().filter(|t| t.kind == TokenKind::Word).count() >= 2)
}

/// Index one past the last content token of a sentence or clause (drops the final full stop or
/// semicolon: [`find_attributions`] reads the clauses a semicolon joins one at a time).
fn sentence_end(toks: &[Token]) -> usize {
    let mut end = toks.len();
    while end > 0 && toks[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    end
}

/// Where content that starts at token `a` ends, when it would otherwise run to `end`: before a
/// contrast clause (`, but he has also …`), a trailing participle (`, even suggesting …`), a
/// relative clause, a new clause after ", and" or a gloss, which carry the writer's words rather
/// than the source's; at the comma that closes a sentence-opening subordinate clause; after a
/// quotation that a weekday follows. Cuts only after at least three words, so short contents stay whole. (A
/// dash aside, `— a metaphor for …`, was cut too until PolNeAR train showed it more often part of
/// what was said.)
fn content_end(text: &str, toks: &[Token], a: usize, end: usize) -> usize {
    let mut words = 0;
    for k in a..end {
        let t = &toks[k];
        if t.kind == TokenKind::Word {
            words += 1;
        }
        if words < 3 || k + 1 >= end {
            continue;
        }
        let next = &toks[k + 1];
        let contrast = t.is_punct(",") && next.is_word("but") && !toks.get(k + 2).is_some_and(|n| n.is_word("that"))
            || t.is_word("but") && contains(lexicon::CLAUSE_MARKERS, &next.lower) && !next.is_word("that");
        let participle = is_comma(text, t)
            && next.kind == TokenKind::Word
            && (next.lower.ends_with("ing")
                && !matches!(
                    next.lower.as_str(),
                    "including" | "during" | "according" | "nothing" | "something" | "anything" | "everything"
                )
                || matches!(next.lower.as_str(), "even" | "while")
                    && toks.get(k + 2).is_some_and(|n| n.lower.ends_with("ing")));
        // ", which …", ", who …": a non-restrictive clause the writer adds about a noun.
        let relative = t.is_punct(",") && matches!(next.lower.as_str(), "which" | "who");
        // ", and the union stepped in", ", so they're voting …": a new clause, a new statement.
        // ("… is independent and is being conducted by career lawyers" goes on with the same
        // subject, as PolNeAR reads it.)
        let after_and = toks.get(k + 2);
        let new_clause = t.is_punct(",")
            && matches!(next.lower.as_str(), "and" | "so")
            && after_and.is_some_and(|w| starts_clause(text_of(w), w));
        // ", a swipe at …", ", the 12-country trade deal …": a noun phrase with no verb of its
        // own after a comma is the writer's gloss on the last noun, not more of what was said.
        let gloss = t.is_punct(",")
            && matches!(next.lower.as_str(), "a" | "an" | "the")
            && !toks[k + 2..end]
                .iter()
                .any(|w| w.kind == TokenKind::Word && contains(lexicon::CLAUSE_MARKERS, &w.lower) && w.lower != "that");
        // "With leaders worried about a lack of passion …, President Obama is …": a sentence
        // that opens with a subordinate clause goes on to its main clause after a comma; what
        // was said in the subordinate clause ends there.
        let main_clause = t.is_punct(",")
            && opens_subordinate(toks, a)
            && (next.is_capitalized(text) && !contains(lexicon::STOP, &next.lower)
                || starts_clause(text_of(next), next));
        // "called Clinton a “disgrace” Wednesday on The Laura Ingraham Show": the day and place
        // of saying it, after a quotation.
        let day_after_quote = t.quote().is_some() && contains(lexicon::WEEKDAYS, &next.lower);
        if contrast || participle || relative || new_clause || gloss || main_clause || day_after_quote {
            // The quotation that holds the comma is still part of what was said.
            return if t.quote().is_some() { k + 1 } else { k };
        }
    }
    end
}

/// Whether the sentence opens with a subordinating word ("With", "As", "While", …, also after
/// "But" or "And") and no comma stands between it and token `a`, so that `a` lies inside the
/// opening clause.
fn opens_subordinate(toks: &[Token], a: usize) -> bool {
    let first = leading_conjunction(toks, 0);
    toks.get(first).is_some_and(|t| contains(lexicon::SUBORDINATORS, &t.lower))
        && !toks[first..a].iter().any(|t| t.is_punct(","))
}

/// A comma, or a quotation that ends in one inside its marks ("“…,” adding …"): either ends a
/// clause.
fn is_comma(text: &str, t: &Token) -> bool {
    t.is_punct(",") || t.quote().is_some() && before_closing_marks(text, t).ends_with(',')
}

/// A token's text less the closing quotation marks at its end: for a quotation, what stands
/// inside them.
fn before_closing_marks<'a>(text: &'a str, t: &Token) -> &'a str {
    t.span.text(text).trim_end_matches(['"', '”', '’', '\'', '»', ' '])
}

/// The lower-cased word (helper for [`starts_clause`]).
fn text_of(t: &Token) -> &str {
    &t.lower
}

/// Whether a word can open a clause of its own: a pronoun, a determiner or an auxiliary.
fn starts_clause(lower: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && (contains(lexicon::PRONOUNS, lower) && lower != "who"
            || matches!(
                lower,
                "the" | "his" | "her" | "their" | "its" | "has" | "had" | "is" | "was" | "also" | "then"
            ))
}

/// "Trump charges that countries …": a finite verb (ending in -s or -ed) right before a
/// `that` which opens a clause reports a statement or belief even when the verb is rare.
fn verb_before_that_clause(toks: &[Token], i: usize) -> bool {
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
fn cue_at(text: &str, toks: &[Token], i: usize) -> Option<usize> {
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
    if t.lower.ends_with('s')
        && toks.get(i + 1).is_some_and(|n| {
            matches!(
                n.lower.as_str(),
                "said"
                    | "say"
                    | "says"
                    | "show"
                    | "showed"
                    | "found"
                    | "suggest"
                    | "suggested"
                    | "indicate"
                    | "indicated"
                    | "stated"
                    | "noted"
            )
        })
    {
        return None;
    }
    // "a talk show host": a bare verb form after "a" and a noun is a noun itself (a singular
    // subject would take "shows").
    if i > 1
        && matches!(toks[i - 2].lower.as_str(), "a" | "an")
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

/// All frames of one sentence.
fn sentence_frames(text: &str, toks: &[Token], previous_quote: Option<(Span, usize)>) -> Vec<Frame> {
    let mut frames: Vec<Frame> = Vec::new();
    let end = sentence_end(toks);
    frames.extend(poll_frame(text, toks, end));
    let mut i = 0;
    while i < end {
        if let Some(f) = unheld_frame(text, toks, i, end) {
            if !frames.iter().any(|g| g.content.contains(&f.cue)) {
                frames.push(f);
            }
            i += 1;
            continue;
        }
        let Some(len) = cue_at(text, toks, i) else {
            i += 1;
            continue;
        };
        let cue = Span::new(toks[i].span.start, toks[i + len - 1].span.end);
        let frame = if toks[i].lower == "according" {
            according_to(text, toks, i, end, cue)
        } else {
            cue_frame(text, toks, i, len, end, cue, &mut frames, previous_quote)
        };
        if let Some(f) = frame {
            // A frame nested inside an earlier one's content is reported speech within reported
            // speech; keep the outer one only, unless it has its own subject.
            // Reported speech inside reported speech ("she said the two sides agreed to …") is
            // part of the outer content, not an attribution of its own.
            let (a, b) = f.content_tokens;
            // "Clinton, who called Sanders after the result, told her supporters, “I still love
            // New Hampshire.”": a whole utterance in marks after its own speaker and cue is a
            // direct quote, not part of the earlier frame's content, which ends before it.
            // The quotation follows a comma or colon; "they want “justice for Terrence,”" quotes
            // words inside the outer statement.
            let direct_inside = b == a + 1
                && is_whole_utterance(text, &toks[a])
                && a > 0
                && (toks[a - 1].is_punct(",") || toks[a - 1].is_punct(":"));
            if direct_inside {
                let speaker_start = f.source.map_or(f.cue.start, |s| s.start.min(f.cue.start));
                for g in frames.iter_mut().filter(|g| g.content.contains(&f.cue) && g.content.start < speaker_start) {
                    let cut = (g.content_tokens.0..g.content_tokens.1)
                        .find(|&k| toks[k].span.start >= speaker_start)
                        .unwrap_or(g.content_tokens.1);
                    g.end_at(text, toks, cut);
                }
                // An earlier frame left with next to nothing was only the lead-in to the quote.
                frames.retain(|g| {
                    has_content(toks, g.content_tokens.0, g.content_tokens.1) && !g.content.contains(&f.cue)
                });
            }
            // "HarperCollins declined to renew the offer, according to a publishing executive":
            // the source after "according to" vouches for the whole statement, verbs inside it
            // included, so the frames of those verbs give way to it.
            if toks[i].lower == "according" {
                frames.retain(|g| !f.content.contains(&g.cue));
            }
            // "Three-quarters said they were worried, and more than 4 in 10 said …": a cue with
            // a subject of its own after a comma starts a new statement, which ends the one it
            // would otherwise sit inside.
            if let Some(cut) = clause_start_of_speaker(text, toks, &f) {
                for g in frames
                    .iter_mut()
                    .filter(|g| g.content.contains(&f.cue) && g.content_tokens.0 < cut && g.previous_quote.is_none())
                {
                    g.end_at(text, toks, cut);
                }
            }
            let nested = frames.iter().any(|g| g.content.contains(&f.cue));
            // "declined to comment" is an attribution however short (PolNeAR train: 28 of 28).
            let refusal = matches!(toks[i].lower.as_str(), "declined" | "refused") && a < b && toks[a].is_word("to");
            let thin = contains(lexicon::POSITION_CUES, &toks[i].lower)
                && !refusal
                && a < b
                && !toks[a..b].iter().any(|t| t.quote().is_some())
                && toks[a..b].iter().filter(|t| t.kind == TokenKind::Word).count() < POSITION_MIN_WORDS;
            if !nested && !thin {
                frames.push(f);
            }
        }
        i += len;
    }
    frames
}

/// "Trump is expected to deliver a victory speech tonight", "delegates who are expected to
/// support …", "The mayor seemed to soften her stance", "The club is reportedly spending …": an
/// expectation, appearance or report that names no one as holding it. PolNeAR marks these as
/// attributions with no source (in PolNeAR train, 68 of the 77 "is expected to"), the cue
/// standing inside a content that runs from the subject to the end of the clause.
fn unheld_frame(text: &str, toks: &[Token], i: usize, end: usize) -> Option<Frame> {
    let word = toks[i].lower.as_str();
    let to_follows = toks.get(i + 1).is_some_and(|t| t.is_word("to"));
    // Where the cue starts and where the content goes on after it.
    let (cue_start, after) = match word {
        "expected" if to_follows => {
            let mut be = i.checked_sub(1)?;
            if matches!(toks[be].lower.as_str(), "widely" | "not" | "also" | "still" | "now" | "generally" | "largely")
            {
                be = be.checked_sub(1)?;
            }
            matches!(toks[be].lower.as_str(), "is" | "are" | "was" | "were" | "'s").then_some((be, i + 1))?
        }
        "seemed" | "seems" | "seem" | "appears" | "appeared" | "appear" if to_follows => (i, i + 1),
        // "Sanders was asked to name …" reads like an expectation; "Rubio was asked by the
        // moderator whether …", "Trump was asked about it": the question is what was said, by
        // whoever asked it.
        "asked" if i > 0 && matches!(toks[i - 1].lower.as_str(), "is" | "are" | "was" | "were" | "been" | "being") => {
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

/// "Rubio was asked by the moderator whether …", "Blumenthal was asked, “…?”", "Trump was
/// asked about it": a question put to the subject; its speaker is the one named after "by", if
/// any, and the cue takes in "about".
fn question_frame(text: &str, toks: &[Token], i: usize, end: usize) -> Option<Frame> {
    let mut j = i + 1;
    let mut source = None;
    if toks.get(j).is_some_and(|t| t.is_word("by")) {
        let asker = noun_phrase_forward(text, toks, j + 1, end)?;
        source = Some(asker);
        j = toks.iter().position(|t| t.span.start >= asker.end).unwrap_or(end);
    }
    let about = toks.get(j).is_some_and(|t| t.is_word("about"));
    let cue_end = if about && source.is_none() { j } else { i };
    let a = complement_start(toks, if about { j + 1 } else { j }, end)?;
    let e = statement_end(text, toks, a, end);
    // One word will do ("was asked about it").
    let one_word = a < e && toks[a].kind == TokenKind::Word;
    if !(has_content(toks, a, e) || one_word) {
        return None;
    }
    Frame::over(text, toks, (a, e), Span::new(toks[i - 1].span.start, toks[cue_end].span.end), source)
}

/// Where a relative clause between commas that starts before token `from` ends, if before `e`:
/// at the comma the main clause's verb follows ("Barkley, who said he votes democratic, said
/// …", "The workers, who are expected to strike, gathered …"; an irregular verb such as "met"
/// is not recognised).
fn relative_clause_end(text: &str, toks: &[Token], from: usize, e: usize) -> usize {
    let verb_after = |k: usize| {
        toks.get(k + 1).is_some_and(|w| {
            w.kind == TokenKind::Word
                && !w.is_capitalized(text)
                && (contains(lexicon::CUES, &w.lower)
                    || contains(lexicon::CLAUSE_MARKERS, &w.lower)
                        && !contains(lexicon::PRONOUNS, &w.lower)
                        && w.lower != "that"
                        && w.lower != "there"
                    || w.lower.ends_with("ed"))
        })
    };
    (from + 1..e).find(|&k| toks[k].is_punct(",") && verb_after(k)).unwrap_or(e)
}

/// Where the clause of a frame's speaker opens, when a comma (or ", and", ", but") stands before
/// the speaker with at most three lower-case words between ("…, then she said"): the token index
/// of that comma.
fn clause_start_of_speaker(text: &str, toks: &[Token], f: &Frame) -> Option<usize> {
    let source = f.source.filter(|s| s.end <= f.cue.start)?;
    let s_tok = toks.iter().position(|t| t.span.start == source.start)?;
    // "… mishandled the investigation and Democrats accused …": a capitalised speaker right
    // after "and" opens a clause without a comma.
    let opens_clause = |k: usize| {
        toks[k].is_punct(",")
            || (toks[k].is_word("and") || toks[k].is_word("but"))
                && k > 0
                && (toks[k - 1].is_punct(",") || k + 1 == s_tok && toks[s_tok].is_capitalized(text))
    };
    let k = (s_tok.saturating_sub(4)..s_tok).rev().find(|&k| {
        opens_clause(k) && toks[k + 1..s_tok].iter().all(|t| t.kind == TokenKind::Word && !t.is_capitalized(text))
    })?;
    Some(if toks[k].kind == TokenKind::Word { k - 1 } else { k })
}

/// The subject of a sentence whose verb stands at token `i`, when it is a name, a determined
/// noun phrase or a pronoun: its span and the index of the token after it. The subject ends
/// where a name is followed by a lower-case word, the verb ("Obama positioned …").
fn sentence_subject(text: &str, toks: &[Token], i: usize) -> Option<(Span, usize)> {
    let mut start = leading_conjunction(toks, 0);
    // "In his speech, Obama positioned Clinton as …", "Facing a lack of passion, Obama …": past
    // a lead-in adverbial or participle.
    // A subordinate clause ("With leaders worried about …, Obama …") may be longer.
    let subordinate = toks.get(start).is_some_and(|t| contains(lexicon::SUBORDINATORS, &t.lower));
    let reach = if subordinate { i } else { i.min(start + 15) };
    if subordinate
        || toks.get(start).is_some_and(|t| contains(lexicon::ADVERBIAL_OPENERS, &t.lower) || t.lower.ends_with("ing"))
    {
        if let Some(comma) = (start..reach).find(|&k| toks[k].is_punct(",")) {
            start = comma + 1;
        }
    }
    let first_word = toks.get(start).filter(|_| start < i)?;
    if !(first_word.is_capitalized(text)
        || contains(lexicon::DETERMINERS, &first_word.lower)
        || contains(lexicon::PRONOUNS, &first_word.lower))
    {
        return None;
    }
    // After a determiner the capitalised words modify a head noun, and the head nouns that
    // follow belong to the subject: "A Clinton campaign official", "The Texas senator".
    let led_by_determiner = contains(lexicon::DETERMINERS, &first_word.lower);
    let past_heads = |mut k: usize| {
        while led_by_determiner && k < i && toks[k].kind == TokenKind::Word && lexicon::is_speaker_head(&toks[k].lower)
        {
            k += 1;
        }
        k
    };
    let name_end = (start + 1..i)
        .find(|&k| {
            toks[k - 1].is_capitalized(text)
                && !contains(lexicon::DETERMINERS, &toks[k - 1].lower)
                && toks[k].kind == TokenKind::Word
                && !toks[k].is_capitalized(text)
                && !contains(lexicon::NP_JOINERS, &toks[k].lower)
                && toks[k].lower != "'s"
        })
        .map(past_heads);
    // "The piece used one of …": a lower-case past form or cue ends a common-noun subject.
    let verb = (start + 1..i).find(|&k| {
        toks[k].kind == TokenKind::Word
            && !toks[k].is_capitalized(text)
            && (toks[k].lower.ends_with("ed") || contains(lexicon::CUES, &toks[k].lower))
    });
    let end = [name_end, verb].into_iter().flatten().min().unwrap_or(i);
    let source = noun_phrase_forward(text, toks, start, end.min(start + 8))?;
    let after = toks.iter().position(|t| t.span.start >= source.end).unwrap_or(toks.len());
    Some((source, after))
}

/// `according to SOURCE, CONTENT` or `CONTENT, according to SOURCE`.
fn according_to(text: &str, toks: &[Token], i: usize, end: usize, cue: Span) -> Option<Frame> {
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

/// "In the latest Washington Post-ABC News poll, Clinton led Trump 47 percent to 39 percent": a
/// poll or survey named at the head of a sentence is the source of what follows its comma (the
/// cue is "In"; PolNeAR train: 10 of 13). A participle after the comma ("…, conducted in May,")
/// describes the poll.
fn poll_frame(text: &str, toks: &[Token], end: usize) -> Option<Frame> {
    let lead = leading_conjunction(toks, 0);
    if !toks.get(lead).is_some_and(|t| t.is_word("in")) {
        return None;
    }
    let comma = (lead + 1..end.min(lead + 14)).find(|&k| toks[k].is_punct(","))?;
    if !matches!(toks[comma - 1].lower.as_str(), "poll" | "polls" | "survey" | "surveys")
        || toks[lead + 1..comma].iter().any(|t| t.kind != TokenKind::Word)
    {
        return None;
    }
    let mut a = comma + 1;
    if toks.get(a).is_some_and(|t| matches!(t.lower.as_str(), "conducted" | "taken" | "released" | "published")) {
        a = (a..end).find(|&k| toks[k].is_punct(","))? + 1;
    }
    let source = token_span(text, toks, lead + 1, comma)?;
    let e = content_end(text, toks, a, end);
    has_content(toks, a, e).then(|| Frame::over(text, toks, (a, e), toks[lead].span, Some(source))).flatten()
}

/// Words that open the question after "asked": "asked whether …", "asked about …".
const QUESTION_OPENERS: &[&str] =
    &["about", "whether", "if", "why", "what", "how", "which", "who", "whom", "where", "when"];

/// After "asked" at `i`: who asked, when "by" names them ("When asked by a reporter whether
/// …"), and the token that opens the question, past a place or time ("Asked at a briefing
/// Monday about …").
fn question_after_asked(text: &str, toks: &[Token], i: usize, end: usize) -> (Option<Span>, Option<usize>) {
    let reach = end.min(i + 12);
    let opener = (i + 1..reach)
        .take_while(|&k| !toks[k].is_punct(",") && toks[k].quote().is_none())
        .find(|&k| contains(QUESTION_OPENERS, &toks[k].lower));
    let source = opener
        .filter(|&o| toks.get(i + 1).is_some_and(|t| t.is_word("by")) && o > i + 2)
        .and_then(|o| noun_phrase_forward(text, toks, i + 2, o));
    (source, opener)
}

/// Skip a sentence-initial "But", "And", "So" that joins it to the one before.
fn leading_conjunction(toks: &[Token], a: usize) -> usize {
    if toks.get(a).is_some_and(|t| matches!(t.lower.as_str(), "but" | "and" | "so" | "still" | "yet")) {
        a + 1
    } else {
        a
    }
}

#[allow(clippy::too_many_arguments)]
fn cue_frame(
    text: &str,
    toks: &[Token],
    i: usize,
    len: usize,
    end: usize,
    cue: Span,
    frames: &mut [Frame],
    previous_quote: Option<(Span, usize)>,
) -> Option<Frame> {
    let after = complement_start(toks, i + len, end);
    let forward = after.filter(|&a| has_content(toks, a, end) && !is_adverbial(toks, a, end));

    // "Trump is saying …" (the wire services' present tense) reads like "Trump says …".
    let progressive = i > 0 && matches!(toks[i - 1].lower.as_str(), "is" | "are" | "was" | "were" | "been" | "'s");
    // Pattern 5: ", saying …" takes the sentence's subject (or the speaker already found).
    if toks[i].lower.ends_with("ing") && !progressive {
        // "with 30 percent of voters saying …": the words between "with" and the cue speak.
        if let Some(w) = (i.saturating_sub(8)..i).rev().find(|&k| toks[k].is_word("with")) {
            if w + 1 < i
                && toks[w + 1..i].iter().all(|t| t.kind == TokenKind::Word && !contains(lexicon::CUES, &t.lower))
            {
                let a = forward?;
                let e = statement_end(text, toks, a, end);
                return Frame::over(text, toks, (a, e), cue, token_span(text, toks, w + 1, i));
            }
        }
        // "…, saying …", "… – saying …", "… and saying …", "by saying …", "… while chanting,
        // “…”", "before asking her, “…”".
        let joined = i > 0
            && (is_comma(text, &toks[i - 1])
                || is_dash_or_hyphen(&toks[i - 1])
                || matches!(toks[i - 1].lower.as_str(), "and" | "by")
                || matches!(toks[i - 1].lower.as_str(), "while" | "before" | "after")
                    && i > 1
                    && (toks[i - 2].is_punct(",") || is_dash_or_hyphen(&toks[i - 2])));
        if !joined {
            return None;
        }
        let a = forward?;
        let source = frames
            .first()
            .and_then(|f| f.source)
            .or_else(|| sentence_subject(text, toks, i).map(|(s, _)| s))
            .or_else(|| noun_phrase_forward(text, toks, leading_conjunction(toks, 0), i));
        let e = statement_end(text, toks, a, end);
        return Frame::over(text, toks, (a, e), cue, source);
    }

    // "Asked about the bombing, Clinton said, “…”": the question put to the speaker of the
    // main clause is an attribution of its own (cue "Asked about", content up to the comma
    // before the main clause), whose speaker, the one who asked, goes unnamed unless "by"
    // names them (PolNeAR leaves such sources empty: 41 of the 47 sentence-opening "Asked" of
    // train). It counts only when an answer follows. "…, he said when asked whether …" puts
    // the question after the answer, and it runs to the end of the clause.
    let lead = leading_conjunction(toks, 0);
    let when = i > 0 && toks[i - 1].is_word("when");
    if toks[i].lower == "asked" && (i == lead || when) {
        let (source, opener) = question_after_asked(text, toks, i, end);
        // "Asked about …": PolNeAR puts the "about" right after the verb in the cue.
        let about = toks.get(i + 1).is_some_and(|t| t.is_word("about"));
        let a = if about { i + 2 } else { opener.unwrap_or(i + 1) };
        let cue_start = if when { i - 1 } else { i };
        let cue = Span::new(toks[i].span.start, toks[if about { i + 1 } else { i }].span.end);
        let opens_sentence = cue_start == lead;
        let e = if opens_sentence {
            let comma = (a..end).find(|&k| toks[k].is_punct(","))?;
            let main_cue = (comma + 1..end).find(|&k| cue_at(text, toks, k).is_some())?;
            let (s_start, _) = subject_before(text, toks, main_cue)?;
            // The comma just before the main clause's subject, when it is a later one.
            if s_start > comma + 1 && toks[s_start - 1].is_punct(",") {
                s_start - 1
            } else {
                comma
            }
        } else if opener.is_some() {
            (a..end).find(|&k| toks[k].is_punct(",")).unwrap_or(end)
        } else {
            return None;
        };
        let e = if toks[e - 1].is_punct(".") { e - 1 } else { e };
        return has_content(toks, a, e).then(|| Frame::over(text, toks, (a, e), cue, source)).flatten();
    }
    let subject = subject_before(text, toks, i);
    if let Some((mut s_start, mut source)) = subject {
        // "“…,” panel Chairman Jason Chaffetz said", "“…,” Tulsa police Chief Chuck Jordan
        // said": a word or two the name chunk stopped at, between the quotation and the name,
        // still leave the quotation as what was said, and belong to the speaker's mention.
        for skip in 1..=2 {
            let at = s_start.checked_sub(skip + 1);
            if at.is_some_and(|a| toks[a].quote().is_some() || toks[a].is_punct(","))
                && toks[s_start - skip..s_start].iter().all(|t| {
                    t.kind == TokenKind::Word
                        && !contains(lexicon::STOP, &t.lower)
                        && !contains(lexicon::CUES, &t.lower)
                })
            {
                s_start -= skip;
                source = Span::new(toks[s_start].span.start, source.end);
                break;
            }
        }
        // What stands before the subject: content when it ends in a comma or a quotation.
        let before = if s_start > 0 && (toks[s_start - 1].is_punct(",") || toks[s_start - 1].quote().is_some()) {
            let b = if toks[s_start - 1].is_punct(",") { s_start - 1 } else { s_start };
            let a = leading_conjunction(toks, 0);
            has_content(toks, a, b).then_some((a, b))
        } else {
            None
        };
        let quote_before = before.is_some_and(|(_, b)| toks[b - 1].quote().is_some());
        let quote_after = forward.is_some_and(|f| toks[f].quote().is_some());
        let after_comma = forward.is_some_and(|f| f > 0 && toks[f - 1].is_punct(","));
        let circumstance_after = forward.is_some_and(|f| {
            let w = toks[f].lower.as_str();
            contains(lexicon::ADVERBIAL_OPENERS, w)
                || w.ends_with("ing")
                || matches!(w, "a" | "an" | "as" | "who" | "which" | "according")
        });
        let adverbial_before = before
            .is_some_and(|(a, b)| is_adverbial(toks, a, b) || contains(lexicon::ADVERBIAL_OPENERS, &toks[a].lower));
        // A clause right after the cue ("said his campaign was …", "said that …").
        let clause_after = forward.is_some_and(|f| {
            f == i + len
                && (toks[f].is_word("that") || starts_clause(text_of(&toks[f]), &toks[f]))
                && toks[f..end].iter().any(|t| contains(lexicon::CLAUSE_MARKERS, &t.lower) && t.lower != "that")
        });
        // "The museum, Mr. Obama said, would …": a short phrase with no verb of its own before.
        let fragment_before = before.is_some_and(|(a, b)| {
            b - a <= 8 && !toks[a..b].iter().any(|t| t.quote().is_some() || contains(lexicon::CLAUSE_MARKERS, &t.lower))
        });
        return match (before, forward) {
            // Pattern 3: "“A,” he said, “B.”" and "The museum, he said, would …": one span.
            (Some((a, _)), Some(_))
                if after_comma
                    && !adverbial_before
                    && (quote_before && quote_after || !quote_before && !quote_after && fragment_before) =>
            {
                Frame::over(text, toks, (a, end), cue, Some(source))
            }
            // "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the statement
            // goes on past its attribution (in PolNeAR train, 9 in 10 such contents do) ...
            (Some((a, _)), Some(f))
                if after_comma && !adverbial_before && !quote_before && !quote_after && !circumstance_after =>
            {
                let e = content_end(text, toks, f, end);
                Frame::over(text, toks, (a, e), cue, Some(source))
            }
            // ... unless what follows the comma is circumstance: "X is an insult, lawmakers
            // said Friday, a day after …", "…, he said, adding …".
            (Some((a, b)), Some(_)) if after_comma && !adverbial_before && !fragment_before && !quote_after => {
                Frame::over(text, toks, (a, b), cue, Some(source))
            }
            // "“…,” she said several months later": the quotation is what was said ... unless a
            // clause follows the cue ("Walking in to chants of “Marco!,” the senator said his
            // campaign was …").
            (Some((a, b)), _) if quote_before && !(adverbial_before && forward.is_some()) && !clause_after => {
                Frame::over(text, toks, (a, b), cue, Some(source))
            }
            (_, Some(f)) => {
                let mut e = statement_end(text, toks, f, end);
                // "Barkley, who said he typically votes democratic, said one candidate …": what
                // a relative clause's speaker said ends where the clause does, at a comma that
                // the main clause's verb follows.
                if s_start > 0
                    && toks[s_start - 1].is_punct(",")
                    && contains(lexicon::RELATIVE_PRONOUNS, &toks[s_start].lower)
                {
                    e = relative_clause_end(text, toks, f, e);
                }
                Frame::over(text, toks, (f, e), cue, Some(source))
            }
            (Some((a, b)), None) => Frame::over(text, toks, (a, b), cue, Some(source)),
            // "Trump said." right after a sentence that was a quotation.
            (None, None) if s_start == leading_conjunction(toks, 0) => previous_quote.map(|(span, q)| Frame {
                content: span,
                cue,
                source: Some(source),
                content_tokens: (0, 0),
                previous_quote: Some(q),
            }),
            _ => None,
        };
    }

    // Pattern 6: "… and announced that …", "… but added, “…”" shares the source of the frame
    // it interrupts.
    // An adverb may stand between ("and repeatedly says, “…”").
    let adverb = |t: &Token| {
        t.kind == TokenKind::Word
            && (contains(lexicon::BETWEEN_SUBJECT_AND_CUE, &t.lower)
                || lexicon::is_ly_adverb(&t.lower) && !t.is_capitalized(text))
    };
    let conj = if i > 1 && adverb(&toks[i - 1]) { i - 2 } else { i.saturating_sub(1) };
    if i > 0 && (toks[conj].is_word("and") || toks[conj].is_word("but")) {
        // The earlier statement may already end at the conjunction ("… defense spending but has
        // said …": a "but" before a clause ends it).
        let reaches = |f: &Frame| {
            f.content.contains(&toks[conj].span)
                || f.previous_quote.is_none() && f.content_tokens.1 <= conj && conj <= f.content_tokens.1 + 1
        };
        if let Some(prev) = frames.iter_mut().rev().find(|f| reaches(f)) {
            let a = forward?;
            let mut cut = conj;
            if cut > 0 && toks[cut - 1].is_punct(",") {
                cut -= 1;
            }
            prev.end_at(text, toks, cut);
            let e = statement_end(text, toks, a, end);
            return Frame::over(text, toks, (a, e), cue, prev.source);
        }
    }

    // "Cruz exhorted Republicans to … and said he was …": the sentence's subject speaks.
    if i > 1 && (toks[conj].is_word("and") || toks[conj].is_word("but")) && frames.is_empty() {
        let a = forward?;
        if let Some((source, _)) = sentence_subject(text, toks, i) {
            let e = statement_end(text, toks, a, end);
            return Frame::over(text, toks, (a, e), cue, Some(source));
        }
    }

    // Pattern 2, inverted: "CONTENT, said Trump." / "“…,” said the minister."
    if i > 0 && (toks[i - 1].is_punct(",") || toks[i - 1].quote().is_some()) {
        let source = noun_phrase_forward(text, toks, i + len, end)?;
        // "Rich Heffley, a top operative who …, said the absentee program is …": a noun phrase
        // that a finite verb follows is the subject of what was said, not the speaker.
        // The speaker is then the name that opens the sentence, if a comma follows it (the
        // aside that ends before the cue).
        if toks[i + len..end]
            .iter()
            .find(|t| t.span.start >= source.end)
            .is_some_and(|t| contains(lexicon::CLAUSE_MARKERS, &t.lower))
        {
            let a = leading_conjunction(toks, 0);
            let opener = noun_phrase_forward(text, toks, a, i)?;
            let after_opener = toks[a..i].iter().position(|t| t.span.start >= opener.end).map(|k| a + k)?;
            let f = forward?;
            if !toks[after_opener].is_punct(",") || !toks[a].is_capitalized(text) {
                return None;
            }
            let e = statement_end(text, toks, f, end);
            return Frame::over(text, toks, (f, e), cue, Some(opener));
        }
        let b = if toks[i - 1].is_punct(",") { i - 1 } else { i };
        let a = leading_conjunction(toks, 0);
        if has_content(toks, a, b) {
            return Frame::over(text, toks, (a, b), cue, Some(source));
        }
    }
    None
}

/// Whether a cue names no speaker in whatever stands before it: "seems" or "appears" alone says
/// how something looks ("support for her appears steady"), and a passive "was asked (about)"
/// names who was asked, not who asked. PolNeAR gives these attributions no source (train,
/// default pipeline: of the speakers found for them, 54 wrong for that reason alone, 5 right).
/// "appeared to suggest", "seems to think" keep theirs: there the subject does speak or think.
pub fn cue_without_speaker(text: &str, cue: Span) -> bool {
    let words: Vec<String> = cue.text(text).split_whitespace().map(str::to_lowercase).collect();
    match words.as_slice() {
        [only] if matches!(only.as_str(), "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared") => true,
        [be, asked] | [be, asked, _] if contains(lexicon::BE_FORMS, be) && asked == "asked" => {
            words.get(2).is_none_or(|w| w == "about")
        }
        _ => false,
    }
}

/// The speaker of a cue that joins a clause to its sentence, the sentence's subject: a
/// participle after a comma ("The GOP nominee complained about his mic, even suggesting he may
/// have been sabotaged", "… implored her to bring it back, arguing that …") or a second verb after
/// "and" ("Mr. McKinley is bearish … and expects them to …"). The learned tagger often marks the
/// cue and content of these but not the subject, a clause away.
pub fn clause_joined_speaker(text: &str, blocks: &[Block], cue: Span) -> Option<Span> {
    let block = blocks.iter().find(|b| b.span.contains(&cue))?;
    let range =
        block.sentences.iter().find(|r| block.tokens[(*r).clone()].iter().any(|t| t.span.start == cue.start))?;
    let toks = &block.tokens[range.clone()];
    let i = toks.iter().position(|t| t.span.start == cue.start).filter(|&i| i > 1)?;
    let participle = toks[i].lower.ends_with("ing")
        && (toks[i - 1].is_punct(",")
            || matches!(toks[i - 1].lower.as_str(), "even" | "while") && !toks[i - 2].is_punct("."));
    let second_verb = toks[i - 1].is_word("and")
        || toks[i - 2].is_word("and") && contains(lexicon::BETWEEN_SUBJECT_AND_CUE, &toks[i - 1].lower);
    if !(participle || second_verb) {
        return None;
    }
    sentence_subject(text, toks, i).map(|(source, _)| source)
}

/// Where a statement starting at token `a` after its cue ends: right after a whole utterance in
/// marks ("chanted “What curfew?” and kept going": the words after it are the writer's), else
/// where [`content_end`] puts it.
fn statement_end(text: &str, toks: &[Token], a: usize, end: usize) -> usize {
    if is_whole_utterance(text, &toks[a]) {
        a + 1
    } else {
        content_end(text, toks, a, end)
    }
}

/// A dash that sets off an aside or a signature: em dash, horizontal bar or en dash.
fn is_dash(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.lower.as_str(), "—" | "―" | "–" | "--")
}

/// A dash, or a hyphen standing alone as one does in plain-text articles ("… - while chanting").
fn is_dash_or_hyphen(t: &Token) -> bool {
    is_dash(t) || t.is_punct("-")
}

/// Whether a token is a quotation of two or more words that ends as an utterance does, with
/// `.`, `!`, `?`, `…` or `,` inside its closing mark (“Don't you do it,”), rather than a
/// phrase quoted inside the writer's sentence (“burning the Constitution”).
fn is_whole_utterance(text: &str, t: &Token) -> bool {
    let within = before_closing_marks(text, t);
    t.quote().is_some() && within.split_whitespace().count() >= 2 && within.ends_with(['.', '!', '?', '…', ','])
}

/// Where what was said starts after a cue: past a listener (`told reporters`), an adverbial
/// (`on Tuesday`, `in a statement`) and `that`, `:` or `,`.
fn complement_start(toks: &[Token], mut j: usize, end: usize) -> Option<usize> {
    if j >= end {
        return None;
    }
    // A listener after tell/ask/urge: a short noun phrase.
    if j > 0 && contains(lexicon::CUES_WITH_LISTENER, &toks[j - 1].lower) {
        let mut k = j;
        while k < end
            && k < j + 5
            && toks[k].kind == TokenKind::Word
            && !contains(lexicon::STOP, &toks[k].lower)
            && !toks[k].is_word("to")
        {
            k += 1;
        }
        // "told his young protégés on a regular basis that …": a longer listener, up to "that".
        let that =
            (k..end.min(j + 12)).take_while(|&m| toks[m].kind == TokenKind::Word).find(|&m| toks[m].is_word("that"));
        j = that.unwrap_or(k);
    }
    // "called for more investment", "worried about the cost": the particle belongs to the verb.
    if j < end
        && j > 0
        && matches!(toks[j].lower.as_str(), "for" | "about" | "on" | "against" | "of")
        && !matches!(
            toks[j - 1].lower.as_str(),
            "said" | "says" | "say" | "told" | "added" | "wrote" | "tweeted" | "posted"
        )
    {
        j += 1;
    }
    // "said this weekend he would …", "said Tuesday the talks …": a time before the content.
    while j + 1 < end && is_time_adverbial(&toks[j], &toks[j + 1]) {
        j += 2;
    }
    while j < end
        && (contains(lexicon::WEEKDAYS, &toks[j].lower) || matches!(toks[j].lower.as_str(), "today" | "yesterday"))
    {
        j += 1;
    }
    // Look ahead a little for "that", ":" or "," after an adverbial stretch.
    let limit = (j + 10).min(end);
    for k in j..limit {
        let t = &toks[k];
        let marker = t.is_word("that") || t.is_punct(":") || t.is_punct(",") || t.quote().is_some();
        if marker {
            // "said of the episode, “…”": what it was said of is an adverbial too.
            let opener = contains(lexicon::ADVERBIAL_OPENERS, &toks[j].lower) || toks[j].is_word("of");
            let stretch_ok =
                k == j || (opener && !toks[j..k].iter().any(|t| contains(lexicon::CLAUSE_MARKERS, &t.lower)));
            if stretch_ok {
                // Keep "that" inside the content, as PolNeAR does; drop ":" and ",".
                return Some(if t.kind == TokenKind::Punct { k + 1 } else { k });
            }
            break;
        }
    }
    Some(j)
}

/// Whether tokens `a..b` are only an adverbial (`in the social media posting`, `on Tuesday`),
/// not a clause of what was said.
fn is_adverbial(toks: &[Token], a: usize, b: usize) -> bool {
    contains(lexicon::ADVERBIAL_OPENERS, &toks[a].lower)
        && !toks[a..b].iter().any(|t| t.quote().is_some() || contains(lexicon::CLAUSE_MARKERS, &t.lower))
}

/// The subject noun phrase ending just before cue `i` (past auxiliaries and adverbs, and past an
/// appositive between commas); returns the index of its first token and its span.
fn subject_before(text: &str, toks: &[Token], i: usize) -> Option<(usize, Span)> {
    let mut j = i;
    while let Some(prev) = j.checked_sub(1).map(|k| &toks[k]) {
        // "is"/"was" only before "saying": before "reported" it is a passive, whose subject
        // is what was reported, not who reported it.
        let progressive_be =
            matches!(prev.lower.as_str(), "is" | "are" | "was" | "were" | "'s") && toks[i].lower.ends_with("ing");
        if prev.kind == TokenKind::Word
            && (contains(lexicon::BETWEEN_SUBJECT_AND_CUE, &prev.lower)
                || progressive_be
                || lexicon::is_ly_adverb(&prev.lower) && !prev.is_capitalized(text))
        {
            j -= 1;
        } else if j >= 2 && is_time_adverbial(&toks[j - 2], prev) {
            // "Axelrod on Wednesday called on …", "May this week said …"
            j -= 2;
        } else if j >= 3 && is_time_adverbial(&toks[j - 3], &toks[j - 2]) && is_part_of_day(prev) {
            // "Sean Spicer on Thursday evening said …"
            j -= 3;
        } else if let Some(n) = goes_on_to(toks, j).filter(|_| j == i) {
            // "He continues to insist …"
            j -= n;
        } else if prev.is_punct(")") {
            // "Sen. David Perdue (R-Ga.) said", "Sen. Chris Murphy (a Connecticut Democrat so
            // boyish he has been mistaken for a staffer) says": skip the parenthesis.
            match parenthesis_open(toks, j) {
                Some(open) => j = open,
                None => break,
            }
        } else {
            break;
        }
    }
    if j == 0 {
        return None;
    }
    // "Jason Sims — a teacher from Mount Pleasant — says": an aside between dashes.
    if is_dash(&toks[j - 1]) {
        let close = j - 1;
        let open = (close.saturating_sub(30)..close).rev().find(|&k| is_dash(&toks[k]))?;
        if open == 0 || toks[open + 1..close].iter().any(|t| t.quote().is_some() || contains(lexicon::CUES, &t.lower)) {
            return None;
        }
        return noun_phrase_backward(text, toks, open);
    }
    // "Rustem Umerov, a senior adviser to Zelenskyy, posted …": skip the appositive.
    if toks[j - 1].is_punct(",") {
        let close = j - 1;
        let open = (close.saturating_sub(30)..close).rev().find(|&k| toks[k].is_punct(","))?;
        // Any aside will do ("a senior adviser to …", "who …", "speaking to veterans"), so long
        // as it holds no quotation or cue of its own.
        let aside = &toks[open + 1..close];
        // A relative clause may hold a verb of saying of its own ("who called her rival").
        let relative = aside.first().is_some_and(|t| contains(lexicon::RELATIVE_PRONOUNS, &t.lower));
        // "…, and the meeting deteriorated from there, said one source": a clause, no aside.
        // ("…, and Democratic Gov. Jay Nixon tweeted" closes a list of speakers.)
        let conjunction = aside.first().is_some_and(|t| matches!(t.lower.as_str(), "and" | "but" | "or" | "so"))
            && aside.iter().any(|t| {
                t.kind == TokenKind::Word
                    && !t.is_capitalized(text)
                    && (contains(lexicon::CLAUSE_MARKERS, &t.lower) || t.lower.ends_with("ed"))
            });
        if open == 0
            || conjunction
            || aside.iter().any(|t| t.quote().is_some())
            || !relative
                && (open + 1..close).any(|k| contains(lexicon::CUES, &toks[k].lower) && cue_at(text, toks, k).is_some())
        {
            return None;
        }
        // "Jillian Chase, 27, a Tinder user in New York, said": an age between the name and
        // the aside.
        let open =
            if open >= 3 && toks[open - 1].lower.chars().all(|c| c.is_ascii_digit()) && toks[open - 2].is_punct(",") {
                open - 2
            } else {
                open
            };
        // "Rep. Wendy Nanney (R), a leader of …, suggested": a party and state in parentheses
        // between the name and the aside.
        let open = if toks[open - 1].is_punct(")") { parenthesis_open(toks, open).filter(|&k| k > 0)? } else { open };
        let (start, span) = noun_phrase_backward(text, toks, open)?;
        // "Its chair, Johan Ek, told …": a name in the aside says more than the phrase.
        let aside_is_name = !aside.is_empty()
            && aside.len() <= 4
            && aside.iter().all(|t| t.is_capitalized(text) && !contains(lexicon::DETERMINERS, &t.lower));
        if aside_is_name
            && (!span.text(text).chars().next().is_some_and(char::is_uppercase)
                || contains(lexicon::DETERMINERS, &toks[start].lower))
        {
            return Some((start, Span::new(aside[0].span.start, aside[aside.len() - 1].span.end)));
        }
        return Some((start, span));
    }
    noun_phrase_backward(text, toks, j)
}

/// "continues to" or "went on to" before the verb at `i`: the number of tokens it takes.
fn goes_on_to(toks: &[Token], i: usize) -> Option<usize> {
    if i < 2 || !toks[i - 1].is_word("to") {
        return None;
    }
    if matches!(toks[i - 2].lower.as_str(), "continue" | "continues" | "continued" | "continuing") {
        return Some(2);
    }
    (i > 2 && toks[i - 2].is_word("on") && matches!(toks[i - 3].lower.as_str(), "go" | "goes" | "went" | "going"))
        .then_some(3)
}

/// The "(" of the parenthesis whose ")" stands just before token `j`, if it opens within reach.
fn parenthesis_open(toks: &[Token], j: usize) -> Option<usize> {
    (j.saturating_sub(PARENTHESIS_REACH)..j - 1).rev().find(|&k| toks[k].is_punct("("))
}

/// `on Tuesday`, `this week`, `last month`: a time between a subject and its cue.
fn is_time_adverbial(first: &Token, second: &Token) -> bool {
    const PERIODS: &[&str] = &["week", "month", "year", "weekend", "morning", "night", "evening", "afternoon"];
    (first.is_word("on") && contains(lexicon::WEEKDAYS, &second.lower))
        || (matches!(first.lower.as_str(), "this" | "last" | "earlier" | "later") && contains(PERIODS, &second.lower))
}

/// `morning`, `evening`: a part of the day after a day's name (`on Thursday evening`).
fn is_part_of_day(t: &Token) -> bool {
    matches!(t.lower.as_str(), "morning" | "afternoon" | "evening" | "night")
}

/// The noun phrase ending just before token `j`.
fn noun_phrase_backward(text: &str, toks: &[Token], j: usize) -> Option<(usize, Span)> {
    let last = toks.get(j.checked_sub(1)?)?;
    if last.kind != TokenKind::Word {
        return None;
    }
    if contains(lexicon::PRONOUNS, &last.lower) || last.lower == "which" {
        // "which" and "it" speak for documents and bodies; keep them, resolution decides.
        return Some((j - 1, last.span));
    }
    let mut start = chunk_backward(text, toks, j)?;
    // Extend over "of"/"for"/"to" joining another chunk: "spokesman for the Kremlin".
    while start >= 2 && contains(lexicon::NP_JOINERS, &toks[start - 1].lower) {
        match chunk_backward(text, toks, start - 1) {
            Some(s) if s < start - 1 => start = s,
            _ => break,
        }
    }
    Some((start, Span::new(toks[start].span.start, last.span.end)))
}

/// "Theresa May", "Yin Myint May": a function word (`May`, `Will`) in capitals right after a
/// capitalised word that is not one, and before a word in lower case, is part of a name (in a
/// headline's title case, "Museum Will Tell", it is not).
fn is_name_part(text: &str, toks: &[Token], k: usize) -> bool {
    let before = k.checked_sub(1).map(|b| &toks[b]);
    let after_in_lower_case = toks.get(k + 1).is_some_and(|a| a.kind == TokenKind::Word && !a.is_capitalized(text));
    after_in_lower_case
        && toks[k].is_capitalized(text)
        && contains(lexicon::STOP, &toks[k].lower)
        && before.is_some_and(|b| {
            b.is_capitalized(text) && !contains(lexicon::STOP, &b.lower) && !contains(lexicon::DETERMINERS, &b.lower)
        })
}

/// One chunk: `[determiner] [lower-case modifiers] [Capitalised words]` or
/// `[determiner] lower-case nouns`, with possessives (`Russia 's foreign minister`).
fn chunk_backward(text: &str, toks: &[Token], j: usize) -> Option<usize> {
    let mut k = j;
    let mut saw_capital = false;
    let mut words = 0;
    while k > 0 && words < 8 {
        let t = &toks[k - 1];
        if t.kind != TokenKind::Word {
            break;
        }
        let lower = t.lower.as_str();
        if lower == "'s" {
            // The possessor is a noun phrase of its own: "the state's Republican party leader".
            saw_capital = false;
            k -= 1;
            continue;
        }
        // "four in 10", "one in five" said: a share of those asked speaks.
        if words == 0
            && lexicon::is_number(lower)
            && k >= 3
            && toks[k - 2].lower == "in"
            && lexicon::is_number(&toks[k - 3].lower)
        {
            words += 3;
            k -= 3;
            continue;
        }
        if contains(lexicon::DETERMINERS, lower) {
            if words > 0 {
                k -= 1;
            }
            break;
        }
        if t.is_capitalized(text) {
            if !is_name_part(text, toks, k - 1)
                && (contains(lexicon::STOP, lower)
                    || contains(lexicon::PRONOUNS, lower)
                    || contains(lexicon::CUES, lower))
            {
                break;
            }
            saw_capital = true;
        } else {
            // Before a name only titles and roles: "union leader Sam Okafor", not "war Donald Trump".
            let role_before_name = saw_capital
                && (contains(lexicon::ROLE_NOUNS, lower)
                    || k < j
                        && toks[k].kind == TokenKind::Word
                        && !toks[k].is_capitalized(text)
                        && contains(lexicon::ROLE_NOUNS, &toks[k].lower)
                        && !contains(lexicon::STOP, lower));
            // A plural that is also a cue ("reports", "notes") heads the phrase right before the
            // verb: "Police reports said".
            let plural_head = words == 0 && lower.ends_with('s') && k == j;
            let allowed = if saw_capital {
                contains(lexicon::NAME_PREMODIFIERS, lower) || role_before_name
            } else {
                !contains(lexicon::STOP, lower)
                    && (plural_head || !contains(lexicon::CUES, lower))
                    && !contains(lexicon::PRONOUNS, lower)
            };
            if !allowed || lower.chars().all(|c| c.is_ascii_digit()) && words == 0 {
                break;
            }
        }
        words += 1;
        k -= 1;
    }
    (k < j && toks[k].lower != "'s").then_some(k)
}

/// A noun phrase starting at token `a` (for `said Trump`, `according to X`, a sentence subject).
fn noun_phrase_forward(text: &str, toks: &[Token], a: usize, end: usize) -> Option<Span> {
    let mut k = a;
    while k < end && k < a + 8 {
        let t = &toks[k];
        // A relative pronoun opens a clause about the noun phrase, never part of it.
        let ok = t.kind == TokenKind::Word
            && !contains(lexicon::RELATIVE_PRONOUNS, &t.lower)
            && (t.is_capitalized(text) && !contains(lexicon::STOP, &t.lower)
                || contains(lexicon::DETERMINERS, &t.lower)
                || t.lower == "'s"
                || (k > a && contains(lexicon::NP_JOINERS, &t.lower))
                || !contains(lexicon::STOP, &t.lower)
                    && !contains(lexicon::CUES, &t.lower)
                    && !contains(lexicon::CLAUSE_MARKERS, &t.lower));
        if !ok {
            break;
        }
        k += 1;
    }
    while k > a && contains(lexicon::NP_JOINERS, &toks[k - 1].lower) {
        k -= 1;
    }
    token_span(text, toks, a, k)
}

/// `― Name` right after a quotation, up to the end of the sentence: the name's span.
fn dash_signature(text: &str, toks: &[Token], k: usize) -> Option<Span> {
    let dash = toks.get(k)?;
    if !is_dash_or_hyphen(dash) {
        return None;
    }
    let mut e = k + 1;
    while e < toks.len() && e <= k + 5 && toks[e].is_capitalized(text) {
        e += 1;
    }
    let ends = e == toks.len()
        || toks[e].kind == TokenKind::Punct && matches!(toks[e].lower.as_str(), "." | "," | "/")
        || toks[e].quote().is_some();
    (e > k + 1 && ends).then(|| Span::new(toks[k + 1].span.start, toks[e - 1].span.end))
}

/// The source and cue of a paragraph that introduces the next one with a colon ("Caddell
/// continued:", "The New York Times reports:", "Petra Lind said in a statement:"): a speech cue
/// a few words before the colon and the subject before that cue.
fn colon_lead_in(text: &str, block: &Block) -> Option<(Span, Span)> {
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
fn attribute_leftover_quotes(
    text: &str,
    block: &Block,
    quoted: &[Quoted],
    out: &mut Vec<Attribution>,
    block_first: usize,
    lead_in: Option<(Span, Span)>,
) {
    let covered = |span: &Span, out: &[Attribution]| out.iter().any(|a| a.content.overlaps(span));
    for (k, t) in block.tokens.iter().enumerate().filter(|(_, t)| t.quote().is_some()) {
        let q = &quoted[t.quote().unwrap()];
        if covered(&q.inner, &out[block_first..]) {
            continue;
        }
        let turns = transcript_turns(text, q);
        if !turns.is_empty() {
            out.extend(turns);
            continue;
        }
        // “…” ― Adriana Rodarte: a name after a dash signs the quote (vox pops, epigraphs).
        if let Some(signature) = dash_signature(text, &block.tokens, k + 1) {
            out.push(Attribution {
                content: q.inner,
                kind: QuoteType::Direct,
                cue: Some(block.tokens[k + 1].span),
                source: Some(signature),
            });
            continue;
        }
        // "“A,” she said. “B.”": the second part of a quote interrupted by its attribution
        // extends the first, when only that attribution stands between them.
        // The attribution may be long ("said Ronald R. Fieldstone, a Miami lawyer who …") and
        // carry an aside of its own (", speaking of Clinton's health"): PolNeAR still takes both
        // parts as one content, so look past indirect frames to the last direct quote.
        if let Some(prev) = out[block_first..]
            .iter_mut()
            .rev()
            .filter(|a| a.content.end <= q.outer.start)
            .find(|a| a.kind == QuoteType::Direct)
        {
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
            if attribution_between && gap_words <= JOIN_MAX_WORDS && gap_ends_clause && !other_quote {
                prev.content = prev.content.cover(&q.inner);
                continue;
            }
        }
        // "President Obama is rolling out a new campaign message: “It's about me.”": a whole
        // utterance that ends a sentence after a colon is what the sentence's subject says,
        // introduced by whatever the words between them are.
        if let Some(range) = block.sentences.iter().find(|r| r.contains(&k) && k > r.start && r.end - k <= 2) {
            let toks = &block.tokens[range.clone()];
            let at = k - range.start;
            let last_after_colon =
                toks[at - 1].is_punct(":") && toks[at + 1..].iter().all(|t| t.kind == TokenKind::Punct);
            if last_after_colon && is_whole_utterance(text, t) {
                if let Some((source, after)) = sentence_subject(text, toks, at - 1).filter(|&(_, after)| after < at - 1)
                {
                    let cue = Span::new(toks[after].span.start, toks[at - 2].span.end);
                    out.push(Attribution {
                        content: q.inner,
                        kind: QuoteType::Direct,
                        cue: Some(cue),
                        source: Some(source),
                    });
                    continue;
                }
            }
        }
        let starts_block = block.tokens.first().is_some_and(|first| first.span == t.span);
        if let Some((source, cue)) = lead_in.filter(|_| starts_block) {
            out.push(Attribution { content: q.inner, kind: QuoteType::Direct, cue: Some(cue), source: Some(source) });
            continue;
        }
        let words = q.inner.text(text).split_whitespace().count();
        // Judged on everything inside the marks: the trailing comma was trimmed off `inner`.
        let within_marks = q.outer.text(text).trim_end_matches(['"', '”', '’', '\'', '»']);
        let sentence_like = words >= 6 && within_marks.ends_with(['.', '!', '?', '…', ',']);
        // The speaker of the last attribution before this block, if it ended with a quotation.
        let previous = out[..block_first]
            .last()
            .filter(|a| a.source.is_some() && block.span.start.saturating_sub(a.content.end) < CONTINUATION_REACH);
        if starts_block && sentence_like {
            if let Some(prev) = previous {
                out.push(Attribution { content: q.inner, kind: QuoteType::Direct, cue: None, source: prev.source });
                continue;
            }
        }
        if sentence_like {
            // "She said she felt … “loop-hole,” she said. “We have no context …”": a whole
            // sentence in marks later in the paragraph goes on in the voice of the paragraph's
            // last speaker (and has none when the paragraph has named none).
            let source = out[block_first..]
                .iter()
                .rev()
                .find(|a| a.content.end <= q.outer.start && a.source.is_some())
                .and_then(|a| a.source);
            out.push(Attribution { content: q.inner, kind: QuoteType::Direct, cue: None, source });
        }
    }
}
