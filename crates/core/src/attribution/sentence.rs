//! The frames of one sentence: every cue read against the patterns in order, and the frames
//! they find fitted to one another (nested, interrupted, coordinated).

use super::*;

/// "Lindqvist defended the increase" names a position more than something said; verbs of
/// position need at least this many words of content (or a quotation) to count. PolNeAR counts
/// positions too, so the limit is low: three words score on PolNeAR train and dev within 0.001
/// of no limit at all, and better than five.
pub(super) const POSITION_MIN_WORDS: usize = 3;

/// Cues that refuse: "declined to comment" is an attribution however short (PolNeAR train: 28
/// of 28).
const REFUSAL_CUES: &[&str] = &["declined", "refused"];

/// All frames of one sentence.
pub(super) fn sentence_frames(text: &str, toks: &[Token], previous_quote: Option<(Span, usize)>) -> Vec<Frame> {
    let mut frames: Vec<Frame> = Vec::new();
    let end = sentence_end(toks);
    frames.extend(poll_frame(text, toks, end));
    let mut i = 0;
    while i < end {
        if let Some(f) = unheld_frame(text, toks, i, end) {
            if !frames.iter().any(|g| g.content.contains(&f.cue)) {
                frames.push(f);
            }
            i += 1;
            continue;
        }
        let Some(len) = cue_at(text, toks, i) else {
            i += 1;
            continue;
        };
        let site = CueSite::new(text, toks, i, len, end);
        if let Some(f) = cue_frame(&site, &mut frames, previous_quote) {
            admit(&site, &mut frames, f);
        }
        i += len;
    }
    frames
}

/// The frame of the cue at `site`: the patterns in order, the first that applies deciding.
/// `frames` holds the sentence's frames so far, whose source a participle or a second verb
/// shares; `previous_quote` the quotation that ended the sentence before.
fn cue_frame(site: &CueSite, frames: &mut [Frame], previous_quote: Option<(Span, usize)>) -> Option<Frame> {
    if site.word() == "according" {
        return according_to(site);
    }
    if participle::applies(site) {
        return participle::frame(site, frames);
    }
    if asked::opens_question(site) {
        return asked::question_before_answer(site);
    }
    if let Some(subject) = subject_before(site.text, site.toks, site.i) {
        return subject_cue::frame(site, subject, previous_quote);
    }
    if let Some(conjunction) = coordinated::conjunction(site) {
        return coordinated::frame(site, frames, conjunction);
    }
    cue_subject::frame(site)
}

/// Add `f`, the frame of the cue at `site`, to the sentence's `frames`, fitting the two to each
/// other.
fn admit(site: &CueSite, frames: &mut Vec<Frame>, f: Frame) {
    let (text, toks) = (site.text, site.toks);
    // A frame nested inside an earlier one's content is reported speech within reported
    // speech; keep the outer one only, unless it has its own subject.
    // Reported speech inside reported speech ("she said the two sides agreed to …") is
    // part of the outer content, not an attribution of its own.
    if is_direct_inside(site, &f) {
        end_before_direct_quote(site, frames, &f);
    }
    // "HarperCollins declined to renew the offer, according to a publishing executive":
    // the source after "according to" vouches for the whole statement, verbs inside it
    // included, so the frames of those verbs give way to it.
    if site.word() == "according" {
        frames.retain(|g| !f.content.contains(&g.cue));
    }
    // "Three-quarters said they were worried, and more than 4 in 10 said …": a cue with
    // a subject of its own after a comma starts a new statement, which ends the one it
    // would otherwise sit inside.
    if let Some(cut) = clause_start_of_speaker(text, toks, &f) {
        for g in frames
            .iter_mut()
            .filter(|g| g.content.contains(&f.cue) && g.content_tokens.0 < cut && g.previous_quote.is_none())
        {
            g.end_at(text, toks, cut);
        }
    }
    let nested = frames.iter().any(|g| g.content.contains(&f.cue));
    if !nested && !is_thin(site, &f) {
        frames.push(f);
    }
}

/// "Clinton, who called Sanders after the result, told her supporters, “I still love New
/// Hampshire.”": a whole utterance in marks after its own speaker and cue is a direct quote,
/// not part of the earlier frame's content, which ends before it. The quotation follows a
/// comma or colon; "they want “justice for Terrence,”" quotes words inside the outer statement.
fn is_direct_inside(site: &CueSite, f: &Frame) -> bool {
    let (a, b) = f.content_tokens;
    let toks = site.toks;
    b == a + 1
        && is_whole_utterance(site.text, &toks[a])
        && a > 0
        && (toks[a - 1].is_punct(",") || toks[a - 1].is_punct(":"))
}

/// End the earlier frames whose content holds the cue of `f`, a direct quote, before its
/// speaker.
fn end_before_direct_quote(site: &CueSite, frames: &mut Vec<Frame>, f: &Frame) {
    let (text, toks) = (site.text, site.toks);
    let speaker_start = f.source.map_or(f.cue.start, |s| s.start.min(f.cue.start));
    for g in frames.iter_mut().filter(|g| g.content.contains(&f.cue) && g.content.start < speaker_start) {
        let cut = (g.content_tokens.0..g.content_tokens.1)
            .find(|&k| toks[k].span.start >= speaker_start)
            .unwrap_or(g.content_tokens.1);
        g.end_at(text, toks, cut);
    }
    // An earlier frame left with next to nothing was only the lead-in to the quote.
    frames.retain(|g| has_content(toks, g.content_tokens.0, g.content_tokens.1) && !g.content.contains(&f.cue));
}

/// Whether `f` is a verb of position with too little content to report something said
/// ([`POSITION_MIN_WORDS`]); a refusal ([`REFUSAL_CUES`]) never is.
fn is_thin(site: &CueSite, f: &Frame) -> bool {
    let (a, b) = f.content_tokens;
    let toks = site.toks;
    let refusal = contains(REFUSAL_CUES, site.word()) && a < b && toks[a].is_word("to");
    contains(lexicon::POSITION_CUES, site.word())
        && !refusal
        && a < b
        && !toks[a..b].iter().any(|t| t.quote().is_some())
        && toks[a..b].iter().filter(|t| t.kind == TokenKind::Word).count() < POSITION_MIN_WORDS
}

/// Where the clause of a frame's speaker opens, when a comma (or ", and", ", but") stands before
/// the speaker with at most three lower-case words between ("…, then she said"): the token index
/// of that comma.
pub(super) fn clause_start_of_speaker(text: &str, toks: &[Token], f: &Frame) -> Option<usize> {
    let source = f.source.filter(|s| s.end <= f.cue.start)?;
    let s_tok = toks.iter().position(|t| t.span.start == source.start)?;
    // "… mishandled the investigation and Democrats accused …": a capitalised speaker right
    // after "and" opens a clause without a comma.
    let opens_clause = |k: usize| {
        toks[k].is_punct(",")
            || (toks[k].is_word("and") || toks[k].is_word("but"))
                && k > 0
                && (toks[k - 1].is_punct(",") || k + 1 == s_tok && toks[s_tok].is_capitalized(text))
    };
    let k = (s_tok.saturating_sub(4)..s_tok).rev().find(|&k| {
        opens_clause(k) && toks[k + 1..s_tok].iter().all(|t| t.kind == TokenKind::Word && !t.is_capitalized(text))
    })?;
    Some(if toks[k].kind == TokenKind::Word { k - 1 } else { k })
}
