//! Quoted speech: sentences built around a quotation in quotation marks.
//! “Content,” said X. / X said: “Content.” / a sentence wholly inside a
//! quotation, which continues its speaker / "The minister said:" closing a
//! paragraph, whose speaker the next paragraph's quotation takes.

use super::draft::{Draft, Layer, UpToTwo};
use super::finder::{FrameFinder, Sentence};
use crate::extract::lexicon::{VerbForm, VerbInfo};
use crate::extract::model::Mode;
use crate::extract::span::{Range, is_possessive};
use crate::extract::tokens::TokKind;

/// "The minister said:" opens a quotation in the next paragraph: no
/// claim, but its speaker is kept. So does "The minister said," closing
/// its paragraph.
pub(super) fn lead_in(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let (start, end) = (sentence.start, sentence.end);
    let mark = match f.last_mark(start, end) {
        Some(":") => ":",
        Some(",") if end == f.t.toks.len() => ",",
        _ => return None,
    };
    let at = (start..end)
        .rev()
        .find(|&i| f.t.is_punct(i, mark))
        .unwrap_or(end);
    Some(lead_in_draft(f, start, at).into_iter().collect())
}

/// A sentence wholly inside a quotation continues it, and its speaker.
pub(super) fn continued_quotation(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let t = f.t;
    let start = sentence.start;
    let end = without_bracketed_note(f, start, sentence.end);
    let first_word = (start..end).find(|&i| t.is_word(i)).expect("two words");
    if !(start..end).filter(|&i| t.is_word(i)).all(|i| t.quoted(i)) {
        return None;
    }
    let (a, b) = inner_quote_span(f, start, end);
    let id = t.toks[first_word].quote.expect("quoted");
    let mut d = Draft::unattributed((a, b));
    d.inherit = Some(id);
    d.mode = Mode::Direct;
    Some(vec![d])
}

/// The end of `[s, e)` without a note in brackets after its closing
/// quote mark (“...” (translated), “...” [sic]).
fn without_bracketed_note(f: &FrameFinder, s: usize, e: usize) -> usize {
    let t = f.t;
    let Some(close) = (s..e)
        .rev()
        .find(|&i| t.toks[i].kind == TokKind::CloseQuote)
    else {
        return e;
    };
    let mut depth = 0usize;
    for i in close + 1..e {
        match t.text(i) {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            _ if depth == 0 && t.is_word(i) => return e,
            _ => {}
        }
    }
    close + 1
}

/// Whether the sentence opens inside a quotation or with its mark.
fn opens_quoted(f: &FrameFinder, sentence: &Sentence) -> bool {
    let start = sentence.start;
    f.t.toks[start].kind == TokKind::OpenQuote || f.t.quoted(start)
}

/// “Why now?” she asked: no claim, but the speaker carries to the
/// quotations that follow.
pub(super) fn quoted_question(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let t = f.t;
    let (start, end) = (sentence.start, sentence.end);
    if !opens_quoted(f, sentence) {
        return None;
    }
    let close = (start..end).find(|&i| t.toks[i].kind == TokKind::CloseQuote)?;
    if close <= start || !t.is_punct(close - 1, "?") {
        return None;
    }
    Some(
        quote_then_frame(f, start, end)
            .map(|mut d| {
                d.silent = true;
                vec![d]
            })
            .unwrap_or_default(),
    )
}

/// “Content,” said X. / “A,” X said, “b.”
pub(super) fn quotation_then_frame(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    if !opens_quoted(f, sentence) {
        return None;
    }
    quote_then_frame(f, sentence.start, sentence.end).map(|d| vec![d])
}

/// X said: “Content.” / Said the minister: “Content.”
pub(super) fn frame_then_quotation(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    frame_then_quote(f, sentence.start, sentence.end).map(|d| vec![d])
}

/// The quoted words of a sentence lying wholly in a quotation.
fn inner_quote_span(f: &FrameFinder, s: usize, e: usize) -> Range {
    let t = f.t;
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
fn quote_then_frame(f: &FrameFinder, start: usize, end: usize) -> Option<Draft> {
    let t = f.t;
    let content_start = if t.toks[start].kind == TokKind::OpenQuote {
        start + 1
    } else {
        start
    };
    let q_id = t.toks[content_start.min(end - 1)].quote?;
    let close = (content_start..end).find(|&i| t.toks[i].kind == TokKind::CloseQuote)?;
    let tail_start = close + 1;
    let tail_end = (tail_start..end)
        .find(|&i| t.toks[i].kind == TokKind::OpenQuote)
        .unwrap_or(end);
    let tail_words = (tail_start..tail_end).filter(|&i| t.is_word(i)).count();
    if tail_words == 0 {
        return None;
    }
    let (layers, cue, verb) = tail_frame(f, tail_start, f.trim_end(tail_start, tail_end))?;
    let mut content_end = close;
    while content_end > content_start
        && t.toks[content_end - 1].kind == TokKind::Punct
        && t.text(content_end - 1) == ","
    {
        content_end -= 1;
    }
    let mut content = UpToTwo::one((content_start, content_end));
    let mut quotes = UpToTwo::one(q_id);
    let mut span_end = content_end;
    if tail_end < end {
        // The quotation resumes after the frame.
        let resume_start = tail_end + 1;
        let close2 = (resume_start..end)
            .find(|&i| t.toks[i].kind == TokKind::CloseQuote)
            .unwrap_or(end);
        if close2 > resume_start {
            content.push((resume_start, close2));
            span_end = close2;
            if let Some(id) = t.toks[resume_start].quote {
                quotes.push(id);
            }
        }
    }
    Some(Draft {
        span: (content_start, span_end),
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
fn tail_frame<'t>(
    f: &FrameFinder<'t, '_>,
    a: usize,
    b: usize,
) -> Option<(Vec<Layer>, Range, Option<&'t VerbInfo>)> {
    let t = f.t;
    let Some(v) = (a..b).find(|&i| {
        f.verb_info(i)
            .is_some_and(|v| v.form != VerbForm::Participle)
    }) else {
        return signature(f, a, b).map(|(speaker, dash)| (vec![speaker], dash, None));
    };
    let verb = f.verb_info(v);
    let left_start = if t.is_punct(a, ",") { a + 1 } else { a };
    let left_end = f.skip_adverbs_left(v, left_start);
    let mut layers = Vec::new();
    if left_end > left_start {
        let (obj, rest) = f.object_after(v, b);
        layers.extend(obj.map(Layer::audience));
        if let Some(o) = f.interview_outlet(v + 1, b) {
            layers.push(o);
        }
        layers.push(Layer::speaker((left_start, left_end)));
        f.push_citing(rest, b, &mut layers);
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

/// “A.” – Ines Maro: a dash and a name sign a quotation (pull quotes,
/// epigraphs). The name may carry a short description after a comma.
fn signature(f: &FrameFinder, a: usize, b: usize) -> Option<(Layer, Range)> {
    let t = f.t;
    if !(t.is_punct(a, "-") || t.is_punct(a, "–") || t.is_punct(a, "—")) || b > a + 12 {
        return None;
    }
    let name_end = (a + 1..b).find(|&i| !t.is_cap(i)).unwrap_or(b);
    let signed = name_end > a + 1 && (name_end == b || t.is_punct(name_end, ","));
    signed.then_some((Layer::speaker((a + 1, b)), (a, a + 1)))
}

/// X said: “Content.” / X put it this way: “Content.”
fn frame_then_quote(f: &FrameFinder, start: usize, sentence_end: usize) -> Option<Draft> {
    let t = f.t;
    let open = (start..sentence_end).find(|&i| t.toks[i].kind == TokKind::OpenQuote)?;
    if open < start + 2 {
        return None;
    }
    let before = open - 1;
    let colon = t.is_punct(before, ":");
    let comma_after_verb = t.is_punct(before, ",")
        && f.verb_info(before - 1)
            .is_some_and(|info| info.form != VerbForm::Participle);
    // "Said the minister: “...”", "Added Ortiz, “...”".
    let inverted = inverted_opening(f, start, before);
    let comma_after_inverted = t.is_punct(before, ",") && inverted.is_some();
    // "The minister says “...”": a verb of saying right before the mark.
    let speech_verb =
        f.verb_info(before).is_some_and(|info| info.speech) && f.main_verb(before, start);
    if !colon && !comma_after_verb && !comma_after_inverted && !speech_verb {
        return None;
    }
    // The quotation must run to the end of the sentence.
    let close = (open + 1..sentence_end).find(|&i| t.toks[i].kind == TokKind::CloseQuote);
    if let Some(close_at) = close
        && (close_at + 1..sentence_end).any(|i| t.is_word(i))
    {
        return None;
    }
    let q_id = t.toks[open].quote?;
    let lead_end = if speech_verb { open } else { before };
    let main = match inverted {
        Some((region, verb_at)) => Ok((region, (verb_at, verb_at + 1))),
        None => Err((start..lead_end).find(|&i| f.main_verb(i, start))),
    };
    // "X told GB News: “...”": the listener, as after any "told".
    let mut listener = None;
    let (region, cue) = match main {
        Ok(found) => found,
        Err(Some(verb_at)) => {
            let subject_end = f.skip_adverbs_left(verb_at, start);
            let subject_start = f.strip_adverbial(start, subject_end);
            if subject_end <= subject_start {
                return None;
            }
            listener = f.object_after(verb_at, lead_end).0;
            ((subject_start, subject_end), (verb_at, verb_at + 1))
        }
        Err(None) => {
            let subject_start = f.strip_adverbial(start, lead_end);
            let np_end = f.np_extent(subject_start, lead_end);
            if np_end <= subject_start {
                return None;
            }
            ((subject_start, np_end), (before, before + 1))
        }
    };
    let content_end = close.unwrap_or(sentence_end);
    let content_end = f.trim_end(open + 1, content_end);
    Some(Draft {
        span: (open + 1, content_end),
        content: UpToTwo::one((open + 1, content_end)),
        cue: Some(cue),
        layers: listener
            .map(Layer::audience)
            .into_iter()
            .chain([Layer::speaker(region)])
            .collect(),
        inherit: None,
        quotes: UpToTwo::one(q_id),
        mode: Mode::Direct,
        verb_kind: f.verb_info(cue.0).and_then(|info| info.kind),
        forced_kind: None,
        silent: false,
        lead_in: false,
    })
}

/// A sentence opening with an inverted frame, "Said the minister"
/// or "Added Ortiz", up to `b`: the speaker region and the verb.
fn inverted_opening(f: &FrameFinder, start: usize, before: usize) -> Option<(Range, usize)> {
    let t = f.t;
    let v = (start..before).find(|&i| t.is_word(i))?;
    let sp = v + 1;
    if sp >= before || !t.is_cap(v) || t.quoted(v) {
        return None;
    }
    let info = f.lex.verbs.get(t.low(v))?;
    if !info.speech || !matches!(info.form, VerbForm::Past | VerbForm::ThirdPerson) {
        return None;
    }
    let first = t.low(sp);
    let starts_np = t.is_cap(sp)
        || f.lex.determiners.contains(first)
        || f.lex.titles.contains(first)
        || is_possessive(first);
    // "Noted economist Jane Roe said:": an adjective, the verb follows.
    let later_verb = (sp..before).any(|k| f.main_verb(k, start));
    (starts_np && t.is_word(sp) && !later_verb).then_some(((sp, before), v))
}

/// "X told the assembly:" — the speaker of the quotation that follows.
fn lead_in_draft(f: &FrameFinder, start: usize, end: usize) -> Option<Draft> {
    if let Some((region, v)) = inverted_opening(f, start, end) {
        let mut d = Draft::unattributed((start, end));
        d.layers = vec![Layer::speaker(region)];
        d.cue = Some((v, v + 1));
        d.mode = Mode::Direct;
        d.silent = true;
        d.lead_in = true;
        return Some(d);
    }
    let v = (start..end).find(|&i| f.main_verb(i, start))?;
    let l = f.skip_adverbs_left(v, start);
    let (clause, _) = f.clause_start(l, start);
    let cs = f.strip_adverbial(clause, l);
    if cs >= l {
        return None;
    }
    let (object, _) = f.object_after(v, end);
    let mut layers = Vec::new();
    layers.extend(object.map(Layer::audience));
    layers.push(Layer::speaker((cs, l)));
    let mut d = Draft::unattributed((start, end));
    d.layers = layers;
    d.cue = Some((v, v + 1));
    d.mode = Mode::Direct;
    d.silent = true;
    d.lead_in = true;
    Some(d)
}
