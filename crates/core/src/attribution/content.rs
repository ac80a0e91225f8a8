//! Where what was said starts and ends around a cue: token spans, clause boundaries, adverbials
//! and the other token tests the patterns share.

use super::*;

/// Words in -ing after a comma that are no participle going on from the clause.
const NOT_PARTICIPLES: &[&str] =
    &["including", "during", "according", "nothing", "something", "anything", "everything"];

/// ", which …", ", who …": the openers of a non-restrictive clause the writer adds about a noun.
const NON_RESTRICTIVE_OPENERS: &[&str] = &["which", "who"];

/// ", and the union stepped in", ", so they're voting …": conjunctions that may open a new
/// clause after a comma.
const NEW_CLAUSE_CONJUNCTIONS: &[&str] = &["and", "so"];

/// Words besides pronouns that can open a clause of their own: determiners and auxiliaries.
const CLAUSE_OPENERS: &[&str] = &["the", "his", "her", "their", "its", "has", "had", "is", "was", "also", "then"];

/// Words that join a sentence to the one before: "But", "And", "So".
const SENTENCE_JOINERS: &[&str] = &["but", "and", "so", "still", "yet"];

/// Dashes that set off an aside or a signature: em dash, horizontal bar, en dash and a double
/// hyphen.
const DASHES: &[&str] = &["—", "―", "–", "--"];

/// "called for more investment", "worried about the cost": particles that belong to the verb
/// before them.
const VERB_PARTICLES: &[&str] = &["for", "about", "on", "against", "of"];

/// Cues after which such a particle opens an adverbial instead ("said of the episode").
const CUES_WITHOUT_PARTICLE: &[&str] = &["said", "says", "say", "told", "added", "wrote", "tweeted", "posted"];

/// Days named by their distance from today.
const NEIGHBOURING_DAYS: &[&str] = &["today", "yesterday"];

/// Periods after `this`, `last`, … in a time adverbial (`this week`).
const PERIODS: &[&str] = &["week", "month", "year", "weekend", "morning", "night", "evening", "afternoon"];

/// Words before a period in a time adverbial (`last month`).
const PERIOD_DETERMINERS: &[&str] = &["this", "last", "earlier", "later"];

/// Parts of the day after a day's name (`on Thursday evening`).
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];

/// The span from token `a` to token `b` (exclusive), trimmed of edge punctuation.
pub(super) fn token_span(text: &str, toks: &[Token], a: usize, b: usize) -> Option<Span> {
    if a >= b {
        return None;
    }
    let span = Span::new(toks[a].span.start, toks[b - 1].span.end).trim_by(text, |c| ",;:.—–-".contains(c));
    (!span.is_empty()).then_some(span)
}

/// Whether tokens `a..b` hold enough to be something said: a quotation or two or more words.
pub(super) fn has_content(toks: &[Token], a: usize, b: usize) -> bool {
    a < b
        && (toks[a..b].iter().any(|t| t.quote().is_some())
            || toks[a..b].iter().filter(|t| t.kind == TokenKind::Word).count() >= 2)
}

/// Index one past the last content token of a sentence or clause (drops the final full stop or
/// semicolon: [`find_attributions`] reads the clauses a semicolon joins one at a time).
pub(super) fn sentence_end(toks: &[Token]) -> usize {
    let mut end = toks.len();
    while end > 0 && toks[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    end
}

/// Where content that starts at token `a` ends, when it would otherwise run to `end`: before a
/// contrast clause (`, but he has also …`), a trailing participle (`, even suggesting …`), a
/// relative clause, a new clause after ", and" or a gloss, which carry the writer's words rather
/// than the source's; at the comma that closes a sentence-opening subordinate clause; after a
/// quotation that a weekday follows. Cuts only after at least three words, so short contents stay whole. (A
/// dash aside, `— a metaphor for …`, was cut too until PolNeAR train showed it more often part of
/// what was said.)
pub(super) fn content_end(text: &str, toks: &[Token], a: usize, end: usize) -> usize {
    let mut words = 0;
    for k in a..end {
        let t = &toks[k];
        if t.kind == TokenKind::Word {
            words += 1;
        }
        if words < 3 || k + 1 >= end {
            continue;
        }
        let next = &toks[k + 1];
        let contrast = t.is_punct(",") && next.is_word("but") && !toks.get(k + 2).is_some_and(|n| n.is_word("that"))
            || t.is_word("but") && contains(lexicon::CLAUSE_MARKERS, &next.lower) && !next.is_word("that");
        let participle = is_comma(text, t)
            && next.kind == TokenKind::Word
            && (next.lower.ends_with("ing") && !contains(NOT_PARTICIPLES, &next.lower)
                || contains(lexicon::BEFORE_PARTICIPLE, &next.lower)
                    && toks.get(k + 2).is_some_and(|n| n.lower.ends_with("ing")));
        // ", which …", ", who …": a non-restrictive clause the writer adds about a noun.
        let relative = t.is_punct(",") && contains(NON_RESTRICTIVE_OPENERS, &next.lower);
        // ", and the union stepped in", ", so they're voting …": a new clause, a new statement.
        // ("… is independent and is being conducted by career lawyers" goes on with the same
        // subject, as PolNeAR reads it.)
        let after_and = toks.get(k + 2);
        let new_clause = t.is_punct(",")
            && contains(NEW_CLAUSE_CONJUNCTIONS, &next.lower)
            && after_and.is_some_and(|w| starts_clause(text_of(w), w));
        // ", a swipe at …", ", the 12-country trade deal …": a noun phrase with no verb of its
        // own after a comma is the writer's gloss on the last noun, not more of what was said.
        let gloss = t.is_punct(",")
            && contains(lexicon::ARTICLES, &next.lower)
            && !toks[k + 2..end]
                .iter()
                .any(|w| w.kind == TokenKind::Word && contains(lexicon::CLAUSE_MARKERS, &w.lower) && w.lower != "that");
        // "With leaders worried about a lack of passion …, President Obama is …": a sentence
        // that opens with a subordinate clause goes on to its main clause after a comma; what
        // was said in the subordinate clause ends there.
        let main_clause = t.is_punct(",")
            && opens_subordinate(toks, a)
            && (next.is_capitalized(text) && !contains(lexicon::STOP, &next.lower)
                || starts_clause(text_of(next), next));
        // "called Clinton a “disgrace” Wednesday on The Laura Ingraham Show": the day and place
        // of saying it, after a quotation.
        let day_after_quote = t.quote().is_some() && contains(lexicon::WEEKDAYS, &next.lower);
        if contrast || participle || relative || new_clause || gloss || main_clause || day_after_quote {
            // The quotation that holds the comma is still part of what was said.
            return if t.quote().is_some() { k + 1 } else { k };
        }
    }
    end
}

/// Whether the sentence opens with a subordinating word ("With", "As", "While", …, also after
/// "But" or "And") and no comma stands between it and token `a`, so that `a` lies inside the
/// opening clause.
pub(super) fn opens_subordinate(toks: &[Token], a: usize) -> bool {
    let first = leading_conjunction(toks, 0);
    toks.get(first).is_some_and(|t| contains(lexicon::SUBORDINATORS, &t.lower))
        && !toks[first..a].iter().any(|t| t.is_punct(","))
}

/// A comma, or a quotation that ends in one inside its marks ("“…,” adding …"): either ends a
/// clause.
pub(super) fn is_comma(text: &str, t: &Token) -> bool {
    t.is_punct(",") || t.quote().is_some() && before_closing_marks(text, t).ends_with(',')
}

/// A token's text less the closing quotation marks at its end: for a quotation, what stands
/// inside them.
pub(super) fn before_closing_marks<'a>(text: &'a str, t: &Token) -> &'a str {
    t.span.text(text).trim_end_matches(['"', '”', '’', '\'', '»', ' '])
}

/// The lower-cased word (helper for [`starts_clause`]).
pub(super) fn text_of(t: &Token) -> &str {
    &t.lower
}

/// Whether a word can open a clause of its own: a pronoun, a determiner or an auxiliary.
pub(super) fn starts_clause(lower: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && (contains(lexicon::PRONOUNS, lower) && lower != "who" || contains(CLAUSE_OPENERS, lower))
}

/// Where a relative clause between commas that starts before token `from` ends, if before `e`:
/// at the comma the main clause's verb follows ("Barkley, who said he votes democratic, said
/// …", "The workers, who are expected to strike, gathered …"; an irregular verb such as "met"
/// is not recognised).
pub(super) fn relative_clause_end(text: &str, toks: &[Token], from: usize, e: usize) -> usize {
    let verb_after = |k: usize| {
        toks.get(k + 1).is_some_and(|w| {
            w.kind == TokenKind::Word
                && !w.is_capitalized(text)
                && (contains(lexicon::CUES, &w.lower)
                    || contains(lexicon::CLAUSE_MARKERS, &w.lower)
                        && !contains(lexicon::PRONOUNS, &w.lower)
                        && w.lower != "that"
                        && w.lower != "there"
                    || w.lower.ends_with("ed"))
        })
    };
    (from + 1..e).find(|&k| toks[k].is_punct(",") && verb_after(k)).unwrap_or(e)
}

/// Skip a sentence-initial "But", "And", "So" that joins it to the one before.
pub(super) fn leading_conjunction(toks: &[Token], a: usize) -> usize {
    if toks.get(a).is_some_and(|t| contains(SENTENCE_JOINERS, &t.lower)) {
        a + 1
    } else {
        a
    }
}

/// Where a statement starting at token `a` after its cue ends: right after a whole utterance in
/// marks ("chanted “What curfew?” and kept going": the words after it are the writer's), else
/// where [`content_end`] puts it.
pub(super) fn statement_end(text: &str, toks: &[Token], a: usize, end: usize) -> usize {
    if is_whole_utterance(text, &toks[a]) {
        a + 1
    } else {
        content_end(text, toks, a, end)
    }
}

/// A dash that sets off an aside or a signature: em dash, horizontal bar or en dash.
pub(super) fn is_dash(t: &Token) -> bool {
    t.kind == TokenKind::Punct && contains(DASHES, &t.lower)
}

/// A dash, or a hyphen standing alone as one does in plain-text articles ("… - while chanting").
pub(super) fn is_dash_or_hyphen(t: &Token) -> bool {
    is_dash(t) || t.is_punct("-")
}

/// Whether a token is a quotation of two or more words that ends as an utterance does, with
/// `.`, `!`, `?`, `…` or `,` inside its closing mark (“Don't you do it,”), rather than a
/// phrase quoted inside the writer's sentence (“burning the Constitution”).
pub(super) fn is_whole_utterance(text: &str, t: &Token) -> bool {
    let within = before_closing_marks(text, t);
    t.quote().is_some() && within.split_whitespace().count() >= 2 && within.ends_with(['.', '!', '?', '…', ','])
}

/// Where what was said starts after a cue: past a listener (`told reporters`), an adverbial
/// (`on Tuesday`, `in a statement`) and `that`, `:` or `,`.
pub(super) fn complement_start(toks: &[Token], mut j: usize, end: usize) -> Option<usize> {
    if j >= end {
        return None;
    }
    // A listener after tell/ask/urge: a short noun phrase.
    if j > 0 && contains(lexicon::CUES_WITH_LISTENER, &toks[j - 1].lower) {
        let mut k = j;
        while k < end
            && k < j + 5
            && toks[k].kind == TokenKind::Word
            && !contains(lexicon::STOP, &toks[k].lower)
            && !toks[k].is_word("to")
        {
            k += 1;
        }
        // "told his young protégés on a regular basis that …": a longer listener, up to "that".
        let that =
            (k..end.min(j + 12)).take_while(|&m| toks[m].kind == TokenKind::Word).find(|&m| toks[m].is_word("that"));
        j = that.unwrap_or(k);
    }
    // "called for more investment", "worried about the cost": the particle belongs to the verb.
    if j < end
        && j > 0
        && contains(VERB_PARTICLES, &toks[j].lower)
        && !contains(CUES_WITHOUT_PARTICLE, &toks[j - 1].lower)
    {
        j += 1;
    }
    // "said this weekend he would …", "said Tuesday the talks …": a time before the content.
    while j + 1 < end && is_time_adverbial(&toks[j], &toks[j + 1]) {
        j += 2;
    }
    while j < end && (contains(lexicon::WEEKDAYS, &toks[j].lower) || contains(NEIGHBOURING_DAYS, &toks[j].lower)) {
        j += 1;
    }
    // Look ahead a little for "that", ":" or "," after an adverbial stretch.
    let limit = (j + 10).min(end);
    for k in j..limit {
        let t = &toks[k];
        let marker = t.is_word("that") || t.is_punct(":") || t.is_punct(",") || t.quote().is_some();
        if marker {
            // "said of the episode, “…”": what it was said of is an adverbial too.
            let opener = contains(lexicon::ADVERBIAL_OPENERS, &toks[j].lower) || toks[j].is_word("of");
            let stretch_ok =
                k == j || (opener && !toks[j..k].iter().any(|t| contains(lexicon::CLAUSE_MARKERS, &t.lower)));
            if stretch_ok {
                // Keep "that" inside the content, as PolNeAR does; drop ":" and ",".
                return Some(if t.kind == TokenKind::Punct { k + 1 } else { k });
            }
            break;
        }
    }
    Some(j)
}

/// Whether tokens `a..b` are only an adverbial (`in the social media posting`, `on Tuesday`),
/// not a clause of what was said.
pub(super) fn is_adverbial(toks: &[Token], a: usize, b: usize) -> bool {
    contains(lexicon::ADVERBIAL_OPENERS, &toks[a].lower)
        && !toks[a..b].iter().any(|t| t.quote().is_some() || contains(lexicon::CLAUSE_MARKERS, &t.lower))
}

/// `on Tuesday`, `this week`, `last month`: a time between a subject and its cue.
pub(super) fn is_time_adverbial(first: &Token, second: &Token) -> bool {
    (first.is_word("on") && contains(lexicon::WEEKDAYS, &second.lower))
        || (contains(PERIOD_DETERMINERS, &first.lower) && contains(PERIODS, &second.lower))
}

/// `morning`, `evening`: a part of the day after a day's name (`on Thursday evening`).
pub(super) fn is_part_of_day(t: &Token) -> bool {
    contains(PARTS_OF_DAY, &t.lower)
}

/// Whether a word is a finite "be" or its contraction ("is", "was", "'s"), as before a
/// progressive ("is saying") or a passive ("is expected").
pub(super) fn is_finite_be(lower: &str) -> bool {
    contains(lexicon::FINITE_BE_FORMS, lower) || lower == "'s"
}
