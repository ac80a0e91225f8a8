//! Speaker resolution: pronouns, surnames, titles, organisations, groups, and honest unknowns.

mod common;
use common::{assert_speaker, assert_speaker_types, find, label};

#[test]
fn pronouns_resolve_by_gender_to_the_right_antecedent() {
    let text = "Foreign Minister Helena Varga met her counterpart Piotr Nowak in Vienna.\n\n\"The talks were constructive,\" she said.\n\n\"We agreed on very little,\" he said.";
    let r = label(text);
    assert_eq!(find(&r, "constructive").speaker, "Helena Varga");
    assert_eq!(find(&r, "agreed on very little").speaker, "Piotr Nowak");
}

#[test]
fn pronoun_after_a_speaker_refers_to_that_speaker() {
    let text = "Governor Alan Reed said the bridge would reopen in May. He said repairs had cost less than expected.";
    let r = label(text);
    let q = find(&r, "repairs had cost");
    assert_eq!(
        (q.speaker.as_str(), q.speaker_mention.as_str(), q.speaker_type.as_str()),
        ("Alan Reed", "He", "person")
    );
}

#[test]
fn surnames_and_titles_map_to_the_full_name() {
    let text = "Central bank governor Ingrid Holt spoke on Tuesday. Holt said interest rates would stay at 4 per cent. Ms. Holt added that inflation was falling.";
    let r = label(text);
    assert_eq!(find(&r, "interest rates").speaker, "Ingrid Holt");
    assert_eq!(find(&r, "inflation was falling").speaker, "Ingrid Holt");
}

#[test]
fn appositive_between_name_and_cue() {
    let r = label("Rustam Aliyev, a senior adviser to the president, said the border would stay closed.");
    let q = find(&r, "border would stay closed");
    assert_eq!(
        (q.speaker.as_str(), q.speaker_mention.as_str()),
        ("Rustam Aliyev", "Rustam Aliyev, a senior adviser to the president")
    );
}

#[test]
fn the_mention_takes_in_what_the_sentence_says_about_the_speaker_and_no_more() {
    let text = "\"The port will reopen,\" said Marta Kovac, a lawyer for the dock workers' union, which represents 4,000 members.\n\nOlaf Berg, 61, of Rotterdam, said the strike had cost him a month's pay. Jan Smit, in particular, said the talks had been slow. Piet Vos, the Smits’ neighbour, said he would go back to work.\n\n\"We will be back,\" said Ilse Maas, adding that the union would vote again.";
    let r = label(text);
    let q = find(&r, "port will reopen");
    assert_eq!(
        (q.speaker.as_str(), q.speaker_mention.as_str()),
        ("Marta Kovac", "Marta Kovac, a lawyer for the dock workers' union")
    );
    let q = find(&r, "strike had cost");
    assert_eq!((q.speaker.as_str(), q.speaker_mention.as_str()), ("Olaf Berg", "Olaf Berg, 61, of Rotterdam"));
    assert_eq!(find(&r, "talks had been slow").speaker_mention, "Jan Smit", "a circumstance is not about the speaker");
    assert_eq!(
        find(&r, "go back to work").speaker_mention,
        "Piet Vos, the Smits’ neighbour",
        "a possessive's mark is no quotation mark"
    );
    assert_eq!(find(&r, "We will be back").speaker_mention, "Ilse Maas", "nor is what the speaker went on to do");
    common::assert_offsets(text, &r);
    let text = "One of the decisions they have made, according to a person close to the process, is to turn any attack into a counterattack.";
    let r = label(text);
    assert_eq!(
        find(&r, "One of the decisions").speaker_mention,
        "a person close to the process",
        "nor is the sentence's verb"
    );
    common::assert_offsets(text, &r);
}

#[test]
fn a_name_holding_a_function_word_and_a_long_aside_before_the_cue_keep_their_speaker() {
    let text = "Prime Minister Theresa May said the country would leave the single market.\n\n\
                Rich Heffley, a party operative who ran the early-vote effort in the state, said the absentee program is a critical part of the strategy.\n\n\
                \"We will not wait for the courts,\" said a city official who was not authorized to speak publicly.";
    let r = label(text);
    // "May" is a modal too ("may say" reports nothing); after "Theresa" it is her name.
    let q = find(&r, "leave the single market");
    assert_eq!(
        (q.speaker.as_str(), q.speaker_mention.as_str(), q.cue.as_str()),
        ("Theresa May", "Prime Minister Theresa May", "said")
    );
    // The noun phrase after "said" starts what was said ("the absentee program is …"): the
    // speaker is the name before the aside, not that phrase.
    let q = find(&r, "absentee program");
    assert_eq!(q.quote_text, "the absentee program is a critical part of the strategy");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("Rich Heffley", "said"));
    // A relative clause after the speaker is about the speaker, never part of the noun phrase.
    assert_eq!(find(&r, "not wait for the courts").speaker_mention, "a city official");
    common::assert_offsets(text, &r);
    // Asides between dashes, and long ones in parentheses, stand between a speaker and the cue.
    let text = "Jason Sims — a teacher from Mount Pleasant — says he made a last-minute decision to vote.\n\n\
                Sen. Chris Murphy (a Connecticut Democrat so boyish he has been mistaken for a junior staffer) says he was adrift after the election.";
    let r = label(text);
    assert_eq!(find(&r, "last-minute decision").speaker, "Jason Sims");
    assert_eq!(find(&r, "adrift after the election").speaker, "Chris Murphy");
    common::assert_offsets(text, &r);
}

#[test]
fn a_share_of_those_asked_a_second_verb_after_but_and_an_aside_with_its_own_cue_keep_their_speaker() {
    let text = "About four in 10 said they were angry with the government.\n\n\
                Ana Ruiz brought the debt down to $42,000 in five years, but said she could not afford to teach.\n\n\
                The Huffington Post, which once said it would cover the campaign as entertainment, said it would treat the campaign as news.";
    let r = label(text);
    let q = find(&r, "angry with the government");
    assert_eq!((q.speaker_mention.as_str(), q.speaker_type.as_str()), ("four in 10", "group"));
    let q = find(&r, "could not afford to teach");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("Ana Ruiz", "said"));
    let q = find(&r, "treat the campaign as news");
    assert_eq!(q.quote_text, "it would treat the campaign as news");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str()), ("The Huffington Post", "organisation"));
    common::assert_offsets(text, &r);
}

#[test]
fn organisations_and_groups_are_kept_as_such() {
    let text = "The Defence Ministry said its forces had repelled the attack. Local residents said the shelling continued all night.";
    let r = label(text);
    let q = find(&r, "repelled the attack");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str()), ("The Defence Ministry", "organisation"));
    let q = find(&r, "shelling continued");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str()), ("Local residents", "group"));
}

#[test]
fn a_pronoun_with_no_antecedent_is_a_person_left_unnamed_not_a_guess() {
    let r = label("\"It was the worst flood in living memory,\" she said.");
    let q = find(&r, "worst flood");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str(), q.speaker_mention.as_str()), ("", "person", "she"));
}

#[test]
fn the_first_person_is_a_person_and_it_a_body_even_unnamed() {
    let r = label("I told the council that the bridge would not survive another winter.\n\nIt said the repairs would cost twice the estimate.");
    let q = find(&r, "bridge would not survive");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str(), q.speaker_mention.as_str()), ("", "person", "I"));
    let q = find(&r, "repairs would cost");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str(), q.speaker_mention.as_str()), ("", "organisation", "It"));
}

#[test]
fn a_title_decides_between_two_people_with_one_surname() {
    let text = "Former mayor Walter Lind and his wife, Agnes Lind, opened the library on Saturday. Lind said the town had waited twenty years. Mrs. Lind said the children's wing was her idea.";
    let r = label(text);
    assert_eq!(
        find(&r, "waited twenty years").speaker,
        "Walter Lind",
        "the bare surname is the one mentioned first and most"
    );
    assert_eq!(find(&r, "children's wing").speaker, "Agnes Lind", "Mrs. picks the woman of the family");
}

#[test]
fn a_bare_surname_is_the_family_member_the_article_is_about() {
    let text = "Senator Ted Cruz spoke in Houston. Cruz said the plan was unfair. Cruz said Trump had attacked his wife, Heidi Cruz, and his father, Rafael Cruz. \"It became personal,\" Cruz said.";
    let r = label(text);
    assert_eq!(find(&r, "It became personal").speaker, "Ted Cruz");
}

#[test]
fn places_acronyms_and_laws_are_not_antecedents_of_he_or_she() {
    let text = "Officials of the DNC met in West Virginia to discuss the Fair Sentencing Act.\n\nThe chairman, Paul Brandt, spoke after the meeting. For Brandt the vote was a relief. \"We finally have the numbers,\" he said.";
    let r = label(text);
    let q = find(&r, "finally have the numbers");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str()), ("Paul Brandt", "person"));
    for name in ["DNC", "Virginia", "Fair Sentencing Act", "For Brandt"] {
        assert!(r.iter().all(|q| q.speaker != name), "{name} was taken for a person: {r:#?}");
    }
}

#[test]
fn the_head_noun_decides_the_type_not_the_words_that_modify_it() {
    let text = "A spokeswoman for the Harbor Authority said the port would reopen on Monday. \
A Treasury Department official said the loan had been approved. \
Experts on coastal erosion say the dunes will not last the decade. \
The latest Marist poll released Friday shows the mayor trailing by six points.";
    let r = label(text);
    let typed = |needle: &str| find(&r, needle).speaker_type.clone();
    assert_eq!(typed("port would reopen"), "person", "a spokeswoman for a body is a person");
    assert_eq!(typed("loan had been approved"), "person", "an official of a department is a person");
    assert_eq!(typed("dunes will not last"), "group");
    assert_eq!(typed("mayor trailing"), "organisation", "a poll is a source but no person");
}

#[test]
fn acronyms_shares_and_examples_are_typed_as_what_speaks() {
    let text = "The NRDC said the permit broke federal law. \
Sixty percent of farmers said the subsidy came too late. \
Many economists, including Ruth Adler, have said the tariff will raise prices.";
    let r = label(text);
    let q = find(&r, "permit broke");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str()), ("The NRDC", "organisation"));
    assert_eq!(find(&r, "subsidy came too late").speaker_type, "group");
    let q = find(&r, "tariff will raise");
    assert_eq!(q.speaker_type, "group", "the economists speak; Ruth Adler is one example: {q:#?}");
    assert_ne!(q.speaker, "Ruth Adler");
}

#[test]
fn a_party_tag_after_a_legislators_name_belongs_to_the_speaker_mention() {
    let text = "\"The hearing was a farce,\" Rep. Dana Whitlock (R-Ohio) said after the vote.\n\nSen. Paul Ortega (D-N.M.) said the committee would meet again in March.";
    let r = label(text);
    let q = find(&r, "hearing was a farce");
    assert_eq!((q.speaker_mention.as_str(), q.speaker.as_str()), ("Rep. Dana Whitlock (R-Ohio)", "Dana Whitlock"));
    let q = find(&r, "committee would meet");
    assert_eq!((q.speaker_mention.as_str(), q.speaker.as_str()), ("Sen. Paul Ortega (D-N.M.)", "Paul Ortega"));
}

#[test]
fn a_plural_possessive_before_a_lower_case_noun_stays_in_the_speakers_name() {
    let text = "The harbour workers' union complained about the new shift schedule on Monday.";
    let r = label(text);
    assert_speaker(&r, "new shift schedule", "The harbour workers' union", "organisation");
}

#[test]
fn a_part_of_the_day_and_a_noun_that_looks_like_a_cue_stay_out_of_the_speakers_way() {
    let text = "Party spokesman Ivo Marek on Thursday evening said the coalition was not in crisis.\n\n\
                Dana Whitfield, a talk show host at the oldest radio station in the valley, said that she noticed a shift in her listeners after the vote.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "coalition was not in crisis");
    assert_eq!((q.speaker.as_str(), q.speaker_mention.as_str()), ("Ivo Marek", "Party spokesman Ivo Marek"), "{q:#?}");
    let q = find(&r, "noticed a shift");
    assert_eq!((q.speaker.as_str(), q.cue.as_str()), ("Dana Whitfield", "said"), "{q:#?}");
    assert!(!common::has(&r, "host at the oldest radio station"), "\"show\" in \"a talk show host\" is no cue: {r:#?}");
}

#[test]
fn a_share_after_with_and_a_subject_before_a_dash_or_and_speak_through_saying() {
    let text = "The mayor has gained ground, with 30 percent of voters saying they trust her on the budget.\n\n\
                Senator Lena Ortiz changed her mind on the spot – saying she would back the harbour plan after all.\n\n\
                Council member Ruth Adler surprised the room by saying the bridge tolls would be scrapped.";
    let r = label(text);
    common::assert_offsets(text, &r);
    let q = find(&r, "trust her on the budget");
    assert_eq!(
        (q.speaker.as_str(), q.speaker_type.as_str(), q.cue.as_str()),
        ("30 percent of voters", "group", "saying"),
        "{q:#?}"
    );
    assert_eq!(find(&r, "back the harbour plan").speaker, "Lena Ortiz");
    assert_eq!(find(&r, "bridge tolls would be scrapped").speaker, "Ruth Adler");
}

#[test]
fn a_place_after_a_name_is_where_the_speaker_is_from_not_the_speaker() {
    let text = "Senator Lena Marsh of Oregon said the timber bill would pass. \
Tomas Reyes of Fresno, California, said the water had not come. \
Supporters of Carla Mendes said the count was unfair. \
Later, Ms. Marsh said the vote would be close.";
    let r = label(text);
    assert_eq!(find(&r, "timber bill").speaker, "Lena Marsh");
    assert_eq!(find(&r, "water had not come").speaker, "Tomas Reyes");
    assert_eq!(
        find(&r, "vote would be close").speaker,
        "Lena Marsh",
        "the surname maps to the person, not to the state"
    );
    assert_ne!(
        find(&r, "count was unfair").speaker,
        "Supporters",
        "Carla Mendes's supporters are not a person called Supporters"
    );
}

#[test]
fn common_heads_for_one_person_or_several_are_typed() {
    let text = "One person at the meeting said the deal was close. \
The Idaho Republican said he would vote against it. \
The architect said the design was sound. \
Forty-one percent said the economy was getting worse. \
Many women said the clinic should stay open.";
    let r = label(text);
    let typed = |needle: &str| find(&r, needle).speaker_type.clone();
    assert_eq!(typed("deal was close"), "person");
    assert_eq!(typed("vote against it"), "person");
    assert_eq!(typed("design was sound"), "person");
    assert_eq!(typed("economy was getting worse"), "group", "a share of those asked");
    assert_eq!(typed("clinic should stay open"), "group");
}

#[test]
fn a_body_or_title_word_before_a_full_name_leaves_a_person() {
    // A body in the title ("Senate", "FBI") once made the whole run an organisation, and a
    // surname that is also a title or nationality ("King", "Cuban") left no name at all.
    let text = "Senate Majority Leader Mitch McConnell spoke on Tuesday.\n\n\
                McConnell said the vote would be held in June.\n\n\
                Billionaire investor Mark Cuban said the plan was a mistake.\n\n\
                \"We were never told,\" said Rep. Stacey Plaskett of the Virgin Islands.\n\n\
                Mr. King said the show would go on.";
    let r = label(text);
    for (needle, speaker) in [
        ("vote would be held", "Mitch McConnell"),
        ("plan was a mistake", "Mark Cuban"),
        ("never told", "Stacey Plaskett"),
        ("show would go on", "King"),
    ] {
        assert_speaker(&r, needle, speaker, "person");
    }
}

#[test]
fn a_known_given_name_alone_is_a_person() {
    let text = "The clinic sent Melanie home after a week. Melanie thought the whole stay had been a mistake.\n\n\
                \"It never crossed my mind that I was ill,\" she said.";
    let r = label(text);
    assert_speaker(&r, "never crossed my mind", "Melanie", "person");
}

#[test]
fn a_pronoun_that_reports_words_about_someone_is_not_that_someone() {
    let text = "Rep. Bobby Scott has pushed the bill for years. The union backed it on Monday.\n\n\
                \"We need people of substance,\" said union president Aaron Brooks.\n\n\
                People like Scott, he said.\n\n\
                Ms. Ortiz was shocked by the vote, she said.";
    let r = label(text);
    assert_eq!(find(&r, "People like Scott").speaker, "Aaron Brooks");
    // With no one else to refer to, the speaker talks about herself.
    assert_eq!(find(&r, "shocked by the vote").speaker, "Ortiz");
}

#[test]
fn a_place_is_no_person_to_refer_to() {
    // "Wall Street" and "the United States" read as two-word names until a place's last word
    // said otherwise; a pronoun then found them nearer than the person.
    let text = "Ambassador Lena Ortiz spoke on Monday. Wall Street rallied after the talks.\n\n\
                \"The market will recover,\" she said.\n\n\
                The United States said the talks would continue in May.";
    let r = label(text);
    assert_eq!(find(&r, "market will recover").speaker, "Lena Ortiz");
    assert_speaker(&r, "talks would continue", "The United States", "organisation");
    let r = label("Senator Ann Lowe campaigned in Concord on Friday. New Hampshire has voted first for a century.\n\n\"We will win here,\" she said.");
    assert_eq!(find(&r, "We will win here").speaker, "Ann Lowe");
}

#[test]
fn a_surname_that_is_also_a_nationality_or_a_title_is_the_person_named_in_full() {
    let text = "Mark Cuban, the team's owner, spoke on Sunday.\n\n\
                \"It is more of a consideration than it was,\" Cuban said.";
    let r = label(text);
    assert_speaker(&r, "more of a consideration", "Mark Cuban", "person");
}

#[test]
fn a_given_name_after_a_sentence_or_a_comma_is_still_a_given_name_alone() {
    // "Benghazi. Bob" and "The Washington Post, Bob" do not make Bob a surname.
    let text = "The base was attacked at night in Benghazi. Bob gave his account to The Washington Post, Bob said, because the film was wrong.\n\n\
                \"That never happened,\" Bob said.";
    let r = label(text);
    assert_speaker(&r, "That never happened", "Bob", "person");
}

#[test]
fn an_office_before_a_name_leaves_a_person_and_an_acronym_ends_no_name() {
    let text = "White House Chief of Staff Denis Hallow wrote to the staff on Friday.\n\n\
                \"The plan is ready,\" Hallow wrote.\n\n\
                Conservative Renewal PAC said the plan was a mistake.";
    let r = label(text);
    for (needle, speaker, kind) in [
        ("plan is ready", "Denis Hallow", "person"),
        ("plan was a mistake", "Conservative Renewal PAC", "organisation"),
    ] {
        assert_speaker(&r, needle, speaker, kind);
    }
    // Transcripts name their speakers in capitals: the surname of someone named in full.
    let r = label("Governor Mary Fallin spoke first.\n\n\"The budget is balanced,\" FALLIN said.");
    assert_speaker(&r, "budget is balanced", "Mary Fallin", "person");
}

#[test]
fn a_person_named_only_inside_a_quotation_is_known_by_surname_after_it() {
    let text = "\"Late this afternoon, I met with FBI Director James Comey,\" the attorney general said.\n\n\
                Comey said the inquiry was closed.";
    let r = label(text);
    assert_speaker(&r, "the inquiry was closed", "James Comey", "person");
}

#[test]
fn outlets_documents_and_panels_speak_as_bodies_and_a_moderator_as_a_person() {
    let text = "Politico reported that the vote was delayed.\n\n\
                The lawsuit says the county broke the law.\n\n\
                A House panel said the aide was in contempt.\n\n\
                The moderator said the debate would start late.";
    assert_speaker_types(
        text,
        &[
            ("the vote was delayed", "organisation"),
            ("the county broke the law", "organisation"),
            ("the aide was in contempt", "organisation"),
            ("the debate would start late", "person"),
        ],
    );
}

#[test]
fn a_day_or_a_convention_is_no_person_for_a_pronoun() {
    let text = "Ana Ortiz campaigned all week. Election Day brought a surprise.\n\n\"We won,\" she said.\n\n\
                Ben Cole flew home on Friday. The National Convention opened without him.\n\n\"I will watch,\" he said.";
    let r = label(text);
    assert_eq!(find(&r, "We won").speaker, "Ana Ortiz");
    assert_eq!(find(&r, "I will watch").speaker, "Ben Cole");
}

#[test]
fn who_after_a_clause_refers_to_the_noun_phrase_its_last_preposition_opens() {
    let text = "The ruling drew a wave of alarm among legal experts, who said the court had gone too far.\n\n\
                Reporters noted the tone of Senator Ted Crane, who said the vote was rigged.";
    let r = label(text);
    assert_speaker(&r, "the court had gone too far", "legal experts", "group");
    assert_speaker(&r, "the vote was rigged", "Ted Crane", "person");
}

#[test]
fn acronyms_camps_polls_and_the_media_are_bodies_and_an_organizer_a_person() {
    let text = "AP reported that the count was done.\n\n\
                The Sanders camp said the result was fair.\n\n\
                Exit polls showed that turnout was low.\n\n\
                The organizer said the march would go ahead.";
    assert_speaker_types(
        text,
        &[
            ("the count was done", "organisation"),
            ("the result was fair", "organisation"),
            ("turnout was low", "organisation"),
            ("the march would go ahead", "person"),
        ],
    );
}

#[test]
fn those_surveyed_and_a_staff_are_groups() {
    let text = "Those surveyed said the economy came first.\n\n\
                His staff said the schedule was full.";
    assert_speaker_types(text, &[("the economy came first", "group"), ("the schedule was full", "group")]);
}
