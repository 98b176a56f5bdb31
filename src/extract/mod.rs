//! Text in, claims out: cleaning, sentence splitting, attribution, sources,
//! kinds and quantities. Knows nothing of the database or the CLI.

pub mod html;
mod lexicon;
mod model;

pub use lexicon::{Lexicon, LexiconError};
pub use model::*;

/// Extracts the claims of one plain-text article.
///
/// `raw` is the text exactly as imported; every offset in the result is in
/// Unicode scalar values, into `Document::body` (`start`/`end`) and into
/// `raw` (`raw_start`/`raw_end`).
pub fn extract(raw: &str, lexicon: &Lexicon) -> Document {
    let _ = lexicon;
    // Placeholder until the real pipeline lands: every non-empty line is an
    // unattributed claim.
    let body = raw.to_string();
    let mut claims = Vec::new();
    let mut pos = 0;
    for line in raw.split('\n') {
        let n = line.chars().count();
        let text = line.trim();
        if !text.is_empty() {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            let len = text.chars().count();
            let span = Mention {
                text: text.to_string(),
                start: pos + lead,
                end: pos + lead + len,
                raw_start: pos + lead,
                raw_end: pos + lead + len,
            };
            claims.push(Claim {
                span,
                sentence: text.to_string(),
                kind: ClaimKind::Assertion,
                mode: Mode::None,
                cue: None,
                cue_mention: None,
                source: None,
                source_mention: None,
                via: Vec::new(),
                role: None,
                affiliation: None,
                quantities: Vec::new(),
            });
        }
        pos += n + 1;
    }
    Document {
        meta: ArticleMeta::default(),
        body,
        sources: Vec::new(),
        claims,
    }
}
