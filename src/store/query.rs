//! The questions the ledger exists to answer: which articles, which claims,
//! which sources, and what rests on whom.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};

use crate::extract::ClaimKind;
use unicode_normalization::UnicodeNormalization;

use super::Ledger;
use super::error::{Result, StoreError};
use super::table::{Cell, Table};

/// Filters for `claims list`; all of them must hold.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub article: Option<i64>,
    /// The party the claim rests on directly (see [`Ledger::find_party`]).
    pub source: Option<i64>,
    pub kind: Option<ClaimKind>,
    pub unattributed: bool,
    /// Words the claim text must contain (case-insensitive).
    pub search: Option<String>,
    pub limit: Option<u64>,
}

const CHAIN: &str = "CASE WHEN f.source IS NULL THEN NULL
                          WHEN f.via IS NULL THEN f.source
                          ELSE f.source || ' via ' || f.via END";

impl Ledger {
    pub fn articles(&self) -> Result<Table> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.path, a.title, a.outlet, a.published,
                    (SELECT count(*) FROM claim_rows c WHERE c.article_id = a.id) AS claims,
                    a.imported_at
             FROM article_rows a ORDER BY a.id",
        )?;
        Ok(Table::from_statement(&mut stmt, [])?)
    }

    /// Resolves what a user typed for an article: its id, its path as
    /// imported, a path suffix such as the file name, or its exact title.
    pub fn find_article(&self, reference: &str) -> Result<i64> {
        if let Ok(id) = reference.parse::<i64>() {
            let exists: Option<i64> = self
                .conn
                .query_row("SELECT id FROM article_rows WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(id) = exists {
                return Ok(id);
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT id FROM article_rows
             WHERE path = ?1 OR title = ?1
                OR substr(path, -length(?1) - 1) = '/' || ?1
             ORDER BY (path = ?1) DESC, id",
        )?;
        let ids = stmt
            .query_map([reference], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match ids.as_slice() {
            [] => Err(StoreError::NotFound {
                what: "article",
                name: reference.to_string(),
            }),
            [id] => Ok(*id),
            [first, ..] => {
                let exact: bool = self.conn.query_row(
                    "SELECT path = ?1 FROM article_rows WHERE id = ?2",
                    params![reference, first],
                    |r| r.get(0),
                )?;
                if exact {
                    Ok(*first)
                } else {
                    Err(StoreError::Refused(format!(
                        "{reference:?} fits {} articles (ids {}); give the id",
                        ids.len(),
                        ids.iter()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
        }
    }

    /// One article's fields, as a single-row table.
    pub fn article(&self, id: i64) -> Result<Table> {
        let mut stmt = self.conn.prepare(
            "SELECT id, path, title, outlet, byline, dateline, published, published_text, url,
                    encoding, imported_at, content_hash
             FROM article_rows WHERE id = ?1",
        )?;
        Ok(Table::from_statement(&mut stmt, [id])?)
    }

    /// The claims of one article in order, with source, chain and kind.
    pub fn article_claims(&self, id: i64) -> Result<Table> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.position, f.claim_id, f.source, {CHAIN} AS chain, f.kind, f.mode, f.cue, f.text
             FROM claims_flat f WHERE f.article_id = ?1 ORDER BY f.position"
        ))?;
        Ok(Table::from_statement(&mut stmt, [id])?)
    }

    pub fn list_claims(&self, filter: &ClaimFilter) -> Result<Table> {
        let mut sql = format!(
            "SELECT f.claim_id, f.article_id, f.position, f.source, {CHAIN} AS chain, f.kind, f.mode, f.text
             FROM claims_flat f JOIN claim_rows c ON c.id = f.claim_id WHERE 1"
        );
        let mut values: Vec<Value> = Vec::new();
        if let Some(article) = filter.article {
            sql.push_str(" AND c.article_id = ?");
            values.push(article.into());
        }
        if let Some(source) = filter.source {
            sql.push_str(" AND c.source_id = ?");
            values.push(source.into());
        }
        if let Some(kind) = filter.kind {
            sql.push_str(" AND c.kind = ?");
            values.push(kind.as_str().to_string().into());
        }
        if filter.unattributed {
            sql.push_str(" AND c.source_id IS NULL");
        }
        if let Some(search) = &filter.search {
            // SQLite's lower() folds ASCII letters only. That is enough for
            // words in ASCII, and fast (the one letter it misses, the Kelvin
            // sign, does not occur in news text); words with other letters
            // ("Élysée", "ŁÓDŹ", "ΚΟΣΜΟΣ") are compared after the fuller
            // folding of [`fold`] on both sides.
            let contains = if search.is_ascii() {
                "instr(lower({}), ?) > 0"
            } else {
                self.conn.create_scalar_function(
                    "claims_contains",
                    2,
                    FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
                    |ctx| {
                        let (Ok(text), Ok(words)) =
                            (ctx.get_raw(0).as_str(), ctx.get_raw(1).as_str())
                        else {
                            return Ok(false);
                        };
                        // Folded words with a letter beyond ASCII never
                        // occur in an all-ASCII text: no need to fold it.
                        if text.is_ascii() && !words.is_ascii() {
                            return Ok(false);
                        }
                        Ok(fold(text).contains(words))
                    },
                )?;
                "claims_contains({}, ?)"
            };
            // A claim's text is a stretch of its article's body, so only
            // articles whose body holds the words need their claims read:
            // one pass over the bodies instead of one substring per claim.
            sql.push_str(&format!(
                " AND c.article_id IN (SELECT id FROM article_rows WHERE {})
                  AND {}",
                contains.replace("{}", "body"),
                contains.replace("{}", "f.text"),
            ));
            let words = if search.is_ascii() {
                search.to_ascii_lowercase()
            } else {
                fold(search)
            };
            values.push(words.clone().into());
            values.push(words.into());
        }
        sql.push_str(" ORDER BY c.article_id, c.position");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            values.push((limit as i64).into());
        }
        let mut stmt = self.conn.prepare(&sql)?;
        Ok(Table::from_statement(&mut stmt, params_from_iter(values))?)
    }

    /// Every source with its aliases and how many claims it originates and
    /// relays.
    pub fn sources(&self) -> Result<Table> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.name, s.kind,
                    (SELECT group_concat(alias, '; ') FROM
                        (SELECT alias FROM source_aliases a WHERE a.source_id = s.id ORDER BY a.merges DESC, a.alias)) AS aliases,
                    (SELECT count(*) FROM claim_rows c WHERE c.source_id = s.id) AS originates,
                    (SELECT count(DISTINCT claim_id) FROM claim_via v WHERE v.source_id = s.id) AS relays
             FROM sources s ORDER BY originates + relays DESC, s.name",
        )?;
        Ok(Table::from_statement(&mut stmt, [])?)
    }

    /// The claims that rest on a party, directly (depth 0) or through a
    /// chain (depth 1..), each with its whole chain spelled out. The party
    /// comes from [`Ledger::find_party`].
    pub fn rests_on(&self, source_id: i64) -> Result<Table> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT f.claim_id, f.article_id, cs.depth, {CHAIN} AS chain, f.kind, f.text
             FROM claim_sources cs JOIN claims_flat f ON f.claim_id = cs.claim_id
             WHERE cs.source_id = ?1
             ORDER BY f.article_id, f.position"
        ))?;
        Ok(Table::from_statement(&mut stmt, [source_id])?)
    }

    /// The tables and views with their columns, for people writing SQL.
    pub fn schema(&self) -> Result<Table> {
        let mut stmt = self.conn.prepare(
            "SELECT m.name AS object, m.type AS type, p.cid + 1 AS position, p.name AS column,
                    p.type AS declared_type, p.pk > 0 AS primary_key
             FROM sqlite_schema m JOIN pragma_table_info(m.name) p
             WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'
             ORDER BY m.type, m.name, p.cid",
        )?;
        Ok(Table::from_statement(&mut stmt, [])?)
    }

    /// Counts for a summary line: articles, claims, sources.
    pub fn totals(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM article_rows), (SELECT count(*) FROM claim_rows),
                    (SELECT count(*) FROM sources)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// The column names of `claims_flat`.
    pub fn flat_columns(&self) -> Result<Vec<String>> {
        let stmt = self.conn.prepare("SELECT * FROM claims_flat LIMIT 0")?;
        Ok(stmt.column_names().map(|c| c.to_string()).collect())
    }

    /// The whole `claims_flat` view, row by row, for the CSV export: the
    /// column names and each row's cells (one buffer, refilled per row).
    pub fn for_each_flat_claim(
        &self,
        mut each: impl FnMut(&[String], &[Cell]) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT * FROM claims_flat ORDER BY article_id, position")?;
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let mut cells = Vec::with_capacity(columns.len());
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            cells.clear();
            for i in 0..columns.len() {
                cells.push(Cell::from(row.get_ref(i)?));
            }
            each(&columns, &cells)?;
        }
        Ok(())
    }
}

/// Text folded for a search that ignores case: composed (NFC, so "é"
/// typed as one character or as "e" and an accent are the same), lowercase,
/// and with the Greek final sigma as a plain one, so "ΚΟΣ" finds "κοσμος"
/// and "κος" alike.
fn fold(text: &str) -> String {
    text.nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}
