//! Attribution frames: finds in one sentence the words that attribute a
//! statement ("X said", "according to X", "“...,” said X", "X put it
//! this way: “...”", "..., ruling that ..."), and splits the sentence into
//! the content (the claim) and the frame (speaker, cue, chain).
//!
//! The result is a list of drafts per sentence, each naming token ranges;
//! who the ranges refer to is settled later by `chains`, `mentions`
//! and `parties`.

use super::lexicon::{LexiconData, VerbForm, VerbInfo, WordClasses};
use super::model::{ClaimKind, Mode};
use super::span::{Range, comma_list_end, is_possessive};
use super::tokens::{TokKind, Tokens};

/// One or two values kept inline. A draft's content has two parts, and
/// it has two quotations, only when a quotation is split by its frame;
/// a `Vec` for each cost two heap allocations per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpToTwo<T> {
    items: [T; 2],
    len: usize,
}

impl<T: Copy + Default> UpToTwo<T> {
    fn one(a: T) -> UpToTwo<T> {
        UpToTwo {
            items: [a, T::default()],
            len: 1,
        }
    }

    fn two(a: T, b: T) -> UpToTwo<T> {
        UpToTwo {
            items: [a, b],
            len: 2,
        }
    }

    fn push(&mut self, x: T) {
        assert!(self.len < 2, "at most two parts");
        self.items[self.len] = x;
        self.len += 1;
    }
}

impl<'a, T> IntoIterator for &'a UpToTwo<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T> std::ops::Deref for UpToTwo<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.items[..self.len]
    }
}

/// One claim as found in the text, before its parties are resolved.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The claim text as a token range.
    pub span: Range,
    /// The content proper (for kinds and quantities); a split quotation
    /// has two parts and the frame between them is left out.
    pub content: UpToTwo<Range>,
    pub cue: Option<Range>,
    /// The parties, outermost first: the last one is the source, the
    /// others are the chain. Each is a region that may still hold
    /// appositions and chain phrases ("quoted by X").
    pub layers: Vec<Layer>,
    /// A quotation with no frame of its own takes the speaker of this
    /// quotation.
    pub inherit: Option<u32>,
    /// Quotations whose speaker this draft establishes.
    pub quotes: UpToTwo<u32>,
    pub mode: Mode,
    pub verb_kind: Option<ClaimKind>,
    pub forced_kind: Option<ClaimKind>,
    /// Read only for its speaker (a quoted question): no claim.
    pub silent: bool,
    /// A sentence ending in a colon that introduces a quotation.
    pub lead_in: bool,
}

/// A party region and how it entered the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layer {
    pub region: Range,
    /// Entered as a listener or outlet ("told the Courier"): only an outlet
    /// counts as a link.
    pub audience: bool,
}

impl Layer {
    fn speaker(region: Range) -> Layer {
        Layer {
            region,
            audience: false,
        }
    }

    /// A listener or outlet: "told reporters", "told the Courier".
    fn audience(region: Range) -> Layer {
        Layer {
            region,
            audience: true,
        }
    }
}

impl Draft {
    /// Reported speech: `content` said by the layers' speaker, marked by
    /// the cue.
    fn reported(
        content: Range,
        cue: Range,
        layers: Vec<Layer>,
        verb_kind: Option<ClaimKind>,
    ) -> Draft {
        Draft {
            span: content,
            content: UpToTwo::one(content),
            cue: Some(cue),
            layers,
            inherit: None,
            quotes: UpToTwo::default(),
            mode: Mode::Indirect,
            verb_kind,
            forced_kind: None,
            silent: false,
            lead_in: false,
        }
    }

    fn unattributed(span: Range) -> Draft {
        Draft {
            span,
            content: UpToTwo::one(span),
            cue: None,
            layers: Vec::new(),
            inherit: None,
            quotes: UpToTwo::default(),
            mode: Mode::None,
            verb_kind: None,
            forced_kind: None,
            silent: false,
            lead_in: false,
        }
    }
}

/// Reads one sentence.
pub struct FrameFinder<'t, 'a> {
    t: &'t Tokens<'a>,
    lex: &'t LexiconData,
    /// The reporting verb each token is, looked up once per paragraph.
    verbs: Vec<Option<&'t VerbInfo>>,
}

/// Which attribution cue was found.
#[derive(Debug, Clone, Copy)]
enum Cue {
    Verb(usize),
    According(usize),
    /// "X was quoted (by Y) as saying ..."
    QuotedAs(usize),
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

    /// The drafts of the sentence `[s, e)`.
    pub fn analyze(&self, s: usize, e: usize) -> Vec<Draft> {
        let t = self.t;
        let end = self.trim_end(s, e);
        if end <= s {
            return Vec::new();
        }
        let last = self.last_mark(s, e);
        if last == Some("?") {
            return Vec::new();
        }
        if last == Some(":") {
            // "The minister said:" opens a quotation in the next
            // paragraph: no claim, but its speaker is kept.
            let end = (s..e).rev().find(|&i| t.is_punct(i, ":")).unwrap_or(e);
            return self.lead_in(s, end).into_iter().collect();
        }
        if (s..e).filter(|&i| t.is_word(i)).count() < 2 {
            return Vec::new();
        }
        // "Here is what we know."
        let opens_transition = self.lex.transitions.iter().any(|words| {
            words
                .iter()
                .enumerate()
                .all(|(k, w)| t.low(s + k) == w.as_str())
        });
        if opens_transition && (s..e).filter(|&i| t.is_word(i)).count() <= 8 {
            return Vec::new();
        }
        // A sentence wholly inside a quotation continues it.
        let first_word = (s..e).find(|&i| t.is_word(i)).expect("two words");
        if (s..e).filter(|&i| t.is_word(i)).all(|i| t.quoted(i)) {
            let (a, b) = self.inner_quote_span(s, e);
            let id = t.toks[first_word].quote.expect("quoted");
            let mut d = Draft::unattributed((a, b));
            d.inherit = Some(id);
            d.mode = Mode::Direct;
            return vec![d];
        }
        let first_quoted = t.toks[s].kind == TokKind::OpenQuote || t.quoted(s);
        // “Why now?” she asked.
        if first_quoted
            && let Some(close) = (s..e).find(|&i| t.toks[i].kind == TokKind::CloseQuote)
            && close > s
            && t.is_punct(close - 1, "?")
        {
            // No claim, but the speaker carries to the quotes that follow.
            return self
                .quote_then_frame(s, e)
                .map(|mut d| {
                    d.silent = true;
                    vec![d]
                })
                .unwrap_or_default();
        }
        if first_quoted && let Some(d) = self.quote_then_frame(s, e) {
            return vec![d];
        }
        if let Some(d) = self.frame_then_quote(s, e) {
            return vec![d];
        }
        self.reported(s, end)
    }

    /// The end of the sentence without its final punctuation and quotes.
    fn trim_end(&self, s: usize, e: usize) -> usize {
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

    fn last_mark(&self, s: usize, e: usize) -> Option<&'a str> {
        let t = self.t;
        (s..e)
            .rev()
            .find(|&i| t.toks[i].kind == TokKind::Punct || t.is_word(i))
            .filter(|&i| t.toks[i].kind == TokKind::Punct)
            .map(|i| t.text(i))
    }

    /// The quoted words of a sentence lying wholly in a quotation.
    fn inner_quote_span(&self, s: usize, e: usize) -> Range {
        let t = self.t;
        let a = (s..e)
            .find(|&i| t.toks[i].kind != TokKind::OpenQuote)
            .unwrap_or(s);
        let mut b = e;
        while b > a && t.toks[b - 1].kind == TokKind::CloseQuote {
            b -= 1;
        }
        (a, b)
    }

    /// “Content,” said X. / “Content,” X told reporters. / “A,” X said, “b.”
    fn quote_then_frame(&self, s: usize, e: usize) -> Option<Draft> {
        let t = self.t;
        let a = if t.toks[s].kind == TokKind::OpenQuote {
            s + 1
        } else {
            s
        };
        let q_id = t.toks[a.min(e - 1)].quote?;
        let close = (a..e).find(|&i| t.toks[i].kind == TokKind::CloseQuote)?;
        let tail_start = close + 1;
        let tail_end = (tail_start..e)
            .find(|&i| t.toks[i].kind == TokKind::OpenQuote)
            .unwrap_or(e);
        let tail_words = (tail_start..tail_end).filter(|&i| t.is_word(i)).count();
        if tail_words == 0 {
            return None;
        }
        let (layers, cue, verb) =
            self.tail_frame(tail_start, self.trim_end(tail_start, tail_end))?;
        let mut content_end = close;
        while content_end > a
            && t.toks[content_end - 1].kind == TokKind::Punct
            && t.text(content_end - 1) == ","
        {
            content_end -= 1;
        }
        let mut content = UpToTwo::one((a, content_end));
        let mut quotes = UpToTwo::one(q_id);
        let mut span_end = content_end;
        if tail_end < e {
            // The quotation resumes after the frame.
            let b = tail_end + 1;
            let close2 = (b..e)
                .find(|&i| t.toks[i].kind == TokKind::CloseQuote)
                .unwrap_or(e);
            if close2 > b {
                content.push((b, close2));
                span_end = close2;
                if let Some(id) = t.toks[b].quote {
                    quotes.push(id);
                }
            }
        }
        Some(Draft {
            span: (a, span_end),
            content,
            cue: Some(cue),
            layers,
            inherit: None,
            quotes,
            mode: Mode::Direct,
            verb_kind: verb.and_then(|v| v.kind),
            forced_kind: None,
            silent: false,
            lead_in: false,
        })
    }

    /// The frame after a quotation: ", said X, a spokesman" or ", X said".
    fn tail_frame(&self, a: usize, b: usize) -> Option<(Vec<Layer>, Range, Option<&'t VerbInfo>)> {
        let t = self.t;
        let v = (a..b).find(|&i| {
            self.verb_info(i)
                .is_some_and(|v| v.form != VerbForm::Participle)
        })?;
        let verb = self.verb_info(v);
        let left_start = if t.is_punct(a, ",") { a + 1 } else { a };
        let left_end = self.skip_adverbs_left(v, left_start);
        let mut layers = Vec::new();
        if left_end > left_start {
            let (obj, rest) = self.object_after(v, b);
            layers.extend(obj.map(Layer::audience));
            if let Some(o) = self.interview_outlet(v + 1, b) {
                layers.push(o);
            }
            layers.push(Layer::speaker((left_start, left_end)));
            self.push_citing(rest, b, &mut layers);
        } else {
            // Inverted: the speaker follows the verb.
            let start = v + 1;
            if start >= b {
                return None;
            }
            layers.push(Layer::speaker((start, b)));
        }
        Some((layers, (v, v + 1), verb))
    }

    /// X said: “Content.” / X put it this way: “Content.”
    fn frame_then_quote(&self, s: usize, e: usize) -> Option<Draft> {
        let t = self.t;
        let open = (s..e).find(|&i| t.toks[i].kind == TokKind::OpenQuote)?;
        if open < s + 2 {
            return None;
        }
        let before = open - 1;
        let colon = t.is_punct(before, ":");
        let comma_after_verb = t.is_punct(before, ",")
            && self
                .verb_info(before - 1)
                .is_some_and(|v| v.form != VerbForm::Participle);
        // "Said the minister: “...”", "Added Ortiz, “...”".
        let inverted = self.inverted_opening(s, before);
        let comma_after_inverted = t.is_punct(before, ",") && inverted.is_some();
        if !colon && !comma_after_verb && !comma_after_inverted {
            return None;
        }
        // The quotation must run to the end of the sentence.
        let close = (open + 1..e).find(|&i| t.toks[i].kind == TokKind::CloseQuote);
        if let Some(c) = close
            && (c + 1..e).any(|i| t.is_word(i))
        {
            return None;
        }
        let q_id = t.toks[open].quote?;
        let lead_end = before;
        let main = match inverted {
            Some((region, v)) => Ok((region, (v, v + 1))),
            None => Err((s..lead_end).find(|&i| self.main_verb(i, s))),
        };
        let (region, cue) = match main {
            Ok(found) => found,
            Err(Some(v)) => {
                let l = self.skip_adverbs_left(v, s);
                let cs = self.strip_adverbial(s, l);
                if l <= cs {
                    return None;
                }
                ((cs, l), (v, v + 1))
            }
            Err(None) => {
                let cs = self.strip_adverbial(s, lead_end);
                let np_end = self.np_extent(cs, lead_end);
                if np_end <= cs {
                    return None;
                }
                ((cs, np_end), (before, before + 1))
            }
        };
        let content_end = close.unwrap_or(e);
        let content_end = self.trim_end(open + 1, content_end);
        Some(Draft {
            span: (open + 1, content_end),
            content: UpToTwo::one((open + 1, content_end)),
            cue: Some(cue),
            layers: vec![Layer::speaker(region)],
            inherit: None,
            quotes: UpToTwo::one(q_id),
            mode: Mode::Direct,
            verb_kind: self.verb_info(cue.0).and_then(|v| v.kind),
            forced_kind: None,
            silent: false,
            lead_in: false,
        })
    }

    /// A sentence opening with an inverted frame, "Said the minister"
    /// or "Added Ortiz", up to `b`: the speaker region and the verb.
    fn inverted_opening(&self, s: usize, b: usize) -> Option<(Range, usize)> {
        let t = self.t;
        let v = (s..b).find(|&i| t.is_word(i))?;
        let sp = v + 1;
        if sp >= b || !t.is_cap(v) || t.quoted(v) {
            return None;
        }
        let info = self.lex.verbs.get(t.low(v))?;
        if !info.speech || !matches!(info.form, VerbForm::Past | VerbForm::ThirdPerson) {
            return None;
        }
        let first = t.low(sp);
        let starts_np = t.is_cap(sp)
            || self.lex.determiners.contains(first)
            || self.lex.titles.contains(first)
            || is_possessive(first);
        // "Noted economist Jane Roe said:": an adjective, the verb follows.
        let later_verb = (sp..b).any(|k| self.main_verb(k, s));
        (starts_np && t.is_word(sp) && !later_verb).then_some(((sp, b), v))
    }

    /// Reported speech or the article's own voice.
    fn reported(&self, s: usize, end: usize) -> Vec<Draft> {
        let mut out = Vec::new();
        let mut found = None;
        let cues: Vec<Cue> = (s..end).filter_map(|i| self.cue_at(i, s)).collect();
        // A frame closing the sentence ("..., the agency told the Courier.")
        // outranks a reporting word inside the content it closes.
        if cues.len() >= 2
            && let Some(&Cue::Verb(v)) = cues.last()
            && self.verb_info(v).is_some_and(|i| i.speech)
            && let Some(d) = self.verb_frame(v, s, end)
            && d.iter()
                .any(|x| x.cue == Some((v, v + 1)) && x.span.1 < v && !x.layers.is_empty())
        {
            found = Some(d);
        }
        if found.is_none() {
            for cue in cues {
                let drafts = match cue {
                    Cue::Verb(v) => self.verb_frame(v, s, end),
                    Cue::According(a) => self.according_frame(a, s, end),
                    Cue::QuotedAs(q) => self.passive_quote_frame(q, s, end),
                };
                if let Some(d) = drafts {
                    found = Some(d);
                    break;
                }
            }
        }
        let found = found
            .or_else(|| self.passive_by_frame(s, end))
            .or_else(|| self.participle_frame(s, end));
        match found {
            Some(mut drafts) => {
                for d in &mut drafts {
                    if d.mode == Mode::Indirect {
                        self.split_convention(d, end, &mut out);
                        self.split_second_statement(d, end, &mut out);
                    }
                    if d.layers.is_empty() {
                        // "..., and the blaze grew": the conjunction is no
                        // part of the claim.
                        let (a, b) = d.span;
                        if b > a + 1
                            && matches!(self.t.low(a), "and" | "but" | "while")
                            && d.span.0 > s
                        {
                            d.span = (a + 1, b);
                            d.content = UpToTwo::one(d.span);
                        }
                    }
                }
                out.extend(drafts);
            }
            None => out.push(Draft::unattributed((s, end))),
        }
        out.sort_by_key(|d| d.span.0);
        out
    }

    /// "X said A, while Y said B": two statements by two sources.
    fn split_second_statement(&self, d: &mut Draft, end: usize, out: &mut Vec<Draft>) {
        let t = self.t;
        let (a, b) = d.span;
        for k in a + 1..b.saturating_sub(3) {
            if !t.is_punct(k, ",")
                || t.quoted(k)
                || !matches!(t.low(k + 1), "while" | "but" | "and" | "whereas")
            {
                continue;
            }
            let start = k + 2;
            let Some(v) = (start + 1..b.min(start + 12))
                .find(|&v| self.verb_info(v).is_some_and(|i| i.speech) && self.main_verb(v, start))
            else {
                continue;
            };
            let l = self.skip_adverbs_left(v, start);
            if l <= start
                || (start..l).any(|j| t.has(j, WordClasses::AUXILIARIES) || t.is_punct(j, ","))
            {
                continue;
            }
            if let Some(second) = self.verb_frame(v, start, end)
                && second.iter().any(|x| !x.layers.is_empty() && x.span.0 > v)
            {
                d.span = (a, k);
                d.content = UpToTwo::one((a, k));
                out.extend(second);
                return;
            }
        }
    }

    fn cue_at(&self, i: usize, s: usize) -> Option<Cue> {
        let t = self.t;
        if t.quoted(i) {
            return None;
        }
        if t.is(i, "according") && t.is(i + 1, "to") {
            return Some(Cue::According(i));
        }
        if t.is(i, "quoted")
            && i > s
            && matches!(t.low(i - 1), "was" | "were" | "is" | "are" | "been")
            && (i + 1..t.toks.len().min(i + 10)).any(|k| t.is(k, "as") && t.is(k + 1, "saying"))
        {
            return Some(Cue::QuotedAs(i));
        }
        self.main_verb(i, s).then_some(Cue::Verb(i))
    }

    /// The reporting verb the word at `i` is in any case and position
    /// (unlike `verb_info`, which reads unquoted lowercase words only).
    fn word_verb(&self, i: usize) -> Option<&'t VerbInfo> {
        let t = self.t;
        t.has(i, WordClasses::VERBS)
            .then(|| self.lex.verbs.get(t.low(i)))
            .flatten()
    }

    fn verb_info(&self, i: usize) -> Option<&'t VerbInfo> {
        let t = self.t;
        if t.quoted(i) {
            return None;
        }
        self.verbs.get(i).copied().flatten()
    }

    /// Whether token `i` is a finite reporting verb with a subject.
    fn main_verb(&self, i: usize, s: usize) -> bool {
        let t = self.t;
        let Some(v) = self.verb_info(i) else {
            return false;
        };
        if v.form == VerbForm::Participle {
            return false;
        }
        let prev = if i > s { Some(i - 1) } else { None };
        let prev_low = prev.map(|p| t.low(p)).unwrap_or("");
        // "its reported deployment", "the claimed figure".
        if prev.is_some_and(|p| t.has(p, WordClasses::DETERMINERS))
            || is_possessive(prev_low) && v.form == VerbForm::Past
        {
            return false;
        }
        let subj = self.skip_adverbs_left(i, s);
        let before = if subj > s { t.low(subj - 1) } else { "" };
        if matches!(
            before,
            "who" | "which" | "that" | "to" | "not" | "never" | "and" | "or" | "but"
        ) {
            return false;
        }
        let next_low = if i + 1 < t.toks.len() {
            t.low(i + 1)
        } else {
            ""
        };
        // A passive or a participle in apposition: "were told",
        // "believed to belong", "quoted by X".
        if v.form == VerbForm::Past {
            if (subj < i
                && t.has(subj, WordClasses::AUXILIARIES)
                && matches!(
                    t.low(subj),
                    "was" | "were" | "been" | "being" | "be" | "is" | "are"
                ))
                || matches!(before, "was" | "were" | "been" | "being" | "be")
            {
                return false;
            }
            let after_comma = prev.is_some_and(|p| t.is_punct(p, ","));
            if next_low == "by" || (after_comma && matches!(next_low, "to" | "as")) {
                return false;
            }
            if after_comma && !v.speech && matches!(next_low, "in" | "on") {
                return false;
            }
        }
        match v.form {
            VerbForm::Base => {
                let Some(p) = prev else { return false };
                let pl = t.low(p);
                // A plural or collective subject: "analysts say", "police say".
                let plural = (pl.ends_with('s') && !is_possessive(pl) && pl.len() > 3)
                    || matches!(pl, "they" | "we" | "i" | "you")
                    || self.lex.anonymous_heads.contains(pl)
                    || matches!(pl, "police" | "staff" | "government" | "military");
                plural
                    && !self.lex.auxiliaries.contains(pl)
                    && !matches!(next_low, "from" | "of" | "for" | "in" | "on" | "by")
            }
            VerbForm::ThirdPerson => {
                prev.is_some_and(|p| {
                    t.toks[p].kind == TokKind::CloseQuote
                        || t.is_cap(p)
                        || matches!(t.low(p), "he" | "she" | "it")
                        || (t.is_word(p) && p > s && t.is(p - 1, "the"))
                }) && !matches!(next_low, "to" | "of" | "for" | "in" | "from")
            }
            _ => prev.is_some() || v.speech,
        }
    }

    /// Index just past the subject, skipping adverbs and auxiliaries
    /// between the subject and the verb at `v`.
    fn skip_adverbs_left(&self, v: usize, s: usize) -> usize {
        let t = self.t;
        let mut l = v;
        while l > s && t.toks[l - 1].kind == TokKind::Word && t.has(l - 1, WordClasses::PRE_VERB) {
            l -= 1;
        }
        l
    }

    /// Drops a leading adverbial ("In a statement,", "Meanwhile,").
    fn strip_adverbial(&self, s: usize, l: usize) -> usize {
        let t = self.t;
        let mut s = s;
        loop {
            if s >= l {
                return s;
            }
            let first = t.low(s);
            // A bare conjunction opening the sentence: "But the ministry said".
            if matches!(first, "but" | "and" | "yet" | "so" | "or") && !t.is_punct(s + 1, ",") {
                s += 1;
                continue;
            }
            let next = if s + 1 < l { t.low(s + 1) } else { "" };
            // "Speaking to reporters, X said"; "Asked about the plan, X said".
            let participial = (first.ends_with("ing") && first.len() > 5 && !t.is_cap(s + 1))
                || (matches!(first, "asked" | "pressed" | "questioned") && next == "about");
            let opens_adverbial = self.lex.adjunct_preps.contains(first)
                || participial
                || matches!(
                    first,
                    "meanwhile"
                        | "however"
                        | "separately"
                        | "also"
                        | "but"
                        | "and"
                        | "still"
                        | "earlier"
                        | "later"
                        | "in"
                        | "despite"
                        | "for"
                        | "instead"
                        | "overall"
                );
            if !opens_adverbial {
                return s;
            }
            match (s..l.min(s + 12)).find(|&i| t.is_punct(i, ",") && !t.quoted(i)) {
                Some(c) => s = c + 1,
                None => return s,
            }
        }
    }

    /// An outlet named in an opening adverbial: "In an interview with the
    /// Courier, X said", "Speaking to Radio Nova, X said".
    fn adverbial_outlet(&self, a: usize, b: usize) -> Option<Layer> {
        let t = self.t;
        if a >= b {
            return None;
        }
        if let Some(o) = self.interview_outlet(a, b) {
            return Some(o);
        }
        let k = (a..b).find(|&k| {
            matches!(t.low(k), "speaking" | "talking") && matches!(t.low(k + 1), "to" | "with")
        })?;
        self.outlet_at(k + 2, b)
    }

    /// The outlet named from `x` on ("the Courier", "Radio Nova"): an
    /// optional determiner and a run of capitalised words.
    fn outlet_at(&self, x: usize, b: usize) -> Option<Layer> {
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

    /// The start of the clause whose subject ends before `l`, and the
    /// subordinator that opens it, if any.
    fn clause_start(&self, l: usize, s: usize) -> (usize, Option<usize>) {
        let t = self.t;
        let mut i = l;
        while i > s {
            let k = i - 1;
            let low = t.low(k);
            let boundary = match t.toks[k].kind {
                TokKind::Punct => matches!(t.text(k), ";" | ":" | "—" | "–"),
                TokKind::CloseQuote => true,
                TokKind::Word => t.has(k, WordClasses::SUBORDINATORS) || low == "that",
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

    /// The extent of a noun phrase starting at `a` (with appositions set
    /// off by commas), up to its predicate.
    pub fn np_extent(&self, a: usize, b: usize) -> usize {
        let t = self.t;
        let mut i = a;
        let mut saw_noun = false;
        while i < b {
            match t.toks[i].kind {
                TokKind::Number => {
                    i += 1;
                }
                TokKind::Punct => {
                    if t.text(i) == "," && saw_noun {
                        // An apposition: ", a policy director at X,".
                        if let Some(c) = (i + 1..b).find(|&j| t.is_punct(j, ",")) {
                            let first = t.low(i + 1);
                            if self.lex.determiners.contains(first)
                                || first == "who"
                                || first == "which"
                            {
                                i = c + 1;
                                continue;
                            }
                        }
                    }
                    if matches!(t.text(i), "-" | "’" | "'") {
                        i += 1;
                        continue;
                    }
                    break;
                }
                TokKind::OpenQuote | TokKind::CloseQuote => break,
                TokKind::Word => {
                    let low = t.low(i);
                    if !saw_noun && t.has(i, WordClasses::DETERMINERS) {
                        i += 1;
                        continue;
                    }
                    if t.is_cap(i) {
                        saw_noun = true;
                        i += 1;
                        continue;
                    }
                    if t.has(i, WordClasses::AUXILIARIES)
                        || self.verbs[i].is_some()
                        || (saw_noun && t.has(i, WordClasses::PRE_VERB))
                        || matches!(low, "who" | "which" | "that")
                    {
                        break;
                    }
                    if (t.has(i, WordClasses::ADJUNCT_PREPS) || low == "on")
                        && (i + 1 >= b || t.has(i + 1, WordClasses::TIME_WORDS))
                    {
                        break;
                    }
                    if saw_noun && low.ends_with("ed") && !t.has(i, WordClasses::CONNECTORS) {
                        break;
                    }
                    if saw_noun
                        && !t.has(i, WordClasses::CONNECTORS)
                        && !t.has(i, WordClasses::ADJUNCT_PREPS)
                        && i > a
                        && t.is_cap(i - 1)
                        && !self.is_head_noun(low)
                    {
                        // A lowercase word after a name starts the predicate
                        // ("Lund put it").
                        break;
                    }
                    saw_noun = true;
                    i += 1;
                }
            }
        }
        while i > a && (t.is_punct(i - 1, ",") || t.has(i - 1, WordClasses::CONNECTORS)) {
            i -= 1;
        }
        i
    }

    fn is_head_noun(&self, low: &str) -> bool {
        self.lex.org_heads.contains(low)
            || self.lex.media_heads.contains(low)
            || self.lex.anonymous_heads.contains(low)
            || self.lex.titles.contains(low)
    }

    /// "X said (that) content", "content, X said", "content, said X".
    fn verb_frame(&self, v: usize, s: usize, end: usize) -> Option<Vec<Draft>> {
        let t = self.t;
        let info = self.verb_info(v)?;
        let l = self.skip_adverbs_left(v, s);
        let mut drafts = Vec::new();
        if info.base == "quote" || info.base == "cite" {
            return self.quoted_as_saying(v, s, end);
        }
        // Inverted after plain content: "The plan is dead, said X."
        if l > s && t.is_punct(l - 1, ",") && info.speech && self.inverted_speaker(v, end) {
            let content = (s, l - 1);
            let d = Draft::reported(
                content,
                (v, v + 1),
                vec![Layer::speaker((v + 1, end))],
                info.kind,
            );
            return Some(vec![d]);
        }
        if l <= s {
            return None;
        }
        let (clause, subordinator) = self.clause_start(l, s);
        let cs = self.strip_adverbial(clause, l);
        if cs >= l {
            return None;
        }
        let (object, after) = self.object_after(v, end);
        let mut layers = Vec::new();
        if let Some(o) = self.adverbial_outlet(clause, cs) {
            layers.push(o);
        }
        let mut j = after;
        let mut citing = Vec::new();
        // ", citing X," inside the words skipped before the content.
        for k in v + 1..after {
            if self.is_citing(k) && t.is_punct(k - 1, ",") {
                let stop = (k + 1..after)
                    .find(|&m| t.is_punct(m, ",") || t.is(m, "that"))
                    .unwrap_or(after);
                citing.push((k + 1, stop));
            }
        }
        // Adjuncts and a ", citing X," between verb and content.
        loop {
            if j < end && t.is_punct(j, ",") && self.is_citing(j + 1) {
                let stop = (j + 2..end)
                    .find(|&k| t.is_punct(k, ",") || t.is(k, "that"))
                    .unwrap_or(end);
                citing.push((j + 2, stop));
                j = stop;
                continue;
            }
            if j < end && t.is(j, "that") {
                j += 1;
                break;
            }
            if j < end && t.is_punct(j, ",") && t.is(j + 1, "that") {
                j += 2;
                break;
            }
            if j < end
                && t.is_punct(j, ",")
                && (j + 1 >= end || t.toks[j + 1].kind == TokKind::OpenQuote)
            {
                j += 1;
                break;
            }
            break;
        }
        let trailing = j >= end || t.is_punct(j, ",");
        if trailing {
            // "content, X said [on Monday][, citing Y][, sending Z]".
            let (sp_start, comma) = self.trailing_speaker(l, s)?;
            let first = t.low(sp_start);
            if comma <= s
                || self.lex.adjunct_preps.contains(first)
                || self.lex.subordinators.contains(first)
                || matches!(first, "with" | "and" | "but" | "while")
            {
                return None;
            }
            // "The rebels took the town, a claim the army denied": the
            // statement is the article's, the counter-claim the army's.
            let noun = if self.lex.determiners.contains(first) {
                sp_start + 1
            } else {
                sp_start
            };
            if matches!(
                t.low(noun),
                "claim"
                    | "claims"
                    | "allegation"
                    | "allegations"
                    | "accusation"
                    | "accusations"
                    | "charge"
                    | "charges"
                    | "assertion"
                    | "account"
                    | "version"
            ) && noun + 1 < l
            {
                let who = if matches!(t.low(noun + 1), "that" | "which") {
                    noun + 2
                } else {
                    noun + 1
                };
                if who >= l {
                    return None;
                }
                let counter = (sp_start, end);
                return Some(vec![
                    Draft::unattributed((s, comma)),
                    Draft {
                        span: counter,
                        content: UpToTwo::one(counter),
                        cue: Some((v, v + 1)),
                        layers: vec![Layer::speaker((who, l))],
                        inherit: None,
                        quotes: UpToTwo::default(),
                        mode: Mode::Indirect,
                        verb_kind: info.kind,
                        forced_kind: info.kind,
                        silent: false,
                        lead_in: false,
                    },
                ]);
            }
            layers.extend(object.map(Layer::audience));
            if let Some(o) = self.interview_outlet(v + 1, end) {
                layers.push(o);
            }
            layers.push(Layer::speaker((sp_start, l)));
            for c in &citing {
                layers.push(Layer::speaker(*c));
            }
            let mut content = (s, comma);
            // "The ministry said that A, the agency reported": the ministry
            // spoke, the agency carried it.
            if info.speech {
                self.nest(&mut content, &mut layers, 0);
            }
            drafts.push(Draft::reported(content, (v, v + 1), layers, info.kind));
            // "The plan, the mayor said, would cost more": the frame sits
            // inside the content.
            if j + 1 < end && t.is_punct(j, ",") && t.has(j + 1, WordClasses::AUXILIARIES) {
                drafts[0].content = UpToTwo::two((s, comma), (j + 1, end));
                drafts[0].span = (s, end);
                return Some(drafts);
            }
            // What follows the frame: a chain or the article's own words.
            let mut k = j;
            while k < end {
                if t.is_punct(k, ",") {
                    let next = k + 1;
                    let stop = (next..end).find(|&m| t.is_punct(m, ",")).unwrap_or(end);
                    if self.is_citing(next) {
                        drafts[0].layers.push(Layer::speaker((next + 1, stop)));
                    } else if next < end && !t.has(next, WordClasses::PARTICIPLES) {
                        drafts.push(Draft::unattributed((next, end)));
                        break;
                    }
                    k = stop;
                } else {
                    k += 1;
                }
            }
            return Some(drafts);
        }
        // "The figures, released by the agency, showed output fell": a
        // document with its issuer named carries the content.
        let issued = (cs + 1..l).any(|k| {
            matches!(t.low(k), "released" | "published" | "issued" | "compiled")
                && t.is(k + 1, "by")
        });
        if info.needs_clause && !issued && !self.looks_like_clause(j, end) {
            return None;
        }
        // Leading frame: "X said (that) content".
        if let Some(b) = subordinator
            && self.main_clause_before(s, b)
        {
            drafts.push(Draft::unattributed((s, b + 1)));
        }
        layers.extend(object.map(Layer::audience));
        if let Some(o) = self.interview_outlet(v + 1, j) {
            layers.push(o);
        }
        layers.push(Layer::speaker((cs, l)));
        for c in &citing {
            layers.push(Layer::speaker(*c));
        }
        let mut content_end = end;
        // A trailing ", citing X" closes the content.
        if let Some(c) =
            (j..end).find(|&k| t.is_punct(k, ",") && self.is_citing(k + 1) && !t.quoted(k))
        {
            layers.push(Layer::speaker((c + 2, end)));
            content_end = c;
        }
        // "..., according to state media": the outlet carried the statement.
        if let Some(c) = (j..content_end).find(|&k| {
            t.is_punct(k, ",") && t.is(k + 1, "according") && t.is(k + 2, "to") && !t.quoted(k)
        }) {
            let outlet = (c + 3, content_end);
            let speaker = layers.iter().position(|l| !l.audience).unwrap_or(0);
            layers.insert(speaker, Layer::speaker(outlet));
            content_end = c;
        }
        let mut content = (j, content_end);
        if info.speech {
            self.nest(&mut content, &mut layers, 0);
        }
        if content.1 <= content.0 {
            return None;
        }
        drafts.push(Draft::reported(content, (v, v + 1), layers, info.kind));
        Some(drafts)
    }

    /// "X told the assembly:" — the speaker of the quotation that follows.
    fn lead_in(&self, s: usize, end: usize) -> Option<Draft> {
        if let Some((region, v)) = self.inverted_opening(s, end) {
            let mut d = Draft::unattributed((s, end));
            d.layers = vec![Layer::speaker(region)];
            d.cue = Some((v, v + 1));
            d.mode = Mode::Direct;
            d.silent = true;
            d.lead_in = true;
            return Some(d);
        }
        let v = (s..end).find(|&i| self.main_verb(i, s))?;
        let l = self.skip_adverbs_left(v, s);
        let (clause, _) = self.clause_start(l, s);
        let cs = self.strip_adverbial(clause, l);
        if cs >= l {
            return None;
        }
        let (object, _) = self.object_after(v, end);
        let mut layers = Vec::new();
        layers.extend(object.map(Layer::audience));
        layers.push(Layer::speaker((cs, l)));
        let mut d = Draft::unattributed((s, end));
        d.layers = layers;
        d.cue = Some((v, v + 1));
        d.mode = Mode::Direct;
        d.silent = true;
        d.lead_in = true;
        Some(d)
    }

    /// "X was quoted by Y as saying Z": X said it, Y carried it.
    fn passive_quote_frame(&self, q: usize, s: usize, end: usize) -> Option<Vec<Draft>> {
        let t = self.t;
        let be = q - 1;
        let l = self.skip_adverbs_left(be, s);
        let (clause, _) = self.clause_start(l, s);
        let cs = self.strip_adverbial(clause, l);
        if cs >= l {
            return None;
        }
        let as_i = (q + 1..end).find(|&k| t.is(k, "as") && t.is(k + 1, "saying"))?;
        let mut layers = Vec::new();
        if t.is(q + 1, "by") && as_i > q + 2 {
            layers.push(Layer::speaker((q + 2, as_i)));
        }
        layers.push(Layer::speaker((cs, l)));
        let start = if t.is(as_i + 2, "that") {
            as_i + 3
        } else {
            as_i + 2
        };
        if start >= end {
            return None;
        }
        let content = (start, end);
        Some(vec![Draft::reported(content, (q, q + 1), layers, None)])
    }

    /// "X quoted Y as saying Z", "X cited Y as saying Z", "X cited Y’s
    /// claim of Z".
    fn quoted_as_saying(&self, v: usize, s: usize, end: usize) -> Option<Vec<Draft>> {
        let t = self.t;
        let l = self.skip_adverbs_left(v, s);
        if l <= s {
            return None;
        }
        let (cs, subordinator) = self.clause_start(l, s);
        let cs = self.strip_adverbial(cs, l);
        if cs >= l {
            return None;
        }
        let mut layers = vec![Layer::speaker((cs, l))];
        let window = (v + 1..end.min(v + 14)).collect::<Vec<_>>();
        let content_start;
        if let Some(&as_i) = window
            .iter()
            .find(|&&k| t.is(k, "as") && t.is(k + 1, "saying"))
        {
            layers.push(Layer::speaker((v + 1, as_i)));
            content_start = if t.is(as_i + 2, "that") {
                as_i + 3
            } else {
                as_i + 2
            };
        } else if let Some(&p) = window.iter().find(|&&k| is_possessive(t.low(k))) {
            let noun = p + 1;
            let of = (noun..end.min(noun + 3)).find(|&k| t.is(k, "of") || t.is(k, "that"))?;
            if !matches!(
                t.low(noun),
                "claim"
                    | "claims"
                    | "report"
                    | "reports"
                    | "statement"
                    | "assertion"
                    | "account"
                    | "warning"
                    | "accusation"
                    | "allegation"
                    | "allegations"
                    | "estimate"
                    | "figures"
            ) {
                return None;
            }
            // The possessor ends with the possessive word itself.
            layers.push(Layer::speaker((v + 1, p + 1)));
            content_start = of + 1;
        } else {
            return None;
        }
        let mut drafts = Vec::new();
        if let Some(b) = subordinator
            && self.main_clause_before(s, b)
        {
            drafts.push(Draft::unattributed((s, b + 1)));
        }
        let content = (content_start, end);
        if content.1 <= content.0 {
            return None;
        }
        drafts.push(Draft::reported(content, (v, v + 1), layers, None));
        Some(drafts)
    }

    /// Whether what follows an inverted verb is the speaker and nothing
    /// more: "said Jane Roe, a lawyer for the firm."
    fn inverted_speaker(&self, v: usize, end: usize) -> bool {
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
    fn trailing_speaker(&self, l: usize, s: usize) -> Option<(usize, usize)> {
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
            if (first == "a" || first == "an" || first == "the" || first == "who")
                && t.is_cap(prev_seg_start)
            {
                idx -= 1;
            } else {
                break;
            }
        }
        Some((commas[idx] + 1, commas[idx]))
    }

    /// The object of "told"-like verbs and where the content begins.
    fn object_after(&self, v: usize, end: usize) -> (Option<Range>, usize) {
        let t = self.t;
        let mut j = v + 1;
        let takes_object = matches!(
            self.verb_info(v).map(|x| x.base.as_str()),
            Some("tell" | "inform" | "assure" | "reassure" | "brief")
        );
        let mut object = None;
        if takes_object && j < end && !t.is(j, "that") {
            if let Some(k) = self.find_that(j, end) {
                let that = k - 1;
                let obj_end = (j..that)
                    .find(|&m| m > j && t.has(m, WordClasses::ADJUNCT_PREPS))
                    .unwrap_or(that);
                let obj_end = (j..obj_end)
                    .rev()
                    .find(|&m| !t.is_punct(m, ","))
                    .map_or(obj_end, |m| m + 1);
                object = Some((j, obj_end));
                return (object, k);
            }
            let start = j;
            if t.has(j, WordClasses::DETERMINERS) {
                j += 1;
            }
            if t.is_cap(j) {
                while j < end
                    && (t.is_cap(j) || (t.has(j, WordClasses::CONNECTORS) && t.is_cap(j + 1)))
                {
                    j += 1;
                }
            } else if j < end && t.is_word(j) {
                j += 1;
                // "a news conference", "state television": a noun compound.
                while j < end
                    && t.toks[j].kind == TokKind::Word
                    && !t.is_cap(j)
                    && !t.has(j, WordClasses::FUNCTION_WORDS)
                    && !t.has(j, WordClasses::DETERMINERS)
                    && !t.has(j, WordClasses::TIME_WORDS)
                    && !t.has(j, WordClasses::ADJUNCT_PREPS)
                    && !t.has(j, WordClasses::AUXILIARIES)
                    && !t.has(j, WordClasses::PRONOUNS)
                    && self.verbs[j].is_none()
                {
                    j += 1;
                }
            }
            object = Some((start, j));
            // "told reporters outside the court"
            if j < end && t.has(j, WordClasses::ADJUNCT_PREPS) {
                let stop = (j..end).find(|&m| t.is_punct(m, ",")).unwrap_or(end);
                if stop == end || self.is_citing(stop + 1) {
                    j = stop;
                }
            }
        }
        if let Some(k) = self.find_that(j, end) {
            return (object, k);
        }
        // Time and place adjuncts: "said Tuesday", "said on Wednesday
        // night", "said in a statement", "told reporters in Seoul".
        loop {
            if j >= end {
                break;
            }
            let low = t.low(j);
            if t.has(j, WordClasses::TIME_WORDS) {
                j += 1;
                continue;
            }
            if t.has(j, WordClasses::ADJUNCT_PREPS) || low == "on" {
                let stop = (j + 1..end)
                    .find(|&m| t.is_punct(m, ",") || t.toks[m].kind == TokKind::OpenQuote)
                    .unwrap_or(end);
                let short = stop - j <= 6;
                let phrase_is_adjunct = (j + 1..stop).all(|m| !t.has(m, WordClasses::AUXILIARIES));
                if short && phrase_is_adjunct && (stop == end || t.is_punct(stop, ",")) {
                    j = stop;
                    continue;
                }
                if j + 1 < end && t.has(j + 1, WordClasses::TIME_WORDS) {
                    j += 2;
                    continue;
                }
                if matches!(t.low(j + 1), "a" | "an" | "her" | "his" | "its" | "their")
                    && matches!(
                        t.low(j + 2),
                        "statement"
                            | "interview"
                            | "briefing"
                            | "judgment"
                            | "judgement"
                            | "letter"
                            | "post"
                            | "speech"
                            | "ruling"
                            | "filing"
                            | "report"
                            | "news"
                            | "press"
                    )
                {
                    j += 3;
                    while j < end && matches!(t.low(j), "conference" | "release" | "briefing") {
                        j += 1;
                    }
                    continue;
                }
            }
            break;
        }
        if t.is(j, "that") {
            j += 1;
        }
        (object, j)
    }

    /// A "that" opening the content within a few words of `j`, with only
    /// adjuncts before it.
    fn find_that(&self, j: usize, end: usize) -> Option<usize> {
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
                || matches!(
                    low,
                    "it" | "he" | "she" | "they" | "we" | "i" | "but" | "there"
                )
                || (matches!(low, "and" | "or") && !in_name)
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

    fn looks_like_clause(&self, a: usize, b: usize) -> bool {
        let t = self.t;
        if a >= b {
            return false;
        }
        if a > 0 && t.is(a - 1, "that") {
            return true;
        }
        let first = t.low(a);
        if matches!(
            first,
            "that"
                | "whether"
                | "if"
                | "how"
                | "why"
                | "what"
                | "it"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "there"
        ) {
            return true;
        }
        (a..b.min(a + 15)).any(|k| t.has(k, WordClasses::AUXILIARIES))
    }

    /// Whether `[s, b)` is a main clause in its own right (not just "After
    /// the vote").
    fn main_clause_before(&self, s: usize, b: usize) -> bool {
        let t = self.t;
        let words = (s..b).filter(|&i| t.is_word(i)).count();
        words >= 3 && !t.has(s, WordClasses::SUBORDINATORS) && !t.has(s, WordClasses::ADJUNCT_PREPS)
    }

    /// A frame at the start of reported content opens a deeper layer:
    /// "citing an official, that Treasury officials had told the
    /// department there was no money".
    fn nest(&self, content: &mut Range, layers: &mut Vec<Layer>, depth: usize) {
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
            if !info.speech || info.base == "quote" || info.base == "cite" || !self.main_verb(v, a)
            {
                continue;
            }
            let l = self.skip_adverbs_left(v, a);
            if l <= a || (a..l).any(|k| t.has(k, WordClasses::AUXILIARIES)) {
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

    /// "According to X, content" / "content, according to X" /
    /// "Subject, according to X, predicate".
    fn according_frame(&self, a: usize, s: usize, end: usize) -> Option<Vec<Draft>> {
        let t = self.t;
        let x_start = a + 2;
        let comma = (x_start..end).find(|&k| t.is_punct(k, ",") && !t.quoted(k));
        let cue = (a, a + 2);
        let leading = self.strip_adverbial(s, a) == a || a == s;
        let (x_region, content) = match comma {
            Some(c) if leading => match self.apposition_end(c, end) {
                // "According to Jane Roe, a spokeswoman for the port, ..."
                Some(c2) if c2 < end => ((x_start, c2), (c2 + 1, end)),
                _ if matches!(t.low(c + 1), "which" | "who" | "citing" | "quoting") => {
                    // "According to the Herald, which cited two officials,"
                    let c2 = (c + 1..end)
                        .find(|&k| t.is_punct(k, ",") && !t.quoted(k))
                        .unwrap_or(end);
                    ((x_start, c2), ((c2 + 1).min(end), end))
                }
                _ => ((x_start, c), (c + 1, end)),
            },
            Some(c) if a > s && t.is_punct(a - 1, ",") => {
                // Trailing with an apposition, or in the middle.
                match self.apposition_end(c, end) {
                    Some(c2) if c2 >= end => ((x_start, end), (s, a - 1)),
                    Some(c2) => ((x_start, c2), (c2 + 1, end)),
                    None => ((x_start, c), (c + 1, end)),
                }
            }
            None if a > s && t.is_punct(a - 1, ",") => ((x_start, end), (s, a - 1)),
            _ => return None,
        };
        let x_region = self.document_issuer(x_region);
        let mut layers = vec![Layer::speaker(x_region)];
        let mut content = content;
        if leading {
            self.nest(&mut content, &mut layers, 0);
        }
        if content.1 <= content.0 {
            return None;
        }
        Some(vec![Draft::reported(content, cue, layers, None)])
    }

    /// If the words after comma `c` are an apposition naming a role or a
    /// party ("a spokeswoman for the port"), where it ends (its closing
    /// comma, or `end`).
    fn apposition_end(&self, c: usize, end: usize) -> Option<usize> {
        let t = self.t;
        let first = c + 1;
        if first >= end || !t.has(first, WordClasses::DETERMINERS) {
            return None;
        }
        let stop = (first..end)
            .find(|&k| t.is_punct(k, ",") && !t.quoted(k))
            .unwrap_or(end);
        if (first..stop).any(|k| t.has(k, WordClasses::AUXILIARIES)) {
            return None;
        }
        let head_end = (first + 1..stop)
            .find(|&k| {
                matches!(
                    t.low(k),
                    "of" | "for" | "at" | "in" | "with" | "who" | "which" | "from"
                )
            })
            .unwrap_or(stop);
        let head = strip_possessive_low(t.low(head_end - 1));
        let names_party = self.lex.titles.contains(head)
            || self.lex.anonymous_heads.contains(head)
            || self.lex.org_heads.contains(head)
            || self.lex.media_heads.contains(head);
        names_party.then_some(stop)
    }

    /// "data the company presented" → "the company"; "a statement from
    /// the ministry" → "the ministry".
    fn document_issuer(&self, x: Range) -> Range {
        let t = self.t;
        let (a, b) = x;
        // The document word among the first few ("test results released
        // Thursday by the department").
        let Some(doc) = (a..b.min(a + 4)).find(|&k| t.has(k, WordClasses::DOCUMENTS)) else {
            return x;
        };
        if (a..doc).any(|k| t.is_cap(k) && !t.has(k, WordClasses::DETERMINERS)) {
            // "the Smith report": a name before the document.
            return x;
        }
        let mut k = doc + 1;
        let mut passive = false;
        while k < b
            && (matches!(
                t.low(k),
                "released"
                    | "published"
                    | "issued"
                    | "presented"
                    | "posted"
                    | "compiled"
                    | "provided"
            ) || (passive && (t.has(k, WordClasses::TIME_WORDS) || t.is(k, "on"))))
        {
            passive = true;
            k += 1;
        }
        if k >= b {
            return x;
        }
        let issuer_start = if matches!(t.low(k), "from" | "by" | "of") {
            k + 1
        } else if !passive && (t.has(k, WordClasses::DETERMINERS) || t.is_cap(k)) {
            // "data the company presented"
            k
        } else {
            return x;
        };
        let issuer_end = self.np_extent(issuer_start, b);
        if issuer_end > issuer_start {
            (issuer_start, issuer_end)
        } else {
            x
        }
    }

    /// "The closure was announced by the ministry on Monday": the party
    /// after "by" made the statement.
    fn passive_by_frame(&self, s: usize, end: usize) -> Option<Vec<Draft>> {
        let t = self.t;
        let v = (s + 2..end).find(|&i| {
            !t.quoted(i)
                && t.is(i + 1, "by")
                && matches!(t.low(i - 1), "was" | "were" | "been" | "is" | "are")
                && self
                    .verb_info(i)
                    .is_some_and(|v| v.speech && v.form == VerbForm::Past && v.base != "quote")
        })?;
        let x = v + 2;
        let stop = (x..end)
            .find(|&k| t.is_punct(k, ",") && !t.quoted(k))
            .unwrap_or(end);
        // Only the party and a time may follow: "by X on Monday".
        let np_end = self.np_extent(x, stop);
        if np_end <= x
            || (np_end < stop && !t.is(np_end, "on") && !t.has(np_end, WordClasses::TIME_WORDS))
        {
            return None;
        }
        if stop < end {
            return None;
        }
        let content = (s, v + 1);
        Some(vec![Draft::reported(
            content,
            (v, v + 1),
            vec![Layer::speaker((x, np_end))],
            self.verb_info(v).and_then(|i| i.kind),
        )])
    }

    /// "The court set aside the permit, ruling that ..." — the main clause
    /// is the article's, the participle's content is the subject's.
    fn participle_frame(&self, s: usize, end: usize) -> Option<Vec<Draft>> {
        let t = self.t;
        let p = (s + 1..end).find(|&i| {
            t.is_punct(i - 1, ",") && !t.quoted(i) && t.has(i, WordClasses::PARTICIPLES)
        })?;
        let cs = self.strip_adverbial(s, p);
        let subj_end = self.np_extent(cs, p - 1);
        if subj_end <= cs {
            return None;
        }
        let mut c = p + 1;
        if t.is(c, "that") {
            c += 1;
        }
        if c >= end {
            return None;
        }
        let main = (s, p - 1);
        let content = (c, end);
        Some(vec![
            Draft::unattributed(main),
            Draft::reported(
                content,
                (p, p + 1),
                vec![Layer::speaker((cs, subj_end))],
                self.lex.verbs.get(t.low(p)).and_then(|v| v.kind),
            ),
        ])
    }

    /// "The agency said X, but declined to comment further": the refusal
    /// is the article's own claim.
    fn split_convention(&self, d: &mut Draft, end: usize, out: &mut Vec<Draft>) {
        let t = self.t;
        let (a, b) = d.span;
        if a >= b {
            return;
        }
        let lower = &t.lower[t.toks[a].start..t.toks[b - 1].end];
        let Some((ms, _)) = self.lex.conventions.first(lower) else {
            return;
        };
        let at = t.toks[a].start + ms;
        let Some(k) = (a..b).find(|&i| t.toks[i].start == at) else {
            return;
        };
        if k < a + 2 || !matches!(t.low(k - 1), "but" | "and") {
            return;
        }
        let mut cut = k - 1;
        if t.is_punct(cut - 1, ",") {
            cut -= 1;
        }
        d.span = (a, cut);
        d.content = UpToTwo::one((a, cut));
        let mut refusal = Draft::unattributed((k, end.max(b)));
        refusal.forced_kind = Some(ClaimKind::NonConfirmation);
        out.push(refusal);
    }

    /// "in an interview with CNBC" after a reporting verb: the outlet is a
    /// link.
    fn interview_outlet(&self, a: usize, b: usize) -> Option<Layer> {
        let t = self.t;
        let k = (a..b.saturating_sub(2)).find(|&k| t.is(k, "interview") && t.is(k + 1, "with"))?;
        self.outlet_at(k + 2, b)
    }

    /// "citing X" and "quoting X" both put X inside the speaker.
    fn is_citing(&self, k: usize) -> bool {
        matches!(self.t.low(k), "citing" | "quoting")
    }

    /// Appends ", citing X" layers found in the tail `[from, b)`.
    fn push_citing(&self, from: usize, b: usize, layers: &mut Vec<Layer>) {
        let t = self.t;
        if let Some(c) = (from..b).find(|&k| self.is_citing(k) && k > 0 && t.is_punct(k - 1, ",")) {
            let stop = (c + 1..b).find(|&k| t.is_punct(k, ",")).unwrap_or(b);
            layers.push(Layer::speaker((c + 1, stop)));
        }
    }
}

fn strip_possessive_low(low: &str) -> &str {
    low.strip_suffix("’s")
        .or_else(|| low.strip_suffix("'s"))
        .unwrap_or(low)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::quotes::QuoteTracker;
    use crate::extract::tokens::tokenize;

    /// (content text, speaker regions as text outermost first, mode)
    fn frames(text: &str) -> Vec<(String, Vec<String>, Mode)> {
        let lex = Lexicon::builtin();
        let lower = text.to_ascii_lowercase();
        let mut toks = tokenize(text, &lower, 0, text.len(), &lex);
        QuoteTracker::new().mark(&mut toks);
        let f = FrameFinder::new(&toks, &lex);
        f.analyze(0, toks.toks.len())
            .into_iter()
            .map(|d| {
                (
                    toks.span_text(d.span.0, d.span.1).to_string(),
                    d.layers
                        .iter()
                        .map(|l| toks.span_text(l.region.0, l.region.1).to_string())
                        .collect(),
                    d.mode,
                )
            })
            .collect()
    }

    #[test]
    fn leading_frame_with_that() {
        let f = frames("The water board said in a statement that the reservoir was full.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "the reservoir was full");
        assert_eq!(f[0].1, ["The water board"]);
        assert_eq!(f[0].2, Mode::Indirect);
    }

    #[test]
    fn long_adjuncts_before_that() {
        let f = frames(
            "The company said in a filing with the Securities and Exchange Commission that profits fell.",
        );
        assert_eq!(f[0].0, "profits fell");
    }

    #[test]
    fn trailing_frame_with_pronoun_and_time() {
        let f = frames("Repairs will take two weeks, she said on Friday.");
        assert_eq!(f[0].0, "Repairs will take two weeks");
        assert_eq!(f[0].1, ["she"]);
    }

    #[test]
    fn quotation_then_inverted_speaker_with_apposition() {
        let f = frames("“We are not leaving,” said Omar Haddad, a tenant leader in Leeds.");
        assert_eq!(f[0].0, "We are not leaving");
        assert_eq!(f[0].1, ["Omar Haddad, a tenant leader in Leeds"]);
        assert_eq!(f[0].2, Mode::Direct);
    }

    #[test]
    fn split_quotation_is_one_claim() {
        let f = frames("“The bridge is safe,” the engineer said, “but it needs paint.”");
        assert_eq!(f.len(), 1);
        assert!(f[0].0.starts_with("The bridge is safe"));
        assert!(f[0].0.ends_with("but it needs paint."));
        assert_eq!(f[0].1, ["the engineer"]);
    }

    #[test]
    fn according_to_in_every_position() {
        let f = frames("According to the weather service, snow will fall tonight.");
        assert_eq!(f[0].0, "snow will fall tonight");
        assert_eq!(f[0].1, ["the weather service"]);
        let f = frames("Snow will fall tonight, according to the weather service.");
        assert_eq!(f[0].0, "Snow will fall tonight");
        let f = frames("Snow, according to the weather service, will fall tonight.");
        assert_eq!(f[0].0, "will fall tonight");
    }

    #[test]
    fn frames_inside_the_content_and_appositions_after_according_to() {
        let f = frames("The plan, the mayor said, would cost $5 million.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "The plan, the mayor said, would cost $5 million");
        assert_eq!(f[0].1, ["the mayor"]);
        let f = frames("According to Jane Roe, a spokeswoman for the port, ships were waiting.");
        assert_eq!(f[0].0, "ships were waiting");
        assert_eq!(f[0].1, ["Jane Roe, a spokeswoman for the port"]);
        let f = frames("Ships, according to Jane Roe, a spokeswoman for the port, were waiting.");
        assert_eq!(f[0].0, "were waiting");
    }

    #[test]
    fn citing_and_told_outlet_make_chains() {
        let f = frames("The Evening Post reported, citing two aides, that the mayor would resign.");
        assert_eq!(f[0].0, "the mayor would resign");
        assert_eq!(f[0].1, ["The Evening Post", "two aides"]);
        let f = frames("A farmer told the Valley Herald that the river had burst its banks.");
        assert_eq!(f[0].1, ["the Valley Herald", "A farmer"]);
    }

    #[test]
    fn passive_quotation_and_opening_adverbials() {
        let f = frames("The mayor was quoted by the Daily Star as saying the bridge would reopen.");
        assert_eq!(f[0].0, "the bridge would reopen");
        assert_eq!(f[0].1, ["the Daily Star", "The mayor"]);
        let f = frames("But the ministry said the talks had failed.");
        assert_eq!(f[0].1, ["the ministry"]);
        let f = frames("Speaking to Radio Kestrel, the governor said roads were open.");
        assert_eq!(f[0].1, ["Radio Kestrel", "the governor"]);
    }

    #[test]
    fn outlets_that_carried_a_statement() {
        let f = frames("The ministry said the talks had failed, according to state media.");
        assert_eq!(f[0].0, "the talks had failed");
        assert_eq!(f[0].1, ["state media", "The ministry"]);
        let f = frames("According to the Herald, which cited two officials, the deal collapsed.");
        assert_eq!(f[0].0, "the deal collapsed");
        assert_eq!(f[0].1, ["the Herald, which cited two officials"]);
    }

    #[test]
    fn quoting_is_citing() {
        let f = frames(
            "The Kyodo news agency, quoting a fire official, said three people were trapped.",
        );
        assert_eq!(f[0].1, ["The Kyodo news agency, quoting a fire official,"]);
        let f = frames("Two people were trapped, the agency said, quoting a fire official.");
        assert_eq!(f[0].1, ["the agency", "a fire official"]);
    }

    #[test]
    fn a_closing_frame_carries_a_statement_made_inside() {
        let f =
            frames("The army said that two drones were downed, the state news agency reported.");
        assert_eq!(f[0].0, "two drones were downed");
        assert_eq!(f[0].1, ["the state news agency", "The army"]);
        let f = frames("“All is calm,” the minister told state television late on Sunday.");
        assert_eq!(f[0].1, ["state television", "the minister"]);
    }

    #[test]
    fn nested_frame_inside_reported_content() {
        let f = frames("According to the gazette, the minister revealed that taxes would rise.");
        assert_eq!(f[0].0, "taxes would rise");
        assert_eq!(f[0].1, ["the gazette", "the minister"]);
    }

    #[test]
    fn colon_quote_takes_the_subject() {
        let f = frames("The landlord was defiant: “I will not sell.”");
        assert_eq!(f[0].0, "I will not sell");
        assert_eq!(f[0].1, ["The landlord"]);
        assert_eq!(f[0].2, Mode::Direct);
    }

    #[test]
    fn subordinate_and_participle_frames_leave_a_plain_claim() {
        let f = frames("The strike began a day after the union leader said talks had failed.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "The strike began a day after");
        assert!(f[0].1.is_empty());
        assert_eq!(f[1].0, "talks had failed");
        assert_eq!(f[1].1, ["the union leader"]);
        let f = frames("The tribunal annulled the contract, ruling that the tender was rigged.");
        assert_eq!(f[0].0, "The tribunal annulled the contract");
        assert_eq!(f[1].0, "the tender was rigged");
        assert_eq!(f[1].1, ["The tribunal"]);
    }

    #[test]
    fn refusal_to_comment_is_split_off() {
        let f = frames("The airline said flights had resumed, but declined to comment further.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "flights had resumed");
        assert_eq!(f[1].0, "declined to comment further");
        assert!(f[1].1.is_empty());
    }

    #[test]
    fn narration_with_reporting_words_is_not_attributed() {
        let f = frames("The retailer reported a loss of $5 million last year.");
        assert!(f[0].1.is_empty());
        let f = frames("The suspects, believed to be brothers, have not commented.");
        assert!(f[0].1.is_empty());
        let f = frames("Its reported deployment drew protests.");
        assert!(f[0].1.is_empty());
    }

    #[test]
    fn told_an_audience_with_an_adjunct_before_that() {
        let f = frames(
            "The mayor told residents at a town hall meeting on Monday that the bridge would reopen.",
        );
        assert_eq!(f[0].0, "the bridge would reopen");
        assert_eq!(f[0].1, ["residents", "The mayor"]);
        // "call" here is a noun, not a second reporting verb.
        let f = frames("Mei-Ling Cho told investors on a call that sales had slowed.");
        assert_eq!(f[0].0, "sales had slowed");
        assert_eq!(f[0].1, ["investors", "Mei-Ling Cho"]);
        let f = frames(
            "The founder told staff during an earnings call on Tuesday that hiring would stop.",
        );
        assert_eq!(f[0].0, "hiring would stop");
        let f = frames(
            "On Friday, chief financial officer Dana Ruiz told analysts on a call that margins would narrow.",
        );
        assert_eq!(f[0].0, "margins would narrow");
        assert_eq!(f[0].1, ["analysts", "chief financial officer Dana Ruiz"]);
    }

    #[test]
    fn inverted_frame_opening_the_sentence() {
        let f = frames("Said the minister: “We will not back down.”");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "We will not back down");
        assert_eq!(f[0].1, ["the minister"]);
        assert_eq!(f[0].2, Mode::Direct);
        let f = frames("Added Ortiz, “Nobody will be hurt.”");
        assert_eq!(f[0].0, "Nobody will be hurt");
        assert_eq!(f[0].1, ["Ortiz"]);
        let f = frames("Noted economist Jane Roe said: “Prices will fall.”");
        assert_eq!(f[0].1, ["Noted economist Jane Roe"]);
        let f = frames("Says Jane Roe, a lawyer for the firm: “The deal is dead.”");
        assert_eq!(f[0].1, ["Jane Roe, a lawyer for the firm"]);
        // A participle opening is no frame.
        let f = frames("Said to be close to the minister, the aide declined to comment.");
        assert!(f[0].1.is_empty());
    }

    #[test]
    fn documents_released_by_an_issuer_carry_their_content() {
        let f = frames(
            "The figures, released by the statistics agency on Tuesday, showed output fell 0.3 percent.",
        );
        assert_eq!(f[0].0, "output fell 0.3 percent");
        assert_eq!(
            f[0].1,
            ["The figures, released by the statistics agency on Tuesday,"]
        );
        let f = frames("The figures showed a rise.");
        assert!(f[0].1.is_empty());
    }

    #[test]
    fn a_counter_claim_in_apposition_is_a_second_claim() {
        let f = frames("The rebels seized the town, a claim the army denied.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "The rebels seized the town");
        assert!(f[0].1.is_empty());
        assert_eq!(f[1].0, "a claim the army denied");
        assert_eq!(f[1].1, ["the army"]);
    }

    #[test]
    fn commas_inside_a_listing_name() {
        let f = frames("The strike will go ahead, the Rail, Tram and Bus Union said.");
        assert_eq!(f[0].0, "The strike will go ahead");
        assert_eq!(f[0].1, ["the Rail, Tram and Bus Union"]);
        let f = frames("The Rail, Tram and Bus Union said the strike would go ahead.");
        assert_eq!(f[0].1, ["The Rail, Tram and Bus Union"]);
    }

    #[test]
    fn a_passive_reporting_verb_names_its_source_after_by() {
        let f = frames("The closure was announced by the ministry on Monday.");
        assert_eq!(f[0].0, "The closure was announced");
        assert_eq!(f[0].1, ["the ministry"]);
        let f = frames("The vote was delayed by the storm.");
        assert!(f[0].1.is_empty());
    }

    #[test]
    fn questions_and_transitions_yield_nothing() {
        assert!(frames("Who will pay for it?").is_empty());
        assert!(frames("Here is what we know so far.").is_empty());
    }
}
