//! Word lists the rules consult. All entries are lower case.
//!
//! The speech-cue list keeps the verbs that act as an attribution cue in most of their
//! occurrences in PolNeAR train (Newell, Margolin & Ruths, LREC 2018): `said` 0.92, `noted` 0.97,
//! `told` 0.84, `wrote` 0.89, `announced` 0.81, `asked` 0.75, … Verbs under about 0.5 (`want`,
//! `think`, `found`) are left out because they would cost more precision than they add recall.

/// Verbs of saying and writing that introduce an attribution.
pub const CUES: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "announce", "announces", "announced", "announcing", "note", "notes", "noted", "noting", "write", "writes",
    "wrote", "tweet", "tweets", "tweeted", "post", "posts", "posted", "argue", "argues", "argued", "arguing",
    "warn", "warns", "warned", "warning", "suggest", "suggests", "suggested", "suggesting", "explain", "explains",
    "explained", "explaining", "acknowledge", "acknowledges", "acknowledged", "acknowledging", "claim", "claims",
    "claimed", "claiming", "state", "states", "stated", "recall", "recalls", "recalled", "recalling", "insist",
    "insists", "insisted", "insisting", "declare", "declares", "declared", "declaring", "report", "reports",
    "reported", "ask", "asks", "asked", "asking", "respond", "responds", "responded", "reply", "replies",
    "replied", "cite", "cites", "cited", "citing", "describe", "describes", "described", "describing", "urge",
    "urges", "urged", "urging", "promise", "promises", "promised", "promising", "vow", "vows", "vowed", "vowing",
    "pledge", "pledged", "predict", "predicts", "predicted", "predicting", "concede", "concedes", "conceded",
    "admit", "admits", "admitted", "assert", "asserts", "asserted", "maintain", "maintains", "maintained",
    "contend", "contends", "contended", "counter", "countered", "emphasize", "emphasizes", "emphasized",
    "emphasise", "emphasised", "stress", "stresses", "stressed", "stressing", "observe", "observes", "observed",
    "remark", "remarked", "wonder", "wonders", "wondered", "complain", "complains", "complained", "complaining",
    "caution", "cautions", "cautioned", "confirm", "confirms", "confirmed", "deny", "denies", "denied", "allege",
    "alleges", "alleged", "accuse", "accuses", "accused", "accusing", "criticize", "criticizes", "criticized",
    "criticise", "criticised", "praise", "praises", "praised", "defend", "defends", "defended", "endorse",
    "endorses", "endorsed", "question", "questioned", "blast", "blasts", "blasted", "slam", "slams", "slammed",
    "express", "expressed", "indicate", "indicates", "indicated", "reveal", "reveals", "revealed", "estimate",
    "estimates", "estimated", "conclude", "concludes", "concluded", "testify", "testified", "agree", "agreed",
    "disagree", "disagreed", "continue", "continued", "joke", "joked", "quip", "quipped", "boast", "boasted",
    "insinuate", "hint", "hinted", "shout", "shouted", "mention", "mentions", "mentioned", "point", "pointed",
    "predicts", "shows", "showed", "announce", "urge", "believes", "believe", "believed",
];

/// Speech cues that take a listener before what was said (`told reporters that …`).
pub const CUES_WITH_LISTENER: &[&str] = &[
    "tell", "tells", "told", "telling", "ask", "asks", "asked", "asking", "urge", "urges", "urged", "urging",
    "warn", "warns", "warned", "warning", "assure", "assured", "remind", "reminded", "promise", "promised",
    "accuse", "accuses", "accused", "accusing",
];

/// Verbs whose cue only counts with a particle after it (`pointed out`).
pub const CUE_PARTICLES: &[(&str, &str)] = &[("point", "out"), ("pointed", "out"), ("points", "out")];

/// Words that may stand between a subject and its cue verb (`Trump also said`, `he has long argued`).
pub const BETWEEN_SUBJECT_AND_CUE: &[&str] = &[
    "has", "have", "had", "also", "later", "previously", "recently", "repeatedly", "then", "again", "once",
    "already", "often", "publicly", "privately", "reportedly", "quickly", "simply", "just", "first", "long",
    "since", "further", "still", "now", "even", "initially", "subsequently", "separately", "similarly",
    "frequently", "flatly", "angrily", "bluntly", "explicitly", "openly", "tersely", "falsely", "correctly",
    "rightly", "wrongly", "ominously", "famously", "last", "earlier", "himself", "herself", "themselves",
];

/// Words before a cue that make it no attribution of something said (`to say`, `would say`).
pub const BLOCKS_CUE: &[&str] = &[
    "to", "would", "will", "could", "can", "might", "may", "should", "must", "not", "n't", "never", "didn't",
    "won't", "wouldn't", "cannot", "can't", "if", "who'd", "i'd",
];

/// Function words that never form part of a speaker's noun phrase.
pub const STOP: &[&str] = &[
    "and", "or", "but", "nor", "that", "which", "when", "where", "while", "whether", "if", "because", "as",
    "than", "so", "though", "although", "after", "before", "since", "until", "unless", "about", "with",
    "without", "from", "by", "in", "on", "at", "into", "onto", "over", "under", "between", "against", "during",
    "through", "across", "toward", "towards", "upon", "within", "not", "no", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should", "may",
    "might", "must", "shall", "also", "very", "too", "there", "here", "then", "now", "what", "how", "why",
    "whom", "whose", "this", "it", "its", "yet", "even", "just", "only", "both", "either", "neither", "more",
    "most", "up", "out", "off", "down", "like", "unlike", "per", "via", "amid", "among", "despite", "told",
    "asked", "called", "when", "once", "later", "earlier", "ago", "week", "month", "year", "yesterday",
    "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// Determiners and possessives that begin a noun phrase.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "our", "my", "your", "its", "some", "many", "several", "most",
    "few", "these", "those", "another", "other", "one", "two", "three", "four", "five", "every", "each", "both",
    "all", "no", "any",
];

/// Pronouns that can stand as a speaker.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you", "who", "which"];

/// Lower-case words that may stand before a capitalised name in one noun phrase.
pub const NAME_PREMODIFIERS: &[&str] = &[
    "former", "then", "late", "senior", "acting", "outgoing", "incoming", "chief", "top", "deputy", "retired",
    "fellow", "longtime", "veteran", "current", "interim", "embattled", "newly", "elected",
];

/// Prepositions that join two parts of one speaker phrase (`spokesman for the Kremlin`).
pub const NP_JOINERS: &[&str] = &["of", "for", "to", "at"];

/// Words that open an adverbial between a cue and what was said (`said on Tuesday that …`).
pub const ADVERBIAL_OPENERS: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "late", "early", "earlier", "later", "last", "this", "via",
    "through", "from", "while", "when", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "again", "also", "repeatedly", "recently", "previously",
    "publicly", "privately", "separately", "then", "afterwards", "afterward", "once", "flatly", "simply",
];

/// Words that mark a finite clause: a stretch holding one is what was said, not an adverbial.
pub const CLAUSE_MARKERS: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should", "must", "may",
    "might", "do", "does", "did", "won't", "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't",
    "it", "he", "she", "they", "we", "i", "you", "there", "that",
];

/// Whether `word` is in `list`.
pub fn contains(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}
