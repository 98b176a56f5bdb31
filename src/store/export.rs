//! The claims table as nested records (the JSON Lines contract), streamed
//! in article order so a million claims never sit in memory at once.

use std::collections::HashMap;

use serde::Serialize;

use super::Ledger;
use super::error::Result;
use crate::extract::{ClaimKind, Mode, SourceKind};

#[derive(Debug, Clone, Serialize)]
pub struct ExportArticle {
    pub id: i64,
    pub path: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportSource {
    pub id: i64,
    pub name: String,
    pub kind: SourceKind,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportQuantity {
    pub value: f64,
    pub unit: Option<String>,
    pub approx: bool,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportMention {
    pub text: String,
    pub start: i64,
    pub end: i64,
    pub raw_start: i64,
    pub raw_end: i64,
    /// Of a source mention: whether it lies outside the claim's sentence,
    /// where the quotation the claim continues was introduced ("A," he
    /// said. "B." gives B the mention "he").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherited: Option<bool>,
}

/// One claim as `claims export --format json|jsonl` writes it.
#[derive(Debug, Clone, Serialize)]
pub struct ExportClaim {
    pub id: i64,
    /// The cluster of claims stating the same thing in other articles: the
    /// id of its first claim (a claim alone has its own).
    pub cluster: i64,
    pub article: ExportArticle,
    pub position: i64,
    pub text: String,
    pub sentence: String,
    pub start: i64,
    pub end: i64,
    pub raw_start: i64,
    pub raw_end: i64,
    pub kind: ClaimKind,
    pub mode: Mode,
    pub cue: Option<String>,
    pub source: Option<ExportSource>,
    pub via: Vec<ExportSource>,
    pub quantities: Vec<ExportQuantity>,
    pub source_mention: Option<ExportMention>,
    pub cue_mention: Option<ExportMention>,
}

struct SourceRow {
    name: String,
    kind: SourceKind,
    aliases: Vec<String>,
}

impl Ledger {
    /// Calls `each` once per claim, in article and position order.
    pub fn for_each_export_claim(
        &self,
        mut each: impl FnMut(ExportClaim) -> Result<()>,
    ) -> Result<()> {
        // Sources are few next to claims: load them once.
        let mut sources: HashMap<i64, SourceRow> = HashMap::new();
        {
            let mut stmt = self.conn.prepare("SELECT id, name, kind FROM sources")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                sources.insert(
                    r.get(0)?,
                    SourceRow {
                        name: r.get(1)?,
                        kind: r.get(2)?,
                        aliases: Vec::new(),
                    },
                );
            }
            let mut stmt = self.conn.prepare(
                "SELECT source_id, alias FROM source_aliases ORDER BY source_id, merges DESC, alias",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                if let Some(s) = sources.get_mut(&r.get::<_, i64>(0)?) {
                    s.aliases.push(r.get(1)?);
                }
            }
        }
        let source_object = |id: i64, role: Option<String>, affiliation: Option<String>| {
            sources.get(&id).map(|s| ExportSource {
                id,
                name: s.name.clone(),
                kind: s.kind,
                role,
                affiliation,
                aliases: s.aliases.clone(),
            })
        };

        // The child tables are walked in the same claim order as the claims
        // themselves, so each claim picks up its rows without a lookup.
        let mut via_stmt = self.conn.prepare(
            "SELECT v.claim_id, v.source_id FROM claim_via v JOIN claim_rows c ON c.id = v.claim_id
             ORDER BY c.article_id, c.position, v.depth",
        )?;
        let mut via_rows = ChildRows::new(via_stmt.query([])?, |r| Ok((r.get(0)?, r.get(1)?)));
        let mut q_stmt = self.conn.prepare(
            "SELECT q.claim_id, q.value, q.unit, q.approx, q.text FROM quantities q
             JOIN claim_rows c ON c.id = q.claim_id ORDER BY c.article_id, c.position, q.position",
        )?;
        let mut q_rows = ChildRows::new(q_stmt.query([])?, |q| {
            Ok((
                q.get(0)?,
                ExportQuantity {
                    value: q.get(1)?,
                    unit: q.get(2)?,
                    approx: q.get(3)?,
                    text: q.get(4)?,
                },
            ))
        });
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.article_id, a.path, a.title, a.outlet, a.url, a.published,
                    c.position, substr(a.body, c.body_start + 1, c.body_end - c.body_start),
                    substr(a.body, c.sentence_start + 1, c.sentence_end - c.sentence_start),
                    c.body_start, c.body_end, c.raw_start, c.raw_end,
                    c.kind, c.mode, substr(a.body, c.cue_start + 1, c.cue_end - c.cue_start),
                    c.source_id, c.role, c.affiliation,
                    substr(a.body, c.source_start + 1, c.source_end - c.source_start),
                    c.source_start, c.source_end, c.source_raw_start, c.source_raw_end,
                    c.cue_start, c.cue_end, c.cue_raw_start, c.cue_raw_end,
                    c.source_start < c.sentence_start OR c.source_end > c.sentence_end,
                    coalesce(c.cluster_id, c.id)
             FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
             ORDER BY c.article_id, c.position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let via = via_rows
                .take(id)?
                .into_iter()
                .filter_map(|s| source_object(s, None, None))
                .collect();
            let quantities = q_rows.take(id)?;
            let cue: Option<String> = r.get(16)?;
            let mention = |text: Option<String>, at: usize| -> rusqlite::Result<_> {
                Ok(match (text, r.get::<_, Option<i64>>(at)?) {
                    (Some(text), Some(start)) => Some(ExportMention {
                        text,
                        start,
                        end: r.get(at + 1)?,
                        raw_start: r.get(at + 2)?,
                        raw_end: r.get(at + 3)?,
                        inherited: None,
                    }),
                    _ => None,
                })
            };
            let source_mention = mention(r.get(20)?, 21)?.map(|m| ExportMention {
                inherited: Some(r.get::<_, Option<bool>>(29).ok().flatten().unwrap_or(false)),
                ..m
            });
            let cue_mention = mention(cue.clone(), 25)?;
            let source_id: Option<i64> = r.get(17)?;
            let claim = ExportClaim {
                id,
                cluster: r.get(30)?,
                article: ExportArticle {
                    id: r.get(1)?,
                    path: r.get(2)?,
                    title: r.get(3)?,
                    outlet: r.get(4)?,
                    url: r.get(5)?,
                    published: r.get(6)?,
                },
                position: r.get(7)?,
                text: r.get(8)?,
                sentence: r.get(9)?,
                start: r.get(10)?,
                end: r.get(11)?,
                raw_start: r.get(12)?,
                raw_end: r.get(13)?,
                kind: r.get(14)?,
                mode: r.get(15)?,
                cue,
                source: source_id.and_then(|s| source_object(s, r.get(18).ok()?, r.get(19).ok()?)),
                via,
                quantities,
                source_mention,
                cue_mention,
            };
            each(claim)?;
        }
        Ok(())
    }
}

/// Rows of a child table ordered like the claims, consumed one claim at a
/// time.
struct ChildRows<'s, T> {
    rows: rusqlite::Rows<'s>,
    map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<(i64, T)>,
    pending: Option<(i64, T)>,
}

impl<'s, T> ChildRows<'s, T> {
    fn new(
        rows: rusqlite::Rows<'s>,
        map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<(i64, T)>,
    ) -> Self {
        ChildRows {
            rows,
            map,
            pending: None,
        }
    }

    /// The rows of claim `claim_id`; empty when it has none.
    fn take(&mut self, claim_id: i64) -> rusqlite::Result<Vec<T>> {
        let mut out = Vec::new();
        loop {
            if self.pending.is_none() {
                self.pending = match self.rows.next()? {
                    Some(r) => Some((self.map)(r)?),
                    None => None,
                };
            }
            match self.pending.take() {
                Some((claim, value)) if claim == claim_id => out.push(value),
                other => {
                    self.pending = other;
                    return Ok(out);
                }
            }
        }
    }
}
