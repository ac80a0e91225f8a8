//! `NAME: statement`: a one-line paragraph that opens with a name and a colon, and the turns of
//! a transcript inside a quotation (`"WALLACE: …`), are what that name said.

use super::*;

/// Words a headline's title case leaves in lower case ("Obama on Climate Change: …").
const TITLE_LOWER_CASE_WORDS: &[&str] = &["on", "to", "at", "in", "for", "of", "and", "with", "about", "over"];

/// Most words of a name that may open a `Name: statement` line.
pub(super) const COLON_LINE_MAX_NAME_WORDS: usize = 4;

/// Most words before the colon of a headline whose opening words name the speaker.
pub(super) const COLON_LINE_MAX_TITLE_WORDS: usize = 8;

/// "Mark Cuban: I'd consider a future White House bid.", "AP: Trump chair routed money to
/// lobbyists", "KATE BOLDUAN: Why not debate?": a one-line paragraph that opens with a name and
/// a colon is what that name said (headlines and transcripts; PolNeAR marks them so). A lone word
/// must be known as a name from the rest of the article ("Carson" after "Ben Carson") or be a
/// short acronym used again ("AP"), and no word of the name may be a label ("Breaking:",
/// "Update:", "Contributing:").
pub(super) fn speaker_colon_line(text: &str, block: &Block) -> Option<Attribution> {
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
    let name = speaker_name(text, &toks[first..colon])?;
    if name.len() == 1 && !is_transcript_name(text, name[0].span.text(text)) && !is_known_name(text, &name[0]) {
        return None;
    }
    let last = toks.len() - usize::from(toks.last().is_some_and(|t| t.is_punct(".")));
    // At least two words said, a quotation counting by the words inside it.
    if said_words(text, &toks[colon + 1..last]) < 2 {
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

/// The words before a line's colon that name its speaker: all of them, or the opening words of a
/// headline in title case that the article uses again.
fn speaker_name<'t>(text: &str, name: &'t [Token]) -> Option<&'t [Token]> {
    let name_word = |t: &Token| {
        t.is_capitalized(text) && !contains(lexicon::LINE_LABELS, &t.lower) && !contains(lexicon::STOP, &t.lower)
    };
    if name.len() <= COLON_LINE_MAX_NAME_WORDS && name.iter().all(name_word) {
        Some(name)
    } else {
        // "Obama on Climate Change: The Trends Are 'Terrifying.'", "Elizabeth Warren Hammers
        // Wells Fargo CEO: ‘…’": a headline whose opening words are a name the article uses
        // again; those words speak.
        let title_case = name.iter().all(|t| t.is_capitalized(text) || contains(TITLE_LOWER_CASE_WORDS, &t.lower));
        if !title_case {
            return None;
        }
        let k = (1..name.len()).rev().find(|&k| {
            name[..k].iter().all(name_word)
                && occurrences(text, Span::new(name[0].span.start, name[k - 1].span.end).text(text)).count() >= 2
        })?;
        Some(&name[..k])
    }
}

/// Whether a lone word before a line's colon is known to name someone: a short acronym used
/// again ("AP"), the surname of a name the article gives in full, or a report ("Poll").
fn is_known_name(text: &str, word_token: &Token) -> bool {
    let word = word_token.span.text(text);
    let acronym =
        word.len() <= 4 && word.chars().all(|c| c.is_ascii_uppercase()) && occurrences(text, word).count() >= 2;
    // "Ben Carson" somewhere for "Carson: …".
    let named_elsewhere = occurrences(text, word).any(|at| {
        let before = text[..at].strip_suffix(' ').and_then(|b| b.rsplit(|c: char| !c.is_alphabetic()).next());
        before.is_some_and(|w| {
            w.len() > 1 && w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase)
        })
    });
    // "Poll: Clinton and Trump in dead heat": a source named by its kind.
    let report = contains(lexicon::REPORT_NOUNS, &word_token.lower);
    acronym || named_elsewhere || report
}

/// The words said after a line's colon, a quotation counting by the words inside it.
fn said_words(text: &str, said: &[Token]) -> usize {
    said.iter()
        .map(|t| {
            if t.quote().is_some() {
                t.span.text(text).split_whitespace().count()
            } else {
                usize::from(t.kind != TokenKind::Punct)
            }
        })
        .sum()
}

/// "WALLACE: If I may, sir …" within a quotation: the turns of a quoted transcript, one per
/// paragraph that opens with a name in capitals and a colon, each said by that name. A
/// one-word name must open at least two lines of the article.
pub(super) fn transcript_turns(text: &str, q: &Quoted) -> Vec<Attribution> {
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
pub(super) fn is_transcript_name(text: &str, word: &str) -> bool {
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
pub(super) fn occurrences<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| edge(text[..at].chars().last()) && edge(text[at + word.len()..].chars().next()))
}
