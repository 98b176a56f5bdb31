//! Writing one extracted article into the ledger, all of it or none of it,
//! and merging the parties it cites with those already known.

use std::collections::HashMap;

use rusqlite::{CachedStatement, Connection, OptionalExtension, TransactionBehavior, params};

use super::Ledger;
use super::error::{Result, StoreError};
use super::names::normalize;
use crate::extract::dates::published_date;
use crate::extract::{Document, Mention, RawPiece, Source, SourceKind, rebuild_raw};

/// An article ready to be written.
pub struct NewArticle<'a> {
    pub path: Option<&'a str>,
    pub content_hash: &'a str,
    pub raw_text: &'a str,
    /// How the raw text is stored, from [`stored_layout`]: `None` keeps
    /// `raw_text` itself.
    pub raw_layout: Option<&'a str>,
    /// The encoding the bytes were decoded from ("UTF-8", "windows-1252").
    pub encoding: &'a str,
    pub document: &'a Document,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    New {
        article_id: i64,
        claims: usize,
        sources: usize,
    },
    /// The same bytes were imported before; nothing changed.
    Unchanged { article_id: i64 },
}

impl Ledger {
    /// The article already imported with these exact bytes, if any.
    pub fn article_by_hash(&self, content_hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM article_rows WHERE content_hash = ?1")?
            .query_row([content_hash], |r| r.get(0))
            .optional()?)
    }

    /// Writes one article with its claims in a single transaction. A second
    /// importer racing on the same content finds the row inside its own
    /// transaction and reports it unchanged.
    pub fn import_article(&mut self, article: &NewArticle<'_>) -> Result<ImportOutcome> {
        // Parties resolved by this article join the cache only once the
        // article is committed (or, in a batch, released into it).
        let mut resolved = HashMap::new();
        if self.batch.is_some() {
            // Inside a batch, the article is a savepoint: all of it or none
            // of it, released into the batch's transaction.
            let written = (|| {
                let sp = self.conn.savepoint()?;
                let outcome = write_article(
                    &mut Writes::new(&sp)?,
                    article,
                    &self.sources,
                    &mut resolved,
                )?;
                sp.commit()?;
                Ok(outcome)
            })();
            let outcome = self.unless_batch_lost(written)?;
            if let (Some(batch), ImportOutcome::New { .. }) = (&mut self.batch, outcome) {
                batch.articles += 1;
            }
            self.sources.extend(resolved);
            return Ok(outcome);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.sources.check_still_valid(&tx)?;
        let outcome = write_article(
            &mut Writes::new(&tx)?,
            article,
            &self.sources,
            &mut resolved,
        )?;
        tx.commit()?;
        self.sources.extend(resolved);
        Ok(outcome)
    }

    /// Writes several articles, each all or nothing, and says for each what
    /// happened. Inside a batch they are written straight into the batch's
    /// transaction, with no savepoint: a savepoint's journal copies every
    /// index page the group touches, which took a fifth of the import's
    /// time, while rolling back the outer transaction costs nothing in WAL
    /// mode. So should one of them fail, the whole batch is rolled back, a
    /// new one is begun, and the error is [`StoreError::BatchUndone`]: every
    /// article written since the batch's last commit (see
    /// [`Ledger::commit_batch_if_due`]) must be written again, one at a time
    /// with [`Ledger::import_article`], so that the failure is the failed
    /// article's alone.
    pub fn import_articles(
        &mut self,
        articles: &[NewArticle<'_>],
    ) -> Result<Vec<Result<ImportOutcome>>> {
        if self.batch.is_none() || articles.len() < 2 {
            let mut outcomes = Vec::with_capacity(articles.len());
            for article in articles {
                match self.import_article(article) {
                    // Losing the batch is every reported article's loss,
                    // not one article's failure: stop here.
                    Err(lost @ StoreError::BatchLost(_)) => return Err(lost),
                    outcome => outcomes.push(outcome),
                }
            }
            return Ok(outcomes);
        }
        let mut resolved = HashMap::new();
        let together = (|| -> Result<Vec<ImportOutcome>> {
            let mut writes = Writes::new(&self.conn)?;
            articles
                .iter()
                .map(|a| write_article(&mut writes, a, &self.sources, &mut resolved))
                .collect()
        })();
        match together {
            Ok(outcomes) => {
                self.sources.extend(resolved);
                if let Some(batch) = &mut self.batch {
                    batch.articles += outcomes
                        .iter()
                        .filter(|o| matches!(o, ImportOutcome::New { .. }))
                        .count();
                }
                Ok(outcomes.into_iter().map(Ok).collect())
            }
            Err(e) => {
                self.batch = None;
                // The parties cached since the last commit may be gone.
                self.sources = SourceCache::default();
                if !self.conn.is_autocommit() {
                    self.conn.execute_batch("ROLLBACK")?;
                }
                self.conn.pragma_update(None, "foreign_keys", true)?;
                self.begin_batch()?;
                Err(StoreError::BatchUndone(Box::new(e)))
            }
        }
    }

    /// Passes a batch write's result on, unless SQLite rolled back the whole
    /// batch on its own (after a full disk or an I/O error, the transaction
    /// is gone, not just the article's savepoint): then the batch and the
    /// parties cached from it are dropped and the error says so, so the
    /// import stops instead of reporting articles that are not there.
    fn unless_batch_lost<T>(&mut self, result: Result<T>) -> Result<T> {
        match result {
            Err(StoreError::Sqlite(e)) if self.batch.is_some() && self.conn.is_autocommit() => {
                self.batch = None;
                self.sources = SourceCache::default();
                // Outside a batch every write checks its foreign keys again;
                // the batch's error is the one worth reporting.
                let _ = self.conn.pragma_update(None, "foreign_keys", true);
                let _ = self.conn.pragma_update(None, "wal_autocheckpoint", 1000);
                Err(StoreError::BatchLost(e))
            }
            other => other,
        }
    }

    /// Starts grouping imports into one transaction, committed by
    /// [`Ledger::commit_batch_if_due`] or [`Ledger::end_batch`]. Each
    /// article stays whole (a savepoint of its own, or a group that fails
    /// whole, see [`Ledger::import_articles`]); a crash loses at most the
    /// articles of the open batch, never part of one.
    pub fn begin_batch(&mut self) -> Result<()> {
        if self.batch.is_none() {
            // A batch dirties pages of a dozen indexes; keep them in memory
            // between batches rather than reading them back (64 MB).
            self.conn
                .pragma_update(None, "cache_size", -BATCH_CACHE_KIB)?;
            // An article's savepoint journals the pages it touches; in
            // memory that costs a copy, in a temporary file a system call.
            self.conn.pragma_update(None, "temp_store", "MEMORY")?;
            // The writer inserts an article's rows after the rows they point
            // at (the article, its sources, its claims), in one
            // transaction, so checking every foreign key on every insert
            // only costs time (a quarter of the writer's). `claims check`
            // runs SQLite's foreign-key check over the whole ledger. Only
            // this connection, and only during a batch, skips them.
            self.conn.pragma_update(None, "foreign_keys", false)?;
            // Each commit of a batch writes more than SQLite's default
            // 1000-page WAL, so it checkpointed after every commit and
            // copied the pages every batch touches (the indexes by name and
            // hash) back into the file each time. Checkpointing every 8192
            // pages (128 MB of WAL) copies each such page once for several
            // batches.
            self.conn
                .pragma_update(None, "wal_autocheckpoint", BATCH_WAL_PAGES)?;
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.sources.check_still_valid(&self.conn)?;
            self.batch = Some(Batch {
                started: std::time::Instant::now(),
                articles: 0,
            });
        }
        Ok(())
    }

    /// Commits the open batch once it holds enough articles or has been
    /// open long enough, and opens the next one.
    pub fn commit_batch_if_due(&mut self) -> Result<bool> {
        let due = self
            .batch
            .as_ref()
            .is_some_and(|b| b.articles >= BATCH_ARTICLES || b.started.elapsed() >= BATCH_TIME);
        if due {
            self.end_batch()?;
            self.begin_batch()?;
        }
        Ok(due)
    }

    /// Commits the open batch, if any.
    pub fn end_batch(&mut self) -> Result<()> {
        if self.batch.take().is_some() {
            let committed = self.conn.execute_batch("COMMIT");
            if committed.is_err() {
                // The batch's new parties may not be in the ledger after all.
                self.sources = SourceCache::default();
            }
            let checks = self.conn.pragma_update(None, "foreign_keys", true);
            // Writes outside a batch are small: SQLite's own checkpoint
            // interval suits them again.
            let checkpoints = self.conn.pragma_update(None, "wal_autocheckpoint", 1000);
            committed?;
            checks?;
            checkpoints?;
        }
        Ok(())
    }
}

/// Articles per batch transaction. Every commit writes each page the batch
/// touched to the WAL, and the indexes by name and by hash take new keys
/// all over: at 100k articles nearly all their pages were rewritten at each
/// commit of 256 articles (11 GB written for a 720 MB ledger). With 2048,
/// 3.7 GB. The dirty pages of a batch stay well inside the writer's 64 MB
/// cache, and other writers still wait at most `BATCH_TIME`.
pub const BATCH_ARTICLES: usize = 2048;
/// The longest a batch stays open, so concurrent importers take turns.
pub const BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(2000);
/// Articles written together inside a batch, with no savepoint (see
/// [`Ledger::import_articles`]).
pub const GROUP_ARTICLES: usize = 32;
/// The writer's page cache during a batch, in KiB.
pub const BATCH_CACHE_KIB: i64 = 65536;
/// WAL pages between automatic checkpoints during a batch.
pub const BATCH_WAL_PAGES: i64 = 8192;

/// Parties the writer has already resolved, by everything an article says
/// about them, so an archive that cites the same ministry in thousands of
/// articles looks it up once. Only this connection's own commits keep it
/// valid: when another process has written to the ledger since (SQLite's
/// `data_version` changed), it starts over. Bounded, so memory does not
/// grow with the archive.
#[derive(Debug, Default)]
pub(super) struct SourceCache {
    ids: HashMap<String, i64>,
    data_version: Option<i64>,
}

const SOURCE_CACHE_ENTRIES: usize = 32_768;

impl SourceCache {
    fn key(source: &Source) -> String {
        let mut key = format!("{}\u{1f}{}", source.name, source.kind.as_str());
        for alias in &source.merge_aliases {
            key.push('\u{1f}');
            key.push_str(alias);
        }
        key.push('\u{1e}');
        for alias in &source.local_aliases {
            key.push('\u{1f}');
            key.push_str(alias);
        }
        key
    }

    /// Called inside each write transaction before the cache is used.
    fn check_still_valid(&mut self, conn: &Connection) -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            self.ids.clear();
            self.data_version = Some(version);
        }
        Ok(())
    }

    fn extend(&mut self, resolved: HashMap<String, i64>) {
        if self.ids.len() + resolved.len() > SOURCE_CACHE_ENTRIES {
            self.ids.clear();
        }
        self.ids.extend(resolved);
    }
}

/// An open batch transaction.
#[derive(Debug)]
pub(super) struct Batch {
    started: std::time::Instant,
    articles: usize,
}

/// The statements the writer runs for every article, prepared (from the
/// connection's cache) once for a whole group: taking each from the cache
/// by its text and giving it back cost the writer a twentieth of its time.
struct Writes<'c> {
    article_by_hash: CachedStatement<'c>,
    insert_article: CachedStatement<'c>,
    insert_claim: CachedStatement<'c>,
    insert_via: CachedStatement<'c>,
    insert_quantity: CachedStatement<'c>,
    source_by_norm: CachedStatement<'c>,
    aliases_by_norm: CachedStatement<'c>,
    source_by_id: CachedStatement<'c>,
    norm_taken: CachedStatement<'c>,
    rename_source: CachedStatement<'c>,
    insert_source: CachedStatement<'c>,
    upsert_alias: CachedStatement<'c>,
}

impl<'c> Writes<'c> {
    fn new(conn: &'c Connection) -> Result<Writes<'c>> {
        Ok(Writes {
            article_by_hash: conn
                .prepare_cached("SELECT id FROM article_rows WHERE content_hash = ?1")?,
            insert_article: conn.prepare_cached(
                "INSERT INTO article_rows (path, url, title, outlet, byline, dateline, published,
                                           imported_at, content_hash, encoding, body, raw_layout,
                                           raw_text, published_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?,
            insert_claim: conn.prepare_cached(
                "INSERT INTO claim_rows (article_id, position, body_start, body_end, raw_start,
                                         raw_end, sentence_start, sentence_end, kind, mode,
                                         source_id, role, affiliation, source_start, source_end,
                                         source_raw_start, source_raw_end, cue_start, cue_end,
                                         cue_raw_start, cue_raw_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         ?17, ?18, ?19, ?20, ?21)",
            )?,
            insert_via: conn.prepare_cached(
                "INSERT INTO claim_via (claim_id, depth, source_id) VALUES (?1, ?2, ?3)",
            )?,
            insert_quantity: conn.prepare_cached(
                "INSERT INTO quantities (claim_id, position, value, unit, approx, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            // Plain single-table lookups: SQLite re-prepares a compound or
            // joined SELECT with bound parameters on every run here, which
            // costs more than the rest of the lookup.
            source_by_norm: conn
                .prepare_cached("SELECT id, name, kind FROM sources WHERE norm = ?1")?,
            aliases_by_norm: conn
                .prepare_cached("SELECT source_id, merges FROM source_aliases WHERE norm = ?1")?,
            source_by_id: conn.prepare_cached("SELECT name, kind FROM sources WHERE id = ?1")?,
            norm_taken: conn
                .prepare_cached("SELECT count(*) > 0 FROM sources WHERE norm = ?1")?,
            rename_source: conn
                .prepare_cached("UPDATE sources SET name = ?1, norm = ?2 WHERE id = ?3")?,
            insert_source: conn
                .prepare_cached("INSERT INTO sources (name, kind, norm) VALUES (?1, ?2, ?3)")?,
            upsert_alias: conn.prepare_cached(
                "INSERT INTO source_aliases (source_id, alias, norm, merges) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (source_id, norm) DO UPDATE SET merges = max(merges, excluded.merges)",
            )?,
        })
    }
}

/// Writes one article with the statements of a connection, inside a
/// transaction or savepoint the caller owns. The content hash is checked again here: another importer may have
/// written the same bytes since the caller looked.
fn write_article(
    w: &mut Writes<'_>,
    article: &NewArticle<'_>,
    cache: &SourceCache,
    resolved: &mut HashMap<String, i64>,
) -> Result<ImportOutcome> {
    if let Some(article_id) = w
        .article_by_hash
        .query_row([article.content_hash], |r| r.get(0))
        .optional()?
    {
        return Ok(ImportOutcome::Unchanged { article_id });
    }
    let doc = article.document;
    let meta = &doc.meta;
    let raw_text = match article.raw_layout {
        Some(_) => None,
        None => Some(article.raw_text),
    };
    let article_id = w.insert_article.insert(params![
        article.path,
        meta.url,
        meta.title,
        meta.outlet,
        meta.byline,
        meta.dateline,
        meta.published.as_deref().and_then(published_date),
        now_utc(),
        article.content_hash,
        article.encoding,
        doc.body,
        article.raw_layout,
        raw_text,
        meta.published,
    ])?;

    // Only the parties a claim actually uses become ledger sources.
    let mut used = vec![false; doc.sources.len()];
    for claim in &doc.claims {
        for &i in claim.source.iter().chain(&claim.via) {
            used[i] = true;
        }
    }
    let mut source_ids = vec![0i64; doc.sources.len()];
    for (i, source) in doc.sources.iter().enumerate() {
        if used[i] {
            let key = SourceCache::key(source);
            source_ids[i] = match cache.ids.get(&key).or_else(|| resolved.get(&key)) {
                Some(&id) => id,
                None => {
                    let id = resolve_source(w, source)?;
                    resolved.insert(key, id);
                    id
                }
            };
        }
    }

    for (index, claim) in doc.claims.iter().enumerate() {
        let offsets = |m: &Option<Mention>| {
            m.as_ref().map_or([None; 4], |m| {
                [m.start, m.end, m.raw_start, m.raw_end].map(|o| Some(o as i64))
            })
        };
        let [source_start, source_end, source_raw_start, source_raw_end] =
            offsets(&claim.source_mention);
        let [cue_start, cue_end, cue_raw_start, cue_raw_end] = offsets(&claim.cue_mention);
        let claim_id = w.insert_claim.insert(params![
            article_id,
            index as i64 + 1,
            claim.span.start as i64,
            claim.span.end as i64,
            claim.span.raw_start as i64,
            claim.span.raw_end as i64,
            claim.sentence.start as i64,
            claim.sentence.end as i64,
            claim.kind.as_str(),
            claim.mode.as_str(),
            claim.source.map(|i| source_ids[i]),
            claim.role,
            claim.affiliation,
            source_start,
            source_end,
            source_raw_start,
            source_raw_end,
            cue_start,
            cue_end,
            cue_raw_start,
            cue_raw_end,
        ])?;
        for (depth, &via) in claim.via.iter().enumerate() {
            w.insert_via
                .execute(params![claim_id, depth as i64 + 1, source_ids[via]])?;
        }
        for (position, q) in claim.quantities.iter().enumerate() {
            w.insert_quantity.execute(params![
                claim_id,
                position as i64 + 1,
                q.value,
                q.unit,
                q.approx,
                q.text
            ])?;
        }
    }
    Ok(ImportOutcome::New {
        article_id,
        claims: doc.claims.len(),
        sources: used.iter().filter(|u| **u).count(),
    })
}

/// Finds the ledger row for an article-local party, creating it when the
/// party is new. Parties merge on their name or on an alias that names them
/// in any article ("Nordwire" for "Nordwire News Agency"); surnames and "the
/// ministry" never merge two parties.
fn resolve_source(w: &mut Writes<'_>, source: &Source) -> Result<i64> {
    let norm = normalize(&source.name);
    let mut keys = vec![norm.clone()];
    if source.kind != SourceKind::Anonymous {
        for alias in &source.merge_aliases {
            let k = normalize(alias);
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let mut found: Option<(i64, String, String)> = None;
    for key in &keys {
        let mut rows: Vec<(i64, String, String)> = Vec::new();
        let by_name = w
            .source_by_norm
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        rows.extend(by_name);
        let alias_ids = w
            .aliases_by_norm
            .query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, merges) in alias_ids {
            if merges && !rows.iter().any(|(known, _, _)| *known == id) {
                let (name, kind) = w
                    .source_by_id
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.push((id, name, kind));
            }
        }
        // Prefer a party of the same kind; an anonymous description never
        // takes over a named party.
        let best = rows
            .iter()
            .find(|(_, _, kind)| kind == source.kind.as_str())
            .or_else(|| {
                rows.iter().find(|(_, _, kind)| {
                    source.kind != SourceKind::Anonymous && kind != "anonymous"
                })
            });
        if let Some(b) = best {
            found = Some(b.clone());
            break;
        }
    }
    // The party's name after this article, which its aliases never repeat.
    let (id, current_norm) = match found {
        Some((id, old_name, _)) => {
            let old_norm = normalize(&old_name);
            // The fullest name wins: "Nordwire" becomes "Nordwire News Agency"
            // once an article gives the long form.
            if old_norm != norm && keys[1..].contains(&old_norm) {
                let taken: bool = w.norm_taken.query_row([&norm], |r| r.get(0))?;
                if taken {
                    (id, old_norm)
                } else {
                    w.rename_source.execute(params![source.name, norm, id])?;
                    add_alias(w, id, &old_name, true)?;
                    (id, norm)
                }
            } else {
                if old_norm != norm {
                    add_alias(w, id, &source.name, true)?;
                }
                (id, old_norm)
            }
        }
        None => {
            let id = w
                .insert_source
                .insert(params![source.name, source.kind.as_str(), norm])?;
            (id, norm)
        }
    };
    for alias in &source.merge_aliases {
        if normalize(alias) != current_norm {
            add_alias(w, id, alias, source.kind != SourceKind::Anonymous)?;
        }
    }
    for alias in &source.local_aliases {
        if normalize(alias) != current_norm {
            add_alias(w, id, alias, false)?;
        }
    }
    Ok(id)
}

fn add_alias(w: &mut Writes<'_>, source_id: i64, alias: &str, merges: bool) -> Result<()> {
    let norm = normalize(alias);
    if norm.is_empty() {
        return Ok(());
    }
    w.upsert_alias
        .execute(params![source_id, alias, norm, merges])?;
    Ok(())
}

/// How the ledger stores an article's raw text: as the body plus what
/// cleaning removed (a JSON array of `[start, end]` body stretches and
/// removed strings), or `None` to keep the raw text itself when the layout
/// does not give it back exactly. Pure, so import workers compute it beside
/// the extraction rather than on the single writer.
pub fn stored_layout(raw_text: &str, doc: &Document) -> Option<String> {
    (rebuild_raw(&doc.body, &doc.raw_layout) == raw_text).then(|| layout_json(&doc.raw_layout))
}

fn layout_json(layout: &[RawPiece]) -> String {
    let items: Vec<serde_json::Value> = layout
        .iter()
        .map(|piece| match piece {
            RawPiece::Body { start, end } => serde_json::json!([start, end]),
            RawPiece::Removed(text) => serde_json::Value::from(text.as_str()),
        })
        .collect();
    serde_json::Value::from(items).to_string()
}

fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{
        ArticleMeta, Claim, ClaimKind, Document, Mention, Mode, Source, SourceKind,
    };

    fn span(text: &str) -> Mention {
        Mention {
            text: text.to_string(),
            start: 0,
            end: text.chars().count(),
            raw_start: 0,
            raw_end: text.chars().count(),
        }
    }

    fn source(name: &str, kind: SourceKind, merge: &[&str], local: &[&str]) -> Source {
        Source {
            name: name.to_string(),
            kind,
            merge_aliases: merge.iter().map(|s| s.to_string()).collect(),
            local_aliases: local.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A one-claim article resting on `sources[0]`, relayed by the rest.
    fn document(text: &str, sources: Vec<Source>) -> Document {
        let via = (1..sources.len()).collect();
        Document {
            meta: ArticleMeta::default(),
            body: text.to_string(),
            raw_layout: vec![RawPiece::Body {
                start: 0,
                end: text.chars().count(),
            }],
            claims: vec![Claim {
                span: span(text),
                sentence: span(text),
                kind: ClaimKind::Assertion,
                mode: Mode::Indirect,
                cue: Some("said".into()),
                cue_mention: None,
                source: Some(0),
                source_mention: None,
                via,
                role: None,
                affiliation: None,
                quantities: Vec::new(),
            }],
            sources,
        }
    }

    fn import(ledger: &mut Ledger, doc: &Document) -> ImportOutcome {
        let hash = blake3::hash(doc.body.as_bytes()).to_hex().to_string();
        ledger
            .import_article(&NewArticle {
                path: Some("t.txt"),
                content_hash: &hash,
                raw_text: &doc.body,
                raw_layout: stored_layout(&doc.body, doc).as_deref(),
                encoding: "UTF-8",
                document: doc,
            })
            .unwrap()
    }

    fn names(ledger: &Ledger) -> Vec<(String, String)> {
        let mut stmt = ledger
            .conn
            .prepare("SELECT name, kind FROM sources ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn memory() -> Ledger {
        Ledger::open(std::path::Path::new(":memory:")).unwrap()
    }

    #[test]
    fn a_short_name_and_its_full_form_are_one_party_the_fullest_name_wins() {
        let mut ledger = memory();
        let media = SourceKind::Media;
        import(
            &mut ledger,
            &document(
                "a",
                vec![
                    source("Anna Berg", SourceKind::Person, &[], &["Berg"]),
                    source("Tarn", media, &[], &[]),
                ],
            ),
        );
        import(
            &mut ledger,
            &document(
                "b",
                vec![
                    source("Olaf Moe", SourceKind::Person, &[], &[]),
                    source("Tarn News Agency", media, &["Tarn"], &[]),
                ],
            ),
        );
        let got = names(&ledger);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got.contains(&("Tarn News Agency".into(), "media".into())),
            "{got:?}"
        );
        let relayed: i64 = ledger
            .conn
            .query_row("SELECT count(*) FROM claim_via v JOIN sources s ON s.id = v.source_id WHERE s.name = 'Tarn News Agency'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(relayed, 2, "both claims went through the same party");
    }

    #[test]
    fn surnames_and_generic_references_never_merge_parties() {
        let mut ledger = memory();
        let person = SourceKind::Person;
        let org = SourceKind::Organization;
        import(
            &mut ledger,
            &document("a", vec![source("Anna Berg", person, &[], &["Berg"])]),
        );
        import(
            &mut ledger,
            &document("b", vec![source("Berg", person, &[], &[])]),
        );
        import(
            &mut ledger,
            &document(
                "c",
                vec![source("Finance Ministry", org, &[], &["the ministry"])],
            ),
        );
        import(
            &mut ledger,
            &document(
                "d",
                vec![source("Health Ministry", org, &[], &["the ministry"])],
            ),
        );
        assert_eq!(names(&ledger).len(), 4, "{:?}", names(&ledger));
    }

    #[test]
    fn an_anonymous_party_merges_by_name_only() {
        let mut ledger = memory();
        let anon = SourceKind::Anonymous;
        import(
            &mut ledger,
            &document("a", vec![source("analysts", anon, &[], &[])]),
        );
        import(
            &mut ledger,
            &document("b", vec![source("Analysts", anon, &[], &[])]),
        );
        import(
            &mut ledger,
            &document("c", vec![source("officials", anon, &["analysts"], &[])]),
        );
        assert_eq!(names(&ledger).len(), 2, "{:?}", names(&ledger));
    }

    #[test]
    fn a_batch_sets_its_pragmas_and_gives_the_defaults_back() {
        let mut ledger = memory();
        let pragma = |ledger: &Ledger, name: &str| -> i64 {
            ledger
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .unwrap()
        };
        ledger.begin_batch().unwrap();
        assert_eq!(pragma(&ledger, "wal_autocheckpoint"), BATCH_WAL_PAGES);
        assert_eq!(pragma(&ledger, "foreign_keys"), 0);
        ledger.end_batch().unwrap();
        assert_eq!(pragma(&ledger, "wal_autocheckpoint"), 1000);
        assert_eq!(pragma(&ledger, "foreign_keys"), 1);
    }

    #[test]
    fn the_same_bytes_again_are_unchanged() {
        let mut ledger = memory();
        let doc = document(
            "a",
            vec![source("analysts", SourceKind::Anonymous, &[], &[])],
        );
        let first = import(&mut ledger, &doc);
        assert!(matches!(
            first,
            ImportOutcome::New {
                claims: 1,
                sources: 1,
                ..
            }
        ));
        let ImportOutcome::New { article_id, .. } = first else {
            unreachable!()
        };
        assert_eq!(
            import(&mut ledger, &doc),
            ImportOutcome::Unchanged { article_id }
        );
    }

    #[test]
    fn a_failed_article_in_a_group_undoes_the_batch_and_a_replay_keeps_the_rest() {
        let mut ledger = memory();
        ledger.begin_batch().unwrap();
        let docs: Vec<Document> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|t| {
                document(
                    t,
                    vec![source(&format!("party {t}"), SourceKind::Person, &[], &[])],
                )
            })
            .collect();
        let mut broken = docs[3].clone();
        broken.claims.push(broken.claims[0].clone());
        broken.claims[1].span.start = 100;
        broken.claims[1].span.end = 99;
        let hashes = ["ha", "hb", "hc", "hd", "he"];
        fn new<'d>(doc: &'d Document, hash: &'static str) -> NewArticle<'d> {
            NewArticle {
                path: Some("t.txt"),
                content_hash: hash,
                raw_text: &doc.body,
                raw_layout: None,
                encoding: "UTF-8",
                document: doc,
            }
        }
        let first: Vec<NewArticle> = (0..2).map(|i| new(&docs[i], hashes[i])).collect();
        let outcomes = ledger.import_articles(&first).unwrap();
        assert!(outcomes.iter().all(|o| o.is_ok()));
        // The second group fails halfway: the batch goes, the first group
        // with it, and a new batch is open.
        let second = [
            new(&docs[2], hashes[2]),
            new(&broken, hashes[3]),
            new(&docs[4], hashes[4]),
        ];
        let err = ledger.import_articles(&second).unwrap_err();
        assert!(matches!(err, StoreError::BatchUndone(_)), "{err}");
        assert!(err.to_string().contains("CHECK"), "{err}");
        assert_eq!(ledger.totals().unwrap(), (0, 0, 0));
        assert!(!ledger.conn.is_autocommit(), "a new batch is open");
        // Written again one at a time, only the broken article fails.
        let replayed: Vec<_> = first
            .iter()
            .chain(&second)
            .map(|a| ledger.import_article(a))
            .collect();
        assert!(replayed[3].is_err(), "the CHECK on offsets refuses it");
        for i in [0, 1, 2, 4] {
            assert!(matches!(replayed[i], Ok(ImportOutcome::New { .. })), "{i}");
        }
        ledger.end_batch().unwrap();
        assert_eq!(ledger.totals().unwrap(), (4, 4, 4));
        let again = ledger.import_articles(&first[..1]).unwrap();
        assert!(matches!(again[0], Ok(ImportOutcome::Unchanged { .. })));
    }

    #[test]
    fn a_batch_keeps_each_article_whole() {
        let mut ledger = memory();
        ledger.begin_batch().unwrap();
        import(
            &mut ledger,
            &document(
                "a",
                vec![source("analysts", SourceKind::Anonymous, &[], &[])],
            ),
        );
        // The second claim breaks the offsets CHECK, midway through the article.
        let mut broken = document(
            "b",
            vec![source("critics", SourceKind::Anonymous, &[], &[])],
        );
        broken.claims.push(broken.claims[0].clone());
        broken.claims[1].span.end = 99;
        broken.claims[1].span.start = 100;
        let hash = "broken";
        let err = ledger.import_article(&NewArticle {
            path: Some("b.txt"),
            content_hash: hash,
            raw_text: "b",
            raw_layout: None,
            encoding: "UTF-8",
            document: &broken,
        });
        assert!(
            err.is_err(),
            "the CHECK on offsets refuses the second claim"
        );
        ledger.end_batch().unwrap();
        let (articles, claims, sources) = ledger.totals().unwrap();
        assert_eq!(
            (articles, claims, sources),
            (1, 1, 1),
            "nothing of the failed article remains"
        );
    }
}
