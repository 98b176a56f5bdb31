//! Chains of transmission. A speaker region may carry its own links
//! ("X, quoted by the daily Y," puts Y outside X; "an official briefed by
//! the ministry" puts the ministry inside the official; "speaking to
//! the Courier" makes the Courier a link). This module unfolds the regions a frame
//! found into parties, outermost first.

use super::frames::Layer;
use super::lexicon::{
    LINK_PHRASE_TAGS, LexiconData, PUBLICATION_VERB_TAGS, RELATIVE_PRONOUN_TAGS, TagBits, VerbForm,
    WordClasses,
};
use super::span::{Range, comma_list_end};
use super::tokens::{TokKind, Tokens};

/// ", published by X,": a description of the party before it.
const PUBLISHED_BY: TagBits = PUBLICATION_VERB_TAGS.bits(&["by"]);
/// "an official briefed by the ministry": the ministry is inside.
const INSIDE: TagBits = LINK_PHRASE_TAGS.bits(&["inside"]);
/// "a memo seen by the Tribune": the Tribune is a link outside.
const OUTSIDE: TagBits = LINK_PHRASE_TAGS.bits(&["outside"]);
/// ", speaking to the Courier,": the Courier is a link.
const LISTENER: TagBits = LINK_PHRASE_TAGS.bits(&["listener"]);
/// "in an interview with CNBC".
const INTERVIEW: TagBits = LINK_PHRASE_TAGS.bits(&["interview"]);
/// "which cited", "who quoted".
const SUBJECT: TagBits = RELATIVE_PRONOUN_TAGS.bits(&["subject"]);

/// One party of a chain: its core mention and the appositions describing
/// it.
#[derive(Debug, Clone)]
pub struct Party {
    pub core: Range,
    pub appositions: Vec<Range>,
    /// A listener or outlet: a link only when it names an outlet.
    pub audience: bool,
    /// Reached the article through someone else is the speaker; a party
    /// outside the speaker is a link ("via").
    pub link: bool,
}

/// Unfolds frame layers (outermost first) into parties (outermost first);
/// the last party is the source.
pub fn unfold(t: &Tokens, layers: &[Layer], lex: &LexiconData) -> Vec<Party> {
    let mut out = Vec::new();
    for layer in layers {
        unfold_region(t, layer.region, layer.audience, lex, &mut out, 0);
    }
    let n = out.len();
    for (i, p) in out.iter_mut().enumerate() {
        p.link = i + 1 < n;
    }
    out
}

fn unfold_region(
    t: &Tokens,
    region: Range,
    audience: bool,
    lex: &LexiconData,
    out: &mut Vec<Party>,
    depth: usize,
) {
    let (region_start, region_end) = trim(t, region);
    if region_start >= region_end || depth > 3 {
        return;
    }
    let segments = split_commas(t, region_start, region_end, lex);
    let mut outer = Vec::new();
    let mut inner = Vec::new();
    let mut appositions = Vec::new();
    let (mut core_start, mut core_end) = segments[0];
    let link = |k: usize, tags: TagBits| {
        t.has(k, WordClasses::LINK_STARTS)
            && lex.link_phrases.has_pair(t.low(k), t.low(k + 1), tags)
    };
    // "an official briefed by the ministry"
    if let Some(phrase) = (core_start..core_end).find(|&k| link(k, INSIDE)) {
        inner.push((phrase + 2, core_end));
        core_end = phrase;
    }
    // "a memo seen by the Tribune": the outlet that saw it is a link.
    if let Some(phrase) = (core_start..core_end).find(|&k| link(k, OUTSIDE)) {
        outer.push((phrase + 2, core_end));
        core_end = phrase;
    }
    // "quoted", "cited": the past of a verb that puts a party inside
    // another.
    let citing_past = |w: &str| {
        lex.verbs
            .get(w)
            .is_some_and(|v| v.citing && v.form == VerbForm::Past)
    };
    for &(segment_start, segment_end) in &segments[1..] {
        let first = t.low(segment_start);
        let second = if segment_start + 1 < segment_end {
            t.low(segment_start + 1)
        } else {
            ""
        };
        if second == "by" && citing_past(first) {
            // "X, quoted by the daily Y,": Y carried what X said.
            outer.push((segment_start + 2, segment_end));
        } else if lex.link_phrases.has_pair(first, second, LISTENER) {
            let name_start = segment_start + 2;
            let name_end = proper_run_end(t, name_start, segment_end);
            if name_end > name_start && !t.has(name_start, WordClasses::AUDIENCES) {
                outer.push((name_start, name_end));
            }
        } else if t.has(segment_start, WordClasses::CITING) {
            inner.push((segment_start + 1, segment_end));
        } else if lex.relative_pronouns.has(first, SUBJECT) && citing_past(second) {
            // "the newspaper, which cited police sources,"
            inner.push((segment_start + 2, segment_end));
        } else if first == "in" && second == "an" && link(segment_start + 2, INTERVIEW) {
            let name_start = segment_start + 4;
            let name_end = proper_run_end(t, name_start, segment_end);
            if name_end > name_start {
                outer.push((name_start, name_end));
            }
        } else {
            // "..., who spoke ...", "..., adding that ...", "..., dated
            // May 3,": no description.
            let describes_nothing = lex.non_appositions.contains(first)
                || t.toks[segment_start].kind == TokKind::Number
                || lex.participles.contains(first)
                || first.ends_with("ing")
                || (first.ends_with("ed")
                    && !t.is_cap(segment_start)
                    && !lex.publication_verbs.has(first, PUBLISHED_BY));
            if !describes_nothing {
                appositions.push((segment_start, segment_end));
            }
        }
    }
    // Trailing time words do not belong to a name ("X on Thursday"),
    // unless they end one ("Valley Today", "City Evening").
    while core_end > core_start + 1
        && t.has(core_end - 1, WordClasses::TIME_WORDS)
        && !ends_name(t, core_start, core_end, lex)
    {
        core_end -= 1;
        if core_end > core_start + 1 && lex.time_leads.contains(t.low(core_end - 1)) {
            core_end -= 1;
        }
    }
    (core_start, core_end) = trim(t, (core_start, core_end));
    for outer_region in outer {
        unfold_region(t, outer_region, false, lex, out, depth + 1);
    }
    if core_start < core_end {
        out.push(Party {
            core: (core_start, core_end),
            appositions,
            audience,
            link: false,
        });
    }
    for inner_region in inner {
        unfold_region(t, inner_region, false, lex, out, depth + 1);
    }
}

/// Whether the capitalised time word closing `[a, b)` is the last word of
/// a name: it follows another capitalised word and is no weekday.
fn ends_name(t: &Tokens, a: usize, b: usize, lex: &LexiconData) -> bool {
    let last = b - 1;
    last > a
        && t.is_cap(last)
        && t.is_cap(last - 1)
        && !t.is(last - 1, "On")
        && !lex.weekdays.contains(t.low(last))
}

/// Where a proper name starting at `x` ends ("Nordwire on condition of
/// anonymity" → "Nordwire").
fn proper_run_end(t: &Tokens, x: usize, b: usize) -> usize {
    let mut k = x;
    if k < b && t.has(k, WordClasses::DETERMINERS) {
        k += 1;
    }
    while k < b && (t.is_cap(k) || (t.has(k, WordClasses::CONNECTORS) && t.is_cap(k + 1))) {
        k += 1;
    }
    if k == x || (k == x + 1 && !t.is_cap(x)) {
        x
    } else {
        k
    }
}

fn trim(t: &Tokens, (mut a, mut b): Range) -> Range {
    while a < b && !t.is_word(a) {
        a += 1;
    }
    while b > a && !t.is_word(b - 1) {
        b -= 1;
    }
    (a, b)
}

/// Splits at commas outside quotations.
fn split_commas(t: &Tokens, a: usize, b: usize, lex: &LexiconData) -> Vec<Range> {
    let mut out = Vec::new();
    let mut s = a;
    // Commas inside a listing name ("Rail, Tram and Bus Union") stay.
    let mut inside = a;
    for k in a..b {
        if k >= inside
            && let Some(e) = comma_list_end(t, k, b, lex)
        {
            inside = e;
        }
        if t.is_punct(k, ",") && !t.quoted(k) && k >= inside {
            if k > s {
                out.push(trim(t, (s, k)));
            }
            s = k + 1;
        }
    }
    if b > s {
        out.push(trim(t, (s, b)));
    }
    out.retain(|(x, y)| x < y);
    if out.is_empty() {
        out.push((a, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::tokens::tokenize;

    fn parties(text: &str) -> Vec<(String, bool)> {
        let lex = Lexicon::builtin();
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower, 0, text.len(), &lex);
        let layer = Layer {
            region: (0, toks.toks.len()),
            audience: false,
        };
        unfold(&toks, &[layer], &lex)
            .into_iter()
            .map(|p| (toks.span_text(p.core.0, p.core.1).to_string(), p.link))
            .collect()
    }

    #[test]
    fn quoted_by_puts_the_outlet_outside() {
        assert_eq!(
            parties("Mira Holt, a senator, quoted by the weekly Sentinel,"),
            [
                ("the weekly Sentinel".to_string(), true),
                ("Mira Holt".to_string(), false)
            ]
        );
    }

    #[test]
    fn which_cited_puts_the_cited_inside() {
        assert_eq!(
            parties("the Morning Ledger, which cited two inspectors,"),
            [
                ("the Morning Ledger".to_string(), true),
                ("two inspectors".to_string(), false)
            ]
        );
    }

    #[test]
    fn a_time_word_may_end_a_name() {
        assert_eq!(
            parties("the state news agency Valley Today"),
            [("the state news agency Valley Today".to_string(), false)]
        );
        assert_eq!(
            parties("the ministry on Thursday"),
            [("the ministry".to_string(), false)]
        );
        assert_eq!(
            parties("Jane Roe Thursday"),
            [("Jane Roe".to_string(), false)]
        );
    }

    #[test]
    fn commas_inside_a_listing_name_stay() {
        assert_eq!(
            parties("the Rail, Tram and Bus Union"),
            [("the Rail, Tram and Bus Union".to_string(), false)]
        );
        assert_eq!(
            parties("Jane Roe, a driver"),
            [("Jane Roe".to_string(), false)]
        );
    }

    #[test]
    fn seen_by_puts_the_outlet_outside() {
        assert_eq!(
            parties("a letter seen by the Evening Star"),
            [
                ("the Evening Star".to_string(), true),
                ("a letter".to_string(), false)
            ]
        );
    }

    #[test]
    fn briefed_by_puts_the_briefer_inside() {
        assert_eq!(
            parties("a diplomat briefed by the foreign office"),
            [
                ("a diplomat".to_string(), true),
                ("the foreign office".to_string(), false)
            ]
        );
    }

    #[test]
    fn speaking_to_an_outlet_is_a_link_but_anonymity_is_not() {
        assert_eq!(
            parties("A police officer, speaking to Channel Nine on condition of anonymity"),
            [
                ("Channel Nine".to_string(), true),
                ("A police officer".to_string(), false)
            ]
        );
        assert_eq!(
            parties("A police officer, speaking on condition of anonymity"),
            [("A police officer".to_string(), false)]
        );
    }
}
