//! The resolution step for a mention with an aside: "Rustem Umerov, a senior adviser to
//! Zelenskyy," or "Another RT America host, Abby Martin,": one of its parts names the speaker.

use std::ops::ControlFlow;

use super::names::*;
use super::resolve::MentionParts;
use super::words::*;
use super::{Speaker, SpeakerResolver, SpeakerType};
use crate::span::Span;

/// A mention with an aside names its speaker in one of its parts: the first part that is a
/// named person wins. Dashes set an aside off as commas do: "Jason Sims — a teacher from Mount
/// Pleasant —". With no such part, a person a part describes, or else the phrase before the
/// first aside, is what speaks.
pub(super) fn named_in_aside(resolver: &mut SpeakerResolver<'_>, mention: &MentionParts<'_>) -> Option<Speaker> {
    if !mention.text.contains(ASIDE_OPENERS) {
        return None;
    }
    let text = resolver.text;
    let parts = aside_parts(text, mention.span);
    let described = match resolver.person_in_parts(&parts) {
        ControlFlow::Break(named) => return Some(named),
        ControlFlow::Continue(described) => described,
    };
    // The phrase before the first aside, resolved once for the checks below.
    let head = parts.first().copied().filter(|p| p.end < mention.span.end && !is_example(text, p));
    let head_speaker = head.map(|p| resolver.resolve_mention(p));
    let head_kind = head_speaker.as_ref().map(|s| s.kind);
    // Nor does a description outrank a body named before it: "The newspaper, long a vocal
    // advocate of immigration reform," is the newspaper; nor people named together before it:
    // "She and Jack Goldsmith, a Bush-era Justice official," are two.
    let head_is_body = head_kind == Some(SpeakerType::Organisation);
    let head_is_pair = head.is_some_and(|p| p.text(text).contains(" and ")) && head_kind == Some(SpeakerType::Group);
    if let Some(speaker) = described.filter(|_| !head_is_body && !head_is_pair) {
        return Some(speaker);
    }
    // No part names a person: the phrase before the first aside is what speaks.
    let speaker = head_speaker.filter(|s| s.kind != SpeakerType::Unknown)?;
    Some(Speaker { name: mention.text.trim_end_matches([',', ' ']).to_string(), ..speaker })
}

/// The non-empty parts of a mention at `span`, split at its [`ASIDE_MARKS`].
fn aside_parts(text: &str, span: Span) -> Vec<Span> {
    let mention = span.text(text);
    let mut parts = Vec::new();
    let mut start = span.start;
    for (i, c) in mention.char_indices().filter(|&(_, c)| ASIDE_MARKS.contains(&c)) {
        parts.push(Span::new(start, span.start + i));
        start = span.start + i + c.len_utf8();
    }
    parts.push(Span::new(start, span.end));
    parts.into_iter().map(|p| p.trim_by(text, |_| false)).filter(|p| !p.is_empty()).collect()
}

/// "many tax experts, including Mr. Goldberg,": an example is not the speaker. Nor is a
/// relative clause: "…, who backs Cruz," names whom the speaker backs.
fn is_example(text: &str, part: &Span) -> bool {
    let first = part.text(text).split_whitespace().next().unwrap_or_default().to_lowercase();
    crate::lexicon::contains(crate::lexicon::EXAMPLE_OPENERS, &first) || opens_relative_clause(&first)
}

/// Whether a part is a name, capitalised past its determiners ("Its chair, Johan Ek": Johan
/// Ek).
fn is_name(text: &str, part: &Span) -> bool {
    let words: Vec<&str> = part
        .text(text)
        .split_whitespace()
        .skip_while(|w| crate::lexicon::contains(crate::lexicon::DETERMINERS, &w.to_lowercase()))
        .collect();
    !words.is_empty() && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

impl SpeakerResolver<'_> {
    /// The person the parts of a mention name: `Break` with the first that names one, else
    /// `Continue` with the first person a part only describes. A part that is a name goes before
    /// one that only describes a person; each part is tried once. A description of a person
    /// ("his wife", "a spokesman for …") yields to a part that names one, even inside a
    /// description ("longtime Clinton aide Huma Abedin").
    fn person_in_parts(&mut self, parts: &[Span]) -> ControlFlow<Speaker, Option<Speaker>> {
        let text = self.text;
        let mut described = None;
        for names in [true, false] {
            for &part in parts.iter().filter(|p| !is_example(text, p) && is_name(text, p) == names) {
                let speaker = self.resolve_mention(part);
                if speaker.kind == SpeakerType::Person && !speaker.name.is_empty() {
                    if names || speaker.name != part.text(text) {
                        return ControlFlow::Break(speaker);
                    }
                    described.get_or_insert(speaker);
                }
            }
        }
        ControlFlow::Continue(described)
    }
}
