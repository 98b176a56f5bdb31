//! Grammar helpers for clauses: where the clause holding a frame starts,
//! whether words look like a clause or a main clause, and a frame opening
//! reported content, which makes a deeper layer ("X said Y had told them
//! that ...").

use super::draft::Layer;
use super::finder::FrameFinder;
use crate::extract::lexicon::{SUBJECT_PRONOUN_TAGS, TagBits, WordClasses};

/// "A happened, and a teacher thought B": a clause of its own.
/// "said it would appeal": a pronoun that makes a clause.
const CLAUSE_SUBJECT: TagBits = SUBJECT_PRONOUN_TAGS.bits(&["clause"]);
use crate::extract::span::Range;
use crate::extract::tokens::TokKind;

impl<'t> FrameFinder<'t, '_> {
    /// The start of the clause whose subject ends before `l`, and the
    /// subordinator that opens it, if any.
    pub(super) fn clause_start(&self, l: usize, s: usize) -> (usize, Option<usize>) {
        let t = self.t;
        let mut i = l;
        while i > s {
            let k = i - 1;
            let low = t.low(k);
            // "A happened, and a teacher thought B": a clause of its own
            // after the comma, when the words before it make one and only
            // a short subject stands between the conjunction and the verb.
            let joined_clause = t.has(k, WordClasses::CLAUSE_JOINERS)
                && k > s
                && t.is_punct(k - 1, ",")
                && l - (k + 1) <= 4
                && (s..k).filter(|&j| t.is_word(j)).count() >= 4;
            let boundary = match t.toks[k].kind {
                TokKind::Punct => matches!(t.text(k), ";" | ":" | "—" | "–"),
                TokKind::CloseQuote => true,
                TokKind::Word => {
                    t.has(k, WordClasses::SUBORDINATORS) || low == "that" || joined_clause
                }
                _ => false,
            };
            if boundary {
                // A subordinate clause that is already complete belongs to
                // the subject ("officials who spoke because the inquiry is
                // ongoing said").
                let complete = (k + 1..l).any(|j| t.has(j, WordClasses::AUXILIARIES));
                if t.toks[k].kind == TokKind::Word && complete {
                    i -= 1;
                    continue;
                }
                return (
                    i,
                    (t.toks[k].kind == TokKind::Word && low != "that").then_some(k),
                );
            }
            i -= 1;
        }
        (s, None)
    }

    pub(super) fn looks_like_clause(&self, a: usize, b: usize) -> bool {
        let t = self.t;
        if a >= b {
            return false;
        }
        if a > 0 && t.is(a - 1, "that") {
            return true;
        }
        let first = t.low(a);
        if self.lex.clause_openers.contains(first)
            || self.lex.subject_pronouns.has(first, CLAUSE_SUBJECT)
        {
            return true;
        }
        (a..b.min(a + 15)).any(|k| t.has(k, WordClasses::AUXILIARIES))
    }

    /// Whether `[s, b)` is a main clause in its own right (not just "After
    /// the vote").
    pub(super) fn main_clause_before(&self, s: usize, b: usize) -> bool {
        let t = self.t;
        let words = (s..b).filter(|&i| t.is_word(i)).count();
        words >= 3 && !t.has(s, WordClasses::SUBORDINATORS) && !t.has(s, WordClasses::ADJUNCT_PREPS)
    }

    /// A frame at the start of reported content opens a deeper layer:
    /// "citing an official, that Treasury officials had told the
    /// department there was no money".
    pub(super) fn nest(&self, content: &mut Range, layers: &mut Vec<Layer>, depth: usize) {
        let t = self.t;
        if depth > 2 {
            return;
        }
        let (a, b) = *content;
        for v in a..b.min(a + 14) {
            if t.is_punct(v, ",") || t.quoted(v) {
                return;
            }
            let Some(info) = self.verb_info(v) else {
                continue;
            };
            if !info.speech || info.citing || !self.main_verb(v, a) {
                continue;
            }
            let l = self.skip_adverbs_left(v, a);
            if l <= a || (a..l).any(|k| t.has(k, WordClasses::AUXILIARIES)) {
                return;
            }
            // "The authors say the results confirm ...": findings named by
            // no one are what the speaker says, not another speaker.
            if l - a <= 2 && self.lex.documents.contains(t.low(l - 1)) {
                return;
            }
            let (object, after) = self.object_after(v, b);
            if after >= b || (info.needs_clause && !self.looks_like_clause(after, b)) {
                return;
            }
            layers.extend(object.map(Layer::audience));
            layers.push(Layer::speaker((a, l)));
            *content = (after, b);
            self.nest(content, layers, depth + 1);
            return;
        }
    }
}
