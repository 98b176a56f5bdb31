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
    let (raw_bytes, body_bytes) = (raw.as_bytes(), body.as_bytes());
    let mut pieces = Vec::new();
    // The body stretch being built (chars `start..end`), pushed once it
    // can grow no more; so the common step only bumps its end.
    let mut stretch: Option<(usize, usize)> = None;
    // The next raw char still to be placed, as a char index and the byte
    // offset where it starts. Raw chars are only ever looked at from
    // `next` on, and `raw_index` rises with the body, so walking the raw
    // text once beats indexing a copy of it as chars.
    let (mut next, mut next_byte) = (0, 0);
    // Where the last look-ahead to a mapped raw char got to.
    let mut probe = RawCursor::default();
    // Body char `body_char` starts at body byte `at`.
    let (mut body_char, mut at) = (0, 0);
    while at < body.len() && body_char < raw_index.len() {
        // Most of the body is ASCII copied from the next raw char, in long
        // runs: each is the first case below, with nothing to decode or
        // look up, so a run is placed at once.
        let run = ascii_copy_run(
            &body_bytes[at..],
            &raw_bytes[next_byte..],
            &raw_index[body_char..],
            next,
        );
        if run > 0 {
            match &mut stretch {
                Some((_, end)) if *end == body_char => *end = body_char + run,
                _ => start_stretch(&mut pieces, &mut stretch, body_char, body_char + run),
            }
            (body_char, at) = (body_char + run, at + run);
            (next, next_byte) = (next + run, next_byte + run);
            continue;
        }
        let mapped = raw_index[body_char];
        let ch = body[at..].chars().next().expect("a char starts here");
        let this = body_char;
        (body_char, at) = (body_char + 1, at + ch.len_utf8());
        let (raw_at, raw_byte) =
            if mapped >= next && probe.char_at(raw, mapped, (next, next_byte)) == Some(ch) {
                (mapped, probe.byte)
            } else if raw[next_byte..].starts_with(ch) {
                (next, next_byte)
            } else {
                continue;
            };
        if raw_at > next {
            if let Some((start, end)) = stretch.take() {
                pieces.push(RawPiece::Body { start, end });
            }
            pieces.push(RawPiece::Removed(raw[next_byte..raw_byte].to_string()));
        }
        match &mut stretch {
            // Still the same stretch: it ends at this body char and
            // nothing was removed in between.
            Some((_, end)) if *end == this => *end = this + 1,
            _ => start_stretch(&mut pieces, &mut stretch, this, this + 1),
        }
        next = raw_at + 1;
        next_byte = raw_byte + ch.len_utf8();
    }
    if let Some((start, end)) = stretch {
        pieces.push(RawPiece::Body { start, end });
    }
    if next_byte < raw.len() {
        pieces.push(RawPiece::Removed(raw[next_byte..].to_string()));
    }
    pieces
}

/// Pushes the stretch being built, if any, and starts a new one: body
/// chars `start..end`.
fn start_stretch(
    pieces: &mut Vec<RawPiece>,
    stretch: &mut Option<(usize, usize)>,
    start: usize,
    end: usize,
) {
    if let Some((start, end)) = stretch.replace((start, end)) {
        pieces.push(RawPiece::Body { start, end });
    }
}

/// How many ASCII body chars from the start of `body` are copies of the
/// raw chars from `next` on: the same byte, mapped to the raw char index
/// one up each.
fn ascii_copy_run(body: &[u8], raw: &[u8], raw_index: &[usize], next: usize) -> usize {
    body.iter()
        .zip(raw)
        .zip(raw_index)
        .zip(next..)
        .take_while(|&(((&b, &r), &mapped), n)| b < 0x80 && b == r && mapped == n)
        .count()
}

/// A char index into the raw text with the byte offset it starts at.
#[derive(Default)]
struct RawCursor {
    idx: usize,
    byte: usize,
}

impl RawCursor {
    /// The raw char at char index `idx` (at or after `from`, the next raw
    /// char to place, given as char index and byte offset), or `None` past
    /// the end. Walks forward from wherever the cursor is, or from `from`
    /// when that is nearer or the cursor has passed `idx`.
    fn char_at(&mut self, raw: &str, idx: usize, from: (usize, usize)) -> Option<char> {
        if self.idx < from.0 || self.idx > idx {
            (self.idx, self.byte) = from;
        }
        while self.idx < idx {
            let c = raw[self.byte..].chars().next()?;
            self.byte += c.len_utf8();
            self.idx += 1;
        }
        raw[self.byte..].chars().next()
    }
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
