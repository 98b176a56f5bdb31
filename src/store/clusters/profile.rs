//! What a claim is compared on when the ledger asks whether two articles
//! state the same thing: its content words, the names and stray numbers it
//! is specific about, its figures, whether it is a quotation, and the names
//! its article is about. Pure and small: made from a claim's text and
//! figures, on import and again from the ledger when a later claim is
//! compared with it, so nothing of it but its keys is stored.
//!
//! Hashing is ours (FNV-1a and a fixed mixer) rather than a crate's: the
//! MinHash keys and an article's names are stored in the ledger and
//! compared with those of later imports, so a word must hash the same in
//! every build of `claims`, forever. MinHash crates (gaoya,
//! datasketch-minhash-lsh) keep their index in memory and promise no such
//! stability; the part we need is the twenty lines below.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// MinHash bands stored per cluster, and values hashed together per band.
/// Claims whose content words have Jaccard similarity s share at least one
/// band with probability 1 - (1 - s^2)^4: 0.68 at s = 0.5, 0.87 at 0.6,
/// 0.96 at 0.7. A shared figure finds rewordings the bands miss.
pub const BANDS: usize = 4;
const ROWS: usize = 2;

/// Fewer content words than this and a claim says too little to be told
/// apart from other short claims ("the ruling was overdue"): it stays a
/// cluster of its own.
pub const MIN_WORDS: usize = 3;

/// The names an article is most about, kept per cluster.
const CONTEXT_NAMES: usize = 8;

/// Content-word similarity (Jaccard) at which two claims are taken as the
/// same wording, lightly rewritten.
const SAME_WORDING: f64 = 0.5;
/// Similarity at which two claims with the same figure are taken as one
/// statement reworded ("the blast killed 40" / "40 people died in the
/// blast at the depot").
const REWORDED: f64 = 0.25;
/// Similarity at which two claims are about the same thing, so that
/// different figures for it disagree.
const SAME_SUBJECT: f64 = 0.5;
/// Share of the shorter quotation's words found in the longer one at which
/// two quotations are one quotation, cut differently by two outlets.
const QUOTED_PART: f64 = 0.8;
/// Hedged figures ("about 1,500") agree with figures this close.
const HEDGE: f64 = 0.1;

/// What the word lists say about a word.
#[derive(Debug, Clone, Copy)]
enum Listed {
    /// Says nothing about what a claim is about.
    Stop,
    /// A figure written as a word ("forty", "fifty-five").
    Number(f64),
    /// A word news reports use for another: counts as that one.
    Synonym(u64),
}

/// The word lists of `data/clusters/`, by [`word_hash`], so each word of a
/// claim costs one lookup.
static LISTED: LazyLock<FxHashMap<u64, Listed>> = LazyLock::new(|| {
    let lines = |text: &'static str| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    let mut listed = FxHashMap::default();
    for word in lines(include_str!("../../../data/clusters/stop_words.txt")) {
        listed.insert(word_hash(word), Listed::Stop);
    }
    for group in lines(include_str!("../../../data/clusters/synonyms.txt")) {
        let mut words = group.split_whitespace().map(word_hash);
        let Some(first) = words.next() else { continue };
        for word in words {
            listed.insert(word, Listed::Synonym(first));
        }
    }
    let numbers: Vec<(&str, f64)> = lines(include_str!("../../../data/clusters/number_words.txt"))
        .filter_map(|l| {
            let (word, value) = l.split_once(' ')?;
            Some((word, value.trim().parse().ok()?))
        })
        .collect();
    for &(word, value) in &numbers {
        listed.insert(word_hash(word), Listed::Number(value));
    }
    for &(tens, t) in numbers
        .iter()
        .filter(|(_, v)| *v >= 20.0 && v % 10.0 == 0.0)
    {
        for &(unit, u) in numbers.iter().filter(|(_, v)| (1.0..10.0).contains(v)) {
            listed.insert(word_hash(&format!("{tens}-{unit}")), Listed::Number(t + u));
        }
    }
    listed
});

/// A content word's hash (its synonym group's where it has one), or `None`
/// for a stop word or a figure in words.
fn content(h: u64) -> Option<u64> {
    match LISTED.get(&h) {
        None => Some(h),
        Some(Listed::Synonym(group)) => Some(*group),
        Some(Listed::Stop | Listed::Number(_)) => None,
    }
}

/// FNV-1a over the lower-cased word, curly apostrophes folded, without a
/// plural "s" (troops / troop, officials / official). Stop words are
/// looked up by the same hash, so each word is hashed once.
fn word_hash(word: &str) -> u64 {
    let mut h = FNV_START;
    let mut feed = |b: u8| h = fnv(h, b);
    let plural = word.len() >= 4
        && word.ends_with(['s', 'S'])
        && !word[..word.len() - 1].ends_with(['s', 'S']);
    let word = if plural {
        &word[..word.len() - 1]
    } else {
        word
    };
    if word.is_ascii() {
        word.bytes().for_each(|b| feed(b.to_ascii_lowercase()));
        return h;
    }
    for c in word.chars() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_ascii() {
            feed(c.to_ascii_lowercase() as u8);
        } else {
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                lower.encode_utf8(&mut buf).bytes().for_each(&mut feed);
            }
        }
    }
    h
}

/// A fixed 64-bit mixer (the finaliser of SplitMix64): turns one word hash
/// into the independent-looking values MinHash needs, one per seed.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const SEEDS: [u64; BANDS * ROWS] = [
    0x243f_6a88_85a3_08d3,
    0x1319_8a2e_0370_7344,
    0xa409_3822_299f_31d0,
    0x082e_fa98_ec4e_6c89,
    0x4528_21e6_38d0_1377,
    0xbe54_66cf_34e9_0c6c,
    0xc0ac_29b7_c97c_50dd,
    0x3f84_d5b5_b547_0917,
];

/// One word of a text as the comparison sees it.
struct Token<'a> {
    text: &'a str,
    /// [`word_hash`] of the word, computed while it was read.
    hash: u64,
    numeric: bool,
    /// Capitalised where a sentence does not start: a name.
    name: bool,
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Each byte as a word is hashed: ASCII letters lower-cased, digits as they
/// are, 0 for any other byte (which ends a plain ASCII word).
const ASCII_WORD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// Splits `text` into words and numbers ("12,000", "5.50"), marking which
/// words are names: capitalised other than at the start of a sentence or
/// quotation, or written in capitals ("NIS"). A possessive "'s" is dropped.
/// ASCII words are read and hashed in one pass, byte by byte; other text a
/// character at a time.
fn tokens(text: &str, mut each: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    let at = |i: usize| text[i..].chars().next().expect("inside the text");
    let mut initial = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (matches!(bytes[i], b',' | b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let text = &text[start..i];
            each(Token {
                text,
                hash: word_hash(text),
                numeric: true,
                name: false,
            });
            initial = false;
            continue;
        }
        let c = if b.is_ascii() { b as char } else { at(i) };
        if !alphanumeric(c) {
            if matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '"' | '\u{201c}' | '\u{2018}' | '(' | '\u{2014}'
            ) {
                initial = true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        // Most words are ASCII letters and digits alone, ended by a space
        // or punctuation that does not continue them: read and hashed in
        // one tight pass, as [`word_hash`] would hash them (so does the
        // loop below), which is what every word costs in an import.
        if b.is_ascii() {
            // The hash of the word so far and of all but its last byte.
            let (mut h, mut h_short) = (FNV_START, FNV_START);
            let mut end = i;
            while let Some(&lower) = bytes.get(end).map(|&d| &ASCII_WORD[usize::from(d)])
                && lower != 0
            {
                h_short = h;
                h = fnv(h, lower);
                end += 1;
            }
            let continues = |after: fn(&u8) -> bool| bytes.get(end + 1).is_some_and(after);
            let ends_here = match bytes.get(end) {
                None => true,
                Some(b'\'') => !continues(u8::is_ascii_alphanumeric),
                Some(b'-') => !continues(u8::is_ascii_alphabetic),
                Some(d) => d.is_ascii(),
            };
            if ends_here {
                let word = &text[start..end];
                let w = word.as_bytes();
                let plural =
                    w.len() >= 4 && w[w.len() - 1] | 0x20 == b's' && w[w.len() - 2] | 0x20 != b's';
                // Capitals throughout: two letters or more, none lower case.
                let name = b.is_ascii_uppercase()
                    && (!initial
                        || (w
                            .iter()
                            .filter(|d| d.is_ascii_alphabetic())
                            .nth(1)
                            .is_some()
                            && !w.iter().any(u8::is_ascii_lowercase)));
                each(Token {
                    text: word,
                    hash: if plural { h_short } else { h },
                    numeric: false,
                    name,
                });
                initial = false;
                i = end;
                continue;
            }
        }
        let (mut upper, mut letters) = (0, 0);
        // The hash of the word so far and of all but its last byte, and
        // both as they stood at the last apostrophe (for "'s").
        let (mut h, mut h_short) = (FNV_START, FNV_START);
        let mut at_apostrophe = None;
        let mut ascii = true;
        while i < bytes.len() {
            let d = bytes[i];
            if d.is_ascii_alphanumeric() {
                upper += usize::from(d.is_ascii_uppercase());
                letters += usize::from(d.is_ascii_alphabetic());
                h_short = h;
                h = fnv(h, d.to_ascii_lowercase());
                i += 1;
            } else if d == b'\'' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
                at_apostrophe = Some((i, h, h_short));
                h_short = h;
                h = fnv(h, b'\'');
                i += 1;
            } else if d == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                // "fifty-five", "ex-minister": one word.
                h_short = h;
                h = fnv(h, b'-');
                i += 1;
            } else if d.is_ascii() {
                break;
            } else {
                ascii = false;
                let ch = at(i);
                let next = i + ch.len_utf8();
                if alphanumeric(ch) {
                    upper += usize::from(ch.is_uppercase());
                    letters += usize::from(ch.is_alphabetic());
                } else if !(ch == '\u{2019}' && text[next..].starts_with(alphanumeric)) {
                    break;
                }
                i = next;
            }
        }
        let mut word = &text[start..i];
        let hash = if ascii {
            if let Some((cut, h_cut, h_cut_short)) = at_apostrophe
                && &text[cut..i] == "'s"
            {
                word = &text[start..cut];
                h = h_cut;
                h_short = h_cut_short;
            }
            let w = word.as_bytes();
            let plural =
                w.len() >= 4 && w[w.len() - 1] | 0x20 == b's' && w[w.len() - 2] | 0x20 != b's';
            if plural { h_short } else { h }
        } else {
            for possessive in ["'s", "\u{2019}s"] {
                if let Some(stem) = word.strip_suffix(possessive) {
                    word = stem;
                }
            }
            word_hash(word)
        };
        let capitals = letters >= 2 && upper == letters;
        each(Token {
            text: word,
            hash,
            numeric: false,
            name: capitals || (c.is_uppercase() && !initial),
        });
        initial = false;
    }
}

/// Whether a character is a letter or a digit, as Rust's tables say;
/// the punctuation news text is full of (curly quotes, dashes, ellipses:
/// the General Punctuation block, where there is no letter or digit) is
/// told without searching them: those searches were about a twentieth of
/// the instructions profiling took (cachegrind, 2,000 articles).
fn alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// The value of a number as written ("12,000", "5.50"), without allocating.
fn number(text: &str) -> Option<f64> {
    let mut buf = [0u8; 40];
    let mut n = 0;
    for &b in text.as_bytes().iter().filter(|&&b| b != b',') {
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

/// A counted or measured amount of a claim, as the extractor found it.
#[derive(Debug, Clone, Copy)]
pub struct FigureIn<'a> {
    pub value: f64,
    pub unit: Option<&'a str>,
    pub approx: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Figure {
    value: f64,
    /// What is counted: up to two content words (hashes, 0 for none), from
    /// the extractor's unit or else from the words after the number. Units
    /// as found carry neighbours ("people died", "Dravonian troops"), so
    /// two figures count the same thing when their words meet.
    unit: [u32; 2],
    approx: bool,
}

impl Figure {
    fn of(f: &FigureIn<'_>) -> Figure {
        let mut unit = [0; 2];
        let mut slots = unit.iter_mut();
        if let Some(text) = f.unit {
            tokens(text, |t| {
                if !t.numeric
                    && let Some(h) = content(t.hash)
                    && let Some(slot) = slots.next()
                {
                    *slot = h as u32;
                }
            });
        }
        Figure {
            value: f.value,
            unit,
            approx: f.approx,
        }
    }

    fn unitless(&self) -> bool {
        self.unit == [0, 0]
    }

    /// Whether the two count the same thing, so their values can agree or
    /// disagree.
    fn comparable(&self, other: &Figure) -> bool {
        match (self.unitless(), other.unitless()) {
            (true, true) => true,
            (false, false) => self.unit.iter().any(|&u| u != 0 && other.unit.contains(&u)),
            _ => false,
        }
    }

    fn agrees(&self, other: &Figure) -> bool {
        let (a, b) = (self.value, other.value);
        let scale = a.abs().max(b.abs());
        if (a - b).abs() <= scale * 1e-9 {
            return true;
        }
        (self.approx || other.approx) && (a - b).abs() <= scale * HEDGE
    }

    /// "One" is in too many claims to tie two of them.
    fn distinctive(&self) -> bool {
        self.value.abs() >= 2.0 || self.value.fract() != 0.0
    }
}

/// The names an article is most about, the same for all its claims: two
/// claims are one statement only when their articles share one of them.
/// Counted over the article's claims as they are profiled, so the body is
/// not read twice, and without the attribution frames, so the outlets and
/// agencies that relay every kind of story do not count.
#[derive(Debug, Clone, Default)]
pub struct Context {
    counts: FxHashMap<u32, (u32, u32)>,
    /// Settled: the list each of the article's claims is given, and its
    /// bits (see [`name_bits`]).
    names: Vec<u32>,
    bits: u64,
}

impl Context {
    fn count(&mut self, name: u32) {
        let order = self.counts.len() as u32;
        self.counts.entry(name).or_insert((0, order)).0 += 1;
    }

    /// The names counted most, ties going to the one named first; then
    /// [`Profile::set_context`] gives them to each claim of the article.
    pub fn settle(&mut self) {
        let mut ranked: Vec<(u32, (u32, u32))> =
            self.counts.iter().map(|(&h, &c)| (h, c)).collect();
        ranked.sort_unstable_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
        let mut names: Vec<u32> = ranked
            .into_iter()
            .take(CONTEXT_NAMES)
            .map(|(h, _)| h)
            .collect();
        names.sort_unstable();
        self.bits = name_bits(&names);
        self.names = names;
    }

    /// The settled names as the article keeps them in the ledger
    /// (`article_rows.cluster_names`: 32-bit little-endian hashes); `None`
    /// for an article that names no one.
    pub fn stored(&self) -> Option<Vec<u8>> {
        (!self.names.is_empty()).then(|| self.names.iter().flat_map(|h| h.to_le_bytes()).collect())
    }
}

/// Everything one claim is compared on, laid out so that comparing a claim
/// with a cluster's first claim reads one block of memory for each: the
/// writer compares every claim with several first claims from anywhere in
/// the ledger's history, and with the parts in separate blocks (and the
/// names shared per article) each comparison waited on four or five cache
/// misses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// The claim's specifics, its content words and its article's names,
    /// each part sorted and distinct (see [`Draft`]).
    values: Vec<u32>,
    /// Where the words start in `values`, and the names.
    words_at: u32,
    context_at: u32,
    /// A bit for each of the article's names (see [`name_bits`]): two
    /// claims whose bits do not meet share no name, which is what most
    /// comparisons on the writer find, told without reading `values`.
    context_bits: u64,
    figures: Vec<Figure>,
    /// A quotation in quotation marks.
    quote: bool,
    /// A denial: its text is what the source denies, never the same
    /// statement as a claim that asserts it.
    denial: bool,
}

/// A claim's profile as its text is read, before its article's names are
/// known; kept from one claim to the next for its buffers.
#[derive(Debug, Default)]
pub struct Draft {
    /// Content words, sorted and distinct (hashes).
    words: Vec<u32>,
    /// Names and numbers that are not figures (years, numbers in names):
    /// two claims that each have one the other lacks are about different
    /// things ("in Harlow" / "in Dunmore").
    specifics: Vec<u32>,
    figures: Vec<Figure>,
    quote: bool,
    denial: bool,
}

/// How a claim stands to a cluster's first claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The same statement.
    Same,
    /// The same thing with a figure that disagrees.
    Conflict,
    Different,
}

impl Draft {
    /// Makes this the draft of a claim with `text`, counting its names
    /// into its article's `context`.
    pub fn fill<'a>(
        &mut self,
        text: &str,
        (quote, denial): (bool, bool),
        figures: impl IntoIterator<Item = FigureIn<'a>>,
        context: &mut Context,
    ) {
        self.figures.clear();
        self.figures
            .extend(figures.into_iter().map(|f| Figure::of(&f)));
        self.words.clear();
        self.specifics.clear();
        let (words, specifics, figures) = (&mut self.words, &mut self.specifics, &mut self.figures);
        let reported = figures.len();
        // The figure whose unit the next content words give: one the
        // extractor found without a unit, or one written in words.
        let mut counting: Option<(usize, usize)> = None;
        tokens(text, |t| {
            let h = t.hash;
            let listed = if t.numeric { None } else { LISTED.get(&h) };
            let spelled = match listed {
                Some(Listed::Number(value)) => Some(*value),
                _ => None,
            };
            if t.numeric || spelled.is_some() {
                counting = None;
                let value = spelled.or_else(|| number(t.text));
                let found = value.and_then(|v| {
                    figures[..reported]
                        .iter()
                        .position(|f| (f.value - v).abs() <= f.value.abs() * 1e-9)
                });
                match (found, spelled) {
                    (Some(i), _) => {
                        if figures[i].unitless() {
                            counting = Some((i, 0));
                        }
                    }
                    (None, Some(value)) => {
                        figures.push(Figure {
                            value,
                            unit: [0; 2],
                            approx: false,
                        });
                        counting = Some((figures.len() - 1, 0));
                    }
                    (None, None) => specifics.push(h as u32),
                }
                return;
            }
            let h = match listed {
                Some(Listed::Stop) => return,
                Some(Listed::Synonym(group)) => *group,
                _ => h,
            };
            if let Some((i, slot)) = counting {
                figures[i].unit[slot] = h as u32;
                counting = (slot == 0).then_some((i, 1));
            }
            words.push(h as u32);
            if t.name {
                specifics.push(h as u32);
                context.count(h as u32);
            }
        });
        self.words.sort_unstable();
        self.words.dedup();
        self.specifics.sort_unstable();
        self.specifics.dedup();
        self.quote = quote;
        self.denial = denial;
    }

    /// The claim's profile, without its article's names until
    /// [`Profile::set_context`] or [`Profile::set_stored_context`]. Room
    /// is left for them, so that giving them allocates nothing.
    pub fn profile(&self) -> Profile {
        let mut values =
            Vec::with_capacity(self.specifics.len() + self.words.len() + CONTEXT_NAMES);
        values.extend_from_slice(&self.specifics);
        values.extend_from_slice(&self.words);
        Profile {
            words_at: self.specifics.len() as u32,
            context_at: values.len() as u32,
            context_bits: 0,
            values,
            figures: self.figures.clone(),
            quote: self.quote,
            denial: self.denial,
        }
    }
}

impl Profile {
    /// Gives the claim its article's context, once [`Context::settle`]d.
    #[cfg(test)]
    pub fn set_context(&mut self, context: &Context) {
        self.set_names(&context.names);
    }

    /// `names`, sorted, as the claim's context.
    fn set_names(&mut self, names: &[u32]) {
        self.values.truncate(self.context_at as usize);
        self.values.extend_from_slice(names);
        self.context_bits = name_bits(names);
    }

    /// Gives the claim its article's context as [`Context::stored`] kept it
    /// (bytes it did not write leave the claim without one).
    pub fn set_stored_context(&mut self, stored: Option<&[u8]>) {
        let mut names: Vec<u32> = match stored.filter(|b| b.len() % 4 == 0) {
            Some(bytes) => bytes
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes(b.try_into().expect("four bytes")))
                .collect(),
            None => Vec::new(),
        };
        names.sort_unstable();
        self.set_names(&names);
    }

    /// The profile as it is compared, kept and looked up by.
    pub fn view(&self) -> View<'_> {
        let (values, context) = self.values.split_at(self.context_at as usize);
        View {
            values,
            words_at: self.words_at as usize,
            context,
            context_bits: self.context_bits,
            figures: &self.figures,
            quote: self.quote,
            denial: self.denial,
        }
    }

    /// How this claim stands to `first`, the first claim of a cluster.
    #[cfg(test)]
    pub fn compare(&self, first: &Profile) -> Verdict {
        self.view().compare(first.view())
    }

    #[cfg(test)]
    pub fn bands(&self) -> [i64; BANDS] {
        self.view().bands()
    }

    #[cfg(test)]
    pub fn figure_key(&self) -> Option<i64> {
        self.view().figure_key()
    }

    #[cfg(test)]
    pub fn mark(&self) -> Mark {
        self.view().mark()
    }

    /// Whether a comparison with the first claim of a cluster with this
    /// mark would find them different (see [`Mark::apart`]).
    #[cfg(test)]
    pub fn apart(&self, mark: Mark) -> bool {
        self.mark().apart(mark)
    }
}

/// A claim's profile as it is compared: its parts borrowed from wherever
/// they are kept (a [`Profile`], an article's [`Profiles`], the writer's
/// [`Kept`]).
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// The claim's specifics, then its content words.
    values: &'a [u32],
    words_at: usize,
    /// The names the claim's article is about (see [`Context`]), and
    /// their bits.
    context: &'a [u32],
    context_bits: u64,
    figures: &'a [Figure],
    quote: bool,
    denial: bool,
}

impl<'a> View<'a> {
    fn specifics(self) -> &'a [u32] {
        &self.values[..self.words_at]
    }

    fn words(self) -> &'a [u32] {
        &self.values[self.words_at..]
    }

    /// Whether the claim says enough to be matched with others at all.
    pub fn clusterable(self) -> bool {
        self.words().len() >= MIN_WORDS
    }

    /// The MinHash band keys of the content words, 32-bit (SQLite stores
    /// them in four bytes; a chance collision only adds a candidate).
    pub fn bands(self) -> [i64; BANDS] {
        let mut mins = [u64::MAX; BANDS * ROWS];
        for &w in self.words() {
            for (min, seed) in mins.iter_mut().zip(SEEDS) {
                *min = (*min).min(mix(u64::from(w) ^ seed));
            }
        }
        let mut keys = [0i64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let rows = &mins[band * ROWS..(band + 1) * ROWS];
            let folded = rows
                .iter()
                .fold(band as u64, |acc, &m| mix(acc.rotate_left(17) ^ m));
            *key = key32(folded);
        }
        keys
    }

    /// A key for the claim's largest distinctive figure, so a rewording of
    /// the same number is found even when its words differ. The value
    /// alone: units as found vary too much to be part of a key.
    pub fn figure_key(self) -> Option<i64> {
        let f = self
            .figures
            .iter()
            .filter(|f| f.distinctive())
            .max_by(|a, b| a.value.total_cmp(&b.value))?;
        Some(key32(mix(f.value.to_bits() ^ 0x6669_6775_7265)))
    }

    /// What a bucket keeps of this claim when it opens a cluster.
    pub fn mark(self) -> Mark {
        let specifics = self
            .specifics()
            .iter()
            .fold(0, |bits, &h| bits | 1 << (h % 30));
        Mark {
            names: self.context_bits,
            sig: SIG_KNOWN | if self.denial { SIG_DENIAL } else { 0 } | specifics,
        }
    }

    /// How this claim stands to `first`, the first claim of a cluster.
    pub fn compare(self, first: View<'_>) -> Verdict {
        if self.denial != first.denial {
            return Verdict::Different;
        }
        if names_apart(self.context_bits, first.context_bits) {
            return Verdict::Different;
        }
        let (a, b) = (self.context, first.context);
        if !a.is_empty() && !b.is_empty() && shared(a, b) == 0 {
            return Verdict::Different;
        }
        let (mine, theirs) = (self.specifics(), first.specifics());
        let common = shared(mine, theirs);
        if common < mine.len() && common < theirs.len() {
            return Verdict::Different;
        }
        let (mine, theirs) = (self.words(), first.words());
        let overlap = shared(mine, theirs) as f64;
        let union = (mine.len() + theirs.len()) as f64 - overlap;
        let jaccard = if union > 0.0 { overlap / union } else { 0.0 };
        // Figures that count the same thing must agree somewhere: "of the
        // 12,000 troops, 1,500 are in the east" agrees with "1,500 troops
        // are in the east".
        let (mut comparable, mut any_agree, mut figures_agree) = (false, false, false);
        for mine in self.figures {
            for theirs in first.figures.iter().filter(|t| mine.comparable(t)) {
                comparable = true;
                if mine.agrees(theirs) {
                    any_agree = true;
                    figures_agree |= mine.distinctive();
                }
            }
        }
        if comparable && !any_agree {
            return if jaccard >= SAME_SUBJECT {
                Verdict::Conflict
            } else {
                Verdict::Different
            };
        }
        if jaccard >= SAME_WORDING {
            return Verdict::Same;
        }
        let shorter = mine.len().min(theirs.len());
        if self.quote
            && first.quote
            && shorter >= MIN_WORDS
            && overlap / shorter as f64 >= QUOTED_PART
        {
            return Verdict::Same;
        }
        if figures_agree && jaccard >= REWORDED {
            return Verdict::Same;
        }
        Verdict::Different
    }
}

/// The profiles of an article's claims, in order, made on an extraction
/// worker: every claim's values in one arena and every figure in another,
/// and the article's names once. A profile of its own for each claim cost
/// two allocations on the worker and two frees after the writer, for some
/// 200,000 claims in a 10,000-article import.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    arena: Arena,
    claims: Vec<Part>,
    context: Context,
}

/// Several profiles' values and figures side by side, as an article's
/// [`Profiles`] and the writer's [`Kept`] hold them.
#[derive(Debug, Clone, Default)]
struct Arena {
    values: Vec<u32>,
    figures: Vec<Figure>,
}

/// Where one profile's specifics, words and figures are in an [`Arena`].
#[derive(Debug, Clone, Copy)]
struct Part {
    values_at: u32,
    words_at: u32,
    end: u32,
    figures_at: u32,
    figures_end: u32,
    quote: bool,
    denial: bool,
}

impl Arena {
    /// Appends a profile's parts; the caller may append values of its own
    /// right after (the [`Part`]'s end).
    fn push(
        &mut self,
        (specifics, words): (&[u32], &[u32]),
        figures: &[Figure],
        (quote, denial): (bool, bool),
    ) -> Part {
        let values_at = self.values.len();
        let figures_at = self.figures.len();
        self.values.extend_from_slice(specifics);
        self.values.extend_from_slice(words);
        self.figures.extend_from_slice(figures);
        Part {
            values_at: index(values_at),
            words_at: index(values_at + specifics.len()),
            end: index(self.values.len()),
            figures_at: index(figures_at),
            figures_end: index(self.figures.len()),
            quote,
            denial,
        }
    }

    /// The profile at `part`, with the names of its article.
    fn view<'a>(&'a self, part: Part, context: &'a [u32], context_bits: u64) -> View<'a> {
        View {
            values: &self.values[part.values_at as usize..part.end as usize],
            words_at: (part.words_at - part.values_at) as usize,
            context,
            context_bits,
            figures: &self.figures[part.figures_at as usize..part.figures_end as usize],
            quote: part.quote,
            denial: part.denial,
        }
    }
}

/// A place in an arena.
fn index(n: usize) -> u32 {
    u32::try_from(n).expect("an arena holds fewer than 2^32 values")
}

impl Profiles {
    /// The profiles of an article's claims, each given as its text, whether
    /// it is a quotation and a denial, and its figures.
    pub fn of<'a, F: IntoIterator<Item = FigureIn<'a>>>(
        claims: impl Iterator<Item = (&'a str, (bool, bool), F)>,
    ) -> Profiles {
        let mut art = Profiles::default();
        art.claims.reserve(claims.size_hint().0);
        // Filled in one set of buffers, copied into the arenas.
        let mut draft = Draft::default();
        for (text, flags, figures) in claims {
            draft.fill(text, flags, figures, &mut art.context);
            art.push(&draft);
        }
        art.context.settle();
        art
    }

    fn push(&mut self, draft: &Draft) {
        let part = self.arena.push(
            (&draft.specifics, &draft.words),
            &draft.figures,
            (draft.quote, draft.denial),
        );
        self.claims.push(part);
    }

    /// How many claims.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// Claim `i`'s profile.
    pub fn get(&self, i: usize) -> View<'_> {
        self.arena
            .view(self.claims[i], &self.context.names, self.context.bits)
    }

    /// The names the article is about.
    pub fn context(&self) -> &Context {
        &self.context
    }
}

/// The profiles the writer keeps of clusters' first claims, by cluster:
/// their values and figures side by side in two arenas, in the order they
/// were kept. A profile of its own, with its two blocks, cost the writer
/// two allocations for each cluster opened, and an entry twice the size.
#[derive(Default)]
pub struct Kept {
    slots: FxHashMap<i64, Slot>,
    arena: Arena,
}

/// Where a kept profile's parts are in the arena: its article's names
/// right after its words, up to `context_end`.
#[derive(Debug, Clone, Copy)]
struct Slot {
    part: Part,
    context_end: u32,
    context_bits: u64,
}

impl Kept {
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn contains(&self, cluster: i64) -> bool {
        self.slots.contains_key(&cluster)
    }

    pub fn get(&self, cluster: i64) -> Option<View<'_>> {
        let slot = self.slots.get(&cluster)?;
        let context = &self.arena.values[slot.part.end as usize..slot.context_end as usize];
        Some(self.arena.view(slot.part, context, slot.context_bits))
    }

    /// Keeps `profile` as the cluster's (in place of any kept before).
    pub fn insert(&mut self, cluster: i64, view: View<'_>) {
        let part = self.arena.push(
            (view.specifics(), view.words()),
            view.figures,
            (view.quote, view.denial),
        );
        self.arena.values.extend_from_slice(view.context);
        let slot = Slot {
            part,
            context_end: index(self.arena.values.len()),
            context_bits: view.context_bits,
        };
        self.slots.insert(cluster, slot);
    }

    /// The clusters kept.
    pub fn clusters(&self) -> impl Iterator<Item = i64> + '_ {
        self.slots.keys().copied()
    }

    /// Keeps only the profiles of clusters at or above `cut`, the arenas
    /// made again with theirs alone.
    pub fn keep_from(&mut self, cut: i64) {
        let old = std::mem::take(self);
        let mut kept: Vec<i64> = old.clusters().filter(|&c| c >= cut).collect();
        // In the order they were kept: what is met together stays together.
        kept.sort_unstable_by_key(|c| old.slots[c].part.values_at);
        self.slots.reserve(kept.len());
        for cluster in kept {
            let view = old.get(cluster).expect("a kept cluster");
            self.insert(cluster, view);
        }
    }
}

/// What the writer keeps beside each cluster under a key, to turn most
/// comparisons away without reading the cluster's profile: the bits of its
/// article's names ([`name_bits`]) and a signature of its specifics (a bit
/// of 30 for each) and denial. Zero for either: not known (a cluster read
/// from the ledger), which turns nothing away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    pub names: u64,
    pub sig: u32,
}

impl Mark {
    /// Whether a comparison of claims with these marks would find them
    /// different, told from the marks alone: no name in common, one a
    /// denial and not the other, or each with a specific the other lacks.
    /// Never when either is unknown; a `false` says nothing.
    pub fn apart(self, other: Mark) -> bool {
        if names_apart(self.names, other.names) {
            return true;
        }
        if self.sig == 0 || other.sig == 0 {
            return false;
        }
        if (self.sig ^ other.sig) & SIG_DENIAL != 0 {
            return true;
        }
        let (a, b) = (self.sig & SIG_SPECIFICS, other.sig & SIG_SPECIFICS);
        a & !b != 0 && b & !a != 0
    }
}

/// Whether two articles whose names have these bits share no name (0: not
/// known). Names with no bit in common are no name in common.
fn names_apart(a: u64, b: u64) -> bool {
    a & b == 0 && a != 0 && b != 0
}

/// A signature made from a profile (so never 0).
const SIG_KNOWN: u32 = 1 << 30;
const SIG_DENIAL: u32 = 1 << 31;
const SIG_SPECIFICS: u32 = SIG_KNOWN - 1;

/// One bit of 64 for each name, so that two sets of names can be seen not to
/// meet with one instruction; 0 for none.
fn name_bits(names: &[u32]) -> u64 {
    names.iter().fold(0, |bits, &h| bits | 1 << (h % 64))
}

/// The high half of a 64-bit hash as a signed 32-bit key.
fn key32(h: u64) -> i64 {
    i64::from((h >> 32) as i32)
}

/// How many values two sorted lists of distinct values share. Written
/// without a branch on the values: they are hashes, so which list steps
/// next is a coin toss, and a mispredicted branch at each step was most of
/// the time the writer spent comparing claims.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(value: f64, unit: &str, approx: bool) -> FigureIn<'_> {
        FigureIn {
            value,
            unit: Some(unit),
            approx,
        }
    }

    fn of(text: &str, quote: bool, figures: &[FigureIn<'_>], context: &Context) -> Profile {
        let mut draft = Draft::default();
        draft.fill(
            text,
            (quote, false),
            figures.iter().copied(),
            &mut Context::default(),
        );
        let mut p = draft.profile();
        p.set_context(context);
        p
    }

    /// The context of an article whose claims are `texts`.
    fn context(texts: &[&str]) -> Context {
        let mut ctx = Context::default();
        for t in texts {
            Draft::default().fill(t, (false, false), [], &mut ctx);
        }
        ctx.settle();
        ctx
    }

    fn profile(text: &str, figures: &[FigureIn<'_>]) -> Profile {
        of(text, false, figures, &Context::default())
    }

    #[test]
    fn alphanumeric_is_what_the_standard_library_says_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{:?}", c);
        }
    }

    #[test]
    fn shared_counts_the_values_two_sorted_lists_have_in_common() {
        let lists: [&[u32]; 6] = [
            &[],
            &[1],
            &[1, 3, 5, 7],
            &[2, 3, 4, 7, 9],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            &[7, u32::MAX],
        ];
        for a in lists {
            for b in lists {
                let naive = a.iter().filter(|x| b.contains(x)).count();
                assert_eq!(shared(a, b), naive, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn an_articles_profiles_are_its_claims_profiles_side_by_side() {
        let claims: [(&str, bool, bool, &[FigureIn<'_>]); 4] = [
            (
                "about 1,500 troops have been stationed in Velmora",
                false,
                false,
                &[fig(1500.0, "troops", true)],
            ),
            (
                "\"we will not move\" the dockers of Marenholm said",
                true,
                false,
                &[],
            ),
            (
                "the ministry denied that troops had crossed",
                false,
                true,
                &[],
            ),
            (
                "40 people died and 1,200 fled the port of Halvik",
                false,
                false,
                &[fig(40.0, "people", false), fig(1200.0, "", false)],
            ),
        ];
        let art = Profiles::of(claims.iter().map(|&(text, quote, denial, figures)| {
            (text, (quote, denial), figures.iter().copied())
        }));
        assert_eq!(art.len(), claims.len());
        let ctx = context(&claims.map(|c| c.0));
        assert!(ctx.stored().is_some());
        assert_eq!(art.context().stored(), ctx.stored());
        // Each claim profiled on its own, with the article's names.
        let alone: Vec<Profile> = claims
            .iter()
            .map(|&(text, quote, denial, figures)| {
                let mut draft = Draft::default();
                let flags = (quote, denial);
                draft.fill(
                    text,
                    flags,
                    figures.iter().copied(),
                    &mut Context::default(),
                );
                let mut p = draft.profile();
                p.set_context(&ctx);
                p
            })
            .collect();
        for (i, p) in alone.iter().enumerate() {
            let (mine, theirs) = (art.get(i), p.view());
            assert_eq!(mine.values, theirs.values, "claim {i}");
            assert_eq!(mine.words_at, theirs.words_at, "claim {i}");
            assert_eq!(mine.context, theirs.context, "claim {i}");
            assert_eq!(mine.context_bits, theirs.context_bits, "claim {i}");
            assert_eq!(mine.figures, theirs.figures, "claim {i}");
            assert_eq!((mine.quote, mine.denial), (p.quote, p.denial), "claim {i}");
            assert_eq!(mine.mark(), p.mark(), "claim {i}");
            assert_eq!(mine.bands(), p.bands(), "claim {i}");
            assert_eq!(mine.figure_key(), p.figure_key(), "claim {i}");
            for (j, q) in alone.iter().enumerate() {
                assert_eq!(mine.compare(art.get(j)), p.compare(q), "claims {i}, {j}");
            }
        }
        assert_eq!(art.get(1).compare(art.get(1)), Verdict::Same);
    }

    #[test]
    fn kept_profiles_compare_as_the_profiles_did_and_keep_from_drops_the_older() {
        let ctx = context(&["Marenholm dockers walked out", "Halvik port is shut"]);
        let texts = [
            (
                "about 1,500 troops have been stationed in the Far East",
                1500.0,
            ),
            ("some 1,500 troops are stationed in the Far East", 1500.0),
            ("some 1,800 troops are stationed in the Far East", 1800.0),
            ("\"we will not move\" the dockers said at Marenholm", 0.0),
            ("the port of Halvik stays shut until Friday", 0.0),
        ];
        let profiles: Vec<Profile> = texts
            .iter()
            .enumerate()
            .map(|(i, &(text, value))| {
                let figures = if value > 0.0 {
                    vec![fig(value, "troops", true)]
                } else {
                    Vec::new()
                };
                of(text, i == 3, &figures, &ctx)
            })
            .collect();
        let mut kept = Kept::default();
        for (id, p) in profiles.iter().enumerate() {
            kept.insert(id as i64 + 10, p.view());
        }
        let verdicts = |kept: &Kept, from: usize| {
            let mut found = Vec::new();
            for a in &profiles {
                for (id, b) in profiles.iter().enumerate().skip(from) {
                    let view = kept.get(id as i64 + 10).expect("kept");
                    assert_eq!(a.view().compare(view), a.compare(b));
                    found.push(a.compare(b));
                }
            }
            found
        };
        let all = verdicts(&kept, 0);
        assert!(all.contains(&Verdict::Same) && all.contains(&Verdict::Conflict));
        kept.keep_from(12);
        assert_eq!(kept.len(), 3);
        assert!(!kept.contains(10) && !kept.contains(11) && kept.contains(12));
        verdicts(&kept, 2);
    }

    #[test]
    fn light_rewrites_of_wire_copy_are_the_same_claim() {
        let wire = profile(
            "about 1,500 troops have already been stationed in Russia's Far East",
            &[fig(1500.0, "troops", true)],
        );
        let rewrite = profile(
            "some 1,500 troops are stationed in the Far East of Russia",
            &[fig(1500.0, "troops", true)],
        );
        assert_eq!(rewrite.compare(&wire), Verdict::Same);
        assert!(
            wire.bands().iter().any(|k| rewrite.bands().contains(k)),
            "the same words give the same keys"
        );
    }

    #[test]
    fn the_same_template_in_another_city_is_another_claim() {
        let a = profile(
            "floodwater closed 14 schools in Harlow on Tuesday",
            &[fig(14.0, "schools", false)],
        );
        let b = profile(
            "floodwater closed 14 schools in Dunmore on Tuesday",
            &[fig(14.0, "schools", false)],
        );
        assert_eq!(b.compare(&a), Verdict::Different);
        // Without the names the two would be one claim.
        let c = profile(
            "floodwater closed 14 schools on Tuesday",
            &[fig(14.0, "schools", false)],
        );
        assert_eq!(c.compare(&a), Verdict::Same);
    }

    #[test]
    fn a_mark_turns_away_only_claims_a_comparison_finds_different() {
        let denied = {
            let mut draft = Draft::default();
            draft.fill(
                "floodwater closed 14 schools in Harlow on Tuesday",
                (false, true),
                [fig(14.0, "schools", false)],
                &mut Context::default(),
            );
            draft.profile()
        };
        let claims = [
            profile(
                "floodwater closed 14 schools in Harlow on Tuesday",
                &[fig(14.0, "schools", false)],
            ),
            profile(
                "floodwater closed 14 schools in Dunmore on Tuesday",
                &[fig(14.0, "schools", false)],
            ),
            profile(
                "floodwater closed 14 schools on Tuesday",
                &[fig(14.0, "schools", false)],
            ),
            profile(
                "floodwater closed 14 schools in Harlow and Dunmore on Tuesday",
                &[fig(14.0, "schools", false)],
            ),
            denied,
            of(
                "floodwater closed 14 schools in Harlow on Tuesday",
                false,
                &[fig(14.0, "schools", false)],
                &context(&["the council of Harlow met", "schools in Harlow shut"]),
            ),
            of(
                "floodwater closed 14 schools in Harlow on Tuesday",
                false,
                &[fig(14.0, "schools", false)],
                &context(&["troops from Velmora moved", "the port of Tervik shut"]),
            ),
        ];
        let mut apart = 0;
        for a in &claims {
            assert!(
                !a.apart(Mark::default()),
                "an unknown mark turns nothing away"
            );
            for b in &claims {
                if a.apart(b.mark()) {
                    apart += 1;
                    assert_eq!(a.compare(b), Verdict::Different);
                }
            }
        }
        // Harlow against Dunmore (specifics), the denial against the
        // rest, the two articles about different things (names).
        assert!(claims[1].apart(claims[0].mark()));
        assert!(claims[4].apart(claims[0].mark()));
        assert!(claims[5].apart(claims[6].mark()));
        assert!(
            !claims[2].apart(claims[0].mark()),
            "a subset of the specifics"
        );
        assert!(apart >= 10);
    }

    #[test]
    fn different_figures_for_the_same_thing_conflict() {
        let a = profile(
            "12,000 troops have been sent to the front",
            &[fig(12000.0, "troops", false)],
        );
        let b = profile(
            "10,000 troops have been sent to the front",
            &[fig(10000.0, "troops", false)],
        );
        assert_eq!(b.compare(&a), Verdict::Conflict);
        // A hedge allows a near figure.
        let c = profile(
            "nearly 12,500 troops have been sent to the front",
            &[fig(12500.0, "troops", true)],
        );
        assert_eq!(c.compare(&a), Verdict::Same);
        // The same number about something else is not the same claim.
        let d = profile(
            "12,000 troops took part in the parade in the capital",
            &[fig(12000.0, "troops", false)],
        );
        assert_eq!(d.compare(&a), Verdict::Different);
    }

    #[test]
    fn a_denial_is_not_the_claim_it_denies() {
        let claim = profile("troops had been moved to the northern border", &[]);
        let mut draft = Draft::default();
        draft.fill(
            "troops had been moved to the northern border",
            (false, true),
            [],
            &mut Context::default(),
        );
        let denial = draft.profile();
        assert_eq!(denial.compare(&claim), Verdict::Different);
        assert_eq!(denial.compare(&denial.clone()), Verdict::Same);
    }

    #[test]
    fn units_as_found_meet_on_a_word() {
        // The extractor's units carry neighbours, or are missing.
        let a = profile(
            "Nine people were killed in the flooding",
            &[fig(9.0, "people", false)],
        );
        let b = profile(
            "The toll stands at nine people killed in the flooding",
            &[fig(9.0, "people killed", false)],
        );
        assert_eq!(b.compare(&a), Verdict::Same);
        let c = profile(
            "some 4,000 Dravonian troops were stationed on the border",
            &[FigureIn {
                value: 4000.0,
                unit: None,
                approx: true,
            }],
        );
        let d = profile(
            "5,000 troops were stationed on the border",
            &[fig(5000.0, "troops", false)],
        );
        assert_eq!(c.compare(&d), Verdict::Conflict);
    }

    #[test]
    fn words_news_uses_for_one_another_count_as_one() {
        let a = profile("The blaze started in a storage hall for solvents", &[]);
        let b = profile("the fire began in a storage hall for solvents", &[]);
        assert_eq!(b.view().words(), a.view().words());
    }

    #[test]
    fn figures_in_words_are_figures() {
        let forty = profile(
            "Forty ships were waiting to unload outside the harbour",
            &[],
        );
        let more = profile(
            "Fifty-five ships were waiting to unload outside the harbour",
            &[],
        );
        assert_eq!(more.compare(&forty), Verdict::Conflict);
        let digits = profile(
            "40 ships were waiting outside the harbour to unload",
            &[fig(40.0, "ships", false)],
        );
        assert_eq!(digits.compare(&forty), Verdict::Same);
    }

    #[test]
    fn a_reworded_figure_is_the_same_claim() {
        let a = profile(
            "the explosion at the fuel depot killed at least 40 people",
            &[fig(40.0, "people", true)],
        );
        let b = profile(
            "40 people died in the depot explosion",
            &[fig(40.0, "people", false)],
        );
        assert_eq!(b.compare(&a), Verdict::Same);
        assert_eq!(a.figure_key(), b.figure_key());
    }

    #[test]
    fn a_shorter_cut_of_a_quotation_is_the_same_quotation() {
        let ctx = Context::default();
        let full = of(
            "We will not accept any deal that ignores the safety of our members",
            true,
            &[],
            &ctx,
        );
        let cut = of(
            "any deal that ignores the safety of our members",
            true,
            &[],
            &ctx,
        );
        assert_eq!(cut.compare(&full), Verdict::Same);
    }

    #[test]
    fn claims_of_articles_about_different_things_never_match() {
        let harlow = context(&[
            "the council of Harlow met",
            "Mayor Ada Voss of Harlow spoke",
        ]);
        let dunmore = context(&[
            "the council of Dunmore met",
            "Mayor Ivo Rask of Dunmore spoke",
        ]);
        let text = "the investigation into the collapse is continuing";
        let a = of(text, false, &[], &harlow);
        let b = of(text, false, &[], &dunmore);
        assert_eq!(b.compare(&a), Verdict::Different);
        let c = of(text, false, &[], &harlow);
        assert_eq!(c.compare(&a), Verdict::Same);
    }

    #[test]
    fn names_years_and_short_claims() {
        let p = profile("North Korea sent troops to Russia in 2024", &[]);
        // "North" opens the claim; "Korea", "Russia" and the year are specific.
        assert_eq!(p.view().specifics().len(), 3, "{p:?}");
        assert!(p.view().clusterable());
        assert!(!profile("the ruling was overdue", &[]).view().clusterable());
    }

    #[test]
    fn an_articles_names_read_back_as_they_were_kept() {
        let ctx = context(&["officials in Harlow said Harlow would rebuild with Mayor Ada Voss"]);
        let p = of("the council will rebuild the bridge", false, &[], &ctx);
        let mut back = of(
            "the council will rebuild the bridge",
            false,
            &[],
            &Context::default(),
        );
        back.set_stored_context(ctx.stored().as_deref());
        assert_eq!(back, p);
        assert!(!p.view().context.is_empty());
        assert_eq!(Context::default().stored(), None);
        back.set_stored_context(Some(b"odd"));
        assert!(back.view().context.is_empty());
    }

    #[test]
    fn words_are_hashed_as_read_as_word_hash_would() {
        let text = "Officials' reports: Russia's troops, NIS chiefs, the boss’s cars and Zürich’s banks said it's 12,000";
        let mut seen = Vec::new();
        tokens(text, |t| seen.push((t.text.to_string(), t.hash)));
        for (word, hash) in &seen {
            assert_eq!(*hash, word_hash(word), "{word}");
        }
        let words: Vec<&str> = seen.iter().map(|(w, _)| w.as_str()).collect();
        assert!(
            words.contains(&"Russia") && words.contains(&"Zürich"),
            "{words:?}"
        );
        assert!(
            words.contains(&"boss") && words.contains(&"12,000"),
            "{words:?}"
        );
    }

    #[test]
    fn word_hashes_never_change() {
        // Stored in ledgers: a change here breaks every ledger's clusters.
        assert_eq!(word_hash("troops"), word_hash("Troop"));
        assert_eq!(word_hash("Russia\u{2019}s"), word_hash("russia's"));
        assert_eq!(word_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(1), 0x5692_161d_100b_05e5);
    }
}
