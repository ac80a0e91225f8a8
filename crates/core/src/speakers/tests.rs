use super::*;

/// The speaker of the source mention `mention` (its first occurrence) in `text`.
fn resolve(text: &str, mention: &str) -> Speaker {
    resolve_at(text, text.find(mention).expect("the mention is in the text"), mention.len())
}

/// The speaker of the source mention of `len` bytes from byte `start` of `text`.
fn resolve_at(text: &str, start: usize, len: usize) -> Speaker {
    let paragraphs = crate::segment::paragraphs(text, 0);
    let quoted = crate::quotemarks::find_quoted(text, &paragraphs);
    let blocks = crate::segment::blocks(text, &paragraphs, &quoted);
    SpeakerResolver::new(text, &blocks).resolve(Span::new(start, start + len))
}

#[test]
fn an_aside_that_describes_yields_to_one_that_names_or_to_a_body_before_it() {
    let text = "His wife, longtime campaign aide Nora Brandt, said the family would stay in Ohio.";
    assert_eq!(resolve(text, "His wife, longtime campaign aide Nora Brandt").name, "Nora Brandt");
    let text = "Jason Sims — a teacher from Mount Pleasant — said the school would close.";
    assert_eq!(
        resolve(text, "Jason Sims — a teacher from Mount Pleasant —").name,
        "Jason Sims",
        "an aside set off by dashes"
    );
    let text = "The newspaper, long a critic of the mayor, said the budget was padded.";
    assert_eq!(resolve(text, "The newspaper, long a critic of the mayor").kind, SpeakerType::Organisation);
    let text = "The delegate, who backs Simon Okafor, said the rules were fair.";
    let speaker = resolve(text, "The delegate, who backs Simon Okafor");
    assert_ne!(speaker.name, "Simon Okafor", "the delegate backs Okafor; Okafor did not speak");
    let text = "A spokeswoman, Ada Lindqvist, said the office was closed.";
    assert_eq!(resolve(text, "A spokeswoman, Ada Lindqvist").name, "Ada Lindqvist", "a name still goes first");
}

#[test]
fn an_owner_or_an_occupation_before_a_name_is_no_part_of_it() {
    let text = "Fox's Chris Wallace asked the question. Actor Clint Howard said nothing. Assemblywoman Claudia Tenney said the same.";
    assert_eq!(resolve(text, "Fox's Chris Wallace").name, "Chris Wallace");
    assert_eq!(resolve(text, "Actor Clint Howard").name, "Clint Howard");
    assert_eq!(resolve(text, "Assemblywoman Claudia Tenney").name, "Claudia Tenney");
}

#[test]
fn a_country_state_or_capital_speaks_as_a_body_unless_a_named_person_has_it_as_surname() {
    let text = "Germany said the talks would go on, and Beijing agreed. Rep. Jim Jordan spoke. Jordan said no.";
    assert_eq!(resolve(text, "Germany").kind, SpeakerType::Organisation);
    assert_eq!(resolve(text, "Beijing").kind, SpeakerType::Organisation);
    assert_eq!(resolve_at(text, text.rfind("Jordan").unwrap(), 6).name, "Jim Jordan");
    let text = "Virginia said the polls would close at seven.";
    assert_eq!(resolve(text, "Virginia").kind, SpeakerType::Organisation, "a state, though also a given name");
}

#[test]
fn a_place_a_central_bank_or_a_party_plural_after_a_title_is_no_person() {
    let text = "House Republicans said no. The Republic of Turkey said yes. Federal Reserve officials met. He spoke.";
    assert_eq!(resolve(text, "House Republicans").kind, SpeakerType::Group);
    assert_eq!(resolve("Latino Democrats said no.", "Latino Democrats").kind, SpeakerType::Group);
    assert_eq!(resolve(text, "The Republic of Turkey").kind, SpeakerType::Organisation);
    let he = resolve(text, "He");
    assert_eq!((he.name.as_str(), he.kind), ("", SpeakerType::Person), "no one above is a man");
}

#[test]
fn a_document_a_movement_a_share_or_a_person_s_head_noun_types_the_mention() {
    for (mention, kind) in [
        ("Black Lives Matter", SpeakerType::Organisation),
        ("A review by The Times", SpeakerType::Organisation),
        ("The vast majority", SpeakerType::Group),
        ("Nearly half", SpeakerType::Group),
        ("the AFL-CIO", SpeakerType::Organisation),
        ("Several environmental groups", SpeakerType::Organisation),
        ("Small groups of protesters", SpeakerType::Group),
        ("The gambling tycoon", SpeakerType::Person),
    ] {
        assert_eq!(resolve(&format!("{mention} said no."), mention).kind, kind, "{mention}");
    }
}

#[test]
fn a_headline_run_is_cut_at_its_verb_and_a_description_before_a_given_name_dropped() {
    let text =
        "Hillary Clinton Says Trump Is Unfit. Billionaire Donald Trump answered. She said he lied. Donald Trump left.";
    assert_eq!(resolve(text, "She").name, "Hillary Clinton");
    assert_eq!(resolve(text, "Billionaire Donald Trump").name, "Donald Trump");
    let text = "Cornell William Brooks, president of the NAACP, spoke first.";
    assert_eq!(
        resolve(text, "Cornell William Brooks").name,
        "Cornell William Brooks",
        "named so nowhere else: his name"
    );
}

#[test]
fn the_end_of_a_known_name_is_that_person_and_a_body_after_and_is_no_name() {
    let text = "Osama bin Laden declared war in 1996. Bin Laden said the attacks would go on.";
    assert_eq!(resolve(text, "Bin Laden").name, "Osama bin Laden");
    let text = "Officials at Homeland Security Investigations, a division of Immigration and Customs Enforcement, said the visas were clean.";
    let officials = resolve(
        text,
        "Officials at Homeland Security Investigations, a division of Immigration and Customs Enforcement",
    );
    assert_ne!(officials.name, "Customs Enforcement");
    assert_eq!(officials.kind, SpeakerType::Group);
    let text = "Senator Ana Reyes and Mayor Tom Cole met. Reyes and Cole said the deal was done.";
    assert_eq!(resolve(text, "Reyes and Cole").kind, SpeakerType::Group, "two people named together");
    let text = "She and Jack Goldsmith, a former Justice official, said the memo was wrong.";
    assert_eq!(resolve(text, "She and Jack Goldsmith, a former Justice official").kind, SpeakerType::Group);
    let text = "Former prosecutor and New York City Mayor Rudy Giuliani said no.";
    assert_eq!(
        resolve(text, "Former prosecutor and New York City Mayor Rudy Giuliani").name,
        "Rudy Giuliani",
        "an \"and\" that joins titles"
    );
}

#[test]
fn a_chinese_or_korean_name_has_its_surname_first() {
    let text = "Xi Jinping met Ban Ki-moon in Beijing. Mr. Xi said the talks went well. Mr. Ban agreed.";
    assert_eq!(resolve(text, "Mr. Xi").name, "Xi Jinping");
    assert_eq!(resolve(text, "Mr. Ban").name, "Ban Ki-moon");
}

#[test]
fn a_possessive_mention_is_its_owner() {
    let text = "Mayor Tom Reyes spoke. Reyes's decision to close the pool angered parents.";
    assert_eq!(resolve(text, "Reyes's").name, "Tom Reyes");
    let lets = resolve("Let's say the plan works.", "Let's");
    assert_eq!((lets.name.as_str(), lets.kind), ("", SpeakerType::Unknown), "\"let's\" is \"let us\", no owner");
}

#[test]
fn a_surname_that_is_also_a_function_word_ends_a_name() {
    let text = "The columnist George Will renewed his feud on Friday. Later Will wrote again.";
    let speaker = resolve_at(text, text.rfind("Will").unwrap(), 4);
    assert_eq!((speaker.name.as_str(), speaker.kind), ("George Will", SpeakerType::Person));
}

#[test]
fn a_preposition_that_opens_a_sentence_is_not_part_of_a_name() {
    let speaker = resolve("Beneath Clinton's lead lies a split party.", "Beneath Clinton");
    assert_ne!(speaker.kind, SpeakerType::Person, "{speaker:?}");
}

#[test]
fn a_reflexive_is_the_named_person_and_shares_and_members_are_people() {
    let text = "Senator Ann Lowe spoke on Monday. Lowe herself said the bill was dead.";
    let speaker = resolve_at(text, text.rfind("Lowe herself").unwrap(), "Lowe herself".len());
    assert_eq!((speaker.name.as_str(), speaker.kind), ("Ann Lowe", SpeakerType::Person));
    // A share given as a percentage is people too.
    assert_eq!(resolve("In the poll 42% said the country was on the wrong track.", "42%").kind, SpeakerType::Group);
    // So are some of a body's members.
    let text = "Many in the Republican establishment said the nominee would lose.";
    assert_eq!(resolve(text, "Many in the Republican establishment").kind, SpeakerType::Group);
    // And someone, or most of them.
    assert_eq!(
        resolve("Later someone in the audience said it was over.", "someone in the audience").kind,
        SpeakerType::Person
    );
    assert_eq!(resolve("In the end most said it was over.", "most").kind, SpeakerType::Group);
}

#[test]
fn a_place_or_a_body_after_a_title_is_no_person_for_a_pronoun() {
    let text = "Gov. Ray Tolland of West Virginia spoke first. He said the mines would stay open.";
    assert_eq!(resolve(text, "Gov. Ray Tolland of West Virginia").name, "Ray Tolland");
    assert_eq!(resolve(text, "He").name, "Ray Tolland", "no person called Virginia is left behind for the pronoun");
    let text =
        "Dade County Clerk of Courts Maria Lopez said the records were sealed. Lopez added that no date was set.";
    assert_eq!(resolve(text, "Lopez").name, "Maria Lopez", "a given name and a surname after the place are the name");
    let text = "The loan came from the State of Oregon and from U.N. Women. He said it was spent.";
    let he = resolve(text, "He");
    assert_eq!(
        (he.name.as_str(), he.kind),
        ("", SpeakerType::Person),
        "a state and a body are no antecedents of he, though he is a person"
    );
}

#[test]
fn possessive_and_object_pronouns_resolve_like_subject_ones() {
    let text = "Mayor Tom Reyes opened the meeting. His defence of the budget was brief.";
    assert_eq!(resolve(text, "His").name, "Tom Reyes");
    let text = "Judge Ana Weil spoke first. The clerk asked her whether the hearing would go on.";
    let her = resolve(text, "her");
    assert_eq!((her.name.as_str(), her.kind), ("Ana Weil", SpeakerType::Person));
}

#[test]
fn a_relative_that_or_whose_speaks_for_the_phrase_before_it() {
    let text = "Aid came from Harbor Watch, a foundation that said the port was unsafe.";
    assert_eq!(resolve(text, "that").kind, SpeakerType::Organisation);
    let text = "The party spent $2 million on ads that claimed the mayor lied.";
    assert_eq!(resolve(text, "that").name, "ads", "the nearest noun, not the whole phrase");
    let text = "The rules were drafted by Senator Lea Moss, whose aides said the vote would wait.";
    assert_eq!(resolve(text, "whose").name, "Lea Moss");
    let text = "\"People are angry,\" said Chicago Alderman Jason C. Ervin, who thinks the mayor erred.";
    assert_eq!(resolve(text, "who").name, "Jason C. Ervin");
    let text = "Senator Ana Reyes spoke first. It was an awkward moment for Reyes, who said she was sorry.";
    assert_eq!(resolve(text, "who").name, "Ana Reyes", "the person the phrase ends with");
}

#[test]
fn a_mention_of_determiners_only_is_a_person_or_a_group() {
    let text = "No one said the plan would work, and one said it would fail; those who spoke were angry.";
    assert_eq!(resolve(text, "No one").kind, SpeakerType::Person);
    assert_eq!(resolve_at(text, text.find("one said").unwrap(), 3).kind, SpeakerType::Person);
    assert_eq!(resolve(text, "those").kind, SpeakerType::Group);
}

#[test]
fn a_possessive_pronoun_has_the_type_of_its_pronoun() {
    let text = "The agency renewed its warning that rivers would flood, and their reply was quick.";
    assert_eq!(resolve(text, "its").kind, SpeakerType::Organisation);
    assert_eq!(resolve(text, "their").kind, SpeakerType::Group);
}
