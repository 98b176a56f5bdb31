//! The word lists the extractor runs on, kept as data files under
//! `data/lexicons/` so they can be reviewed and adapted on their own.
//!
//! Every matcher (hash sets, regexes, Aho-Corasick automata) is built here
//! once, when the lexicon is loaded; the pipeline only looks things up.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::model::ClaimKind;

/// A lexicon file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: line {line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

/// Declares every lexicon list once: the `LexiconData` field, its type, and
/// the builder that reads it from its file(s), called as
/// `builder(files, "file.txt", ...)` (extra arguments after `;`). The
/// built-in texts (`FILES`) are gathered from the same lines, so adding a
/// list is one line here and its file in `data/lexicons/`.
macro_rules! lexicon {
    ($(
        $(#[doc = $doc:literal])*
        $field:ident: $ty:ty = $builder:ident($($file:literal),* $(; $arg:expr)?)
    ),* $(,)?) => {
        /// Every lexicon file, with its built-in text.
        const FILES: &[(&str, &str)] = &[
            $($(($file, include_str!(concat!("../../data/lexicons/", $file))),)*)*
        ];

        /// The loaded word lists and every matcher built from them.
        #[derive(Debug)]
        pub struct LexiconData {
            /// For every word on one of the lists that rules check per
            /// token, which lists it is on.
            classes: HashMap<String, WordClasses>,
            $($(#[doc = $doc])* pub $field: $ty,)*
        }

        impl LexiconData {
            fn build(files: &Files) -> Result<LexiconData, LexiconError> {
                let mut data = LexiconData {
                    classes: HashMap::default(),
                    $($field: $builder(files $(, $file)* $(, $arg)?)?,)*
                };
                data.classes = word_classes(&data);
                Ok(data)
            }
        }
    };
}

lexicon! {
    /// Reporting verbs in every inflection.
    verbs: HashMap<String, VerbInfo> = verbs("reporting_verbs.txt"),
    participles: WordSet = set("participle_cues.txt"),
    /// Matched on the bytes of a trimmed line; ASCII rules keep it small.
    junk: regex::bytes::Regex = junk("junk_lines.txt"),
    titles: WordSet = set("titles.txt"),
    org_heads: WordSet = set("org_heads.txt"),
    media_heads: WordSet = set("media_heads.txt"),
    anonymous_heads: WordSet = set("anonymous_heads.txt"),
    audiences: WordSet = set("audiences.txt"),
    documents: WordSet = set("documents.txt"),
    kind_cues: KindCues = kind_cues(
        "kind_non_confirmation.txt",
        "kind_denial.txt",
        "kind_condemnation.txt",
        "kind_intention.txt",
        "kind_assessment.txt"
    ),
    critical_sources: WordSet = set("critical_sources.txt"),
    number_words: HashMap<String, f64> = numbers("number_words.txt"),
    scales: HashMap<String, f64> = numbers("number_scales.txt"),
    /// Approximation hedges, each split into lowercase words.
    approx: Vec<Vec<String>> = word_lists("approx_words.txt"),
    /// Currency prefixes, longest first, with their unit.
    currencies: Vec<(String, String)> = currencies("currencies.txt"),
    months: WordSet = set("months.txt"),
    abbreviations: HashMap<String, AbbrevClass> = abbreviations("abbreviations.txt"),
    function_words: WordSet = set("function_words.txt"),
    subordinators: WordSet = set("subordinators.txt"),
    pre_verb: WordSet = set("pre_verb_adverbs.txt"),
    time_words: WordSet = set("time_words.txt"),
    adjunct_preps: WordSet = set("adjunct_preps.txt"),
    /// Determiners and possessives, tagged with the rules that read
    /// some of them on their own.
    determiners: Tagged = tagged("determiners.txt"; DETERMINER_TAGS),
    pronouns: HashMap<String, PronounRef> = pronouns("pronouns.txt"),
    conventions: PhraseSet = phrases("non_confirmation_conventions.txt"),
    auxiliaries: WordSet = set("auxiliaries.txt"),
    connectors: WordSet = set("connectors.txt"),
    /// Heads of businesses; `@generic` ones ("company") refer back to any.
    company_heads: Tagged = tagged("company_heads.txt"; COMPANY_HEAD_TAGS),
    /// Words that end a company's registered name ("Inc.", "GmbH").
    legal_forms: WordSet = set("legal_forms.txt"),
    /// Adjectives of a stance that take a clause ("concerned that").
    stance_adjectives: WordSet = set("stance_adjectives.txt"),
    future_markers: WordSet = set("future_markers.txt"),
    consequence_verbs: WordSet = set("consequence_verbs.txt"),
    /// Role words that tell a person's gender: true for female.
    gendered: HashMap<String, bool> = gendered("gendered_words.txt"),
    /// Sentence openings that announce what follows, each split into
    /// lowercase words.
    transitions: Vec<Vec<String>> = word_lists("transitions.txt"),
    /// Forms of "be", tagged with their form: they tell a passive ("was
    /// told") from a verb with its subject.
    be_forms: Tagged = tagged("be_forms.txt"; BE_FORM_TAGS),
    /// Participles of publishing ("released", "issued"), tagged with the
    /// constructions that read them.
    publication_verbs: Tagged = tagged("publication_verbs.txt"; PUBLICATION_VERB_TAGS),
    /// Nouns for a statement ("claim", "allegation"), tagged with the
    /// constructions that read them.
    claim_nouns: Tagged = tagged("claim_nouns.txt"; CLAIM_NOUN_TAGS),
    /// Occasions of a statement ("in a statement", "at a news
    /// conference"), tagged with where they stand.
    speech_events: Tagged = tagged("speech_events.txt"; SPEECH_EVENT_TAGS),
    /// The days of the week.
    weekdays: WordSet = set("weekdays.txt"),
    /// Singular nouns that take a plural verb ("police say").
    collective_subjects: WordSet = set("collective_subjects.txt"),
    /// Words opening a sentence before its frame ("Meanwhile,", "But").
    sentence_openers: Tagged = tagged("sentence_openers.txt"; SENTENCE_OPENER_TAGS),
    /// Words that end the head of a party's mention ("officials familiar
    /// with", "a report issued by").
    mention_head_ends: Tagged = tagged("mention_head_ends.txt"; MENTION_HEAD_END_TAGS),
    /// Two-word phrases that tie another party into a speaker's words
    /// ("briefed by", "speaking to").
    link_phrases: Tagged = tagged("link_phrases.txt"; LINK_PHRASE_TAGS),
    /// Relative pronouns, tagged with the part they play in their clause.
    relative_pronouns: Tagged = tagged("relative_pronouns.txt"; RELATIVE_PRONOUN_TAGS),
    /// Pronouns as subjects, tagged with the verb form they take.
    subject_pronouns: Tagged = tagged("subject_pronouns.txt"; SUBJECT_PRONOUN_TAGS),
    /// Words opening a content clause ("whether", "how").
    clause_openers: WordSet = set("clause_openers.txt"),
    /// Conjunctions joining clauses, tagged with the rules that read them.
    conjunctions: Tagged = tagged("conjunctions.txt"; CONJUNCTION_TAGS),
    /// Words right before a reporting verb that leave it no subject of its
    /// own ("who said", "to say").
    no_subject_words: WordSet = set("no_subject_words.txt"),
    /// Words opening a comma segment after a party that do not describe it.
    non_appositions: WordSet = set("non_appositions.txt"),
    /// Words leading a time expression ("on", "last").
    time_leads: WordSet = set("time_leads.txt"),
    /// Prepositions tying a party's title, role or document to its body.
    party_prepositions: Tagged = tagged("party_prepositions.txt"; PARTY_PREPOSITION_TAGS),
    /// Prepositions telling a reporting verb from a noun or participle.
    verb_prepositions: Tagged = tagged("verb_prepositions.txt"; VERB_PREPOSITION_TAGS),
    /// Nouns a number word after them numbers as a position ("day one").
    position_nouns: WordSet = set("position_nouns.txt"),
    /// Words making a number a time of day ("a.m.", "GMT").
    clock_words: WordSet = set("clock_words.txt"),
    /// Words making a number a percentage, each split into lowercase
    /// words ("per cent").
    percent_words: Vec<Vec<String>> = word_lists("percent_words.txt"),
    /// Suffixes of ordinals in digits ("1st", "23rd").
    ordinal_suffixes: WordSet = set("ordinal_suffixes.txt"),
    /// Adverbs between a future marker and its verb ("will not").
    modal_adverbs: WordSet = set("modal_adverbs.txt"),
    patterns: Patterns = layout_patterns(),
}

impl LexiconData {
    /// The per-token word lists `word` (lowercase) is on.
    pub fn classes_of(&self, word: &str) -> WordClasses {
        self.classes.get(word).copied().unwrap_or_default()
    }
}

/// Which inflection of a reporting verb a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    Base,
    ThirdPerson,
    Past,
    Participle,
}

/// What the lexicon knows about one surface form of a reporting verb.
#[derive(Debug, Clone)]
pub struct VerbInfo {
    pub base: String,
    pub form: VerbForm,
    /// A verb of saying: allows "said Smith" and nested frames.
    pub speech: bool,
    /// May take a plain noun phrase as its content.
    pub np_object: bool,
    /// Attributes only when a clause follows.
    pub needs_clause: bool,
    /// Its object is the listener, and the content follows it ("told
    /// reporters that ...").
    pub object: bool,
    /// Puts another party inside the speaker: "X quoted Y as saying",
    /// "..., citing Y".
    pub citing: bool,
    /// In the passive, the party after "by" carried someone's words and
    /// made no statement of its own ("was quoted by Y").
    pub by_link: bool,
    pub kind: Option<ClaimKind>,
}

/// How an abbreviation with a dot behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    Title,
    Number,
    Suffix,
    Other,
}

/// The kind of party a pronoun refers back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounRef {
    Person,
    Organization,
    Any,
}

/// Phrase lists matched on lowercase text, whole words only.
#[derive(Debug)]
pub struct PhraseSet {
    automaton: AhoCorasick,
}

impl PhraseSet {
    fn new(phrases: &[String]) -> PhraseSet {
        let phrases = with_curly_apostrophes(phrases);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("phrase automaton");
        PhraseSet { automaton }
    }

    /// Byte ranges of whole-word matches in `lower`.
    pub fn find_all(&self, lower: &str) -> Vec<(usize, usize)> {
        let bytes = lower.as_bytes();
        self.automaton
            .find_iter(lower)
            .filter(|m| {
                let before = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
                let after = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
                before && after
            })
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// The first whole-word match in `lower`, as `find_all` would list it
    /// first, without looking further.
    pub fn first(&self, lower: &str) -> Option<(usize, usize)> {
        let bytes = lower.as_bytes();
        self.automaton
            .find_iter(lower)
            .find(|m| {
                let before = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
                let after = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
                before && after
            })
            .map(|m| (m.start(), m.end()))
    }

    pub fn is_match(&self, lower: &str) -> bool {
        self.first(lower).is_some()
    }
}

/// Each phrase, plus its form with typographic apostrophes ("didn’t").
fn with_curly_apostrophes(phrases: &[String]) -> Vec<String> {
    let mut out = phrases.to_vec();
    out.extend(
        phrases
            .iter()
            .filter(|p| p.contains('\''))
            .map(|p| p.replace('\'', "’")),
    );
    out
}

/// The cue phrases of every claim kind, indexed by their first word so a
/// claim's words are looked up once each.
#[derive(Debug)]
pub struct KindCues {
    by_first: HashMap<String, Vec<(Vec<String>, ClaimKind)>>,
}

impl KindCues {
    fn new(lists: &[(ClaimKind, Vec<(usize, String)>)]) -> KindCues {
        let mut by_first: HashMap<String, Vec<(Vec<String>, ClaimKind)>> = HashMap::default();
        for (kind, lines) in lists {
            let plain: Vec<String> = lines.iter().map(|(_, l)| l.clone()).collect();
            for l in with_curly_apostrophes(&plain) {
                let mut words = l
                    .to_lowercase()
                    .split_whitespace()
                    .map(String::from)
                    .collect::<Vec<_>>();
                if words.is_empty() {
                    continue;
                }
                let first = words.remove(0);
                by_first.entry(first).or_default().push((words, *kind));
            }
        }
        KindCues { by_first }
    }

    /// Whether cues of each kind occur among `words` (lowercase), indexed
    /// like `ClaimKind::ALL`. `classes` may give the word lists of each
    /// word (see `kinds::KindInput`), which saves looking up the words
    /// that start no cue.
    pub fn kinds_in(&self, words: &[&str], classes: &[Option<WordClasses>]) -> [bool; 6] {
        let mut found = [false; 6];
        for (i, w) in words.iter().enumerate() {
            if let Some(Some(c)) = classes.get(i)
                && !c.contains(WordClasses::KIND_CUE_STARTS)
            {
                continue;
            }
            let Some(phrases) = self.by_first.get(*w) else {
                continue;
            };
            for (rest, kind) in phrases {
                let fits = rest.len() < words.len() - i
                    && rest.iter().zip(&words[i + 1..]).all(|(a, b)| a == b);
                if fits && let Some(k) = ClaimKind::ALL.iter().position(|x| x == kind) {
                    found[k] = true;
                }
            }
        }
        found
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b >= 0x80
}

/// The word lists a word is on, as bits. Each token looks its word up
/// once (`LexiconData::classes`), so the many list checks the rules make
/// on a token are bit tests instead of repeated hash lookups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClasses(u32);

impl WordClasses {
    pub const DETERMINERS: WordClasses = WordClasses(1 << 0);
    pub const AUXILIARIES: WordClasses = WordClasses(1 << 1);
    pub const TIME_WORDS: WordClasses = WordClasses(1 << 2);
    pub const ADJUNCT_PREPS: WordClasses = WordClasses(1 << 3);
    pub const CONNECTORS: WordClasses = WordClasses(1 << 4);
    pub const PARTICIPLES: WordClasses = WordClasses(1 << 5);
    pub const TITLES: WordClasses = WordClasses(1 << 6);
    pub const ORG_HEADS: WordClasses = WordClasses(1 << 7);
    pub const MEDIA_HEADS: WordClasses = WordClasses(1 << 8);
    pub const ANONYMOUS_HEADS: WordClasses = WordClasses(1 << 9);
    pub const FUNCTION_WORDS: WordClasses = WordClasses(1 << 10);
    pub const SUBORDINATORS: WordClasses = WordClasses(1 << 11);
    pub const PRE_VERB: WordClasses = WordClasses(1 << 12);
    pub const PRONOUNS: WordClasses = WordClasses(1 << 13);
    pub const NUMBER_WORDS: WordClasses = WordClasses(1 << 14);
    pub const MONTHS: WordClasses = WordClasses(1 << 15);
    pub const DOCUMENTS: WordClasses = WordClasses(1 << 16);
    pub const AUDIENCES: WordClasses = WordClasses(1 << 17);
    pub const SCALES: WordClasses = WordClasses(1 << 18);
    pub const VERBS: WordClasses = WordClasses(1 << 19);
    pub const COMPANY_HEADS: WordClasses = WordClasses(1 << 20);
    /// The first word of a claim-kind cue phrase.
    pub const KIND_CUE_STARTS: WordClasses = WordClasses(1 << 21);
    pub const FUTURE_MARKERS: WordClasses = WordClasses(1 << 22);
    pub const MENTION_HEAD_ENDS: WordClasses = WordClasses(1 << 23);
    pub const BE_FORMS: WordClasses = WordClasses(1 << 24);
    pub const SENTENCE_OPENERS: WordClasses = WordClasses(1 << 25);
    /// The "-ing" form of a `@citing` verb ("citing", "quoting").
    pub const CITING: WordClasses = WordClasses(1 << 26);
    /// Subject pronouns that open a clause (`subject_pronouns` @clause).
    pub const CLAUSE_SUBJECTS: WordClasses = WordClasses(1 << 27);
    /// Conjunctions that join clauses (`conjunctions` @clause).
    pub const CLAUSE_JOINERS: WordClasses = WordClasses(1 << 28);
    /// Conjunctions that join words (`conjunctions` @joins).
    pub const WORD_JOINERS: WordClasses = WordClasses(1 << 29);
    /// The first word of a two-word link phrase ("briefed" of "briefed
    /// by").
    pub const LINK_STARTS: WordClasses = WordClasses(1 << 30);
    /// Relative pronouns that stand for a verb's object or a
    /// preposition's (`relative_pronouns` @oblique: "which", "whom").
    pub const OBLIQUE_RELATIVES: WordClasses = WordClasses(1 << 31);

    /// Whether the word is on any of the lists of `other`.
    pub fn contains(self, other: WordClasses) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for WordClasses {
    type Output = WordClasses;
    fn bitor(self, other: WordClasses) -> WordClasses {
        WordClasses(self.0 | other.0)
    }
}

/// Regular expressions for article furniture (datelines, bylines,
/// copyright footers). They describe layout, not vocabulary.
#[derive(Debug)]
pub struct Patterns {
    pub dateline: Regex,
    pub dateline_colon: Regex,
    pub byline: Regex,
    pub copyright: Regex,
}

impl Patterns {
    fn new() -> Patterns {
        Patterns {
            // "OSLO, Oct. 23 (Nordwire) —", "DAYTON, Ohio — ", "LIMA - ",
            // "ST. CLOUD, Minn. — ", "NAIROBI, Kenya (Rift Wire) — ".
            dateline: Regex::new(
                r"^(?P<place>[A-Z][A-Z.'’ -]*[A-Z.])(?:, (?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,3}))?(?:,? (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?(?: \((?P<outlet>[^)]{2,60})\))?\s*(?:—|–|--|-|:)\s+",
            )
            .expect("dateline regex"),
            // "Seoul: ", "Boston: ", "New York: ".
            dateline_colon: Regex::new(
                r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?:, (?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}))?:\s+",
            )
                .expect("dateline colon regex"),
            byline: Regex::new(
                r"^(?i:posted by|written by|by)\s+(?P<name>[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,4}(?:\s+and\s+[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3})?)\s*(?:[,|]\s*(?P<rest>.*))?$",
            )
            .expect("byline regex"),
            copyright: Regex::new(
                r"^(?i:copyright)?\s*(?:©|\(c\)|(?i:copyright))\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)?\s*,?\s*(?P<owner>[^.]+?)\s*(?:\.\s*(?i:all rights reserved)\.?)?\s*\.?$",
            )
            .expect("copyright regex"),
        }
    }
}

/// All word lists, loaded once and shared by every extraction.
#[derive(Debug, Clone)]
pub struct Lexicon {
    data: Arc<LexiconData>,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::builtin()
    }
}

impl std::ops::Deref for Lexicon {
    type Target = LexiconData;
    fn deref(&self) -> &LexiconData {
        &self.data
    }
}

impl Lexicon {
    /// The lexicons compiled into the binary from `data/lexicons/`.
    pub fn builtin() -> Lexicon {
        let texts: HashMap<&str, (String, String)> = FILES
            .iter()
            .map(|(name, text)| (*name, (format!("builtin:{name}"), text.to_string())))
            .collect();
        Lexicon::from_texts(&texts).expect("built-in lexicons parse")
    }

    /// Lexicons read from a directory laid out like `data/lexicons/`; a file
    /// missing there falls back to the built-in one.
    pub fn load_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let mut texts = HashMap::default();
        for (name, builtin) in FILES {
            let path = dir.join(name);
            let entry = match std::fs::read_to_string(&path) {
                Ok(text) => (path.display().to_string(), text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    (format!("builtin:{name}"), builtin.to_string())
                }
                Err(source) => {
                    return Err(LexiconError::Read {
                        path: path.display().to_string(),
                        source,
                    });
                }
            };
            texts.insert(*name, entry);
        }
        Lexicon::from_texts(&texts)
    }

    fn from_texts(texts: &HashMap<&str, (String, String)>) -> Result<Lexicon, LexiconError> {
        let data = LexiconData::build(&Files { texts })?;
        Ok(Lexicon {
            data: Arc::new(data),
        })
    }
}

/// The lexicon texts by file name, each with the path errors name.
struct Files<'a> {
    texts: &'a HashMap<&'a str, (String, String)>,
}

/// One lexicon file's entries: non-comment, non-empty lines, trimmed,
/// with their 1-based line numbers.
struct LexiconFile<'a> {
    path: &'a str,
    entries: Vec<(usize, &'a str)>,
}

impl<'a> Files<'a> {
    fn read(&self, name: &str) -> LexiconFile<'a> {
        let (path, text) = &self.texts[name];
        let entries = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let l = l.trim();
                (!l.is_empty() && !l.starts_with('#')).then_some((i + 1, l))
            })
            .collect();
        LexiconFile { path, entries }
    }
}

impl LexiconFile<'_> {
    fn error(&self, line: usize, message: impl Into<String>) -> LexiconError {
        LexiconError::Parse {
            path: self.path.to_string(),
            line,
            message: message.into(),
        }
    }

    /// The entries lowercased.
    fn lowercase(&self) -> impl Iterator<Item = String> + '_ {
        self.entries.iter().map(|(_, l)| l.to_lowercase())
    }

    /// Entries of two fields, the word and the rest of the line, with
    /// their line numbers.
    fn pairs(&self) -> Result<Vec<(usize, String, String)>, LexiconError> {
        self.entries
            .iter()
            .map(|&(n, l)| {
                let mut it = l.split_whitespace();
                let a = it.next().unwrap_or_default().to_string();
                let b = it.collect::<Vec<_>>().join(" ");
                if b.is_empty() {
                    Err(self.error(n, "expected two fields"))
                } else {
                    Ok((n, a, b))
                }
            })
            .collect()
    }

    /// Entries whose second field is one of `classes`, as the word
    /// lowercased and the class's value.
    fn classified<T: Copy>(&self, classes: &[(&str, T)]) -> Result<Vec<(String, T)>, LexiconError> {
        self.pairs()?
            .into_iter()
            .map(|(n, word, class)| {
                let value = classes
                    .iter()
                    .find(|(name, _)| *name == class)
                    .map(|&(_, v)| v)
                    .ok_or_else(|| {
                        let known: Vec<&str> = classes.iter().map(|(name, _)| *name).collect();
                        self.error(
                            n,
                            format!("unknown class {class:?} (known: {})", known.join(", ")),
                        )
                    })?;
                Ok((word.to_lowercase(), value))
            })
            .collect()
    }
}

/// The tags a tagged list may use, in bit order. Adding a tag: add it
/// here and describe it in the list's file.
pub const BE_FORM_TAGS: Tags = Tags(&["past", "present", "participle", "gerund", "base"]);
pub const PUBLICATION_VERB_TAGS: Tags = Tags(&["by", "issuer", "document"]);
pub const CLAIM_NOUN_TAGS: Tags = Tags(&["counter", "cited"]);
pub const SPEECH_EVENT_TAGS: Tags = Tags(&["event", "compound"]);
pub const SENTENCE_OPENER_TAGS: Tags = Tags(&["adverbial", "conjunction", "asked"]);
pub const DETERMINER_TAGS: Tags = Tags(&["article", "indefinite", "event", "one"]);
pub const COMPANY_HEAD_TAGS: Tags = Tags(&["generic"]);
pub const MENTION_HEAD_END_TAGS: Tags = Tags(&["name", "apposition", "role"]);
pub const LINK_PHRASE_TAGS: Tags = Tags(&["inside", "outside", "listener", "opening", "interview"]);
pub const RELATIVE_PRONOUN_TAGS: Tags = Tags(&["subject", "opens", "oblique", "counter"]);
pub const SUBJECT_PRONOUN_TAGS: Tags = Tags(&["clause", "base", "third"]);
pub const CONJUNCTION_TAGS: Tags = Tags(&["clause", "opening", "second", "refusal", "joins"]);
pub const PARTY_PREPOSITION_TAGS: Tags = Tags(&["title", "affiliation", "workplace", "issuer"]);
pub const VERB_PREPOSITION_TAGS: Tags = Tags(&[
    "after-base",
    "after-s",
    "after-comma",
    "placed",
    "after-noun",
    "in-phrase",
    "called",
]);

/// The tags declared for one tagged list.
#[derive(Debug, Clone, Copy)]
pub struct Tags(pub &'static [&'static str]);

/// Some of a list's tags, as bits; made by `Tags::bits` in a constant,
/// so a tag the list does not declare fails to compile.
#[derive(Debug, Clone, Copy)]
pub struct TagBits {
    bits: u32,
    of: &'static [&'static str],
}

impl Tags {
    /// The bits of the tags `names`: `const { BE_FORM_TAGS.bits(&["past"]) }`.
    pub const fn bits(self, names: &[&str]) -> TagBits {
        let mut bits = 0;
        let mut n = 0;
        while n < names.len() {
            let mut k = 0;
            let mut found = false;
            while k < self.0.len() {
                if same_str(self.0[k], names[n]) {
                    bits |= 1 << k;
                    found = true;
                }
                k += 1;
            }
            assert!(found, "a tag the list does not declare");
            n += 1;
        }
        TagBits { bits, of: self.0 }
    }
}

const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A word list whose entries carry tags (`word @tag @tag`) saying which
/// rules read them; the tags a list may use are declared with it (`Tags`).
#[derive(Debug)]
pub struct Tagged {
    tags: Tags,
    /// Each word (lowercase) with its tags as bits, in the order of `tags`.
    words: HashMap<String, u32>,
    /// How the entries start, end and how long they are: rules ask these
    /// lists about most words of every sentence, nearly always for a word
    /// that is not on them, and this turns most of those away without
    /// hashing.
    shape: ShapeFilter,
}

/// A plain word list (lowercase), asked about most words of every
/// sentence: see `ShapeFilter`.
#[derive(Debug)]
pub struct WordSet {
    words: HashSet<String>,
    shape: ShapeFilter,
}

impl WordSet {
    fn new(words: HashSet<String>) -> WordSet {
        let mut shape = ShapeFilter::default();
        words.iter().for_each(|word| shape.add(word));
        WordSet { words, shape }
    }

    /// Whether `word` (lowercase) is on the list.
    pub fn contains(&self, word: &str) -> bool {
        self.shape.may_hold_word(word) && self.words.contains(word)
    }

    /// Whether the two words (lowercase) are an entry of the list.
    pub fn contains_pair(&self, first: &str, second: &str) -> bool {
        self.shape.may_hold_pair(first, second)
            && with_pair(first, second, |pair| self.words.contains(pair))
    }

    /// The words, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

/// A filter over a list's entries by their first byte, last byte and
/// length together: most words a rule asks about share none of these
/// three with any entry, and are turned away without hashing the word.
/// The three are folded into one of 512 bits, so a word the filter lets
/// through may still be missing; one it turns away is.
#[derive(Debug, Default)]
struct ShapeFilter {
    bits: [u64; 8],
}

impl ShapeFilter {
    fn slot(first: u8, last: u8, len: usize) -> usize {
        let mixed = (usize::from(first) * 31 + usize::from(last)) * 37 + len.min(63);
        mixed & 511
    }

    fn add(&mut self, entry: &str) {
        let bytes = entry.as_bytes();
        let (first, last) = (
            bytes.first().copied().unwrap_or(0),
            bytes.last().copied().unwrap_or(0),
        );
        let slot = ShapeFilter::slot(first, last, bytes.len());
        self.bits[slot >> 6] |= 1 << (slot & 63);
    }

    /// False when no entry starts with `first`, ends with `last` and is
    /// `len` bytes long.
    fn may_hold(&self, first: u8, last: u8, len: usize) -> bool {
        let slot = ShapeFilter::slot(first, last, len);
        self.bits[slot >> 6] & (1 << (slot & 63)) != 0
    }

    fn may_hold_word(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        self.may_hold(
            bytes.first().copied().unwrap_or(0),
            bytes.last().copied().unwrap_or(0),
            bytes.len(),
        )
    }

    /// `may_hold_word` for the two words joined by a space.
    fn may_hold_pair(&self, first: &str, second: &str) -> bool {
        self.may_hold(
            first.as_bytes().first().copied().unwrap_or(b' '),
            second.as_bytes().last().copied().unwrap_or(b' '),
            first.len() + 1 + second.len(),
        )
    }
}

impl Tagged {
    /// Whether `word` (lowercase) is on the list.
    pub fn contains(&self, word: &str) -> bool {
        self.shape.may_hold_word(word) && self.words.contains_key(word)
    }

    /// Whether `word` (lowercase) is on the list with one of `tags`.
    pub fn has(&self, word: &str, tags: TagBits) -> bool {
        // By value: a constant's slice has no one address.
        debug_assert_eq!(tags.of, self.tags.0, "tags of another list");
        self.shape.may_hold_word(word) && self.words.get(word).is_some_and(|b| b & tags.bits != 0)
    }

    /// The entries with one of `tags`.
    fn tagged(&self, tags: TagBits) -> impl Iterator<Item = &String> {
        self.words
            .iter()
            .filter(move |(_, bits)| *bits & tags.bits != 0)
            .map(|(word, _)| word)
    }

    /// Whether the two words (lowercase) are an entry of the list with
    /// one of `tags`.
    pub fn has_pair(&self, first: &str, second: &str, tags: TagBits) -> bool {
        self.shape.may_hold_pair(first, second)
            && with_pair(first, second, |pair| self.has(pair, tags))
    }
}

/// Calls `f` with the two words joined by a space, as two-word entries
/// are stored; short pairs are joined on the stack, not on the heap, as
/// rules look pairs up at many tokens.
pub fn with_pair<R>(first: &str, second: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    let len = first.len() + 1 + second.len();
    if len > buf.len() {
        return f(&format!("{first} {second}"));
    }
    buf[..first.len()].copy_from_slice(first.as_bytes());
    buf[first.len()] = b' ';
    buf[first.len() + 1..len].copy_from_slice(second.as_bytes());
    f(std::str::from_utf8(&buf[..len]).expect("two words and a space are UTF-8"))
}

fn set(files: &Files, name: &str) -> Result<WordSet, LexiconError> {
    Ok(WordSet::new(files.read(name).lowercase().collect()))
}

fn phrases(files: &Files, name: &str) -> Result<PhraseSet, LexiconError> {
    let list: Vec<String> = files.read(name).lowercase().collect();
    Ok(PhraseSet::new(&list))
}

/// Multi-word entries as lowercase word sequences.
fn word_lists(files: &Files, name: &str) -> Result<Vec<Vec<String>>, LexiconError> {
    Ok(files
        .read(name)
        .lowercase()
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect())
}

fn numbers(files: &Files, name: &str) -> Result<HashMap<String, f64>, LexiconError> {
    let file = files.read(name);
    file.pairs()?
        .into_iter()
        .map(|(n, word, value)| {
            value
                .parse::<f64>()
                .map(|v| (word.to_lowercase(), v))
                .map_err(|_| file.error(n, format!("{value:?} is not a number")))
        })
        .collect()
}

fn currencies(files: &Files, name: &str) -> Result<Vec<(String, String)>, LexiconError> {
    let mut currencies: Vec<(String, String)> = files
        .read(name)
        .pairs()?
        .into_iter()
        .map(|(_, sign, unit)| (sign, unit))
        .collect();
    currencies.sort_by_key(|(sign, _)| std::cmp::Reverse(sign.len()));
    Ok(currencies)
}

fn abbreviations(files: &Files, name: &str) -> Result<HashMap<String, AbbrevClass>, LexiconError> {
    let classes = [
        ("title", AbbrevClass::Title),
        ("number", AbbrevClass::Number),
        ("suffix", AbbrevClass::Suffix),
        ("other", AbbrevClass::Other),
    ];
    Ok(files.read(name).classified(&classes)?.into_iter().collect())
}

fn pronouns(files: &Files, name: &str) -> Result<HashMap<String, PronounRef>, LexiconError> {
    let classes = [
        ("person", PronounRef::Person),
        ("organization", PronounRef::Organization),
        ("any", PronounRef::Any),
    ];
    Ok(files.read(name).classified(&classes)?.into_iter().collect())
}

fn gendered(files: &Files, name: &str) -> Result<HashMap<String, bool>, LexiconError> {
    let classes = [("f", true), ("m", false)];
    Ok(files.read(name).classified(&classes)?.into_iter().collect())
}

/// Every inflection of each reporting verb, with what its tags say.
fn verbs(files: &Files, name: &str) -> Result<HashMap<String, VerbInfo>, LexiconError> {
    let file = files.read(name);
    let mut verbs = HashMap::default();
    for &(n, line) in &file.entries {
        let mut words = line.split_whitespace();
        let base = words.next().unwrap_or_default().to_lowercase();
        let mut past = None;
        let mut info = VerbInfo {
            base: base.clone(),
            form: VerbForm::Base,
            speech: false,
            np_object: false,
            needs_clause: false,
            object: false,
            citing: false,
            by_link: false,
            kind: None,
        };
        for w in words {
            match w {
                "@speech" => info.speech = true,
                "@np" => info.np_object = true,
                "@clause" => info.needs_clause = true,
                "@object" => info.object = true,
                "@citing" => info.citing = true,
                "@by-link" => info.by_link = true,
                _ if w.starts_with("@kind=") => {
                    let kind = &w["@kind=".len()..];
                    info.kind = Some(
                        ClaimKind::parse(kind)
                            .ok_or_else(|| file.error(n, format!("unknown kind {kind:?}")))?,
                    );
                }
                _ if w.starts_with('@') => {
                    return Err(file.error(n, format!("unknown tag {w}")));
                }
                _ => past = Some(w.to_lowercase()),
            }
        }
        for (form, surface) in inflect(&base, past.as_deref()) {
            let mut v = info.clone();
            v.form = form;
            verbs.entry(surface).or_insert(v);
        }
    }
    Ok(verbs)
}

/// The junk-line rules as one regular expression; a rule that does not
/// compile is named by its line.
fn junk(files: &Files, name: &str) -> Result<regex::bytes::Regex, LexiconError> {
    let file = files.read(name);
    let alternatives: Vec<String> = file
        .entries
        .iter()
        .map(|(_, l)| format!("(?:{l})"))
        .collect();
    regex::bytes::Regex::new(&format!("(?i-u)^(?:{})$", alternatives.join("|"))).map_err(|e| {
        let bad = file
            .entries
            .iter()
            .find(|(_, l)| regex::bytes::Regex::new(&format!("(?i-u)^(?:{l})$")).is_err());
        match bad {
            Some(&(n, _)) => file.error(n, format!("bad regular expression: {e}")),
            None => file.error(0, format!("the rules together do not compile: {e}")),
        }
    })
}

fn kind_cues(
    files: &Files,
    non_confirmation: &str,
    denial: &str,
    condemnation: &str,
    intention: &str,
    assessment: &str,
) -> Result<KindCues, LexiconError> {
    let lines = |name: &str| -> Vec<(usize, String)> {
        files
            .read(name)
            .entries
            .iter()
            .map(|&(n, l)| (n, l.to_string()))
            .collect()
    };
    Ok(KindCues::new(&[
        (ClaimKind::NonConfirmation, lines(non_confirmation)),
        (ClaimKind::Denial, lines(denial)),
        (ClaimKind::Condemnation, lines(condemnation)),
        (ClaimKind::Intention, lines(intention)),
        (ClaimKind::Assessment, lines(assessment)),
    ]))
}

/// A list whose entries are `word @tag ...`, each tag one of `tags`.
fn tagged(files: &Files, name: &str, tags: Tags) -> Result<Tagged, LexiconError> {
    let file = files.read(name);
    let mut words: HashMap<String, u32> = HashMap::default();
    for &(n, line) in &file.entries {
        let mut word = Vec::new();
        let mut bits = 0;
        for field in line.split_whitespace() {
            match field.strip_prefix('@') {
                Some(tag) => match tags.0.iter().position(|t| *t == tag) {
                    Some(i) => bits |= 1 << i,
                    None => {
                        let known: Vec<String> = tags.0.iter().map(|t| format!("@{t}")).collect();
                        return Err(file.error(
                            n,
                            format!("unknown tag @{tag} (known: {})", known.join(", ")),
                        ));
                    }
                },
                None if bits == 0 => word.push(field.to_lowercase()),
                None => return Err(file.error(n, "a word after the tags")),
            }
        }
        *words.entry(word.join(" ")).or_default() |= bits;
    }
    let mut shape = ShapeFilter::default();
    words.keys().for_each(|entry| shape.add(entry));
    Ok(Tagged { tags, words, shape })
}

/// The layout patterns are code, not a file; they are built with the rest.
fn layout_patterns(_files: &Files) -> Result<Patterns, LexiconError> {
    Ok(Patterns::new())
}

/// Which of the per-token word lists each word is on.
fn word_classes(data: &LexiconData) -> HashMap<String, WordClasses> {
    let mut classes: HashMap<String, WordClasses> = HashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = &String>, class: WordClasses| {
        for entry in words {
            classes.entry(entry.clone()).or_default().0 |= class.0;
        }
    };
    add(&mut data.determiners.words.keys(), WordClasses::DETERMINERS);
    add(&mut data.auxiliaries.iter(), WordClasses::AUXILIARIES);
    add(&mut data.time_words.iter(), WordClasses::TIME_WORDS);
    add(&mut data.adjunct_preps.iter(), WordClasses::ADJUNCT_PREPS);
    add(&mut data.connectors.iter(), WordClasses::CONNECTORS);
    add(&mut data.participles.iter(), WordClasses::PARTICIPLES);
    add(&mut data.titles.iter(), WordClasses::TITLES);
    add(&mut data.org_heads.iter(), WordClasses::ORG_HEADS);
    add(&mut data.media_heads.iter(), WordClasses::MEDIA_HEADS);
    add(
        &mut data.anonymous_heads.iter(),
        WordClasses::ANONYMOUS_HEADS,
    );
    add(&mut data.function_words.iter(), WordClasses::FUNCTION_WORDS);
    add(&mut data.subordinators.iter(), WordClasses::SUBORDINATORS);
    add(&mut data.pre_verb.iter(), WordClasses::PRE_VERB);
    add(&mut data.pronouns.keys(), WordClasses::PRONOUNS);
    add(&mut data.number_words.keys(), WordClasses::NUMBER_WORDS);
    add(&mut data.months.iter(), WordClasses::MONTHS);
    add(&mut data.documents.iter(), WordClasses::DOCUMENTS);
    add(&mut data.audiences.iter(), WordClasses::AUDIENCES);
    add(&mut data.scales.keys(), WordClasses::SCALES);
    add(&mut data.verbs.keys(), WordClasses::VERBS);
    add(
        &mut data.company_heads.words.keys(),
        WordClasses::COMPANY_HEADS,
    );
    add(
        &mut data.kind_cues.by_first.keys(),
        WordClasses::KIND_CUE_STARTS,
    );
    add(&mut data.future_markers.iter(), WordClasses::FUTURE_MARKERS);
    add(
        &mut data.mention_head_ends.words.keys(),
        WordClasses::MENTION_HEAD_ENDS,
    );
    add(&mut data.be_forms.words.keys(), WordClasses::BE_FORMS);
    add(
        &mut data
            .verbs
            .iter()
            .filter(|(_, v)| v.citing && v.form == VerbForm::Participle)
            .map(|(entry, _)| entry),
        WordClasses::CITING,
    );
    add(
        &mut data.sentence_openers.words.keys(),
        WordClasses::SENTENCE_OPENERS,
    );
    // Asked at nearly every word of a clause; a bit is cheaper than a
    // lookup.
    add(
        &mut data
            .subject_pronouns
            .tagged(SUBJECT_PRONOUN_TAGS.bits(&["clause"])),
        WordClasses::CLAUSE_SUBJECTS,
    );
    add(
        &mut data.conjunctions.tagged(CONJUNCTION_TAGS.bits(&["clause"])),
        WordClasses::CLAUSE_JOINERS,
    );
    add(
        &mut data.conjunctions.tagged(CONJUNCTION_TAGS.bits(&["joins"])),
        WordClasses::WORD_JOINERS,
    );
    // Rules ask these at every word of a speaker's region or a subject.
    add(
        &mut data
            .relative_pronouns
            .tagged(RELATIVE_PRONOUN_TAGS.bits(&["oblique"])),
        WordClasses::OBLIQUE_RELATIVES,
    );
    let link_starts: Vec<String> = data
        .link_phrases
        .words
        .keys()
        .filter_map(|phrase| phrase.split(' ').next())
        .map(String::from)
        .collect();
    add(&mut link_starts.iter(), WordClasses::LINK_STARTS);
    classes
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The four surface forms of a verb from its base and, when irregular or
/// doubling, its past form.
fn inflect(base: &str, past: Option<&str>) -> Vec<(VerbForm, String)> {
    let chars: Vec<char> = base.chars().collect();
    let last = chars.last().copied().unwrap_or(' ');
    let before_last = if chars.len() >= 2 {
        chars[chars.len() - 2]
    } else {
        ' '
    };
    let stem = &base[..base.len() - last.len_utf8()];
    let third = if last == 'y' && !is_vowel(before_last) {
        format!("{stem}ies")
    } else if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let regular_past = if last == 'e' {
        format!("{base}d")
    } else if last == 'y' && !is_vowel(before_last) {
        format!("{stem}ied")
    } else {
        format!("{base}ed")
    };
    let past = past.map(str::to_string).unwrap_or(regular_past);
    let doubled = past.len() > base.len() + 2
        && past.ends_with("ed")
        && past[..past.len() - 2].starts_with(base)
        && past.len() - 2 == base.len() + 1;
    let participle = if doubled {
        format!("{}ing", &past[..past.len() - 2])
    } else if last == 'e' && before_last != 'e' && chars.len() > 2 {
        format!("{stem}ing")
    } else {
        format!("{base}ing")
    };
    vec![
        (VerbForm::Past, past),
        (VerbForm::ThirdPerson, third),
        (VerbForm::Participle, participle),
        (VerbForm::Base, base.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_refusal_never_refuses_a_listed_word() {
        let long = "a".repeat(70);
        let listed = ["and", "école", "press conference", long.as_str(), "x"];
        let set = WordSet::new(listed.iter().map(|w| w.to_string()).collect());
        for word in listed {
            assert!(set.contains(word), "{word}");
        }
        assert!(set.contains(&"a".repeat(70)));
        assert!(set.contains_pair("press", "conference"));
        for word in ["an", "andes", "ecole", "b", "", "press", &"a".repeat(69)] {
            assert!(!set.contains(word), "{word}");
        }
        assert!(!set.contains_pair("press", "release"));
        assert!(!set.contains_pair("", "x"));
    }

    #[test]
    fn token_classes_stand_for_the_lists_rules_skip() {
        // Rules ask a token's class instead of these lists, so every entry
        // must set it (and a word on no list must not).
        let lex = Lexicon::builtin();
        for phrase in lex.link_phrases.words.keys() {
            let first = phrase.split(' ').next().unwrap_or_default();
            assert!(
                lex.classes_of(first).contains(WordClasses::LINK_STARTS),
                "{phrase}"
            );
        }
        let oblique = RELATIVE_PRONOUN_TAGS.bits(&["oblique"]);
        for word in lex.relative_pronouns.tagged(oblique) {
            assert!(
                lex.classes_of(word)
                    .contains(WordClasses::OBLIQUE_RELATIVES),
                "{word}"
            );
        }
        assert!(
            !lex.classes_of("who")
                .contains(WordClasses::OBLIQUE_RELATIVES)
        );
        assert!(
            lex.classes_of("report")
                .contains(WordClasses::DOCUMENTS | WordClasses::VERBS)
        );
        assert_eq!(lex.classes_of("zyzzyva"), WordClasses::default());
    }

    #[test]
    fn inflections_cover_regular_and_irregular_verbs() {
        let forms = |b: &str, p: Option<&str>| -> Vec<String> {
            inflect(b, p).into_iter().map(|(_, s)| s).collect()
        };
        assert_eq!(
            forms("say", Some("said")),
            ["said", "says", "saying", "say"]
        );
        assert_eq!(forms("deny", None), ["denied", "denies", "denying", "deny"]);
        assert_eq!(forms("note", None), ["noted", "notes", "noting", "note"]);
        assert_eq!(
            forms("slam", Some("slammed")),
            ["slammed", "slams", "slamming", "slam"]
        );
        assert_eq!(
            forms("stress", None),
            ["stressed", "stresses", "stressing", "stress"]
        );
    }

    #[test]
    fn builtin_lexicon_knows_reporting_verbs_in_every_form() {
        let lex = Lexicon::builtin();
        assert!(lex.verbs.len() > 300, "only {} verb forms", lex.verbs.len());
        assert_eq!(lex.verbs["told"].base, "tell");
        assert_eq!(lex.verbs["denies"].kind, Some(ClaimKind::Denial));
        assert!(lex.verbs["saying"].speech);
        assert!(lex.verbs["reported"].needs_clause);
    }

    #[test]
    fn junk_lines_are_recognised_but_prose_is_not() {
        let lex = Lexicon::builtin();
        assert!(lex.junk.is_match(b"spot_imgspot_img"));
        assert!(lex.junk.is_match(b"Image 2 of 5"));
        assert!(lex.junk.is_match(b"Related: Mayor resigns after audit"));
        assert!(lex.junk.is_match(b"Subscribe to our newsletter"));
        assert!(lex.junk.is_match(b"Updated: March 3, 2025 10:42"));
        assert!(
            !lex.junk
                .is_match(b"Published reports suggest the deal is off.")
        );
        assert!(
            !lex.junk
                .is_match(b"The mayor resigned on Monday after an audit.")
        );
    }

    #[test]
    fn load_dir_falls_back_to_builtin_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("titles.txt"), "# only one\nwarden\n").unwrap();
        let lex = Lexicon::load_dir(dir.path()).unwrap();
        assert!(lex.titles.contains("warden"));
        assert!(!lex.titles.contains("mayor"));
        assert!(lex.verbs.contains_key("said"));
    }

    /// The error `load_dir` gives for `file` holding `text`.
    fn load_error(file: &str, text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(file), text).unwrap();
        let path = dir.path().join(file).display().to_string();
        let e = Lexicon::load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.starts_with(&path), "{e}");
        e[path.len()..].to_string()
    }

    #[test]
    fn errors_name_the_line_they_are_on() {
        let numbers = "# values\none 1\n\ntwo too\n";
        assert_eq!(
            load_error("number_words.txt", numbers),
            ": line 4: \"too\" is not a number"
        );
        let abbreviations = "dr. title\nno. count\n";
        assert_eq!(
            load_error("abbreviations.txt", abbreviations),
            ": line 2: unknown class \"count\" (known: title, number, suffix, other)"
        );
        let junk = "spot_img.*\n# next\nshare (this\n";
        let e = load_error("junk_lines.txt", junk);
        assert!(e.starts_with(": line 3: bad regular expression"), "{e}");
        let verbs = "say said @speech\nwhisper @quiet\n";
        assert_eq!(
            load_error("reporting_verbs.txt", verbs),
            ": line 2: unknown tag @quiet"
        );
    }

    #[test]
    fn an_unknown_class_or_tag_is_an_error() {
        assert_eq!(
            load_error("pronouns.txt", "he person\nthey people\n"),
            ": line 2: unknown class \"people\" (known: person, organization, any)"
        );
        assert_eq!(
            load_error("gendered_words.txt", "spokeswoman f\nchair x\n"),
            ": line 2: unknown class \"x\" (known: f, m)"
        );
        assert_eq!(
            load_error("be_forms.txt", "was @past\nis @now\n"),
            ": line 2: unknown tag @now (known: @past, @present, @participle, @gerund, @base)"
        );
        assert_eq!(
            load_error("claim_nouns.txt", "claim @counter nouns\n"),
            ": line 1: a word after the tags"
        );
    }

    #[test]
    fn tags_say_which_rules_read_a_word() {
        let lex = Lexicon::builtin();
        assert!(lex.verbs["told"].object);
        assert!(!lex.verbs["said"].object);
        assert!(lex.verbs["citing"].citing && lex.verbs["quoted"].citing);
        assert!(lex.verbs["quoted"].by_link && !lex.verbs["cited"].by_link);
        let past = const { BE_FORM_TAGS.bits(&["past"]) };
        assert!(lex.be_forms.has("were", past));
        assert!(!lex.be_forms.has("is", past));
        let past_or_participle = BE_FORM_TAGS.bits(&["past", "participle"]);
        assert!(lex.be_forms.has("been", past_or_participle));
        assert!(!lex.be_forms.has("told", past_or_participle));
        let document = PUBLICATION_VERB_TAGS.bits(&["document"]);
        assert!(lex.publication_verbs.has("signed", document));
        assert!(
            !lex.publication_verbs
                .has("signed", PUBLICATION_VERB_TAGS.bits(&["by"]))
        );
        assert!(!lex.claim_nouns.contains("said"));
    }

    #[test]
    fn every_file_in_data_lexicons_is_loaded_and_described() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicons");
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        on_disk.sort();
        let mut loaded: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        loaded.sort();
        assert_eq!(on_disk, loaded);
        for name in &loaded {
            let described = readme.contains(&format!("`{name}`"))
                || (name.starts_with("kind_") && readme.contains("`kind_*.txt`"));
            assert!(described, "{name} is not in data/lexicons/README.md");
        }
    }

    #[test]
    fn phrase_matches_respect_word_boundaries() {
        let set = PhraseSet::new(&["will".to_string()]);
        assert!(set.is_match("the union will strike"));
        assert!(!set.is_match("the goodwill remains"));
    }
}
