//! The article: the unit of input, and the owner of the text every offset points into.

/// One news article as read from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Identifier: the file stem for `.txt` input, the id field or column otherwise.
    pub id: String,
    /// Publication date as given (`YYYY-MM-DD` for `.txt` headers), if known.
    pub date: Option<String>,
    /// Headline, if the input gives one separately from the text.
    pub title: Option<String>,
    /// Source URL, if given.
    pub url: Option<String>,
    /// The text exactly as read (less a byte-order mark). All offsets point into it.
    pub text: String,
    /// Byte offset where the body starts: text before it (a `date …` header line) is never
    /// searched for quotes, but offsets still count it.
    pub body_start: usize,
}

impl Article {
    /// An article whose whole text is body.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Article { id: id.into(), date: None, title: None, url: None, text: text.into(), body_start: 0 }
    }

    /// Build an article from a plain-text file's contents, reading an optional first-line
    /// header of the form `date YYYY-MM-DD Headline…`.
    ///
    /// The header sets the date; the date marker itself is excluded from quote finding. The
    /// headline that follows is left in the body, because in the files users hand in it often
    /// runs straight into the first paragraph with no separator, so its end cannot be known.
    /// Headlines carry no speech cue of their own, so the quote finder leaves them alone.
    pub fn from_plain_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let mut article = Article::new(id, text);
        if let Some((date, body_start)) = parse_date_header(&article.text) {
            article.date = Some(date);
            article.body_start = body_start;
        }
        article
    }
}

/// Recognise `date YYYY-MM-DD ` at the start of a text (after optional whitespace); return the
/// date and the byte offset just past it.
fn parse_date_header(text: &str) -> Option<(String, usize)> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let after_word = rest.strip_prefix("date ")?;
    let date = after_word.get(..10)?;
    let b = date.as_bytes();
    let well_formed = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !well_formed {
        return None;
    }
    let mut end = lead + "date ".len() + 10;
    end += text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
    Some((date.to_string(), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_header_sets_date_and_keeps_offsets() {
        let a = Article::from_plain_text("x", " date 2025-11-26 Headline here Body starts.");
        assert_eq!(a.date.as_deref(), Some("2025-11-26"));
        assert_eq!(&a.text[a.body_start..], "Headline here Body starts.");
    }

    #[test]
    fn text_without_header_is_all_body() {
        let a = Article::from_plain_text("x", "dated material said nothing.");
        assert_eq!(a.date, None);
        assert_eq!(a.body_start, 0);
    }
}
