//! Writing one extracted article into the ledger, and merging the parties
//! it cites with those already known. [`write_article`] is the one place an
//! article is written, whether by an import session (see
//! [`super::session`]) or on its own; [`check_article`] finds, before
//! anything is written, whatever would make the ledger refuse the article,
//! so that a write that fails afterwards is the ledger's failure (a full
//! disk, an I/O error), not the article's.

use std::collections::HashMap;

use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use super::Ledger;
use super::clusters::{self, ClaimProfiles};
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
    /// Whether the user gave the encoding rather than it being detected:
    /// then the same bytes stored in another encoding (a wrong guess) are
    /// read again, see [`ImportOutcome::Reread`].
    pub encoding_given: bool,
    pub document: &'a Document,
    /// What clustering compares the claims on, made from `document` by
    /// [`ClaimProfiles::of`] where the caller has a thread to spare; `None`
    /// has the writer make it.
    pub profiles: Option<&'a ClaimProfiles>,
}

/// What writing an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    New {
        article_id: i64,
        claims: usize,
        sources: usize,
    },
    /// The same bytes were imported before; nothing changed.
    Unchanged { article_id: i64 },
    /// The same bytes were imported before in another encoding (`was`),
    /// and the encoding was given this time: the article was replaced by
    /// the new reading, keeping its id.
    Reread {
        article_id: i64,
        claims: usize,
        sources: usize,
        was: String,
        now: String,
    },
}

impl Ledger {
    /// The article already imported with these exact bytes, if any: its id
    /// and the encoding it was read in.
    pub fn article_by_hash(&self, content_hash: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, encoding FROM article_rows WHERE content_hash = ?1")?
            .query_row([content_hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Writes one article with its claims in a transaction of its own: an
    /// import session of one. [`StoreError::ArticleRefused`] says why the
    /// article was not written; any other error is the ledger's.
    pub fn import_article(&mut self, article: &NewArticle<'_>) -> Result<ImportOutcome> {
        let mut session = self.import_session::<()>()?;
        if let Some(((), reason)) = session
            .write_group(vec![((), article)])
            .map_err(|lost| *lost.error)?
            .pop()
        {
            return Err(StoreError::ArticleRefused(reason));
        }
        let mut committed = session.finish().map_err(|lost| *lost.error)?;
        Ok(committed.pop().expect("the article written").1)
    }
}

/// Why the ledger would refuse the article, or would hold it in a state
/// `claims check` rejects: offsets outside the texts, a claim outside its
/// sentence, claims out of the text's order, a party or link that is not
/// in the article, a quantity that is not a number. Found before anything
/// is written.
pub fn check_article(article: &NewArticle<'_>) -> std::result::Result<(), String> {
    let doc = article.document;
    let body = doc.body.chars().count();
    let raw = article.raw_text.chars().count();
    if article.content_hash.is_empty() {
        return Err("no content hash".into());
    }
    if article.raw_layout.is_some() {
        for piece in &doc.raw_layout {
            if let RawPiece::Body { start, end } = piece
                && !(start <= end && *end <= body)
            {
                return Err(format!(
                    "its raw layout points at {start}..{end}, outside a body of {body} characters"
                ));
            }
        }
    }
    // What is out of place is named only when something is: the check
    // runs on every claim of every import, on the writer, and formatting
    // the names up front was most of its time.
    let within = |what: std::fmt::Arguments<'_>, start: usize, end: usize, len: usize, of: &str| {
        if start <= end && end <= len {
            Ok(())
        } else {
            Err(format!(
                "{what} at {start}..{end} lies outside the {of} of {len} characters"
            ))
        }
    };
    for (i, claim) in doc.claims.iter().enumerate() {
        let n = i + 1;
        let (span, sentence) = (&claim.span, &claim.sentence);
        // Positions follow the text (see `claims check`).
        if let Some(before) = i.checked_sub(1).map(|b| &doc.claims[b].sentence)
            && sentence.start < before.start
        {
            return Err(format!(
                "claim {n}'s sentence at {}..{} comes before claim {i}'s at {}..{}",
                sentence.start, sentence.end, before.start, before.end
            ));
        }
        within(
            format_args!("claim {n}"),
            span.start,
            span.end,
            body,
            "body",
        )?;
        within(
            format_args!("claim {n}"),
            span.raw_start,
            span.raw_end,
            raw,
            "raw text",
        )?;
        within(
            format_args!("claim {n}'s sentence"),
            sentence.start,
            sentence.end,
            body,
            "body",
        )?;
        if sentence.start > span.start || sentence.end < span.end {
            return Err(format!(
                "claim {n} at {}..{} is not inside its sentence at {}..{}",
                span.start, span.end, sentence.start, sentence.end
            ));
        }
        for (what, mention) in [
            ("source", &claim.source_mention),
            ("cue", &claim.cue_mention),
        ] {
            if let Some(m) = mention {
                within(
                    format_args!("claim {n}'s {what} mention"),
                    m.start,
                    m.end,
                    body,
                    "body",
                )?;
                within(
                    format_args!("claim {n}'s {what} mention"),
                    m.raw_start,
                    m.raw_end,
                    raw,
                    "raw text",
                )?;
            }
        }
        for &party in claim.source.iter().chain(&claim.via) {
            if party >= doc.sources.len() {
                return Err(format!(
                    "claim {n} names party {party} of an article with {}",
                    doc.sources.len()
                ));
            }
        }
        if let Some(q) = claim.quantities.iter().find(|q| !q.value.is_finite()) {
            return Err(format!("claim {n} states {:?} as {}", q.text, q.value));
        }
    }
    Ok(())
}

/// Writes one article with the statements of a connection, inside a
/// transaction the caller owns, and says what it did. The content hash is
/// looked up again here: another importer may have written the same bytes
/// since the caller looked.
///
/// The article must have passed [`check_article`]. The parties are resolved
/// first and the article written after them, so the one refusal left (a new
/// party whose name another kind of party holds,
/// [`StoreError::ArticleRefused`]) leaves no row of the article behind:
/// parties it created are removed again; names and aliases it gave to
/// parties already there stay, as what another article could have said.
/// Any other error is the ledger's, and leaves the transaction to be rolled
/// back.
pub(super) fn write_article(
    w: &mut Writes<'_>,
    article: &NewArticle<'_>,
    cache: &SourceCache,
    resolved: &mut HashMap<String, i64>,
) -> Result<ImportOutcome> {
    if let Some((article_id, was)) = w
        .article_by_hash
        .query_row([article.content_hash], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
    {
        if article.encoding_given && was != article.encoding {
            return reread_article(w, article_id, was, article, cache, resolved);
        }
        return Ok(ImportOutcome::Unchanged { article_id });
    }
    let doc = article.document;

    let (source_ids, sources) = resolve_parties(w, doc, cache, resolved)?;
    let mut made = None;
    let profiles = profiles_of(article, &mut made);
    w.clusters.prepare(profiles)?;
    let row = ArticleRow::of(article, profiles);
    let article_id = w.insert_article.insert(&row.values()[..])?;
    write_claims(w, article_id, (doc, profiles), &source_ids, 1)?;
    Ok(ImportOutcome::New {
        article_id,
        claims: doc.claims.len(),
        sources,
    })
}

/// The profiles of `article`'s claims: those it came with, or made here
/// (into `made`).
fn profiles_of<'a>(
    article: &'a NewArticle<'a>,
    made: &'a mut Option<ClaimProfiles>,
) -> &'a ClaimProfiles {
    match article.profiles {
        Some(given) if given.fit(article.document) => given,
        _ => made.insert(ClaimProfiles::of(article.document)),
    }
}

/// The columns of an article's row, in the order of `insert_article`.
struct ArticleRow<'a> {
    article: &'a NewArticle<'a>,
    published: Option<String>,
    imported_at: String,
    /// The raw text, when no layout rebuilds it from the body.
    raw_text: Option<&'a str>,
    /// The names the article is about, for clustering.
    cluster_names: Option<Vec<u8>>,
}

impl<'a> ArticleRow<'a> {
    fn of(article: &'a NewArticle<'a>, profiles: &ClaimProfiles) -> ArticleRow<'a> {
        ArticleRow {
            cluster_names: profiles.names(),
            article,
            published: article
                .document
                .meta
                .published
                .as_deref()
                .and_then(published_date),
            imported_at: now_utc(),
            raw_text: article.raw_layout.is_none().then_some(article.raw_text),
        }
    }

    fn values(&self) -> [&dyn rusqlite::ToSql; 15] {
        let (article, doc) = (self.article, self.article.document);
        let meta = &doc.meta;
        [
            &article.path,
            &meta.url,
            &meta.title,
            &meta.outlet,
            &meta.byline,
            &meta.dateline,
            &self.published,
            &self.imported_at,
            &article.content_hash,
            &article.encoding,
            &doc.body,
            &article.raw_layout,
            &self.raw_text,
            &meta.published,
            &self.cluster_names,
        ]
    }
}

/// Replaces article `article_id`, imported from the same bytes read in
/// encoding `was`, with `article` (read in the encoding the user gave):
/// its text, metadata, claims and parties, as an import would write them,
/// under the same id. Parties the old claims alone named go (the ledger's
/// triggers), so whatever `cache` and `resolved` remember may be stale
/// afterwards: the caller forgets them on this outcome.
fn reread_article(
    w: &mut Writes<'_>,
    article_id: i64,
    was: String,
    article: &NewArticle<'_>,
    cache: &SourceCache,
    resolved: &mut HashMap<String, i64>,
) -> Result<ImportOutcome> {
    let doc = article.document;
    let (source_ids, sources) = resolve_parties(w, doc, cache, resolved)?;
    let mut made = None;
    let profiles = profiles_of(article, &mut made);
    replace_claims(w, article_id, (doc, profiles), &source_ids)?;
    let row = ArticleRow::of(article, profiles);
    let mut values = row.values().to_vec();
    values.push(&article_id);
    w.conn
        .prepare_cached(
            "UPDATE article_rows
             SET path = ?1, url = ?2, title = ?3, outlet = ?4, byline = ?5, dateline = ?6,
                 published = ?7, imported_at = ?8, content_hash = ?9, encoding = ?10,
                 body = ?11, raw_layout = ?12, raw_text = ?13, published_text = ?14,
                 cluster_names = ?15
             WHERE id = ?16",
        )?
        .execute(&values[..])?;
    Ok(ImportOutcome::Reread {
        article_id,
        claims: doc.claims.len(),
        sources,
        was,
        now: article.encoding.to_string(),
    })
}

/// Replaces the claims of article `article_id` with those of `doc` (whose
/// parties `source_ids` maps to ledger sources, whose claims `profiles`
/// profiles), and says how many there were. The new claims go in below the
/// old ones' positions (the pair is unique), the old ones go with their
/// chains and quantities (deleted here, not left to foreign keys, which an
/// import session turns off), and the new ones move up to 1..n. Parties
/// only the old claims named go with them (the ledger's triggers). The new
/// claims are clustered while the old ones are still there: a statement
/// the article made before finds its cluster again (which keeps its id
/// when the old claim goes).
pub(super) fn replace_claims(
    w: &mut Writes<'_>,
    article_id: i64,
    (doc, profiles): (&Document, &ClaimProfiles),
    source_ids: &[i64],
) -> Result<usize> {
    let conn = w.conn;
    let before: i64 = conn
        .prepare_cached("SELECT count(*) FROM claim_rows WHERE article_id = ?1")?
        .query_row([article_id], |r| r.get(0))?;
    let n = doc.claims.len() as i64;
    w.clusters.prepare(profiles)?;
    write_claims(w, article_id, (doc, profiles), source_ids, -n)?;
    // The members the ledger's trigger removes with the old claims must be
    // in it first.
    w.clusters.write()?;
    for old in [
        "DELETE FROM quantities WHERE claim_id IN
           (SELECT id FROM claim_rows WHERE article_id = ?1 AND position > 0)",
        "DELETE FROM claim_via WHERE claim_id IN
           (SELECT id FROM claim_rows WHERE article_id = ?1 AND position > 0)",
        "DELETE FROM claim_rows WHERE article_id = ?1 AND position > 0",
    ] {
        conn.prepare_cached(old)?.execute([article_id])?;
    }
    conn.prepare_cached(
        "UPDATE claim_rows SET position = position + ?2 + 1 WHERE article_id = ?1",
    )?
    .execute(params![article_id, n])?;
    Ok(before as usize)
}

/// The ledger source of each of the document's parties that a claim uses
/// (0 for the others), resolved or created, and how many there are. Should
/// one be refused ([`StoreError::ArticleRefused`]), the parties created for
/// the document are removed again.
pub(super) fn resolve_parties(
    w: &mut Writes<'_>,
    doc: &Document,
    cache: &SourceCache,
    resolved: &mut HashMap<String, i64>,
) -> Result<(Vec<i64>, usize)> {
    // Only the parties a claim actually uses become ledger sources.
    let mut used = vec![false; doc.sources.len()];
    for claim in &doc.claims {
        for &i in claim.source.iter().chain(&claim.via) {
            used[i] = true;
        }
    }
    let mut source_ids = vec![0i64; doc.sources.len()];
    let mut created = Vec::new();
    let mut mine = Vec::new();
    for (i, source) in doc.sources.iter().enumerate() {
        if used[i] {
            let key = SourceCache::key(source);
            source_ids[i] = match cache.ids.get(&key).or_else(|| resolved.get(&key)) {
                Some(&id) => id,
                None => match resolve_source(w, source, &mut created) {
                    Ok(id) => {
                        mine.push((key, id));
                        id
                    }
                    Err(refused @ StoreError::ArticleRefused(_)) => {
                        for id in created {
                            w.delete_aliases.execute([id])?;
                            w.delete_source.execute([id])?;
                        }
                        return Err(refused);
                    }
                    Err(e) => return Err(e),
                },
            };
        }
    }
    resolved.extend(mine);
    Ok((source_ids, used.iter().filter(|u| **u).count()))
}

/// Writes the claims of `doc` for article `article_id`, numbered from
/// `first_position`, with their chains and quantities, each in its cluster;
/// `source_ids` maps the document's parties to ledger sources. The
/// clusterer must have been prepared with `profiles`, those of `doc`.
pub(super) fn write_claims(
    w: &mut Writes<'_>,
    article_id: i64,
    (doc, profiles): (&Document, &ClaimProfiles),
    source_ids: &[i64],
    first_position: i64,
) -> Result<()> {
    for (index, claim) in doc.claims.iter().enumerate() {
        let offsets = |m: &Option<Mention>| {
            m.as_ref().map_or([None; 4], |m| {
                [m.start, m.end, m.raw_start, m.raw_end].map(|o| Some(o as i64))
            })
        };
        let [source_start, source_end, source_raw_start, source_raw_end] =
            offsets(&claim.source_mention);
        let [cue_start, cue_end, cue_raw_start, cue_raw_end] = offsets(&claim.cue_mention);
        let cluster_id = w.clusters.cluster_of(profiles, index)?;
        let claim_id = w.insert_claim.insert(params![
            article_id,
            first_position + index as i64,
            claim.span.start as i64,
            claim.span.end as i64,
            claim.span.raw_start as i64,
            claim.span.raw_end as i64,
            claim.sentence.start as i64,
            claim.sentence.end as i64,
            claim.kind,
            claim.mode,
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
            cluster_id,
        ])?;
        w.clusters.written(profiles, index, claim_id)?;
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
    Ok(())
}

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
    pub(super) fn key(source: &Source) -> String {
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
    pub(super) fn check_still_valid(&mut self, conn: &Connection) -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            self.ids.clear();
            self.data_version = Some(version);
        }
        Ok(())
    }

    pub(super) fn extend(&mut self, resolved: HashMap<String, i64>) {
        if self.ids.len() + resolved.len() > SOURCE_CACHE_ENTRIES {
            self.ids.clear();
        }
        self.ids.extend(resolved);
    }
}

/// The statements the writer runs for every article, prepared (from the
/// connection's cache) once for a whole group: taking each from the cache
/// by its text and giving it back cost the writer a twentieth of its time.
pub(super) struct Writes<'c> {
    /// For the statements only a rare write needs (re-reading an article).
    conn: &'c Connection,
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
    delete_aliases: CachedStatement<'c>,
    delete_source: CachedStatement<'c>,
    pub(super) clusters: clusters::Clusterer<'c>,
}

impl<'c> Writes<'c> {
    /// Keeps clustering's cache within its limits once the articles are
    /// written (writing first any key that would leave it unwritten).
    pub(super) fn finish(self) -> Result<()> {
        Ok(self.clusters.finish()?)
    }

    /// The statements on `conn`; `clusters` is what this connection's
    /// earlier writes found (see [`clusters::Cache`]).
    pub(super) fn new(
        conn: &'c Connection,
        clusters: &'c mut clusters::Cache,
    ) -> Result<Writes<'c>> {
        Ok(Writes {
            conn,
            article_by_hash: conn
                .prepare_cached("SELECT id, encoding FROM article_rows WHERE content_hash = ?1")?,
            insert_article: conn.prepare_cached(
                "INSERT INTO article_rows (path, url, title, outlet, byline, dateline, published,
                                           imported_at, content_hash, encoding, body, raw_layout,
                                           raw_text, published_text, cluster_names)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?,
            insert_claim: conn.prepare_cached(
                "INSERT INTO claim_rows (article_id, position, body_start, body_end, raw_start,
                                         raw_end, sentence_start, sentence_end, kind, mode,
                                         source_id, role, affiliation, source_start, source_end,
                                         source_raw_start, source_raw_end, cue_start, cue_end,
                                         cue_raw_start, cue_raw_end, cluster_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         ?17, ?18, ?19, ?20, ?21, ?22)",
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
            delete_aliases: conn
                .prepare_cached("DELETE FROM source_aliases WHERE source_id = ?1")?,
            delete_source: conn.prepare_cached("DELETE FROM sources WHERE id = ?1")?,
            clusters: clusters::Clusterer::new(conn, clusters)?,
        })
    }
}

/// Finds the ledger row for an article-local party, creating it when the
/// party is new (then `created` is set). Parties merge on their name or on
/// an alias that names them in any article ("Nordwire" for "Nordwire News
/// Agency"); surnames and "the ministry" never merge two parties. A new
/// party whose name another party already holds, one it may not merge
/// with, cannot be written (names are unique): that is
/// [`StoreError::ArticleRefused`], found before the party is written.
fn resolve_source(w: &mut Writes<'_>, source: &Source, created: &mut Vec<i64>) -> Result<i64> {
    let norm = normalize(&source.name);
    // Each name to look the party up by, and whether it may join a party
    // that goes by it only as an alias.
    let mut keys = vec![(
        norm.clone(),
        can_join_through_alias(&source.name, source.kind),
    )];
    if source.kind != SourceKind::Anonymous {
        for alias in &source.merge_aliases {
            let k = normalize(alias);
            if !k.is_empty() && !keys.iter().any(|(known, _)| *known == k) {
                keys.push((k, can_join_through_alias(alias, source.kind)));
            }
        }
    }
    let mut found: Option<(i64, String, String)> = None;
    // The party that holds this name, whatever its kind.
    let mut holder: Option<(i64, String, String)> = None;
    for (k, (key, through_alias)) in keys.iter().enumerate() {
        if k > 0 && !through_alias {
            continue;
        }
        let mut rows: Vec<(i64, String, String)> = Vec::new();
        let by_name: Option<(i64, String, String)> = w
            .source_by_norm
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if k == 0 {
            holder.clone_from(&by_name);
        }
        // The party's own name is the same party whatever kind an article
        // took it for; a match through an alias only joins parties that can
        // be one: a person never joins an organisation named after them.
        rows.extend(by_name.filter(|(_, _, kind)| k == 0 || kinds_can_meet(source.kind, kind)));
        let alias_ids = w
            .aliases_by_norm
            .query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, merges) in alias_ids {
            if merges && *through_alias && !rows.iter().any(|(known, _, _)| *known == id) {
                let (name, kind): (String, String) = w
                    .source_by_id
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                if kinds_can_meet(source.kind, &kind) {
                    rows.push((id, name, kind));
                }
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
            if old_norm != norm && keys[1..].iter().any(|(k, _)| *k == old_norm) {
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
            if let Some((id, name, kind)) = holder {
                return Err(StoreError::ArticleRefused(format!(
                    "its party {:?} ({}) has the name of source {id}, {name:?} ({kind}), which it may not be merged with",
                    source.name,
                    source.kind.as_str()
                )));
            }
            let id = w
                .insert_source
                .insert(params![source.name, source.kind.as_str(), norm])?;
            created.push(id);
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

/// Whether `name` may join a party across articles where it is only that
/// party's alias. A bare word is a surname or a short form that many
/// parties share ("Renner" said: the person, or the Renner Group?), so it
/// joins only an outlet ("Nordwire" for "Nordwire News Agency"); an acronym
/// or a name of several words is specific enough for any party but a
/// person, whom only a name of several words identifies.
fn can_join_through_alias(name: &str, kind: SourceKind) -> bool {
    let several_words = name.split_whitespace().nth(1).is_some();
    let acronym = name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    match kind {
        SourceKind::Person => several_words,
        SourceKind::Media => true,
        SourceKind::Organization => several_words || acronym,
        SourceKind::Anonymous => false,
    }
}

/// Whether a party of `kind` and a stored party of `stored` kind can be one
/// party met under another name: a person only ever as a person, an
/// organisation and a news outlet either way (a broadcaster is both), an
/// unnamed party only as an unnamed one.
fn kinds_can_meet(kind: SourceKind, stored: &str) -> bool {
    match kind {
        SourceKind::Person => stored == SourceKind::Person.as_str(),
        SourceKind::Organization | SourceKind::Media => {
            stored == SourceKind::Organization.as_str() || stored == SourceKind::Media.as_str()
        }
        SourceKind::Anonymous => stored == SourceKind::Anonymous.as_str(),
    }
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
                encoding_given: false,
                document: doc,
                profiles: None,
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
    fn a_person_never_joins_an_organisation_named_after_them() {
        let mut ledger = memory();
        let person = SourceKind::Person;
        let org = SourceKind::Organization;
        import(
            &mut ledger,
            &document("a", vec![source("Lena Renner", person, &[], &["Renner"])]),
        );
        import(
            &mut ledger,
            &document("b", vec![source("Renner", person, &[], &[])]),
        );
        // An organisation that goes by the surname, and a person who goes
        // by the organisation's short name: neither joins the other.
        import(
            &mut ledger,
            &document("c", vec![source("Renner Group", org, &["Renner"], &[])]),
        );
        import(
            &mut ledger,
            &document(
                "d",
                vec![source("Otto Renner", person, &["Renner Group"], &[])],
            ),
        );
        let got = names(&ledger);
        assert_eq!(
            got,
            vec![
                ("Lena Renner".into(), "person".into()),
                ("Renner".into(), "person".into()),
                ("Renner Group".into(), "organization".into()),
                ("Otto Renner".into(), "person".into()),
            ],
        );
        // A bare word is no name to join an organisation by: the
        // organisation "Renner" an article left unexplained stays apart
        // from the Renner Group, whichever comes first.
        import(
            &mut ledger,
            &document("g", vec![source("Sollen", org, &[], &[])]),
        );
        import(
            &mut ledger,
            &document("h", vec![source("Sollen Group", org, &["Sollen"], &[])]),
        );
        import(
            &mut ledger,
            &document("i", vec![source("Sollen", org, &[], &[])]),
        );
        let got = names(&ledger);
        assert!(
            got.contains(&("Sollen".into(), "organization".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("Sollen Group".into(), "organization".into())),
            "{got:?}"
        );
        // An outlet and an organisation may be one party.
        import(
            &mut ledger,
            &document("e", vec![source("Tarn", org, &[], &[])]),
        );
        import(
            &mut ledger,
            &document(
                "f",
                vec![source(
                    "Tarn News Agency",
                    SourceKind::Media,
                    &["Tarn"],
                    &[],
                )],
            ),
        );
        assert!(names(&ledger).contains(&("Tarn News Agency".into(), "organization".into())));
        assert!(!names(&ledger).iter().any(|(n, _)| n == "Tarn"));
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

    fn new<'d>(doc: &'d Document, hash: &'static str) -> NewArticle<'d> {
        NewArticle {
            path: Some("t.txt"),
            content_hash: hash,
            raw_text: &doc.body,
            raw_layout: None,
            encoding: "UTF-8",
            encoding_given: false,
            document: doc,
            profiles: None,
        }
    }

    #[test]
    fn bytes_read_again_in_the_encoding_given_replace_the_article_and_its_parties() {
        let mut ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        let person = |name: &str| source(name, SourceKind::Person, &[], &[]);
        let misread = document(
            "Ji\u{f8}\u{ed} said so.",
            vec![person("Ji\u{f8}\u{ed} Nov\u{e1}k")],
        );
        let mut first = new(&misread, "h1");
        first.encoding = "windows-1252";
        let ImportOutcome::New { article_id, .. } = ledger.import_article(&first).unwrap() else {
            panic!("not new")
        };
        // In one group: the bytes read again as windows-1250, then a new
        // article citing the misread name. The party went with the old
        // claims; the session must not hand its id out from memory.
        let read = document(
            "Ji\u{159}\u{ed} said so.",
            vec![person("Ji\u{159}\u{ed} Nov\u{e1}k")],
        );
        let mut again = new(&read, "h1");
        again.encoding = "windows-1250";
        again.encoding_given = true;
        let other = document(
            "Another said so.",
            vec![person("Ji\u{f8}\u{ed} Nov\u{e1}k")],
        );
        let third = new(&other, "h3");
        let mut session = ledger.import_session::<u8>().unwrap();
        let refused = session.write_group(vec![(1, &again), (2, &third)]).unwrap();
        assert!(refused.is_empty(), "{refused:?}");
        let committed = session.finish().unwrap();
        assert_eq!(
            committed[0],
            (
                1,
                ImportOutcome::Reread {
                    article_id,
                    claims: 1,
                    sources: 1,
                    was: "windows-1252".into(),
                    now: "windows-1250".into(),
                }
            )
        );
        let (encoding, body): (String, String) = ledger
            .conn
            .query_row(
                "SELECT encoding, body FROM articles WHERE id = ?1",
                [article_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (encoding.as_str(), body.as_str()),
            ("windows-1250", "Ji\u{159}\u{ed} said so.")
        );
        let dangling: i64 = ledger
            .conn
            .query_row(
                "SELECT count(*) FROM claims WHERE source_id NOT IN (SELECT id FROM sources)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(dangling, 0);
        let mut names = names(&ledger)
            .into_iter()
            .map(|(n, _)| n)
            .collect::<Vec<_>>();
        names.sort();
        assert_eq!(
            names,
            ["Ji\u{f8}\u{ed} Nov\u{e1}k", "Ji\u{159}\u{ed} Nov\u{e1}k"]
        );
        // Without the encoding given, the same bytes are the same article.
        let mut unchanged = new(&read, "h1");
        unchanged.encoding = "UTF-8";
        assert_eq!(
            ledger.import_article(&unchanged).unwrap(),
            ImportOutcome::Unchanged { article_id }
        );
    }

    fn people(names: &[&str]) -> Vec<Document> {
        names
            .iter()
            .map(|t| {
                document(
                    t,
                    vec![source(&format!("party {t}"), SourceKind::Person, &[], &[])],
                )
            })
            .collect()
    }

    #[test]
    fn an_article_that_fails_the_checks_is_refused_and_the_group_goes_on() {
        let mut ledger = memory();
        let docs = people(&["a", "b", "c"]);
        let mut broken = docs[1].clone();
        broken.claims.push(broken.claims[0].clone());
        broken.claims[1].span.start = 100;
        broken.claims[1].span.end = 99;
        let articles = [new(&docs[0], "ha"), new(&broken, "hb"), new(&docs[2], "hc")];
        let mut session = ledger.import_session::<usize>().unwrap();
        let refused = session
            .write_group(articles.iter().enumerate().collect())
            .unwrap();
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].0, 1);
        assert!(
            refused[0].1.contains("claim 2 at 100..99"),
            "{}",
            refused[0].1
        );
        // Written, but handed back only by the commit that keeps them.
        assert!(session.commit_if_due().unwrap().is_empty());
        let committed = session.finish().unwrap();
        assert_eq!(
            committed.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            [0, 2]
        );
        assert_eq!(ledger.totals().unwrap(), (2, 2, 2));
    }

    #[test]
    fn a_party_the_ledger_cannot_hold_refuses_its_article_and_leaves_nothing_of_it() {
        let mut ledger = memory();
        import(
            &mut ledger,
            &document(
                "a",
                vec![source("analysts", SourceKind::Anonymous, &[], &[])],
            ),
        );
        let before = names(&ledger);
        // A new party of this article, then one named like the anonymous
        // party, which a named party may not merge into.
        let clash = document(
            "b",
            vec![
                source("Ida Brennholz", SourceKind::Person, &[], &[]),
                source("Analysts", SourceKind::Organization, &[], &[]),
            ],
        );
        let mut clash = clash;
        clash.claims.push(clash.claims[0].clone());
        clash.claims[1].source = Some(1);
        clash.claims[1].via.clear();
        clash.claims[0].via.clear();
        let err = ledger.import_article(&new(&clash, "hb")).unwrap_err();
        assert!(matches!(err, StoreError::ArticleRefused(_)), "{err}");
        assert!(err.to_string().contains("\"Analysts\""), "{err}");
        assert_eq!(names(&ledger), before, "the party it created is gone");
        assert_eq!(ledger.totals().unwrap(), (1, 1, 1));
    }

    #[test]
    fn a_session_dropped_unfinished_keeps_nothing() {
        let mut ledger = memory();
        let docs = people(&["a", "b"]);
        {
            let mut session = ledger.import_session::<usize>().unwrap();
            let articles = [new(&docs[0], "ha"), new(&docs[1], "hb")];
            session
                .write_group(articles.iter().enumerate().collect())
                .unwrap();
        }
        assert_eq!(ledger.totals().unwrap(), (0, 0, 0));
        import(&mut ledger, &docs[0]);
        assert_eq!(ledger.totals().unwrap(), (1, 1, 1));
    }

    #[test]
    fn a_failed_write_loses_the_session_and_names_every_article_not_kept() {
        let mut ledger = memory();
        let docs = people(&["a", "b", "c", "d", "e"]);
        // Something the articles cannot cause: the ledger refusing a write.
        ledger
            .conn
            .execute_batch(
                "CREATE TRIGGER refuse BEFORE INSERT ON article_rows WHEN NEW.content_hash = 'hd'
                 BEGIN SELECT RAISE(ABORT, 'refused by the ledger'); END",
            )
            .unwrap();
        let articles: Vec<NewArticle> = docs
            .iter()
            .zip(["ha", "hb", "hc", "hd", "he"])
            .map(|(d, h)| new(d, h))
            .collect();
        let mut session = ledger.import_session::<usize>().unwrap();
        session
            .write_group(articles[..2].iter().enumerate().collect())
            .unwrap();
        let kept = session.commit().unwrap();
        assert_eq!(kept.len(), 2);
        let lost = session
            .write_group(
                articles[2..]
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (i + 2, a))
                    .collect(),
            )
            .unwrap_err();
        assert!(
            lost.error.to_string().contains("refused by the ledger"),
            "{}",
            lost.error
        );
        assert_eq!(lost.at, Some(3));
        assert_eq!(lost.lost, [2, 4], "written since the commit, never written");
        assert!(
            session.write_group(vec![(0, &articles[0])]).is_err(),
            "the session is over"
        );
        drop(session);
        assert_eq!(ledger.totals().unwrap(), (2, 2, 2));
        assert!(ledger.conn.is_autocommit());
    }
}
