//! The pipeline: article in, attributed quotes out.
//!
//! `segment → find quotation marks → find attributions → resolve speakers`, each stage a module
//! of its own; this one only wires them together and converts offsets for output.

use crate::article::Article;
use crate::attribution::{find_attributions, Attribution};
use crate::quotemarks::find_quoted;
use crate::record::QuoteRecord;
use crate::segment::{blocks, paragraphs};
use crate::span::CharOffsets;
use crate::speakers::{SpeakerResolver, SpeakerType};

/// Find, attribute and resolve every quote of one article.
pub fn label_article(article: &Article) -> Vec<QuoteRecord> {
    let text = article.text.as_str();
    let paras = paragraphs(text, article.body_start);
    let quoted = find_quoted(text, &paras);
    let blocks = blocks(text, &paras, &quoted);
    let attributions = find_attributions(text, &blocks, &quoted);
    let mut resolver = SpeakerResolver::new(text, &blocks);
    let offsets = CharOffsets::new(text);
    let ch = |b: usize| offsets.char_offset(b);
    // Resolve in text order of the source mention so earlier speakers inform later pronouns.
    let mut order: Vec<&Attribution> = attributions.iter().collect();
    order.sort_by_key(|a| a.source.map_or(a.content.start, |s| s.start));
    let speakers: Vec<_> = order
        .iter()
        .map(|a| {
            let speaker = a.source.map(|s| resolver.resolve(s, a.content));
            (a.content, speaker)
        })
        .collect();
    attributions
        .iter()
        .map(|a| {
            let speaker = speakers.iter().find(|(c, _)| *c == a.content).and_then(|(_, s)| s.clone());
            let (speaker_name, speaker_type) = match speaker {
                Some(s) => (s.name, s.kind),
                None => (String::new(), SpeakerType::Unknown),
            };
            let quote_start = ch(a.content.start);
            QuoteRecord {
                article_id: article.id.clone(),
                date: article.date.clone().unwrap_or_default(),
                quote_id: format!("{}:{}", article.id, quote_start),
                quote_type: a.kind.as_str().to_string(),
                quote_text: a.content.text(text).to_string(),
                quote_start,
                quote_end: ch(a.content.end),
                speaker: speaker_name,
                speaker_mention: a.source.map(|s| s.text(text).to_string()).unwrap_or_default(),
                speaker_type: speaker_type.as_str().to_string(),
                speaker_start: a.source.map(|s| ch(s.start)),
                speaker_end: a.source.map(|s| ch(s.end)),
                cue: a.cue.map(|s| s.text(text).to_string()).unwrap_or_default(),
                cue_start: a.cue.map(|s| ch(s.start)),
                cue_end: a.cue.map(|s| ch(s.end)),
            }
        })
        .collect()
}
