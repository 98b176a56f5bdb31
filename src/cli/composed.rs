//! Extraction on composed text, with offsets into the text as it was read.
//! The extractor reads words letter by letter, and a letter typed as a base
//! and a combining mark ("e" and U+0308) is two characters to it, the mark
//! no letter: "Zoë Brandt" typed so was no name. So the text is composed
//! (Unicode NFC) for extraction only; the ledger keeps the raw text exactly
//! as decoded, and every raw offset the extractor gives is moved back into
//! it. The body, which the extractor makes, is composed.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::extract::{self, Document, Lexicon, Mention};

/// [`extract::extract`] on `raw` composed, its raw offsets into `raw`.
pub fn extract(raw: &str, lexicon: &Lexicon) -> Document {
    if is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        return extract::extract(raw, lexicon);
    }
    let (composed, to_raw) = compose(raw);
    if composed == raw {
        return extract::extract(raw, lexicon);
    }
    let mut document = extract::extract(&composed, lexicon);
    let back = |m: &mut Mention| {
        let empty = m.raw_start == m.raw_end;
        m.raw_start = to_raw[m.raw_start];
        m.raw_end = if empty {
            m.raw_start
        } else {
            end_to_raw(&to_raw, m.raw_end)
        };
    };
    for claim in &mut document.claims {
        back(&mut claim.span);
        back(&mut claim.sentence);
        claim.cue_mention.as_mut().map(back);
        claim.source_mention.as_mut().map(back);
    }
    document
}

/// Where an end offset into the composed text falls in `raw`. An end
/// inside a cluster (one that composed into more than one character, as
/// "e" and two accents may) takes the whole cluster, so a mention never
/// ends part way through a letter as read.
fn end_to_raw(to_raw: &[usize], end: usize) -> usize {
    let at = to_raw[end];
    if end == 0 || to_raw[end - 1] != at {
        return at;
    }
    to_raw[end..]
        .iter()
        .copied()
        .find(|&r| r != at)
        .unwrap_or(at)
}

/// `raw` in NFC, and for every character offset into it (its end too) the
/// offset in `raw` that it stands for. The text is composed a cluster at a
/// time: a cluster starts at a character nothing before it can compose
/// with (a starter that is NFC as it is), so offsets between clusters map
/// exactly; one inside a cluster maps to the cluster's start.
fn compose(raw: &str) -> (String, Vec<usize>) {
    let mut composed = String::with_capacity(raw.len());
    let mut to_raw = Vec::with_capacity(raw.len() + 1);
    let mut cluster = String::new();
    let mut cluster_start = 0;
    let mut flush = |cluster: &mut String, start: usize| {
        for c in cluster.nfc() {
            composed.push(c);
            to_raw.push(start);
        }
        cluster.clear();
    };
    let mut count = 0;
    for (i, c) in raw.chars().enumerate() {
        let boundary = canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
        if boundary && !cluster.is_empty() {
            flush(&mut cluster, cluster_start);
            cluster_start = i;
        }
        cluster.push(c);
        count = i + 1;
    }
    flush(&mut cluster, cluster_start);
    to_raw.push(count);
    (composed, to_raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_the_composed_text_map_back_to_the_text_as_read() {
        let raw = "said Zoe\u{308} Brandt and Rene\u{301}e.";
        let (composed, to_raw) = compose(raw);
        assert_eq!(composed, "said Zo\u{eb} Brandt and Ren\u{e9}e.");
        assert_eq!(to_raw.len(), composed.chars().count() + 1);
        let slice = |from: &str, start: usize, end: usize| -> String {
            from.chars().skip(start).take(end - start).collect()
        };
        // "Zoë Brandt" is 5..15 composed, 5..16 as read.
        assert_eq!(slice(&composed, 5, 15), "Zo\u{eb} Brandt");
        assert_eq!((to_raw[5], to_raw[15]), (5, 16));
        assert_eq!(slice(raw, 5, 16), "Zoe\u{308} Brandt");
        // The end of the text is the end of the text.
        assert_eq!(
            to_raw[composed.chars().count()],
            raw.chars().count(),
            "{to_raw:?}"
        );
    }

    #[test]
    fn an_end_inside_a_cluster_takes_the_whole_cluster() {
        // "e", a diaeresis and a grave compose to "ë" and the grave: two
        // characters from one cluster of three.
        let raw = "Zoe\u{308}\u{300} said";
        let (composed, to_raw) = compose(raw);
        assert_eq!(composed, "Zo\u{eb}\u{300} said");
        // Composed 0..3 is "Zoë" without its grave; as read, the cluster
        // is whole: 0..5.
        assert_eq!(end_to_raw(&to_raw, 3), 5);
        assert_eq!(end_to_raw(&to_raw, 4), 5);
        assert_eq!(end_to_raw(&to_raw, 2), 2);
    }

    #[test]
    fn a_decomposed_name_is_found_and_its_mention_points_into_the_text_as_read() {
        let raw = "Ferry fares to rise\n\nFerry fares will rise next year, said Zoe\u{308} Brandt, the board chair.\n";
        let document = extract(raw, &Lexicon::builtin());
        let claim = &document.claims[0];
        let source = &document.sources[claim.source.expect("a source")];
        assert_eq!(source.name, "Zo\u{eb} Brandt");
        let mention = claim.source_mention.as_ref().expect("a mention");
        let said: String = raw
            .chars()
            .skip(mention.raw_start)
            .take(mention.raw_end - mention.raw_start)
            .collect();
        assert_eq!(said, "Zoe\u{308} Brandt");
    }
}
