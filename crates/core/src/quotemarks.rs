//! Direct quotations: finding text between quotation marks.
//!
//! Handles straight and curly double quotes, guillemets (either direction), low-high German
//! marks, single curly quotes used as the outer mark, single quotes nested inside double ones,
//! and quotes running over several paragraphs (an opening mark on each new paragraph and no
//! closing mark until the end). A mark that cannot be paired is left alone rather than guessed.

use crate::span::Span;

/// One stretch of quoted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// From the opening mark to the closing mark, both included.
    pub outer: Span,
    /// The words inside the marks.
    pub inner: Span,
    /// Index of the paragraph holding the opening mark.
    pub first_paragraph: usize,
    /// Index of the paragraph holding the closing mark (or the last paragraph it runs into).
    pub last_paragraph: usize,
}

/// Families of marks: an opening mark only pairs with a closing mark of its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
}

/// How a character can act as a quotation mark.
fn mark(c: char) -> Option<(Family, bool, bool)> {
    // (family, can open, can close)
    Some(match c {
        '"' | '＂' => (Family::Double, true, true),
        '“' | '„' => (Family::Double, true, false),
        '”' => (Family::Double, false, true),
        '‘' | '‚' => (Family::Single, true, false),
        '’' => (Family::Single, false, true),
        '\'' => (Family::Single, true, true),
        '«' => (Family::Guillemet, true, false),
        '»' => (Family::Guillemet, false, true),
        _ => return None,
    })
}

/// Whether `c` can act as a quotation mark at all, single marks (which double as apostrophes)
/// included.
pub fn is_quotation_mark(c: char) -> bool {
    mark(c).is_some()
}

/// Whether `c` is a double quotation mark or a guillemet: a quotation mark wherever it stands,
/// unlike single marks, which double as apostrophes.
pub fn is_unambiguous_mark(c: char) -> bool {
    mark(c).is_some_and(|(family, _, _)| family != Family::Single)
}

/// Whether position `i` (a mark) stands where a quote can open: at the start of text or after
/// whitespace, an opening bracket, a dash or another opening mark; and followed by a non-space.
fn opening_position(text: &str, i: usize, c: char) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let before_ok = before.is_none_or(|b| b.is_whitespace() || "([{—–-/:;,“‘«\"'".contains(b));
    let after_ok = after.is_some_and(|a| !a.is_whitespace());
    before_ok && after_ok
}

/// Whether position `i` (a mark) stands where a quote can close: after a non-space, and not
/// followed by a letter or digit (which would make it an apostrophe: "Russia’s", "rock 'n'").
fn closing_position(text: &str, i: usize, c: char) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let before_ok = before.is_some_and(|b| !b.is_whitespace());
    let after_ok = after.is_none_or(|a| !a.is_alphanumeric());
    // `… 'outreach,' " he told`: a mark with space on both sides can only close.
    let spaced = before.is_some_and(char::is_whitespace) && after.is_none_or(char::is_whitespace);
    (before_ok || spaced) && after_ok
}

/// Find the quoted stretches of `text`, given its paragraphs as byte spans in order.
///
/// Single quotes open a top-level quote only when they cannot be apostrophes; inside a double
/// quote they are nested quotes and are left within the outer one.
pub fn find_quoted(text: &str, paragraphs: &[Span]) -> Vec<Quoted> {
    // A mark that opens a quote never closed, with other quotation marks inside it, is a stray
    // (a formatting slip at the start of a paragraph, say) that would swallow the real quotes:
    // scan again without it. A quote whose closing mark was merely forgotten is kept, ending
    // with its paragraph.
    let mut strays: Vec<usize> = Vec::new();
    loop {
        let (found, unclosed) = scan(text, paragraphs, &strays);
        let new: Vec<usize> = unclosed
            .into_iter()
            .filter(|q| {
                !strays.contains(&q.outer.start)
                    && q.outer
                        .text(text)
                        .chars()
                        .skip(1)
                        .any(|c| mark(c).is_some_and(|(f, o, _)| o && f != Family::Single))
            })
            .map(|q| q.outer.start)
            .collect();
        if new.is_empty() || strays.len() > 64 {
            return found;
        }
        strays.extend(new);
    }
}

/// One pass over the paragraphs, skipping opening marks at `strays`; returns all quotes found
/// and, separately, those that never closed.
fn scan(text: &str, paragraphs: &[Span], strays: &[usize]) -> (Vec<Quoted>, Vec<Quoted>) {
    let mut found = Vec::new();
    let mut unclosed = Vec::new();
    // The quote currently open: (family, opening byte, paragraph index).
    let mut open: Option<(Family, usize, usize)> = None;
    for (p, para) in paragraphs.iter().enumerate() {
        let body = para.text(text);
        if let Some((family, start, first)) = open {
            // A quote left open at the end of the last paragraph continues only if this
            // paragraph starts with a fresh opening mark of its family; otherwise the writer
            // forgot the closing mark and the quote ends where its paragraph ended.
            // The same mark must reopen it: a straight quote is not continued by a curly one.
            let opened_with = text[start..].chars().next();
            let continues = (family == Family::Double && body.starts_with("''") && text[start..].starts_with("''"))
                || body.chars().next().is_some_and(|c| {
                    Some(c) == opened_with && mark(c).is_some_and(|(f, can_open, _)| f == family && can_open)
                });
            if !continues {
                let last = paragraphs[p - 1];
                push(&mut found, text, start, last.end, first, p - 1, false);
                unclosed.extend(found.last().copied().filter(|q| q.outer.start == start));
                open = None;
            }
        }
        let mut skip_first_mark = open.is_some();
        let mut doubled_second = false;
        for (offset, c) in body.char_indices() {
            let i = para.start + offset;
            if std::mem::take(&mut doubled_second) {
                continue;
            }
            // Some archives write a double quotation mark as two apostrophes: ''like this''.
            let doubled = c == '\'' && body[offset + 1..].starts_with('\'');
            let (c, width) = if doubled { ('"', 2) } else { (c, c.len_utf8()) };
            doubled_second = doubled;
            let Some((family, can_open, can_close)) = mark(c) else { continue };
            if std::mem::take(&mut skip_first_mark) {
                continue;
            }
            match open {
                Some((open_family, start, first)) if open_family == family => {
                    let last = if doubled { i + 1 } else { i };
                    if can_close && closing_position(text, last, text[last..].chars().next().unwrap_or(c)) {
                        push(&mut found, text, start, i + width, first, p, true);
                        open = None;
                    }
                }
                Some(_) => {} // a nested mark of another family: part of the quote
                None => {
                    // ”Like this.” — a closing curly mark opening a paragraph opens a quote.
                    let reversed = c == '”' && i == para.start && closing_mark_follows(text, i, para.end);
                    if strays.contains(&i) {
                        continue;
                    }
                    if (can_open || reversed)
                        && opening_position(text, i, text[i..].chars().next().unwrap_or(c))
                        && (doubled || opens_top_level(text, i, c, para.end))
                    {
                        open = Some((family, i, p));
                    }
                }
            }
        }
    }
    if let (Some((_, start, first)), Some(last)) = (open, paragraphs.last()) {
        push(&mut found, text, start, last.end, first, paragraphs.len() - 1, false);
        unclosed.extend(found.last().copied().filter(|q| q.outer.start == start));
    }
    (found, unclosed)
}

fn closing_mark_follows(text: &str, i: usize, para_end: usize) -> bool {
    text[i + '”'.len_utf8()..para_end].contains('”')
}

/// A single quote opens a top-level quote only when a closing single mark follows in the same
/// paragraph; double marks and guillemets always may.
fn opens_top_level(text: &str, i: usize, c: char, para_end: usize) -> bool {
    if !matches!(mark(c), Some((Family::Single, _, _))) {
        return true;
    }
    let rest = &text[i + c.len_utf8()..para_end];
    rest.char_indices().any(|(j, d)| {
        matches!(mark(d), Some((Family::Single, _, true))) && closing_position(text, i + c.len_utf8() + j, d)
    })
}

fn push(
    found: &mut Vec<Quoted>,
    text: &str,
    open_at: usize,
    close_end: usize,
    first: usize,
    last: usize,
    closed: bool,
) {
    let outer = Span::new(open_at, close_end);
    let open_len = text[open_at..].chars().next().map_or(1, char::len_utf8);
    let close_len = if closed { text[..close_end].chars().next_back().map_or(1, char::len_utf8) } else { 0 };
    let doubled = text[open_at..].starts_with("''");
    // A trailing comma inside the marks belongs to the sentence around the quote ("…,” she said).
    let inner =
        Span::new(open_at + open_len, close_end - close_len).trim_by(text, |c| doubled && c == '\'' || c == ',');
    if !inner.is_empty() {
        found.push(Quoted { outer, inner, first_paragraph: first, last_paragraph: last });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let paras = crate::segment::paragraphs(text, 0);
        find_quoted(text, &paras).iter().map(|q| q.inner.text(text)).collect()
    }

    #[test]
    fn pairs_each_family_of_marks() {
        assert_eq!(quotes(r#"He said "yes" and “no” and «maybe»."#), vec!["yes", "no", "maybe"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(quotes("Russia’s army and the Ukrainians’ lines held, it said."), Vec::<&str>::new());
        assert_eq!(quotes("She called it ‘a disgrace’ on Friday."), vec!["a disgrace"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(quotes("“He told me ‘never again’,” she said."), vec!["He told me ‘never again’"]);
    }

    #[test]
    fn quote_runs_over_paragraphs_with_reopening_marks() {
        let text = "“First part.\n\n“Second part,” he said.\n\nAfter.";
        assert_eq!(quotes(text), vec!["First part.\n\n“Second part"]);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph_and_another_mark_does_not_continue_it() {
        let text = "\"Melanie thought it was absurd.\n\n“It never crossed my mind,” she said.";
        assert_eq!(quotes(text), vec!["Melanie thought it was absurd.", "It never crossed my mind"]);
    }
}
