//! Byte spans into an article's text, and their conversion to the code-point offsets users see.
//!
//! Every stage works on byte offsets into the article text exactly as read (that is what `&str`
//! slicing needs); only the writer converts to Unicode code-point offsets, which is what Python,
//! pandas and R index strings by.

/// A half-open byte range `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// The text this span covers.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely within this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span with leading and trailing whitespace (and the given extra characters) removed.
    pub fn trim_by(&self, text: &str, strip: impl Fn(char) -> bool) -> Span {
        let inner = self.text(text);
        let leading = inner.len() - inner.trim_start_matches(|c: char| c.is_whitespace() || strip(c)).len();
        let trimmed_end = inner.trim_end_matches(|c: char| c.is_whitespace() || strip(c)).len();
        if trimmed_end <= leading {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + leading, self.start + trimmed_end)
    }
}

/// Maps byte offsets of one text to code-point offsets.
///
/// Built once per article; a lookup is a binary search over the multi-byte characters only, so
/// ASCII text costs almost nothing.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every character wider than one byte, in order, with the number of extra
    /// bytes accumulated up to and including it.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Index the multi-byte characters of `text`.
    pub fn new(text: &str) -> Self {
        let mut extra = 0;
        let wide = text
            .char_indices()
            .filter(|(_, c)| c.len_utf8() > 1)
            .map(|(i, c)| {
                extra += c.len_utf8() - 1;
                (i, extra)
            })
            .collect();
        CharOffsets { wide }
    }

    /// The code-point offset of byte offset `byte` (which must be a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Characters starting strictly before `byte` contribute their extra bytes.
        let n = self.wide.partition_point(|&(i, _)| i < byte);
        if n == 0 {
            byte
        } else {
            byte - self.wide[n - 1].1
        }
    }

    /// The inverse: the byte offset of code-point offset `ch`, or `None` if past the end. Also a
    /// binary search: `ch` plus the extra bytes of the wide characters before it.
    pub fn byte_offset(&self, text: &str, ch: usize) -> Option<usize> {
        let extra_before = |k: usize| if k == 0 { 0 } else { self.wide[k - 1].1 };
        // Wide characters whose code-point offset (byte offset less the extra bytes before
        // them) is under `ch`.
        let (mut lo, mut hi) = (0, self.wide.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.wide[mid].0 - extra_before(mid) < ch {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let byte = ch + extra_before(lo);
        (byte <= text.len()).then_some(byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points_not_bytes() {
        let text = "Kyiv’s «mayor» said “no” — é";
        let offsets = CharOffsets::new(text);
        for (ch, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.char_offset(byte), ch);
            assert_eq!(offsets.byte_offset(text, ch), Some(byte));
        }
        assert_eq!(offsets.char_offset(text.len()), text.chars().count());
        assert_eq!(offsets.byte_offset(text, text.chars().count()), Some(text.len()));
        assert_eq!(offsets.byte_offset(text, text.chars().count() + 1), None);
    }

    #[test]
    fn trim_removes_whitespace_and_chosen_marks() {
        let text = "  “hello, world,”  ";
        let span = Span::new(0, text.len()).trim_by(text, |c| "“”,".contains(c));
        assert_eq!(span.text(text), "hello, world");
    }
}
