//! Grammar helpers for the subject side of a frame: whether a word is a
//! finite reporting verb with a subject, where the subject starts and ends
//! (adverbs, opening adverbials, appositions, names listed with commas),
//! and the speaker of an inverted frame ("said Jane Roe, a lawyer").

use super::finder::FrameFinder;
use crate::extract::lexicon::{
    BE_FORM_TAGS, DETERMINER_TAGS, RELATIVE_PRONOUN_TAGS, SENTENCE_OPENER_TAGS,
    SUBJECT_PRONOUN_TAGS, TagBits, VERB_PREPOSITION_TAGS, VerbForm, VerbInfo, WordClasses,
};
use crate::extract::span::{comma_list_end, is_acronym, is_possessive};
use crate::extract::tokens::TokKind;

/// "was told", "been told", "being told", "be told": a passive, not a
/// subject's verb.
const NOT_PRESENT: TagBits = BE_FORM_TAGS.bits(&["past", "participle", "gerund", "base"]);
const ADVERBIAL: TagBits = SENTENCE_OPENER_TAGS.bits(&["adverbial"]);
const CONJUNCTION: TagBits = SENTENCE_OPENER_TAGS.bits(&["conjunction"]);
const ASKED: TagBits = SENTENCE_OPENER_TAGS.bits(&["asked"]);
/// ", who ...": a relative clause of the noun phrase.
const RELATIVE_SUBJECT: TagBits = RELATIVE_PRONOUN_TAGS.bits(&["subject"]);
/// "officials who were briefed": the noun phrase ends.
const OPENS_RELATIVE: TagBits = RELATIVE_PRONOUN_TAGS.bits(&["opens"]);
/// "they say", "she says".
const TAKES_BASE: TagBits = SUBJECT_PRONOUN_TAGS.bits(&["base"]);
const TAKES_THIRD: TagBits = SUBJECT_PRONOUN_TAGS.bits(&["third"]);
/// ", a spokeswoman for the firm,": an apposition.
const ARTICLE: TagBits = DETERMINER_TAGS.bits(&["article"]);
/// Prepositions after a verb-like word that make it a noun or a
/// participle; each names where it stands.
const AFTER_BASE: TagBits = VERB_PREPOSITION_TAGS.bits(&["after-base"]);
const AFTER_S: TagBits = VERB_PREPOSITION_TAGS.bits(&["after-s"]);
const AFTER_COMMA: TagBits = VERB_PREPOSITION_TAGS.bits(&["after-comma"]);
const PLACED: TagBits = VERB_PREPOSITION_TAGS.bits(&["placed"]);
const AFTER_NOUN: TagBits = VERB_PREPOSITION_TAGS.bits(&["after-noun"]);

impl<'t> FrameFinder<'t, '_> {
    /// Whether token `verb` is a finite reporting verb with a subject.
    pub(super) fn main_verb(&self, verb: usize, start: usize) -> bool {
        let t = self.t;
        let Some(info) = self.verb_info(verb) else {
            return false;
        };
        if info.form == VerbForm::Participle {
            return false;
        }
        let prev = if verb > start { Some(verb - 1) } else { None };
        let prev_low = prev.map(|prev_at| t.low(prev_at)).unwrap_or("");
        // "its reported deployment", "the claimed figure".
        if prev.is_some_and(|prev_at| t.has(prev_at, WordClasses::DETERMINERS))
            || is_possessive(prev_low) && info.form == VerbForm::Past
        {
            return false;
        }
        let subject_end = self.skip_adverbs_left(verb, start);
        // "the case on which the court has ruled": a relative clause, its
        // verb no frame.
        let relative = (start..subject_end)
            .rev()
            .take(5)
            .take_while(|&k| t.is_word(k))
            .any(|k| t.has(k, WordClasses::OBLIQUE_RELATIVES));
        if relative {
            return false;
        }
        let before = if subject_end > start {
            t.low(subject_end - 1)
        } else {
            ""
        };
        if self.lex.no_subject_words.contains(before) {
            return false;
        }
        let next_low = if verb + 1 < t.toks.len() {
            t.low(verb + 1)
        } else {
            ""
        };
        if info.form == VerbForm::Past && self.passive_or_participle(verb, start, subject_end, info)
        {
            return false;
        }
        match info.form {
            VerbForm::Base => {
                let Some(prev_at) = prev else { return false };
                let prev_word = t.low(prev_at);
                // A plural or collective subject: "analysts say", "police
                // say", a body by its acronym ("WHO say").
                let plural = (prev_word.ends_with('s') && !is_possessive(prev_word) && prev_word.len() > 3)
                    || self.lex.subject_pronouns.has(prev_word, TAKES_BASE)
                    || self.lex.anonymous_heads.contains(prev_word)
                    || self.lex.collective_subjects.contains(prev_word)
                    || is_acronym(t.text(prev_at))
                    // A body by its name, plural in British use ("the
                    // magazine MicroMega describe").
                    || (t.is_cap(prev_at) && prev_at > start && !t.is_cap(prev_at - 1) && t.is_word(prev_at - 1));
                plural
                    && !self.lex.auxiliaries.contains(prev_word)
                    && !self.lex.verb_prepositions.has(next_low, AFTER_BASE)
            }
            // "Recent reports have revealed": a noun before a verb.
            VerbForm::ThirdPerson if t.has(verb + 1, WordClasses::AUXILIARIES) => false,
            VerbForm::ThirdPerson => {
                prev.is_some_and(|prev_at| {
                    t.toks[prev_at].kind == TokKind::CloseQuote
                        || t.is_cap(prev_at)
                        // "The World Health Organisation (WHO) recommends".
                        || t.is_punct(prev_at, ")")
                        || self.lex.subject_pronouns.has(t.low(prev_at), TAKES_THIRD)
                        // The head noun of a longer subject: "the agency
                        // says", "the Renner campaign says", "its report
                        // says".
                        || (t.is_word(prev_at)
                            && prev_at > start
                            && !t.has(prev_at, WordClasses::FUNCTION_WORDS)
                            && !t.has(prev_at, WordClasses::AUXILIARIES)
                            && (t.has(prev_at - 1, WordClasses::DETERMINERS)
                                || t.is_cap(prev_at - 1)
                                || is_possessive(t.low(prev_at - 1))))
                        // After an apposition or before its speaker:
                        // "Ana Ruiz, the director, says ...", "..., says
                        // Ana Ruiz."
                        || (t.is_punct(prev_at, ",") && prev_at > start && !t.quoted(prev_at))
                }) && !self.lex.verb_prepositions.has(next_low, AFTER_S)
            }
            _ => prev.is_some() || info.speech,
        }
    }

    /// Whether the past form at `verb` is a passive or a participle rather
    /// than a verb with its subject: "were told", "believed to belong",
    /// "quoted by X". `subject_end` is where the words before it that may stand
    /// between a subject and its verb begin.
    fn passive_or_participle(
        &self,
        verb: usize,
        start: usize,
        subject_end: usize,
        info: &VerbInfo,
    ) -> bool {
        let t = self.t;
        let prev = if verb > start { Some(verb - 1) } else { None };
        let before = if subject_end > start {
            t.low(subject_end - 1)
        } else {
            ""
        };
        let next_low = if verb + 1 < t.toks.len() {
            t.low(verb + 1)
        } else {
            ""
        };
        // "had been denied", "were twice denied": a form of "be"
        // anywhere among the auxiliaries and adverbs before the verb.
        let be = &self.lex.be_forms;
        if (subject_end..verb).any(|k| t.has(k, WordClasses::AUXILIARIES) && be.contains(t.low(k)))
            || (subject_end > start
                && t.has(subject_end - 1, WordClasses::BE_FORMS)
                && be.has(before, NOT_PRESENT))
        {
            return true;
        }
        let after_comma = prev.is_some_and(|p| t.is_punct(p, ","));
        let preps = &self.lex.verb_prepositions;
        if next_low == "by" || (after_comma && preps.has(next_low, AFTER_COMMA)) {
            return true;
        }
        if after_comma && !info.speech && preps.has(next_low, PLACED) {
            return true;
        }
        // "the taxes requested in arrears", "laws expected next
        // month": a participle after its noun, or in an absolute
        // clause of "with".
        let after_noun = prev.is_some_and(|p| {
            t.is_word(p) && !t.is_cap(p) && !t.has(p, WordClasses::FUNCTION_WORDS)
        });
        let prep_next =
            t.has(verb + 1, WordClasses::ADJUNCT_PREPS) || preps.has(next_low, AFTER_NOUN);
        if !info.speech && after_noun && (prep_next || t.has(verb + 1, WordClasses::TIME_WORDS)) {
            return true;
        }
        let clause_opens_with = (start..subject_end)
            .rev()
            .find(|&k| t.is_punct(k, ","))
            .map_or(start, |c| c + 1);
        if t.is(clause_opens_with, "with") {
            return true;
        }
        false
    }

    /// Index just past the subject, skipping adverbs and auxiliaries
    /// between the subject and the verb at `v`.
    pub(super) fn skip_adverbs_left(&self, v: usize, s: usize) -> usize {
        let t = self.t;
        let mut l = v;
        while l > s && t.toks[l - 1].kind == TokKind::Word && t.has(l - 1, WordClasses::PRE_VERB) {
            l -= 1;
        }
        l
    }

    /// Drops a leading adverbial ("In a statement,", "Meanwhile,").
    pub(super) fn strip_adverbial(&self, s: usize, l: usize) -> usize {
        let t = self.t;
        let mut s = s;
        loop {
            if s >= l {
                return s;
            }
            let first = t.low(s);
            // A bare conjunction opening the sentence: "But the ministry said".
            let openers = &self.lex.sentence_openers;
            let opener = t.has(s, WordClasses::SENTENCE_OPENERS);
            if opener && openers.has(first, CONJUNCTION) && !t.is_punct(s + 1, ",") {
                s += 1;
                continue;
            }
            let next = if s + 1 < l { t.low(s + 1) } else { "" };
            // "Speaking to reporters, X said"; "Asked about the plan, X said".
            let participial = (first.ends_with("ing") && first.len() > 5 && !t.is_cap(s + 1))
                || (opener && openers.has(first, ASKED) && next == "about");
            // "Already,", "Allegedly,": a sentence adverb set off by a comma.
            let sentence_adverb =
                first.len() > 4 && first.ends_with("ly") && t.is_punct(s + 1, ",");
            let opens_adverbial = self.lex.adjunct_preps.contains(first)
                || participial
                || sentence_adverb
                || (opener && openers.has(first, ADVERBIAL));
            if !opens_adverbial {
                return s;
            }
            match (s..l.min(s + 12)).find(|&i| t.is_punct(i, ",") && !t.quoted(i)) {
                Some(c) => s = c + 1,
                None => return s,
            }
        }
    }

    /// The extent of a noun phrase starting at `start` (with appositions set
    /// off by commas), up to its predicate.
    pub(super) fn np_extent(&self, start: usize, end: usize) -> usize {
        let t = self.t;
        let mut at = start;
        let mut saw_noun = false;
        while at < end {
            match t.toks[at].kind {
                TokKind::Number => {
                    at += 1;
                }
                TokKind::Punct => {
                    if t.text(at) == "," && saw_noun {
                        // An apposition: ", a policy director at X,".
                        if let Some(comma) = (at + 1..end).find(|&j| t.is_punct(j, ",")) {
                            let first = t.low(at + 1);
                            if self.lex.determiners.contains(first)
                                || self.lex.relative_pronouns.has(first, RELATIVE_SUBJECT)
                            {
                                at = comma + 1;
                                continue;
                            }
                        }
                    }
                    if matches!(t.text(at), "-" | "’" | "'") {
                        at += 1;
                        continue;
                    }
                    break;
                }
                TokKind::OpenQuote | TokKind::CloseQuote => break,
                TokKind::Word => {
                    let low = t.low(at);
                    if !saw_noun && t.has(at, WordClasses::DETERMINERS) {
                        at += 1;
                        continue;
                    }
                    if t.is_cap(at) {
                        saw_noun = true;
                        at += 1;
                        continue;
                    }
                    if t.has(at, WordClasses::AUXILIARIES)
                        || self.verbs[at].is_some()
                        || (saw_noun && t.has(at, WordClasses::PRE_VERB))
                        || self.lex.relative_pronouns.has(low, OPENS_RELATIVE)
                    {
                        break;
                    }
                    if (t.has(at, WordClasses::ADJUNCT_PREPS) || low == "on")
                        && (at + 1 >= end || t.has(at + 1, WordClasses::TIME_WORDS))
                    {
                        break;
                    }
                    if saw_noun && low.ends_with("ed") && !t.has(at, WordClasses::CONNECTORS) {
                        break;
                    }
                    if saw_noun
                        && !t.has(at, WordClasses::CONNECTORS)
                        && !t.has(at, WordClasses::ADJUNCT_PREPS)
                        && at > start
                        && t.is_cap(at - 1)
                        && !self.is_head_noun(low)
                    {
                        // A lowercase word after a name starts the predicate
                        // ("Lund put it").
                        break;
                    }
                    saw_noun = true;
                    at += 1;
                }
            }
        }
        while at > start && (t.is_punct(at - 1, ",") || t.has(at - 1, WordClasses::CONNECTORS)) {
            at -= 1;
        }
        at
    }

    pub(super) fn is_head_noun(&self, low: &str) -> bool {
        self.lex.org_heads.contains(low)
            || self.lex.media_heads.contains(low)
            || self.lex.anonymous_heads.contains(low)
            || self.lex.titles.contains(low)
    }

    /// Whether what follows an inverted verb is the speaker and nothing
    /// more: "said Jane Roe, a lawyer for the firm."
    pub(super) fn inverted_speaker(&self, v: usize, end: usize) -> bool {
        let t = self.t;
        let n = v + 1;
        if n >= end {
            return false;
        }
        let first = t.low(n);
        let starts_np =
            t.is_cap(n) || self.lex.determiners.contains(first) || self.lex.titles.contains(first);
        if !starts_np {
            return false;
        }
        let np_end = self.np_extent(n, end);
        np_end > n && (np_end >= end || t.is_punct(np_end, ","))
    }

    /// For a frame at the end of a sentence, where the speaker starts and
    /// the comma that ends the content.
    pub(super) fn trailing_speaker(&self, l: usize, s: usize) -> Option<(usize, usize)> {
        let t = self.t;
        let mut inside = s;
        let mut commas: Vec<usize> = Vec::new();
        for i in s..l {
            if i >= inside
                && let Some(e) = comma_list_end(t, i, l, self.lex)
            {
                // "the Rail, Tram and Bus Union": commas inside a name.
                inside = e;
                continue;
            }
            if i >= inside && t.is_punct(i, ",") && !t.quoted(i) {
                commas.push(i);
            }
        }
        let mut idx = commas.len().checked_sub(1)?;
        // An apposition before the verb belongs to the speaker:
        // "..., Jane Roe, a spokeswoman for the firm, said."
        while idx > 0 {
            let seg_start = commas[idx] + 1;
            let first = t.low(seg_start);
            let prev_seg_start = commas[idx - 1] + 1;
            if (self.lex.determiners.has(first, ARTICLE) || first == "who")
                && t.is_cap(prev_seg_start)
            {
                idx -= 1;
            } else {
                break;
            }
        }
        Some((commas[idx] + 1, commas[idx]))
    }
}
