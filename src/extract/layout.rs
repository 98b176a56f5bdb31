//! How the raw text is put back together from the cleaned body: the body
//! keeps most of the raw text in order, so the raw text is stretches of the
//! body with the pieces cleaning removed (junk lines, the headline, line
//! breaks inside paragraphs) in between. A ledger stores the body once and
//! this layout beside it instead of a second copy of the article.

use super::model::RawPiece;

/// The layout that rebuilds `raw` from `body`, given for each body char the
/// raw char it came from (`raw_index`). A body char stands for its raw char
/// when it is a copy of it, or else for the next raw char still to place
/// when it equals that one (the second newline of a paragraph break). Body
/// chars that stand for nothing (a space for a line break) are not used;
/// the raw chars they replaced come back as removed text. Every raw char is
/// placed once, in order, so the layout always rebuilds the raw text.
pub fn raw_layout(raw: &str, body: &str, raw_index: &[usize]) -> Vec<RawPiece> {
    let raw_chars: Vec<char> = raw.chars().collect();
    let mut pieces = Vec::new();
    // The next raw char still to be placed.
    let mut next = 0;
    for (i, (c, &mapped)) in body.chars().zip(raw_index).enumerate() {
        let r = if mapped >= next && raw_chars.get(mapped) == Some(&c) {
            mapped
        } else if raw_chars.get(next) == Some(&c) {
            next
        } else {
            continue;
        };
        if r > next {
            pieces.push(RawPiece::Removed(raw_chars[next..r].iter().collect()));
        }
        match pieces.last_mut() {
            // Still the same stretch: the last piece ends at this body char
            // and nothing was removed in between.
            Some(RawPiece::Body { end, .. }) if *end == i && r == next => *end = i + 1,
            _ => pieces.push(RawPiece::Body {
                start: i,
                end: i + 1,
            }),
        }
        next = r + 1;
    }
    if next < raw_chars.len() {
        pieces.push(RawPiece::Removed(raw_chars[next..].iter().collect()));
    }
    pieces
}

/// The raw text a layout describes.
pub fn rebuild(body: &str, layout: &[RawPiece]) -> String {
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::with_capacity(body.len() + 256);
    for piece in layout {
        match piece {
            RawPiece::Body { start, end } => out.extend(&chars[*start..*end]),
            RawPiece::Removed(text) => out.push_str(text),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Lexicon, extract};

    /// Rebuilds the raw text from the layout, and checks the layout is
    /// worth storing: most of the raw text comes from the body, not from
    /// removed text kept beside it (every layout rebuilds its raw text; a
    /// poor one just keeps the article twice).
    fn round_trip(raw: &str) -> Vec<RawPiece> {
        let doc = extract(raw, &Lexicon::builtin());
        assert_eq!(
            rebuild(&doc.body, &doc.raw_layout),
            raw,
            "the layout rebuilds the raw text"
        );
        let from_body: usize = doc
            .raw_layout
            .iter()
            .map(|p| match p {
                RawPiece::Body { start, end } => end - start,
                RawPiece::Removed(_) => 0,
            })
            .sum();
        assert!(
            from_body * 100 >= doc.body.chars().count() * 95,
            "the layout reuses at least 95% of the body: {} of {}",
            from_body,
            doc.body.chars().count()
        );
        doc.raw_layout
    }

    #[test]
    fn junk_headline_and_broken_lines_come_back_exactly() {
        let raw = "Share this article\n\nTroops Gather at the Border\n\n\
                   LONDON (Reuters) - The ministry said on Friday that 1,500 troops\n\
                   had moved to the bor-\nder, a figure that could not be verified.\n\n\
                   Advertisement\n\n“We are ready,” said the commander.\n";
        let layout = round_trip(raw);
        let removed: String = layout
            .iter()
            .filter_map(|p| match p {
                RawPiece::Removed(t) => Some(t.as_str()),
                RawPiece::Body { .. } => None,
            })
            .collect();
        assert!(removed.contains("Share this article"), "{removed:?}");
        assert!(removed.contains("Advertisement"), "{removed:?}");
        assert!(
            removed.len() < raw.len() / 2,
            "most of the raw text is the body: {removed:?}"
        );
        // Paragraph breaks are body text; the two line breaks inside the
        // first paragraph and the final one are not.
        let line_breaks = layout
            .iter()
            .filter(|p| matches!(p, RawPiece::Removed(t) if t == "\n"))
            .count();
        assert_eq!(line_breaks, 3, "{layout:?}");
        assert_eq!(layout.len(), 9, "{layout:?}");
    }

    #[test]
    fn every_test_article_round_trips() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in [
            "tests/corpus/seed",
            "tests/corpus/dev",
            "tests/corpus/own",
            "src/extract/testdata",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    round_trip(&std::fs::read_to_string(&path).unwrap());
                    seen += 1;
                }
            }
        }
        for n in 0..50 {
            round_trip(&crate::synth::article(n));
        }
        assert!(seen >= 12, "the corpora are where they should be ({seen})");
    }

    #[test]
    fn windows_line_ends_and_non_ascii_text_round_trip() {
        round_trip(
            "Überschrift\r\n\r\nBERLIN - Die Ministerin sagte, es gebe „keine Pläne“.\r\n\r\n“Non,” a dit le ministre.\r\n",
        );
    }
}
