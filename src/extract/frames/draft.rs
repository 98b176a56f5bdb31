//! What the patterns produce: a draft per claim, naming token ranges for
//! its content, cue and parties. Who the parties are is settled later
//! (`chains`, `mentions`, `parties`).

use crate::extract::model::{ClaimKind, Mode};
use crate::extract::span::Range;

/// One or two values kept inline. A draft's content has two parts, and
/// it has two quotations, only when a quotation is split by its frame;
/// a `Vec` for each cost two heap allocations per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpToTwo<T> {
    items: [T; 2],
    len: usize,
}

impl<T: Copy + Default> UpToTwo<T> {
    pub(super) fn one(a: T) -> UpToTwo<T> {
        UpToTwo {
            items: [a, T::default()],
            len: 1,
        }
    }

    pub(super) fn two(a: T, b: T) -> UpToTwo<T> {
        UpToTwo {
            items: [a, b],
            len: 2,
        }
    }

    pub(super) fn push(&mut self, x: T) {
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
    pub(super) fn speaker(region: Range) -> Layer {
        Layer {
            region,
            audience: false,
        }
    }

    /// A listener or outlet: "told reporters", "told the Courier".
    pub(super) fn audience(region: Range) -> Layer {
        Layer {
            region,
            audience: true,
        }
    }
}

impl Draft {
    /// Reported speech: `content` said by the layers' speaker, marked by
    /// the cue.
    pub(super) fn reported(
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

    pub(super) fn unattributed(span: Range) -> Draft {
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
