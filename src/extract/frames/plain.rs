//! Sentences read without a frame: what is no claim at all (a question, a
//! fragment, a transition such as "Here is what we know."), and the
//! article's own voice, which reads whatever no other pattern did.

use super::draft::Draft;
use super::finder::{FrameFinder, Sentence};

/// Nothing but punctuation.
pub(super) fn nothing_left(_f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    (sentence.trimmed <= sentence.start).then(Vec::new)
}

/// A question asks; it claims nothing.
pub(super) fn question(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    (f.last_mark(sentence.start, sentence.end) == Some("?")).then(Vec::new)
}

/// A single word ("Developing.") is no statement.
pub(super) fn fragment(_f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    (sentence.words < 2).then(Vec::new)
}

/// A short sentence opening with a transition from the lexicon ("Here is
/// what we know.") announces what follows and states nothing.
pub(super) fn transition(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let t = f.t;
    let start = sentence.start;
    let opens_transition = f.lex.transitions.iter().any(|words| {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| t.low(start + k) == w.as_str())
    });
    (opens_transition && sentence.words <= 8).then(Vec::new)
}

/// The article's own voice: the whole sentence, attributed to no one.
pub(super) fn own_voice(_f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    Some(vec![Draft::unattributed((
        sentence.start,
        sentence.trimmed,
    ))])
}
