//! Speakers as noun phrases: the subject before a cue, the noun phrase after one, and the subject
//! of a sentence.

use super::*;

/// Conjunctions that open a clause between commas rather than an aside about the speaker
/// ("…, and the meeting deteriorated from there, said one source").
const ASIDE_CONJUNCTIONS: &[&str] = &["and", "but", "or", "so"];

/// Most tokens of a parenthesis between a speaker and the cue.
pub(super) const PARENTHESIS_REACH: usize = 24;

/// The subject of a sentence whose verb stands at token `i`, when it is a name, a determined
/// noun phrase or a pronoun: its span and the index of the token after it. The subject ends
/// where a name is followed by a lower-case word, the verb ("Obama positioned …").
pub(super) fn sentence_subject(text: &str, toks: &[Token], i: usize) -> Option<(Span, usize)> {
    let mut start = leading_conjunction(toks, 0);
    // "In his speech, Obama positioned Clinton as …", "Facing a lack of passion, Obama …": past
    // a lead-in adverbial or participle.
    // A subordinate clause ("With leaders worried about …, Obama …") may be longer.
    let subordinate = toks.get(start).is_some_and(|t| contains(lexicon::SUBORDINATORS, &t.lower));
    let reach = if subordinate { i } else { i.min(start + 15) };
    if subordinate
        || toks.get(start).is_some_and(|t| contains(lexicon::ADVERBIAL_OPENERS, &t.lower) || t.lower.ends_with("ing"))
    {
        if let Some(comma) = (start..reach).find(|&k| toks[k].is_punct(",")) {
            start = comma + 1;
        }
    }
    let first_word = toks.get(start).filter(|_| start < i)?;
    if !(first_word.is_capitalized(text)
        || contains(lexicon::DETERMINERS, &first_word.lower)
        || contains(lexicon::PRONOUNS, &first_word.lower))
    {
        return None;
    }
    // After a determiner the capitalised words modify a head noun, and the head nouns that
    // follow belong to the subject: "A Clinton campaign official", "The Texas senator".
    let led_by_determiner = contains(lexicon::DETERMINERS, &first_word.lower);
    let past_heads = |mut k: usize| {
        while led_by_determiner && k < i && toks[k].kind == TokenKind::Word && lexicon::is_speaker_head(&toks[k].lower)
        {
            k += 1;
        }
        k
    };
    let name_end = (start + 1..i)
        .find(|&k| {
            toks[k - 1].is_capitalized(text)
                && !contains(lexicon::DETERMINERS, &toks[k - 1].lower)
                && toks[k].kind == TokenKind::Word
                && !toks[k].is_capitalized(text)
                && !contains(lexicon::NP_JOINERS, &toks[k].lower)
                && toks[k].lower != "'s"
        })
        .map(past_heads);
    // "The piece used one of …": a lower-case past form or cue ends a common-noun subject.
    let verb = (start + 1..i).find(|&k| {
        toks[k].kind == TokenKind::Word
            && !toks[k].is_capitalized(text)
            && (toks[k].lower.ends_with("ed") || contains(lexicon::CUES, &toks[k].lower))
    });
    let end = [name_end, verb].into_iter().flatten().min().unwrap_or(i);
    let source = noun_phrase_forward(text, toks, start, end.min(start + 8))?;
    let after = toks.iter().position(|t| t.span.start >= source.end).unwrap_or(toks.len());
    Some((source, after))
}

/// The speaker of a cue that joins a clause to its sentence, the sentence's subject: a
/// participle after a comma ("The GOP nominee complained about his mic, even suggesting he may
/// have been sabotaged", "… implored her to bring it back, arguing that …") or a second verb after
/// "and" ("Mr. McKinley is bearish … and expects them to …"). The learned tagger often marks the
/// cue and content of these but not the subject, a clause away.
pub fn clause_joined_speaker(text: &str, blocks: &[Block], cue: Span) -> Option<Span> {
    let block = blocks.iter().find(|b| b.span.contains(&cue))?;
    let range =
        block.sentences.iter().find(|r| block.tokens[(*r).clone()].iter().any(|t| t.span.start == cue.start))?;
    let toks = &block.tokens[range.clone()];
    let i = toks.iter().position(|t| t.span.start == cue.start).filter(|&i| i > 1)?;
    let participle = toks[i].lower.ends_with("ing")
        && (toks[i - 1].is_punct(",")
            || contains(lexicon::BEFORE_PARTICIPLE, &toks[i - 1].lower) && !toks[i - 2].is_punct("."));
    let second_verb = toks[i - 1].is_word("and")
        || toks[i - 2].is_word("and") && contains(lexicon::BETWEEN_SUBJECT_AND_CUE, &toks[i - 1].lower);
    if !(participle || second_verb) {
        return None;
    }
    sentence_subject(text, toks, i).map(|(source, _)| source)
}

/// The subject noun phrase ending just before cue `i` (past auxiliaries and adverbs, and past an
/// appositive between commas); returns the index of its first token and its span.
pub(super) fn subject_before(text: &str, toks: &[Token], i: usize) -> Option<(usize, Span)> {
    let j = before_auxiliaries(text, toks, i);
    if j == 0 {
        return None;
    }
    if is_dash(&toks[j - 1]) {
        return before_dash_aside(text, toks, j - 1);
    }
    if toks[j - 1].is_punct(",") {
        return before_comma_aside(text, toks, j - 1);
    }
    noun_phrase_backward(text, toks, j)
}

/// Where the subject of cue `i` ends: before the auxiliaries, adverbs, times and parentheses
/// that may stand between it and the cue.
fn before_auxiliaries(text: &str, toks: &[Token], i: usize) -> usize {
    let mut j = i;
    while let Some(prev) = j.checked_sub(1).map(|k| &toks[k]) {
        // "is"/"was" only before "saying": before "reported" it is a passive, whose subject
        // is what was reported, not who reported it.
        let progressive_be = is_finite_be(&prev.lower) && toks[i].lower.ends_with("ing");
        if prev.kind == TokenKind::Word
            && (contains(lexicon::BETWEEN_SUBJECT_AND_CUE, &prev.lower)
                || progressive_be
                || lexicon::is_ly_adverb(&prev.lower) && !prev.is_capitalized(text))
        {
            j -= 1;
        } else if j >= 2 && is_time_adverbial(&toks[j - 2], prev) {
            // "Axelrod on Wednesday called on …", "May this week said …"
            j -= 2;
        } else if j >= 3 && is_time_adverbial(&toks[j - 3], &toks[j - 2]) && is_part_of_day(prev) {
            // "Sean Spicer on Thursday evening said …"
            j -= 3;
        } else if let Some(n) = goes_on_to(toks, j).filter(|_| j == i) {
            // "He continues to insist …"
            j -= n;
        } else if prev.is_punct(")") {
            // "Sen. David Perdue (R-Ga.) said", "Sen. Chris Murphy (a Connecticut Democrat so
            // boyish he has been mistaken for a staffer) says": skip the parenthesis.
            match parenthesis_open(toks, j) {
                Some(open) => j = open,
                None => break,
            }
        } else {
            break;
        }
    }
    j
}

/// "Jason Sims — a teacher from Mount Pleasant — says": the subject before an aside between
/// dashes, the second of which is token `close`.
fn before_dash_aside(text: &str, toks: &[Token], close: usize) -> Option<(usize, Span)> {
    let open = (close.saturating_sub(30)..close).rev().find(|&k| is_dash(&toks[k]))?;
    if open == 0 || toks[open + 1..close].iter().any(|t| t.quote().is_some() || contains(lexicon::CUES, &t.lower)) {
        return None;
    }
    noun_phrase_backward(text, toks, open)
}

/// "Rustem Umerov, a senior adviser to Zelenskyy, posted …": the subject before the appositive
/// whose closing comma is token `close`.
fn before_comma_aside(text: &str, toks: &[Token], close: usize) -> Option<(usize, Span)> {
    let open = (close.saturating_sub(30)..close).rev().find(|&k| toks[k].is_punct(","))?;
    // Any aside will do ("a senior adviser to …", "who …", "speaking to veterans"), so long
    // as it holds no quotation or cue of its own.
    let aside = &toks[open + 1..close];
    // A relative clause may hold a verb of saying of its own ("who called her rival").
    let relative = aside.first().is_some_and(|t| contains(lexicon::RELATIVE_PRONOUNS, &t.lower));
    // "…, and the meeting deteriorated from there, said one source": a clause, no aside.
    // ("…, and Democratic Gov. Jay Nixon tweeted" closes a list of speakers.)
    let conjunction = aside.first().is_some_and(|t| contains(ASIDE_CONJUNCTIONS, &t.lower))
        && aside.iter().any(|t| {
            t.kind == TokenKind::Word
                && !t.is_capitalized(text)
                && (contains(lexicon::CLAUSE_MARKERS, &t.lower) || t.lower.ends_with("ed"))
        });
    if open == 0
        || conjunction
        || aside.iter().any(|t| t.quote().is_some())
        || !relative
            && (open + 1..close).any(|k| contains(lexicon::CUES, &toks[k].lower) && cue_at(text, toks, k).is_some())
    {
        return None;
    }
    // "Jillian Chase, 27, a Tinder user in New York, said": an age between the name and
    // the aside.
    let open = if open >= 3 && toks[open - 1].lower.chars().all(|c| c.is_ascii_digit()) && toks[open - 2].is_punct(",")
    {
        open - 2
    } else {
        open
    };
    // "Rep. Wendy Nanney (R), a leader of …, suggested": a party and state in parentheses
    // between the name and the aside.
    let open = if toks[open - 1].is_punct(")") { parenthesis_open(toks, open).filter(|&k| k > 0)? } else { open };
    let (start, span) = noun_phrase_backward(text, toks, open)?;
    // "Its chair, Johan Ek, told …": a name in the aside says more than the phrase.
    let aside_is_name = !aside.is_empty()
        && aside.len() <= 4
        && aside.iter().all(|t| t.is_capitalized(text) && !contains(lexicon::DETERMINERS, &t.lower));
    if aside_is_name
        && (!span.text(text).chars().next().is_some_and(char::is_uppercase)
            || contains(lexicon::DETERMINERS, &toks[start].lower))
    {
        return Some((start, Span::new(aside[0].span.start, aside[aside.len() - 1].span.end)));
    }
    Some((start, span))
}

/// The "(" of the parenthesis whose ")" stands just before token `j`, if it opens within reach.
pub(super) fn parenthesis_open(toks: &[Token], j: usize) -> Option<usize> {
    (j.saturating_sub(PARENTHESIS_REACH)..j - 1).rev().find(|&k| toks[k].is_punct("("))
}

/// The noun phrase ending just before token `j`.
pub(super) fn noun_phrase_backward(text: &str, toks: &[Token], j: usize) -> Option<(usize, Span)> {
    let last = toks.get(j.checked_sub(1)?)?;
    if last.kind != TokenKind::Word {
        return None;
    }
    if contains(lexicon::PRONOUNS, &last.lower) || last.lower == "which" {
        // "which" and "it" speak for documents and bodies; keep them, resolution decides.
        return Some((j - 1, last.span));
    }
    let mut start = chunk_backward(text, toks, j)?;
    // Extend over "of"/"for"/"to" joining another chunk: "spokesman for the Kremlin".
    while start >= 2 && contains(lexicon::NP_JOINERS, &toks[start - 1].lower) {
        match chunk_backward(text, toks, start - 1) {
            Some(s) if s < start - 1 => start = s,
            _ => break,
        }
    }
    Some((start, Span::new(toks[start].span.start, last.span.end)))
}

/// "Theresa May", "Yin Myint May": a function word (`May`, `Will`) in capitals right after a
/// capitalised word that is not one, and before a word in lower case, is part of a name (in a
/// headline's title case, "Museum Will Tell", it is not).
pub(super) fn is_name_part(text: &str, toks: &[Token], k: usize) -> bool {
    let before = k.checked_sub(1).map(|b| &toks[b]);
    let after_in_lower_case = toks.get(k + 1).is_some_and(|a| a.kind == TokenKind::Word && !a.is_capitalized(text));
    after_in_lower_case
        && toks[k].is_capitalized(text)
        && contains(lexicon::STOP, &toks[k].lower)
        && before.is_some_and(|b| {
            b.is_capitalized(text) && !contains(lexicon::STOP, &b.lower) && !contains(lexicon::DETERMINERS, &b.lower)
        })
}

/// One chunk: `[determiner] [lower-case modifiers] [Capitalised words]` or
/// `[determiner] lower-case nouns`, with possessives (`Russia 's foreign minister`).
pub(super) fn chunk_backward(text: &str, toks: &[Token], j: usize) -> Option<usize> {
    let mut k = j;
    let mut saw_capital = false;
    let mut words = 0;
    while k > 0 && words < 8 {
        let t = &toks[k - 1];
        if t.kind != TokenKind::Word {
            break;
        }
        let lower = t.lower.as_str();
        if lower == "'s" {
            // The possessor is a noun phrase of its own: "the state's Republican party leader".
            saw_capital = false;
            k -= 1;
            continue;
        }
        // "four in 10", "one in five" said: a share of those asked speaks.
        if words == 0
            && lexicon::is_number(lower)
            && k >= 3
            && toks[k - 2].lower == "in"
            && lexicon::is_number(&toks[k - 3].lower)
        {
            words += 3;
            k -= 3;
            continue;
        }
        if contains(lexicon::DETERMINERS, lower) {
            if words > 0 {
                k -= 1;
            }
            break;
        }
        if t.is_capitalized(text) {
            if !is_name_part(text, toks, k - 1)
                && (contains(lexicon::STOP, lower)
                    || contains(lexicon::PRONOUNS, lower)
                    || contains(lexicon::CUES, lower))
            {
                break;
            }
            saw_capital = true;
        } else {
            // Before a name only titles and roles: "union leader Sam Okafor", not "war Donald Trump".
            let role_before_name = saw_capital
                && (contains(lexicon::ROLE_NOUNS, lower)
                    || k < j
                        && toks[k].kind == TokenKind::Word
                        && !toks[k].is_capitalized(text)
                        && contains(lexicon::ROLE_NOUNS, &toks[k].lower)
                        && !contains(lexicon::STOP, lower));
            // A plural that is also a cue ("reports", "notes") heads the phrase right before the
            // verb: "Police reports said".
            let plural_head = words == 0 && lower.ends_with('s') && k == j;
            let allowed = if saw_capital {
                contains(lexicon::NAME_PREMODIFIERS, lower) || role_before_name
            } else {
                !contains(lexicon::STOP, lower)
                    && (plural_head || !contains(lexicon::CUES, lower))
                    && !contains(lexicon::PRONOUNS, lower)
            };
            if !allowed || lower.chars().all(|c| c.is_ascii_digit()) && words == 0 {
                break;
            }
        }
        words += 1;
        k -= 1;
    }
    (k < j && toks[k].lower != "'s").then_some(k)
}

/// A noun phrase starting at token `a` (for `said Trump`, `according to X`, a sentence subject).
pub(super) fn noun_phrase_forward(text: &str, toks: &[Token], a: usize, end: usize) -> Option<Span> {
    let mut k = a;
    while k < end && k < a + 8 {
        let t = &toks[k];
        // A relative pronoun opens a clause about the noun phrase, never part of it.
        let ok = t.kind == TokenKind::Word
            && !contains(lexicon::RELATIVE_PRONOUNS, &t.lower)
            && (t.is_capitalized(text) && !contains(lexicon::STOP, &t.lower)
                || contains(lexicon::DETERMINERS, &t.lower)
                || t.lower == "'s"
                || (k > a && contains(lexicon::NP_JOINERS, &t.lower))
                || !contains(lexicon::STOP, &t.lower)
                    && !contains(lexicon::CUES, &t.lower)
                    && !contains(lexicon::CLAUSE_MARKERS, &t.lower));
        if !ok {
            break;
        }
        k += 1;
    }
    while k > a && contains(lexicon::NP_JOINERS, &toks[k - 1].lower) {
        k -= 1;
    }
    token_span(text, toks, a, k)
}
