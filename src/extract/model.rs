//! The extractor's output: an article split into claims, each tied to the
//! source it rests on. These types are the contract between `extract` and
//! `store`; the database columns mirror them one to one.

use serde::Serialize;

/// What kind of statement a claim is (see the claims model, "Claim kinds").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    NonConfirmation,
    Denial,
    Condemnation,
    Intention,
    Assessment,
    Assertion,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::NonConfirmation,
        ClaimKind::Denial,
        ClaimKind::Condemnation,
        ClaimKind::Intention,
        ClaimKind::Assessment,
        ClaimKind::Assertion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::NonConfirmation => "non_confirmation",
            ClaimKind::Denial => "denial",
            ClaimKind::Condemnation => "condemnation",
            ClaimKind::Intention => "intention",
            ClaimKind::Assessment => "assessment",
            ClaimKind::Assertion => "assertion",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How the article renders the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The claim text is a quotation in quotation marks.
    Direct,
    /// Reported speech with a cue.
    Indirect,
    /// The article's own voice.
    None,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Direct => "direct",
            Mode::Indirect => "indirect",
            Mode::None => "none",
        }
    }
}

/// Who a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Person,
    Organization,
    Media,
    Anonymous,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organization => "organization",
            SourceKind::Media => "media",
            SourceKind::Anonymous => "anonymous",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        [
            SourceKind::Person,
            SourceKind::Organization,
            SourceKind::Media,
            SourceKind::Anonymous,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A party the article cites, local to one article. The store merges
/// parties across articles by name and by `merge_aliases`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The fullest name the article gives ("Ana Lindqvist").
    pub name: String,
    pub kind: SourceKind,
    /// Other specific names for the same party that are safe to identify it
    /// across articles: acronyms, shortened organisation names
    /// ("CSS" for "Coastal Security Service", "Nordwire" for "Nordwire
    /// News Agency").
    pub merge_aliases: Vec<String>,
    /// Names that only hold inside this article: surnames, "the ministry",
    /// pronoun-free descriptions ("South Korea's intelligence agency").
    pub local_aliases: Vec<String>,
}

/// A span of the cleaned body, with its offsets in the original text too.
/// Offsets count Unicode scalar values, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub raw_start: usize,
    pub raw_end: usize,
}

/// A counted or measured amount inside a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: Option<String>,
    pub approx: bool,
    /// The words as written ("about 1,500 troops").
    pub text: String,
}

/// One statement the article makes or reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The content without its attribution frame, as a span of the body.
    pub span: Mention,
    /// The whole sentence the claim comes from, as a span of the body.
    pub sentence: Mention,
    pub kind: ClaimKind,
    pub mode: Mode,
    /// The attribution cue as written ("said", "according to").
    pub cue: Option<String>,
    pub cue_mention: Option<Mention>,
    /// Index into `Document::sources`; `None` for the article's own voice.
    pub source: Option<usize>,
    pub source_mention: Option<Mention>,
    /// The chain, nearest to the source first, as indexes into `sources`.
    pub via: Vec<usize>,
    /// Role and affiliation the article gives the source in this claim.
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub quantities: Vec<Quantity>,
}

/// Article fields found in the text (headline, byline, dateline) or given
/// on the command line.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
}

/// Everything the extractor found in one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub meta: ArticleMeta,
    /// The cleaned body text that claim offsets point into.
    pub body: String,
    /// How the raw text is rebuilt from the body (see [`RawPiece`]).
    #[serde(skip)]
    pub raw_layout: Vec<RawPiece>,
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
}

/// One piece of the raw text, in order: a stretch of the body, or text that
/// cleaning removed (a junk line, the headline, a line break).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawPiece {
    /// Body chars `start..end` (Unicode scalar values), unchanged.
    Body {
        start: usize,
        end: usize,
    },
    Removed(String),
}
