//! Pattern 7: `Asked about X, SOURCE CUE …`, `When asked by Y whether X, …`, `X was asked by Y
//! whether …` — the question is an attribution of its own, by whoever asked it.

use super::*;

/// "Rubio was asked by the moderator whether …", "Blumenthal was asked, “…?”", "Trump was
/// asked about it": a question put to the subject; its speaker is the one named after "by", if
/// any, and the cue takes in "about".
pub(super) fn question_frame(text: &str, toks: &[Token], i: usize, end: usize) -> Option<Frame> {
    let mut j = i + 1;
    let mut source = None;
    if toks.get(j).is_some_and(|t| t.is_word("by")) {
        let asker = noun_phrase_forward(text, toks, j + 1, end)?;
        source = Some(asker);
        j = toks.iter().position(|t| t.span.start >= asker.end).unwrap_or(end);
    }
    let about = toks.get(j).is_some_and(|t| t.is_word("about"));
    let cue_end = if about && source.is_none() { j } else { i };
    let a = complement_start(toks, if about { j + 1 } else { j }, end)?;
    // The question may open past the last token ("… was asked by a reporter" at the end of the
    // text): nothing was said, and reading on would index past the tokens.
    if a >= toks.len() {
        return None;
    }
    let e = statement_end(text, toks, a, end);
    // One word will do ("was asked about it").
    let one_word = a < e && toks[a].kind == TokenKind::Word;
    if !(has_content(toks, a, e) || one_word) {
        return None;
    }
    Frame::over(text, toks, (a, e), Span::new(toks[i - 1].span.start, toks[cue_end].span.end), source)
}

/// Words that open the question after "asked": "asked whether …", "asked about …".
pub(super) const QUESTION_OPENERS: &[&str] =
    &["about", "whether", "if", "why", "what", "how", "which", "who", "whom", "where", "when"];

/// After "asked" at `i`: who asked, when "by" names them ("When asked by a reporter whether
/// …"), and the token that opens the question, past a place or time ("Asked at a briefing
/// Monday about …").
pub(super) fn question_after_asked(text: &str, toks: &[Token], i: usize, end: usize) -> (Option<Span>, Option<usize>) {
    let reach = end.min(i + 12);
    let opener = (i + 1..reach)
        .take_while(|&k| !toks[k].is_punct(",") && toks[k].quote().is_none())
        .find(|&k| contains(QUESTION_OPENERS, &toks[k].lower));
    let source = opener
        .filter(|&o| toks.get(i + 1).is_some_and(|t| t.is_word("by")) && o > i + 2)
        .and_then(|o| noun_phrase_forward(text, toks, i + 2, o));
    (source, opener)
}

/// Whether the cue is an "Asked" that opens its sentence, or follows "when", ahead of the answer
/// ("Asked about the bombing, Clinton said, …", "…, he said when asked whether …").
pub(super) fn opens_question(site: &CueSite) -> bool {
    let when = site.i > 0 && site.toks[site.i - 1].is_word("when");
    site.word() == "asked" && (site.i == leading_conjunction(site.toks, 0) || when)
}

/// "Asked about the bombing, Clinton said, “…”": the question put to the speaker of the
/// main clause is an attribution of its own (cue "Asked about", content up to the comma
/// before the main clause), whose speaker, the one who asked, goes unnamed unless "by"
/// names them (PolNeAR leaves such sources empty: 41 of the 47 sentence-opening "Asked" of
/// train). It counts only when an answer follows. "…, he said when asked whether …" puts
/// the question after the answer, and it runs to the end of the clause.
pub(super) fn question_before_answer(site: &CueSite) -> Option<Frame> {
    let CueSite { text, toks, i, end, .. } = *site;
    let when = i > 0 && toks[i - 1].is_word("when");
    let (source, opener) = question_after_asked(text, toks, i, end);
    // "Asked about …": PolNeAR puts the "about" right after the verb in the cue.
    let about = toks.get(i + 1).is_some_and(|t| t.is_word("about"));
    let a = if about { i + 2 } else { opener.unwrap_or(i + 1) };
    let cue_start = if when { i - 1 } else { i };
    let cue = Span::new(toks[i].span.start, toks[if about { i + 1 } else { i }].span.end);
    let e = if cue_start == leading_conjunction(toks, 0) {
        question_end_before_answer(text, toks, a, end)?
    } else if opener.is_some() {
        (a..end).find(|&k| toks[k].is_punct(",")).unwrap_or(end)
    } else {
        return None;
    };
    let e = if toks[e - 1].is_punct(".") { e - 1 } else { e };
    has_content(toks, a, e).then(|| Frame::over(text, toks, (a, e), cue, source)).flatten()
}

/// Where a question that opens its sentence at token `a` ends: at its comma, or at a later
/// comma just before the main clause's subject; none when no main clause with a cue follows.
fn question_end_before_answer(text: &str, toks: &[Token], a: usize, end: usize) -> Option<usize> {
    let comma = (a..end).find(|&k| toks[k].is_punct(","))?;
    let main_cue = (comma + 1..end).find(|&k| cue_at(text, toks, k).is_some())?;
    let (s_start, _) = subject_before(text, toks, main_cue)?;
    // The comma just before the main clause's subject, when it is a later one.
    Some(if s_start > comma + 1 && toks[s_start - 1].is_punct(",") { s_start - 1 } else { comma })
}
