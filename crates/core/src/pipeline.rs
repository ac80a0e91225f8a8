//! The pipeline: article in, attributed quotes out.
//!
//! `segment → find quotation marks → find attributions → resolve speakers`, each stage a module
//! of its own; this one only wires them together and converts offsets for output. When the
//! learned tagger (the models crate's `tagger`) has read the article, its attributions join the rules'
//! before speakers are resolved ([`crate::merge`]).

use crate::article::Article;
use crate::attribution::{cue_without_speaker, find_attributions, Attribution};
use crate::mention;
use crate::merge::join_tagged;
use crate::quotemarks::find_quoted;
use crate::record::QuoteRecord;
use crate::segment::{blocks, paragraphs, Block};
use crate::span::{CharOffsets, Span};
use crate::speakers::{speaker_id, Speaker, SpeakerResolver, SpeakerType};
use crate::tags::TaggedSpan;
use std::collections::HashMap;

/// `cue` with the colon right after it ("added: …"), which introduces what was said: PolNeAR's
/// cue spans take it in (368 times of 386 on train).
fn with_colon(text: &str, cue: Span, content: Span) -> Span {
    let colon = Span::new(cue.end, cue.end + 1);
    if text[cue.end..].starts_with(':') && !content.overlaps(&colon) {
        Span::new(cue.start, colon.end)
    } else {
        cue
    }
}

/// Find, attribute and resolve every quote of one article, by the rules alone.
pub fn label_article(article: &Article) -> Vec<QuoteRecord> {
    label_article_with(article, None)
}

/// Find, attribute and resolve every quote of one article; `tagged` holds the learned tagger's
/// spans for the article's text, if it was run.
///
/// The rules keep the direct quotes they find (quotation marks make them precise); the tagger
/// supplies reported speech and every quote the rules missed; a tagged content that overlaps a
/// rule's direct quote is dropped.
pub fn label_article_with(article: &Article, tagged: Option<&[TaggedSpan]>) -> Vec<QuoteRecord> {
    let text = article.text.as_str();
    let paras = paragraphs(text, article.body_start);
    let quoted = find_quoted(text, &paras);
    let blocks = blocks(text, &paras, &quoted);
    let offsets = CharOffsets::new(text);
    let mut attributions = find_attributions(text, &blocks, &quoted);
    if let Some(tagged) = tagged {
        attributions = join_tagged(text, &blocks, &offsets, attributions, tagged);
    }
    settle_sources(text, &mut attributions);
    let speakers = resolve_speakers(text, &blocks, &attributions);
    let mut records: Vec<QuoteRecord> = attributions
        .iter()
        .map(|a| {
            let speaker = speakers.iter().find(|(c, _)| *c == a.content).and_then(|(_, s)| s.clone());
            record(article, &blocks, &offsets, a, speaker)
        })
        .collect();
    distinct_quote_ids(&article.id, &mut records);
    records
}

/// Quote ids unique within the article: `<id>:<start>`, or, for quotes that start together (a
/// quote and one nested at its start), `<id>:<start>-<end>`, and `.2`, `.3`… after that for
/// quotes over the very same span. On PolNeAR train, 2 pairs of its 19,931 quotes start together
/// (7 pairs of 14,687 with the rules alone).
fn distinct_quote_ids(article_id: &str, records: &mut [QuoteRecord]) {
    // Counted in maps, not by scanning every record for every record: an article of thousands
    // of quotes (scraped pages, the soak run's quote storms) must not cost their square.
    let mut starts: HashMap<usize, usize> = HashMap::new();
    for r in records.iter() {
        *starts.entry(r.quote_start).or_default() += 1;
    }
    let mut spans_seen: HashMap<(usize, usize), usize> = HashMap::new();
    for r in records.iter_mut().filter(|r| starts[&r.quote_start] > 1) {
        let copy = spans_seen.entry((r.quote_start, r.quote_end)).or_default();
        *copy += 1;
        let suffix = if *copy > 1 { format!(".{copy}") } else { String::new() };
        r.quote_id = format!("{article_id}:{}-{}{suffix}", r.quote_start, r.quote_end);
    }
}

/// The last word on each source: none where the cue names no speaker, and a legislator's party
/// tag taken in.
fn settle_sources(text: &str, attributions: &mut [Attribution]) {
    for a in attributions {
        // "Support for the plan appears solid", "She was asked about the plan": nobody speaks.
        // A source after the cue ("was asked by the host whether …") is the one who asked.
        if a.cue.is_some_and(|cue| cue_without_speaker(text, cue) && a.source.is_some_and(|s| s.start < cue.start)) {
            a.source = None;
        }
        if let Some(source) = a.source {
            a.source = Some(mention::with_party_tag(text, a, source));
        }
    }
}

/// The speaker of each attribution, by its content.
fn resolve_speakers(text: &str, blocks: &[Block], attributions: &[Attribution]) -> Vec<(Span, Option<Speaker>)> {
    let mut resolver = SpeakerResolver::new(text, blocks);
    // Resolve in text order of the source mention so earlier speakers inform later pronouns.
    let mut order: Vec<&Attribution> = attributions.iter().collect();
    order.sort_by_key(|a| a.source.map_or(a.content.start, |s| s.start));
    order
        .iter()
        .map(|a| {
            let speaker = a.source.map(|s| resolver.resolve_speaker_of(s, a.content));
            (a.content, speaker)
        })
        .collect()
}

/// The record of attribution `a` of `article`, with code-point offsets.
fn record(
    article: &Article,
    blocks: &[Block],
    offsets: &CharOffsets,
    a: &Attribution,
    speaker: Option<Speaker>,
) -> QuoteRecord {
    let text = article.text.as_str();
    let ch = |b: usize| offsets.char_offset(b);
    let (speaker_name, speaker_type) = match speaker {
        Some(s) => (s.name, s.kind),
        None => (String::new(), SpeakerType::Unknown),
    };
    let quote_start = ch(a.content.start);
    // The name was resolved from the mention itself; the record reports it with what
    // the sentence says about the speaker.
    let mention_span = mention::reported(text, blocks, a);
    let cue_span = a.cue.map(|c| with_colon(text, c, a.content));
    QuoteRecord {
        article_id: article.id.clone(),
        date: article.date.clone().unwrap_or_default(),
        quote_id: format!("{}:{}", article.id, quote_start),
        quote_type: a.kind.as_str().to_string(),
        quote_text: a.content.text(text).to_string(),
        quote_start,
        quote_end: ch(a.content.end),
        speaker_mention: mention_span.map(|s| s.text(text).to_string()).unwrap_or_default(),
        speaker_type: speaker_type.as_str().to_string(),
        speaker_start: mention_span.map(|s| ch(s.start)),
        speaker_end: mention_span.map(|s| ch(s.end)),
        cue: cue_span.map(|s| s.text(text).to_string()).unwrap_or_default(),
        cue_start: cue_span.map(|s| ch(s.start)),
        cue_end: cue_span.map(|s| ch(s.end)),
        speaker_id: speaker_id(&speaker_name, speaker_type, &article.id),
        speaker: speaker_name,
    }
}
