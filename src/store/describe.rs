//! Plain-words descriptions of every table, view and column of the ledger,
//! for tools that show the database as it is (Datasette's metadata.json,
//! `claims datasette-metadata`). Kept beside the schema so a migration that
//! adds a column without saying what it holds fails a test here.

/// One table or view with what it holds and what each column means.
pub struct ObjectDoc {
    pub name: &'static str,
    pub description: &'static str,
    /// The column that names a row, for tools that show foreign keys by
    /// name rather than by number.
    pub label_column: Option<&'static str>,
    pub columns: &'static [(&'static str, &'static str)],
}

const CLAIM_OFFSETS: [(&str, &str); 4] = [
    (
        "body_start",
        "Where the claim starts in the article's cleaned body, in characters (Unicode scalar values) from 0",
    ),
    (
        "body_end",
        "Where the claim ends in the cleaned body, in characters, end exclusive",
    ),
    (
        "raw_start",
        "Where the claim starts in the article's text as imported, in characters",
    ),
    (
        "raw_end",
        "Where the claim ends in the text as imported, in characters, end exclusive",
    ),
];

const SENTENCE_OFFSETS: [(&str, &str); 2] = [
    (
        "sentence_start",
        "Where the claim's sentence starts in the cleaned body, in characters",
    ),
    (
        "sentence_end",
        "Where the claim's sentence ends in the cleaned body, in characters, end exclusive",
    ),
];

pub const OBJECTS: &[ObjectDoc] = &[
    ObjectDoc {
        name: "articles",
        description: "One row per imported article: its metadata, the text as imported and the cleaned body the claims point into.",
        label_column: Some("title"),
        columns: &[
            ("id", "Article number, as the other commands take it"),
            (
                "path",
                "The file the article was imported from; '-' for standard input",
            ),
            ("url", "The article's canonical web address, where known"),
            ("title", "Headline"),
            ("outlet", "The publication that ran it"),
            ("byline", "Who wrote it, as printed"),
            ("dateline", "Where it was filed from, as printed"),
            (
                "published",
                "Publication date as YYYY-MM-DD (the day the article gives, in its own time zone); NULL when no full date is known",
            ),
            ("imported_at", "When it was imported, UTC, ISO 8601"),
            (
                "content_hash",
                "BLAKE3 hash of the bytes as read; importing the same bytes again is a no-op",
            ),
            ("raw_text", "The text as imported, decoded to UTF-8"),
            (
                "body",
                "The cleaned body text; claim offsets count characters into it",
            ),
            (
                "encoding",
                "The character encoding the raw text was decoded from",
            ),
            (
                "published_text",
                "The publication date as the article or the importer gave it (\"Oct. 23, 2024\", \"Oct. 23\"), which published reads",
            ),
        ],
    },
    ObjectDoc {
        name: "sources",
        description: "Every party a claim rests on or travels through, merged across articles by name and alias.",
        label_column: Some("name"),
        columns: &[
            ("id", "Source number"),
            ("name", "The fullest name any article gave"),
            ("kind", "person, organization, media or anonymous"),
            (
                "norm",
                "Lower-cased, quote-folded name used to merge mentions of the same party",
            ),
        ],
    },
    ObjectDoc {
        name: "source_aliases",
        description: "Other names a source goes by: acronyms, short names, surnames.",
        label_column: Some("alias"),
        columns: &[
            ("source_id", "The source this alias names (sources.id)"),
            ("alias", "The name as written"),
            ("norm", "Lower-cased, quote-folded alias used for matching"),
            (
                "merges",
                "1 if the alias identifies the party in any article (an acronym); 0 if it only held inside one article (a surname)",
            ),
        ],
    },
    ObjectDoc {
        name: "claims",
        description: "One row per claim: a statement an article makes or reports, tied to the source it rests on.",
        label_column: Some("text"),
        columns: &[
            ("id", "Claim number"),
            ("article_id", "The article the claim is in (articles.id)"),
            ("position", "Order within the article, from 1"),
            ("text", "What is claimed, without its attribution frame"),
            ("sentence", "The whole sentence the claim comes from"),
            CLAIM_OFFSETS[0],
            CLAIM_OFFSETS[1],
            CLAIM_OFFSETS[2],
            CLAIM_OFFSETS[3],
            (
                "kind",
                "non_confirmation, denial, condemnation, intention, assessment or assertion",
            ),
            (
                "mode",
                "direct (a quotation), indirect (reported speech) or none (the article's own voice)",
            ),
            (
                "cue",
                "The attribution verb or phrase as written: said, according to",
            ),
            (
                "source_id",
                "The source the claim rests on (sources.id); empty for the article's own voice",
            ),
            ("role", "The role the article gives the source here"),
            (
                "affiliation",
                "The body the article ties the source to here",
            ),
            SENTENCE_OFFSETS[0],
            SENTENCE_OFFSETS[1],
        ],
    },
    ObjectDoc {
        name: "article_rows",
        description: "The stored articles behind the articles view: the body in full, the raw text as the body plus what cleaning removed.",
        label_column: Some("title"),
        columns: &[
            ("id", "Article number (articles.id)"),
            ("path", "As in articles"),
            ("url", "As in articles"),
            ("title", "As in articles"),
            ("outlet", "As in articles"),
            ("byline", "As in articles"),
            ("dateline", "As in articles"),
            ("published", "As in articles"),
            ("imported_at", "As in articles"),
            ("content_hash", "As in articles"),
            ("encoding", "As in articles"),
            ("body", "The cleaned body text"),
            (
                "raw_layout",
                "How the raw text is rebuilt: a JSON array of [start, end] stretches of the body and strings cleaning removed; empty when raw_text holds it",
            ),
            (
                "raw_text",
                "The raw text itself, for articles stored before layouts or whose layout would not rebuild it",
            ),
            ("published_text", "As in articles"),
            (
                "cluster_names",
                "The names the article is most about, as 32-bit hashes (little-endian): two claims are one statement only when their articles share one",
            ),
        ],
    },
    ObjectDoc {
        name: "claim_rows",
        description: "The stored claims behind the claims and claim_mentions views: offsets into the body instead of copies of the text.",
        label_column: None,
        columns: &[
            ("id", "Claim number (claims.id)"),
            ("article_id", "The article (article_rows.id)"),
            ("position", "Order within the article, from 1"),
            CLAIM_OFFSETS[0],
            CLAIM_OFFSETS[1],
            CLAIM_OFFSETS[2],
            CLAIM_OFFSETS[3],
            SENTENCE_OFFSETS[0],
            SENTENCE_OFFSETS[1],
            ("kind", "As in claims"),
            ("mode", "As in claims"),
            ("source_id", "As in claims"),
            ("role", "As in claims"),
            ("affiliation", "As in claims"),
            (
                "source_start",
                "Where the source is named in the body, in characters; empty when it is not named",
            ),
            (
                "source_end",
                "End of the source's name in the body, exclusive",
            ),
            (
                "source_raw_start",
                "Where the source is named in the raw text",
            ),
            (
                "source_raw_end",
                "End of the source's name in the raw text, exclusive",
            ),
            (
                "cue_start",
                "Where the cue is in the body, in characters; empty for the article's own voice",
            ),
            ("cue_end", "End of the cue in the body, exclusive"),
            ("cue_raw_start", "Where the cue is in the raw text"),
            ("cue_raw_end", "End of the cue in the raw text, exclusive"),
            (
                "cluster_id",
                "The cluster the claim joined (the id of its first claim); NULL for a claim whose cluster is its own id",
            ),
        ],
    },
    ObjectDoc {
        name: "claim_mentions",
        description: "Where in the text a claim's source and its cue are named.",
        label_column: None,
        columns: &[
            ("claim_id", "The claim (claims.id)"),
            (
                "role",
                "source (the name of the party) or cue (the attribution verb)",
            ),
            ("text", "The words as written"),
            ("body_start", "Start in the cleaned body, in characters"),
            (
                "body_end",
                "End in the cleaned body, in characters, exclusive",
            ),
            ("raw_start", "Start in the text as imported, in characters"),
            (
                "raw_end",
                "End in the text as imported, in characters, exclusive",
            ),
        ],
    },
    ObjectDoc {
        name: "claim_via",
        description: "The chain a claim travelled through before it reached the article, nearest to the source first.",
        label_column: None,
        columns: &[
            ("claim_id", "The claim (claims.id)"),
            (
                "depth",
                "1 for the party that heard it from the source, 2 for the next, …",
            ),
            ("source_id", "The relaying party (sources.id)"),
        ],
    },
    ObjectDoc {
        name: "quantities",
        description: "Counted or measured amounts stated in a claim.",
        label_column: Some("text"),
        columns: &[
            ("claim_id", "The claim (claims.id)"),
            ("position", "Order within the claim, from 1"),
            ("value", "The amount as a number"),
            ("unit", "What is counted or measured, where stated"),
            ("approx", "1 if hedged: about, nearly, more than"),
            ("text", "The words as written: about 1,500 troops"),
        ],
    },
    ObjectDoc {
        name: "claim_sources",
        description: "Every (claim, source) pair: depth 0 for the source a claim rests on, 1 and up for the links of its chain. Filter by source to see everything resting on it.",
        label_column: None,
        columns: &[
            ("claim_id", "The claim (claims.id)"),
            ("article_id", "The article the claim is in (articles.id)"),
            (
                "depth",
                "0: the claim rests on this source; 1 and up: the source relayed it",
            ),
            ("source_id", "The source (sources.id)"),
            ("source", "The source's name"),
            ("source_kind", "person, organization, media or anonymous"),
        ],
    },
    ObjectDoc {
        name: "claims_flat",
        description: "One row per claim with its article, source and chain spelled out: what claims export --format csv writes.",
        label_column: Some("text"),
        columns: &[
            ("claim_id", "Claim number (claims.id)"),
            ("article_id", "Article number (articles.id)"),
            ("article_path", "The file the article was imported from"),
            ("article_title", "The article's headline"),
            ("outlet", "The publication that ran the article"),
            (
                "published",
                "Publication date as YYYY-MM-DD, as in articles",
            ),
            ("position", "Order within the article, from 1"),
            ("text", "What is claimed, without its attribution frame"),
            (
                "kind",
                "non_confirmation, denial, condemnation, intention, assessment or assertion",
            ),
            (
                "mode",
                "direct (a quotation), indirect (reported speech) or none (the article's own voice)",
            ),
            ("cue", "The attribution verb or phrase as written"),
            (
                "source",
                "Who the claim rests on; empty for the article's own voice",
            ),
            ("source_kind", "person, organization, media or anonymous"),
            ("role", "The role the article gives the source here"),
            (
                "affiliation",
                "The body the article ties the source to here",
            ),
            (
                "via",
                "The chain it travelled through, nearest to the source first, joined by ' via '",
            ),
            ("quantities", "Amounts stated in the claim, joined by '; '"),
            ("sentence", "The whole sentence the claim comes from"),
            CLAIM_OFFSETS[0],
            CLAIM_OFFSETS[1],
            CLAIM_OFFSETS[2],
            CLAIM_OFFSETS[3],
        ],
    },
    ObjectDoc {
        name: "cluster_members",
        description: "Which cluster each claim belongs to: claims that state the same thing in different articles (wire copy rewritten, the same figure reworded, the same quotation) share one. A claim alone has its own.",
        label_column: None,
        columns: &[
            ("claim_id", "The claim (claims.id)"),
            (
                "cluster_id",
                "The cluster: the id of its first claim (claim_clusters.cluster_id)",
            ),
        ],
    },
    ObjectDoc {
        name: "cluster_keys",
        description: "How later claims find a cluster when they are imported: 32-bit keys of its first claim's words (MinHash bands) and largest figure. Hints: a cluster that lost all its claims keeps its keys until an import meets them.",
        label_column: None,
        columns: &[
            ("key", "The key"),
            (
                "cluster_id",
                "The cluster it finds (claim_clusters.cluster_id)",
            ),
        ],
    },
    ObjectDoc {
        name: "cluster_joins",
        description: "The claims that joined each cluster (its first claim, whose id the cluster takes, is not listed): how a cluster's members are found. Holds the same as claim_rows.cluster_id, which claims check verifies.",
        label_column: None,
        columns: &[
            ("cluster_id", "The cluster (claim_clusters.cluster_id)"),
            ("claim_id", "A claim that joined it (claims.id)"),
        ],
    },
    ObjectDoc {
        name: "cluster_conflicts",
        description: "Clusters that say the same about the same thing as an earlier cluster with a different figure.",
        label_column: None,
        columns: &[
            ("cluster_id", "The cluster (claim_clusters.cluster_id)"),
            (
                "conflicts_with",
                "The earlier cluster (claim_clusters.cluster_id)",
            ),
        ],
    },
    ObjectDoc {
        name: "claim_clusters",
        description: "One row per cluster of claims that state the same thing: its first claim's text, how many claims, articles and outlets carry it, how many independent parties it rests on, and when it was first seen.",
        label_column: Some("text"),
        columns: &[
            ("cluster_id", "Cluster number (cluster_members.cluster_id)"),
            ("first_claim", "The cluster's first claim (claims.id)"),
            ("text", "The text of its first claim"),
            ("claims", "Claims in the cluster"),
            ("articles", "Articles that carry it"),
            (
                "outlets",
                "Distinct outlets among those articles (articles with no outlet not counted)",
            ),
            (
                "independent_sources",
                "Distinct parties the reports originally rest on: the depth-0 source after alias merging, or for a claim in the article's own voice the outlet",
            ),
            ("sources", "Those parties' names, joined by '; '"),
            (
                "first_seen",
                "The earliest publication date among its articles (import time where an article has none)",
            ),
        ],
    },
    ObjectDoc {
        name: "claim_origins",
        description: "The party each claim originally rests on: its source (depth 0), or for a claim in the article's own voice the outlet that published it (the ledger source of that name where there is one), or the article itself when the outlet is unknown.",
        label_column: Some("origin_name"),
        columns: &[
            ("claim_id", "The claim (claims.id)"),
            ("article_id", "The article the claim is in (articles.id)"),
            (
                "source_id",
                "The ledger source it rests on, where there is one (sources.id)",
            ),
            (
                "origin",
                "A key naming the party: 'source N', 'outlet NAME' or 'article N'",
            ),
            ("origin_name", "The party's name as shown"),
        ],
    },
    ObjectDoc {
        name: "article_dates",
        description: "When each article was first seen: its publication date (articles.published) where it has one, else the time it was imported.",
        label_column: None,
        columns: &[
            ("article_id", "The article (articles.id)"),
            ("seen", "YYYY-MM-DD publication date, or the import time"),
            (
                "published",
                "1 when `seen` is a publication date, 0 when the import time",
            ),
        ],
    },
];

/// The description of table or view `name`, if the ledger documents it.
pub fn object_doc(name: &str) -> Option<&'static ObjectDoc> {
    OBJECTS.iter().find(|o| o.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Cell, Ledger};

    /// Every column of every table and view the migrations create has a
    /// description, and no description names a column that is gone.
    #[test]
    fn every_column_of_the_schema_is_described() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("t.db")).unwrap();
        let schema = ledger.schema().unwrap();
        let object = schema.columns.iter().position(|c| c == "object").unwrap();
        let column = schema.columns.iter().position(|c| c == "column").unwrap();
        let mut seen = Vec::new();
        for row in &schema.rows {
            let (Cell::Text(o), Cell::Text(c)) = (&row[object], &row[column]) else {
                panic!("schema row {row:?}");
            };
            let doc = object_doc(o).unwrap_or_else(|| panic!("{o} is not described"));
            assert!(
                doc.columns.iter().any(|(name, _)| name == c),
                "{o}.{c} is not described"
            );
            seen.push((o.clone(), c.to_string()));
        }
        for doc in OBJECTS {
            for (c, text) in doc.columns {
                assert!(!text.is_empty());
                assert!(
                    seen.iter().any(|(o, col)| o == doc.name && col == c),
                    "{}.{c} is described but not in the schema",
                    doc.name
                );
            }
        }
    }
}
