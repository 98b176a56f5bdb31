//! The frame finder's state, and the terms the pattern table is written
//! in: a `Sentence` as patterns see it, a sentence `Pattern`, and a
//! `CuePattern` for the words that open reported speech. The patterns
//! themselves and their order are in `frames/mod.rs`; the grammar helpers
//! (`subjects`, `objects`, `clauses`) add methods to `FrameFinder`.

use std::cell::OnceCell;

use super::draft::Draft;
use crate::extract::lexicon::{LexiconData, VerbInfo, WordClasses};
use crate::extract::tokens::{TokKind, Tokens};

/// Reads the sentences of one paragraph.
pub struct FrameFinder<'t, 'a> {
    pub(super) t: &'t Tokens<'a>,
    pub(super) lex: &'t LexiconData,
    /// The reporting verb each token is, looked up once per paragraph.
    pub(super) verbs: Vec<Option<&'t VerbInfo>>,
}

/// One sentence, as every pattern receives it.
pub struct Sentence {
    /// Its first token.
    pub start: usize,
    /// Past its last token, final punctuation included.
    pub end: usize,
    /// Past its last token without the final stops (". ! … ;").
    pub trimmed: usize,
    /// How many words it has.
    pub words: usize,
    /// The cues in `[start, trimmed)`, found when a pattern first asks
    /// (`frames::cues`).
    pub(super) cues: OnceCell<Vec<Cue>>,
}

/// A pattern tried on a whole sentence: `None` when it does not apply, so
/// the next one is tried; `Some` ends the search, and an empty list means
/// the sentence makes no claim.
pub type FindFn = fn(&FrameFinder, &Sentence) -> Option<Vec<Draft>>;

/// A sentence pattern: a row of `frames::PATTERNS`.
// Names and examples document the rows; only the tables' tests read them.
#[cfg_attr(not(test), allow(dead_code))]
pub struct Pattern {
    pub name: &'static str,
    pub example: Example,
    pub find: FindFn,
    /// Reported speech: refusals ("but declined to comment") and second
    /// statements ("while Y said B") are split off what it finds.
    pub reported: bool,
}

/// A cue that opens reported speech at one word: a row of `frames::CUES`.
// Names and examples document the rows; only the tables' tests read them.
#[cfg_attr(not(test), allow(dead_code))]
pub struct CuePattern {
    pub name: &'static str,
    pub example: Example,
    /// The word the cue starts with, if always the same ("according"):
    /// compared before `at` is asked, which keeps the scan of every word
    /// cheap.
    pub word: Option<&'static str>,
    /// Whether the cue is at token `at` of the sentence starting at `start`.
    pub at: fn(f: &FrameFinder, at: usize, start: usize) -> bool,
    /// The frame around the cue at `at`, in `[start, end)`.
    pub frame: fn(f: &FrameFinder, at: usize, start: usize, end: usize) -> Option<Vec<Draft>>,
}

/// A cue found in a sentence.
#[derive(Clone, Copy)]
pub struct Cue {
    pub at: usize,
    pub pattern: &'static CuePattern,
}

/// A pattern's worked example: a sentence and what the pattern finds in
/// it, each draft as its content and its speakers, outermost first. The
/// table's tests read every example and check that its own row finds it.
// Names and examples document the rows; only the tables' tests read them.
#[cfg_attr(not(test), allow(dead_code))]
pub struct Example {
    pub sentence: &'static str,
    pub finds: &'static [(&'static str, &'static [&'static str])],
}

impl Sentence {
    pub(super) fn new(f: &FrameFinder, start: usize, end: usize) -> Sentence {
        Sentence {
            start,
            end,
            trimmed: f.trim_end(start, end),
            words: (start..end).filter(|&i| f.t.is_word(i)).count(),
            cues: OnceCell::new(),
        }
    }
}

impl<'t, 'a> FrameFinder<'t, 'a> {
    pub fn new(t: &'t Tokens<'a>, lex: &'t LexiconData) -> Self {
        let verbs = (0..t.toks.len())
            .map(|i| {
                (t.toks[i].kind == TokKind::Word && !t.is_cap(i) && t.has(i, WordClasses::VERBS))
                    .then(|| lex.verbs.get(t.low(i)))
                    .flatten()
            })
            .collect();
        FrameFinder { t, lex, verbs }
    }

    /// The end of `[s, e)` without its final stops.
    pub(super) fn trim_end(&self, s: usize, e: usize) -> usize {
        let t = self.t;
        let mut end = e;
        while end > s {
            let k = end - 1;
            match t.toks[k].kind {
                TokKind::Punct if matches!(t.text(k), "." | "!" | "…" | ";") => end -= 1,
                _ => break,
            }
        }
        end
    }

    /// The last punctuation mark of `[s, e)` when no word follows it.
    pub(super) fn last_mark(&self, s: usize, e: usize) -> Option<&'a str> {
        let t = self.t;
        (s..e)
            .rev()
            .find(|&i| t.toks[i].kind == TokKind::Punct || t.is_word(i))
            .filter(|&i| t.toks[i].kind == TokKind::Punct)
            .map(|i| t.text(i))
    }

    /// The reporting verb the word at `i` is in any case and position
    /// (unlike `verb_info`, which reads unquoted lowercase words only).
    pub(super) fn word_verb(&self, i: usize) -> Option<&'t VerbInfo> {
        let t = self.t;
        t.has(i, WordClasses::VERBS)
            .then(|| self.lex.verbs.get(t.low(i)))
            .flatten()
    }

    /// The reporting verb an unquoted lowercase word is.
    pub(super) fn verb_info(&self, i: usize) -> Option<&'t VerbInfo> {
        let t = self.t;
        if t.quoted(i) {
            return None;
        }
        self.verbs.get(i).copied().flatten()
    }
}
