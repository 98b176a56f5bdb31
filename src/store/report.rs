//! One article with everything an annotated page needs: its cleaned body
//! and each claim's offsets, source, chain and quantities. Read in one go
//! per article, since a page is built whole, and in time linear in the
//! article: the body is read once and each claim's text cut from it here
//! (the `claims` view cuts it in SQL, which reads the whole body again and
//! counts characters from its start for every claim: a 2 MB article took
//! half a minute).

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::Ledger;
use super::error::{Result, StoreError};
use super::text::CharIndex;
use crate::extract::{ClaimKind, Mode, SourceKind};

/// A party as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSource {
    pub id: i64,
    pub name: String,
    pub kind: SourceKind,
}

#[derive(Debug, Clone)]
pub struct ReportClaim {
    pub id: i64,
    pub position: i64,
    /// Offsets into the body in Unicode scalar values, end exclusive.
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub kind: ClaimKind,
    pub mode: Mode,
    pub cue: Option<String>,
    /// `None`: the article's own voice.
    pub source: Option<ReportSource>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// Nearest to the source first.
    pub via: Vec<ReportSource>,
    /// As written in the article.
    pub quantities: Vec<String>,
    /// The other articles that carry the same statement (its cluster).
    pub elsewhere: Elsewhere,
}

/// How widely a claim's statement is carried beyond its own article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Elsewhere {
    /// Other articles with a claim in the same cluster.
    pub articles: i64,
    /// The parties those reports originally rest on (after alias merging;
    /// an outlet for a claim in its own voice), by name.
    pub rests_on: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ReportArticle {
    pub id: i64,
    pub path: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub body: String,
    /// In reading order.
    pub claims: Vec<ReportClaim>,
}

impl Ledger {
    /// The article `id` with its claims, or `NotFound`.
    pub fn report_article(&self, id: i64) -> Result<ReportArticle> {
        let mut article = self
            .conn
            .query_row(
                "SELECT id, path, title, outlet, byline, dateline, published, url, body
                 FROM article_rows WHERE id = ?1",
                [id],
                |r| {
                    Ok(ReportArticle {
                        id: r.get(0)?,
                        path: r.get(1)?,
                        title: r.get(2)?,
                        outlet: r.get(3)?,
                        byline: r.get(4)?,
                        dateline: r.get(5)?,
                        published: r.get(6)?,
                        url: r.get(7)?,
                        body: r.get(8)?,
                        claims: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                name: id.to_string(),
            })?;

        let mut via: HashMap<i64, Vec<ReportSource>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT v.claim_id, s.id, s.name, s.kind
             FROM claim_via v JOIN claim_rows c ON c.id = v.claim_id JOIN sources s ON s.id = v.source_id
             WHERE c.article_id = ?1 ORDER BY v.claim_id, v.depth",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            via.entry(r.get(0)?).or_default().push(ReportSource {
                id: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
            });
        }

        let mut quantities: HashMap<i64, Vec<String>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT q.claim_id, q.text FROM quantities q JOIN claim_rows c ON c.id = q.claim_id
             WHERE c.article_id = ?1 ORDER BY q.claim_id, q.position",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            quantities.entry(r.get(0)?).or_default().push(r.get(1)?);
        }

        // For each claim, the other articles its cluster reaches, and the
        // parties their reports rest on.
        let mut elsewhere: HashMap<i64, Elsewhere> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "WITH mine AS (
                 SELECT id AS claim_id, coalesce(cluster_id, id) AS cluster_id
                 FROM claim_rows WHERE article_id = ?1),
             others AS (
                 SELECT mine.claim_id, o.id AS other
                 FROM mine JOIN claim_rows o ON o.id = mine.cluster_id
                 UNION
                 SELECT mine.claim_id, j.claim_id
                 FROM mine JOIN cluster_joins j ON j.cluster_id = mine.cluster_id)
             SELECT others.claim_id, c.article_id, co.origin_name
             FROM others
             JOIN claim_rows c ON c.id = others.other AND c.article_id <> ?1
             JOIN claim_origins co ON co.claim_id = c.id
             ORDER BY others.claim_id, co.origin_name",
        )?;
        let mut rows = stmt.query([id])?;
        let mut seen: HashMap<i64, Vec<i64>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let (claim, other_article, origin): (i64, i64, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            let entry = elsewhere.entry(claim).or_default();
            let articles = seen.entry(claim).or_default();
            if !articles.contains(&other_article) {
                articles.push(other_article);
                entry.articles += 1;
            }
            if !entry.rests_on.contains(&origin) {
                entry.rests_on.push(origin);
            }
        }

        let body = CharIndex::new(&article.body);
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.position, c.body_start, c.body_end, c.kind, c.mode, c.cue_start,
                    c.cue_end, s.id, s.name, s.kind, c.role, c.affiliation
             FROM claim_rows c LEFT JOIN sources s ON s.id = c.source_id
             WHERE c.article_id = ?1 ORDER BY c.position",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            let claim_id: i64 = r.get(0)?;
            let (start, end): (i64, i64) = (r.get(2)?, r.get(3)?);
            let cue = match (r.get::<_, Option<i64>>(6)?, r.get::<_, Option<i64>>(7)?) {
                (Some(from), Some(to)) => Some(body.slice(from, to).to_string()),
                _ => None,
            };
            let source = match r.get::<_, Option<i64>>(8)? {
                Some(source_id) => Some(ReportSource {
                    id: source_id,
                    name: r.get(9)?,
                    kind: r.get(10)?,
                }),
                None => None,
            };
            article.claims.push(ReportClaim {
                id: claim_id,
                position: r.get(1)?,
                start,
                end,
                text: body.slice(start, end).to_string(),
                kind: r.get(4)?,
                mode: r.get(5)?,
                cue,
                source,
                role: r.get(11)?,
                affiliation: r.get(12)?,
                via: via.remove(&claim_id).unwrap_or_default(),
                quantities: quantities.remove(&claim_id).unwrap_or_default(),
                elsewhere: elsewhere.remove(&claim_id).unwrap_or_default(),
            });
        }
        Ok(article)
    }

    /// Every article id, in import order.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM article_rows ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_comes_with_its_claims_chains_and_quantities_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("t.db")).unwrap();
        ledger
            .conn
            .execute_batch(
                "INSERT INTO article_rows (id, path, title, imported_at, content_hash, raw_text, body)
                 VALUES (1, 'a.txt', 'T', 'now', 'h', 'raw', 'Body text.');
                 INSERT INTO sources (id, name, kind, norm) VALUES
                   (1, 'Agency', 'organization', 'agency'), (2, 'Wire', 'media', 'wire'),
                   (3, 'Radio', 'media', 'radio');
                 INSERT INTO claim_rows (id, article_id, position, body_start, body_end, raw_start,
                                         raw_end, sentence_start, sentence_end, kind, mode,
                                         cue_start, cue_end, source_id, role) VALUES
                   (7, 1, 2, 5, 9, 5, 9, 0, 10, 'denial', 'direct', NULL, NULL, NULL, NULL),
                   (6, 1, 1, 0, 4, 0, 4, 0, 10, 'assertion', 'indirect', 5, 9, 1, 'spokesman');
                 INSERT INTO claim_via (claim_id, depth, source_id) VALUES (6, 2, 3), (6, 1, 2);
                 INSERT INTO quantities (claim_id, position, value, unit, approx, text) VALUES
                   (6, 2, 2, NULL, 0, 'two'), (6, 1, 1, NULL, 0, 'one');",
            )
            .unwrap();
        let article = ledger.report_article(1).unwrap();
        assert_eq!(article.body, "Body text.");
        let ids: Vec<i64> = article.claims.iter().map(|c| c.id).collect();
        assert_eq!(ids, [6, 7], "reading order, not id order");
        let first = &article.claims[0];
        assert_eq!(first.source.as_ref().unwrap().name, "Agency");
        assert_eq!(first.role.as_deref(), Some("spokesman"));
        let chain: Vec<&str> = first.via.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(chain, ["Wire", "Radio"], "nearest to the source first");
        assert_eq!(first.quantities, ["one", "two"]);
        assert!(article.claims[1].source.is_none());
        assert!(matches!(
            ledger.report_article(2),
            Err(StoreError::NotFound { .. })
        ));
    }
}
