//! Deterministic synthetic corpus of security and foreign-policy commentary,
//! for pundit's benchmarks.
//!
//! Usage:
//!
//! ```text
//! cargo run --release --example gen_corpus -- --docs N --out DIR [--seed S] [--force]
//! ```
//!
//! It writes N articles (ids `a0000000`, `a0000001`, …) three ways:
//!
//! - `DIR/corpus/`: the folder pundit indexes. About 30% of the articles are
//!   saved web pages with full site chrome (`html/NNN/ID.html`), 30% plain
//!   text as analysts copy it (`text/NNN/ID.txt`), 20% Markdown with YAML
//!   front matter (`markdown/NNN/ID.md`) and 20% JSON Lines feeds of 500
//!   articles each (`jsonl/feed-NNN.jsonl`). Folders hold at most 1000 files.
//! - `DIR/tantivy.jsonl`: the same articles pre-extracted, one object per
//!   line (`id, title, body, author, date, source, path`), for indexing with
//!   tantivy-cli. The body is the article's paragraphs joined by blank lines.
//! - `DIR/queries.json`: the queries benchmarks run, each guaranteed to match
//!   (a rare term planted in about 0.1% of the articles, a common term, two
//!   terms for an AND, a phrase, a phrase made of stop words, an author and a
//!   date range).
//!
//! The text is built from sentence templates over a vocabulary with a
//! Zipf-like distribution: a few hundred real words written below, then
//! thousands of generated pronounceable pseudo-words for the long tail.
//! Named entities (countries, capitals, leaders, organisations, weapons
//! systems) recur with skewed frequencies, each article dwelling on a few of
//! them, and stock phrases are planted at graded rates ("the balance of
//! power" in about 30% of the articles, "the shadow fleet" in 5%, "gray-zone
//! coercion" in 0.5%…).
//!
//! Everything is derived from `--seed` (default 42) with a small SplitMix64
//! generator, one stream per article, so the output is byte-identical for
//! the same arguments however the work is spread over threads. 10,000
//! articles make about 90 MB of corpus (150 MB with `tantivy.jsonl`).

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use serde::Serialize;

const USAGE: &str = "\
usage: gen_corpus --docs N --out DIR [--seed S] [--force]

  --docs N    number of articles to generate (1 to 9999999)
  --out DIR   output folder: DIR/corpus/, DIR/tantivy.jsonl, DIR/queries.json
  --seed S    random seed, an unsigned integer (default 42)
  --force     replace the output of an earlier run in DIR";

/// JSON Lines feeds hold this many articles each.
const FEED_SIZE: usize = 500;
/// Subfolders of `html/`, `text/` and `markdown/` hold this many files each.
const FOLDER_SIZE: usize = 1000;
/// Articles generated per unit of work handed to a thread.
const CHUNK: usize = 200;

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

/// The SplitMix64 finalizer: a bijective mix of 64 bits.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A well-mixed value for (seed, stream, index): independent decisions per
/// article without sharing generator state.
fn hash3(seed: u64, stream: u64, index: u64) -> u64 {
    mix64(mix64(seed ^ mix64(stream.wrapping_add(0x5851_F42D_4C95_7F2D))).wrapping_add(index))
}

/// Streams: which purpose a derived generator serves.
const STREAM_VOCAB: u64 = 1;
const STREAM_PLAN: u64 = 2;
const STREAM_ARTICLE: u64 = 3;
const STREAM_CHROME: u64 = 4;

/// SplitMix64 (Steele, Lea and Flood): tiny, fast and plenty for text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }

    /// Uniform in `[0, 1)`, with 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

/// A Zipf–Mandelbrot distribution over ranks `0..n`: weight of rank r is
/// `1 / (r + q)^1.25`. The power is computed with square roots only, so
/// the table is the same on every platform.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    /// The word distribution: steep, the top rank drawn about 9% of the time.
    fn new(n: usize) -> Self {
        Self::flattened(n, 2.7)
    }

    /// A flatter head for larger `q` (authors, outlets).
    fn flattened(n: usize, q: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|r| {
                let x = r as f64 + q;
                total += 1.0 / (x * x.sqrt().sqrt());
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// Draws a rank below `limit` (at most the table's size).
    fn sample(&self, rng: &mut Rng, limit: usize) -> usize {
        let table = &self.cumulative[..limit.min(self.cumulative.len())];
        let u = rng.unit() * table[table.len() - 1];
        table.partition_point(|&c| c <= u).min(table.len() - 1)
    }
}

// ---------------------------------------------------------------------------
// Fixed lists: the real words, entities, people and outlets
// ---------------------------------------------------------------------------

/// Real nouns, most frequent first. Words of the planted phrases (balance,
/// shadow, fleet, chain, denial, coercion…) are left out so the phrases
/// occur only where they are planted.
const NOUNS: &[&str] = &[
    "security", "government", "policy", "war", "strategy", "alliance", "economy", "region",
    "conflict", "election", "market", "border", "sanction", "threat", "crisis", "deal", "treaty",
    "coalition", "summit", "ministry", "parliament", "regime", "army", "navy", "missile", "drone",
    "weapon", "budget", "tariff", "investment", "supply", "pipeline", "reactor", "port", "strait",
    "island", "coast", "frontier", "negotiation", "ceasefire", "offensive", "front", "brigade",
    "officer", "diplomat", "minister", "envoy", "analyst", "official", "voter", "party",
    "opposition", "court", "constitution", "referendum", "reform", "protest", "insurgency",
    "militia", "proxy", "ally", "adversary", "rival", "partner", "neighbor", "industry", "factory",
    "shipyard", "chip", "semiconductor", "export", "import", "currency", "debt", "loan", "subsidy",
    "recession", "price", "cargo", "tanker", "vessel", "convoy", "satellite", "network",
    "cyberattack", "campaign", "doctrine", "posture", "deployment", "exercise", "patrol", "base",
    "garrison", "arsenal", "stockpile", "warhead", "interceptor", "radar", "corridor", "route",
    "blockade", "embargo", "dispute", "claim", "grievance", "narrative", "signal", "message",
    "warning", "commitment", "guarantee", "pledge", "promise", "bargain", "compromise",
    "concession", "precedent", "architecture", "framework", "mechanism", "institution", "agency",
    "bureaucracy", "leadership", "successor", "faction", "elite", "oligarch", "consensus",
    "debate", "question", "problem", "risk", "cost", "benefit", "lesson", "mistake", "gamble",
    "choice", "option", "moment", "decade", "generation", "century", "deterrence", "escalation",
    "credibility", "leverage", "influence", "sovereignty", "legitimacy", "stability", "ambition",
    "rivalry", "partnership", "dependence", "resilience", "capacity", "readiness", "intelligence",
    "surveillance", "infrastructure", "grid", "refinery", "harbor", "airbase", "submarine",
    "frigate", "destroyer", "carrier", "bomber", "artillery", "shell", "munition",
];

/// Nouns of [`NOUNS`] without a plural: `{ns}` writes them as they are.
const MASS_NOUNS: &[&str] = &[
    "security", "supply", "cargo", "leadership", "intelligence", "surveillance", "infrastructure",
    "artillery", "deterrence", "escalation", "credibility", "leverage", "sovereignty",
    "legitimacy", "stability", "dependence", "resilience", "readiness",
];

const ADJECTIVES: &[&str] = &[
    "strategic", "military", "economic", "political", "regional", "nuclear", "diplomatic",
    "global", "domestic", "foreign", "new", "long", "fragile", "uneasy", "durable", "credible",
    "costly", "dangerous", "deliberate", "quiet", "open", "hidden", "narrow", "broad", "limited",
    "sweeping", "modest", "ambitious", "bold", "cautious", "careful", "uncertain", "decisive",
    "marginal", "central", "critical", "fundamental", "structural", "tactical", "operational",
    "naval", "maritime", "territorial", "industrial", "technological", "financial", "fiscal",
    "commercial", "legal", "moral", "historic", "familiar", "awkward", "brittle", "lasting",
    "temporary", "permanent", "hollow", "real", "genuine", "formal", "informal", "implicit",
    "explicit", "defensive", "hostile", "friendly", "neutral", "authoritarian", "democratic",
    "liberal", "nationalist", "populist", "transactional", "existential", "asymmetric",
    "conventional", "hybrid", "sustained", "unprecedented", "predictable", "reckless",
];

/// Real verbs, base form; all inflect regularly (see [`inflect`]).
const VERBS: &[&str] = &[
    "undermine", "reshape", "test", "challenge", "strengthen", "weaken", "expose", "ignore",
    "exploit", "protect", "defend", "contain", "reward", "punish", "signal", "accept", "reject",
    "resist", "support", "fund", "target", "court", "pressure", "tolerate", "curb", "complicate",
    "shape", "define", "limit", "expand", "extend", "restore", "rebuild", "secure", "sustain",
    "manage", "absorb", "outlast", "confront", "accommodate", "appease", "engage", "isolate",
    "integrate", "divide", "unite", "revive", "erode", "frame", "shift", "raise", "lower", "delay",
    "accelerate", "underestimate", "overestimate", "question", "finance", "monitor", "enforce",
    "negotiate", "renew", "abandon", "honor", "exaggerate",
];

const ADVERBS: &[&str] = &[
    "quietly", "openly", "slowly", "quickly", "steadily", "sharply", "rarely", "increasingly",
    "repeatedly", "deliberately", "reluctantly", "cautiously", "publicly", "privately", "already",
    "still", "largely", "partly", "effectively", "formally", "briefly", "consistently",
    "carefully", "clearly", "gradually", "abruptly", "plainly", "barely",
];

/// Countries (60), most often mentioned first.
const COUNTRIES: &[&str] = &[
    "China", "Russia", "the United States", "Ukraine", "Taiwan", "Iran", "Japan", "India",
    "North Korea", "Israel", "Germany", "France", "Turkey", "Poland", "South Korea",
    "the United Kingdom", "Saudi Arabia", "Pakistan", "Australia", "the Philippines", "Vietnam",
    "Belarus", "Syria", "Finland", "Sweden", "Indonesia", "Egypt", "Estonia", "Lithuania",
    "Latvia", "Hungary", "Serbia", "Moldova", "Italy", "Canada", "Brazil", "Mexico",
    "South Africa", "Nigeria", "Ethiopia", "Kazakhstan", "Azerbaijan", "Armenia", "Qatar",
    "the United Arab Emirates", "Venezuela", "Myanmar", "Afghanistan", "Iraq", "Yemen", "Libya",
    "Sudan", "Mali", "Singapore", "Malaysia", "Thailand", "Norway", "Romania", "Greece", "Georgia",
];

/// Other names writers use for some countries, picked half of the time:
/// an article that says "the United States" forty times reads like a
/// template (and fingerprints like every other such article).
const COUNTRY_VARIANTS: &[(&str, &[&str])] = &[
    ("the United States", &["the US", "America"]),
    ("the United Kingdom", &["Britain", "the UK"]),
    ("the United Arab Emirates", &["the UAE", "the Emirates"]),
    ("North Korea", &["the North", "the DPRK"]),
    ("South Korea", &["the South", "the Republic of Korea"]),
    ("China", &["the PRC", "Beijing"]),
    ("Russia", &["Moscow", "the Russian Federation"]),
    ("Taiwan", &["the island", "Taipei"]),
];

const CAPITALS: &[&str] = &[
    "Washington", "Beijing", "Moscow", "Kyiv", "Brussels", "Taipei", "Tokyo", "Tehran",
    "New Delhi", "Berlin", "Paris", "London", "Warsaw", "Jerusalem", "Seoul", "Pyongyang",
    "Ankara", "Riyadh", "Islamabad", "Canberra", "Manila", "Hanoi", "Helsinki", "Budapest",
];

/// Leaders: full name, and the short form used after the first mention.
const LEADERS: &[(&str, &str)] = &[
    ("Vladimir Putin", "Putin"),
    ("Xi Jinping", "Xi"),
    ("Volodymyr Zelensky", "Zelensky"),
    ("Donald Trump", "Trump"),
    ("Joe Biden", "Biden"),
    ("Narendra Modi", "Modi"),
    ("Recep Tayyip Erdogan", "Erdogan"),
    ("Kim Jong Un", "Kim"),
    ("Benjamin Netanyahu", "Netanyahu"),
    ("Emmanuel Macron", "Macron"),
    ("Ali Khamenei", "Khamenei"),
    ("Olaf Scholz", "Scholz"),
    ("Lai Ching-te", "Lai"),
    ("Fumio Kishida", "Kishida"),
    ("Ursula von der Leyen", "von der Leyen"),
    ("Mohammed bin Salman", "Mohammed bin Salman"),
    ("Alexander Lukashenko", "Lukashenko"),
    ("Viktor Orban", "Orban"),
    ("Keir Starmer", "Starmer"),
    ("Jens Stoltenberg", "Stoltenberg"),
    ("Wang Yi", "Wang"),
    ("Anthony Albanese", "Albanese"),
];

/// Organisations; all take a singular verb.
const ORGS: &[&str] = &[
    "NATO", "the European Union", "the Kremlin", "the Pentagon", "the United Nations",
    "the People's Liberation Army", "the IAEA", "the G7", "ASEAN", "the Quad", "AUKUS",
    "the Security Council", "the State Department", "the Shanghai Cooperation Organisation",
    "BRICS", "OPEC", "the African Union", "the International Monetary Fund",
    "the World Trade Organization", "Hezbollah", "Hamas", "the Wagner Group",
    "the Islamic Revolutionary Guard Corps",
];

const WEAPONS: &[&str] = &[
    "F-35", "HIMARS", "Iskander-M", "Shahed-136", "Patriot", "S-400", "Type 096", "Kinzhal",
    "DF-21D", "DF-26", "Hwasong-17", "Bayraktar TB2", "Leopard 2", "Su-57", "J-20", "Sarmat",
    "Avangard", "Tomahawk", "ATACMS", "Zircon", "Type 055", "Bulava", "Fattah-1", "Lancet",
];

/// Authors: first name, surname, and whether the tagline says "Ms." (else "Mr.").
const AUTHORS: &[(&str, &str, bool)] = &[
    ("Eleanor", "Vance", true),
    ("Marcus", "Holloway", false),
    ("Priya", "Raman", true),
    ("Tomasz", "Wielgus", false),
    ("Adaeze", "Okafor", true),
    ("Julian", "Ashcroft", false),
    ("Mei-Ling", "Zhou", true),
    ("Rafael", "Ortega", false),
    ("Ingrid", "Solberg", true),
    ("Daniel", "Kessler", false),
    ("Yasmin", "Haddad", true),
    ("Oleksandr", "Marchenko", false),
    ("Catherine", "Moreau", true),
    ("Hiroshi", "Tanabe", false),
    ("Nadia", "Petrova", true),
    ("Gabriel", "Whitfield", false),
    ("Sunita", "Kapoor", true),
    ("Thomas", "Brennan", false),
    ("Leila", "Farahani", true),
    ("Aaron", "Lindqvist", false),
    ("Claire", "Dubois", true),
    ("Samuel", "Adeyemi", false),
    ("Hannah", "Brooke", true),
    ("Viktor", "Halloran", false),
    ("Amara", "Nwosu", true),
    ("Felix", "Baumann", false),
    ("Rosa", "Delgado", true),
    ("Kenji", "Morita", false),
    ("Helena", "Varga", true),
    ("Omar", "Siddiqui", false),
    ("Fiona", "Gallagher", true),
    ("Lucas", "Ferreira", false),
    ("Anya", "Kowalczyk", true),
    ("Benjamin", "Osei", false),
    ("Margot", "Lefevre", true),
    ("Elias", "Thornton", false),
    ("Mira", "Castellanos", true),
    ("Patrick", "Dunmore", false),
    ("Soo-ah", "Kim", true),
    ("Jonah", "Reinhardt", false),
];

/// Institutes named in end taglines (an author's is fixed: index modulo).
const INSTITUTES: &[&str] = &[
    "Kestrel Institute",
    "Meridian Center for Strategic Studies",
    "Halcyon Foundation",
    "Northbridge Institute for International Affairs",
    "Atlas Council on Security",
    "Ridgeline Policy Institute",
    "Carrow Center for Maritime Strategy",
    "Lindenfield Institute",
    "Tallis Institute",
    "Verity Center for Defense Analysis",
    "Granite Institute for Economic Statecraft",
];

/// Outlets: name, domain, and a short key used in the page's class names.
const OUTLETS: &[(&str, &str, &str)] = &[
    ("The Harbor Review", "harborreview.example", "hr"),
    ("Bastion Weekly", "bastionweekly.example", "bw"),
    ("The Meridian Dispatch", "meridiandispatch.example", "md"),
    ("Northgate Journal", "northgatejournal.example", "ng"),
    ("The Lantern", "thelantern.example", "ln"),
    ("Foreign Ledger", "foreignledger.example", "fl"),
    ("The Strategic Courier", "strategiccourier.example", "sc"),
    ("Atlas Monthly", "atlasmonthly.example", "am"),
    ("Crosswind Review", "crosswindreview.example", "cw"),
    ("The Parapet", "theparapet.example", "pp"),
    ("Sentinel Quarterly", "sentinelquarterly.example", "sq"),
    ("The Long View", "thelongview.example", "lv"),
];

/// Readers who leave comments under web pages; none is an author.
const COMMENTERS: &[&str] = &[
    "Gerald Finch", "Marisol Oyelaran", "Harriet Trevanion", "Dmitri Sokol", "Lena Hartmann",
    "Carlos Ibarra", "Nkechi Obi", "Walter Pryce", "Ines Carvalho", "Tobias Grune",
    "Ruth Abernathy", "Kwame Mensah", "Jasper Quill", "Elif Yildiz", "Sven Aaberg", "Maya Rosen",
    "Arjun Mehta", "Colm Geraghty", "Beatriz Salas", "Neil Ambrose",
];

/// Site navigation, 18 sections.
const SECTIONS: &[&str] = &[
    "World", "Politics", "Security", "Defense", "Economy", "Energy", "Technology", "Asia",
    "Europe", "Middle East", "Americas", "Africa", "Opinion", "Analysis", "Podcasts",
    "Newsletters", "Events", "Subscribe",
];

const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// Stock phrases planted at graded rates: (phrase, share of articles).
const PHRASES: &[(&str, f64)] = &[
    ("the balance of power", 0.30),
    ("great-power competition", 0.20),
    ("the rules-based order", 0.15),
    ("strategic ambiguity", 0.10),
    ("deterrence by denial", 0.07),
    ("the shadow fleet", 0.05),
    ("dual-use goods", 0.03),
    ("the first island chain", 0.02),
    ("the escalation ladder", 0.01),
    ("gray-zone coercion", 0.005),
    ("salami-slicing tactics", 0.002),
    ("the Malacca dilemma", 0.001),
];

/// Words that must not be generated as pseudo-words or drawn as vocabulary.
const RESERVED: &[&str] = &[
    "balance", "shadow", "fleet", "chain", "denial", "coercion", "ladder", "dilemma", "salami",
];

// --- The queries written to queries.json ----------------------------------

const COMMON_TERM: &str = "security";
const AND_TERMS: [&str; 2] = ["sanctions", "alliance"];
const PHRASE_QUERY: &str = "shadow fleet";
const STOPWORD_PHRASE: &str = "the balance of power";
/// The default date window, widened to a whole year if nothing falls in it.
const DATE_WINDOW: (Date, Date) = (Date::new(2020, 3, 1), Date::new(2020, 8, 31));

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------
//
// Slots: {n} noun, {ns} plural noun, {a} adjective, {v} {vs} {vd} {vg} verb
// (base, third person, past, -ing), {r} adverb, {C} country, {X} capital,
// {L} leader, {G} organisation, {W} weapons system ({Cp}, {Lp}, {Gp}:
// possessive), {S} a singular subject, {Pl} a plural subject, {NP} a noun
// phrase, {Y} a year, {D} a small number, {pct} a percentage. In carrier
// sentences `@` stands for the planted phrase or term.

const SUBJECTS: &[&str] = &[
    "{C}", "{L}", "{G}", "{X}", "the {n}", "the {n}", "the {a} {n}", "the {a} {n}", "{Cp} {n}",
    "the {n} in {X}", "{Lp} {n}", "{Gp} {a} {n}", "the {n} of the {n}", "every {a} {n}",
];

const PLURALS: &[&str] = &[
    "{ns}", "the {a} {ns}", "officials in {X}", "{C} and {C}", "{Cp} {ns}", "the {ns} of {C}",
    "most {ns}", "{G} and {G}", "planners in {X}",
];

const NOUN_PHRASES: &[&str] = &[
    "the {n}", "the {n}", "the {a} {n}", "the {a} {n}", "the {n} of {C}", "the {n} of the {n}",
    "{Cp} {n}", "{ns}", "{a} {ns}", "a {a} {n}", "the {n} over the {W}", "{Gp} {n}",
    "the {a} {ns} of {C}", "{Lp} {a} {n}", "the {W}", "the {n} in {X}", "{ns} and {ns}",
    "a {n} with {C}",
];

const CLAUSES: &[&str] = &[
    "{S} {vs} {NP}",
    "{S} {r} {vs} {NP}",
    "{S} has {vd} {NP} since {Y}",
    "{S} will have to {v} {NP}",
    "{S} cannot {v} {NP} without {vg} {NP}",
    "{S} is {vg} {NP} faster than {X} expected",
    "{S} may yet {v} {NP}",
    "{S} {vd} {NP} in {Y}",
    "{Pl} {v} {NP}",
    "{Pl} have {r} {vd} {NP}",
    "{Pl} are {vg} {NP} in {C}",
    "the {n} between {C} and {C} {vs} {NP}",
    "few in {X} expect {L} to {v} {NP}",
    "{G} has {r} {vd} the {n} of {NP}",
    "the {W} {vs} the {a} {n} that {C} has {vd} for years",
    "{C} deployed the {W} to {v} {NP}",
    "there is no {a} {n} for {NP}",
    "the {n} is {a}, but the {n} is {a}",
    "{pct} percent of {ns} in {C} now {v} {NP}",
    "{C} spent {D} billion dollars on {ns} last year",
    "nobody in {X} wants to {v} {NP}",
    "the real {n} is not {NP} but {NP}",
    "the {a} {n} of {C} {vs} the {a} {ns} of {C}",
    "{G} and {G} have {vd} {NP}",
    "what {L} wants is {NP}",
    "{Lp} {n} {vs} {NP}",
    "{Cp} {ns} have grown more {a} since {Y}",
    "the {n} around the {W} has become {a}",
    "{L} met {L} in {X} to {v} {NP}",
    "the {n} in {X} looks more {a} than it did in {Y}",
    "{S} is unlikely to {v} {NP} before {Y}",
    "{X} has {D} {ns} and few {ns}",
    "every {n} {C} adds {vs} {NP}",
    "the {ns} {C} buys from {C} {v} {NP}",
    "{S} treats {NP} as a {a} {n}",
    "the argument for {NP} rests on {NP}",
    "{S} has never {r} {vd} {NP}",
    "the {n} that {L} {vd} in {Y} still {vs} {NP}",
    "{C} is now the {a} {n} in {NP}",
    "{G} {vd} {D} {ns} near {X}",
    "{NP} matters more to {C} than to {C}",
    "{Cp} {a} {n} depends on {NP}",
    "{S} would rather {v} {NP} than {v} {NP}",
    "officials in {X} describe {NP} as {a}",
    "the {n} of {NP} has rarely been so {a}",
    "{L} has spent {D} years trying to {v} {NP}",
    "{S} {vs} {NP}, at least on paper",
    "the numbers tell a {a} story about {NP}",
    "{C} and {C} disagree about {NP}",
    "the {a} {ns} in {C} were never about {NP}",
    "the {W} gives {C} a {a} {n} over {NP}",
    "{S} has {r} {vd} {Cp} {ns}",
];

const OPENERS: &[&str] = &[
    "", "", "", "", "", "", "In {Y}, ", "For now, ", "Meanwhile, ", "Still, ", "In practice, ",
    "Seen from {X}, ", "After the {n} in {C}, ", "By most accounts, ", "Even so, ", "Above all, ",
    "For {L}, ", "Since {Y}, ", "In other words, ", "At the same time, ", "To be sure, ",
    "On paper, ", "In {X}, ", "Until recently, ", "Privately, ",
];

const CONNECTORS: &[&str] = &[
    ", but ", ", and ", "; ", ", while ", " because ", ", even as ", ", which is why ", ", yet ",
    " although ", ", so ",
];

const QUESTIONS: &[&str] = &[
    "Can {S} {v} {NP}?", "Why would {S} {v} {NP}?", "What happens if {S} {vs} {NP}?",
    "Who will {v} {NP} once {S} {vs} {NP}?", "Is {NP} really {a}?",
];

const SHORT: &[&str] = &[
    "That is a {a} {n}.", "It will not last.", "The {n} is {a}.", "This matters.", "{C} knows it.",
    "None of this is new.", "The {ns} say otherwise.", "{L} has noticed.",
];

/// Sentences around a planted phrase (or the rare term): `@`.
const CARRIERS: &[&str] = &[
    "@ is no longer an abstraction for planners in {X}.",
    "Officials in {X} still speak of @ as if it were a {a} {n}.",
    "None of this makes sense without @.",
    "What {L} understands is that @ cannot be wished away.",
    "The debate over @ has become a proxy for the {a} {n}.",
    "For {G}, @ is the organizing idea behind the {n}.",
    "Critics argue that @ is a {a} {n} dressed up as strategy.",
    "{C} has learned to live with @, but {C} has not.",
    "Much of the {n} in {X} turns on @.",
];

const RARE_CARRIERS: &[&str] = &[
    "Insiders in {X} have started to call this the @ problem.",
    "The so-called @ effect is already visible in {C}.",
    "Few outside {X} had heard of the @ report before {Y}.",
];

const TITLES: &[&str] = &[
    "Why {C} Cannot Afford to {v} the {a} {n}",
    "The {a} {n} Behind {Lp} {n}",
    "What the {W} Reveals About {Cp} {a} {n}",
    "{C} and {C}: A {a} {n} Takes Shape",
    "How {G} Learned to {v} the {n}",
    "The Case for a {a} {n} in {C}",
    "{Lp} {a} {n} Is Running Out of Time",
    "Is {C} Ready for a {a} {n}?",
    "After the {n}, {C} Faces a {a} Choice",
    "The Limits of {a} {n} in {C}",
    "Inside the {a} {n} Reshaping {C}",
    "{C} Needs a {a} {n}, Not Another {n}",
    "Don't Bet on {Cp} {a} {n}",
    "The {n} {C} Keeps Getting Wrong",
    "{G} Must {v} the {n} Before It Is Too Late",
    "A {a} {n} Is Coming to {C}",
    "Can {L} {v} the {a} {n}?",
    "The Quiet {n} Between {C} and {C}",
    "{C} Is Losing the {n} Over the {W}",
    "Five Lessons From {Cp} {a} {n}",
    "Why the {W} Matters More Than {L} Thinks",
    "The Coming {n} in {C}",
    "Rethinking the {a} {n} After {Y}",
    "What {X} Gets Wrong About the {n}",
];

const HEADINGS: &[&str] = &[
    "The {n} problem", "What {C} wants", "A {a} {n}", "Why the {W} matters", "The {a} path ahead",
    "Lessons from {Y}", "The view from {X}", "What comes next", "The cost of {vg} the {n}",
    "{Cp} {a} bet",
];

const COMMENTS: &[&str] = &[
    "Good piece, but I think the author underrates {C}.",
    "Excellent analysis of the {a} {n}. Shared with my students.",
    "Nobody in {X} seems to have a plan for the {n}.",
    "The author ignores what {L} said in {Y}.",
    "I spent {D} years in {C} and this matches what I saw.",
    "The best thing I have read on the {W} in months.",
    "Subscribed for this kind of analysis. Keep it coming.",
    "Too optimistic about {G}, in my view.",
    "Where is the evidence that {C} will {v} the {n}?",
    "Interesting, but the {n} argument has been made before.",
];

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// A calendar date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Date {
    y: i32,
    m: u32,
    d: u32,
}

impl Date {
    const fn new(y: i32, m: u32, d: u32) -> Self {
        Date { y, m, d }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    fn to_days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::to_days`].
    fn from_days(z: i64) -> Self {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Date { y, m, d }
    }

    /// `2024-03-14`.
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `March 14, 2024`.
    fn long(self) -> String {
        format!("{} {}, {}", MONTHS[self.m as usize - 1], self.d, self.y)
    }
}

/// Publication dates are spread uniformly over these days.
const FIRST_DAY: Date = Date::new(2015, 1, 1);
const LAST_DAY: Date = Date::new(2025, 12, 31);

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/// One part of speech: the real words first, then pseudo-words, ranked.
struct Lexicon {
    words: Vec<String>,
    /// How many of `words` are real (they come first).
    real: usize,
    zipf: Zipf,
}

impl Lexicon {
    fn new(real: &[&str], pseudo: Vec<String>) -> Self {
        let mut words: Vec<String> = real.iter().map(|w| w.to_string()).collect();
        words.extend(pseudo);
        let zipf = Zipf::new(words.len());
        Lexicon {
            words,
            real: real.len(),
            zipf,
        }
    }

    /// Draws a rank; `real_only` keeps to the real words (for headlines).
    fn draw(&self, rng: &mut Rng, real_only: bool) -> usize {
        let limit = if real_only {
            self.real
        } else {
            self.words.len()
        };
        self.zipf.sample(rng, limit)
    }
}

/// Everything shared by all articles: the vocabulary, the entity tables, the
/// rare term.
struct World {
    seed: u64,
    nouns: Lexicon,
    plurals: Vec<String>,
    adjectives: Lexicon,
    verbs: Lexicon,
    /// Third person, past and -ing forms, parallel to `verbs.words`.
    verb_forms: Vec<[String; 3]>,
    adverbs: Lexicon,
    countries: Zipf,
    capitals: Zipf,
    leaders: Zipf,
    orgs: Zipf,
    weapons: Zipf,
    authors: Zipf,
    outlets: Zipf,
    rare_term: String,
}

const ONSETS: &[&str] = &[
    "b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "k", "l", "m", "n", "p", "pl",
    "pr", "r", "s", "sk", "st", "t", "tr", "v", "w", "z", "sh", "th", "ch",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "ie", "oa"];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "l", "s", "m", "nd", "rt", "st", "nt", "rn",
];
const NOUN_ENDINGS: &[&str] = &[
    "", "ion", "ment", "ance", "ity", "ism", "ure", "age", "ery", "ship", "ade", "ory",
];
const ADJECTIVE_ENDINGS: &[&str] = &["ic", "al", "ive", "ous", "ary", "ian", "ent", "ine"];
const VERB_ENDINGS: &[&str] = &["ate", "ize", "ify", "en", "ect", "ude"];

/// A pronounceable stem of `syllables` syllables. Pseudo-words never contain
/// `q` or `x`, which the rare term uses.
fn stem(rng: &mut Rng, syllables: usize) -> String {
    let mut s = String::new();
    for _ in 0..syllables {
        s.push_str(rng.pick(ONSETS));
        s.push_str(rng.pick(VOWELS));
        s.push_str(rng.pick(CODAS));
    }
    s
}

/// `count` distinct pseudo-words built as stem + ending, none in `taken`.
fn pseudo_words(
    rng: &mut Rng,
    count: usize,
    endings: &[&str],
    taken: &mut HashSet<String>,
) -> Vec<String> {
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let syllables = if rng.chance(0.15) { 3 } else { rng.range(1, 2) };
        let word = format!("{}{}", stem(rng, syllables), rng.pick(endings));
        if word.len() >= 5 && word.len() <= 14 && taken.insert(word.clone()) {
            out.push(word);
        }
    }
    out
}

fn ends_with_consonant_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2])
}

/// The plural of a regular noun.
fn plural(w: &str) -> String {
    if ends_with_consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else if ["s", "sh", "ch", "x", "z"].iter().any(|e| w.ends_with(e)) {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// Third person singular, past and -ing forms of a regular verb.
fn inflect(base: &str) -> [String; 3] {
    let third = plural(base);
    let (past, ing) = if ends_with_consonant_y(base) {
        (
            format!("{}ied", &base[..base.len() - 1]),
            format!("{base}ing"),
        )
    } else if base.ends_with("ee") {
        (format!("{base}d"), format!("{base}ing"))
    } else if let Some(root) = base.strip_suffix('e') {
        (format!("{base}d"), format!("{root}ing"))
    } else {
        (format!("{base}ed"), format!("{base}ing"))
    };
    [third, past, ing]
}

/// "China's", "the United States'".
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

impl World {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::new(hash3(seed, STREAM_VOCAB, 0));
        let mut taken: HashSet<String> = NOUNS
            .iter()
            .chain(ADJECTIVES)
            .chain(VERBS)
            .chain(ADVERBS)
            .chain(RESERVED)
            .map(|w| w.to_string())
            .collect();
        let nouns = Lexicon::new(
            NOUNS,
            pseudo_words(&mut rng, 5000, NOUN_ENDINGS, &mut taken),
        );
        let pseudo_adjectives = pseudo_words(&mut rng, 2000, ADJECTIVE_ENDINGS, &mut taken);
        // Adverbs of the long tail are the pseudo-adjectives + -ly.
        let pseudo_adverbs: Vec<String> = pseudo_adjectives[..400]
            .iter()
            .map(|a| {
                if a.ends_with("ic") {
                    format!("{a}ally")
                } else {
                    format!("{a}ly")
                }
            })
            .filter(|a| taken.insert(a.clone()))
            .collect();
        let adjectives = Lexicon::new(ADJECTIVES, pseudo_adjectives);
        let verbs = Lexicon::new(
            VERBS,
            pseudo_words(&mut rng, 1200, VERB_ENDINGS, &mut taken),
        );
        let adverbs = Lexicon::new(ADVERBS, pseudo_adverbs);
        let plurals = nouns
            .words
            .iter()
            .map(|n| {
                if MASS_NOUNS.contains(&n.as_str()) {
                    n.clone()
                } else {
                    plural(n)
                }
            })
            .collect();
        let verb_forms = verbs.words.iter().map(|v| inflect(v)).collect();
        // The rare term has a `q` and an `x`, so no pseudo-word (and no
        // other word's stem) can be the same.
        let rare_term = format!(
            "qu{}{}{}{}x",
            rng.pick(VOWELS),
            rng.pick(&CODAS[3..]),
            rng.pick(ONSETS),
            rng.pick(VOWELS)
        );
        World {
            seed,
            nouns,
            plurals,
            adjectives,
            verbs,
            verb_forms,
            adverbs,
            countries: Zipf::new(COUNTRIES.len()),
            capitals: Zipf::new(CAPITALS.len()),
            leaders: Zipf::new(LEADERS.len()),
            orgs: Zipf::new(ORGS.len()),
            weapons: Zipf::new(WEAPONS.len()),
            authors: Zipf::flattened(AUTHORS.len(), 10.0),
            outlets: Zipf::flattened(OUTLETS.len(), 5.0),
            rare_term,
        }
    }
}

// ---------------------------------------------------------------------------
// Sentence writer
// ---------------------------------------------------------------------------

/// The few entities and words one article keeps coming back to.
struct Focus {
    countries: [usize; 3],
    capitals: [usize; 2],
    leaders: [usize; 2],
    orgs: [usize; 2],
    weapons: [usize; 2],
    nouns: [usize; 8],
    adjectives: [usize; 4],
}

/// Expands templates for one article (or one page's chrome).
struct Writer<'w> {
    world: &'w World,
    rng: Rng,
    focus: Focus,
    /// Leaders already named in full.
    named: Vec<bool>,
    /// Draw only real words (headlines, headings).
    real_only: bool,
}

impl<'w> Writer<'w> {
    fn new(world: &'w World, mut rng: Rng) -> Self {
        let mut draw = |z: &Zipf| z.sample(&mut rng, usize::MAX);
        let countries = [
            draw(&world.countries),
            draw(&world.countries),
            draw(&world.countries),
        ];
        let capitals = [draw(&world.capitals), draw(&world.capitals)];
        let leaders = [draw(&world.leaders), draw(&world.leaders)];
        let orgs = [draw(&world.orgs), draw(&world.orgs)];
        let weapons = [draw(&world.weapons), draw(&world.weapons)];
        let nouns = std::array::from_fn(|_| world.nouns.draw(&mut rng, false));
        let adjectives = std::array::from_fn(|_| world.adjectives.draw(&mut rng, false));
        Writer {
            world,
            rng,
            focus: Focus {
                countries,
                capitals,
                leaders,
                orgs,
                weapons,
                nouns,
                adjectives,
            },
            named: vec![false; LEADERS.len()],
            real_only: false,
        }
    }

    /// An entity index: one of the article's own 90% of the time.
    fn entity(&mut self, own: &[usize], table: &Zipf) -> usize {
        if self.rng.chance(0.9) {
            self.rng.pick(own)
        } else {
            table.sample(&mut self.rng, usize::MAX)
        }
    }

    /// A word rank: one of the article's topic words some of the time.
    fn word(&mut self, own: &[usize], lexicon: &Lexicon, share: f64) -> usize {
        if !self.real_only && self.rng.chance(share) {
            self.rng.pick(own)
        } else {
            lexicon.draw(&mut self.rng, self.real_only)
        }
    }

    /// A country, under another of its names half of the time.
    fn country(&mut self) -> &'static str {
        let (own, w) = (self.focus.countries, self.world);
        let name = COUNTRIES[self.entity(&own, &w.countries)];
        match COUNTRY_VARIANTS.iter().find(|(c, _)| *c == name) {
            Some((_, others)) if self.rng.chance(0.5) => self.rng.pick(others),
            _ => name,
        }
    }

    fn leader(&mut self) -> &'static str {
        let (own, w) = (self.focus.leaders, self.world);
        let i = self.entity(&own, &w.leaders);
        let (full, short) = LEADERS[i];
        if self.named[i] && self.rng.chance(0.75) {
            short
        } else {
            self.named[i] = true;
            full
        }
    }

    /// Appends `template` with its slots filled.
    fn expand(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open
                + rest[open..]
                    .find('}')
                    .expect("templates close their braces");
            self.slot(&rest[open + 1..close], out);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
    }

    fn slot(&mut self, key: &str, out: &mut String) {
        let w = self.world;
        match key {
            "n" => {
                let i = self.word(&{ self.focus.nouns }, &w.nouns, 0.3);
                out.push_str(&w.nouns.words[i]);
            }
            "ns" => {
                let i = self.word(&{ self.focus.nouns }, &w.nouns, 0.3);
                out.push_str(&w.plurals[i]);
            }
            "a" => {
                let i = self.word(&{ self.focus.adjectives }, &w.adjectives, 0.15);
                out.push_str(&w.adjectives.words[i]);
            }
            "v" | "vs" | "vd" | "vg" => {
                let i = w.verbs.draw(&mut self.rng, self.real_only);
                out.push_str(match key {
                    "v" => &w.verbs.words[i],
                    "vs" => &w.verb_forms[i][0],
                    "vd" => &w.verb_forms[i][1],
                    _ => &w.verb_forms[i][2],
                });
            }
            "r" => out.push_str(&w.adverbs.words[w.adverbs.draw(&mut self.rng, self.real_only)]),
            "C" => {
                let c = self.country();
                out.push_str(c);
            }
            "Cp" => {
                let c = self.country();
                out.push_str(&possessive(c));
            }
            "X" => out.push_str(CAPITALS[self.entity(&{ self.focus.capitals }, &w.capitals)]),
            "L" => {
                let l = self.leader();
                out.push_str(l);
            }
            "Lp" => {
                let l = self.leader();
                out.push_str(&possessive(l));
            }
            "G" => out.push_str(ORGS[self.entity(&{ self.focus.orgs }, &w.orgs)]),
            "Gp" => {
                let g = ORGS[self.entity(&{ self.focus.orgs }, &w.orgs)];
                out.push_str(&possessive(g));
            }
            "W" => out.push_str(WEAPONS[self.entity(&{ self.focus.weapons }, &w.weapons)]),
            "S" => self.expand_one(SUBJECTS, out),
            "Pl" => self.expand_one(PLURALS, out),
            "NP" => self.expand_one(NOUN_PHRASES, out),
            "Y" => {
                let _ = write!(out, "{}", self.rng.range(1991, 2025));
            }
            "D" => {
                let _ = write!(out, "{}", self.rng.range(2, 60));
            }
            "pct" => {
                let _ = write!(out, "{}", self.rng.range(5, 95));
            }
            other => panic!("unknown template slot {{{other}}}"),
        }
    }

    /// Expands one template picked from `templates`.
    fn expand_one(&mut self, templates: &[&str], out: &mut String) {
        let t = self.rng.pick(templates);
        self.expand(t, out);
    }

    /// A finished sentence: a/an agreement and a capital letter.
    fn finish(raw: &str) -> String {
        capitalize(&fix_articles(raw))
    }

    /// One body sentence.
    fn sentence(&mut self) -> String {
        let mut s = String::with_capacity(160);
        match self.rng.below(100) {
            0..=69 => {
                self.expand_one(OPENERS, &mut s);
                self.expand_one(CLAUSES, &mut s);
                if self.rng.chance(0.4) {
                    s.push_str(self.rng.pick(CONNECTORS));
                    self.expand_one(CLAUSES, &mut s);
                }
                s.push('.');
            }
            70..=76 => self.expand_one(QUESTIONS, &mut s),
            77..=84 => {
                let mut quote = String::new();
                self.expand_one(CLAUSES, &mut quote);
                let quote = Self::finish(&quote);
                if self.rng.chance(0.5) {
                    s.push('"');
                    s.push_str(&quote);
                    s.push_str(",\" said a ");
                    self.expand("{a} official in {X}.", &mut s);
                } else {
                    self.expand("as one {n} in {X} put it, \"", &mut s);
                    s.push_str(&quote);
                    s.push_str(".\"");
                }
            }
            85..=91 => self.expand_one(SHORT, &mut s),
            92..=95 => {
                s.push_str("according to ");
                self.expand("{G}, ", &mut s);
                self.expand_one(CLAUSES, &mut s);
                s.push('.');
            }
            _ => {
                self.expand("if {S} {vs} {NP}, ", &mut s);
                self.expand_one(CLAUSES, &mut s);
                s.push('.');
            }
        }
        Self::finish(&s)
    }

    /// A sentence around `planted` (`@` in the carrier).
    fn carrier(&mut self, carriers: &[&str], planted: &str) -> String {
        let mut s = String::new();
        self.expand_one(carriers, &mut s);
        Self::finish(&s.replace('@', planted))
    }

    /// A headline of 5 to 12 words, in title case, from real words only.
    fn headline(&mut self) -> String {
        self.real_only = true;
        let mut title = String::new();
        for _ in 0..20 {
            title.clear();
            self.expand_one(TITLES, &mut title);
            let words = title.split_whitespace().count();
            if (5..=12).contains(&words) {
                break;
            }
        }
        self.real_only = false;
        title_case(&fix_articles(&title))
    }

    /// A Markdown subheading (sentence case, no final stop).
    fn heading(&mut self) -> String {
        self.real_only = true;
        let mut h = String::new();
        self.expand_one(HEADINGS, &mut h);
        self.real_only = false;
        capitalize(&fix_articles(&h))
    }
}

/// "a" before a vowel sound becomes "an" (by spelling, roughly).
fn fix_articles(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut words = s.split(' ').peekable();
    while let Some(w) = words.next() {
        out.push_str(w);
        if (w == "a" || w == "A")
            && words.peek().is_some_and(|next| {
                let lower = next.to_ascii_lowercase();
                lower.starts_with(['a', 'e', 'i', 'o'])
                    || (lower.starts_with('u')
                        && !lower.starts_with("uni")
                        && !lower.starts_with("us"))
            })
        {
            out.push('n');
        }
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

/// Upper-cases the first letter (after an opening quote).
fn capitalize(s: &str) -> String {
    let start = s.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..start]);
    let mut rest = s[start..].chars();
    if let Some(c) = rest.next() {
        out.extend(c.to_uppercase());
    }
    out.push_str(rest.as_str());
    out
}

/// Headline capitalization: every word but short function words (unless
/// first) gets a capital; entity spellings are kept.
fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "to", "in", "for", "on", "and", "but", "or", "at", "by", "with",
        "from", "von", "der", "bin",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_string()
            } else {
                capitalize(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "A Title, With Words!" → "a-title-with-words", at most 8 words.
fn slug(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

// ---------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------

/// The four file formats of the corpus.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Text,
    Markdown,
    Jsonl,
}

/// What is decided for every article before any text is written: its
/// format, its position among the files of that format, whether the text
/// formats leave it undated, whether it ends with a tagline.
#[derive(Clone, Copy)]
struct Plan {
    format: Format,
    /// Index among the articles of the same format.
    seq: usize,
    undated: bool,
    tagline: bool,
}

/// Decides formats (30/30/20/20), dates and taglines for all articles.
fn plan(seed: u64, docs: usize) -> Vec<Plan> {
    let mut counts = [0usize; 4];
    (0..docs)
        .map(|i| {
            let h = hash3(seed, STREAM_PLAN, i as u64);
            let (format, slot) = match h % 100 {
                0..=29 => (Format::Html, 0),
                30..=59 => (Format::Text, 1),
                60..=79 => (Format::Markdown, 2),
                _ => (Format::Jsonl, 3),
            };
            let seq = counts[slot];
            counts[slot] += 1;
            Plan {
                format,
                seq,
                // Web pages always show a date; 5% of the rest do not. The
                // first article is always dated, so the date query matches.
                undated: format != Format::Html && i > 0 && (h >> 8) % 100 < 5,
                tagline: format == Format::Text && (h >> 16).is_multiple_of(2),
            }
        })
        .collect()
}

/// The file of an article, relative to `DIR/corpus`.
fn relative_path(id: &str, p: &Plan) -> String {
    match p.format {
        Format::Html => format!("html/{:03}/{id}.html", p.seq / FOLDER_SIZE),
        Format::Text => format!("text/{:03}/{id}.txt", p.seq / FOLDER_SIZE),
        Format::Markdown => format!("markdown/{:03}/{id}.md", p.seq / FOLDER_SIZE),
        Format::Jsonl => format!("jsonl/feed-{:03}.jsonl", p.seq / FEED_SIZE),
    }
}

/// A block of the article text.
enum Block {
    Paragraph(String),
    /// A subheading (Markdown articles only).
    Heading(String),
}

/// One generated article.
struct Article {
    id: String,
    title: String,
    author: usize,
    outlet: usize,
    date: Date,
    /// Publication time of day, for web pages.
    hour: u32,
    minute: u32,
    blocks: Vec<Block>,
    tagline: Option<String>,
    /// The blocks joined by blank lines.
    body: String,
}

impl Article {
    fn author_name(&self) -> String {
        let (first, last, _) = AUTHORS[self.author];
        format!("{first} {last}")
    }

    fn outlet(&self) -> (&'static str, &'static str, &'static str) {
        OUTLETS[self.outlet]
    }

    /// The canonical URL; undated articles get one without a date in it.
    fn url(&self, dated: bool) -> String {
        let domain = self.outlet().1;
        let slug = slug(&self.title);
        if dated {
            let d = self.date;
            format!("https://{domain}/{:04}/{:02}/{:02}/{slug}/", d.y, d.m, d.d)
        } else {
            format!("https://{domain}/analysis/{slug}-{}/", self.id)
        }
    }
}

/// Which planted items an article's text contains (see [`Facts`]).
const HAS_COMMON: u8 = 1;
const HAS_AND: u8 = 2;
const HAS_PHRASE: u8 = 4;
const HAS_STOPWORD_PHRASE: u8 = 8;
const HAS_RARE: u8 = 16;

/// Builds article `i`.
fn build_article(world: &World, i: usize, docs: usize, plan: &Plan) -> Article {
    let mut wr = Writer::new(world, Rng::new(hash3(world.seed, STREAM_ARTICLE, i as u64)));
    let title = wr.headline();
    let author = world.authors.sample(&mut wr.rng, usize::MAX);
    let outlet = if wr.rng.chance(0.6) {
        author % OUTLETS.len()
    } else {
        world.outlets.sample(&mut wr.rng, usize::MAX)
    };
    let span = (LAST_DAY.to_days() - FIRST_DAY.to_days() + 1) as usize;
    let date = Date::from_days(FIRST_DAY.to_days() + wr.rng.below(span) as i64);
    let hour = wr.rng.range(6, 20) as u32;
    let minute = wr.rng.range(0, 59) as u32;

    // The body: paragraphs of sentences until a length between 500 and 2000
    // words, most articles near the short end as op-eds are
    // (The last paragraph and planted sentences add up to ~200 words.)
    let u = wr.rng.unit();
    let target = 500 + (1300.0 * u * u * u) as usize;
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut words = 0;
    while words < target {
        let n = wr.rng.range(2, 6);
        let para: Vec<String> = (0..n).map(|_| wr.sentence()).collect();
        words += para.iter().map(|s| s.split(' ').count()).sum::<usize>();
        paragraphs.push(para);
    }

    // Planted phrases, the rare term, and for the first article a sentence
    // with the AND and common terms, so that every query matches.
    let mut planted: Vec<String> = Vec::new();
    for &(phrase, share) in PHRASES {
        let forced = i == 0 && (phrase == STOPWORD_PHRASE || phrase.ends_with(PHRASE_QUERY));
        if forced || wr.rng.chance(share) {
            for _ in 0..wr.rng.range(1, 3) {
                planted.push(wr.carrier(CARRIERS, phrase));
            }
        }
    }
    let period = docs.min(1000);
    if i % period == period / 2 {
        for _ in 0..wr.rng.range(1, 2) {
            planted.push(wr.carrier(RARE_CARRIERS, &world.rare_term));
        }
    }
    if i == 0 {
        planted.push(format!(
            "{} alone will not hold the {} together, and {} will not come cheaply.",
            capitalize(AND_TERMS[0]),
            AND_TERMS[1],
            COMMON_TERM
        ));
    }
    for s in planted {
        let p = wr.rng.below(paragraphs.len());
        let at = wr.rng.range(0, paragraphs[p].len());
        paragraphs[p].insert(at, s);
    }

    let mut blocks: Vec<Block> = Vec::with_capacity(paragraphs.len() + 4);
    let headings = plan.format == Format::Markdown && wr.rng.chance(0.4);
    let mut next_heading = wr.rng.range(2, 4);
    for (k, para) in paragraphs.iter().enumerate() {
        if headings && k == next_heading && k + 1 < paragraphs.len() {
            blocks.push(Block::Heading(wr.heading()));
            next_heading += wr.rng.range(3, 6);
        }
        blocks.push(Block::Paragraph(para.join(" ")));
    }
    let body = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(t) | Block::Heading(t) => t.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n\n");

    let tagline = plan.tagline.then(|| {
        let (_, last, ms) = AUTHORS[author];
        let title = if ms { "Ms." } else { "Mr." };
        let institute = INSTITUTES[author % INSTITUTES.len()];
        format!("{title} {last} is a senior fellow at the {institute}.")
    });

    Article {
        id: format!("a{i:07}"),
        title,
        author,
        outlet,
        date,
        hour,
        minute,
        blocks,
        tagline,
        body,
    }
}

/// Which query items the article's title and body contain, by the words
/// (letters and digits, any case) an index would see.
fn query_hits(a: &Article, rare: &str) -> u8 {
    let tokens: Vec<&str> = a
        .title
        .split(|c: char| !c.is_alphanumeric())
        .chain(a.body.split(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .collect();
    let has = |w: &str| tokens.iter().any(|t| t.eq_ignore_ascii_case(w));
    let has_phrase = |p: &str| {
        let words: Vec<&str> = p.split(|c: char| !c.is_alphanumeric()).collect();
        tokens.windows(words.len()).any(|win| {
            win.iter()
                .zip(&words)
                .all(|(t, w)| t.eq_ignore_ascii_case(w))
        })
    };
    let mut hits = 0;
    if has(COMMON_TERM) {
        hits |= HAS_COMMON;
    }
    if has(AND_TERMS[0]) && has(AND_TERMS[1]) {
        hits |= HAS_AND;
    }
    if has_phrase(PHRASE_QUERY) {
        hits |= HAS_PHRASE;
    }
    if has_phrase(STOPWORD_PHRASE) {
        hits |= HAS_STOPWORD_PHRASE;
    }
    if has(rare) {
        hits |= HAS_RARE;
    }
    hits
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/// Writing to a `String` cannot fail.
macro_rules! put {
    ($dst:expr, $($arg:tt)*) => {{
        let _ = writeln!($dst, $($arg)*);
    }};
}

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A JSON string literal.
fn js(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// "3:12 pm".
fn clock(hour: u32, minute: u32) -> String {
    let h12 = if hour.is_multiple_of(12) {
        12
    } else {
        hour % 12
    };
    let ampm = if hour < 12 { "am" } else { "pm" };
    format!("{h12}:{minute:02} {ampm}")
}

/// The first sentence of the article, at most about 200 characters.
fn description(a: &Article) -> String {
    let first = a.blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) => Some(p.as_str()),
        Block::Heading(_) => None,
    });
    let first = first.unwrap_or("");
    let end = first.find(". ").map_or(first.len(), |e| e + 1);
    let mut d = first[..end].to_string();
    if d.len() > 200 {
        let cut = d[..200].rfind(' ').unwrap_or(200);
        d.truncate(cut);
        d.push('…');
    }
    d
}

/// A saved web page: head metadata, JSON-LD, cookie banner, navigation,
/// the article, share bar, related stories, comments and footer.
fn render_html(a: &Article, chrome: &mut Writer) -> String {
    let (outlet, domain, k) = a.outlet();
    let author = a.author_name();
    let author_url = format!("https://{domain}/author/{}/", slug(&author));
    let url = a.url(true);
    let stamp = format!("{}T{:02}:{:02}:00+00:00", a.date.iso(), a.hour, a.minute);
    let title = esc(&a.title);
    let desc = esc(&description(a));
    let mut h = String::with_capacity(a.body.len() + 14_000);

    put!(h, "<!DOCTYPE html>");
    put!(h, "<!-- saved from url=({:04}){url} -->", url.len());
    put!(h, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
    put!(
        h,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    put!(h, "<title>{title} | {}</title>", esc(outlet));
    put!(h, "<meta name=\"description\" content=\"{desc}\">");
    put!(h, "<meta name=\"author\" content=\"{}\">", esc(&author));
    put!(h, "<link rel=\"canonical\" href=\"{url}\">");
    put!(h, "<meta property=\"og:type\" content=\"article\">");
    put!(h, "<meta property=\"og:title\" content=\"{title}\">");
    put!(h, "<meta property=\"og:description\" content=\"{desc}\">");
    put!(h, "<meta property=\"og:url\" content=\"{url}\">");
    put!(
        h,
        "<meta property=\"og:site_name\" content=\"{}\">",
        esc(outlet)
    );
    put!(
        h,
        "<meta property=\"og:image\" content=\"https://{domain}/media/{}-1200x630.jpg\">",
        a.id
    );
    put!(
        h,
        "<meta property=\"article:published_time\" content=\"{stamp}\">"
    );
    put!(h, "<meta property=\"article:section\" content=\"Opinion\">");
    put!(
        h,
        "<meta name=\"twitter:card\" content=\"summary_large_image\">"
    );
    put!(
        h,
        "<link rel=\"stylesheet\" href=\"https://{domain}/static/css/site.min.css\">"
    );
    let ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": a.title,
        "description": description(a),
        "image": [format!("https://{domain}/media/{}-1200x630.jpg", a.id)],
        "datePublished": stamp,
        "author": {"@type": "Person", "name": author, "url": author_url},
        "publisher": {
            "@type": "Organization",
            "name": outlet,
            "logo": {"@type": "ImageObject", "url": format!("https://{domain}/static/logo.png")}
        },
        "articleSection": "Opinion"
    });
    let ld = serde_json::to_string_pretty(&ld).expect("JSON-LD serializes");
    put!(
        h,
        "<script type=\"application/ld+json\">\n{}\n</script>",
        ld.replace("</", "<\\/")
    );
    put!(
        h,
        "<style>.{k}-wrap{{max-width:1140px;margin:0 auto}}.cookie-notice{{position:fixed;bottom:0}}</style>"
    );
    put!(
        h,
        "<script async src=\"https://{domain}/static/js/analytics.js\"></script>"
    );
    put!(
        h,
        "</head>\n<body class=\"single single-post postid-{}\">",
        &a.id[1..]
    );

    put!(
        h,
        "<div id=\"cookie-notice\" class=\"cookie-notice\" role=\"dialog\" aria-label=\"Cookie consent\">"
    );
    put!(
        h,
        "  <span>We use cookies to personalise content, to measure traffic and to show you relevant offers from our partners. You can change your choices at any time in our Cookie Policy.</span>"
    );
    put!(
        h,
        "  <a href=\"#\" class=\"cn-button\">Accept all</a> <a href=\"https://{domain}/privacy/\" class=\"cn-button\">Manage preferences</a>\n</div>"
    );

    put!(h, "<header class=\"{k}-masthead\" role=\"banner\">");
    put!(
        h,
        "  <div class=\"{k}-logo\"><a href=\"https://{domain}/\" rel=\"home\">{}</a></div>",
        esc(outlet)
    );
    put!(
        h,
        "  <nav class=\"{k}-nav\" aria-label=\"Primary\">\n    <ul class=\"menu\">"
    );
    let rotate = a.outlet % SECTIONS.len();
    for s in SECTIONS[rotate..].iter().chain(&SECTIONS[..rotate]) {
        put!(
            h,
            "      <li class=\"menu-item\"><a href=\"https://{domain}/{}/\">{s}</a></li>",
            slug(s)
        );
    }
    put!(h, "    </ul>\n  </nav>");
    put!(
        h,
        "  <div class=\"{k}-account\"><a href=\"https://{domain}/login/\">Sign in</a></div>\n</header>"
    );

    put!(
        h,
        "<div class=\"{k}-wrap\">\n<main id=\"primary\" class=\"site-main\">"
    );
    put!(
        h,
        "<article id=\"post-{}\" class=\"post type-post status-publish\">",
        &a.id[1..]
    );
    put!(h, "  <header class=\"entry-header\">");
    put!(
        h,
        "    <p class=\"kicker\"><a href=\"https://{domain}/opinion/\">Opinion</a></p>"
    );
    put!(h, "    <h1 class=\"entry-title\">{title}</h1>");
    put!(h, "    <div class=\"entry-meta\">");
    put!(
        h,
        "      <span class=\"byline\">By <a class=\"author\" href=\"{author_url}\">{}</a></span>",
        esc(&author)
    );
    put!(
        h,
        "      <time class=\"entry-date published\" datetime=\"{stamp}\">{}</time>",
        a.date.long()
    );
    put!(h, "    </div>\n  </header>");
    put!(h, "  <div class=\"entry-content\">");
    for b in &a.blocks {
        match b {
            Block::Paragraph(p) => put!(h, "<p>{}</p>\n", esc(p)),
            Block::Heading(t) => put!(h, "<h2>{}</h2>\n", esc(t)),
        }
    }
    put!(h, "  </div>");
    put!(
        h,
        "  <footer class=\"entry-footer\">\n    <div class=\"share-bar\">"
    );
    let enc = url.replace(':', "%3A").replace('/', "%2F");
    put!(
        h,
        "      <a class=\"share-x\" href=\"https://x.com/intent/tweet?url={enc}\">Share on X</a>"
    );
    put!(
        h,
        "      <a class=\"share-facebook\" href=\"https://www.facebook.com/sharer/sharer.php?u={enc}\">Share on Facebook</a>"
    );
    put!(
        h,
        "      <a class=\"share-linkedin\" href=\"https://www.linkedin.com/shareArticle?url={enc}\">Share on LinkedIn</a>"
    );
    put!(
        h,
        "      <button class=\"share-email\">Email</button> <button class=\"share-copy\">Copy link</button>"
    );
    put!(h, "    </div>\n  </footer>\n</article>");

    // Comments by three readers.
    put!(h, "<section id=\"comments\" class=\"comments-area\">");
    put!(
        h,
        "  <h3 class=\"comments-title\">3 thoughts on &ldquo;{title}&rdquo;</h3>\n  <ol class=\"comment-list\">"
    );
    let first = chrome.rng.below(COMMENTERS.len());
    for c in 0..3 {
        let name = COMMENTERS[(first + c * 7) % COMMENTERS.len()];
        let hour = (a.hour + 1 + 2 * c as u32).min(23);
        let minute = chrome.rng.range(0, 59) as u32;
        let mut text = String::new();
        chrome.expand_one(COMMENTS, &mut text);
        put!(
            h,
            "    <li id=\"comment-{}{c}\" class=\"comment\">",
            &a.id[1..]
        );
        put!(
            h,
            "      <div class=\"comment-meta\">Posted by <b class=\"fn\">{name}</b> &middot; <time datetime=\"{}T{hour:02}:{minute:02}:00+00:00\">{} at {}</time></div>",
            a.date.iso(),
            a.date.long(),
            clock(hour, minute)
        );
        put!(
            h,
            "      <div class=\"comment-content\"><p>{}</p></div>\n    </li>",
            esc(&text)
        );
    }
    put!(h, "  </ol>\n</section>\n</main>");

    // Related stories and a newsletter box.
    put!(
        h,
        "<aside id=\"secondary\" class=\"widget-area\" role=\"complementary\">"
    );
    put!(
        h,
        "  <section class=\"widget newsletter-box\">\n    <h3 class=\"widget-title\">The {outlet} Brief</h3>"
    );
    put!(
        h,
        "    <p>Our editors' picks on security and statecraft, twice a week.</p>"
    );
    put!(
        h,
        "    <form action=\"https://{domain}/newsletter/\" method=\"post\"><input type=\"email\" name=\"email\" placeholder=\"Your email address\"><button type=\"submit\">Sign up</button></form>\n  </section>"
    );
    put!(
        h,
        "  <section class=\"widget related-stories\">\n    <h3 class=\"widget-title\">Related stories</h3>\n    <ul>"
    );
    for _ in 0..5 {
        let headline = chrome.headline();
        put!(
            h,
            "      <li><a href=\"https://{domain}/opinion/{}/\">{}</a></li>",
            slug(&headline),
            esc(&headline)
        );
    }
    put!(h, "    </ul>\n  </section>\n</aside>\n</div>");

    put!(
        h,
        "<footer id=\"colophon\" class=\"site-footer\">\n  <div class=\"footer-links\">"
    );
    for (label, path) in [
        ("About", "about"),
        ("Masthead", "masthead"),
        ("Careers", "careers"),
        ("Advertise", "advertise"),
        ("Privacy", "privacy"),
        ("Terms", "terms"),
        ("Contact", "contact"),
        ("RSS", "feed"),
    ] {
        put!(h, "    <a href=\"https://{domain}/{path}/\">{label}</a>");
    }
    put!(
        h,
        "  </div>\n  <p class=\"copyright\">&copy; {} {}. All rights reserved.</p>\n</footer>",
        a.date.y,
        esc(outlet)
    );
    put!(
        h,
        "<script src=\"https://{domain}/static/js/site.min.js\"></script>\n</body>\n</html>"
    );
    h
}

/// Plain text as copied: title, byline, date line, paragraphs, tagline.
fn render_text(a: &Article, dated: bool) -> String {
    let mut t = String::with_capacity(a.body.len() + 300);
    put!(t, "{}\n\nBy {}", a.title, a.author_name());
    if dated {
        put!(t, "{}", a.date.long());
    }
    put!(t, "\n{}", a.body);
    if let Some(tagline) = &a.tagline {
        put!(t, "\n{tagline}");
    }
    t
}

/// Markdown with YAML front matter; headings as `## …`.
fn render_markdown(a: &Article, dated: bool) -> String {
    let mut m = String::with_capacity(a.body.len() + 300);
    put!(
        m,
        "---\ntitle: {}\nauthor: {}",
        js(&a.title),
        a.author_name()
    );
    if dated {
        put!(m, "date: {}", a.date.iso());
    }
    put!(m, "source: {}\n---\n", a.outlet().0);
    for (k, b) in a.blocks.iter().enumerate() {
        if k > 0 {
            m.push('\n');
        }
        match b {
            Block::Paragraph(p) => put!(m, "{p}"),
            Block::Heading(t) => put!(m, "## {t}"),
        }
    }
    m
}

/// One JSON Lines record: title, author, date, source, url, text.
fn render_jsonl(a: &Article, dated: bool) -> String {
    let date = if dated {
        format!(",\"date\":\"{}\"", a.date.iso())
    } else {
        String::new()
    };
    format!(
        "{{\"title\":{},\"author\":{}{date},\"source\":{},\"url\":{},\"text\":{}}}\n",
        js(&a.title),
        js(&a.author_name()),
        js(a.outlet().0),
        js(&a.url(dated)),
        js(&a.body)
    )
}

/// One line of `tantivy.jsonl`; undated articles have no `date`.
fn render_tantivy(a: &Article, dated: bool, path: &str) -> String {
    let date = if dated {
        format!(",\"date\":\"{}T00:00:00Z\"", a.date.iso())
    } else {
        String::new()
    };
    format!(
        "{{\"id\":\"{}\",\"title\":{},\"body\":{},\"author\":{}{date},\"source\":{},\"path\":{}}}\n",
        a.id,
        js(&a.title),
        js(&a.body),
        js(&a.author_name()),
        js(a.outlet().0),
        js(path)
    )
}

// ---------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------

/// What the main thread needs to know about one article.
struct Facts {
    author: usize,
    /// The date the text formats show, if any.
    date: Option<Date>,
    hits: u8,
}

/// The output of a chunk of consecutive articles, written in order by the
/// main thread.
struct ChunkOut {
    index: usize,
    tantivy: String,
    /// JSON Lines records: (feed number, line).
    feeds: Vec<(usize, String)>,
    facts: Vec<Facts>,
    bytes: u64,
}

/// Generates articles `start..end`, writing the single-article files.
fn run_chunk(
    world: &World,
    plans: &[Plan],
    corpus: &Path,
    index: usize,
    range: std::ops::Range<usize>,
) -> io::Result<ChunkOut> {
    let docs = plans.len();
    let mut out = ChunkOut {
        index,
        tantivy: String::new(),
        feeds: Vec::new(),
        facts: Vec::new(),
        bytes: 0,
    };
    for i in range {
        let p = &plans[i];
        let a = build_article(world, i, docs, p);
        let dated = !p.undated;
        let path = relative_path(&a.id, p);
        let file = match p.format {
            Format::Html => {
                let rng = Rng::new(hash3(world.seed, STREAM_CHROME, i as u64));
                Some(render_html(&a, &mut Writer::new(world, rng)))
            }
            Format::Text => Some(render_text(&a, dated)),
            Format::Markdown => Some(render_markdown(&a, dated)),
            Format::Jsonl => {
                let line = render_jsonl(&a, dated);
                out.bytes += line.len() as u64;
                out.feeds.push((p.seq / FEED_SIZE, line));
                None
            }
        };
        if let Some(text) = file {
            out.bytes += text.len() as u64;
            fs::write(corpus.join(&path), text)?;
        }
        let line = render_tantivy(&a, dated, &path);
        out.bytes += line.len() as u64;
        out.tantivy.push_str(&line);
        out.facts.push(Facts {
            author: a.author,
            date: dated.then_some(a.date),
            hits: query_hits(&a, &world.rare_term),
        });
    }
    Ok(out)
}

/// The contents of `queries.json`.
#[derive(Serialize)]
struct Queries {
    docs: usize,
    rare_term: String,
    rare_term_docs: usize,
    common_term: &'static str,
    and_terms: [&'static str; 2],
    phrase: &'static str,
    stopword_phrase: &'static str,
    author: String,
    date_from: String,
    date_to: String,
}

/// Parsed command line.
struct Args {
    docs: usize,
    out: PathBuf,
    seed: u64,
    force: bool,
}

/// Parses the command line; `Err(None)` asks for help.
fn parse_args() -> Result<Args, Option<String>> {
    let mut docs = None;
    let mut out = None;
    let mut seed = 42;
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| Some(format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--docs" => {
                let v = value()?;
                let n = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=9_999_999).contains(n));
                docs =
                    Some(n.ok_or_else(|| {
                        Some(format!("--docs: not a number from 1 to 9999999: {v}"))
                    })?);
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| Some(format!("--seed: not an unsigned integer: {v}")))?;
            }
            "--force" => force = true,
            "-h" | "--help" => return Err(None),
            other => return Err(Some(format!("unknown argument: {other}"))),
        }
    }
    Ok(Args {
        docs: docs.ok_or_else(|| Some("--docs is required".to_string()))?,
        out: out.ok_or_else(|| Some("--out is required".to_string()))?,
        seed,
        force,
    })
}

/// Creates the output folders; refuses to mix with an earlier run unless
/// `force`, which removes that run's output (and only that).
fn prepare(out: &Path, plans: &[Plan], force: bool) -> Result<PathBuf, String> {
    let corpus = out.join("corpus");
    let ours = [
        corpus.clone(),
        out.join("tantivy.jsonl"),
        out.join("queries.json"),
    ];
    if let Some(existing) = ours.iter().find(|p| p.exists()) {
        if !force {
            return Err(format!(
                "{} exists: remove it, or pass --force to replace the earlier output",
                existing.display()
            ));
        }
        for p in &ours {
            let removed = if p.is_dir() {
                fs::remove_dir_all(p)
            } else {
                fs::remove_file(p)
            };
            match removed {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(format!("cannot remove {}: {e}", p.display()));
                }
                _ => {}
            }
        }
    }
    let mut folders: Vec<PathBuf> = vec![corpus.join("jsonl")];
    for (format, name) in [
        (Format::Html, "html"),
        (Format::Text, "text"),
        (Format::Markdown, "markdown"),
    ] {
        let files = plans.iter().filter(|p| p.format == format).count();
        folders.extend(
            (0..files.div_ceil(FOLDER_SIZE)).map(|k| corpus.join(format!("{name}/{k:03}"))),
        );
    }
    for f in &folders {
        fs::create_dir_all(f).map_err(|e| format!("cannot create {}: {e}", f.display()))?;
    }
    Ok(corpus)
}

/// Writes chunk outputs in order: `tantivy.jsonl` and the feeds.
struct Sink {
    tantivy: BufWriter<File>,
    jsonl_dir: PathBuf,
    feed: Option<(usize, BufWriter<File>)>,
    facts: Vec<Facts>,
    bytes: u64,
}

impl Sink {
    fn write(&mut self, chunk: ChunkOut) -> io::Result<()> {
        self.tantivy.write_all(chunk.tantivy.as_bytes())?;
        for (feed, line) in chunk.feeds {
            if self.feed.as_ref().is_none_or(|(n, _)| *n != feed) {
                if let Some((_, mut w)) = self.feed.take() {
                    w.flush()?;
                }
                let path = self.jsonl_dir.join(format!("feed-{feed:03}.jsonl"));
                self.feed = Some((feed, BufWriter::new(File::create(path)?)));
            }
            if let Some((_, w)) = &mut self.feed {
                w.write_all(line.as_bytes())?;
            }
        }
        self.facts.extend(chunk.facts);
        self.bytes += chunk.bytes;
        Ok(())
    }

    fn finish(mut self) -> io::Result<(Vec<Facts>, u64)> {
        self.tantivy.flush()?;
        if let Some((_, mut w)) = self.feed.take() {
            w.flush()?;
        }
        Ok((self.facts, self.bytes))
    }
}

/// Generates all articles on all cores, writing in article order.
fn generate(
    world: &World,
    plans: &[Plan],
    out: &Path,
    corpus: &Path,
) -> Result<(Vec<Facts>, u64), String> {
    let tantivy_path = out.join("tantivy.jsonl");
    let tantivy = File::create(&tantivy_path)
        .map_err(|e| format!("cannot create {}: {e}", tantivy_path.display()))?;
    let mut sink = Sink {
        tantivy: BufWriter::with_capacity(1 << 20, tantivy),
        jsonl_dir: corpus.join("jsonl"),
        feed: None,
        facts: Vec::with_capacity(plans.len()),
        bytes: 0,
    };
    let chunks = plans.len().div_ceil(CHUNK);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(chunks);
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<io::Result<ChunkOut>>(workers * 2);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    if c >= chunks {
                        break;
                    }
                    let range = c * CHUNK..((c + 1) * CHUNK).min(plans.len());
                    let result = run_chunk(world, plans, corpus, c, range);
                    let failed = result.is_err();
                    if tx.send(result).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Chunks finish out of order; hold them until their turn.
        let mut pending: BTreeMap<usize, ChunkOut> = BTreeMap::new();
        let mut turn = 0;
        for result in rx {
            let chunk = result.map_err(|e| format!("cannot write the corpus: {e}"))?;
            pending.insert(chunk.index, chunk);
            while let Some(chunk) = pending.remove(&turn) {
                sink.write(chunk)
                    .map_err(|e| format!("cannot write output: {e}"))?;
                turn += 1;
            }
        }
        if turn != chunks {
            return Err("a worker thread stopped early".to_string());
        }
        Ok(())
    })?;
    sink.finish()
        .map_err(|e| format!("cannot write output: {e}"))
}

/// Chooses the author and date queries from what was generated, and counts
/// the documents each query matches.
fn queries(world: &World, facts: &[Facts]) -> (Queries, Vec<(&'static str, usize)>) {
    let count = |bit: u8| facts.iter().filter(|f| f.hits & bit != 0).count();
    let mut per_author = vec![0usize; AUTHORS.len()];
    for f in facts {
        per_author[f.author] += 1;
    }
    let top = (0..AUTHORS.len())
        .max_by_key(|&a| (per_author[a], usize::MAX - a))
        .unwrap_or(0);
    let in_window = |(from, to): (Date, Date)| {
        facts
            .iter()
            .filter(|f| f.date.is_some_and(|d| d >= from && d <= to))
            .count()
    };
    let mut window = DATE_WINDOW;
    if in_window(window) == 0 {
        // Few articles: the whole year of the first dated one.
        let y = facts.iter().find_map(|f| f.date).map_or(2020, |d| d.y);
        window = (Date::new(y, 1, 1), Date::new(y, 12, 31));
    }
    let (first, last, _) = AUTHORS[top];
    let q = Queries {
        docs: facts.len(),
        rare_term: world.rare_term.clone(),
        rare_term_docs: count(HAS_RARE),
        common_term: COMMON_TERM,
        and_terms: AND_TERMS,
        phrase: PHRASE_QUERY,
        stopword_phrase: STOPWORD_PHRASE,
        author: format!("{first} {last}"),
        date_from: window.0.iso(),
        date_to: window.1.iso(),
    };
    let counts = vec![
        ("rare_term", count(HAS_RARE)),
        ("common_term", count(HAS_COMMON)),
        ("and_terms", count(HAS_AND)),
        ("phrase", count(HAS_PHRASE)),
        ("stopword_phrase", count(HAS_STOPWORD_PHRASE)),
        ("author", per_author[top]),
        ("date range", in_window(window)),
    ];
    (q, counts)
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let world = World::new(args.seed);
    let plans = plan(args.seed, args.docs);
    let corpus = prepare(&args.out, &plans, args.force)?;
    let (facts, bytes) = generate(&world, &plans, &args.out, &corpus)?;
    let (q, counts) = queries(&world, &facts);
    let json = serde_json::to_string_pretty(&q).expect("queries serialize") + "\n";
    let queries_path = args.out.join("queries.json");
    fs::write(&queries_path, &json)
        .map_err(|e| format!("cannot write {}: {e}", queries_path.display()))?;
    eprintln!(
        "gen_corpus: {} articles, {:.1} MB in {}, {:.1} s",
        args.docs,
        (bytes + json.len() as u64) as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    for (name, n) in counts {
        eprintln!("  {name:<16} matches {n} documents");
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(Some(msg)) => {
            eprintln!("gen_corpus: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("gen_corpus: {msg}");
            ExitCode::FAILURE
        }
    }
}
