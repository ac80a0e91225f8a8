//! How the learned tagger's attributions and the rules' quotes are joined: the rules keep the
//! direct quotes they find (quotation marks make them precise); the tagger supplies reported
//! speech and every quote the rules missed, and widens or completes the rules' sources; a
//! tagged content that nobody is found to have said, and that the tagger is unsure of, is
//! dropped.

use crate::attribution::{clause_joined_speaker, Attribution, QuoteType};
use crate::lexicon;
use crate::linking::link;
use crate::quotemarks::is_unambiguous_mark;
use crate::segment::Block;
use crate::span::{CharOffsets, Span};
use crate::tags::TaggedSpan;

/// A tagged content with no cue linked to it needs this many words: short ones without a cue
/// were right about one time in four on PolNeAR dev, long ones one time in two. A content with
/// a cue is kept however short: of the 179 under three words that the CRF tagger links to a cue
/// on PolNeAR dev ("had mocked the complaint", "did not identify a location"), 85 are quotes,
/// where they had been one in four with the linear tagger before it.
const MIN_WORDS_WITHOUT_CUE: usize = 6;

/// A tagged content that nobody is found to have said (no source from the tagger, the rules'
/// reported speech over it or the subject of its sentence) needs the tagger to be at least this
/// sure of it ([`TaggedSpan::confidence`]). Dropping the 73 less sure ones on PolNeAR dev raised
/// attribution F1 from 0.719 to 0.725 and exact content from 0.643 to 0.650, and no score fell
/// (on train, exact cue fell 0.4 points); limits from 0.7 to 0.9 scored within 0.6 points of
/// each other on dev, and this one is the middle.
const MIN_CONFIDENCE_WITHOUT_SOURCE: f32 = 0.8;

/// The rules' attributions `rules` joined with the tagger's spans `tagged` for the same text:
/// merged ([`merge`]), sources that a heading or a stray word fills cleared, a cue without a
/// source given the subject of its clause, and the unsure contents nobody is found to have
/// said dropped.
pub fn join_tagged(
    text: &str,
    blocks: &[Block],
    offsets: &CharOffsets,
    rules: Vec<Attribution>,
    tagged: &[TaggedSpan],
) -> Vec<Attribution> {
    let (learned, unsure) = learned_attributions(text, offsets, tagged);
    let mut attributions = merge(text, rules, learned, &unsure);
    for a in attributions.iter_mut() {
        // A dateline or heading is nobody; a cue without a source, joined to a clause
        // whose subject speaks, is that subject's.
        a.source = a.source.and_then(|s| without_capitals_heading(text, s));
        if a.source.is_none() {
            a.source = a
                .cue
                .and_then(|cue| clause_joined_speaker(text, blocks, cue))
                .and_then(|s| without_capitals_heading(text, s));
        }
    }
    // Nobody is found to have said it, and the tagger is unsure it was said. Quotation
    // marks say that something was.
    attributions.retain(|a| a.kind == QuoteType::Direct || a.source.is_some() || !unsure.contains(&a.content));
    // A stray word marked as the source names no one; the quote itself stays.
    for a in attributions.iter_mut() {
        a.source = a.source.and_then(|s| without_stray_word(text, s));
    }
    attributions
}

/// The line of `span` nearest `content`: the last line when the span comes before it, else the
/// first.
fn one_line(text: &str, span: Span, content: Span) -> Span {
    let inner = span.text(text);
    let cut = if span.start < content.start {
        inner.rfind('\n').map(|i| Span::new(span.start + i + 1, span.end))
    } else {
        inner.find('\n').map(|i| Span::new(span.start, span.start + i))
    };
    cut.map_or(span, |s| s.trim_by(text, |_| false))
}

/// The tagger's spans as attributions with byte spans, and the contents among them that the
/// tagger is unsure of and links no source to (see [`MIN_CONFIDENCE_WITHOUT_SOURCE`]). Content
/// is trimmed of whitespace; a content that is a direct quote loses its enclosing marks and the
/// comma before the closing one, as the rules' direct quotes do.
fn learned_attributions(text: &str, offsets: &CharOffsets, tagged: &[TaggedSpan]) -> (Vec<Attribution>, Vec<Span>) {
    let byte = |ch: usize| offsets.byte_offset(text, ch).unwrap_or(text.len());
    let byte_span = |s: &TaggedSpan| Span::new(byte(s.start), byte(s.end)).trim_by(text, |_| false);
    let mut unsure = Vec::new();
    let learned = link(tagged, text)
        .into_iter()
        .filter_map(|t| {
            let mut content = byte_span(&t.content);
            let inner = content.text(text);
            let kind = if inner.starts_with(is_unambiguous_mark)
                && inner.ends_with(|c: char| is_unambiguous_mark(c) || c == '.' || c == ',')
            {
                content = content.trim_by(text, |c| is_unambiguous_mark(c) || c == ',');
                QuoteType::Direct
            } else if inner.contains(is_unambiguous_mark) {
                QuoteType::Mixed
            } else {
                QuoteType::Indirect
            };
            let words = content.text(text).split_whitespace().count();
            // A tagged quotation mark alone leaves nothing once the marks are trimmed.
            let fragment = words == 0 || kind != QuoteType::Direct && t.cue.is_none() && words < MIN_WORDS_WITHOUT_CUE;
            // A speaker or cue never runs over a line break ("…Valmora¶Valmora's mayor Ines
            // Castell"): keep the line nearest the content.
            let near_content = |s: &TaggedSpan| one_line(text, byte_span(s), content);
            if !fragment && t.source.is_none() && t.content.confidence < MIN_CONFIDENCE_WITHOUT_SOURCE {
                unsure.push(content);
            }
            (!fragment).then(|| Attribution {
                content,
                kind,
                cue: t.cue.as_ref().map(near_content),
                source: t.source.as_ref().map(near_content),
            })
        })
        .collect();
    (learned, unsure)
}

/// Whether `learned`, a mixed quote the tagger found over the rules' direct quote `quote`, is
/// that quote with the reported words leading into it ("softer language calling for
/// “appropriate assistance.”"): it starts earlier on the same line, ends where the quote's marks
/// and punctuation do, and the words it adds hold no source or cue. PolNeAR's content takes
/// those words in: taking them raised exact content F1 on dev from 0.640 to 0.643.
fn leads_into(text: &str, learned: &Attribution, quote: &Attribution) -> bool {
    let (outer, inner) = (learned.content, quote.content);
    if learned.kind != QuoteType::Mixed || outer.start >= inner.start || outer.end < inner.end {
        return false;
    }
    let lead = Span::new(outer.start, inner.start);
    let closing = Span::new(inner.end, outer.end).text(text);
    !lead.text(text).contains('\n')
        && closing.chars().all(|c| is_unambiguous_mark(c) || ",.;:?!".contains(c))
        && ![quote.source, quote.cue, learned.source, learned.cue].iter().flatten().any(|s| s.overlaps(&lead))
}

/// Whether the tagger's source `learned` is the rules' `rule` with more of the mention around it:
/// a title or description before it ("9/11 widow Terry Strada"), an aside after it set off by a
/// comma, parenthesis or dash ("John Dickey, the chief executive of Ora Media"), or a place or
/// body after "of" ("Rep. Stacey Plaskett of the Virgin Islands"). PolNeAR's source spans take
/// those in and the rules stop short of them; a tagged span running on into a clause ("Trump and
/// has aides") is not taken.
fn extends_mention(text: &str, rule: Span, learned: Span) -> bool {
    if learned == rule || !learned.contains(&rule) {
        return false;
    }
    // The rules may also stop inside a word ("Del" of "Del. Stacey Plaskett", "9" of "9/11
    // widow Terry Strada").
    let cut_in_word = text[rule.end..].starts_with(|c: char| !c.is_whitespace() && c != ',');
    let after = Span::new(rule.end, learned.end).text(text).trim_start();
    cut_in_word || after.is_empty() || after.starts_with([',', '(', '—', '–', '-']) || after.starts_with("of ")
}

/// `source`, unless it is a lone lower-case participle or adverb the tagger marked ("fueling",
/// "having", "reportedly"): such a word names no one.
fn without_stray_word(text: &str, source: Span) -> Option<Span> {
    let word = source.text(text);
    let stray = !word.is_empty()
        && word.starts_with(char::is_lowercase)
        && !word.contains(char::is_whitespace)
        && (word.ends_with("ing") || word.ends_with("ly"));
    Some(source).filter(|_| !stray || lexicon::is_speaker_head(word) || lexicon::contains(lexicon::PRONOUNS, word))
}

/// `source` without the part of it in a heading or dateline in capitals that a dash ends
/// ("BRUSSELS - European leaders gathered …" → "European leaders"; "FELLOW DOCTORS DON'T WANT
/// TO ASSOCIATE WITH HIM — Oz …", "WASHINGTON (AP) — …"), where no one speaks; `None` when
/// nothing is left. A name in capitals before a colon ("PENCE: Well, …") is a transcript's
/// speaker, not a heading.
fn without_capitals_heading(text: &str, source: Span) -> Option<Span> {
    let line_start = text[..source.start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let capitals = &line[..line.find(|c: char| c.is_lowercase() || c == '\n').unwrap_or(line.len())];
    let dash = [
        capitals.rfind(['—', '–']).map(|i| i + capitals[i..].chars().next().map_or(1, char::len_utf8)),
        capitals.rfind(" - ").map(|i| i + 3),
    ];
    let Some(heading_end) = dash.into_iter().flatten().max().map(|i| line_start + i) else { return Some(source) };
    if source.start >= heading_end || !capitals.chars().any(char::is_uppercase) {
        return Some(source);
    }
    if source.end <= heading_end {
        return None;
    }
    Some(Span::new(heading_end, source.end).trim_by(text, |_| false)).filter(|s| !s.is_empty())
}

/// The rules' direct quotes, then every learned attribution that does not overlap one of them.
/// A direct quote the rules could not attribute takes the source and cue of the learned
/// attribution over it, and one that the learned attribution only extends by the words leading
/// into it ([`leads_into`]) becomes that mixed quote; one whose speaker the learned source only
/// widens by the rest of the mention ([`extends_mention`]) takes that source; a learned
/// attribution with no source takes the source (and, lacking one, the cue) of a rule's reported
/// speech over it.
fn merge(text: &str, rules: Vec<Attribution>, learned: Vec<Attribution>, unsure: &[Span]) -> Vec<Attribution> {
    let (mut out, reported): (Vec<Attribution>, Vec<Attribution>) =
        rules.into_iter().partition(|a| a.kind == QuoteType::Direct);
    let direct = out.len();
    for mut a in learned {
        let overlapped = out[..direct].iter().filter(|r| r.content.overlaps(&a.content)).count();
        match out[..direct].iter_mut().find(|r| r.content.overlaps(&a.content)) {
            Some(rule) => {
                if overlapped == 1 && !unsure.contains(&a.content) && leads_into(text, &a, rule) {
                    rule.content = a.content;
                    rule.kind = QuoteType::Mixed;
                }
                // A rule's quote with no cue only goes on in the voice of the speaker before
                // it; the tagger, which read the words around it, knows better.
                if (rule.source.is_none() || rule.cue.is_none()) && a.source.is_some() {
                    rule.source = a.source;
                    rule.cue = a.cue;
                } else if let Some(longer) =
                    a.source.filter(|l| overlapped == 1 && rule.source.is_some_and(|r| extends_mention(text, r, *l)))
                {
                    rule.source = Some(longer);
                }
            }
            None => {
                if let Some(rule) = reported.iter().find(|r| r.content.overlaps(&a.content) && r.source.is_some()) {
                    if a.source.is_none() {
                        a.source = rule.source;
                        a.cue = a.cue.or(rule.cue);
                    }
                }
                out.push(a);
            }
        }
    }
    out.sort_by_key(|a| a.content.start);
    out
}
