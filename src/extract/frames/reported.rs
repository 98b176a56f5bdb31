//! Reported speech: a statement attributed by a cue word rather than
//! quotation marks. "X said (that) A", "A, X said", "A, said X", "X was
//! quoted by Y as saying A", "A was announced by X", "X did A, ruling
//! that B"; and the tidying every reported frame gets, which splits off a
//! refusal ("but declined to comment") or a second speaker ("while Y said
//! B"). "According to X" has its own file, `according`.

use super::draft::{Draft, Layer, UpToTwo};
use super::finder::{FrameFinder, Sentence};
use crate::extract::lexicon::{
    BE_FORM_TAGS, CLAIM_NOUN_TAGS, CONJUNCTION_TAGS, PUBLICATION_VERB_TAGS, RELATIVE_PRONOUN_TAGS,
    TagBits, VERB_PREPOSITION_TAGS, VerbForm, VerbInfo, WordClasses,
};
use crate::extract::model::{ClaimKind, Mode};
use crate::extract::span::Range;
use crate::extract::span::is_possessive;
use crate::extract::tokens::TokKind;

/// The forms of "be" before a participle that make it a passive of the
/// "was quoted as saying" and "was announced by" kind.
const FINITE_OR_BEEN: TagBits = BE_FORM_TAGS.bits(&["past", "present", "participle"]);
/// "a claim the army denied".
const COUNTER: TagBits = CLAIM_NOUN_TAGS.bits(&["counter"]);
/// "X cited Y's claim of Z".
const CITED: TagBits = CLAIM_NOUN_TAGS.bits(&["cited"]);
/// "The figures, released by the agency, showed ...".
const RELEASED_BY: TagBits = PUBLICATION_VERB_TAGS.bits(&["by"]);
/// "a claim that the army denied".
const COUNTER_RELATIVE: TagBits = RELATIVE_PRONOUN_TAGS.bits(&["counter"]);
/// "A, and X said B": a clause of its own after the comma.
const JOINS_CLAUSE: TagBits = CONJUNCTION_TAGS.bits(&["clause"]);
/// ", and the blaze grew": no part of the claim, no speaker.
const OPENING: TagBits = CONJUNCTION_TAGS.bits(&["opening"]);
/// "X said A, while Y said B".
const SECOND_STATEMENT: TagBits = CONJUNCTION_TAGS.bits(&["second"]);
/// "X said A, but declined to comment".
const BEFORE_REFUSAL: TagBits = CONJUNCTION_TAGS.bits(&["refusal"]);
/// "criticized by X as unfair".
const CALLED: TagBits = VERB_PREPOSITION_TAGS.bits(&["called"]);
/// "laws banning migrants from claiming": no plain noun phrase.
const IN_PHRASE: TagBits = VERB_PREPOSITION_TAGS.bits(&["in-phrase"]);

/// A reporting verb with a subject: the cue of `REPORTING_VERB`.
pub(super) fn is_reporting_verb(f: &FrameFinder, at: usize, start: usize) -> bool {
    f.main_verb(at, start)
}

/// "was quoted ... as saying": the cue of `QUOTED_AS_SAYING`.
pub(super) fn is_quoted_as_saying(f: &FrameFinder, at: usize, start: usize) -> bool {
    let t = f.t;
    t.is(at, "quoted")
        && at > start
        && t.has(at - 1, WordClasses::BE_FORMS)
        && f.lex.be_forms.has(t.low(at - 1), FINITE_OR_BEEN)
        && (at + 1..t.toks.len().min(at + 10)).any(|k| t.is(k, "as") && t.is(k + 1, "saying"))
}

/// "As Heald told the Post, ozone has dropped": a frame in a clause of
/// "as" opening the sentence, the content after its comma.
pub(super) fn as_frame(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let t = f.t;
    let (start, end) = (sentence.start, sentence.trimmed);
    if !t.is(start, "as") {
        return None;
    }
    let comma = (start + 1..end).find(|&k| t.is_punct(k, ",") && !t.quoted(k))?;
    let verb = (start + 2..comma).find(|&k| f.main_verb(k, start + 1))?;
    let info = f.verb_info(verb).filter(|i| i.speech)?;
    let subject_end = f.skip_adverbs_left(verb, start + 1);
    let (object, after) = f.object_after(verb, comma);
    if subject_end <= start + 1 || after < comma || comma + 3 > end {
        return None;
    }
    let mut layers: Vec<Layer> = object.map(Layer::audience).into_iter().collect();
    layers.push(Layer::speaker((start + 1, subject_end)));
    Some(vec![Draft::reported(
        (comma + 1, end),
        (verb, verb + 1),
        layers,
        info.kind,
    )])
}

/// "Mayor Ana Ruiz visited the shelter and said the city would pay": the
/// narration is the article's, what follows "and said" the subject's.
pub(super) fn and_said(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let t = f.t;
    let (start, end) = (sentence.start, sentence.trimmed);
    let and = (start + 2..end).find(|&k| {
        t.is(k, "and")
            && !t.quoted(k)
            && f.verb_info(k + 1).is_some_and(|v| {
                v.speech && matches!(v.form, VerbForm::Past | VerbForm::ThirdPerson)
            })
    })?;
    let verb = and + 1;
    let info = f.verb_info(verb)?;
    let subject_start = f.strip_adverbial(start, and);
    let subject_end = f.np_extent(subject_start, and);
    // The subject's own predicate lies between, and frames nothing.
    if subject_end <= subject_start
        || subject_end + 1 >= and
        || (subject_end..and).any(|k| f.main_verb(k, start) || t.is_punct(k, ","))
    {
        return None;
    }
    let (object, after) = f.object_after(verb, end);
    if after + 2 > end || (info.needs_clause && !f.looks_like_clause(after, end)) {
        return None;
    }
    let mut layers: Vec<Layer> = object.map(Layer::audience).into_iter().collect();
    layers.push(Layer::speaker((subject_start, subject_end)));
    Some(vec![
        Draft::unattributed((start, and)),
        Draft::reported((after, end), (verb, verb + 1), layers, info.kind),
    ])
}

/// "The union is concerned the law will change": a stance adjective after
/// a form of "be" frames the clause after it as the subject's assessment.
pub(super) fn stance(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let t = f.t;
    let (start, end) = (sentence.start, sentence.trimmed);
    let adjective = (start + 2..end).find(|&k| {
        t.has(k - 1, WordClasses::BE_FORMS)
            && !t.quoted(k)
            && f.lex.stance_adjectives.contains(t.low(k))
    })?;
    let be = adjective - 1;
    let content_start = if t.is(adjective + 1, "that") {
        adjective + 2
    } else {
        adjective + 1
    };
    if !f.looks_like_clause(content_start, end) || t.has(content_start, WordClasses::ADJUNCT_PREPS)
    {
        return None;
    }
    let subject_end = f.skip_adverbs_left(be, start);
    let (clause, _) = f.clause_start(subject_end, start);
    let subject_start = f.strip_adverbial(clause, subject_end);
    if subject_start >= subject_end || clause != start {
        return None;
    }
    let mut draft = Draft::reported(
        (content_start, end),
        (adjective, adjective + 1),
        vec![Layer::speaker((subject_start, subject_end))],
        None,
    );
    draft.forced_kind = Some(ClaimKind::Assessment);
    Some(vec![draft])
}

/// "The closure was announced by the ministry on Monday."
pub(super) fn passive_by(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    passive_by_frame(f, sentence.start, sentence.trimmed)
}

/// "The tribunal annulled the contract, ruling that the tender was rigged."
pub(super) fn participle(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    participle_frame(f, sentence.start, sentence.trimmed)
}

/// What every reported frame gets: a refusal or a second statement split
/// off, a conjunction opening the article's own words dropped, and the
/// drafts in sentence order.
pub(super) fn split_statements(
    f: &FrameFinder,
    mut drafts: Vec<Draft>,
    sentence: &Sentence,
) -> Vec<Draft> {
    let (start, end) = (sentence.start, sentence.trimmed);
    let mut out = Vec::new();
    for d in &mut drafts {
        if d.mode == Mode::Indirect {
            split_convention(f, d, end, &mut out);
            split_second_statement(f, d, end, &mut out);
        }
        if d.mode != Mode::Direct {
            split_absolute_statement(f, d, &mut out);
        }
        if d.layers.is_empty() {
            // "..., and the blaze grew": the conjunction is no part of
            // the claim.
            let (a, b) = d.span;
            if b > a + 1 && f.lex.conjunctions.has(f.t.low(a), OPENING) && d.span.0 > start {
                d.span = (a + 1, b);
                d.content = UpToTwo::one(d.span);
            }
        }
    }
    out.extend(drafts);
    out.sort_by_key(|d| d.span.0);
    out
}

/// "X said (that) content", "content, X said", "content, said X". In
/// order: a citing verb ("X quoted Y as saying"), the inverted frame after
/// plain content ("The plan is dead, said X."), then the frame after the
/// content ("content, X said") or before it ("X said that content").
pub(super) fn verb_frame(
    f: &FrameFinder,
    verb: usize,
    start: usize,
    end: usize,
) -> Option<Vec<Draft>> {
    let info = f.verb_info(verb)?;
    let subject_end = f.skip_adverbs_left(verb, start);
    if info.citing {
        return quoted_as_saying(f, verb, start, end);
    }
    if let Some(draft) = inverted_after_content(f, verb, info, subject_end, start, end) {
        return Some(vec![draft]);
    }
    let site = verb_site(f, verb, info, subject_end, start, end)?;
    let t = f.t;
    let content_start = site.content_start;
    if content_start >= end || t.is_punct(content_start, ",") {
        trailing_verb_frame(f, site)
    } else {
        leading_verb_frame(f, site)
    }
}

/// What a reporting verb's frame is built from, read once.
struct VerbSite<'t> {
    verb: usize,
    info: &'t VerbInfo,
    /// The sentence, without its final stops.
    start: usize,
    end: usize,
    /// Where the subject starts (after an opening adverbial) and ends.
    subject: Range,
    /// The subordinator opening the clause of the frame ("after"), if any.
    subordinator: Option<usize>,
    /// The verb's object ("told reporters").
    object: Option<Range>,
    /// Where the content would start after the verb's adjuncts; a comma
    /// or the sentence end there means the frame closes the content.
    content_start: usize,
    /// ", citing X," between the verb and the content.
    citing: Vec<Range>,
    /// An outlet named in an opening adverbial ("In an interview with X,").
    outlet: Option<Layer>,
}

/// Inverted after plain content: "The plan is dead, said X."
fn inverted_after_content(
    f: &FrameFinder,
    verb: usize,
    info: &VerbInfo,
    subject_end: usize,
    start: usize,
    end: usize,
) -> Option<Draft> {
    // "..., said X" but not "X, has said ...": no auxiliary between the
    // comma and the verb.
    let inverted = subject_end > start
        && f.t.is_punct(subject_end - 1, ",")
        && !(subject_end..verb).any(|k| f.t.has(k, WordClasses::AUXILIARIES))
        && info.speech
        && f.inverted_speaker(verb, end);
    inverted.then(|| {
        Draft::reported(
            (start, subject_end - 1),
            (verb, verb + 1),
            vec![Layer::speaker((verb + 1, end))],
            info.kind,
        )
    })
}

/// Reads the subject, object, adjuncts and ", citing X" around the verb.
fn verb_site<'t>(
    f: &FrameFinder,
    verb: usize,
    info: &'t VerbInfo,
    subject_end: usize,
    start: usize,
    end: usize,
) -> Option<VerbSite<'t>> {
    let t = f.t;
    if subject_end <= start {
        return None;
    }
    let (clause, subordinator) = f.clause_start(subject_end, start);
    let subject_start = f.strip_adverbial(clause, subject_end);
    if subject_start >= subject_end {
        return None;
    }
    let (object, after) = f.object_after(verb, end);
    let outlet = f.adverbial_outlet(clause, subject_start);
    let mut citing = Vec::new();
    // ", citing X," inside the words skipped before the content.
    for cite in verb + 1..after {
        if f.is_citing(cite) && t.is_punct(cite - 1, ",") {
            let stop = (cite + 1..after)
                .find(|&m| t.is_punct(m, ",") || t.is(m, "that"))
                .unwrap_or(after);
            citing.push((cite + 1, stop));
        }
    }
    // Adjuncts and a ", citing X," between verb and content.
    let mut content_start = after;
    loop {
        let at = content_start;
        if at < end && t.is_punct(at, ",") && f.is_citing(at + 1) {
            let stop = (at + 2..end)
                .find(|&k| t.is_punct(k, ",") || t.is(k, "that"))
                .unwrap_or(end);
            citing.push((at + 2, stop));
            content_start = stop;
            continue;
        }
        if at < end && t.is(at, "that") {
            content_start += 1;
        } else if at < end && t.is_punct(at, ",") && t.is(at + 1, "that") {
            content_start += 2;
        } else if at < end
            && t.is_punct(at, ",")
            && (at + 1 >= end || t.toks[at + 1].kind == TokKind::OpenQuote)
        {
            content_start += 1;
        }
        break;
    }
    Some(VerbSite {
        verb,
        info,
        start,
        end,
        subject: (subject_start, subject_end),
        subordinator,
        object,
        content_start,
        citing,
        outlet,
    })
}

/// The parties of a verb's frame, outermost first: an outlet in an
/// opening adverbial, the verb's object, an outlet of an interview named
/// before `interview_end`, the speaker, and whom the speaker cited.
fn speaker_layers(
    f: &FrameFinder,
    site: &VerbSite,
    interview_end: usize,
    speaker: Range,
) -> Vec<Layer> {
    let mut layers: Vec<Layer> = site.outlet.into_iter().collect();
    layers.extend(site.object.map(Layer::audience));
    if let Some(o) = f.interview_outlet(site.verb + 1, interview_end) {
        layers.push(o);
    }
    layers.push(Layer::speaker(speaker));
    layers.extend(site.citing.iter().map(|&c| Layer::speaker(c)));
    layers
}

/// "content, X said [on Monday][, citing Y][, sending Z]".
fn trailing_verb_frame(f: &FrameFinder, site: VerbSite) -> Option<Vec<Draft>> {
    let t = f.t;
    let VerbSite {
        verb,
        info,
        start,
        end,
        subject: (_, subject_end),
        content_start: after_frame,
        ..
    } = site;
    let (speaker_start, comma) = f.trailing_speaker(subject_end, start)?;
    let first = t.low(speaker_start);
    if comma <= start
        || f.lex.adjunct_preps.contains(first)
        || f.lex.subordinators.contains(first)
        || f.lex.conjunctions.has(first, OPENING)
        || first == "with"
    {
        return None;
    }
    if let Some(drafts) = counter_claim(f, &site, speaker_start, comma) {
        return drafts;
    }
    let mut layers = speaker_layers(f, &site, end, (speaker_start, subject_end));
    let mut content = (start, comma);
    // "The ministry said that A, the agency reported": the ministry
    // spoke, the agency carried it.
    if info.speech {
        f.nest(&mut content, &mut layers, 0);
    }
    let mut drafts = vec![Draft::reported(
        content,
        (verb, verb + 1),
        layers,
        info.kind,
    )];
    // "The plan, the mayor said, would cost more": the frame sits inside
    // the content.
    if after_frame + 1 < end
        && t.is_punct(after_frame, ",")
        && t.has(after_frame + 1, WordClasses::AUXILIARIES)
    {
        drafts[0].content = UpToTwo::two((start, comma), (after_frame + 1, end));
        drafts[0].span = (start, end);
        return Some(drafts);
    }
    // "Beyond that, Ortiz said, the city may add buses": only an opening
    // adverbial before the frame, the statement after it.
    if after_frame + 1 < end
        && t.is_punct(after_frame, ",")
        && f.strip_adverbial(start, comma + 1) == comma + 1
    {
        drafts[0].content = UpToTwo::one((after_frame + 1, end));
        drafts[0].span = (after_frame + 1, end);
        return Some(drafts);
    }
    // What follows the frame: a chain or the article's own words.
    let mut at = after_frame;
    while at < end {
        if t.is_punct(at, ",") {
            let next = at + 1;
            let stop = (next..end).find(|&m| t.is_punct(m, ",")).unwrap_or(end);
            if f.is_citing(next) {
                drafts[0].layers.push(Layer::speaker((next + 1, stop)));
            } else if next < end && !t.has(next, WordClasses::PARTICIPLES) {
                drafts.push(Draft::unattributed((next, end)));
                break;
            }
            at = stop;
        } else {
            at += 1;
        }
    }
    Some(drafts)
}

/// "The rebels took the town, a claim the army denied": the statement is
/// the article's, the counter-claim the army's. `Some(None)` when the
/// counter-claim names no party, which ends the frame.
fn counter_claim(
    f: &FrameFinder,
    site: &VerbSite,
    speaker_start: usize,
    comma: usize,
) -> Option<Option<Vec<Draft>>> {
    let t = f.t;
    let (verb, subject_end) = (site.verb, site.subject.1);
    let noun = if f.lex.determiners.contains(t.low(speaker_start)) {
        speaker_start + 1
    } else {
        speaker_start
    };
    if !f.lex.claim_nouns.has(t.low(noun), COUNTER) || noun + 1 >= subject_end {
        return None;
    }
    let who = if f
        .lex
        .relative_pronouns
        .has(t.low(noun + 1), COUNTER_RELATIVE)
    {
        noun + 2
    } else {
        noun + 1
    };
    if who >= subject_end {
        return Some(None);
    }
    let counter = (speaker_start, site.end);
    let mut counter_draft = Draft::reported(
        counter,
        (verb, verb + 1),
        vec![Layer::speaker((who, subject_end))],
        site.info.kind,
    );
    counter_draft.forced_kind = site.info.kind;
    Some(Some(vec![
        Draft::unattributed((site.start, comma)),
        counter_draft,
    ]))
}

/// "X said (that) content".
fn leading_verb_frame(f: &FrameFinder, site: VerbSite) -> Option<Vec<Draft>> {
    let t = f.t;
    let VerbSite {
        verb,
        info,
        start,
        end,
        subject: (subject_start, subject_end),
        content_start,
        ..
    } = site;
    // "The figures, released by the agency, showed output fell": a
    // document with its issuer named carries the content.
    let issued = (subject_start + 1..subject_end)
        .any(|k| t.is(k + 1, "by") && f.lex.publication_verbs.has(t.low(k), RELEASED_BY));
    // "New polls show Ortiz ahead", "Figures show a record 12,400": what
    // a document shows needs no full clause.
    let document_subject = (subject_start..subject_end).any(|k| {
        let word = t.low(k);
        t.has(k, WordClasses::DOCUMENTS)
            || word
                .strip_suffix('s')
                .is_some_and(|one| f.lex.documents.contains(one))
    });
    // "called the ruling a disgrace": an object and what it is called.
    let small_clause = info.np_object && f.object_complement(content_start, end);
    if info.needs_clause
        && !issued
        && !document_subject
        && !small_clause
        && !f.looks_like_clause(content_start, end)
    {
        return None;
    }
    let mut drafts = Vec::new();
    if let Some(joint) = site.subordinator
        && f.main_clause_before(start, joint)
    {
        // "A, and X said B": the first clause without its conjunction.
        let first =
            if f.lex.conjunctions.has(t.low(joint), JOINS_CLAUSE) && t.is_punct(joint - 1, ",") {
                (start, joint - 1)
            } else {
                (start, joint + 1)
            };
        drafts.push(Draft::unattributed(first));
    }
    let mut layers = speaker_layers(f, &site, content_start, site.subject);
    let mut content_end = end;
    // A trailing ", citing X" closes the content.
    if let Some(comma) =
        (content_start..end).find(|&k| t.is_punct(k, ",") && f.is_citing(k + 1) && !t.quoted(k))
    {
        layers.push(Layer::speaker((comma + 2, end)));
        content_end = comma;
    }
    // "..., according to state media": the outlet carried the statement.
    if let Some(comma) = (content_start..content_end).find(|&k| {
        t.is_punct(k, ",") && t.is(k + 1, "according") && t.is(k + 2, "to") && !t.quoted(k)
    }) {
        let outlet = (comma + 3, content_end);
        let speaker = layers.iter().position(|l| !l.audience).unwrap_or(0);
        layers.insert(speaker, Layer::speaker(outlet));
        content_end = comma;
    }
    let mut content = (content_start, content_end);
    if info.speech {
        f.nest(&mut content, &mut layers, 0);
    }
    if content.1 <= content.0 {
        return None;
    }
    drafts.push(Draft::reported(
        content,
        (verb, verb + 1),
        layers,
        info.kind,
    ));
    Some(drafts)
}

/// "X quoted Y as saying Z", "X cited Y as saying Z", "X cited Y’s
/// claim of Z".
fn quoted_as_saying(f: &FrameFinder, verb: usize, start: usize, end: usize) -> Option<Vec<Draft>> {
    let t = f.t;
    let l = f.skip_adverbs_left(verb, start);
    if l <= start {
        return None;
    }
    let (cs, subordinator) = f.clause_start(l, start);
    let cs = f.strip_adverbial(cs, l);
    if cs >= l {
        return None;
    }
    let mut layers = vec![Layer::speaker((cs, l))];
    let window = (verb + 1..end.min(verb + 14)).collect::<Vec<_>>();
    let content_start;
    if let Some(&as_i) = window
        .iter()
        .find(|&&k| t.is(k, "as") && t.is(k + 1, "saying"))
    {
        layers.push(Layer::speaker((verb + 1, as_i)));
        content_start = if t.is(as_i + 2, "that") {
            as_i + 3
        } else {
            as_i + 2
        };
    } else if let Some(&p) = window.iter().find(|&&k| is_possessive(t.low(k))) {
        let noun = p + 1;
        let of = (noun..end.min(noun + 3)).find(|&k| t.is(k, "of") || t.is(k, "that"))?;
        if !f.lex.claim_nouns.has(t.low(noun), CITED) {
            return None;
        }
        // The possessor ends with the possessive word itself.
        layers.push(Layer::speaker((verb + 1, p + 1)));
        content_start = of + 1;
    } else {
        return None;
    }
    let mut drafts = Vec::new();
    if let Some(b) = subordinator
        && f.main_clause_before(start, b)
    {
        drafts.push(Draft::unattributed((start, b + 1)));
    }
    let content = (content_start, end);
    if content.1 <= content.0 {
        return None;
    }
    drafts.push(Draft::reported(content, (verb, verb + 1), layers, None));
    Some(drafts)
}

/// "X was quoted by Y as saying Z": X said it, Y carried it.
pub(super) fn passive_quote_frame(
    f: &FrameFinder,
    q: usize,
    s: usize,
    end: usize,
) -> Option<Vec<Draft>> {
    let t = f.t;
    let be = q - 1;
    let l = f.skip_adverbs_left(be, s);
    let (clause, _) = f.clause_start(l, s);
    let cs = f.strip_adverbial(clause, l);
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

/// "The closure was announced by the ministry on Monday": the party
/// after "by" made the statement.
fn passive_by_frame(f: &FrameFinder, start: usize, end: usize) -> Option<Vec<Draft>> {
    let t = f.t;
    let verb = (start + 2..end).find(|&i| {
        !t.quoted(i)
            && t.is(i + 1, "by")
            && t.has(i - 1, WordClasses::BE_FORMS)
            && f.lex.be_forms.has(t.low(i - 1), FINITE_OR_BEEN)
            && f.verb_info(i).is_some_and(|info| {
                (info.speech || info.np_object) && info.form == VerbForm::Past && !info.by_link
            })
    })?;
    let party_start = verb + 2;
    let stop = (party_start..end)
        .find(|&k| t.is_punct(k, ",") && !t.quoted(k))
        .unwrap_or(end);
    // Only the party and a time may follow, "by X on Monday", or what the
    // party called it: "criticized by X as unfair".
    let preps = &f.lex.verb_prepositions;
    let called = (party_start + 1..stop).find(|&k| preps.has(t.low(k), CALLED));
    let np_end = f.np_extent(party_start, called.unwrap_or(stop));
    let as_what = np_end < stop && preps.has(t.low(np_end), CALLED);
    if np_end <= party_start
        || (np_end < stop
            && !as_what
            && !t.is(np_end, "on")
            && !t.has(np_end, WordClasses::TIME_WORDS))
    {
        return None;
    }
    if stop < end {
        return None;
    }
    let mut draft = Draft::reported(
        (start, verb + 1),
        (verb, verb + 1),
        vec![Layer::speaker((party_start, np_end))],
        f.verb_info(verb).and_then(|i| i.kind),
    );
    if as_what {
        draft.content = UpToTwo::two((start, verb + 1), (np_end, end));
        draft.span = (start, end);
    }
    Some(vec![draft])
}

/// "The court set aside the permit, ruling that ..." — the main clause
/// is the article's, the participle's content is the subject's.
fn participle_frame(f: &FrameFinder, start: usize, end: usize) -> Option<Vec<Draft>> {
    let t = f.t;
    // ", saying ...", or "issued a statement saying ...": after a comma,
    // or right after the document that says it.
    let p = (start + 1..end).find(|&i| {
        (t.is_punct(i - 1, ",") || f.lex.documents.contains(t.low(i - 1)))
            && !t.quoted(i)
            && t.has(i, WordClasses::PARTICIPLES)
    })?;
    let after_document = !t.is_punct(p - 1, ",");
    let cs = f.strip_adverbial(start, p);
    let subj_end = f.np_extent(cs, p - 1);
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
    let main = (start, p - 1);
    let content = (c, end);
    let reported = Draft::reported(
        content,
        (p, p + 1),
        vec![Layer::speaker((cs, subj_end))],
        f.lex.verbs.get(t.low(p)).and_then(|v| v.kind),
    );
    // The statement that says it is the frame, no claim of its own.
    if after_document {
        return Some(vec![reported]);
    }
    Some(vec![Draft::unattributed(main), reported])
}

/// "A, with the Times reporting B", "A, the government recommending B":
/// an absolute clause whose participle of saying gives its noun phrase a
/// statement of its own.
fn split_absolute_statement(f: &FrameFinder, draft: &mut Draft, out: &mut Vec<Draft>) {
    let t = f.t;
    let (span_start, span_end) = draft.span;
    for comma in span_start + 1..span_end.saturating_sub(3) {
        if !t.is_punct(comma, ",") || t.quoted(comma) {
            continue;
        }
        let np_start = if t.is(comma + 1, "with") {
            comma + 2
        } else {
            comma + 1
        };
        let with = np_start == comma + 2;
        // The noun phrase: a determiner or a name first (unless after
        // "with"), a few words, no verb.
        let opens_np = with
            || t.has(np_start, WordClasses::DETERMINERS)
            || (t.is_cap(np_start) && !t.has(np_start, WordClasses::FUNCTION_WORDS));
        let Some(participle) = (np_start + 1..span_end.min(np_start + 7))
            .find(|&k| t.has(k, WordClasses::PARTICIPLES) && !t.quoted(k))
        else {
            continue;
        };
        // A plain noun phrase: no verb, no other participle and no
        // preposition ("laws banning migrants from claiming" is none).
        let noun_phrase_only = (np_start..participle).all(|k| {
            t.is_word(k)
                && f.verbs[k].is_none()
                && !t.has(k, WordClasses::AUXILIARIES)
                && !t.has(k, WordClasses::ADJUNCT_PREPS)
                && !f.lex.verb_prepositions.has(t.low(k), IN_PHRASE)
                && (t.is_cap(k) || !t.low(k).ends_with("ing"))
        });
        if !opens_np || !noun_phrase_only {
            continue;
        }
        let mut content_start = participle + 1;
        while content_start < span_end
            && (t.is(content_start, "that") || t.is_punct(content_start, ":"))
        {
            content_start += 1;
        }
        if content_start + 2 > span_end {
            continue;
        }
        let verb_kind = f.lex.verbs.get(t.low(participle)).and_then(|v| v.kind);
        let mut second = Draft::reported(
            (content_start, span_end),
            (participle, participle + 1),
            vec![Layer::speaker((np_start, participle))],
            verb_kind,
        );
        if t.toks[content_start].kind == TokKind::OpenQuote {
            second.mode = Mode::Direct;
        }
        out.push(second);
        draft.span = (span_start, comma);
        draft.content = UpToTwo::one((span_start, comma));
        return;
    }
}

/// "X said A, while Y said B": two statements by two sources.
fn split_second_statement(f: &FrameFinder, d: &mut Draft, end: usize, out: &mut Vec<Draft>) {
    let t = f.t;
    let (a, b) = d.span;
    for k in a + 1..b.saturating_sub(3) {
        if !t.is_punct(k, ",")
            || t.quoted(k)
            || !f.lex.conjunctions.has(t.low(k + 1), SECOND_STATEMENT)
        {
            continue;
        }
        let start = k + 2;
        let Some(v) = (start + 1..b.min(start + 12))
            .find(|&v| f.verb_info(v).is_some_and(|i| i.speech) && f.main_verb(v, start))
        else {
            continue;
        };
        let l = f.skip_adverbs_left(v, start);
        if l <= start
            || (start..l).any(|j| t.has(j, WordClasses::AUXILIARIES) || t.is_punct(j, ","))
        {
            continue;
        }
        if let Some(second) = verb_frame(f, v, start, end)
            && second.iter().any(|x| !x.layers.is_empty() && x.span.0 > v)
        {
            d.span = (a, k);
            d.content = UpToTwo::one((a, k));
            out.extend(second);
            return;
        }
    }
}

/// "The agency said X, but declined to comment further": the refusal
/// is the article's own claim.
fn split_convention(f: &FrameFinder, d: &mut Draft, end: usize, out: &mut Vec<Draft>) {
    let t = f.t;
    let (a, b) = d.span;
    if a >= b {
        return;
    }
    let lower = &t.lower[t.toks[a].start..t.toks[b - 1].end];
    let Some((ms, _)) = f.lex.conventions.first(lower) else {
        return;
    };
    let at = t.toks[a].start + ms;
    let Some(k) = (a..b).find(|&i| t.toks[i].start == at) else {
        return;
    };
    if k < a + 2 || !f.lex.conjunctions.has(t.low(k - 1), BEFORE_REFUSAL) {
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
