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

macro_rules! lexicon_files {
    ($($name:literal),* $(,)?) => {
        const FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../data/lexicons/", $name)))),*
        ];
    };
}

lexicon_files!(
    "reporting_verbs.txt",
    "participle_cues.txt",
    "junk_lines.txt",
    "titles.txt",
    "org_heads.txt",
    "media_heads.txt",
    "anonymous_heads.txt",
    "audiences.txt",
    "documents.txt",
    "kind_non_confirmation.txt",
    "kind_denial.txt",
    "kind_condemnation.txt",
    "kind_intention.txt",
    "kind_assessment.txt",
    "critical_sources.txt",
    "number_words.txt",
    "number_scales.txt",
    "approx_words.txt",
    "currencies.txt",
    "months.txt",
    "abbreviations.txt",
    "function_words.txt",
    "subordinators.txt",
    "pre_verb_adverbs.txt",
    "time_words.txt",
    "adjunct_preps.txt",
    "determiners.txt",
    "pronouns.txt",
    "non_confirmation_conventions.txt",
    "auxiliaries.txt",
    "connectors.txt",
    "company_heads.txt",
    "future_markers.txt",
    "consequence_verbs.txt",
    "gendered_words.txt",
    "transitions.txt",
);

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

    pub fn contains(self, other: WordClasses) -> bool {
        self.0 & other.0 != 0
    }
}

/// The loaded word lists and every matcher built from them.
#[derive(Debug)]
pub struct LexiconData {
    /// For every word on one of the lists below that rules check per
    /// token, which lists it is on.
    pub classes: HashMap<String, WordClasses>,
    pub verbs: HashMap<String, VerbInfo>,
    pub participles: HashSet<String>,
    /// Matched on the bytes of a trimmed line; ASCII rules keep it small.
    pub junk: regex::bytes::Regex,
    pub titles: HashSet<String>,
    pub org_heads: HashSet<String>,
    pub media_heads: HashSet<String>,
    pub anonymous_heads: HashSet<String>,
    pub audiences: HashSet<String>,
    pub documents: HashSet<String>,
    pub kind_cues: KindCues,
    pub critical_sources: HashSet<String>,
    pub number_words: HashMap<String, f64>,
    pub scales: HashMap<String, f64>,
    /// Approximation hedges, each split into lowercase words.
    pub approx: Vec<Vec<String>>,
    /// Currency prefixes, longest first, with their unit.
    pub currencies: Vec<(String, String)>,
    pub months: HashSet<String>,
    pub abbreviations: HashMap<String, AbbrevClass>,
    pub function_words: HashSet<String>,
    pub subordinators: HashSet<String>,
    pub pre_verb: HashSet<String>,
    pub time_words: HashSet<String>,
    pub adjunct_preps: HashSet<String>,
    pub determiners: HashSet<String>,
    pub pronouns: HashMap<String, PronounRef>,
    /// Role words that tell a person's gender: true for female.
    pub gendered: HashMap<String, bool>,
    /// Sentence openings that announce what follows, each split into
    /// lowercase words.
    pub transitions: Vec<Vec<String>>,
    pub conventions: PhraseSet,
    pub auxiliaries: HashSet<String>,
    pub connectors: HashSet<String>,
    pub company_heads: HashSet<String>,
    pub future_markers: HashSet<String>,
    pub consequence_verbs: HashSet<String>,
    pub patterns: Patterns,
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
        let lines = |name: &str| -> Vec<(usize, String)> { entries(&texts[name].1) };
        let set = |name: &str| -> HashSet<String> {
            lines(name)
                .into_iter()
                .map(|(_, l)| l.to_lowercase())
                .collect()
        };
        let phrases = |name: &str| -> PhraseSet {
            let list: Vec<String> = lines(name)
                .into_iter()
                .map(|(_, l)| l.to_lowercase())
                .collect();
            PhraseSet::new(&list)
        };
        let parse_err = |name: &str, line: usize, message: &str| LexiconError::Parse {
            path: texts[name].0.clone(),
            line,
            message: message.to_string(),
        };

        let mut verbs = HashMap::default();
        for (n, line) in lines("reporting_verbs.txt") {
            let mut words = line.split_whitespace();
            let base = words.next().unwrap_or_default().to_lowercase();
            let mut past = None;
            let mut info = VerbInfo {
                base: base.clone(),
                form: VerbForm::Base,
                speech: false,
                np_object: false,
                needs_clause: false,
                kind: None,
            };
            for w in words {
                match w {
                    "@speech" => info.speech = true,
                    "@np" => info.np_object = true,
                    "@clause" => info.needs_clause = true,
                    _ if w.starts_with("@kind=") => {
                        info.kind =
                            Some(ClaimKind::parse(&w[6..]).ok_or_else(|| {
                                parse_err("reporting_verbs.txt", n, "unknown kind")
                            })?);
                    }
                    _ if w.starts_with('@') => {
                        return Err(parse_err("reporting_verbs.txt", n, "unknown tag"));
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

        let junk_alternatives: Vec<String> = lines("junk_lines.txt")
            .into_iter()
            .map(|(_, l)| format!("(?:{l})"))
            .collect();
        let junk =
            regex::bytes::Regex::new(&format!("(?i-u)^(?:{})$", junk_alternatives.join("|")))
                .map_err(|e| parse_err("junk_lines.txt", 0, &e.to_string()))?;

        // Multi-word entries as lower-cased word sequences.
        let word_lists = |name: &str| -> Vec<Vec<String>> {
            lines(name)
                .into_iter()
                .map(|(_, l)| {
                    l.to_lowercase()
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                })
                .collect()
        };
        let pairs = |name: &str| -> Result<Vec<(String, String)>, LexiconError> {
            lines(name)
                .into_iter()
                .map(|(n, l)| {
                    let mut it = l.split_whitespace();
                    let a = it.next().unwrap_or_default().to_string();
                    let b = it.collect::<Vec<_>>().join(" ");
                    if b.is_empty() {
                        Err(parse_err(name, n, "expected two fields"))
                    } else {
                        Ok((a, b))
                    }
                })
                .collect()
        };
        let numbers = |name: &str| -> Result<HashMap<String, f64>, LexiconError> {
            pairs(name)?
                .into_iter()
                .map(|(w, v)| {
                    v.parse::<f64>()
                        .map(|v| (w.to_lowercase(), v))
                        .map_err(|_| parse_err(name, 0, "bad number"))
                })
                .collect()
        };

        let mut currencies = pairs("currencies.txt")?;
        currencies.sort_by_key(|(sign, _)| std::cmp::Reverse(sign.len()));

        let mut abbreviations = HashMap::default();
        for (word, class) in pairs("abbreviations.txt")? {
            let class = match class.as_str() {
                "title" => AbbrevClass::Title,
                "number" => AbbrevClass::Number,
                "suffix" => AbbrevClass::Suffix,
                "other" => AbbrevClass::Other,
                _ => return Err(parse_err("abbreviations.txt", 0, "unknown class")),
            };
            abbreviations.insert(word.to_lowercase(), class);
        }

        let mut pronouns = HashMap::default();
        for (word, class) in pairs("pronouns.txt")? {
            let class = match class.as_str() {
                "person" => PronounRef::Person,
                "organization" => PronounRef::Organization,
                _ => PronounRef::Any,
            };
            pronouns.insert(word.to_lowercase(), class);
        }

        let mut data = LexiconData {
            classes: HashMap::default(),
            verbs,
            participles: set("participle_cues.txt"),
            junk,
            titles: set("titles.txt"),
            org_heads: set("org_heads.txt"),
            media_heads: set("media_heads.txt"),
            anonymous_heads: set("anonymous_heads.txt"),
            audiences: set("audiences.txt"),
            documents: set("documents.txt"),
            kind_cues: KindCues::new(&[
                (
                    ClaimKind::NonConfirmation,
                    lines("kind_non_confirmation.txt"),
                ),
                (ClaimKind::Denial, lines("kind_denial.txt")),
                (ClaimKind::Condemnation, lines("kind_condemnation.txt")),
                (ClaimKind::Intention, lines("kind_intention.txt")),
                (ClaimKind::Assessment, lines("kind_assessment.txt")),
            ]),
            critical_sources: set("critical_sources.txt"),
            number_words: numbers("number_words.txt")?,
            scales: numbers("number_scales.txt")?,
            approx: word_lists("approx_words.txt"),
            currencies,
            months: set("months.txt"),
            abbreviations,
            function_words: set("function_words.txt"),
            subordinators: set("subordinators.txt"),
            pre_verb: set("pre_verb_adverbs.txt"),
            time_words: set("time_words.txt"),
            adjunct_preps: set("adjunct_preps.txt"),
            determiners: set("determiners.txt"),
            pronouns,
            transitions: word_lists("transitions.txt"),
            gendered: pairs("gendered_words.txt")?
                .into_iter()
                .map(|(w, g)| (w.to_lowercase(), g == "f"))
                .collect(),
            conventions: phrases("non_confirmation_conventions.txt"),
            auxiliaries: set("auxiliaries.txt"),
            connectors: set("connectors.txt"),
            company_heads: set("company_heads.txt"),
            future_markers: set("future_markers.txt"),
            consequence_verbs: set("consequence_verbs.txt"),
            patterns: Patterns::new(),
        };
        let mut classes: HashMap<String, WordClasses> = HashMap::default();
        let mut add = |words: &mut dyn Iterator<Item = &String>, class: WordClasses| {
            for w in words {
                classes.entry(w.clone()).or_default().0 |= class.0;
            }
        };
        add(&mut data.determiners.iter(), WordClasses::DETERMINERS);
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
        add(&mut data.company_heads.iter(), WordClasses::COMPANY_HEADS);
        add(
            &mut data.kind_cues.by_first.keys(),
            WordClasses::KIND_CUE_STARTS,
        );
        add(&mut data.future_markers.iter(), WordClasses::FUTURE_MARKERS);
        data.classes = classes;
        Ok(Lexicon {
            data: Arc::new(data),
        })
    }
}

/// Non-comment, non-empty lines with their 1-based line numbers.
fn entries(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let l = l.trim();
            (!l.is_empty() && !l.starts_with('#')).then(|| (i + 1, l.to_string()))
        })
        .collect()
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

    #[test]
    fn phrase_matches_respect_word_boundaries() {
        let set = PhraseSet::new(&["will".to_string()]);
        assert!(set.is_match("the union will strike"));
        assert!(!set.is_match("the goodwill remains"));
    }
}
