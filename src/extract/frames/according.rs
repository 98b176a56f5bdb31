//! "According to X": the cue that names its source without a verb, in
//! every position ("According to X, A", "A, according to X", "A,
//! according to X, B"), with appositions after it and documents that stand
//! for their issuer ("according to data from the ministry").

use super::draft::{Draft, Layer};
use super::finder::FrameFinder;
use crate::extract::lexicon::{
    MENTION_HEAD_END_TAGS, PARTY_PREPOSITION_TAGS, PUBLICATION_VERB_TAGS, RELATIVE_PRONOUN_TAGS,
    TagBits, WordClasses,
};
use crate::extract::span::Range;

/// "data released Thursday by the department": a publication verb
/// between a document and its issuer.
const ISSUER: TagBits = PUBLICATION_VERB_TAGS.bits(&["issuer"]);
/// "a statement from the ministry".
const ISSUER_PREPOSITION: TagBits = PARTY_PREPOSITION_TAGS.bits(&["issuer"]);
/// "According to the Herald, which cited two officials,".
const RELATIVE_SUBJECT: TagBits = RELATIVE_PRONOUN_TAGS.bits(&["subject"]);
/// "a spokeswoman for the port": the head ends before "for".
const APPOSITION_HEAD_END: TagBits = MENTION_HEAD_END_TAGS.bits(&["apposition"]);

/// "according to": the cue of `ACCORDING_TO`.
pub(super) fn is_according_to(f: &FrameFinder, at: usize, _start: usize) -> bool {
    f.t.is(at, "according") && f.t.is(at + 1, "to")
}

/// "According to X, content" / "content, according to X" /
/// "Subject, according to X, predicate".
pub(super) fn according_frame(
    f: &FrameFinder,
    a: usize,
    s: usize,
    end: usize,
) -> Option<Vec<Draft>> {
    let t = f.t;
    let x_start = a + 2;
    let comma = (x_start..end).find(|&k| t.is_punct(k, ",") && !t.quoted(k));
    let cue = (a, a + 2);
    // Leading the sentence, or the clause of "We have learned that
    // according to X, ...".
    let leading = f.strip_adverbial(s, a) == a || a == s || (a > s && t.is(a - 1, "that"));
    // "According to Rathbun the property was returned": a name and no
    // comma after it.
    if leading
        && comma.is_none_or(|c| c > x_start + 8)
        && let Some(name_end) = bare_name_end(f, x_start, end)
    {
        let layers = vec![Layer::speaker((x_start, name_end))];
        return Some(vec![Draft::reported((name_end, end), cue, layers, None)]);
    }
    let (x_region, content) = match comma {
        Some(c) if leading => match apposition_end(f, c, end) {
            // "According to Jane Roe, a spokeswoman for the port, ..."
            Some(c2) if c2 < end => ((x_start, c2), (c2 + 1, end)),
            _ if f.lex.relative_pronouns.has(t.low(c + 1), RELATIVE_SUBJECT)
                || f.is_citing(c + 1) =>
            {
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
            match apposition_end(f, c, end) {
                Some(c2) if c2 >= end => ((x_start, end), (s, a - 1)),
                Some(c2) => ((x_start, c2), (c2 + 1, end)),
                None => ((x_start, c), (c + 1, end)),
            }
        }
        None if a > s && t.is_punct(a - 1, ",") => ((x_start, end), (s, a - 1)),
        _ => return None,
    };
    let x_region = document_issuer(f, x_region);
    let mut layers = vec![Layer::speaker(x_region)];
    let mut content = content;
    if leading {
        f.nest(&mut content, &mut layers, 0);
    }
    if content.1 <= content.0 {
        return None;
    }
    Some(vec![Draft::reported(content, cue, layers, None)])
}

/// The end of a name at `x` ("Mark Rathbun", "the Daily Clarion") that a
/// clause of three words or more follows, with no comma between.
fn bare_name_end(f: &FrameFinder, x: usize, end: usize) -> Option<usize> {
    let t = f.t;
    let first = if t.is(x, "the") { x + 1 } else { x };
    let mut k = first;
    while k < end && t.is_cap(k) {
        k += 1;
    }
    let rest = (k..end).filter(|&i| t.is_word(i)).count();
    (k > first && rest >= 3 && t.is_word(k) && !t.has(k, WordClasses::AUXILIARIES)).then_some(k)
}

/// If the words after comma `c` are an apposition naming a role or a
/// party ("a spokeswoman for the port"), where it ends (its closing
/// comma, or `end`).
fn apposition_end(f: &FrameFinder, c: usize, end: usize) -> Option<usize> {
    let t = f.t;
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
        .find(|&k| f.lex.mention_head_ends.has(t.low(k), APPOSITION_HEAD_END))
        .unwrap_or(stop);
    let head = strip_possessive_low(t.low(head_end - 1));
    let names_party = f.lex.titles.contains(head)
        || f.lex.anonymous_heads.contains(head)
        || f.lex.org_heads.contains(head)
        || f.lex.media_heads.contains(head);
    names_party.then_some(stop)
}

/// "data the company presented" → "the company"; "a statement from
/// the ministry" → "the ministry".
fn document_issuer(f: &FrameFinder, x: Range) -> Range {
    let t = f.t;
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
        && (f.lex.publication_verbs.has(t.low(k), ISSUER)
            || (passive && (t.has(k, WordClasses::TIME_WORDS) || t.is(k, "on"))))
    {
        passive = true;
        k += 1;
    }
    if k >= b {
        return x;
    }
    let issuer_start = if f.lex.party_prepositions.has(t.low(k), ISSUER_PREPOSITION) {
        k + 1
    } else if !passive && (t.has(k, WordClasses::DETERMINERS) || t.is_cap(k)) {
        // "data the company presented"
        k
    } else {
        return x;
    };
    let issuer_end = f.np_extent(issuer_start, b);
    if issuer_end > issuer_start {
        (issuer_start, issuer_end)
    } else {
        x
    }
}

fn strip_possessive_low(low: &str) -> &str {
    low.strip_suffix("’s")
        .or_else(|| low.strip_suffix("'s"))
        .unwrap_or(low)
}
