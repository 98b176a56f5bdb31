//! Claims that state the same thing in different articles share a cluster:
//! wire copy lightly rewritten, the same figure reworded, the same
//! quotation cut differently. Clusters are kept up to date as each article
//! is written, inside its transaction: every new claim is compared with the
//! first claim of the few clusters that share one of its keys (MinHash
//! bands of its words, its largest figure), found through indexes, never by
//! a pass over the ledger. What decides "the same" is in [`profile`].
//!
//! The writer is the import's narrow end, so the work is per article: a
//! handful of lookups for all its claims' keys, and one multi-row insert.

mod profile;

use std::rc::Rc;

use rusqlite::types::Value;
use rusqlite::{CachedStatement, Connection, params};
use rustc_hash::FxHashMap;

use crate::extract::{ClaimKind, Document, Mode};
use profile::{BANDS, Context, FigureIn, Profile, Verdict};

/// Clusters read per key. A key that this many clusters share
/// (boilerplate, a template filled in with other names or figures) is not
/// stored for further ones, so a lookup never reads more than this many
/// entries per key, however large the ledger.
const CLUSTERS_PER_KEY: usize = 4;

/// Clusters a claim is compared with at most. Keys a template shares fill
/// every bucket a claim looks in; the clusters that share most of its keys
/// are compared first, and the rest are no likelier to be the same.
const COMPARED: usize = 6;

/// The keys a claim is looked up by: its MinHash bands, then its figure.
const KEYS: usize = BANDS + 1;
const FIGURE: usize = BANDS;
const KEY_COLUMNS: [&str; KEYS] = ["band1", "band2", "band3", "band4", "figure"];

/// Clusters and keys kept in memory (see [`Cache`]); past either, the
/// cache starts over. About 20 MB at most.
const CACHED_PROFILES: usize = 32_768;
const CACHED_KEYS: usize = 131_072;

/// A claim's lookup keys; `None` for a claim too short to match others.
type Keys = Option<[Option<i64>; KEYS]>;

/// Clusters every claim of an article: the statements, prepared once for
/// a group of articles like the rest of the writer's, and what is worth
/// keeping from one article to the next.
pub(super) struct Clusterer<'c> {
    claim_ids: CachedStatement<'c>,
    /// One lookup per key column, for many keys at once.
    by_key: Vec<CachedStatement<'c>>,
    profiles_of: CachedStatement<'c>,
    insert: CachedStatement<'c>,
    /// A claim that joins a cluster, or stays alone without keys.
    insert_member: CachedStatement<'c>,
    /// The profiles of the claims being placed, and their article's names.
    profiles: Vec<Profile>,
    context: Context,
    /// What earlier imports' keys found, and what this group's find.
    shared: &'c Cache,
    fresh: Cache,
}

/// The clusters found under keys already looked up, and the profiles of
/// those clusters, kept by the ledger from one group of articles to the
/// next: the clusters a story opens are met again in the articles that
/// follow, and looking them up again was most of clustering's time. Like
/// the cache of parties, it takes what a group found only once the group
/// is written, and starts over when another process has written.
#[derive(Default)]
pub(super) struct Cache {
    buckets: Buckets,
    known: FxHashMap<i64, Profile>,
    data_version: Option<i64>,
}

impl Cache {
    /// Called inside each write transaction before the cache is used.
    pub(super) fn check_still_valid(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            *self = Cache {
                data_version: Some(version),
                ..Cache::default()
            };
        }
        Ok(())
    }

    /// Takes in what a group of articles found, once they are written.
    pub(super) fn extend(&mut self, fresh: Cache) {
        if self.known.len() + fresh.known.len() > CACHED_PROFILES
            || self.buckets.by_key.len() + fresh.buckets.by_key.len() > CACHED_KEYS
        {
            self.known.clear();
            self.buckets = Buckets::default();
        }
        self.known.extend(fresh.known);
        self.buckets.by_key.extend(fresh.buckets.by_key);
    }
}

impl<'c> Clusterer<'c> {
    pub(super) fn new(conn: &'c Connection, shared: &'c Cache) -> rusqlite::Result<Clusterer<'c>> {
        let by_key = KEY_COLUMNS
            .iter()
            .map(|column| {
                conn.prepare_cached(&format!(
                    "SELECT k.value, m.cluster_id, m.claim_id
                     FROM rarray(?1) AS k JOIN cluster_members AS m ON m.{column} = k.value"
                ))
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(Clusterer {
            claim_ids: conn.prepare_cached(
                "SELECT id FROM claim_rows WHERE article_id = ?1 ORDER BY position",
            )?,
            by_key,
            profiles_of: conn.prepare_cached(
                "SELECT m.cluster_id, m.profile
                 FROM rarray(?1) AS k JOIN cluster_members AS m ON m.claim_id = k.value",
            )?,
            insert: conn.prepare_cached(
                "INSERT INTO cluster_members (claim_id, cluster_id, profile, band1, band2, band3,
                                              band4, figure, conflicts_with)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            insert_member: conn.prepare_cached(
                "INSERT INTO cluster_members (claim_id, cluster_id) VALUES (?1, ?2)",
            )?,
            profiles: Vec::new(),
            context: Context::default(),
            shared,
            fresh: Cache::default(),
        })
    }

    /// What this group found, for [`Cache::extend`] once it is written.
    pub(super) fn into_found(self) -> Cache {
        self.fresh
    }

    /// Whether a key was looked up by an earlier group or this one.
    fn looked_up(&self, column: usize, key: i64) -> bool {
        self.fresh.buckets.by_key.contains_key(&(column, key))
            || self.shared.buckets.by_key.contains_key(&(column, key))
    }

    fn bucket(&self, column: usize, key: i64) -> Option<&Bucket> {
        self.fresh
            .buckets
            .by_key
            .get(&(column, key))
            .or_else(|| self.shared.buckets.by_key.get(&(column, key)))
    }

    /// Notes a cluster under a key (the bucket is copied on first change).
    fn add(&mut self, column: usize, key: i64, cluster: i64) {
        if !self.fresh.buckets.by_key.contains_key(&(column, key)) {
            let known = self.shared.buckets.by_key.get(&(column, key)).copied();
            self.fresh
                .buckets
                .by_key
                .insert((column, key), known.unwrap_or_default());
        }
        self.fresh.buckets.add(column, key, cluster);
    }

    fn full(&self, column: usize, key: i64) -> bool {
        self.bucket(column, key).is_some_and(Bucket::full)
    }

    fn known(&self, cluster: i64) -> Option<&Profile> {
        self.fresh
            .known
            .get(&cluster)
            .or_else(|| self.shared.known.get(&cluster))
    }

    /// The clusters under a claim's keys in `columns` worth comparing, at
    /// most [`COMPARED`]: those sharing the most keys first, then the most
    /// recently opened (news is reported in bursts).
    fn candidates(&self, keys: &[Option<i64>; KEYS], columns: &[usize], out: &mut Vec<i64>) {
        // At most KEYS buckets of CLUSTERS_PER_KEY: on the stack.
        let mut found = [0i64; KEYS * CLUSTERS_PER_KEY];
        let mut n = 0;
        for bucket in columns.iter().filter_map(|&c| self.bucket(c, keys[c]?)) {
            for &cluster in bucket.as_slice() {
                found[n] = cluster;
                n += 1;
            }
        }
        let found = &mut found[..n];
        found.sort_unstable();
        let mut ranked = [(0usize, 0i64); KEYS * CLUSTERS_PER_KEY];
        let mut m = 0;
        for run in found.chunk_by(|a, b| a == b) {
            ranked[m] = (run.len(), run[0]);
            m += 1;
        }
        let ranked = &mut ranked[..m];
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        out.clear();
        out.extend(ranked.iter().take(COMPARED).map(|&(_, cluster)| cluster));
    }

    /// How a claim stands to the clusters it could join: the first (most
    /// recently opened) it states the same as, and one it disagrees with
    /// on a figure.
    fn judge(&self, profile: &Profile, candidates: &[i64]) -> (Option<i64>, Option<i64>) {
        let mut conflict = None;
        for &cluster in candidates {
            let Some(first) = self.known(cluster) else {
                continue;
            };
            match profile.compare(first) {
                Verdict::Same => return (Some(cluster), conflict),
                Verdict::Conflict => {
                    conflict.get_or_insert(cluster);
                }
                Verdict::Different => {}
            }
        }
        (None, conflict)
    }

    /// Puts every claim of a just-written article into a cluster: one it
    /// states the same as, or a new one of its own. Called once per
    /// article, in the article's transaction, after its claims are written.
    pub(super) fn assign(&mut self, article_id: i64, doc: &Document) -> rusqlite::Result<()> {
        let ids = self
            .claim_ids
            .query_map([article_id], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        self.profiles
            .resize_with(doc.claims.len(), Profile::default);
        self.context.clear();
        for (claim, profile) in doc.claims.iter().zip(&mut self.profiles) {
            let figures = claim.quantities.iter().map(|q| FigureIn {
                value: q.value,
                unit: q.unit.as_deref(),
                approx: q.approx,
            });
            profile.fill(
                &claim.span.text,
                (claim.mode == Mode::Direct, claim.kind == ClaimKind::Denial),
                figures,
                &mut self.context,
            );
        }
        self.place(&ids)
    }

    /// Clusters the claims `ids`, whose profiles are the first
    /// `ids.len()` of `self.profiles` (context not yet given). Most
    /// repeated claims share their first band with the cluster they join,
    /// so the other keys are only looked up for the claims it did not
    /// place.
    fn place(&mut self, ids: &[i64]) -> rusqlite::Result<()> {
        self.context.settle();
        let profiles = &mut self.profiles[..ids.len()];
        for profile in profiles.iter_mut() {
            profile.set_context(&self.context);
        }
        let keys: Vec<Keys> = profiles
            .iter()
            .map(|p| {
                p.clusterable().then(|| {
                    let [b1, b2, b3, b4] = p.bands();
                    [Some(b1), Some(b2), Some(b3), Some(b4), p.figure_key()]
                })
            })
            .collect();
        let mut placed: Vec<Option<i64>> = vec![None; ids.len()];
        let everyone: Vec<usize> = (0..ids.len()).filter(|&i| keys[i].is_some()).collect();
        self.look_up(&keys, &everyone, &[0])?;
        let mut candidates = Vec::new();
        for &i in &everyone {
            if let Some(k) = &keys[i] {
                self.candidates(k, &[0], &mut candidates);
                placed[i] = self.judge(&self.profiles[i], &candidates).0;
            }
        }
        // A claim whose first band is as full as a key gets is
        // boilerplate: only its figure can tell it from the others.
        let boilerplate = |i: usize| {
            keys[i]
                .as_ref()
                .and_then(|k| k[0])
                .is_some_and(|k| self.full(0, k))
        };
        let (plain, boiler): (Vec<usize>, Vec<usize>) = everyone
            .iter()
            .copied()
            .filter(|&i| placed[i].is_none())
            .partition(|&i| !boilerplate(i));
        self.look_up(&keys, &plain, &[1, 2, 3, FIGURE])?;
        self.look_up(&keys, &boiler, &[FIGURE])?;

        let mut bytes = Vec::new();
        for (i, &claim_id) in ids.iter().enumerate() {
            let Some(claim_keys) = keys[i] else {
                self.insert_member.execute([claim_id, claim_id])?;
                continue;
            };
            let columns: &[usize] = if boiler.contains(&i) {
                &[0, FIGURE]
            } else {
                &[0, 1, 2, 3, FIGURE]
            };
            let (same, conflict) = match placed[i] {
                Some(cluster) => (Some(cluster), None),
                None => {
                    self.candidates(&claim_keys, columns, &mut candidates);
                    self.judge(&self.profiles[i], &candidates)
                }
            };
            if let Some(cluster_id) = same {
                self.insert_member.execute([claim_id, cluster_id])?;
                continue;
            }
            // A key as many clusters already share is not stored again,
            // nor one this claim did not look up: the claim is found by
            // its other keys, or stays alone.
            let stored: [Option<i64>; KEYS] = std::array::from_fn(|column| {
                claim_keys[column].filter(|&k| columns.contains(&column) && !self.full(column, k))
            });
            // Later claims of the same article find it too.
            for (column, key) in stored.iter().enumerate() {
                if let Some(key) = *key {
                    self.add(column, key, claim_id);
                }
            }
            let profile = &self.profiles[i];
            profile.write(&mut bytes);
            self.insert.execute(params![
                claim_id, claim_id, &bytes, stored[0], stored[1], stored[2], stored[3], stored[4],
                conflict
            ])?;
            let profile = profile.clone();
            self.fresh.known.insert(claim_id, profile);
        }
        Ok(())
    }

    /// Reads the clusters under the `columns` keys of the claims `who`
    /// that this group has not looked up yet, and the profiles of those
    /// not yet known.
    fn look_up(&mut self, keys: &[Keys], who: &[usize], columns: &[usize]) -> rusqlite::Result<()> {
        let mut carriers = Vec::new();
        for &column in columns {
            let mut wanted: Vec<i64> = who
                .iter()
                .filter_map(|&i| keys[i].as_ref()?[column])
                .filter(|&k| !self.looked_up(column, k))
                .collect();
            wanted.sort_unstable();
            wanted.dedup();
            if wanted.is_empty() {
                continue;
            }
            for &key in &wanted {
                self.fresh.buckets.open(column, key);
            }
            let wanted: Vec<Value> = wanted.into_iter().map(Value::Integer).collect();
            let found = self.by_key[column]
                .query_map([Rc::new(wanted)], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (key, cluster, carrier) in found {
                self.add(column, key, cluster);
                if self.known(cluster).is_none() {
                    carriers.push(Value::Integer(carrier));
                }
            }
        }
        if carriers.is_empty() {
            return Ok(());
        }
        let mut rows = self.profiles_of.query([Rc::new(carriers)])?;
        while let Some(r) = rows.next()? {
            if let Some(blob) = r.get_ref(1)?.as_blob_or_null()? {
                let mut profile = Profile::default();
                if profile.read(blob) {
                    self.fresh.known.insert(r.get(0)?, profile);
                }
            }
        }
        Ok(())
    }
}

/// The clusters found under each key looked up in this group.
#[derive(Default)]
struct Buckets {
    by_key: FxHashMap<(usize, i64), Bucket>,
}

/// The clusters under one key, kept inline: most keys have none or one.
#[derive(Debug, Clone, Copy, Default)]
struct Bucket {
    clusters: [i64; CLUSTERS_PER_KEY],
    len: u8,
}

impl Bucket {
    fn as_slice(&self) -> &[i64] {
        &self.clusters[..usize::from(self.len)]
    }

    fn full(&self) -> bool {
        usize::from(self.len) >= CLUSTERS_PER_KEY
    }
}

impl Buckets {
    /// Marks a key as looked up, with no cluster found yet.
    fn open(&mut self, column: usize, key: i64) {
        self.by_key.entry((column, key)).or_default();
    }

    fn add(&mut self, column: usize, key: i64, cluster: i64) {
        let bucket = self.by_key.entry((column, key)).or_default();
        if !bucket.full() && !bucket.as_slice().contains(&cluster) {
            bucket.clusters[usize::from(bucket.len)] = cluster;
            bucket.len += 1;
        }
    }
}

/// Schema 6: the cluster tables and views, then every claim already in
/// the ledger put into its cluster, article by article in import order,
/// as an import would have (a ledger is migrated once).
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(include_str!("../../../migrations/0006_claim_clusters.sql"))?;
    let cache = Cache::default();
    let mut clusterer = Clusterer::new(conn, &cache)?;
    let mut articles = conn.prepare("SELECT id, body FROM article_rows ORDER BY id")?;
    let mut claims = conn.prepare(
        "SELECT id, body_start, body_end, mode, kind FROM claim_rows
         WHERE article_id = ?1 ORDER BY position",
    )?;
    let mut quantities = conn.prepare(
        "SELECT value, unit, approx FROM quantities WHERE claim_id = ?1 ORDER BY position",
    )?;
    let mut rows = articles.query([])?;
    while let Some(article) = rows.next()? {
        let article_id: i64 = article.get(0)?;
        let body: String = article.get(1)?;
        // Claim offsets count characters; slicing needs bytes.
        let bytes: Vec<usize> = body
            .char_indices()
            .map(|(at, _)| at)
            .chain([body.len()])
            .collect();
        let byte = |chars: i64| bytes[(chars.max(0) as usize).min(bytes.len() - 1)];
        let stored = claims
            .query_map([article_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        clusterer
            .profiles
            .resize_with(stored.len(), Profile::default);
        clusterer.context.clear();
        for ((claim_id, start, end, mode, kind), profile) in
            stored.iter().zip(&mut clusterer.profiles)
        {
            let figures = quantities
                .query_map([claim_id], |r| {
                    Ok((
                        r.get::<_, f64>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<(f64, Option<String>, bool)>>>()?;
            let text = &body[byte(*start)..byte(*end).max(byte(*start))];
            profile.fill(
                text,
                (mode == "direct", kind == "denial"),
                figures.iter().map(|(value, unit, approx)| FigureIn {
                    value: *value,
                    unit: unit.as_deref(),
                    approx: *approx,
                }),
                &mut clusterer.context,
            );
        }
        let ids: Vec<i64> = stored.iter().map(|c| c.0).collect();
        clusterer.place(&ids)?;
    }
    Ok(())
}
