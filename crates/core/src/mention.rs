//! How far a speaker mention reaches.
//!
//! The attribution rules and the tagger find the words naming a speaker ("Ann Lee"); PolNeAR,
//! the corpus quotelens is measured on, marks a source as the whole noun phrase: a legislator's
//! party tag ("Sen. Claire McCaskill (D-Mo.)") and what the sentence says about the speaker
//! between commas ("Ann Lee, a lawyer for the union, who …"). The name is resolved from the
//! words alone; these functions only widen the span that the record reports.

use crate::attribution::{Attribution, QuoteType};
use crate::lexicon;
use crate::quotemarks::{is_quotation_mark, is_unambiguous_mark};
use crate::segment::{Block, Token, TokenKind};
use crate::span::Span;

/// The party letters that open a legislator's party tag ("(D-Mo.)", "(R-Utah)").
const PARTY_PREFIXES: &[&str] = &["D-", "R-", "I-"];

/// Words that open what a sentence says about a speaker after a comma ("Ann Lee, a lawyer …",
/// "Lee, who …"), besides a number.
const APPOSITIVE_OPENERS: &[&str] = &["a", "an", "the", "who", "whose"];

/// Where the mention of `source` in `a` may reach at most: the start of its cue or content,
/// whichever comes first after it, else the end of the text.
fn limit(a: &Attribution, source: Span, text: &str) -> usize {
    [a.cue.map(|c| c.start), Some(a.content.start)]
        .into_iter()
        .flatten()
        .filter(|&s| s >= source.end)
        .min()
        .unwrap_or(text.len())
}

/// `source` of `a` with the party tag that follows a legislator's name in US news ("Sen. Claire
/// McCaskill (D-Mo.)", "Jason Chaffetz (R-Utah)"): the tag names the speaker, and PolNeAR's
/// source spans take it in (68 times of 71 on train). Nothing else is taken, and never past
/// the cue or content.
pub fn with_party_tag(text: &str, a: &Attribution, source: Span) -> Span {
    let limit = limit(a, source, text);
    let rest = &text[source.end..];
    let open = rest.len() - rest.trim_start_matches(' ').len();
    let tag = &rest[open..];
    let Some(body) = tag.strip_prefix('(') else { return source };
    let Some(close) = body.find(')') else { return source };
    let inner = &body[..close];
    let well_formed = inner.get(..2).is_some_and(|prefix| lexicon::contains(PARTY_PREFIXES, prefix))
        && inner[2..].starts_with(|c: char| c.is_ascii_uppercase())
        && inner.len() <= 24
        && inner[2..].chars().all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | ' ' | ','));
    let end = source.end + open + 1 + close + 1;
    if open <= 1 && well_formed && end <= limit {
        Span::new(source.start, end)
    } else {
        source
    }
}

/// Whether a clause after a speaker's comma opening with `word` says something about the
/// speaker ("Ann Lee, a lawyer …", "Lee, 59,", "Lee, who …") rather than opening a circumstance
/// ("Lee, in particular,", "Lee, speaking on Friday,") or another clause (", which …", ", and
/// …"). `first`: the clause right after the name, not one after an earlier appositive.
fn opens_appositive(word: &Token, text: &str, first: bool) -> bool {
    let lower = word.lower.as_str();
    if word.kind != TokenKind::Word {
        return false;
    }
    if lower.starts_with(|c: char| c.is_ascii_digit()) || lexicon::contains(APPOSITIVE_OPENERS, lower) {
        return true;
    }
    if lexicon::contains(lexicon::NOT_APPOSITIVE_OPENERS, lower)
        || lower.ends_with("ing")
        || lexicon::is_ly_adverb(lower)
        || lexicon::contains(lexicon::ADVERBIAL_OPENERS, lower)
        || lexicon::contains(lexicon::CUES, lower)
        // "a person close to the process, is to turn …": the sentence's verb, not an aside.
        || lexicon::contains(lexicon::CLAUSE_MARKERS, lower)
    {
        return false;
    }
    // A place after an age ("Lee, 59, of Ashton, Md."), not a circumstance ("of course").
    if lexicon::contains(lexicon::NP_JOINERS, lower) {
        return !first && lower == "of";
    }
    // After the first, only a clause that opens like a new appositive: a lower-case word there
    // is mostly the sentence going on ("Lee, a former mayor, poked at …").
    first || word.is_capitalized(text)
}

/// Whether the token ends the stretch an appositive may take: a quotation, a quotation mark (a
/// single one only after a space: "Sanders’ campaign manager" is a possessive), or a line break
/// before it.
fn ends_stretch(text: &str, token: &Token, previous_end: usize) -> bool {
    let gap = &text[previous_end..token.span.start];
    let mark = token.kind == TokenKind::Punct
        && token.lower.chars().all(|c| is_unambiguous_mark(c) || (is_quotation_mark(c) && !gap.is_empty()));
    token.quote().is_some() || mark || gap.contains('\n')
}

/// Whether the full stop right after `word` is an abbreviation's dot, as in "of Ashton, Md., who":
/// one a comma follows. (At a sentence's end, "Md." and "Iraq." cannot be told apart.)
fn abbreviation_dot(word: &Token, dot: &Token, after: Option<&Token>) -> bool {
    dot.is_punct(".") && dot.span.start == word.span.end && after.is_some_and(|t| t.is_punct(","))
}

/// The span a record reports for the source of `a`: the source less edge commas, with what its
/// sentence says about the speaker ([`with_appositive`]) unless the source stands inside what
/// was said ("Since May, according to the ministry, prices have risen").
pub fn reported(text: &str, blocks: &[Block], a: &Attribution) -> Option<Span> {
    let source = a.source?.trim_by(text, |c| c == ',');
    let inside_statement = a.kind != QuoteType::Direct && a.content.contains(&source);
    Some(if inside_statement { source } else { with_appositive(text, blocks, source, limit(a, source, text)) })
}

/// `source` with what its sentence says about the speaker between commas: "Ann Lee, a lawyer
/// for the union, said …" and "… said Ann Lee, a lawyer who has represented the union since
/// 2010." Clauses are taken while they open as appositives do; the stretch ends at the
/// sentence's end, a quotation or `limit`. Pronouns take none ("he, too, said").
fn with_appositive(text: &str, blocks: &[Block], source: Span, limit: usize) -> Span {
    let mention = source.text(text);
    let lower = mention.to_lowercase();
    if !mention.contains(' ')
        && (lexicon::contains(lexicon::PRONOUNS, &lower) || lexicon::contains(lexicon::OBJECT_PRONOUNS, &lower))
    {
        return source;
    }
    let Some(block) = blocks.iter().find(|b| b.span.start <= source.end && source.end <= b.span.end) else {
        return source;
    };
    let tokens = &block.tokens;
    let Some(next) = tokens.iter().position(|t| t.span.start >= source.end) else { return source };
    let sentence_end = block.sentences.iter().find(|r| r.contains(&next)).map_or(tokens.len(), |r| r.end);
    let stop = (next..sentence_end)
        .find(|&j| {
            tokens[j].span.end > limit
                || ends_stretch(text, &tokens[j], if j == next { source.end } else { tokens[j - 1].span.end })
        })
        .unwrap_or(sentence_end);
    let mut covered = source.end;
    let mut comma = next;
    let mut first = true;
    // Each round: a comma right after what is covered, then a clause up to the next comma.
    while comma + 1 < stop && tokens[comma].is_punct(",") && (!first || tokens[comma].span.start == source.end) {
        let clause_end = (comma + 1..stop).find(|&k| tokens[k].is_punct(",")).unwrap_or(stop);
        // The clause's last token that is not punctuation (a full stop, a dash), bar a bracket.
        let last =
            (comma + 1..clause_end).rev().find(|&k| tokens[k].kind != TokenKind::Punct || tokens[k].lower == ")");
        let Some(last) = last else { break };
        if !opens_appositive(&tokens[comma + 1], text, first) {
            break;
        }
        covered = tokens[last].span.end;
        if last + 1 < tokens.len() && abbreviation_dot(&tokens[last], &tokens[last + 1], tokens.get(last + 2)) {
            covered = tokens[last + 1].span.end;
        }
        comma = clause_end;
        first = false;
    }
    Span::new(source.start, covered)
}
