//! Linking the tagger's spans of one text into attributions: each content with its cue and
//! source.

use crate::quotemarks::is_unambiguous_mark;
use crate::tags::{Role, TaggedSpan};

/// A content span with the source and cue linked to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedAttribution {
    /// What was said.
    pub content: TaggedSpan,
    /// Its speech cue, if one was tagged nearby.
    pub cue: Option<TaggedSpan>,
    /// Its source, if one was tagged nearby.
    pub source: Option<TaggedSpan>,
}

/// Code points between two spans (0 when they touch or overlap).
fn gap(a: &TaggedSpan, b: &TaggedSpan) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// How far (code points) a cue may lie from its content, and a source from its cue.
const LINK_REACH: usize = 150;

/// Link the tagged spans of one text into attributions.
///
/// Every content takes the nearest free cue of its paragraph — a cue serves one content, the
/// closest pair first — and each cue the nearest source of its paragraph that is not across
/// another content. A content with no cue takes the nearest source of its paragraph, if any.
/// A paragraph that ends in a colon ("The governor added:") reaches into the next one: 5
/// attributions on PolNeAR dev, all linked wrong before. A content ends with its paragraph
/// unless the statement goes on past it ([`Linker::within_paragraph`]).
///
/// Two contents are one when only an attribution set off by punctuation lies between them
/// ("Acts of protest, Mr. Obama said, are …"): 25 on PolNeAR dev, exact content F1 0.633 ->
/// 0.640. Joining across any cue between contents had merged separate statements ("X, saying
/// Y", "He is expected to Y"): 226 joins on dev, two points of quote F1 lost.
pub fn link(spans: &[TaggedSpan], text: &str) -> Vec<TaggedAttribution> {
    let of = |role: Role| {
        let mut v: Vec<TaggedSpan> = spans.iter().filter(|s| s.role == role && s.start < s.end).copied().collect();
        v.sort_by_key(|s| s.start);
        v
    };
    let linker = Linker { chars: text.chars().collect(), cues: of(Role::Cue), sources: of(Role::Source) };
    let contents = linker.join_interrupted(of(Role::Content).iter().map(|c| linker.within_paragraph(c)).collect());
    let cue_of = linker.cues_of(&contents);
    contents
        .iter()
        .zip(cue_of)
        .map(|(&content, cue)| {
            let source = linker.nearest_source(cue.as_ref().unwrap_or(&content), &contents);
            TaggedAttribution { content, cue, source }
        })
        .collect()
}

/// The cues and sources of one text, and its characters.
struct Linker {
    chars: Vec<char>,
    cues: Vec<TaggedSpan>,
    sources: Vec<TaggedSpan>,
}

impl Linker {
    /// Whether `b` may belong to the attribution of `a`: near, in its paragraph, and with no
    /// content between them.
    fn reachable(&self, a: &TaggedSpan, b: &TaggedSpan, contents: &[TaggedSpan]) -> bool {
        if gap(a, b) > LINK_REACH {
            return false;
        }
        let (lo, hi) = if a.end <= b.start { (a.end, b.start) } else { (b.end, a.start) };
        // "Limbaugh added:¶And from …": a colon ending a paragraph hands it to the next one.
        // The colon may close the cue span ("added:") or stand after it.
        let colon_only = || {
            let mut between = self.chars[lo..hi].iter().filter(|&&c| !c.is_whitespace() && !is_unambiguous_mark(c));
            match between.next() {
                None => lo > 0 && self.chars[lo - 1] == ':',
                Some(&c) => c == ':' && between.next().is_none(),
            }
        };
        lo >= hi
            || (!self.chars[lo..hi].contains(&'\n') || colon_only())
                && !contents.iter().any(|c| c.start >= lo && c.end <= hi)
    }

    /// `content` within its paragraph: it ends at the first line break after which the text
    /// does not go on with the same statement, and lines before its first word (a stray
    /// opening mark) are left out. A statement goes on where the next line opens with a
    /// quotation mark (a quote running over paragraphs) or the line before ends in a colon
    /// ("has the following tasks ahead of her tonight:¶Sell her presidency …"). Of PolNeAR
    /// train's 22,525 contents, 136 run over a line break, all of them quotes that go on;
    /// the tagger's content sometimes runs on into the narration of the next paragraph, and
    /// then takes a source from there.
    fn within_paragraph(&self, content: &TaggedSpan) -> TaggedSpan {
        let chars = &self.chars;
        let lines = {
            let mut lines = Vec::new();
            let mut start = content.start;
            for k in content.start..=content.end {
                if k == content.end || chars[k] == '\n' {
                    if chars[start..k].iter().any(|c| c.is_alphanumeric()) {
                        lines.push((start, k));
                    }
                    start = k + 1;
                }
            }
            lines
        };
        let Some(&(start, mut end)) = lines.first() else { return *content };
        for &(next, next_end) in &lines[1..] {
            let opens_quote = chars[next..next_end]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| is_unambiguous_mark(c) || c == '"');
            let colon_before = chars[start..end].iter().rev().find(|c| !c.is_whitespace()) == Some(&':');
            if !(opens_quote || colon_before) {
                break;
            }
            end = next_end;
        }
        TaggedSpan { start, end, ..*content }
    }

    /// The cue of each content: the nearest free one, the closest pair first.
    fn cues_of(&self, contents: &[TaggedSpan]) -> Vec<Option<TaggedSpan>> {
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (i, c) in contents.iter().enumerate() {
            for (j, q) in self.cues.iter().enumerate().filter(|(_, q)| self.reachable(c, q, contents)) {
                pairs.push((gap(c, q), i, j));
            }
        }
        pairs.sort();
        let mut cue_of: Vec<Option<TaggedSpan>> = vec![None; contents.len()];
        let mut taken = vec![false; self.cues.len()];
        for (_, i, j) in pairs {
            if cue_of[i].is_none() && !taken[j] {
                cue_of[i] = Some(self.cues[j]);
                taken[j] = true;
            }
        }
        cue_of
    }

    /// The source nearest `anchor` that it may reach.
    fn nearest_source(&self, anchor: &TaggedSpan, contents: &[TaggedSpan]) -> Option<TaggedSpan> {
        self.sources
            .iter()
            .filter(|s| self.reachable(anchor, s, contents))
            .min_by_key(|s| (gap(anchor, s), s.start))
            .copied()
    }

    /// Contents with only an attribution between them ("Acts of protest, Mr. Obama said, are
    /// …") as one content running over it, as PolNeAR annotates them. The attribution must
    /// name its source and be set off by punctuation, and neither content may take a cue from
    /// elsewhere: "X, saying Y", "X is expected to Y" and "X, he warned Y" are not one
    /// statement interrupted.
    fn join_interrupted(&self, contents: Vec<TaggedSpan>) -> Vec<TaggedSpan> {
        let cue_of = self.cues_of(&contents);
        let chars = &self.chars;
        let within = |s: &TaggedSpan, lo: usize, hi: usize| lo <= s.start && s.end <= hi;
        let covered = |k: usize| self.cues.iter().chain(&self.sources).any(|s| s.start <= k && k < s.end);
        let punctuation = |c: char| matches!(c, ' ' | ',' | '—' | '–' | '-') || is_unambiguous_mark(c);
        let interrupts = |i: usize| {
            let (a, b) = (contents[i], contents[i + 1]);
            if a.end > b.start {
                return false;
            }
            let Some(cue) = self.cues.iter().find(|c| within(c, a.end, b.start)) else { return false };
            let elsewhere = |k: usize| cue_of[k].is_some_and(|c| c != *cue);
            // Set off by punctuation on both sides: "X, he said, Y", not "X, he warned Y".
            let between = chars[a.end..b.start].iter().copied().filter(|&c| c != ' ');
            let set_off =
                between.clone().next().is_some_and(punctuation) && between.clone().next_back().is_some_and(punctuation);
            !elsewhere(i)
                && !elsewhere(i + 1)
                && self.sources.iter().any(|s| within(s, a.end, b.start))
                && (a.end..b.start).all(|k| covered(k) || punctuation(chars[k]))
                && set_off
        };
        let mut out: Vec<TaggedSpan> = Vec::with_capacity(contents.len());
        for (i, c) in contents.iter().enumerate() {
            match out.last_mut() {
                // Chains join too ("A, he said, B, he added, C"), each pair judged on its own.
                // The joined content is only as sure as its less sure part.
                Some(last) if interrupts(i - 1) => {
                    last.end = c.end;
                    last.confidence = last.confidence.min(c.confidence);
                }
                _ => out.push(*c),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_links_to_nearest_cue_and_its_source_but_not_across_another_content() {
        let s = TaggedSpan::new;
        // "Smith said X. Jones noted Y."
        let spans = [
            s(Role::Source, 0, 5),
            s(Role::Cue, 6, 10),
            s(Role::Content, 11, 12),
            s(Role::Source, 14, 19),
            s(Role::Cue, 20, 25),
            s(Role::Content, 26, 27),
        ];
        let text = "Smith said X. Jones noted Y.";
        let links = link(&spans, text);
        assert_eq!(links[0].source, Some(spans[0]));
        assert_eq!(links[0].cue, Some(spans[1]));
        assert_eq!(links[1].source, Some(spans[3]));
        assert_eq!(links[1].cue, Some(spans[4]));
    }

    #[test]
    fn a_cue_serves_one_content_and_links_do_not_cross_paragraphs() {
        let s = TaggedSpan::new;
        //          0         1         2         3
        //          0123456789012345678901234567890123456789
        let text = "Ann said taxes rise, costs too.\nBo: no.";
        let spans = [
            s(Role::Source, 0, 3),
            s(Role::Cue, 4, 8),
            s(Role::Content, 9, 19),
            s(Role::Content, 21, 30),
            s(Role::Source, 32, 34),
            s(Role::Cue, 34, 35),
        ];
        let links = link(&spans, text);
        assert_eq!(links[0].cue, Some(spans[1]));
        assert_eq!(links[0].source, Some(spans[0]));
        // The second content is nearer the next paragraph's cue and source but may not take
        // them, and the first paragraph's cue and source lie across the first content.
        assert_eq!((links[1].cue, links[1].source), (None, None));
    }
    /// Tagged spans at the first occurrence of each needle of `text`.
    fn tagged(text: &str, marks: &[(Role, &str)]) -> Vec<TaggedSpan> {
        marks
            .iter()
            .map(|&(role, needle)| {
                let start = text[..text.find(needle).unwrap()].chars().count();
                TaggedSpan::new(role, start, start + needle.chars().count())
            })
            .collect()
    }

    #[test]
    fn a_statement_interrupted_by_its_attribution_is_one_content() {
        let text = "The new bridge, the mayor said, will open in May.";
        let spans = tagged(
            text,
            &[
                (Role::Content, "The new bridge"),
                (Role::Source, "the mayor"),
                (Role::Cue, "said"),
                (Role::Content, "will open in May"),
            ],
        );
        let links = link(&spans, text);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!((links[0].content.start, links[0].content.end), (0, text.len() - 1));
        assert_eq!((links[0].source, links[0].cue), (Some(spans[1]), Some(spans[2])));
    }

    #[test]
    fn a_content_ends_with_its_paragraph_unless_the_statement_goes_on() {
        // A content from `first` to the end of `last`, linked alone or with a source.
        let linked = |text: &str, first: &str, last: &str, source: Option<&str>| {
            let mut content = tagged(text, &[(Role::Content, first)])[0];
            content.end = tagged(text, &[(Role::Content, last)])[0].end;
            let mut spans = vec![content];
            spans.extend(source.map(|s| tagged(text, &[(Role::Source, s)])[0]));
            let link = link(&spans, text).remove(0);
            (
                text.chars().skip(link.content.start).take(link.content.end - link.content.start).collect::<String>(),
                link.source,
            )
        };
        // Run on into the next paragraph's narration, the content took its source from there.
        let text = "\"Thank you all!\"\n\nThe plan surprised Ann Lee, who was away.";
        assert_eq!(linked(text, "\"Thank", "surprised", Some("Ann Lee")), ("\"Thank you all!\"".to_string(), None));
        // A quote that goes on in the next paragraph, and a colon that hands one over, stay.
        let text = "\"We will win,\" she wrote.\n\n\"Thank you all!\"";
        assert_eq!(linked(text, "\"We", "all!\"", None).0, text);
        let text = "She listed her tasks:\n\nWin the vote.";
        assert_eq!(linked(text, "her tasks", "the vote", None).0, "her tasks:\n\nWin the vote");
        // A stray opening mark before the statement's first word is left out.
        let text = "\"\n\nShe is right, he wrote.";
        assert_eq!(linked(text, "\"", "is right", None).0, "She is right");
    }

    #[test]
    fn statements_either_side_of_a_cue_stay_apart_unless_it_is_set_off() {
        // The cue introduces the second statement: "X, he warned Y", "X, saying Y".
        let text = "Rents will rise, the mayor warned that the bridge will close.";
        let spans = tagged(
            text,
            &[
                (Role::Content, "Rents will rise"),
                (Role::Source, "the mayor"),
                (Role::Cue, "warned"),
                (Role::Content, "that the bridge will close"),
            ],
        );
        assert_eq!(link(&spans, text).len(), 2);
        let text = "Ann Lee criticised the plan, saying it costs too much.";
        let spans = tagged(
            text,
            &[
                (Role::Source, "Ann Lee"),
                (Role::Cue, "criticised"),
                (Role::Content, "the plan"),
                (Role::Cue, "saying"),
                (Role::Content, "it costs too much"),
            ],
        );
        let links = link(&spans, text);
        assert_eq!(links.len(), 2);
        assert_eq!(links[1].cue, Some(spans[3]));
    }
}
