//! Who said it: turning the words at an attribution site into a canonical speaker.
//!
//! The article's names are collected first (capitalised runs with titles such as "US President"
//! or "Foreign Minister" stripped). A source mention then resolves as follows:
//! a full name stands; a surname or title-plus-surname maps to the full name introduced for it;
//! `he`/`she` map to the nearest earlier person of matching gender, preferring speakers and
//! sentence subjects over passing mentions; `who` looks at the phrase before it; organisations
//! and groups are kept as written. What cannot be resolved is `unknown`, never a guess.

use crate::quotemarks::is_quotation_mark;
use crate::segment::{tokens_of, Block, Token, TokenKind};
use crate::span::Span;

/// What kind of speaker a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerType {
    /// A named or described person.
    Person,
    /// A company, ministry, newspaper, party or other body.
    Organisation,
    /// Several people spoken of together (officials, Republicans, they).
    Group,
    /// Not resolved.
    Unknown,
}

impl SpeakerType {
    /// The name used in the CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Group => "group",
            SpeakerType::Unknown => "unknown",
        }
    }
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// Canonical name within the article (empty when unknown).
    pub name: String,
    /// Person, organisation, group or unknown.
    pub kind: SpeakerType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// Words that form a title or role before a name, not part of it.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "secretary",
    "minister",
    "foreign",
    "defence",
    "defense",
    "prime",
    "chancellor",
    "senator",
    "sen.",
    "sens.",
    "rep.",
    "reps.",
    "del.",
    "representative",
    "gov.",
    "governor",
    "mayor",
    "envoy",
    "special",
    "general",
    "gen.",
    "army",
    "chief",
    "staff",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "prof.",
    "professor",
    "judge",
    "justice",
    "attorney",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "commissioner",
    "director",
    "adviser",
    "advisor",
    "leader",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "state",
    "white",
    "house",
    "of",
    "deputy",
    "former",
    "candidate",
    "nominee",
    "democratic",
    "democrat",
    "republican",
    "sir",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "pope",
    "rev.",
    "gop",
    "council",
    "sgt.",
    "lt.",
    "col.",
    "capt.",
    "officer",
    "head",
    "war",
    "interior",
    "finance",
    "health",
    "education",
    "trade",
    "treasury",
    "economy",
    "homeland",
    "security",
    "national",
    "federal",
    "supreme",
    "court",
    "u.s.",
    "us",
    "uk",
    "u.k.",
    "eu",
    "un",
    "u.n.",
    "nato",
    "whip",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "councilman",
    "councilwoman",
    "sheriff",
    "alderman",
    "alderwoman",
    "pastor",
    "bishop",
    "archbishop",
    "cardinal",
    "rabbi",
    "imam",
    "actor",
    "actress",
    "journalist",
    "comedian",
];

/// Title words for an office one person holds, which a name follows ("Chief of Staff", "Majority
/// Whip", "Press Secretary"), as against those that name a body or a field ("House", "Health").
const PERSONAL_TITLES: &[&str] = &[
    "president",
    "secretary",
    "minister",
    "chancellor",
    "senator",
    "governor",
    "mayor",
    "envoy",
    "general",
    "chief",
    "staff",
    "judge",
    "justice",
    "attorney",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "commissioner",
    "director",
    "adviser",
    "advisor",
    "leader",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "deputy",
    "candidate",
    "nominee",
    "officer",
    "head",
    "whip",
];

/// Prepositions of place that open a sentence or headline before a name ("Beneath Clinton's
/// lead, …", "Alongside BLM, …"), which the function words the rules use leave out.
const PLACE_PREPOSITIONS: &[&str] = &[
    "above",
    "along",
    "alongside",
    "around",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "beyond",
    "inside",
    "near",
    "outside",
    "throughout",
    "underneath",
];

/// Words that make a capitalised run an organisation.
const ORGANISATION_WORDS: &[&str] = &[
    "ministry",
    "department",
    "party",
    "council",
    "committee",
    "commission",
    "agency",
    "office",
    "kremlin",
    "government",
    "times",
    "post",
    "news",
    "inc.",
    "inc",
    "corp.",
    "corporation",
    "company",
    "university",
    "campaign",
    "court",
    "service",
    "union",
    "bank",
    "fund",
    "association",
    "institute",
    "center",
    "centre",
    "foundation",
    "administration",
    "congress",
    "senate",
    "parliament",
    "assembly",
    "police",
    "army",
    "navy",
    "forces",
    "group",
    "organization",
    "organisation",
    "network",
    "journal",
    "press",
    "reuters",
    "cnn",
    "bbc",
    // News outlets, pollsters and bodies that speak in the news by a name of their own.
    "politico",
    "buzzfeed",
    "huffpost",
    "huffpollster",
    "axios",
    "gallup",
    "journalism",
    "blaze",
    "legion",
    "fed",
    // Meetings and projects: "the Democratic National Convention", "the Elections Project".
    "convention",
    "conference",
    "project",
    "reserve",
    "church",
    "republic",
    "arena",
    "stadium",
    // Movements: "Black Lives Matter".
    "matter",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "msnbc",
    "politifact",
    "pentagon",
    "fbi",
    "cia",
    "imf",
    "nato",
    "un",
    "eu",
    "tribune",
    "herald",
    "guardian",
    "telegraph",
    "magazine",
    "review",
    "board",
    "authority",
    "coalition",
    "alliance",
    "federation",
    "club",
    "school",
    "hospital",
    "clinic",
    "poll",
    "survey",
    "study",
    "report",
    "firm",
    "platform",
    "channel",
    "agency",
    "bureau",
    "team",
    "staff",
    "cabinet",
    "white",
    "institution",
    "pac",
    // Laws and treaties are not people either ("the Fair Sentencing Act").
    "act",
    "amendment",
    "treaty",
    "accord",
    "accords",
    "agreement",
    // Company names.
    "healthcare",
    "holdings",
    "industries",
    "llc",
    "ltd",
    "ltd.",
    "co.",
    "partners",
    "capital",
    "energy",
    "resources",
    "systems",
    "technologies",
    "pharmaceuticals",
    "insurance",
    "college",
    "command",
    "register",
];

/// Last words of a capitalised run that make it a place, not a person ("the United States",
/// "Wall Street", "Capitol Hill", "Kansas City"); see [`is_place`] for the runs excepted.
const PLACE_HEADS: &[&str] = &[
    "states",
    "street",
    "avenue",
    "square",
    "bridge",
    "city",
    "county",
    "island",
    "islands",
    "sea",
    "ocean",
    "gulf",
    "bay",
    "lake",
    "river",
    "valley",
    "canyon",
    "coast",
    "beach",
    "park",
    "hill",
    "heights",
    "mountains",
    "peninsula",
    "strait",
    "harbor",
    "harbour",
    "america",
    "zone",
];

/// Whether a capitalised run names a place ([`PLACE_HEADS`], [`PLACE_OPENERS`]): not when it
/// holds a title or a known given name ("Mayor Lina Park", "Anita Hill"), nor an "of" ("Pastor
/// Joseph Brown of Marion Square"), which `split_title` sorts out.
fn is_place(words: &[&str]) -> bool {
    let word =
        |w: Option<&&str>| w.map(|w| w.trim_end_matches([',', '.', '’', '\'']).to_lowercase()).unwrap_or_default();
    if is_place_name(words) {
        return true;
    }
    // Two words after "New", "South", "San" … ("New York", "South Carolina", "Los Angeles").
    let opened = words.len() == 2 && PLACE_OPENERS.contains(&word(words.first()).as_str());
    words.len() >= 2
        && (PLACE_HEADS.contains(&word(words.last()).as_str()) || opened)
        && !words.iter().any(|w| *w == "of" || is_title(w) || gender_of_given_name(w).is_some())
}

/// Whether a run is the name of a country, a US state or a capital that speaks for its
/// government ("Germany", "Pennsylvania", "Beijing"), a known given name or not ("Virginia").
fn is_place_name(words: &[&str]) -> bool {
    let joined = words.iter().map(|w| w.trim_end_matches([',', '.']).to_lowercase()).collect::<Vec<_>>().join(" ");
    crate::lexicon::contains(crate::lexicon::PLACE_NAMES, joined.trim_start_matches("the "))
}

/// First words of two-word places.
const PLACE_OPENERS: &[&str] = &["new", "north", "south", "east", "west", "san", "santa", "los", "las"];

/// Common given names, for the gender of `he` and `she` where the article gives no other clue.
const MALE_NAMES: &[&str] = &[
    "donald",
    "joe",
    "barack",
    "bill",
    "vladimir",
    "volodymyr",
    "sergey",
    "sergei",
    "dmitry",
    "rustem",
    "veniamin",
    "steve",
    "dan",
    "jd",
    "marco",
    "pete",
    "mike",
    "john",
    "james",
    "robert",
    "michael",
    "david",
    "richard",
    "thomas",
    "charles",
    "george",
    "paul",
    "mark",
    "william",
    "chris",
    "peter",
    "andrew",
    "tom",
    "ted",
    "bernie",
    "mitch",
    "paul",
    "rudy",
    "newt",
    "jeb",
    "ben",
    "tim",
    "gary",
    "jim",
    "kevin",
    "eric",
    "emmanuel",
    "olaf",
    "boris",
    "keir",
    "recep",
    "xi",
    "benjamin",
    "mohammed",
    "ali",
    "ivan",
    "oleg",
    "andriy",
    "petro",
    "viktor",
    "jens",
    "antony",
    "lloyd",
    "jake",
    "reince",
    "corey",
    "al",
    "adam",
    "alan",
    "albert",
    "alex",
    "alexander",
    "anthony",
    "arthur",
    "brian",
    "bryan",
    "bob",
    "bobby",
    "brad",
    "bruce",
    "carl",
    "chuck",
    "craig",
    "dale",
    "daniel",
    "dante",
    "dennis",
    "don",
    "donny",
    "doug",
    "douglas",
    "ed",
    "edward",
    "frank",
    "fred",
    "greg",
    "gregory",
    "harold",
    "harry",
    "henry",
    "howard",
    "jack",
    "jason",
    "jeff",
    "jeffrey",
    "jerry",
    "jesse",
    "joel",
    "johnnie",
    "johnny",
    "jon",
    "jonathan",
    "jose",
    "joseph",
    "josh",
    "joshua",
    "juan",
    "justin",
    "keith",
    "ken",
    "kenneth",
    "larry",
    "lawrence",
    "louis",
    "luis",
    "marcus",
    "mario",
    "martin",
    "matt",
    "matteo",
    "matthew",
    "mitt",
    "nathan",
    "neil",
    "nicholas",
    "patrick",
    "phil",
    "philip",
    "ralph",
    "randy",
    "raymond",
    "reggie",
    "rick",
    "rob",
    "roger",
    "ron",
    "ronald",
    "roy",
    "russell",
    "ryan",
    "sam",
    "samuel",
    "scott",
    "sean",
    "stephen",
    "steven",
    "timothy",
    "todd",
    "tony",
    "vincent",
    "walter",
    "wayne",
    "willie",
    "zach",
    "norman",
    "aaron",
    "rand",
    "jared",
    "rafael",
    "hugh",
    "ernest",
    "warren",
];
const FEMALE_NAMES: &[&str] = &[
    "hillary",
    "kamala",
    "kristen",
    "kirsten",
    "nancy",
    "elizabeth",
    "susie",
    "melania",
    "ivanka",
    "chelsea",
    "michelle",
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "nikki",
    "angela",
    "ursula",
    "theresa",
    "liz",
    "kaja",
    "olena",
    "yulia",
    "maria",
    "anna",
    "jill",
    "loretta",
    "debbie",
    "huma",
    "donna",
    "gennifer",
    "ava",
    "jane",
    "laura",
    "kate",
    "emma",
    "julia",
    "katie",
    "tulsi",
    "marjorie",
    "kellyanne",
    "abby",
    "alice",
    "alicia",
    "amanda",
    "amy",
    "andrea",
    "ann",
    "anne",
    "betsy",
    "beth",
    "betty",
    "carol",
    "carolyn",
    "catherine",
    "cheryl",
    "christina",
    "christine",
    "claire",
    "cynthia",
    "deborah",
    "denise",
    "diana",
    "diane",
    "dorothy",
    "ellen",
    "ellie",
    "emily",
    "helen",
    "janet",
    "joan",
    "joanne",
    "judith",
    "judy",
    "julie",
    "kathleen",
    "kathryn",
    "lisa",
    "lori",
    "margaret",
    "marie",
    "marsha",
    "martha",
    "megan",
    "melanie",
    "melissa",
    "nicole",
    "olive",
    "pamela",
    "rachel",
    "rebecca",
    "rose",
    "ruth",
    "sandra",
    "sharon",
    "stephanie",
    "teresa",
    "tina",
    "valerie",
    "veronica",
    "victoria",
    "wendy",
    "heidi",
    "madeleine",
    "condoleezza",
    "sheryl",
    "samantha",
    "sophie",
    "hanna",
    "hannah",
];

/// A person named in the article.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    surname: String,
    gender: Option<Gender>,
}

/// A place where a person, group or organisation is mentioned.
#[derive(Debug, Clone, Copy)]
struct Mention {
    at: usize,
    person: usize,
    /// Speakers weigh 3, sentence subjects 2, other mentions 1.
    salience: u8,
}

/// The names of one article, and what has been said by whom so far.
pub struct SpeakerResolver<'a> {
    text: &'a str,
    people: Vec<Person>,
    mentions: Vec<Mention>,
    /// Start of each sentence, for "subject" salience and distance limits.
    sentence_starts: Vec<usize>,
    /// What the speaker being resolved said: nobody named in it is who "he" or "she" is.
    said: Option<Span>,
}

fn is_title(word: &str) -> bool {
    let w = word.to_lowercase();
    TITLES.contains(&w.as_str()) || is_nationality(&w) || crate::lexicon::contains(crate::lexicon::ROLE_NOUNS, &w)
}

/// Nationality and regional adjectives that stand before titles ("Russian Foreign Minister").
/// Unknown ones need no entry: the name is what follows the last title word anyway.
const NATIONALITIES: &[&str] = &[
    "american",
    "russian",
    "ukrainian",
    "british",
    "french",
    "german",
    "chinese",
    "japanese",
    "israeli",
    "palestinian",
    "iranian",
    "iraqi",
    "syrian",
    "turkish",
    "european",
    "african",
    "asian",
    "mexican",
    "canadian",
    "indian",
    "pakistani",
    "afghan",
    "saudi",
    "egyptian",
    "polish",
    "italian",
    "spanish",
    "dutch",
    "swedish",
    "norwegian",
    "danish",
    "finnish",
    "belarusian",
    "georgian",
    "korean",
    "australian",
    "brazilian",
    "venezuelan",
    "cuban",
    "greek",
    "hungarian",
    "romanian",
    "serbian",
    "lebanese",
    "jordanian",
    "qatari",
    "emirati",
    "yemeni",
    "libyan",
    "nigerian",
    "kenyan",
    "ethiopian",
    "taiwanese",
    "vietnamese",
    "estonian",
    "latvian",
    "lithuanian",
    "moldovan",
    "czech",
    "slovak",
    "austrian",
    "swiss",
    "belgian",
    "irish",
    "scottish",
    "welsh",
    "english",
    "north",
    "south",
    "east",
    "west",
    "western",
    "eastern",
    "regional",
    "local",
];

fn is_nationality(lower: &str) -> bool {
    NATIONALITIES.contains(&lower)
}

fn gender_of_given_name(given: &str) -> Option<Gender> {
    let g = given.to_lowercase();
    if MALE_NAMES.contains(&g.as_str()) {
        Some(Gender::Male)
    } else if FEMALE_NAMES.contains(&g.as_str()) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// A capitalised run split into its leading titles and the name after them.
struct NameParts<'t> {
    titles: Vec<&'t str>,
    name: Vec<&'t str>,
}

/// The name is what follows the last title word: "Estaran Foreign Minister Adrian Mol" →
/// "Adrian Mol", even when a leading word ("Estaran") is not known as a title.
///
/// An "of" joins two titles ("Secretary of State Marco Rubio"), and after a title or a name of
/// two words or more it opens a place: "Rep. Tom Cole of Oklahoma" and "Stacy Baker of
/// Columbia" are Tom Cole and Stacy Baker. After a lone word it opens the name:
/// "Supporters of Hillary Clinton".
fn split_title<'t>(words: &[&'t str]) -> NameParts<'t> {
    // Titles stand before the name, so none is looked for past an "of" that follows a word
    // other than a title: "West" is no title in "Gov. Earl Ray Tomblin of West Virginia".
    let before_place = (1..words.len()).find(|&i| words[i] == "of" && !is_title(words[i - 1])).unwrap_or(words.len());
    let mut k = words[..before_place].iter().rposition(|w| is_title(w) && *w != "of").map_or(0, |k| k + 1);
    // An owner before the name is no part of it: "Fox's Chris Wallace", "Gallup’s Jeffrey Jones".
    if let Some(owner) =
        words[..before_place.min(words.len() - 1)].iter().rposition(|w| w.ends_with("'s") || w.ends_with("’s"))
    {
        k = k.max(owner + 1);
    }
    // A title word that ends the run is a surname after a known given name ("Charlie King",
    // "Larry Speaker") or an honorific ("Mr. King").
    if k == words.len() && k >= 2 && (gender_of_given_name(words[k - 2]).is_some() || is_honorific(words[k - 2])) {
        k = if is_honorific(words[k - 2]) { k - 1 } else { k - 2 };
    }
    // A known given name and a surname after the place are the name: "Palm Beach County
    // Supervisor of Elections Susan Bucher", "the Mayor of Lyon Anne Morel".
    let named_after = |from: usize| {
        (from..words.len().saturating_sub(1))
            .find(|&i| gender_of_given_name(words[i]).is_some() && words[i + 1..].iter().all(|w| *w != "of"))
    };
    // "the State of Virginia", "the Republic of Turkey": a title and then "of" names a place.
    if words.get(k) == Some(&"of") {
        let at = named_after(k + 1).unwrap_or(words.len());
        return NameParts { titles: words[..at].to_vec(), name: words[at..].to_vec() };
    }
    let mut k_name = k;
    let mut name = words[k..].to_vec();
    if let Some(of) = name.iter().position(|w| *w == "of").filter(|&of| of > 0) {
        if let Some(at) = named_after(k + of + 1) {
            k_name = at;
            name = words[at..].to_vec();
        } else if k > 0 || of >= 2 {
            name.truncate(of);
        } else {
            k_name = k + of + 1;
            name = words[k_name..].to_vec();
        }
    }
    NameParts { titles: words[..k_name].to_vec(), name }
}

/// Chinese surnames that stand first in a two-word name and are rarely an English given name.
const CHINESE_SURNAMES: &[&str] = &[
    "xi", "li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "wu", "hu", "jiang", "wen", "sun",
    "ma",
];

/// Lower-case particles inside a name: "Osama bin Laden", "Ludwig van Beethoven".
const NAME_PARTICLES: &[&str] =
    &["bin", "ibn", "al", "el", "van", "von", "der", "den", "de", "del", "della", "da", "dos", "du", "la", "le"];

/// Whether a title word names an office one person holds ([`PERSONAL_TITLES`]).
fn is_personal_title(word: &str) -> bool {
    PERSONAL_TITLES.contains(&word.to_lowercase().as_str())
}

/// Whether a word is an honorific that stands right before a name ("Mr.", "Dr.").
fn is_honorific(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "mr." | "mrs." | "ms." | "dr." | "prof.")
}

/// Whether a lower-case word opens a relative clause (`who`, `which`, `that`, `where`), which
/// describes a speaker and never names one.
fn opens_relative_clause(lower: &str) -> bool {
    crate::lexicon::contains(crate::lexicon::RELATIVE_PRONOUNS, lower) || matches!(lower, "that" | "where")
}

/// The whitespace-separated words of `span`, each with the byte where it starts in `text`.
fn words_at(text: &str, span: Span) -> Vec<(usize, &str)> {
    text[span.start..span.end].split_whitespace().map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w)).collect()
}

/// Whether `word` is in capitals, with 2 to `longest` letters ("FBI", "U.S.", "PAC").
fn is_acronym(word: &str, longest: usize) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=longest).contains(&letters) && !word.chars().any(char::is_lowercase)
}

fn is_organisation(words: &[&str]) -> bool {
    words.iter().any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str()))
}

impl<'a> SpeakerResolver<'a> {
    /// Collect the people named in an article's blocks.
    pub fn new(text: &'a str, blocks: &[Block]) -> Self {
        let mut resolver =
            SpeakerResolver { text, people: Vec::new(), mentions: Vec::new(), sentence_starts: Vec::new(), said: None };
        for block in blocks {
            for range in &block.sentences {
                let toks = &block.tokens[range.clone()];
                if let Some(first) = toks.first() {
                    resolver.sentence_starts.push(first.span.start);
                }
                let mut first_in_sentence = true;
                for (at, person) in resolver.people_in(toks, false) {
                    let salience = if first_in_sentence { 2 } else { 1 };
                    resolver.mentions.push(Mention { at, person, salience });
                    first_in_sentence = false;
                }
                // The people a quotation names in full ("I met with FBI Director James Comey")
                // are people the article names, for the surnames that follow, though not ones a
                // pronoun outside it refers to.
                for quote in toks.iter().filter(|t| matches!(t.kind, TokenKind::Quote(_))) {
                    resolver.people_in(&tokens_of(text, quote.span), true);
                }
            }
        }
        resolver.sentence_starts.sort_unstable();
        resolver
    }

    /// Register (or find) the people that the capitalised runs of `toks` name, allowing an inner
    /// "of" (Secretary of State Marco Rubio): where the last word of each such run starts, and
    /// the person. With `full_names_only`, only a known given name and the one or two words
    /// after it are read as a name: a quotation's sentences start anywhere, and "Beneath
    /// Clinton" or "Wilayat Twitter" would otherwise be people.
    fn people_in(&mut self, toks: &[Token], full_names_only: bool) -> Vec<(usize, usize)> {
        let text = self.text;
        let mut found = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            let mut e = k;
            while e < toks.len()
                && toks[e].kind == TokenKind::Word
                && (toks[e].is_capitalized(text)
                    || (e > k
                        && (toks[e].lower == "of" || NAME_PARTICLES.contains(&toks[e].lower.as_str()))
                        && toks.get(e + 1).is_some_and(|n| n.is_capitalized(text))))
            {
                e += 1;
            }
            if e == k {
                k += 1;
                continue;
            }
            let mut words: Vec<&str> = toks[k..e].iter().map(|t| t.span.text(text)).collect();
            if full_names_only {
                let given =
                    words.iter().position(|w| gender_of_given_name(w).is_some()).filter(|&g| g + 1 < words.len());
                words = given.map_or(Vec::new(), |g| words[g..words.len().min(g + 3)].to_vec());
            }
            if words.is_empty() {
                k = e;
                continue;
            }
            if let Some(person) = self.person_from_run(&words, toks[k].span.start) {
                found.push((toks[e - 1].span.start, person));
            }
            k = e;
        }
        found
    }

    /// Register (or find) the person a capitalised run names, if it names one.
    fn person_from_run(&mut self, words: &[&str], at: usize) -> Option<usize> {
        // "Cuban said", "King added", "Will urged": a lone word that could be a nationality, a
        // title or a function word is the surname of someone the article names in full.
        if let [word] = words {
            if let Some(p) = self
                .person_by_surname(word, at, None)
                .filter(|&p| self.people[p].name.contains(' ') && !is_acronym(word, 4))
            {
                return Some(p);
            }
        }
        let mut words: Vec<&str> = words.to_vec();
        // Drop a sentence-initial function word ("The", "In", "But", "For", "Beneath").
        let function_word = |w: &str| {
            let lower = w.to_lowercase();
            crate::lexicon::contains(crate::lexicon::STOP, &lower)
                || crate::lexicon::contains(crate::lexicon::DETERMINERS, &lower)
                || crate::lexicon::contains(crate::lexicon::NP_JOINERS, &lower)
                || PLACE_PREPOSITIONS.contains(&lower.as_str())
        };
        while words.first().is_some_and(|w| function_word(w)) {
            words.remove(0);
        }
        if words.is_empty() || is_place(&words) {
            return None;
        }
        // A headline's name ends at its verb: "Hillary Clinton Says Trump", "Glenn Beck Blasts
        // Drudge" (but "Powerful Things Latinos Said" opens with no given name: no name).
        if gender_of_given_name(words[0]).is_some() {
            if let Some(cue) =
                words.iter().skip(2).position(|w| crate::lexicon::contains(crate::lexicon::CUES, &w.to_lowercase()))
            {
                words.truncate(cue + 2);
            }
        }
        // Words before a known given name that no title list holds describe the person, when
        // the article also names them without those words: "Billionaire Donald Trump",
        // "Entrusting Donald Trump" (but "Cornell William Brooks" is his name).
        if words.len() >= 3 && gender_of_given_name(words[0]).is_none() {
            if let Some(given) = (1..words.len() - 1).find(|&i| gender_of_given_name(words[i]).is_some()) {
                let (run, rest) = (words.join(" "), words[given..].join(" "));
                if words[..given].iter().all(|w| !is_title(w) && !w.ends_with('.') && *w != "of")
                    && self.text.matches(rest.as_str()).count() > self.text.matches(run.as_str()).count()
                {
                    words.drain(..given);
                }
            }
        }
        let parts = split_title(&words);
        // "Senate Majority Leader Mitch McConnell", "FBI Director James Comey": a body in the
        // title, and a person named after it by a known given name, or by two words right after
        // an office one person holds ("White House Chief of Staff Denis McDonough").
        let office_before = parts.name.len() == 2 && parts.titles.last().is_some_and(|t| is_personal_title(t));
        let named_after_body = parts.name.len() >= 2
            && (gender_of_given_name(parts.name[0]).is_some() || office_before)
            && !is_organisation(&parts.name);
        if is_organisation(&words) && !named_after_body {
            return None;
        }
        let name: Vec<&str> = parts.name.iter().copied().filter(|w| *w != "of").collect();
        if name.is_empty() || name.len() > 4 || name.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
            return None;
        }
        // "The Gap Goes On" (a sub-head run into a sentence) holds a function word; no name does,
        // but for a surname that is one ("Theresa May").
        let surname_function_word = |k: usize, w: &str| {
            k > 0
                && k == name.len() - 1
                && crate::lexicon::contains(crate::lexicon::FUNCTION_WORD_SURNAMES, &w.to_lowercase())
        };
        if name.iter().enumerate().any(|(k, w)| function_word(w) && !surname_function_word(k, w)) {
            return None;
        }
        // "Election Day", "New Year's Eve": a day is no person, unless a given name opens it
        // ("Kristen Day").
        let day = |w: &str| matches!(w.to_lowercase().as_str(), "day" | "eve" | "night" | "week");
        if name.len() >= 2 && day(name[name.len() - 1]) && gender_of_given_name(name[0]).is_none() {
            return None;
        }
        // "THE BORROWING Back when …": a sub-head in capitals is no name.
        if name
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !w.chars().any(char::is_lowercase))
        {
            return None;
        }
        // "DNC", "FBI": a lone word in capitals is an acronym, not a person; so is a short one
        // that ends a run ("Conservative Solutions PAC", "Eurosceptic SVP"), which no surname is
        // but a Roman numeral ("John Smith III").
        let last = name[name.len() - 1];
        let roman_numeral = last.chars().all(|c| "IVXL".contains(c));
        if name.len() == 1 && is_acronym(last, usize::MAX) || name.len() > 1 && is_acronym(last, 4) && !roman_numeral {
            return None;
        }
        // "West Virginia", "South Carolina", "U.N. Women": a compass point, nationality or
        // country is no title for one word.
        let place =
            |t: &str| is_nationality(t) || matches!(t, "u.s." | "us" | "uk" | "u.k." | "eu" | "un" | "u.n." | "nato");
        if name.len() == 1 && !parts.titles.is_empty() && parts.titles.iter().all(|t| place(&t.to_lowercase())) {
            return None;
        }
        // "the Republic of Turkey", "the Armenians of Israel": a place is no person; nor are
        // "House Republicans" or "Latino Democrats", ending in the plural of a title word.
        // A place word ends "Park" and "Hill" as surnames too: after an office one person holds
        // ("Mayor Lina Park") the run is a person.
        let plural_of_title = |w: &str| w.strip_suffix('s').is_some_and(|one| one.len() > 2 && is_title(one));
        let after_office = parts.titles.iter().any(|t| is_personal_title(t) || is_honorific(t));
        if is_place_name(&name) || is_place(&name) && !after_office || plural_of_title(name[name.len() - 1]) {
            return None;
        }
        let title_gender = parts.titles.iter().find_map(|t| match t.to_lowercase().as_str() {
            "mr." => Some(Gender::Male),
            "mrs." | "ms." => Some(Gender::Female),
            _ => None,
        });
        // Chinese and Korean names put the surname first: "Xi Jinping", "Ban Ki-moon" (a
        // hyphenated given name marks the Korean order) are Mr. Xi and Mr. Ban.
        let surname_first = name.len() == 2
            && (CHINESE_SURNAMES.contains(&name[0].to_lowercase().as_str())
                || name[1].split_once('-').is_some_and(|(_, rest)| rest.starts_with(char::is_lowercase)));
        let surname = if surname_first { name[0] } else { name[name.len() - 1] }.to_string();
        if name.len() == 1 {
            // A lone capitalised word is a person only after a title, or once known as a surname;
            // "Mrs. Clinton" is not the Bill Clinton named last.
            if let Some(p) = self.person_by_surname(&surname, at, title_gender) {
                return Some(p);
            }
            // A known given name alone is a person too ("Melanie thought …", "his daughter,
            // Ellie,"), unless it is as often a word ("Bill", "Mark", "Rose").
            let given_name_alone = parts.titles.is_empty()
                && gender_of_given_name(&surname).is_some()
                && !matches!(
                    surname.to_lowercase().as_str(),
                    "bill" | "mark" | "rose" | "olive" | "al" | "don" | "ed" | "rob" | "will" | "jack" | "rand"
                );
            if (parts.titles.is_empty() && !given_name_alone)
                || crate::lexicon::contains(crate::lexicon::CUES, &surname.to_lowercase())
            {
                return None;
            }
            // "Hillary", "Bernie": the person of that given name the article last named in full
            // before it.
            if given_name_alone {
                let full_with_given = |p: &Person| {
                    p.name.split_whitespace().count() > 1 && p.name.split_whitespace().next() == Some(surname.as_str())
                };
                if let Some(m) =
                    self.mentions.iter().rev().find(|m| m.at < at && full_with_given(&self.people[m.person]))
                {
                    return Some(m.person);
                }
            }
            // A new person of that name alone, but not when the article uses it as a surname
            // ("Bobby Scott … Scott said").
            if given_name_alone && self.follows_a_name_somewhere(&surname) {
                return None;
            }
        }
        let full = name.join(" ");
        if let Some(p) = self.people.iter().position(|p| p.name == full) {
            return Some(p);
        }
        // The last words of a name known in full, however capitalised: "Bin Laden" for Osama
        // bin Laden, "Vander Plaats" for Bob Vander Plaats; not of a run that only looks like a
        // name ("Said Dorothy Poynter", a headline's "McCain Challenger Kelli Ward").
        if name.len() >= 2 {
            let tail = format!(" {}", full.to_lowercase());
            let known_in_full = |p: &Person| {
                let lower = p.name.to_lowercase();
                let particle = p.name.split_whitespace().any(|w| NAME_PARTICLES.contains(&w));
                lower.strip_suffix(&tail).is_some_and(|before| {
                    particle || before.split_whitespace().any(|w| gender_of_given_name(w).is_some())
                })
            };
            if let Some(p) = self.people.iter().position(known_in_full) {
                return Some(p);
            }
        }
        let gender = title_gender
            .or_else(|| gender_of_given_name(name[0]).filter(|_| name.len() > 1 || parts.titles.is_empty()));
        self.people.push(Person { name: full, surname, gender });
        Some(self.people.len() - 1)
    }

    /// The person with this surname (and a compatible gender, when a title gives one): among
    /// full names mentioned before `at`, the one mentioned most, else the first full name
    /// anywhere, else a surname-only entry.
    fn person_by_surname(&self, surname: &str, at: usize, gender: Option<Gender>) -> Option<usize> {
        let compatible = |p: &Person| gender.is_none() || p.gender.is_none() || p.gender == gender;
        let matches = |p: &Person| {
            (p.surname.eq_ignore_ascii_case(surname) || p.name.eq_ignore_ascii_case(surname)) && compatible(p)
        };
        // Of several people with one surname (Ted, Heidi and Rafael Cruz), a bare "Cruz" is the
        // one mentioned most so far, usually the article's subject; of equals, the one whose
        // last mention is older, since news writing names a relative in full when it means them.
        let mut counts: Vec<(usize, usize)> = Vec::new(); // (person, mentions), most recent first
        for m in self.mentions.iter().rev().filter(|m| m.at < at) {
            if matches(&self.people[m.person]) && self.people[m.person].name.contains(' ') {
                match counts.iter_mut().find(|(p, _)| *p == m.person) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((m.person, 1)),
                }
            }
        }
        let before = counts.iter().enumerate().max_by_key(|&(order, &(_, n))| (n, order)).map(|(_, &(p, _))| p);
        before
            .or_else(|| self.people.iter().position(|p| matches(p) && p.name.contains(' ')))
            .or_else(|| self.people.iter().position(matches))
    }

    /// Whether `word` comes right after a capitalised word somewhere in the text ("Bobby
    /// Scott", "“Bobby” Scott", "John F. Scott"): then it is a surname there, whatever else it
    /// may be. A word followed by punctuation other than an initial's full stop ("… in
    /// Benghazi. Bob said", "The Washington Post, Bob provided") is no name before it.
    fn follows_a_name_somewhere(&self, word: &str) -> bool {
        let text = self.text;
        text.match_indices(word).any(|(i, _)| {
            let Some(before) = text[..i].strip_suffix(' ') else { return false };
            let previous = before.rsplit(char::is_whitespace).next().unwrap_or("").trim_end_matches(is_quotation_mark);
            let initial = previous.len() == 2 && previous.ends_with('.');
            let joined = previous.ends_with(char::is_alphanumeric) || initial;
            previous.chars().next().is_some_and(char::is_uppercase)
                && !is_title(previous)
                && joined
                && !text[i + word.len()..].starts_with(char::is_alphanumeric)
        })
    }

    /// Resolve the source mention of an attribution whose content is `said`: as
    /// [`resolve`](Self::resolve), but a pronoun never refers to someone named in what it said
    /// ("People like Scott, he said" is not Scott speaking).
    pub fn resolve_speaker_of(&mut self, source: Span, said: Span) -> Speaker {
        self.said = Some(said);
        let speaker = self.resolve(source);
        self.said = None;
        speaker
    }

    /// Resolve the source mention `span` of an attribution, and record the result as a salient
    /// speaker for the pronouns that follow.
    pub fn resolve(&mut self, span: Span) -> Speaker {
        let speaker = self.resolve_mention(span);
        if speaker.kind == SpeakerType::Person {
            if let Some(p) = self.people.iter().position(|p| p.name == speaker.name) {
                self.mentions.push(Mention { at: span.start, person: p, salience: 3 });
                self.mentions.sort_by_key(|m| m.at);
            }
        }
        speaker
    }

    fn resolve_mention(&mut self, span: Span) -> Speaker {
        let text = self.text;
        let mention = span.text(text);
        // "Sanders himself", "the candidate herself": the mention without the reflexive.
        if let Some(rest) = ["himself", "herself", "themselves"]
            .iter()
            .find_map(|r| mention.strip_suffix(r))
            .filter(|rest| rest.ends_with(' ') && !rest.trim().is_empty())
        {
            return self.resolve_mention(Span::new(span.start, span.start + rest.trim_end().len()));
        }
        // "Obama's decision", "the company’s statement": the owner without the possessive.
        let lets = mention.eq_ignore_ascii_case("let's") || mention.eq_ignore_ascii_case("let’s");
        if let Some(owner) = ["'s", "’s"]
            .iter()
            .find_map(|p| mention.strip_suffix(p))
            .filter(|owner| !lets && owner.chars().last().is_some_and(char::is_alphanumeric))
        {
            return self.resolve_mention(Span::new(span.start, span.start + owner.len()));
        }
        let words: Vec<&str> = mention.split_whitespace().collect();
        let lower = mention.to_lowercase();
        match lower.as_str() {
            // "He said", "told him", "his claim that …", "her view that …": a person, named when
            // the antecedent is found, and a person still when it is not.
            "he" | "him" | "his" | "she" | "her" | "hers" => {
                let gender = if matches!(lower.as_str(), "he" | "him" | "his") { Gender::Male } else { Gender::Female };
                return self
                    .pronoun(span.start, gender)
                    .unwrap_or(Speaker { name: String::new(), kind: SpeakerType::Person });
            }
            "they" | "them" | "their" => return Speaker { name: String::new(), kind: SpeakerType::Group },
            "we" | "us" | "our" | "let's" | "let’s" => {
                return Speaker { name: String::new(), kind: SpeakerType::Unknown }
            }
            "who" | "whom" | "whose" | "which" | "that" => {
                // "Trump, who said …", "the police department, which reported …", "a group that
                // endorsed Sanders": the phrase before the pronoun (and its comma).
                let before = text[..span.start].trim_end().trim_end_matches(',').trim_end();
                let start = before
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| ".,;:\n“”\"".contains(c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let mut np = Span::new(start, before.len()).trim_by(text, |_| false);
                // "… defend not paying an architect who": past a few words, the phrase is a
                // clause; its last noun phrase, from its last determiner, is the antecedent.
                let np_words = words_at(text, np);
                if np_words.len() > 5 {
                    if let Some(&(at, _)) = np_words
                        .iter()
                        .rev()
                        .find(|(_, w)| crate::lexicon::contains(crate::lexicon::DETERMINERS, &w.to_lowercase()))
                    {
                        np = Span::new(at, np.end);
                    }
                }
                if np.is_empty() || np.end - np.start >= 80 {
                    return Speaker { name: String::new(), kind: SpeakerType::Unknown };
                }
                // "the tone of Cruz, who", "alarm among legal experts, who", "and with former
                // Representative Ron Paul, who": what the phrase's last preposition or conjunction
                // opens. "of" only after a common noun, since "Ron Paul of Texas" is Ron Paul.
                let words = words_at(text, np);
                let opens = |k: usize| {
                    let w = words[k].1.to_lowercase();
                    matches!(w.as_str(), "and" | "or" | "but" | "with" | "from" | "among" | "including" | "as" | "especially" | "like" | "by")
                        || w == "of" && k > 0 && words[k - 1].1.starts_with(char::is_lowercase)
                        // Any preposition before a "that": "on ads that", "in a poll that".
                        || lower == "that" && (crate::lexicon::NP_JOINERS.contains(&w.as_str()) || matches!(w.as_str(), "into" | "about" | "against" | "over" | "after" | "through"))
                };
                // "who" is people and "which" a body: "the ACLU of Oregon, which" is no person,
                // nor are "open primaries, which" people. "that" may be either.
                let fits = |kind: SpeakerType| match lower.as_str() {
                    "which" => kind == SpeakerType::Organisation,
                    "that" => kind != SpeakerType::Unknown,
                    _ => matches!(kind, SpeakerType::Person | SpeakerType::Group),
                };
                let last_opened = (0..words.len().saturating_sub(1))
                    .rev()
                    .find(|&k| opens(k))
                    .map(|k| Span::new(words[k + 1].0, np.end));
                // A "that" clause, set off by no comma, belongs to the nearest noun: "ads that",
                // not "$9.4 million into ads that".
                if lower == "that" {
                    if let Some(last) =
                        last_opened.map(|phrase| self.resolve_mention(phrase)).filter(|last| fits(last.kind))
                    {
                        return last;
                    }
                }
                let speaker = self.resolve_mention(np);
                if speaker.kind != SpeakerType::Unknown {
                    return speaker;
                }
                if let Some(last) =
                    last_opened.map(|phrase| self.resolve_mention(phrase)).filter(|last| fits(last.kind))
                {
                    return last;
                }
                // "an awkward situation for Clinton, who": a person named at the phrase's end.
                let capitalised_tail =
                    words.iter().rposition(|(_, w)| !w.starts_with(char::is_uppercase)).map_or(0, |k| k + 1);
                if lower != "which" && lower != "that" && capitalised_tail > 0 && capitalised_tail < words.len() {
                    let named = self.resolve_mention(Span::new(words[capitalised_tail].0, np.end));
                    if named.kind == SpeakerType::Person && !named.name.is_empty() {
                        return named;
                    }
                }
                return speaker;
            }
            // "I" is a person, whether the writer or someone a quote gives the word to, though
            // the text may not say who.
            "i" | "me" | "my" => return Speaker { name: String::new(), kind: SpeakerType::Person },
            // "It said", "it reported": what speaks as "it" is a body or a document (a poll, a
            // report, a company), though the text may not say which.
            "it" | "its" => return Speaker { name: String::new(), kind: SpeakerType::Organisation },
            "you" | "your" => return Speaker { name: String::new(), kind: SpeakerType::Unknown },
            _ => {}
        }
        // "Rustem Umerov, a senior adviser to Zelenskyy," or "Another RT America host, Abby
        // Martin,": a mention with an aside names its speaker in one of its parts; the first part
        // that is a named person wins.
        // Dashes set an aside off as commas do: "Jason Sims — a teacher from Mount Pleasant —".
        if mention.contains([',', '(', '—', '–']) {
            let mut parts = Vec::new();
            let mut start = span.start;
            for (i, c) in mention.char_indices().filter(|&(_, c)| matches!(c, ',' | '(' | ')' | '—' | '–')) {
                parts.push(Span::new(start, span.start + i));
                start = span.start + i + c.len_utf8();
            }
            parts.push(Span::new(start, span.end));
            let parts: Vec<Span> =
                parts.into_iter().map(|p| p.trim_by(text, |_| false)).filter(|p| !p.is_empty()).collect();
            // "many tax experts, including Mr. Goldberg,": an example is not the speaker.
            // Nor is a relative clause: "…, who backs Cruz," names whom the speaker backs.
            let is_example = |p: &Span| {
                let first = p.text(text).split_whitespace().next().unwrap_or_default().to_lowercase();
                crate::lexicon::contains(crate::lexicon::EXAMPLE_OPENERS, &first) || opens_relative_clause(&first)
            };
            // A part that is a name ("Its chair, Johan Ek": Johan Ek) goes before one that only
            // describes a person; each part is tried once.
            let is_name = |p: &Span| {
                let words: Vec<&str> = p
                    .text(text)
                    .split_whitespace()
                    .skip_while(|w| crate::lexicon::contains(crate::lexicon::DETERMINERS, &w.to_lowercase()))
                    .collect();
                !words.is_empty() && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
            };
            // A description of a person ("his wife", "a spokesman for …") yields to a part
            // that names one, even inside a description ("longtime Clinton aide Huma Abedin").
            let mut described = None;
            for names in [true, false] {
                for &part in parts.iter().filter(|p| !is_example(p) && is_name(p) == names) {
                    let speaker = self.resolve_mention(part);
                    if speaker.kind == SpeakerType::Person && !speaker.name.is_empty() {
                        if names || speaker.name != part.text(text) {
                            return speaker;
                        }
                        described.get_or_insert(speaker);
                    }
                }
            }
            // The phrase before the first aside, resolved once for the checks below.
            let head = parts.first().copied().filter(|p| p.end < span.end && !is_example(p));
            let head_speaker = head.map(|p| self.resolve_mention(p));
            let head_kind = head_speaker.as_ref().map(|s| s.kind);
            // Nor does it outrank a body named before it: "The newspaper, long a vocal advocate
            // of immigration reform," is the newspaper; nor people named together before it:
            // "She and Jack Goldsmith, a Bush-era Justice official," are two.
            let head_is_body = head_kind == Some(SpeakerType::Organisation);
            let head_is_pair =
                head.is_some_and(|p| p.text(text).contains(" and ")) && head_kind == Some(SpeakerType::Group);
            if let Some(speaker) = described.filter(|_| !head_is_body && !head_is_pair) {
                return speaker;
            }
            // No part names a person: the phrase before the first aside is what speaks.
            if let Some(speaker) = head_speaker.filter(|s| s.kind != SpeakerType::Unknown) {
                return Speaker { name: mention.trim_end_matches([',', ' ']).to_string(), ..speaker };
            }
        }
        // "the NAACP", "The U.N.", "the AFL-CIO": an acronym after "the" names a body, not a
        // person.
        if let [determiner, acronym] = words.as_slice() {
            if determiner.eq_ignore_ascii_case("the") && is_acronym(acronym.trim_end_matches(','), usize::MAX) {
                return Speaker { name: mention.to_string(), kind: SpeakerType::Organisation };
            }
        }
        // Strip a leading determiner for analysis; keep it in organisation names as written.
        let content_words: Vec<&str> = words
            .iter()
            .copied()
            .skip_while(|w| crate::lexicon::contains(crate::lexicon::DETERMINERS, &w.to_lowercase()))
            .collect();
        // A mention of determiners only ("one", "no one", "those") is its own head.
        let head = content_words.last().or(words.last()).map(|w| w.to_lowercase()).unwrap_or_default();
        let capitalised: Vec<&str> = content_words
            .iter()
            .copied()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) || *w == "of")
            .collect();
        if !capitalised.is_empty() && capitalised.len() == content_words.len() {
            // A country or city that speaks is its government or people: "The United States
            // would not tolerate …", "Wall Street expects …".
            // A surname first, though: "Jordan" after "Rep. Jim Jordan" is the congressman.
            if is_place(&capitalised)
                && !(capitalised.len() == 1
                    && self
                        .person_by_surname(capitalised[0], span.start, None)
                        .is_some_and(|p| self.people[p].name.contains(' ')))
            {
                return Speaker { name: mention.to_string(), kind: SpeakerType::Organisation };
            }
            // A person first: a body in a title may stand before a name ("FBI Director James
            // Comey"), which `person_from_run` tells apart.
            if let Some(p) = self.person_from_run(&capitalised, span.start) {
                return Speaker { name: self.people[p].name.clone(), kind: SpeakerType::Person };
            }
            if is_organisation(&capitalised) {
                return Speaker { name: mention.to_string(), kind: SpeakerType::Organisation };
            }
            if capitalised.len() == 1 && head.ends_with('s') && !head.ends_with("ss") {
                return Speaker { name: mention.to_string(), kind: SpeakerType::Group };
            }
            if capitalised.len() == 1 && crate::lexicon::ROLE_NOUNS.contains(&head.as_str()) {
                // A headline's "Judge rejects …".
                return Speaker { name: mention.to_string(), kind: SpeakerType::Person };
            }
            // "AP reported", "the CBO estimated": a lone acronym is a body (a transcript's
            // "OBAMA:" is longer, a headline's "WON'T" has an apostrophe).
            let word = capitalised[0].trim_end_matches([',', '.']);
            if capitalised.len() == 1 && is_acronym(word, 4) && !word.contains(['\'', '’']) {
                return Speaker { name: mention.to_string(), kind: SpeakerType::Organisation };
            }
            if capitalised.len() == 1 {
                // A lone capitalised word with no title: a surname introduced nowhere else, or a body.
                return Speaker { name: mention.to_string(), kind: SpeakerType::Unknown };
            }
        }
        // "Rep. Stacey Plaskett of the Virgin Islands": a title or a full name before an "of"
        // that opens a place or body is the person ("of Texas" is dealt with by `split_title`).
        // Two people joined by "and" are a group, handled below.
        let joined = content_words.iter().any(|w| *w == "and" || *w == "&");
        if let Some(of) =
            content_words.iter().position(|w| *w == "of").filter(|&of| of >= 2 && of < capitalised.len() && !joined)
        {
            let before = &content_words[..of];
            if !is_organisation(before) {
                if let Some(p) = self.person_from_run(before, span.start) {
                    return Speaker { name: self.people[p].name.clone(), kind: SpeakerType::Person };
                }
            }
        }
        // A name at the end of a described phrase: "Russian Foreign Minister Sergey Lavrov".
        if let Some(p) = self.trailing_name(&content_words, span.start) {
            return Speaker { name: self.people[p].name.clone(), kind: SpeakerType::Person };
        }
        // The head noun stands before what modifies it: "a reporter for USA Today", "experts on
        // North Korea", "the latest poll released Friday".
        let head_phrase: Vec<&str> = {
            let cut = content_words
                .iter()
                .position(|w| crate::lexicon::contains(crate::lexicon::POSTMODIFIER_OPENERS, &w.to_lowercase()));
            content_words[..cut.filter(|&k| k > 0).unwrap_or(content_words.len())].to_vec()
        };
        let head = head_phrase.last().map(|w| w.to_lowercase()).unwrap_or(head);
        if crate::lexicon::ROLE_NOUNS.contains(&head.as_str()) || crate::lexicon::PERSON_HEADS.contains(&head.as_str())
        {
            return Speaker { name: mention.to_string(), kind: SpeakerType::Person };
        }
        // "many in the Republican establishment", "some who advocate free speech", "those in the
        // party": people, whatever they belong to.
        let quantifier = |w: &str| {
            matches!(
                w.to_lowercase().as_str(),
                "many" | "some" | "most" | "few" | "those" | "several" | "others" | "all" | "both"
            )
        };
        let opens_what_they_are =
            |w: &str| matches!(w.to_lowercase().as_str(), "in" | "within" | "at" | "on" | "among" | "inside" | "who");
        if let [first, second, ..] = words.as_slice() {
            if quantifier(first) && opens_what_they_are(second) {
                return Speaker { name: mention.to_string(), kind: SpeakerType::Group };
            }
        }
        // Trailing capitalised words name the body: "the conservative-leaning Tax Foundation".
        let trailing_capitalised: Vec<&str> = head_phrase
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .copied()
            .collect();
        // Documents in the plural are documents still: "the emails", "two reports".
        let singular = crate::lexicon::singular(&head);
        // "Small groups of protesters": a group of people, not of bodies.
        if singular == "group" && content_words.get(head_phrase.len()).is_some_and(|w| *w == "of") {
            return Speaker { name: mention.to_string(), kind: SpeakerType::Group };
        }
        if crate::lexicon::ORGANISATION_NOUNS.contains(&head.as_str())
            || crate::lexicon::ORGANISATION_NOUNS.contains(&singular)
            || is_organisation(&capitalised)
            || is_organisation(&trailing_capitalised)
        {
            return Speaker { name: mention.to_string(), kind: SpeakerType::Organisation };
        }
        // "Obama and Clinton", "Mr. Grassley and Mr. Leahy", "he and Brafman": people named
        // together speak as a group (bodies named together, "the New York Times and Boston
        // Globe", are bodies, above).
        let names_someone = |w: &str| {
            w.starts_with(char::is_uppercase)
                || crate::lexicon::contains(crate::lexicon::PRONOUNS, &w.to_lowercase())
                || crate::lexicon::contains(crate::lexicon::OBJECT_PRONOUNS, &w.to_lowercase())
        };
        if let Some(and) = content_words.iter().position(|w| *w == "and" || *w == "&") {
            if and > 0
                && content_words.get(and + 1).is_some_and(|w| names_someone(w))
                && names_someone(content_words[and - 1])
            {
                return Speaker { name: mention.trim_end_matches([',', ' ']).to_string(), kind: SpeakerType::Group };
            }
        }
        // "the two", "some", "others": a number of people, named before or not at all.
        let bare = if content_words.is_empty() {
            words.last().map(|w| w.to_lowercase()).unwrap_or_default()
        } else {
            head.clone()
        };
        // "36 percent of Democrats", "half of GOP voters", "none of his rivals": a share of people.
        let partitive =
            crate::lexicon::contains(crate::lexicon::PARTITIVE_HEADS, &bare) && head_phrase.len() < content_words.len();
        // "four in 10", "one in five": a share of those asked.
        let number = |w: &str| crate::lexicon::is_number(&w.to_lowercase());
        let share = words.windows(3).any(|w| number(w[0]) && w[1] == "in" && number(w[2]))
            || words.first().is_some_and(|w| {
                w.strip_suffix('%').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
            });
        if partitive || share || crate::lexicon::contains(crate::lexicon::GROUP_HEADS, &bare) {
            return Speaker { name: mention.to_string(), kind: SpeakerType::Group };
        }
        if head != singular && (crate::lexicon::ROLE_NOUNS.contains(&singular) || !head.is_empty()) {
            return Speaker { name: mention.to_string(), kind: SpeakerType::Group };
        }
        Speaker { name: mention.to_string(), kind: SpeakerType::Unknown }
    }

    /// A person named by the capitalised words at the end of a phrase.
    fn trailing_name(&mut self, words: &[&str], at: usize) -> Option<usize> {
        let k = words.iter().rposition(|w| !w.chars().next().is_some_and(char::is_uppercase))?;
        let tail = &words[k + 1..];
        if tail.is_empty() || is_organisation(tail) {
            return None;
        }
        // Only when the words before are titles ("foreign minister"), not "adviser to Zelenskyy",
        // nor a relative clause ("the delegate, who backs Simon Okafor").
        let preceding = words[k].to_lowercase();
        if matches!(preceding.as_str(), "to" | "of" | "for" | "at" | "with" | "by" | "from" | "in" | "on") {
            return None;
        }
        // Nor after an "and" that joins names: "Immigration and Customs Enforcement" is one
        // body's name, "Obama and Hillary Clinton" two people; after one that joins titles
        // ("Former prosecutor and New York City Mayor Rudy Giuliani") the name is the speaker.
        if matches!(preceding.as_str(), "and" | "or" | "&") && !(k > 0 && is_title(words[k - 1])) {
            return None;
        }
        if words[..k].iter().any(|w| opens_relative_clause(&w.to_lowercase())) {
            return None;
        }
        self.person_from_run(tail, at)
    }

    /// The antecedent of `he` or `she` at byte `at`: within the last few sentences, the nearest
    /// speaker or sentence subject of compatible gender, else the nearest compatible mention.
    fn pronoun(&mut self, at: usize, gender: Gender) -> Option<Speaker> {
        let sentence_index = self.sentence_starts.partition_point(|&s| s <= at);
        let window_start = self.sentence_starts.get(sentence_index.saturating_sub(4)).copied().unwrap_or(0);
        let compatible = |p: &Person| p.gender.is_none_or(|g| g == gender);
        let in_said = |m: &Mention| self.said.is_some_and(|said| said.start <= m.at && m.at < said.end);
        let candidates: Vec<Mention> = self
            .mentions
            .iter()
            .rev()
            .filter(|m| m.at < at && m.at >= window_start && compatible(&self.people[m.person]))
            .copied()
            .collect();
        // Someone named outside what was said goes first; with no one else, the speaker may
        // be talking about themselves ("Ms. Nwanguma was shocked by the reaction, she said").
        let choose = |keep: &dyn Fn(&Mention) -> bool| {
            let mut kept = candidates.iter().filter(|m| keep(m));
            kept.clone().find(|m| m.salience >= 2).or_else(|| kept.next()).copied()
        };
        let chosen = choose(&|m| !in_said(m)).or_else(|| choose(&|_| true))?;
        let person = &mut self.people[chosen.person];
        person.gender.get_or_insert(gender);
        Some(Speaker { name: person.name.clone(), kind: SpeakerType::Person })
    }
}

#[cfg(test)]
mod tests {
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
        let text =
            "House Republicans said no. The Republic of Turkey said yes. Federal Reserve officials met. He spoke.";
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
        let text = "Hillary Clinton Says Trump Is Unfit. Billionaire Donald Trump answered. She said he lied. Donald Trump left.";
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
        assert_eq!(
            resolve(text, "Lopez").name,
            "Maria Lopez",
            "a given name and a surname after the place are the name"
        );
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
}
