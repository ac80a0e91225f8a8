//! The word lists speaker resolution consults, and only it: titles, given names, places,
//! organisation words. All entries are lower case. Lists other modules share are in
//! [`crate::lexicon`].

use super::{Gender, SpeakerType};

/// Words that form a title or role before a name, not part of it.
pub(super) const TITLES: &[&str] = &[
    "president", "vice", "secretary", "minister", "foreign", "defence", "defense", "prime", "chancellor", "senator",
    "sen.", "sens.", "rep.", "reps.", "del.", "representative", "gov.", "governor", "mayor", "envoy", "special",
    "general", "gen.", "army", "chief", "staff", "mr.", "mrs.", "ms.", "dr.", "prof.", "professor", "judge", "justice",
    "attorney", "spokesman", "spokeswoman", "spokesperson", "ambassador", "commissioner", "director", "adviser",
    "advisor", "leader", "speaker", "chairman", "chairwoman", "chair", "ceo", "state", "white", "house", "of",
    "deputy", "former", "candidate", "nominee", "democratic", "democrat", "republican", "sir", "lord", "lady", "king",
    "queen", "prince", "pope", "rev.", "gop", "council", "sgt.", "lt.", "col.", "capt.", "officer", "head", "war",
    "interior", "finance", "health", "education", "trade", "treasury", "economy", "homeland", "security", "national",
    "federal", "supreme", "court", "u.s.", "us", "uk", "u.k.", "eu", "un", "u.n.", "nato", "whip", "congressman",
    "congresswoman", "assemblyman", "assemblywoman", "councilman", "councilwoman", "sheriff", "alderman", "alderwoman",
    "pastor", "bishop", "archbishop", "cardinal", "rabbi", "imam", "actor", "actress", "journalist", "comedian",
];

/// Title words for an office one person holds, which a name follows ("Chief of Staff", "Majority
/// Whip", "Press Secretary"), as against those that name a body or a field ("House", "Health").
pub(super) const PERSONAL_TITLES: &[&str] = &[
    "president", "secretary", "minister", "chancellor", "senator", "governor", "mayor", "envoy", "general", "chief",
    "staff", "judge", "justice", "attorney", "spokesman", "spokeswoman", "spokesperson", "ambassador", "commissioner",
    "director", "adviser", "advisor", "leader", "speaker", "chairman", "chairwoman", "chair", "ceo", "deputy",
    "candidate", "nominee", "officer", "head", "whip",
];

/// Prepositions of place that open a sentence or headline before a name ("Beneath Clinton's
/// lead, …", "Alongside BLM, …"), which the function words the rules use leave out.
pub(super) const PLACE_PREPOSITIONS: &[&str] = &[
    "above", "along", "alongside", "around", "behind", "below", "beneath", "beside", "besides", "beyond", "inside",
    "near", "outside", "throughout", "underneath",
];

/// Words that make a capitalised run an organisation.
pub(super) const ORGANISATION_WORDS: &[&str] = &[
    "ministry", "department", "party", "council", "committee", "commission", "agency", "office", "kremlin",
    "government", "times", "post", "news", "inc.", "inc", "corp.", "corporation", "company", "university", "campaign",
    "court", "service", "union", "bank", "fund", "association", "institute", "center", "centre", "foundation",
    "administration", "congress", "senate", "parliament", "assembly", "police", "army", "navy", "forces", "group",
    "organization", "organisation", "network", "journal", "press", "reuters", "cnn", "bbc",
    // News outlets, pollsters and bodies that speak in the news by a name of their own.
    "politico", "buzzfeed", "huffpost", "huffpollster", "axios", "gallup", "journalism", "blaze", "legion", "fed",
    // Meetings and projects: "the Democratic National Convention", "the Elections Project".
    "convention", "conference", "project", "reserve", "church", "republic", "arena", "stadium",
    // Movements: "Black Lives Matter".
    "matter", "nbc", "abc", "cbs", "fox", "msnbc", "politifact", "pentagon", "fbi", "cia", "imf", "nato", "un", "eu",
    "tribune", "herald", "guardian", "telegraph", "magazine", "review", "board", "authority", "coalition", "alliance",
    "federation", "club", "school", "hospital", "clinic", "poll", "survey", "study", "report", "firm", "platform",
    "channel", "agency", "bureau", "team", "staff", "cabinet", "white", "institution", "pac",
    // Laws and treaties are not people either ("the Fair Sentencing Act").
    "act", "amendment", "treaty", "accord", "accords", "agreement", // Company names.
    "healthcare", "holdings", "industries", "llc", "ltd", "ltd.", "co.", "partners", "capital", "energy", "resources",
    "systems", "technologies", "pharmaceuticals", "insurance", "college", "command", "register",
];

/// Last words of a capitalised run that make it a place, not a person ("the United States",
/// "Wall Street", "Capitol Hill", "Kansas City"); see [`is_place`](super::names::is_place) for the runs excepted.
pub(super) const PLACE_HEADS: &[&str] = &[
    "states", "street", "avenue", "square", "bridge", "city", "county", "island", "islands", "sea", "ocean", "gulf",
    "bay", "lake", "river", "valley", "canyon", "coast", "beach", "park", "hill", "heights", "mountains", "peninsula",
    "strait", "harbor", "harbour", "america", "zone",
];

/// First words of two-word places.
pub(super) const PLACE_OPENERS: &[&str] = &["new", "north", "south", "east", "west", "san", "santa", "los", "las"];

/// Common given names, for the gender of `he` and `she` where the article gives no other clue.
pub(super) const MALE_NAMES: &[&str] = &[
    "donald", "joe", "barack", "bill", "vladimir", "volodymyr", "sergey", "sergei", "dmitry", "rustem", "veniamin",
    "steve", "dan", "jd", "marco", "pete", "mike", "john", "james", "robert", "michael", "david", "richard", "thomas",
    "charles", "george", "paul", "mark", "william", "chris", "peter", "andrew", "tom", "ted", "bernie", "mitch",
    "paul", "rudy", "newt", "jeb", "ben", "tim", "gary", "jim", "kevin", "eric", "emmanuel", "olaf", "boris", "keir",
    "recep", "xi", "benjamin", "mohammed", "ali", "ivan", "oleg", "andriy", "petro", "viktor", "jens", "antony",
    "lloyd", "jake", "reince", "corey", "al", "adam", "alan", "albert", "alex", "alexander", "anthony", "arthur",
    "brian", "bryan", "bob", "bobby", "brad", "bruce", "carl", "chuck", "craig", "dale", "daniel", "dante", "dennis",
    "don", "donny", "doug", "douglas", "ed", "edward", "frank", "fred", "greg", "gregory", "harold", "harry", "henry",
    "howard", "jack", "jason", "jeff", "jeffrey", "jerry", "jesse", "joel", "johnnie", "johnny", "jon", "jonathan",
    "jose", "joseph", "josh", "joshua", "juan", "justin", "keith", "ken", "kenneth", "larry", "lawrence", "louis",
    "luis", "marcus", "mario", "martin", "matt", "matteo", "matthew", "mitt", "nathan", "neil", "nicholas", "patrick",
    "phil", "philip", "ralph", "randy", "raymond", "reggie", "rick", "rob", "roger", "ron", "ronald", "roy", "russell",
    "ryan", "sam", "samuel", "scott", "sean", "stephen", "steven", "timothy", "todd", "tony", "vincent", "walter",
    "wayne", "willie", "zach", "norman", "aaron", "rand", "jared", "rafael", "hugh", "ernest", "warren",
];

/// Common female given names; see [`MALE_NAMES`].
pub(super) const FEMALE_NAMES: &[&str] = &[
    "hillary", "kamala", "kristen", "kirsten", "nancy", "elizabeth", "susie", "melania", "ivanka", "chelsea",
    "michelle", "mary", "patricia", "jennifer", "linda", "barbara", "susan", "jessica", "sarah", "karen", "nikki",
    "angela", "ursula", "theresa", "liz", "kaja", "olena", "yulia", "maria", "anna", "jill", "loretta", "debbie",
    "huma", "donna", "gennifer", "ava", "jane", "laura", "kate", "emma", "julia", "katie", "tulsi", "marjorie",
    "kellyanne", "abby", "alice", "alicia", "amanda", "amy", "andrea", "ann", "anne", "betsy", "beth", "betty",
    "carol", "carolyn", "catherine", "cheryl", "christina", "christine", "claire", "cynthia", "deborah", "denise",
    "diana", "diane", "dorothy", "ellen", "ellie", "emily", "helen", "janet", "joan", "joanne", "judith", "judy",
    "julie", "kathleen", "kathryn", "lisa", "lori", "margaret", "marie", "marsha", "martha", "megan", "melanie",
    "melissa", "nicole", "olive", "pamela", "rachel", "rebecca", "rose", "ruth", "sandra", "sharon", "stephanie",
    "teresa", "tina", "valerie", "veronica", "victoria", "wendy", "heidi", "madeleine", "condoleezza", "sheryl",
    "samantha", "sophie", "hanna", "hannah",
];

/// Nationality and regional adjectives that stand before titles ("Russian Foreign Minister").
/// Unknown ones need no entry: the name is what follows the last title word anyway.
pub(super) const NATIONALITIES: &[&str] = &[
    "american", "russian", "ukrainian", "british", "french", "german", "chinese", "japanese", "israeli", "palestinian",
    "iranian", "iraqi", "syrian", "turkish", "european", "african", "asian", "mexican", "canadian", "indian",
    "pakistani", "afghan", "saudi", "egyptian", "polish", "italian", "spanish", "dutch", "swedish", "norwegian",
    "danish", "finnish", "belarusian", "georgian", "korean", "australian", "brazilian", "venezuelan", "cuban", "greek",
    "hungarian", "romanian", "serbian", "lebanese", "jordanian", "qatari", "emirati", "yemeni", "libyan", "nigerian",
    "kenyan", "ethiopian", "taiwanese", "vietnamese", "estonian", "latvian", "lithuanian", "moldovan", "czech",
    "slovak", "austrian", "swiss", "belgian", "irish", "scottish", "welsh", "english", "north", "south", "east",
    "west", "western", "eastern", "regional", "local",
];

/// Chinese surnames that stand first in a two-word name and are rarely an English given name.
pub(super) const CHINESE_SURNAMES: &[&str] = &[
    "xi", "li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "wu", "hu", "jiang", "wen", "sun",
    "ma",
];

/// Lower-case particles inside a name: "Osama bin Laden", "Ludwig van Beethoven".
pub(super) const NAME_PARTICLES: &[&str] =
    &["bin", "ibn", "al", "el", "van", "von", "der", "den", "de", "del", "della", "da", "dos", "du", "la", "le"];

/// Honorifics that stand right before a name ("Mr.", "Dr.").
pub(super) const HONORIFICS: &[&str] = &["mr.", "mrs.", "ms.", "dr.", "prof."];

/// The honorifics that tell a person's gender ("Mrs. Clinton" is not the Bill Clinton named last).
pub(super) const HONORIFIC_GENDERS: &[(&str, Gender)] =
    &[("mr.", Gender::Male), ("mrs.", Gender::Female), ("ms.", Gender::Female)];

/// The endings of a possessive ("Obama's", "the company’s").
pub(super) const POSSESSIVE_SUFFIXES: &[&str] = &["'s", "’s"];

/// "Let us", which looks like a possessive and has no owner.
pub(super) const LET_US: &[&str] = &["let's", "let’s"];

/// Reflexives after a mention ("Sanders himself"), which add nothing to who it is.
pub(super) const REFLEXIVE_PRONOUNS: &[&str] = &["himself", "herself", "themselves"];

/// Pronouns (subject, object, possessive) of a man, whose antecedent is looked for.
pub(super) const MALE_PRONOUNS: &[&str] = &["he", "him", "his"];

/// Pronouns (subject, object, possessive) of a woman, whose antecedent is looked for.
pub(super) const FEMALE_PRONOUNS: &[&str] = &["she", "her", "hers"];

/// Pronouns whose kind of speaker is known but whose antecedent is not looked for.
pub(super) const PRONOUN_KINDS: &[(&[&str], SpeakerType)] = &[
    (&["they", "them", "their"], SpeakerType::Group),
    (&["we", "us", "our"], SpeakerType::Unknown),
    (LET_US, SpeakerType::Unknown),
    // "I" is a person, whether the writer or someone a quote gives the word to, though the text
    // may not say who.
    (&["i", "me", "my"], SpeakerType::Person),
    // "It said", "it reported": what speaks as "it" is a body or a document (a poll, a report, a
    // company), though the text may not say which.
    (&["it", "its"], SpeakerType::Organisation),
    (&["you", "your"], SpeakerType::Unknown),
];

/// Words besides the relative pronouns that open a relative clause (`the union that …`,
/// `the town where …`).
pub(super) const OTHER_RELATIVE_OPENERS: &[&str] = &["that", "where"];

/// Words in the phrase before a relative pronoun that open the phrase it refers to: "alarm
/// among legal experts, who", "and with former Representative Ron Paul, who".
pub(super) const ANTECEDENT_OPENERS: &[&str] =
    &["and", "or", "but", "with", "from", "among", "including", "as", "especially", "like", "by"];

/// Prepositions besides the [`NP_JOINERS`](crate::lexicon::NP_JOINERS) that open the phrase a
/// "that" refers to: "$9.4 million into ads that".
pub(super) const PREPOSITIONS_BEFORE_THAT: &[&str] = &["into", "about", "against", "over", "after", "through"];

/// Prepositions besides the [`NP_JOINERS`](crate::lexicon::NP_JOINERS) after which the
/// capitalised end of a phrase is what it is about ("adviser to Zelenskyy"), not its speaker.
pub(super) const PREPOSITIONS_BEFORE_AN_OBJECT: &[&str] = &["with", "by", "from"];

/// Conjunctions that join two names or two titles ("Obama and Hillary Clinton", "Former
/// prosecutor and New York City Mayor Rudy Giuliani").
pub(super) const JOINING_CONJUNCTIONS: &[&str] = &["and", "or", "&"];

/// Conjunctions that join two people into one group of speakers ("Obama and Clinton").
pub(super) const AND_WORDS: &[&str] = &["and", "&"];

/// Last words of a capitalised run that name a day, not a person ("Election Day", "New Year's
/// Eve").
pub(super) const DAY_WORDS: &[&str] = &["day", "eve", "night", "week"];

/// Abbreviated countries and alliances, which are no title for one word ("U.N. Women").
pub(super) const COUNTRY_ABBREVIATIONS: &[&str] = &["u.s.", "us", "uk", "u.k.", "eu", "un", "u.n.", "nato"];

/// Known given names that are as often a word ("Bill", "Mark", "Rose"): alone, no person.
pub(super) const GIVEN_NAMES_ALSO_WORDS: &[&str] =
    &["bill", "mark", "rose", "olive", "al", "don", "ed", "rob", "will", "jack", "rand"];

/// The letters of the Roman numerals that end a name ("John Smith III").
pub(super) const ROMAN_NUMERAL_LETTERS: &str = "IVXL";

/// Quantifiers that speak for some of a body's members when followed by a
/// [`MEMBERSHIP_OPENERS`] word ("many in the Republican establishment").
pub(super) const QUANTIFIERS: &[&str] = &["many", "some", "most", "few", "those", "several", "others", "all", "both"];

/// Words after a quantifier that say what the people are part of ("some who advocate free
/// speech", "those in the party").
pub(super) const MEMBERSHIP_OPENERS: &[&str] = &["in", "within", "at", "on", "among", "inside", "who"];

/// Marks that set an aside off inside a mention ("Rustem Umerov, a senior adviser to Zelenskyy,",
/// "Jason Sims — a teacher from Mount Pleasant —").
pub(super) const ASIDE_OPENERS: [char; 4] = [',', '(', '—', '–'];

/// Marks that bound the parts of a mention with an aside: the [`ASIDE_OPENERS`] and a closing
/// parenthesis.
pub(super) const ASIDE_MARKS: [char; 5] = [',', '(', ')', '—', '–'];

/// Marks that end the phrase a relative pronoun refers to, looking back from it.
pub(super) const ANTECEDENT_BOUNDARIES: &str = ".,;:\n“”\"";
