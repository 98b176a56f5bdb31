//! Grammar helpers for what follows a reporting verb: its object ("told
//! reporters"), the adjuncts before the content ("in a statement on
//! Monday"), the "that" opening the content, and the outlets and cited
//! parties named there ("in an interview with X", ", citing X").

use super::draft::Layer;
use super::finder::FrameFinder;
use crate::extract::lexicon::{
    DETERMINER_TAGS, LINK_PHRASE_TAGS, SPEECH_EVENT_TAGS, TagBits, VerbForm, WordClasses,
};
use crate::extract::span::{Range, is_possessive};
use crate::extract::tokens::TokKind;

/// "in a statement", "at a news conference": the occasion and the words
/// that compound it.
const EVENT: TagBits = SPEECH_EVENT_TAGS.bits(&["event"]);
const COMPOUND: TagBits = SPEECH_EVENT_TAGS.bits(&["compound"]);
/// "in a statement", "in her speech": the word before the occasion.
const BEFORE_EVENT: TagBits = DETERMINER_TAGS.bits(&["event"]);
/// "called the ruling a disgrace".
const INDEFINITE: TagBits = DETERMINER_TAGS.bits(&["indefinite"]);
/// "told reporters it would": a new clause's subject.
/// "and", "or" outside a name.
/// "Speaking to Radio Nova, X said".
const OPENING_OUTLET: TagBits = LINK_PHRASE_TAGS.bits(&["opening"]);
/// "in an interview with CNBC".
const INTERVIEW: TagBits = LINK_PHRASE_TAGS.bits(&["interview"]);

impl<'t> FrameFinder<'t, '_> {
    /// The object of "told"-like verbs and where the content begins.
    pub(super) fn object_after(&self, verb: usize, end: usize) -> (Option<Range>, usize) {
        let t = self.t;
        let mut at = verb + 1;
        let takes_object = self.verb_info(verb).is_some_and(|x| x.object);
        let mut object = None;
        if takes_object && at < end && !t.is(at, "that") {
            if let Some(content_start) = self.find_that(at, end) {
                let that = content_start - 1;
                let obj_end = (at..that)
                    .find(|&m| m > at && t.has(m, WordClasses::ADJUNCT_PREPS))
                    .unwrap_or(that);
                let obj_end = (at..obj_end)
                    .rev()
                    .find(|&m| !t.is_punct(m, ","))
                    .map_or(obj_end, |m| m + 1);
                object = Some((at, obj_end));
                return (object, content_start);
            }
            let object_start = at;
            if t.has(at, WordClasses::DETERMINERS) {
                at += 1;
            }
            if t.is_cap(at) {
                while at < end
                    && (t.is_cap(at) || (t.has(at, WordClasses::CONNECTORS) && t.is_cap(at + 1)))
                {
                    at += 1;
                }
            } else if at < end && t.is_word(at) {
                at += 1;
                // "a news conference", "state television": a noun compound.
                while at < end
                    && t.toks[at].kind == TokKind::Word
                    && !t.is_cap(at)
                    && !t.has(at, WordClasses::FUNCTION_WORDS)
                    && !t.has(at, WordClasses::DETERMINERS)
                    && !t.has(at, WordClasses::TIME_WORDS)
                    && !t.has(at, WordClasses::ADJUNCT_PREPS)
                    && !t.has(at, WordClasses::AUXILIARIES)
                    && !t.has(at, WordClasses::PRONOUNS)
                    && self.verbs[at].is_none()
                {
                    at += 1;
                }
            }
            object = Some((object_start, at));
            // "told reporters outside the court"
            if at < end && t.has(at, WordClasses::ADJUNCT_PREPS) {
                let stop = (at..end).find(|&m| t.is_punct(m, ",")).unwrap_or(end);
                if stop == end || self.is_citing(stop + 1) {
                    at = stop;
                }
            }
        }
        if object.is_none()
            && let Some(listener) = self.named_listener(verb, at, end)
        {
            object = Some(listener);
            at = listener.1;
        }
        if let Some(content_start) = self.find_that(at, end) {
            return (object, content_start);
        }
        // Time and place adjuncts: "said Tuesday", "said on Wednesday
        // night", "said in a statement", "told reporters in Seoul".
        loop {
            if at >= end {
                break;
            }
            let low = t.low(at);
            if t.has(at, WordClasses::TIME_WORDS) {
                at += 1;
                continue;
            }
            if t.has(at, WordClasses::ADJUNCT_PREPS) || low == "on" {
                let stop = (at + 1..end)
                    .find(|&m| t.is_punct(m, ",") || t.toks[m].kind == TokKind::OpenQuote)
                    .unwrap_or(end);
                let short = stop - at <= 6;
                let phrase_is_adjunct = (at + 1..stop).all(|m| !t.has(m, WordClasses::AUXILIARIES));
                if short && phrase_is_adjunct && (stop == end || t.is_punct(stop, ",")) {
                    at = stop;
                    continue;
                }
                if at + 1 < end && t.has(at + 1, WordClasses::TIME_WORDS) {
                    at += 2;
                    continue;
                }
                if self.lex.determiners.has(t.low(at + 1), BEFORE_EVENT)
                    && self.lex.speech_events.has(t.low(at + 2), EVENT)
                {
                    at += 3;
                    while at < end && self.lex.speech_events.has(t.low(at), COMPOUND) {
                        at += 1;
                    }
                    continue;
                }
            }
            break;
        }
        if t.is(at, "that") {
            at += 1;
        }
        (object, at)
    }

    /// "stated to LA Weekly that": after a verb of saying, "to" and a name
    /// at `j` name the listener as "told" does.
    fn named_listener(&self, v: usize, j: usize, end: usize) -> Option<Range> {
        let t = self.t;
        let named = self.verb_info(v).is_some_and(|x| x.speech)
            && t.is(j, "to")
            && j + 1 < end
            && t.is_cap(j + 1);
        if !named {
            return None;
        }
        let mut k = j + 1;
        while k < end && (t.is_cap(k) || (t.has(k, WordClasses::CONNECTORS) && t.is_cap(k + 1))) {
            k += 1;
        }
        Some((j + 1, k))
    }

    /// Whether `[a, b)` is an object and what it is called: "the ruling a
    /// disgrace", "the plan “reckless”", "the ruling as historic".
    pub(super) fn object_complement(&self, a: usize, b: usize) -> bool {
        let t = self.t;
        let Some(k) = (a + 1..b.min(a + 7)).find(|&k| {
            t.has(k, WordClasses::DETERMINERS) && self.lex.determiners.has(t.low(k), INDEFINITE)
                || t.is(k, "as")
                || t.toks[k].kind == TokKind::OpenQuote
        }) else {
            return false;
        };
        // Nouns up to it: no verb but an "-ing" noun ("the ruling").
        k + 1 < b
            && (a..k).all(|j| {
                t.is_word(j) && self.verbs[j].is_none_or(|v| v.form == VerbForm::Participle)
            })
    }

    /// A "that" opening the content within a few words of `j`, with only
    /// adjuncts before it.
    pub(super) fn find_that(&self, j: usize, end: usize) -> Option<usize> {
        let t = self.t;
        // Inside a prepositional adjunct ("on a call", "during an earnings
        // call") a base or -s form is a noun, not a second verb.
        let mut in_pp = false;
        for k in j..end.min(j + 16) {
            let low = t.low(k);
            if low == "that" && !t.quoted(k) {
                return Some(k + 1);
            }
            let noun_use = k > j
                && (in_pp || t.has(k - 1, WordClasses::DETERMINERS) || is_possessive(t.low(k - 1)))
                && self
                    .word_verb(k)
                    .is_some_and(|v| matches!(v.form, VerbForm::Base | VerbForm::ThirdPerson));
            if t.has(k, WordClasses::ADJUNCT_PREPS) || low == "on" {
                in_pp = true;
            }
            // "and" inside a name ("Securities and Exchange Commission")
            // does not start a new clause.
            let in_name = k > j && t.is_cap(k - 1) && t.is_cap(k + 1);
            let stop = t.has(k, WordClasses::AUXILIARIES)
                || t.has(k, WordClasses::CLAUSE_SUBJECTS)
                || low == "but"
                || (t.has(k, WordClasses::WORD_JOINERS) && !in_name)
                || matches!(t.toks[k].kind, TokKind::OpenQuote | TokKind::CloseQuote)
                || (k > j
                    && !noun_use
                    && !t.is(k + 1, "by")
                    && self
                        .word_verb(k)
                        .is_some_and(|v| v.form != VerbForm::Participle));
            if stop {
                return None;
            }
        }
        None
    }

    /// "citing X" and "quoting X" both put X inside the speaker.
    pub(super) fn is_citing(&self, k: usize) -> bool {
        self.t.has(k, WordClasses::CITING)
    }

    /// Appends ", citing X" layers found in the tail `[from, b)`.
    pub(super) fn push_citing(&self, from: usize, b: usize, layers: &mut Vec<Layer>) {
        let t = self.t;
        if let Some(c) = (from..b).find(|&k| self.is_citing(k) && k > 0 && t.is_punct(k - 1, ",")) {
            let stop = (c + 1..b).find(|&k| t.is_punct(k, ",")).unwrap_or(b);
            layers.push(Layer::speaker((c + 1, stop)));
        }
    }

    /// "in an interview with CNBC" after a reporting verb: the outlet is a
    /// link.
    pub(super) fn interview_outlet(&self, a: usize, b: usize) -> Option<Layer> {
        let t = self.t;
        let k = (a..b.saturating_sub(2)).find(|&k| {
            self.lex
                .link_phrases
                .has_pair(t.low(k), t.low(k + 1), INTERVIEW)
        })?;
        self.outlet_at(k + 2, b)
    }

    /// An outlet named in an opening adverbial: "In an interview with the
    /// Courier, X said", "Speaking to Radio Nova, X said".
    pub(super) fn adverbial_outlet(&self, a: usize, b: usize) -> Option<Layer> {
        let t = self.t;
        if a >= b {
            return None;
        }
        if let Some(o) = self.interview_outlet(a, b) {
            return Some(o);
        }
        let k = (a..b).find(|&k| {
            self.lex
                .link_phrases
                .has_pair(t.low(k), t.low(k + 1), OPENING_OUTLET)
        })?;
        self.outlet_at(k + 2, b)
    }

    /// The outlet named from `x` on ("the Courier", "Radio Nova"): an
    /// optional determiner and a run of capitalised words.
    pub(super) fn outlet_at(&self, x: usize, b: usize) -> Option<Layer> {
        let t = self.t;
        let start = x;
        let mut x = x;
        if t.has(x, WordClasses::DETERMINERS) {
            x += 1;
        }
        let mut e = x;
        while e < b && t.is_cap(e) {
            e += 1;
        }
        (e > x).then_some(Layer::audience((start, e)))
    }
}
