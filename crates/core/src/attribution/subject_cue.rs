//! Patterns 1 to 3, a subject before its cue: `SOURCE CUE [listener] [adverbial] [that|:|,]
//! CONTENT` (content after the cue), `CONTENT, SOURCE CUE [adverbial].` (content before it) and
//! `CONTENT, SOURCE CUE, CONTENT` (content interrupted by its attribution, one span).

use super::*;

/// Words that open a circumstance after the cue's comma rather than more of what was said ("X
/// is an insult, lawmakers said Friday, a day after …"), besides the adverbial openers and
/// participles.
const CIRCUMSTANCE_OPENERS: &[&str] = &["a", "an", "as", "who", "which", "according"];

/// What stands around a subject and its cue, as the patterns tell them apart.
struct Surroundings {
    /// Tokens of the content before the subject, when it ends in a comma or a quotation.
    before: Option<(usize, usize)>,
    /// That content ends in a quotation.
    quote_before: bool,
    /// What was said after the cue opens with a quotation.
    quote_after: bool,
    /// A comma stands between the cue and what follows it.
    after_comma: bool,
    /// What follows the cue's comma is circumstance, not more of what was said.
    circumstance_after: bool,
    /// The content before the subject is only an adverbial.
    adverbial_before: bool,
    /// A clause right after the cue ("said his campaign was …", "said that …").
    clause_after: bool,
    /// The content before is a short phrase with no verb of its own ("The museum, Mr. Obama
    /// said, would …").
    fragment_before: bool,
}

impl Surroundings {
    fn read(site: &CueSite, s_start: usize) -> Self {
        let CueSite { toks, i, len, end, forward, .. } = *site;
        // What stands before the subject: content when it ends in a comma or a quotation.
        let before = if s_start > 0 && (toks[s_start - 1].is_punct(",") || toks[s_start - 1].quote().is_some()) {
            let b = if toks[s_start - 1].is_punct(",") { s_start - 1 } else { s_start };
            let a = leading_conjunction(toks, 0);
            has_content(toks, a, b).then_some((a, b))
        } else {
            None
        };
        let circumstance_after = forward.is_some_and(|f| {
            let w = toks[f].lower.as_str();
            contains(lexicon::ADVERBIAL_OPENERS, w) || w.ends_with("ing") || contains(CIRCUMSTANCE_OPENERS, w)
        });
        let clause_after = forward.is_some_and(|f| {
            f == i + len
                && (toks[f].is_word("that") || starts_clause(text_of(&toks[f]), &toks[f]))
                && toks[f..end].iter().any(|t| contains(lexicon::CLAUSE_MARKERS, &t.lower) && t.lower != "that")
        });
        Surroundings {
            before,
            quote_before: before.is_some_and(|(_, b)| toks[b - 1].quote().is_some()),
            quote_after: forward.is_some_and(|f| toks[f].quote().is_some()),
            after_comma: forward.is_some_and(|f| f > 0 && toks[f - 1].is_punct(",")),
            circumstance_after,
            adverbial_before: before
                .is_some_and(|(a, b)| is_adverbial(toks, a, b) || contains(lexicon::ADVERBIAL_OPENERS, &toks[a].lower)),
            clause_after,
            fragment_before: before.is_some_and(|(a, b)| {
                b - a <= 8
                    && !toks[a..b].iter().any(|t| t.quote().is_some() || contains(lexicon::CLAUSE_MARKERS, &t.lower))
            }),
        }
    }
}

/// The frame of a cue whose subject, `subject_before`'s first token and span, stands before it.
pub(super) fn frame(site: &CueSite, subject: (usize, Span), previous_quote: Option<(Span, usize)>) -> Option<Frame> {
    let (s_start, source) = with_words_before(site, subject);
    let s = Surroundings::read(site, s_start);
    let source = Some(source);
    match (s.before, site.forward) {
        // Pattern 3: "“A,” he said, “B.”" and "The museum, he said, would …": one span.
        (Some((a, _)), Some(_))
            if s.after_comma
                && !s.adverbial_before
                && (s.quote_before && s.quote_after || !s.quote_before && !s.quote_after && s.fragment_before) =>
        {
            site.frame((a, site.end), source)
        }
        // "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the statement
        // goes on past its attribution (in PolNeAR train, 9 in 10 such contents do) ...
        (Some((a, _)), Some(f))
            if s.after_comma && !s.adverbial_before && !s.quote_before && !s.quote_after && !s.circumstance_after =>
        {
            let e = content_end(site.text, site.toks, f, site.end);
            site.frame((a, e), source)
        }
        // ... unless what follows the comma is circumstance: "X is an insult, lawmakers
        // said Friday, a day after …", "…, he said, adding …".
        (Some((a, b)), Some(_)) if s.after_comma && !s.adverbial_before && !s.fragment_before && !s.quote_after => {
            site.frame((a, b), source)
        }
        // "“…,” she said several months later": the quotation is what was said ... unless a
        // clause follows the cue ("Walking in to chants of “Marco!,” the senator said his
        // campaign was …").
        (Some((a, b)), _) if s.quote_before && !(s.adverbial_before && site.forward.is_some()) && !s.clause_after => {
            site.frame((a, b), source)
        }
        (_, Some(f)) => content_after(site, s_start, f, source),
        (Some((a, b)), None) => site.frame((a, b), source),
        // "Trump said." right after a sentence that was a quotation.
        (None, None) if s_start == leading_conjunction(site.toks, 0) => previous_quote.map(|(span, q)| Frame {
            content: span,
            cue: site.cue,
            source,
            content_tokens: (0, 0),
            previous_quote: Some(q),
        }),
        _ => None,
    }
}

/// "“…,” panel Chairman Jason Chaffetz said", "“…,” Tulsa police Chief Chuck Jordan said": a
/// word or two the name chunk stopped at, between the quotation and the name, still leave the
/// quotation as what was said, and belong to the speaker's mention.
fn with_words_before(site: &CueSite, (s_start, source): (usize, Span)) -> (usize, Span) {
    let toks = site.toks;
    for skip in 1..=2 {
        let at = s_start.checked_sub(skip + 1);
        if at.is_some_and(|a| toks[a].quote().is_some() || toks[a].is_punct(","))
            && toks[s_start - skip..s_start].iter().all(|t| {
                t.kind == TokenKind::Word && !contains(lexicon::STOP, &t.lower) && !contains(lexicon::CUES, &t.lower)
            })
        {
            let start = s_start - skip;
            return (start, Span::new(toks[start].span.start, source.end));
        }
    }
    (s_start, source)
}

/// Pattern 1: what was said after the cue, from token `f`, by the subject starting at token
/// `s_start`.
fn content_after(site: &CueSite, s_start: usize, f: usize, source: Option<Span>) -> Option<Frame> {
    let CueSite { text, toks, end, .. } = *site;
    let mut e = statement_end(text, toks, f, end);
    // "Barkley, who said he typically votes democratic, said one candidate …": what
    // a relative clause's speaker said ends where the clause does, at a comma that
    // the main clause's verb follows.
    if s_start > 0 && toks[s_start - 1].is_punct(",") && contains(lexicon::RELATIVE_PRONOUNS, &toks[s_start].lower) {
        e = relative_clause_end(text, toks, f, e);
    }
    site.frame((f, e), source)
}
