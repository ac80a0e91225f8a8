//! Each form of quotation the issue names, on article text, and what must not count as one.

mod common;
use common::{find, has, label};

#[test]
fn straight_double_quotes_with_attribution_after() {
    let r = label("The council met on Monday.\n\n\"We will not raise taxes this year,\" Mayor Lena Ortiz said.");
    let q = find(&r, "We will not raise taxes");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()), ("direct", "Lena Ortiz", "said"));
    assert_eq!(q.quote_text, "We will not raise taxes this year");
}

#[test]
fn curly_quotes_after_a_colon() {
    let r = label("Finance Minister Karl Brand was blunt: “The budget is empty.”\n\nBrand told parliament: “There is no money left for new roads.”");
    let q = find(&r, "no money left");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("direct", "Karl Brand"));
}

#[test]
fn guillemets() {
    let r = label("«Nous restons prudents», said central bank governor Odile Marchand on Thursday.");
    let q = find(&r, "Nous restons prudents");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("direct", "Odile Marchand"));
}

#[test]
fn single_quotes_nested_in_double_quotes_stay_in_one_quote() {
    let r = label("“They called it ‘a temporary measure’ ten years ago,” said union leader Sam Okafor.");
    let q = find(&r, "temporary measure");
    assert_eq!(q.quote_text, "They called it ‘a temporary measure’ ten years ago");
    assert_eq!(q.speaker, "Sam Okafor");
}

#[test]
fn quote_over_several_paragraphs_is_one_quote() {
    let text = "Coach Maria Lopez spoke after the final.\n\n“We trained for this for four years. Every morning, every weekend.\n\n“Today it paid off, and I could not be prouder of these players,” Lopez said.";
    let r = label(text);
    let q = find(&r, "We trained for this");
    assert!(q.quote_text.contains("Today it paid off"), "{}", q.quote_text);
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("direct", "Maria Lopez"));
}

#[test]
fn quote_interrupted_by_its_attribution_is_one_row_over_both_parts() {
    let text = "Police chief Dana Reyes addressed reporters.\n\n“The suspect is in custody,” she said, “and there is no further danger.”";
    let r = label(text);
    let q = find(&r, "suspect is in custody");
    assert!(q.quote_text.ends_with("no further danger."), "{}", q.quote_text);
    assert_eq!(
        (q.quote_type.as_str(), q.speaker.as_str(), q.speaker_mention.as_str()),
        ("direct", "Dana Reyes", "she")
    );
    assert!(!has(&r[1..], "no further danger") || r.len() == 1);
}

#[test]
fn paragraph_introduced_by_a_colon_is_said_by_the_one_who_introduces_it() {
    // The speaker of the quote before does not go on talking: the colon hands the next
    // paragraph to a new speaker.
    let text = "“The losses are the worst in a decade,” farmer Jonas Berg said.\n\n\
                Agriculture minister Petra Lind responded:\n\n\
                “We will pay for the drought losses before the spring, and not a day later.”";
    let r = label(text);
    let q = find(&r, "pay for the drought losses");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()), ("direct", "Petra Lind", "responded:"));
    common::assert_offsets(text, &r);
}

#[test]
fn paragraph_that_continues_a_quote_keeps_its_speaker() {
    let text = "“The harvest was the worst in a decade,” farmer Jonas Berg told the paper.\n\n“We will need help from the government to get through the winter.”";
    let r = label(text);
    let q = find(&r, "need help from the government");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("direct", "Jonas Berg"));
}

#[test]
fn mixed_quote_is_reported_speech_with_a_quoted_fragment() {
    let r = label("Prime Minister Anna Kovac said the proposal had been “carefully balanced” and would pass.");
    let q = find(&r, "carefully balanced");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("mixed", "Anna Kovac"));
    assert_eq!(q.quote_text, "the proposal had been “carefully balanced” and would pass");
}

#[test]
fn reported_speech_with_and_without_that() {
    let r = label("Health Secretary Tom Ellis said that waiting lists had fallen. The opposition said the figures were misleading.");
    assert_eq!(find(&r, "waiting lists had fallen").quote_text, "that waiting lists had fallen");
    assert_eq!(find(&r, "waiting lists").speaker, "Tom Ellis");
    let q = find(&r, "figures were misleading");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("indirect", "The opposition"));
}

#[test]
fn told_with_a_listener() {
    let r = label("Senator Ruth Adler told reporters on Friday that she would vote against the bill.");
    let q = find(&r, "vote against the bill");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("Ruth Adler", "told"));
    assert!(q.quote_text.starts_with("that she would"), "{}", q.quote_text);
}

#[test]
fn according_to_before_and_after() {
    let r = label("According to the weather service, the storm will reach the coast tonight. Two roads were closed, according to police.");
    let q = find(&r, "storm will reach");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("the weather service", "According to"));
    let q = find(&r, "Two roads were closed");
    assert_eq!(q.speaker, "police");
}

#[test]
fn verbs_of_saying_beyond_said() {
    let text = "The central bank warned that inflation would stay high. Governor Piet Smit added that rates could rise again. The ministry announced new subsidies for farmers. Economist Lara Voss argued that the subsidies would fuel inflation.";
    let r = label(text);
    assert_eq!(find(&r, "inflation would stay high").cue, "warned");
    assert_eq!(find(&r, "rates could rise again").speaker, "Piet Smit");
    assert_eq!(find(&r, "new subsidies for farmers").cue, "announced");
    assert_eq!(find(&r, "fuel inflation").speaker, "Lara Voss");
}

#[test]
fn social_media_posts() {
    let r = label("President Omar Haddad wrote on Truth Social that the talks were \"going very well\". Opposition leader Mia Falk posted on X: \"Nothing has been agreed.\"");
    let q = find(&r, "going very well");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()), ("mixed", "Omar Haddad", "wrote"));
    let q = find(&r, "Nothing has been agreed");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("direct", "Mia Falk"));
}

#[test]
fn headlines_titles_and_scare_quotes_are_not_quotes() {
    let text = "Minister says budget is \"fair\"\n\nThe film \"A Long Way Home\" opened on Friday. Critics of the so-called \"reform\" were not convinced.\n\nFinance Minister Eva Lund said the budget was fair.";
    let r = label(text);
    assert!(!has(&r, "A Long Way Home"), "{r:#?}");
    assert!(!r.iter().any(|q| q.quote_text == "reform" || q.quote_text == "fair"), "{r:#?}");
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!(r[0].speaker, "Eva Lund");
}

#[test]
fn offsets_count_code_points_through_accents_and_emoji() {
    let text = "Café owner Zoë Müller said the new rules were “ruinous 👎” for Köln’s small businesses.";
    let r = label(text);
    assert_eq!(r.len(), 1);
    common::assert_offsets(text, &r);
}

#[test]
fn a_whole_utterance_after_its_cue_is_the_quote_not_the_rest_of_the_sentence() {
    let r =
        label("Protesters marching through the old town chanted “What curfew?” and kept going until 2 a.m. on Friday.");
    let q = find(&r, "What curfew?");
    assert_eq!((q.quote_type.as_str(), q.quote_text.as_str()), ("direct", "What curfew?"));
    let r = label("Asked about the brawl, Mayor Lena Ortiz said of the episode, “I don't like it, and nobody should,” before leaving the stage.");
    let q = find(&r, "I don't like it");
    assert_eq!(
        (q.quote_type.as_str(), q.quote_text.as_str(), q.speaker.as_str()),
        ("direct", "I don't like it, and nobody should", "Lena Ortiz")
    );
}

#[test]
fn a_direct_quote_after_a_relative_clause_with_a_cue_of_its_own() {
    let r = label("Senator Ruth Adler, who called her rival after the result was declared, told her supporters, “I still love this state, and I always will.”");
    let q = find(&r, "I still love this state");
    assert_eq!(
        (q.quote_type.as_str(), q.quote_text.as_str(), q.speaker.as_str()),
        ("direct", "I still love this state, and I always will.", "Ruth Adler")
    );
}

#[test]
fn a_quote_interrupted_by_a_long_attribution_sentence_is_one_quote() {
    let text = "“This is not tax reform,” said Douglas Reyes, an economist who ran the budget office for six years and now leads a small research group in the capital. “It is the opposite of reform.”";
    let r = label(text);
    let q = find(&r, "This is not tax reform");
    assert!(q.quote_text.ends_with("It is the opposite of reform."), "{q:#?}");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("direct", "Douglas Reyes"));
}

#[test]
fn an_interrupted_quote_is_not_joined_across_another_quotation() {
    // The first part ends inside its marks ("!”"), so the gap after it opens with the mark.
    let text = "“We will appeal!” said Mayor Lena Ortiz, holding up a copy of the report titled “Harbour Futures” for the cameras. “The ruling ignores the facts.”";
    let r = label(text);
    let q = find(&r, "We will appeal");
    assert_eq!(q.quote_text, "We will appeal!", "{r:#?}");
}

#[test]
fn a_statement_that_goes_on_past_its_attribution_is_one_content() {
    let r = label("The harbour was busy all summer. Ferry traffic is up by a third, the port director said, because the new bridge is closed for repairs.");
    let q = find(&r, "Ferry traffic");
    assert!(q.quote_text.ends_with("closed for repairs"), "{q:#?}");
    // What follows the comma may also be the writer's circumstance, not more of what was said.
    let r = label("The plan is an insult to farmers, union leaders said Friday, a day after the vote.");
    let q = find(&r, "insult to farmers");
    assert_eq!(q.quote_text, "The plan is an insult to farmers");
}

#[test]
fn a_second_speaker_after_a_comma_starts_a_statement_of_their_own() {
    let r = label("Union members said they were worried about their pensions, and the mayor's spokesman said the city would pay in full.");
    let q = find(&r, "worried about their pensions");
    assert!(!q.quote_text.contains("the city would"), "{q:#?}");
    let q = find(&r, "the city would pay");
    assert_eq!(q.speaker_mention, "the mayor's spokesman");
    let r = label("Mayor Lena Ortiz said the budget was too small but added, “We will make it work.”");
    let q = find(&r, "budget was too small");
    assert!(!q.quote_text.contains("make it work"), "{q:#?}");
    let q = find(&r, "We will make it work");
    assert_eq!(q.speaker, "Lena Ortiz");
}

#[test]
fn a_trailing_according_to_vouches_for_the_whole_statement() {
    let r = label("The publisher declined to renew the offer, according to an executive familiar with the talks. Since last spring, according to the ministry, prices have risen by a fifth.");
    let q = find(&r, "declined to renew");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker_mention.as_str(), q.cue.as_str()),
        ("The publisher declined to renew the offer", "an executive familiar with the talks", "according to")
    );
    let q = find(&r, "Since last spring");
    assert!(q.quote_text.ends_with("risen by a fifth"), "{q:#?}");
    assert_eq!(q.speaker_mention, "the ministry");
}

#[test]
fn a_question_put_to_the_speaker_and_the_answer_are_two_attributions() {
    let r = label("The mayor spoke on Sunday.\n\nAsked about the cause of the fire, Chief Anna Berg said, “We are not going to guess.”");
    // The question's speaker, whoever asked it, goes unnamed; the answer is the chief's.
    let q = find(&r, "the cause of the fire");
    assert_eq!(
        (q.quote_text.as_str(), q.cue.as_str(), q.speaker.as_str(), q.speaker_type.as_str()),
        ("the cause of the fire", "Asked about", "", "unknown")
    );
    let q = find(&r, "not going to guess");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()), ("direct", "Anna Berg", "said"));
}

#[test]
fn later_quotes_in_a_paragraph_keep_its_speaker() {
    let r = label("The director said the film was worth making because “most people don’t know about that clause,” she said. “We have no context for the present if we don’t know the past.”");
    let q = find(&r, "We have no context");
    assert_eq!(q.speaker_mention, "The director");
    let r =
        label("Facing a restless crowd, Mayor Lena Ortiz tried a new and more personal message: “This is about me.”");
    let q = find(&r, "This is about me");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("Lena Ortiz", "tried a new and more personal message:"));
    let r =
        label("The review used one of the reader's letters as its headline: “Finally, someone who thinks like me.”");
    let q = find(&r, "someone who thinks");
    assert_eq!(q.speaker_mention, "The review");
}

#[test]
fn a_speaker_mention_keeps_the_words_before_the_name() {
    let r = label("“We will find who did this,” Harbor police Chief Ann Lee said Monday. The street stayed closed.\n\nBeth Ruiz, 27, a nurse in the city, said the clinic had run out of beds. The state’s Republican party leader said the count was fair.");
    let q = find(&r, "We will find who did this");
    assert_eq!((q.speaker_mention.as_str(), q.speaker.as_str()), ("Harbor police Chief Ann Lee", "Ann Lee"));
    let q = find(&r, "run out of beds");
    assert_eq!(q.speaker, "Beth Ruiz");
    let q = find(&r, "count was fair");
    assert_eq!(q.speaker_mention, "The state’s Republican party leader");
}

#[test]
fn a_colon_after_the_cue_belongs_to_the_cue_as_polnear_marks_it() {
    let text = "The harbour master spoke after the vote. She added: \"We will not back down.\"\n\nIn a statement, the union said: the strike is over.";
    let r = label(text);
    let q = find(&r, "We will not back down");
    assert_eq!((q.cue.as_str(), q.quote_text.as_str()), ("added:", "We will not back down."));
    let q = find(&r, "the strike is over");
    assert_eq!((q.cue.as_str(), q.quote_text.as_str()), ("said:", "the strike is over"));
    common::assert_offsets(text, &r);
}

#[test]
fn a_line_opening_with_a_name_and_a_colon_is_what_that_name_said_and_a_label_is_not() {
    let text = "Mark Cuban: I'd consider a future White House bid\n\n\
                Carson: Cruz took the wrong approach in Iowa\n\n\
                Breaking: Federal judge blocks the travel ban\n\n\
                Ben Carson spoke to reporters in Des Moines on Monday.\n\n\
                Contributing: Todd Spangler.";
    let r = label(text);
    let q = find(&r, "future White House bid");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("I'd consider a future White House bid", "Mark Cuban", ":")
    );
    // A lone word speaks when the article names it in full elsewhere.
    assert_eq!(find(&r, "wrong approach").speaker, "Ben Carson");
    assert!(!common::has(&r, "travel ban") && !common::has(&r, "Todd Spangler"), "labels are no speakers: {r:#?}");
    common::assert_offsets(text, &r);
}

#[test]
fn what_was_said_ends_before_the_writers_gloss_and_at_the_end_of_a_relative_clause() {
    let text = "The senator vowed to repeal the harbour levy, a tax on every catch landed in the port.\n\n\
                The minister said the talks had stalled, but that a deal was still possible before the summer.\n\n\
                Rosa Imhof, who said the ferry was always late, voted against the new timetable.";
    let r = label(text);
    common::assert_offsets(text, &r);
    // ", a tax on …": a noun phrase with no verb of its own glosses the last noun.
    assert_eq!(find(&r, "harbour levy").quote_text, "to repeal the harbour levy");
    // ", but that …" goes on reporting what the minister said.
    assert!(find(&r, "talks had stalled").quote_text.ends_with("possible before the summer"), "{r:#?}");
    // The relative clause ends at the comma the main clause's verb follows.
    let q = find(&r, "ferry was always late");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker.as_str(), q.speaker_mention.as_str()),
        ("the ferry was always late", "Rosa Imhof", "who")
    );
}

#[test]
fn a_second_verb_after_and_an_adverb_and_a_which_clause_keep_their_quote_and_speaker() {
    let text = "Nina Falk waved at the driver and repeatedly shouted, \"Don't you close that door,\" until the bus stopped.\n\n\
                To settle the question, reporters turned to the city's transit agency, which reported “1,204 delayed trains” on the line between January and March.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "close that door");
    assert_eq!(
        (q.quote_type.as_str(), q.quote_text.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("direct", "Don't you close that door", "Nina Falk", "shouted")
    );
    let q = find(&r, "1,204 delayed trains");
    assert_eq!(
        (q.speaker.as_str(), q.speaker_mention.as_str(), q.speaker_type.as_str()),
        ("the city's transit agency", "which", "organisation")
    );
}

#[test]
fn a_chant_after_a_dash_and_a_quote_as_a_paper_put_it_are_attributed() {
    let text = "A crowd of students marched past the stadium - while chanting, \"Hands up, don't shoot.\"\n\n\
                His degree has not kept him from being seen, as The Harbour Review put it in a long profile, “the ferryman of lost causes.”";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "Hands up");
    assert_eq!(
        (q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("direct", "A crowd of students", "chanting"),
        "{q:#?}"
    );
    let q = find(&r, "ferryman of lost causes");
    assert_eq!(
        (q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("direct", "The Harbour Review", "put it"),
        "{q:#?}"
    );
}

#[test]
fn an_expectation_or_an_appearance_with_no_one_holding_it_has_no_speaker() {
    let text = "The harbour board is widely expected to approve the new ferry timetable on Monday.\n\n\
                The workers, who are expected to strike next week, gathered on Friday.\n\n\
                The mayor seemed to soften her stance on the bridge tolls.";
    let r = label(text);
    common::assert_offsets(text, &r);
    for (needle, whole, cue) in [
        (
            "approve the new ferry timetable",
            "The harbour board is widely expected to approve the new ferry timetable on Monday",
            "is widely expected",
        ),
        ("strike next week", "who are expected to strike next week", "are expected"),
        ("soften her stance", "The mayor seemed to soften her stance on the bridge tolls", "seemed"),
    ] {
        let q = find(&r, needle);
        // The cue stands inside the content, which runs from the subject to the end of the clause.
        assert_eq!(
            (q.quote_text.as_str(), q.cue.as_str(), q.speaker.as_str(), q.speaker_type.as_str()),
            (whole, cue, "", "unknown"),
            "{q:#?}"
        );
    }
}

#[test]
fn a_question_put_to_someone_and_a_report_with_no_source_are_attributions() {
    let text =
        "Mayor Ines Castell was asked by the radio host Tom Reyes whether the bridge would reopen before winter.\n\n\
                The harbour club is reportedly spending two million on new moorings.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "bridge would reopen");
    assert_eq!(
        (q.quote_text.as_str(), q.cue.as_str(), q.speaker.as_str()),
        ("whether the bridge would reopen before winter", "was asked", "Tom Reyes"),
        "{q:#?}"
    );
    let q = find(&r, "spending two million");
    assert_eq!(
        (q.quote_text.as_str(), q.cue.as_str(), q.speaker.as_str()),
        ("The harbour club is reportedly spending two million on new moorings", "reportedly", ""),
        "{q:#?}"
    );
}

#[test]
fn a_quotation_ending_in_a_comma_ends_the_statement_before_a_participle_and_pointed_to_is_a_cue() {
    let text = "Mayor Lena Ortiz told the radio station that the ferry plan “had been badly costed from the start,” adding, “We will not sign it.”\n\n\
                Governor Sam Okafor pointed to the new bridge as proof that the budget was working.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "badly costed");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker.as_str()),
        ("that the ferry plan “had been badly costed from the start,”", "Lena Ortiz"),
        "{q:#?}"
    );
    let q = find(&r, "We will not sign it");
    assert_eq!(
        (q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("direct", "Lena Ortiz", "adding"),
        "{q:#?}"
    );
    let q = find(&r, "the new bridge");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("Sam Okafor", "pointed to"), "{q:#?}");
}

#[test]
fn a_sentence_opening_clause_ends_its_statement_at_the_comma_before_the_main_clause() {
    let text = "With party leaders increasingly worried about a lack of enthusiasm for the mayor among young voters, Governor Ana Reyes is rolling out a new campaign message: “It’s about me.”";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "lack of enthusiasm");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("a lack of enthusiasm for the mayor among young voters", "party leaders", "worried"),
        "{q:#?}"
    );
    // The main clause's subject, past the opening clause, introduces the quotation.
    let q = find(&r, "It’s about me");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str()), ("direct", "Ana Reyes"), "{q:#?}");
    // Also after a "But" that joins the sentence to the one before.
    let r = label(
        "But while Mayor Lina Park said she would not block the budget, the council voted against it on Tuesday.",
    );
    let q = find(&r, "block the budget");
    assert_eq!((q.quote_text.as_str(), q.speaker.as_str()), ("she would not block the budget", "Lina Park"), "{q:#?}");
}

#[test]
fn a_transcript_quoted_paragraph_by_paragraph_is_one_quote_per_turn() {
    let text =
        "Transport Minister Petra Holm spoke to the radio host Jon Berg on Sunday. A partial transcript follows:\n\n\
                \"BERG: Let’s start with the budget. Why cut the rail fund?\n\n\
                \"HOLM: Because the fund has not delivered. We will spend the money better.\n\n\
                \"BERG: Will fares rise?\n\n\
                \"HOLM: No, fares will not rise this year.";
    let r = label(text);
    common::assert_offsets(text, &r);
    for (needle, speaker) in [
        ("Why cut the rail fund", "BERG"),
        ("the fund has not delivered", "HOLM"),
        ("Will fares rise", "BERG"),
        ("fares will not rise", "HOLM"),
    ] {
        let q = find(&r, needle);
        assert_eq!((q.speaker_mention.as_str(), q.cue.as_str()), (speaker, ":"), "{q:#?}");
        // The name and its colon are not part of what was said.
        assert!(!q.quote_text.contains(':') && !q.quote_text.starts_with(speaker), "{q:#?}");
    }
}

#[test]
fn a_question_after_when_asked_runs_to_the_comma_before_the_answer() {
    let text = "When asked by a reporter whether the plant would close, Mayor Ana Berg said, “Not this year.”\n\n\
                Asked at a briefing on Monday about the strike, the transport minister said it would end soon.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "plant would close");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker_mention.as_str(), q.cue.as_str()),
        ("whether the plant would close", "a reporter", "asked"),
        "{q:#?}"
    );
    assert_eq!(find(&r, "Not this year").speaker, "Ana Berg");
    // Past the place and time, to the word that opens the question.
    let q = find(&r, "the strike");
    assert_eq!((q.quote_text.as_str(), q.speaker.as_str()), ("about the strike", ""), "{q:#?}");
    // The asker is the noun phrase after "by", not the time that follows it.
    let r = label("Asked by Laura Ingraham on Thursday about the new visa rules, the senator said he had no plans to change them.");
    let q = find(&r, "the new visa rules");
    assert_eq!((q.speaker_mention.as_str(), q.cue.as_str()), ("Laura Ingraham", "Asked"), "{q:#?}");
}

#[test]
fn each_clause_joined_by_a_semicolon_has_its_own_attribution() {
    let r = label(
        "The talks on the rail strike have stalled; the transport ministry says a deal is still possible this week.",
    );
    let q = find(&r, "a deal is still possible");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("the transport ministry", "says"), "{q:#?}");
}

#[test]
fn refusals_urges_and_statements_that_go_on_are_attributions() {
    let text = "Union leader Jon Ek declined to comment.\n\n\
                The rail union urged party members to reject the new contract.\n\n\
                Minister Petra Holm continues to insist that the fares are fair.\n\n\
                The ministry has praised the plan but has said it will not fund the new line.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "to comment");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("to comment", "Jon Ek", "declined"),
        "{q:#?}"
    );
    // The listener is not part of what was urged.
    let q = find(&r, "reject the new contract");
    assert_eq!((q.quote_text.as_str(), q.speaker.as_str()), ("to reject the new contract", "The rail union"), "{q:#?}");
    let q = find(&r, "the fares are fair");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("Petra Holm", "insist"), "{q:#?}");
    let q = find(&r, "will not fund");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("The ministry", "said"), "{q:#?}");
}

#[test]
fn speakers_behind_dashes_parentheses_and_a_quoted_chant() {
    let text = "Jon Ek -- a former rail engineer -- said the line was unsafe.\n\n\
                Rep. Ana Reyes (D), a member of the transport committee, suggested that the fares were too high.\n\n\
                Walking into the hall to chants of “Holm! Holm!,” the minister said her plan was working.";
    let r = label(text);
    common::assert_offsets(text, &r);
    assert_eq!(find(&r, "the line was unsafe").speaker, "Jon Ek");
    assert_eq!(find(&r, "the fares were too high").speaker, "Ana Reyes");
    // A clause right after the cue is what was said, not the chant before the subject.
    let q = find(&r, "plan was working");
    assert_eq!((q.quote_text.as_str(), q.speaker_mention.as_str()), ("her plan was working", "the minister"), "{q:#?}");
    assert!(!has(&r, "Walking into the hall"), "{r:#?}");
}

#[test]
fn a_quotation_inside_a_statement_stays_inside_it() {
    let text = "Protesters said they want “justice for the miners,” and marched to the town hall.\n\n\
                The vote did not go well for the mayor, and the meeting ended early, said one council member.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "justice for the miners");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()), ("mixed", "Protesters", "said"), "{q:#?}");
    // A clause after a comma and "and" is no aside about the speaker.
    let q = find(&r, "meeting ended early");
    assert_eq!(q.speaker_mention, "one council member", "{q:#?}");
}

#[test]
fn a_headline_opening_with_a_name_or_a_poll_speaks_through_it() {
    let text = "Reyes on Rail Fares: ‘We Will Not Back Down.’\n\nGovernor Ana Reyes said on Monday that fares would stay frozen.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "We Will Not Back Down");
    assert_eq!((q.quote_type.as_str(), q.speaker.as_str(), q.cue.as_str()), ("direct", "Ana Reyes", ":"), "{q:#?}");
    let r = label("Poll: Voters back the rail plan by two to one.\n\nA new survey of 1,000 voters found wide support for the plan.");
    let q = find(&r, "Voters back the rail plan");
    assert_eq!((q.speaker_mention.as_str(), q.cue.as_str()), ("Poll", ":"), "{q:#?}");
}

#[test]
fn a_noun_ending_in_ly_is_no_adverb_before_the_cue() {
    let r = label("The miners’ relatives watched the video on Thursday, lawyers for the family said.");
    let q = find(&r, "watched the video");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker_mention.as_str()),
        ("The miners’ relatives watched the video on Thursday", "lawyers for the family"),
        "{q:#?}"
    );
}

#[test]
fn a_plural_that_is_also_a_cue_can_be_the_speaker() {
    let r = label("Police reports said the driver was not armed.");
    let q = find(&r, "the driver was not armed");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker_mention.as_str(), q.cue.as_str()),
        ("the driver was not armed", "Police reports", "said"),
        "{q:#?}"
    );
}

#[test]
fn a_contracted_is_before_a_participle_reads_as_the_present() {
    let r = label("Mayor Lena Ortiz is under pressure. She’s claiming that the ferry plan was never costed.");
    let q = find(&r, "never costed");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("that the ferry plan was never costed", "Lena Ortiz", "claiming"),
        "{q:#?}"
    );
}

#[test]
fn a_poll_named_at_the_head_of_a_sentence_is_its_source() {
    let text =
        "In the latest Harbour Herald poll, conducted in May, Mayor Ortiz led her rival 47 percent to 39 percent.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "47 percent to 39 percent");
    assert_eq!(
        (q.quote_text.as_str(), q.speaker.as_str(), q.cue.as_str()),
        ("Mayor Ortiz led her rival 47 percent to 39 percent", "the latest Harbour Herald poll", "In"),
        "{q:#?}"
    );
}

#[test]
fn how_something_appears_and_a_question_put_to_someone_have_no_speaker() {
    let text = "Support for the new bridge appears strong among the farmers of the valley.\n\n\
                At a town hall on Monday, Mayor Ana Berg was asked about the closing of the rail depot.";
    let r = label(text);
    common::assert_offsets(text, &r);
    // How something looks, and who was asked: PolNeAR marks no source for either.
    for needle in ["the closing of the rail depot", "strong among the farmers"] {
        let q = find(&r, needle);
        assert_eq!(q.speaker_mention, "", "{q:#?}");
    }
}
