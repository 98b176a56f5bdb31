//! The ground floor of `extract`: token ranges and the small readings of
//! them that frames, chains, mentions and parties all need (possessives,
//! acronyms, runs of capitalised words). It depends only on the tokens and
//! the lexicon, so every other module can build on it without an import
//! circle.

use super::lexicon::{LexiconData, WordClasses};
use super::tokens::{TokKind, Tokens};

/// A token range `[start, end)` within a paragraph.
pub type Range = (usize, usize);

/// Whether a lowercase word ends in a possessive ("minister’s", "states'").
pub fn is_possessive(low: &str) -> bool {
    low.ends_with("’s") || low.ends_with("'s") || low.ends_with("s’") || low.ends_with("s'")
}

/// The word without a possessive ending: "’s", "'s", or a bare
/// apostrophe ("workers’").
pub fn strip_possessive(s: &str) -> &str {
    for suf in ["’s", "'s"] {
        if let Some(x) = s.strip_suffix(suf) {
            return x;
        }
    }
    for suf in ["’", "'"] {
        if let Some(x) = s.strip_suffix(suf) {
            return x;
        }
    }
    s
}

/// Whether a word is written as an acronym ("UNHCR", "CSS"): two or more
/// letters, all capitals, no dots.
pub fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c == '.' || (c.is_alphabetic() && !c.is_uppercase()) {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters >= 2
}

/// A name that lists with commas, "Rail, Tram and Bus Union": given the
/// comma `k` after a capitalised word, where the name ends, if it closes
/// with "and" and a head word of an organisation.
pub fn comma_list_end(t: &Tokens, k: usize, b: usize, lex: &LexiconData) -> Option<usize> {
    if k == 0 || !t.is_cap(k - 1) || !t.is_punct(k, ",") {
        return None;
    }
    let mut i = k;
    // Each item is one or two capitalised words.
    while i < b && t.is_punct(i, ",") {
        let mut j = i + 1;
        while j < b && j < i + 3 && t.is_cap(j) {
            j += 1;
        }
        if j == i + 1 {
            return None;
        }
        i = j;
    }
    if i >= b || !(t.is(i, "and") || t.is_punct(i, "&")) {
        return None;
    }
    let mut j = i + 1;
    while j < b && t.is_cap(j) {
        j += 1;
    }
    let head = strip_possessive(t.low(j - 1));
    (j > i + 1
        && (lex.org_heads.contains(head)
            || lex.media_heads.contains(head)
            || lex.company_heads.contains(head)))
    .then_some(j)
}

/// Maximal runs of capitalised words, joined through connectors ("of",
/// "and", "for") that sit between capitalised words.
pub fn name_runs(t: &Tokens, a: usize, b: usize, lex: &LexiconData) -> Vec<Range> {
    let mut runs = Vec::new();
    name_runs_into(t, a, b, lex, &mut runs);
    runs
}

/// `name_runs` appended to `runs`, so a caller can reuse one buffer.
pub fn name_runs_into(t: &Tokens, a: usize, b: usize, lex: &LexiconData, runs: &mut Vec<Range>) {
    let mut i = a;
    while i < b {
        if t.is_cap(i) && !t.quoted(i) {
            let s = i;
            let mut k = i + 1;
            loop {
                if k < b && t.is_cap(k) {
                    k += 1;
                } else if k + 1 < b
                    && t.toks[k].kind == TokKind::Word
                    && t.has(k, WordClasses::CONNECTORS)
                    && t.is_cap(k + 1)
                    && !t.is_cap(k)
                {
                    k += 2;
                } else if k + 2 < b && t.low(k) == "of" && t.low(k + 1) == "the" && t.is_cap(k + 2)
                {
                    k += 3;
                } else if let Some(e) = comma_list_end(t, k, b, lex) {
                    k = e;
                } else {
                    break;
                }
            }
            // A capitalised function word opening a sentence is not part
            // of a name ("The", "In").
            let mut s2 = s;
            while s2 < k
                && t.has(s2, WordClasses::FUNCTION_WORDS)
                && t.has(s2, WordClasses::DETERMINERS)
            {
                s2 += 1;
            }
            if s2 < k {
                runs.push((s2, k));
            }
            i = k;
        } else {
            i += 1;
        }
    }
}
