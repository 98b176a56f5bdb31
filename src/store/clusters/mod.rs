//! Claims that state the same thing in different articles share a cluster:
//! wire copy lightly rewritten, the same figure reworded, the same
//! quotation cut differently. Clusters are kept up to date as each article
//! is written, inside its transaction: every new claim is compared with the
//! first claim of the few clusters that share one of its keys (MinHash
//! bands of its words, its largest figure), found through indexes, never by
//! a pass over the ledger. What decides "the same" is in [`profile`].
//!
//! The writer is the import's narrow end, so the work is shaped around it:
//! an article's keys are looked up in one or two statements before its
//! claims are written, each claim's cluster is decided before its insert
//! and written by that insert (`claim_rows.cluster_id`), for a whole group
//! of articles at once where the cache can answer every lookup ([`plan`]),
//! and the keys of the clusters a batch of articles opens are written in
//! one statement, sorted, just before the batch is committed: random inserts
//! into the keys' index, article by article, were a third of what
//! clustering added to an import. Until then lookups find those keys in
//! memory ([`Cache`]).
//! A cluster's first claim is compared as a profile kept in memory since it
//! was written, or made again from its text in the ledger.

mod plan;
mod profile;

use std::rc::Rc;

use rusqlite::types::Value;
use rusqlite::{CachedStatement, Connection, params};
use rustc_hash::FxHashMap;

use crate::extract::{ClaimKind, Document, Mode};
use profile::{BANDS, Context, Draft, FigureIn, Kept, Mark, Profiles, Verdict, View};

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
/// Each is hashed with its place, so one table holds them all.
const KEYS: usize = BANDS + 1;
const FIGURE: usize = BANDS;
/// The keys looked up for a claim the first band did not place, and for
/// one whose first band is boilerplate (only its figure tells it apart).
const OTHER_KEYS: [usize; 4] = [1, 2, 3, FIGURE];
const ALL_KEYS: [usize; KEYS] = [0, 1, 2, 3, FIGURE];
const BOILERPLATE_KEYS: [usize; 2] = [0, FIGURE];

/// Clusters and keys kept in memory (see [`Cache`]); past either, the
/// older half goes. As many profiles as keys: every cached cluster has a
/// key, and a profile dropped while a cached key still leads to its
/// cluster is read back from the ledger (an article body each, about 75k
/// instructions), which at 10,000 articles cost the writer more than the
/// lookups the cache saves. About 30 MB at most.
const CACHED_KEYS: usize = 131_072;
const CACHED_PROFILES: usize = CACHED_KEYS;

/// A claim's lookup keys; `None` for a claim too short to match others.
type Keys = Option<[Option<i64>; KEYS]>;

/// Where one claim of the article being written stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// Too short to match others: a cluster of its own, never found.
    Alone,
    /// Not decided yet.
    Open,
    /// Joins this cluster.
    Joins(i64),
    /// Opens a cluster of its own; the cluster it disagrees with on a
    /// figure, if any.
    Opens { conflict: Option<i64> },
}

/// Clusters every claim of an article: the statements, prepared once for
/// a group of articles like the rest of the writer's, and what is worth
/// keeping from one article to the next.
pub(super) struct Clusterer<'c> {
    /// The ledger's statements; `None` while a group is planned (see
    /// [`plan`]), when the cache must answer every lookup.
    ledger: Option<Reads<'c>>,
    /// The clusters of the group's claims, decided before they are written
    /// (see [`plan`]).
    plan: Option<plan::Plan>,
    /// Where the claims of the article being written stand.
    places: Vec<Placement>,
    boilerplate: Vec<bool>,
    /// What the article's claims were found to be to the clusters they
    /// were compared with, by claim.
    judged: Vec<Judged>,
    /// Buffers for candidates, kept from one claim and article to the
    /// next: allocating them for each was a good part of the allocator's
    /// work on the writer.
    first_candidates: Vec<Vec<Candidate>>,
    claim_candidates: Vec<Candidate>,
    /// What this connection's lookups found, earlier groups' and this
    /// one's. Written as the group goes: should the group fail, its batch
    /// is rolled back and the session forgets the whole cache.
    cache: &'c mut Cache,
}

/// The clusters found under keys already looked up, and the profiles of
/// those clusters, kept by the ledger from one group of articles to the
/// next: the clusters a story opens are met again in the articles that
/// follow, and looking them up again was most of clustering's time. It
/// starts over when another process has written, and when a batch is
/// rolled back. One map of each, written in place: a group's own maps,
/// merged at its end, cost a second lookup for every key and profile.
#[derive(Default)]
pub(super) struct Cache {
    buckets: Buckets,
    known: Kept,
    data_version: Option<i64>,
    /// Whether `buckets` holds every key in the ledger: the ledger had none
    /// when the cache started, and no key with a cluster under it has been
    /// dropped from memory since.
    /// Each key written since went through the cache, so a key the cache
    /// has not met is in no row, and needs no lookup: in an import into an
    /// empty ledger, nearly all lookups found nothing.
    complete: bool,
    /// Keys of the clusters opened and not written yet, with the cluster
    /// packed in (see [`pack`]); [`Cache::write`] writes them. Each is
    /// under its key in `buckets` until then (a claim is stored under keys
    /// it looked up), so lookups find it. They are written before a key
    /// with a cluster leaves the cache, before one is dropped, before the
    /// cache is forgotten, and before the batch is committed.
    unwritten: Vec<i64>,
    /// The claims that joined a cluster, with the cluster packed in (the
    /// cluster high, the claim low), not in `cluster_joins` yet: written
    /// with the keys, and before anything reads or deletes members.
    unjoined: Vec<i64>,
    /// The clusters opened with a figure that disagrees with an earlier
    /// cluster's, packed with that cluster (the new one high): written with
    /// the keys. One insert each into the table and its index cost the
    /// writer as much as all the keys.
    unconflicted: Vec<i64>,
    /// Whether profiles of clusters still under a key in `buckets` have
    /// been dropped from memory (see [`Cache::trim`]).
    trimmed: bool,
}

/// How many keys, members and conflicts wait in a [`Cache`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Waiting([usize; 3]);

/// Keys, members and conflicts waiting at most, however long the batch
/// (about 800 articles' at 21 rows an article): enough that a write fills
/// the indexes' pages with several rows each, few enough that the write at
/// the end of an import, when the extraction workers are done and nothing
/// else runs, is short (about 10 ms). Waiting for the whole batch made that
/// last write most of what a 2,000-article import spent on keys; a quarter
/// as many took the writer 140 ms for the 210,000 rows of a 10,000-article
/// import, against 100 ms (three runs each).
const UNWRITTEN_KEYS: usize = 1 << 14;

impl Cache {
    /// Called inside each write transaction before the cache is used.
    pub(super) fn check_still_valid(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            debug_assert!(
                self.waiting() == 0,
                "keys, members or conflicts not written"
            );
            let complete: bool =
                conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM cluster_keys)", [], |r| {
                    r.get(0)
                })?;
            *self = Cache {
                data_version: Some(version),
                complete,
                ..Cache::default()
            };
        }
        Ok(())
    }

    /// Keeps the cache within its limits, once a group is written: the
    /// clusters opened longest ago go, and the keys that lead only to
    /// them. News comes in bursts, so a cluster is met again soon after it
    /// opens or seldom, and forgetting everything at once had every later
    /// group look its clusters up again.
    fn trim(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.waiting() >= UNWRITTEN_KEYS {
            self.write(conn)?;
        }
        if self.known.len() > CACHED_PROFILES {
            let ids: Vec<i64> = self.known.clusters().collect();
            let cut = median(ids);
            self.known.keep_from(cut);
            self.trimmed = true;
        }
        if self.buckets.by_key.len() > CACHED_KEYS {
            // The keys that go must be found in the ledger.
            self.write(conn)?;
            // A key is as recent as the latest cluster under it; one with
            // none is as old as can be, and goes whatever the median.
            let latest = |b: &Bucket| b.ids().max().unwrap_or(0);
            let ids: Vec<i64> = self.buckets.by_key.values().map(latest).collect();
            let cut = median(ids).max(1);
            // Keys found empty may go without the cache ceasing to hold
            // every key that has a row.
            let mut lost = false;
            self.buckets.by_key.retain(|_, b| {
                let keep = latest(b) >= cut;
                lost |= !keep && !b.is_empty();
                keep
            });
            self.complete &= !lost;
        }
        Ok(())
    }

    /// Writes the keys of the clusters opened, the members that joined
    /// clusters and the conflicts found since they were last written,
    /// each table's rows in its order: the rows of a whole run share the
    /// index's pages, where written article by article each went to a page
    /// of its own. (Rows a cluster left behind keep their place: nothing
    /// to add.)
    pub(super) fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        write_sorted(conn, "cluster_keys (key, cluster_id)", &mut self.unwritten)?;
        write_sorted(
            conn,
            "cluster_joins (cluster_id, claim_id)",
            &mut self.unjoined,
        )?;
        write_sorted(
            conn,
            "cluster_conflicts (cluster_id, conflicts_with)",
            &mut self.unconflicted,
        )
    }

    /// Rows waiting to be written.
    fn waiting(&self) -> usize {
        self.unwritten.len() + self.unjoined.len() + self.unconflicted.len()
    }

    fn waiting_at(&self) -> Waiting {
        Waiting([
            self.unwritten.len(),
            self.unjoined.len(),
            self.unconflicted.len(),
        ])
    }

    /// Drops the rows that came to wait after `at`.
    fn keep_waiting(&mut self, Waiting([keys, joins, conflicts]): Waiting) {
        self.unwritten.truncate(keys);
        self.unjoined.truncate(joins);
        self.unconflicted.truncate(conflicts);
    }

    /// Whether every lookup can be answered from memory: every key in the
    /// ledger is in `buckets`, and the profile of every cluster under one
    /// is in `known`.
    fn whole(&self) -> bool {
        self.complete && !self.trimmed
    }
}

/// Inserts the pairs packed in `rows` (see [`pack`]) into `table`, sorted,
/// in one statement, and empties `rows`. `OR IGNORE`: a statement that
/// writes several rows and could fail half way opens a statement journal
/// and copies every page it touches, which cost six times the inserts.
fn write_sorted(conn: &Connection, table: &str, rows: &mut Vec<i64>) -> rusqlite::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    rows.sort_unstable();
    let values: Vec<Value> = rows.drain(..).map(Value::Integer).collect();
    conn.prepare_cached(&format!(
        "INSERT OR IGNORE INTO {table} SELECT value >> 32, value & 4294967295 FROM rarray(?1)"
    ))?
    .execute([Rc::new(values)])?;
    Ok(())
}

/// The middle value of `values` (the upper of the two middle ones), or 0
/// for none: keeping what is at or above it keeps about half.
fn median(mut values: Vec<i64>) -> i64 {
    if values.is_empty() {
        return 0;
    }
    let middle = values.len() / 2;
    *values.select_nth_unstable(middle).1
}

/// What clustering compares an article's claims on, made from the
/// document alone: the claims' profiles and lookup keys, and the names the
/// article is about. Pure, so an import makes it on the extraction workers
/// ([`ClaimProfiles::of`]), off the writer, which only looks its keys up.
#[derive(Debug, Clone, Default)]
pub struct ClaimProfiles {
    profiles: Profiles,
    keys: Vec<Keys>,
}

impl ClaimProfiles {
    /// The profiles of the claims of `doc`.
    pub fn of(doc: &Document) -> ClaimProfiles {
        ClaimProfiles::build(doc.claims.iter().map(|claim| {
            (
                claim.span.text.as_str(),
                (claim.mode == Mode::Direct, claim.kind == ClaimKind::Denial),
                claim.quantities.iter().map(|q| FigureIn {
                    value: q.value,
                    unit: q.unit.as_deref(),
                    approx: q.approx,
                }),
            )
        }))
    }

    /// The profiles of an article's claims, each given as its text, whether
    /// it is a quotation and a denial, and its figures.
    fn build<'a, F: IntoIterator<Item = FigureIn<'a>>>(
        claims: impl Iterator<Item = (&'a str, (bool, bool), F)>,
    ) -> ClaimProfiles {
        let profiles = Profiles::of(claims);
        let keys = (0..profiles.len())
            .map(|i| {
                let p = profiles.get(i);
                p.clusterable().then(|| {
                    let [b1, b2, b3, b4] = p.bands();
                    [Some(b1), Some(b2), Some(b3), Some(b4), p.figure_key()]
                })
            })
            .collect();
        ClaimProfiles { profiles, keys }
    }

    /// The names the article is about, as `article_rows.cluster_names`
    /// keeps them.
    pub(super) fn names(&self) -> Option<Vec<u8>> {
        self.profiles.context().stored()
    }

    /// Whether these are the profiles of `doc`'s claims (as many).
    pub(super) fn fit(&self, doc: &Document) -> bool {
        self.profiles.len() == doc.claims.len()
    }

    /// How many claims.
    fn len(&self) -> usize {
        self.keys.len()
    }
}

/// A claim as the ledger holds it, to profile again.
struct Stored {
    text: String,
    mode: Mode,
    kind: ClaimKind,
    names: Option<Vec<u8>>,
}

/// The statements a clusterer reads (and drops stale keys) with.
struct Reads<'c> {
    conn: &'c Connection,
    by_keys: CachedStatement<'c>,
    first_claims: CachedStatement<'c>,
    figures_of: CachedStatement<'c>,
    drop_key: CachedStatement<'c>,
}

impl<'c> Reads<'c> {
    fn new(conn: &'c Connection) -> rusqlite::Result<Reads<'c>> {
        Ok(Reads {
            by_keys: conn.prepare_cached(
                "SELECT k.key, k.cluster_id
                 FROM rarray(?1) AS x JOIN cluster_keys AS k ON k.key = x.value",
            )?,
            // A cluster's first claim, or its first member left when that
            // claim has gone. A claim with the cluster's id that is itself
            // a member elsewhere is not the cluster: the id came back
            // after the cluster lost its last claim (stale keys).
            first_claims: conn.prepare_cached(
                "SELECT k.value, c.id, substr(a.body, c.body_start + 1, c.body_end - c.body_start),
                        c.mode, c.kind, a.cluster_names
                 FROM rarray(?1) AS k
                 JOIN claim_rows AS c
                   ON c.id = coalesce((SELECT id FROM claim_rows
                                       WHERE id = k.value AND cluster_id IS NULL),
                                      (SELECT min(claim_id) FROM cluster_joins
                                       WHERE cluster_id = k.value))
                 JOIN article_rows AS a ON a.id = c.article_id",
            )?,
            figures_of: conn.prepare_cached(
                "SELECT claim_id, value, unit, approx FROM quantities
                 WHERE claim_id IN rarray(?1) ORDER BY claim_id, position",
            )?,
            drop_key: conn
                .prepare_cached("DELETE FROM cluster_keys WHERE key = ?1 AND cluster_id = ?2")?,
            conn,
        })
    }
}

/// The ledger's statements, where the clusterer has them.
fn reads<'a, 'c>(ledger: &'a mut Option<Reads<'c>>) -> rusqlite::Result<&'a mut Reads<'c>> {
    ledger
        .as_mut()
        .ok_or_else(|| rusqlite::Error::UserFunctionError(plan::NO_LEDGER.into()))
}

impl<'c> Clusterer<'c> {
    pub(super) fn new(
        conn: &'c Connection,
        cache: &'c mut Cache,
    ) -> rusqlite::Result<Clusterer<'c>> {
        Ok(Clusterer {
            ledger: Some(Reads::new(conn)?),
            plan: None,
            places: Vec::new(),
            boilerplate: Vec::new(),
            judged: Vec::new(),
            first_candidates: Vec::new(),
            claim_candidates: Vec::new(),
            cache,
        })
    }

    /// Writes the keys and members not written yet: before claims are
    /// deleted, whose members the ledger's trigger removes.
    pub(super) fn write(&mut self) -> rusqlite::Result<()> {
        self.drop_plan()?;
        let conn = reads(&mut self.ledger)?.conn;
        self.cache.write(conn)
    }

    /// Keeps the cache within its limits, once the group is written.
    pub(super) fn finish(mut self) -> rusqlite::Result<()> {
        self.drop_plan()?;
        let conn = reads(&mut self.ledger)?.conn;
        self.cache.trim(conn)
    }

    /// Forgets every cluster looked up so far, after claims were replaced
    /// (deleted) outside the clusterer's knowledge. The keys not written
    /// yet are written first: lookups go to the ledger from now on.
    pub(super) fn forget(&mut self) -> rusqlite::Result<()> {
        self.drop_plan()?;
        let conn = reads(&mut self.ledger)?.conn;
        self.cache.write(conn)?;
        // Nor does the cache hold every key any more: lookups read the
        // ledger.
        *self.cache = Cache {
            data_version: self.cache.data_version,
            ..Cache::default()
        };
        Ok(())
    }

    /// Gets ready to write the claims of the article `art` profiles: looks
    /// up the clusters they could join. Then, claim by claim in order,
    /// [`Clusterer::cluster_of`] and [`Clusterer::written`]; the keys of
    /// the clusters opened are written with the batch (see
    /// [`Cache::write`]). Most repeated claims share their first band
    /// with the cluster they join, so the other keys are only looked up for
    /// the claims it did not place.
    pub(super) fn prepare(&mut self, art: &ClaimProfiles) -> rusqlite::Result<()> {
        if self.take_planned(art)? {
            return Ok(());
        }
        self.places.clear();
        self.places.extend(art.keys.iter().map(|k| match k {
            Some(_) => Placement::Open,
            None => Placement::Alone,
        }));
        let everyone: Vec<usize> = (0..art.keys.len())
            .filter(|&i| art.keys[i].is_some())
            .collect();
        self.look_up(art, &[(&everyone, &[0])])?;
        let mut candidates = std::mem::take(&mut self.first_candidates);
        if candidates.len() < art.keys.len() {
            candidates.resize_with(art.keys.len(), Vec::new);
        }
        candidates.iter_mut().for_each(Vec::clear);
        for &i in &everyone {
            if let Some(keys) = &art.keys[i] {
                self.candidates(keys, &[0], &mut candidates[i]);
            }
        }
        // Every claim compared with the candidates in memory; then, for the
        // few claims with candidates that are not, their profiles read in
        // one statement and those claims decided (comparing again with
        // none of the others).
        self.judged.clear();
        self.judged.resize(art.keys.len(), Judged::default());
        let mut judged = std::mem::take(&mut self.judged);
        let mut missing = Vec::new();
        let mut unsettled = Vec::new();
        for &i in &everyone {
            let ((same, _), not_at_hand) =
                self.judge(art.profiles.get(i), &candidates[i], &mut judged[i]);
            if not_at_hand.is_empty() {
                if let Some(cluster) = same {
                    self.places[i] = Placement::Joins(cluster);
                }
            } else {
                missing.extend(not_at_hand);
                unsettled.push(i);
            }
        }
        self.judged = judged;
        self.load_profiles(&missing)?;
        for i in unsettled {
            if let Some(cluster) = self.decide(art, i, &[0], &candidates[i], true)?.0 {
                self.places[i] = Placement::Joins(cluster);
            }
        }
        self.first_candidates = candidates;
        // A claim whose first band is as full as a key gets is
        // boilerplate: only its figure can tell it from the others.
        let boilerplate: Vec<bool> = art
            .keys
            .iter()
            .map(|k| k.and_then(|k| k[0]).is_some_and(|k| self.full(k)))
            .collect();
        self.boilerplate = boilerplate;
        let (boiler, plain): (Vec<usize>, Vec<usize>) = everyone
            .into_iter()
            .filter(|&i| self.places[i] == Placement::Open)
            .partition(|&i| self.boilerplate[i]);
        self.look_up(art, &[(&plain, &OTHER_KEYS), (&boiler, &[FIGURE])])
    }

    /// The cluster claim `i` of the article joins, to write with it; `None`
    /// when it has a cluster of its own. Claims are decided in order, so a
    /// claim can join one an earlier claim of the same article opened.
    pub(super) fn cluster_of(
        &mut self,
        art: &ClaimProfiles,
        i: usize,
    ) -> rusqlite::Result<Option<i64>> {
        if let Some(placed) = self.planned(i) {
            return Ok(placed);
        }
        if let (Placement::Open, Some(keys)) = (self.places[i], &art.keys[i]) {
            let mut candidates = std::mem::take(&mut self.claim_candidates);
            self.candidates(keys, self.columns(i), &mut candidates);
            let decided = self.decide(art, i, self.columns(i), &candidates, false);
            self.claim_candidates = candidates;
            self.places[i] = match decided? {
                (Some(cluster), _) => Placement::Joins(cluster),
                (None, conflict) => Placement::Opens { conflict },
            };
        }
        Ok(match self.places[i] {
            Placement::Joins(cluster) => Some(cluster),
            _ => None,
        })
    }

    /// Records claim `i`, written as `claim_id`: a claim that opened a
    /// cluster gets the keys later claims find it by (written by
    /// [`Cache::write`]), and its conflict.
    pub(super) fn written(
        &mut self,
        art: &ClaimProfiles,
        i: usize,
        claim_id: i64,
    ) -> rusqlite::Result<()> {
        if self.written_as_planned(i, claim_id)? {
            return Ok(());
        }
        if let Placement::Joins(cluster) = self.places[i] {
            self.cache.unjoined.push(pack(cluster, claim_id));
        }
        let (Placement::Opens { conflict }, Some(keys)) = (self.places[i], art.keys[i]) else {
            return Ok(());
        };
        if let Some(earlier) = conflict {
            self.cache.unconflicted.push(pack(claim_id, earlier));
        }
        // A key as many clusters already share is not stored again, nor one
        // this claim did not look up: the claim is found by its other keys,
        // or not at all.
        let mut any = false;
        let mark = art.profiles.get(i).mark();
        for key in self.columns(i).iter().filter_map(|&c| keys[c]) {
            let bucket = self.bucket_mut(key);
            if !bucket.full() {
                // Later claims, of this article too, find it.
                bucket.add(claim_id, mark);
                self.cache.unwritten.push(pack(key, claim_id));
                any = true;
            }
        }
        if any {
            self.cache.known.insert(claim_id, art.profiles.get(i));
        }
        Ok(())
    }

    fn columns(&self, i: usize) -> &'static [usize] {
        if self.boilerplate[i] {
            &BOILERPLATE_KEYS
        } else {
            &ALL_KEYS
        }
    }

    /// How claim `i` stands to `candidates`, the clusters under its keys
    /// in `columns` (see [`Clusterer::judge`]), with the profiles not in
    /// memory read from the ledger unless that was `tried` already. A
    /// cluster whose claims have all gone is dropped from those keys, in
    /// the ledger too.
    fn decide(
        &mut self,
        art: &ClaimProfiles,
        i: usize,
        columns: &[usize],
        candidates: &[Candidate],
        tried: bool,
    ) -> rusqlite::Result<(Option<i64>, Option<i64>)> {
        let Some(keys) = art.keys[i] else {
            return Ok((None, None));
        };
        let mut judged = self.judged[i];
        let (mut stands, mut gone) = self.judge(art.profiles.get(i), candidates, &mut judged);
        if !gone.is_empty() && !tried {
            self.load_profiles(&gone)?;
            (stands, gone) = self.judge(art.profiles.get(i), candidates, &mut judged);
        }
        self.judged[i] = judged;
        if !gone.is_empty() {
            // A key dropped must not come back with the keys not written.
            let conn = reads(&mut self.ledger)?.conn;
            self.cache.write(conn)?;
        }
        for cluster in gone {
            for key in columns.iter().filter_map(|&c| keys[c]) {
                if self.bucket(key).is_some_and(|b| b.contains(cluster)) {
                    reads(&mut self.ledger)?.drop_key.execute([key, cluster])?;
                    self.remove(key, cluster);
                }
            }
        }
        Ok(stands)
    }

    /// Whether a key was looked up on this connection.
    fn looked_up(&self, key: i64) -> bool {
        self.cache.buckets.by_key.contains_key(&key)
    }

    fn bucket(&self, key: i64) -> Option<&Bucket> {
        self.cache.buckets.by_key.get(&key)
    }

    fn bucket_mut(&mut self, key: i64) -> &mut Bucket {
        self.cache.buckets.by_key.entry(key).or_default()
    }

    /// Notes a cluster under a key.
    fn add(&mut self, key: i64, cluster: i64, mark: Mark) {
        self.bucket_mut(key).add(cluster, mark);
    }

    fn remove(&mut self, key: i64, cluster: i64) {
        self.bucket_mut(key).remove(cluster);
    }

    fn full(&self, key: i64) -> bool {
        self.bucket(key).is_some_and(Bucket::full)
    }

    fn known(&self, cluster: i64) -> Option<View<'_>> {
        self.cache.known.get(cluster)
    }

    /// The clusters under a claim's keys in `columns` worth comparing, at
    /// most [`COMPARED`]: those sharing the most keys first, then the most
    /// recently opened (news is reported in bursts).
    fn candidates(&self, keys: &[Option<i64>; KEYS], columns: &[usize], out: &mut Vec<Candidate>) {
        // One key (each claim's first band): its clusters are distinct,
        // so each shares one key, and the latest come first.
        if let [column] = columns {
            out.clear();
            if let Some(bucket) = keys[*column].and_then(|k| self.bucket(k)) {
                out.extend(bucket.candidates());
                out.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
                out.truncate(COMPARED);
            }
            return;
        }
        // At most KEYS buckets of CLUSTERS_PER_KEY: on the stack.
        let mut found = [(0i64, Mark::default()); KEYS * CLUSTERS_PER_KEY];
        let mut n = 0;
        for bucket in columns.iter().filter_map(|&c| self.bucket(keys[c]?)) {
            for candidate in bucket.candidates() {
                found[n] = candidate;
                n += 1;
            }
        }
        out.clear();
        if n == 0 {
            return;
        }
        let found = &mut found[..n];
        found.sort_unstable_by_key(|c| c.0);
        let mut ranked = [(0usize, 0i64, Mark::default()); KEYS * CLUSTERS_PER_KEY];
        let mut m = 0;
        // A cluster read from the ledger under one key and noted under
        // another has its mark under the second only.
        for run in found.chunk_by(|a, b| a.0 == b.0) {
            let mark = run
                .iter()
                .map(|c| c.1)
                .find(|m| m.sig != 0)
                .unwrap_or(run[0].1);
            ranked[m] = (run.len(), run[0].0, mark);
            m += 1;
        }
        let ranked = &mut ranked[..m];
        ranked.sort_unstable_by_key(|&(n, cluster, _)| std::cmp::Reverse((n, cluster)));
        out.extend(
            ranked
                .iter()
                .take(COMPARED)
                .map(|&(_, cluster, mark)| (cluster, mark)),
        );
    }

    /// How a claim stands to the clusters it could join: the first (most
    /// recently opened) it states the same as, and one it disagrees with
    /// on a figure; and the clusters whose profile is not in memory (not
    /// read yet, or all their claims gone), passed over. Each candidate's
    /// profile is looked for once, and not at all when the claim was
    /// already compared with it (`judged`): the profiles are many, and
    /// each look a likely cache miss.
    fn judge(
        &self,
        profile: View<'_>,
        candidates: &[Candidate],
        judged: &mut Judged,
    ) -> ((Option<i64>, Option<i64>), Vec<i64>) {
        // All the profiles looked for first, then compared: the looks are
        // independent, so their cache misses overlap. None for a cluster
        // whose names meet none of the claim's.
        debug_assert!(candidates.len() <= COMPARED);
        let mut at_hand = [None; COMPARED];
        let mine = profile.mark();
        for (slot, &(cluster, mark)) in at_hand.iter_mut().zip(candidates) {
            *slot = match judged.get(cluster) {
                Some(verdict) => Some(Err(verdict)),
                None if mine.apart(mark) => Some(Err(Verdict::Different)),
                None => self.known(cluster).map(Ok),
            };
        }
        let (mut same, mut conflict) = (None, None);
        let mut missing = Vec::new();
        for (&found, &(cluster, _)) in at_hand.iter().zip(candidates) {
            let verdict = match found {
                None => {
                    missing.push(cluster);
                    continue;
                }
                Some(_) if same.is_some() => continue,
                Some(Err(verdict)) => verdict,
                Some(Ok(first)) => {
                    let verdict = profile.compare(first);
                    judged.note(cluster, verdict);
                    verdict
                }
            };
            match verdict {
                Verdict::Same => same = Some(cluster),
                Verdict::Conflict => {
                    conflict.get_or_insert(cluster);
                }
                Verdict::Different => {}
            }
        }
        ((same, conflict), missing)
    }

    /// Looks up, for each pair of claims and key columns in `wanted`, the
    /// keys in those columns of those claims, in one statement.
    fn look_up(
        &mut self,
        art: &ClaimProfiles,
        wanted: &[(&[usize], &[usize])],
    ) -> rusqlite::Result<()> {
        // Not even gathered when there is nothing to read (see
        // `read_keys`).
        if self.cache.complete {
            return Ok(());
        }
        let keys: Vec<i64> = wanted
            .iter()
            .flat_map(|&(who, columns)| {
                who.iter()
                    .filter_map(|&i| art.keys[i])
                    .flat_map(move |keys| columns.iter().filter_map(move |&c| keys[c]))
            })
            .collect();
        self.read_keys(keys)
    }

    /// Reads the clusters under those of `keys` this group has not looked
    /// up yet.
    fn read_keys(&mut self, mut keys: Vec<i64>) -> rusqlite::Result<()> {
        // Nothing to read, nor any empty bucket to keep in memory.
        if self.cache.complete {
            return Ok(());
        }
        keys.retain(|&k| !self.looked_up(k));
        if keys.is_empty() {
            return Ok(());
        }
        keys.sort_unstable();
        keys.dedup();
        for &key in &keys {
            self.cache.buckets.open(key);
        }
        let keys: Vec<Value> = keys.into_iter().map(Value::Integer).collect();
        let mut rows = reads(&mut self.ledger)?.by_keys.query([Rc::new(keys)])?;
        let mut found = Vec::new();
        while let Some(r) = rows.next()? {
            found.push((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?));
        }
        drop(rows);
        for (key, cluster) in found {
            self.add(key, cluster, Mark::default());
        }
        Ok(())
    }

    /// Makes the profiles of those `clusters` not known yet from the
    /// ledger: the text, figures and article names of each one's first
    /// claim (or first member left).
    fn load_profiles(&mut self, clusters: &[i64]) -> rusqlite::Result<()> {
        let mut wanted: Vec<i64> = clusters
            .iter()
            .copied()
            .filter(|&c| !self.cache.known.contains(c))
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        // A cluster whose first claim has gone is read from its members.
        let conn = reads(&mut self.ledger)?.conn;
        self.cache.write(conn)?;
        wanted.sort_unstable();
        wanted.dedup();
        let ids: Vec<Value> = wanted.into_iter().map(Value::Integer).collect();
        let found = reads(&mut self.ledger)?
            .first_claims
            .query_map([Rc::new(ids)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    Stored {
                        text: r.get(2)?,
                        mode: r.get(3)?,
                        kind: r.get(4)?,
                        names: r.get(5)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if found.is_empty() {
            return Ok(());
        }
        let claims: Vec<Value> = found.iter().map(|f| Value::Integer(f.1)).collect();
        let mut figures: FxHashMap<i64, StoredFigures> = FxHashMap::default();
        let mut rows = reads(&mut self.ledger)?
            .figures_of
            .query([Rc::new(claims)])?;
        while let Some(r) = rows.next()? {
            figures
                .entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, r.get(2)?, r.get(3)?));
        }
        let mut scratch = Context::default();
        let mut draft = Draft::default();
        for (cluster, claim, stored) in found {
            let figures = figures.get(&claim).map_or(&[][..], Vec::as_slice);
            draft.fill(
                &stored.text,
                stored.flags(),
                figures_in(figures),
                &mut scratch,
            );
            let mut profile = draft.profile();
            profile.set_stored_context(stored.names.as_deref());
            self.cache.known.insert(cluster, profile.view());
        }
        Ok(())
    }
}

/// Two values in one, for the statements that write keys, members and
/// conflicts from one array: a key (signed 32-bit) or a cluster (ids below
/// 2^31) high, a cluster or a claim (ids below 2^32) low.
fn pack(key: i64, cluster: i64) -> i64 {
    (key << 32) | (cluster & 0xffff_ffff)
}

/// A claim's figures as the ledger holds them, for [`Draft::fill`].
type StoredFigures = Vec<(f64, Option<String>, bool)>;

fn figures_in(figures: &[(f64, Option<String>, bool)]) -> impl Iterator<Item = FigureIn<'_>> {
    figures.iter().map(|(value, unit, approx)| FigureIn {
        value: *value,
        unit: unit.as_deref(),
        approx: *approx,
    })
}

impl Stored {
    /// Whether the claim is a quotation, and a denial.
    fn flags(&self) -> (bool, bool) {
        (self.mode == Mode::Direct, self.kind == ClaimKind::Denial)
    }
}

/// What one claim was found to be to the clusters it was compared with:
/// its first band's candidates, then those of all its keys.
#[derive(Debug, Clone, Copy)]
struct Judged {
    verdicts: [(i64, Verdict); CLUSTERS_PER_KEY + COMPARED],
    len: usize,
}

impl Default for Judged {
    fn default() -> Judged {
        Judged {
            verdicts: [(0, Verdict::Different); CLUSTERS_PER_KEY + COMPARED],
            len: 0,
        }
    }
}

impl Judged {
    fn get(&self, cluster: i64) -> Option<Verdict> {
        self.verdicts[..self.len]
            .iter()
            .find(|(c, _)| *c == cluster)
            .map(|&(_, verdict)| verdict)
    }

    fn note(&mut self, cluster: i64, verdict: Verdict) {
        if let Some(slot) = self.verdicts.get_mut(self.len) {
            *slot = (cluster, verdict);
            self.len += 1;
        }
    }
}

/// The clusters found under each key looked up in this group.
#[derive(Default)]
struct Buckets {
    by_key: FxHashMap<i64, Bucket>,
}

/// The clusters under one key, kept inline: most keys have none or one.
/// With each, the [`Mark`] of its first claim (not known for a cluster
/// read from the ledger): most comparisons end there, without reading the
/// cluster's profile, which is a likely cache miss twice over.
#[derive(Debug, Clone, Copy, Default)]
struct Bucket {
    /// Claim ids, below 2^32 (see [`pack`]).
    clusters: [u32; CLUSTERS_PER_KEY],
    /// Each cluster's [`Mark`], in two arrays: the bucket stays small.
    names: [u64; CLUSTERS_PER_KEY],
    sigs: [u32; CLUSTERS_PER_KEY],
    len: u8,
}

/// A cluster that could be joined, with its mark (see [`Bucket`]).
type Candidate = (i64, Mark);

impl Bucket {
    fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.clusters[..usize::from(self.len)]
            .iter()
            .map(|&c| i64::from(c))
    }

    fn candidates(&self) -> impl Iterator<Item = Candidate> + '_ {
        self.ids()
            .zip(self.names)
            .zip(self.sigs)
            .map(|((id, names), sig)| (id, Mark { names, sig }))
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn contains(&self, cluster: i64) -> bool {
        self.ids().any(|c| c == cluster)
    }

    fn full(&self) -> bool {
        usize::from(self.len) >= CLUSTERS_PER_KEY
    }

    fn add(&mut self, cluster: i64, mark: Mark) {
        if !self.full() && !self.contains(cluster) {
            let at = usize::from(self.len);
            self.clusters[at] = cluster as u32;
            self.names[at] = mark.names;
            self.sigs[at] = mark.sig;
            self.len += 1;
        }
    }

    fn remove(&mut self, cluster: i64) {
        let at = self.ids().position(|c| c == cluster);
        if let Some(at) = at {
            let len = usize::from(self.len);
            self.clusters.copy_within(at + 1..len, at);
            self.names.copy_within(at + 1..len, at);
            self.sigs.copy_within(at + 1..len, at);
            self.len -= 1;
        }
    }
}

impl Buckets {
    /// Marks a key as looked up, with no cluster found yet.
    fn open(&mut self, key: i64) {
        self.by_key.entry(key).or_default();
    }
}

/// Schema 7: clusters' members in `cluster_joins`, then, in a ledger
/// whose claims have no clusters yet (one coming from before schema 6),
/// every claim put into its cluster, article by article in the order their
/// claims were written, as an import would have (a ledger is migrated
/// once). Schema 6 made the cluster column, keys and views.
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(include_str!("../../../migrations/0007_cluster_members.sql"))?;
    let clustered: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM cluster_keys) OR EXISTS (SELECT 1 FROM cluster_joins)",
        [],
        |r| r.get(0),
    )?;
    if clustered {
        return Ok(());
    }
    cluster_existing(conn)
}

/// Puts every claim of a ledger whose claims have no clusters yet into its
/// cluster.
fn cluster_existing(conn: &Connection) -> rusqlite::Result<()> {
    let mut cache = Cache::default();
    let mut clusterer = Clusterer::new(conn, &mut cache)?;
    let mut articles =
        conn.prepare("SELECT article_id FROM claim_rows GROUP BY article_id ORDER BY min(id)")?;
    let mut claims = conn.prepare(
        "SELECT c.id, substr(a.body, c.body_start + 1, c.body_end - c.body_start), c.mode,
                c.kind
         FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
         WHERE c.article_id = ?1 ORDER BY c.id",
    )?;
    let mut quantities = conn.prepare(
        "SELECT value, unit, approx FROM quantities WHERE claim_id = ?1 ORDER BY position",
    )?;
    let mut set_cluster = conn.prepare("UPDATE claim_rows SET cluster_id = ?2 WHERE id = ?1")?;
    let mut set_names = conn.prepare("UPDATE article_rows SET cluster_names = ?2 WHERE id = ?1")?;
    let article_ids = articles
        .query_map([], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for article_id in article_ids {
        let stored = claims
            .query_map([article_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Stored {
                        text: r.get(1)?,
                        mode: r.get(2)?,
                        kind: r.get(3)?,
                        names: None,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let figures = stored
            .iter()
            .map(|(claim_id, _)| {
                quantities
                    .query_map([claim_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<rusqlite::Result<StoredFigures>>()
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let art = ClaimProfiles::build(stored.iter().zip(&figures).map(|((_, claim), figures)| {
            (claim.text.as_str(), claim.flags(), figures_in(figures))
        }));
        clusterer.prepare(&art)?;
        set_names.execute(params![article_id, art.names()])?;
        for (i, (claim_id, _)) in stored.iter().enumerate() {
            if let Some(cluster) = clusterer.cluster_of(&art, i)? {
                set_cluster.execute([*claim_id, cluster])?;
            }
            clusterer.written(&art, i, *claim_id)?;
        }
    }
    clusterer.finish()?;
    cache.write(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Lexicon, extract};
    use crate::store::{Ledger, NewArticle};

    fn pairs(conn: &Connection, sql: &str) -> Vec<(i64, i64)> {
        crate::store::two_columns(conn, sql)
    }

    /// Every article's names, as stored.
    fn article_names(conn: &Connection) -> Vec<(i64, Option<Vec<u8>>)> {
        crate::store::two_columns(
            conn,
            "SELECT id, cluster_names FROM article_rows ORDER BY id",
        )
    }

    /// Every claim's cluster, every key, every conflict and every member.
    fn clusters(conn: &Connection) -> [Vec<(i64, i64)>; 4] {
        [
            pairs(
                conn,
                "SELECT id, coalesce(cluster_id, id) FROM claim_rows ORDER BY id",
            ),
            pairs(
                conn,
                "SELECT key, cluster_id FROM cluster_keys ORDER BY 1, 2",
            ),
            pairs(conn, "SELECT * FROM cluster_conflicts ORDER BY 1"),
            pairs(
                conn,
                "SELECT cluster_id, claim_id FROM cluster_joins ORDER BY 1, 2",
            ),
        ]
    }

    #[test]
    fn an_upgraded_ledger_is_clustered_as_an_import_would_have() {
        let mut ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        for (n, art) in corpus().iter().enumerate() {
            ledger
                .import_article(&profiled(art, &format!("{n}")))
                .unwrap();
        }
        let imported = clusters(&ledger.conn);
        assert!(imported[0].iter().filter(|(id, c)| id != c).count() >= 20);
        assert!(imported[1].len() >= 100, "keys");
        assert!(!imported[2].is_empty(), "a conflict");
        assert_eq!(
            imported[3].len(),
            imported[0].iter().filter(|(id, c)| id != c).count(),
            "every claim that joined a cluster is among its members"
        );
        let names = article_names(&ledger.conn);
        ledger
            .conn
            .execute_batch(
                "UPDATE claim_rows SET cluster_id = NULL; DELETE FROM cluster_keys;
                 DELETE FROM cluster_conflicts; DELETE FROM cluster_joins;
                 UPDATE article_rows SET cluster_names = NULL;",
            )
            .unwrap();
        cluster_existing(&ledger.conn).unwrap();
        assert_eq!(clusters(&ledger.conn), imported);
        assert_eq!(article_names(&ledger.conn), names);
        // A ledger of schema 6 (members found through an index on the
        // column) gets the same members from its claims, and its clusters
        // are left as they were.
        ledger
            .conn
            .execute_batch(
                "DROP TABLE cluster_joins;
                 CREATE INDEX claim_rows_cluster ON claim_rows(cluster_id)
                     WHERE cluster_id IS NOT NULL;",
            )
            .unwrap();
        migrate(&ledger.conn).unwrap();
        assert_eq!(clusters(&ledger.conn), imported);
        assert_eq!(article_names(&ledger.conn), names);
    }

    /// An article as an import hands it to the ledger.
    fn article<'d>(
        (raw, doc): &'d (String, Document),
        hash: &'d str,
        encoding: &'d str,
    ) -> NewArticle<'d> {
        new_article(raw, doc, hash, encoding)
    }

    /// An article from its parts, its profiles made by the writer.
    fn new_article<'d>(
        raw: &'d str,
        doc: &'d Document,
        hash: &'d str,
        encoding: &'d str,
    ) -> NewArticle<'d> {
        NewArticle {
            path: None,
            content_hash: hash,
            raw_text: raw,
            raw_layout: None,
            encoding,
            encoding_given: encoding != "UTF-8",
            document: doc,
            profiles: None,
        }
    }

    #[test]
    fn keys_not_written_yet_are_written_before_they_leave_the_cache() {
        let ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        let mut cache = Cache {
            complete: true,
            ..Cache::default()
        };
        // More keys than the cache holds, each with a cluster, the newest
        // clusters last; the oldest hundred not written yet (fewer than a
        // write at once takes).
        let keys = CACHED_KEYS as i64 + 2;
        for key in 0..keys {
            cache
                .buckets
                .by_key
                .entry(key)
                .or_default()
                .add(key + 1, Mark::default());
        }
        let unwritten = 100;
        assert!(unwritten < UNWRITTEN_KEYS);
        for key in 0..unwritten as i64 {
            cache.unwritten.push(pack(key, key + 1));
        }
        cache.trim(&ledger.conn).unwrap();
        assert!(cache.unwritten.is_empty());
        assert!(
            cache.buckets.by_key.len() < CACHED_KEYS,
            "the older keys went"
        );
        assert!(!cache.buckets.by_key.contains_key(&0));
        assert!(!cache.complete, "keys with clusters left the cache");
        let stored: i64 = ledger
            .conn
            .query_row("SELECT count(*) FROM cluster_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, unwritten as i64);
        // Below the limits, trimming writes nothing: the batch does.
        let mut small = Cache::default();
        small
            .buckets
            .by_key
            .entry(-5)
            .or_default()
            .add(8, Mark::default());
        small.unwritten.push(pack(-5, 8));
        small.trim(&ledger.conn).unwrap();
        assert_eq!(small.unwritten, vec![pack(-5, 8)]);
        small.write(&ledger.conn).unwrap();
        let found = pairs(
            &ledger.conn,
            "SELECT key, cluster_id FROM cluster_keys WHERE key < 0",
        );
        assert_eq!(found, vec![(-5, 8)]);
    }

    /// Writes `group` and finishes the session: nothing refused, and the
    /// third article the session committed read again.
    fn finish_with_a_reread(
        mut session: crate::store::ImportSession<'_, u8>,
        group: Vec<(u8, &NewArticle<'_>)>,
    ) {
        let refused = session.write_group(group).unwrap();
        assert!(refused.is_empty(), "{refused:?}");
        assert!(matches!(
            session.finish().unwrap()[2].1,
            crate::store::ImportOutcome::Reread { .. }
        ));
    }

    /// An article of the cluster corpus, as read and extracted.
    fn read(name: &str) -> (String, Document) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clusters");
        let raw = std::fs::read_to_string(dir.join(name)).unwrap();
        let doc = extract(&raw, &Lexicon::builtin());
        (raw, doc)
    }

    #[test]
    fn a_conflict_found_in_a_group_stays_with_its_cluster_when_read_again_in_it() {
        // The business desk's figure disagrees with the wire's.
        let wire = read("b01-halvik-wire.txt");
        let business = read("b03-halvik-business.txt");
        let mut ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        let first = article(&wire, "wire", "UTF-8");
        let second = article(&business, "business", "UTF-8");
        let again = article(&business, "business", "windows-1252");
        let session = ledger.import_session::<u8>().unwrap();
        finish_with_a_reread(session, vec![(1, &first), (2, &second), (3, &again)]);
        // The second reading's claims were written before the first's went,
        // and joined their clusters: the conflict stays with its cluster,
        // whose members are now the second reading's claims alone.
        let found = pairs(
            &ledger.conn,
            "SELECT k.cluster_id, count(DISTINCT a.content_hash)
             FROM cluster_conflicts k
             JOIN cluster_members m ON m.cluster_id = k.cluster_id
             JOIN claim_rows c ON c.id = m.claim_id
             JOIN article_rows a ON a.id = c.article_id AND a.content_hash = 'business'
             GROUP BY k.cluster_id",
        );
        let conflicts: i64 = ledger
            .conn
            .query_row("SELECT count(*) FROM cluster_conflicts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(conflicts, 1);
        assert_eq!(found.len(), 1, "{found:?}");
        let gone: i64 = ledger
            .conn
            .query_row(
                "SELECT count(*) FROM claim_rows WHERE id = ?1",
                [found[0].0],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(gone, 0, "the first reading's claim went");
    }

    #[test]
    fn keys_written_with_the_group_are_found_after_a_reread_in_it() {
        let wire = read("a01-velmora-wire.txt");
        let other = read("b05-marenholm-strike.txt");
        assert!(wire.1.claims.len() >= 3 && !other.1.claims.is_empty());
        // Claim by claim, and with the group's clusters decided first (the
        // profiles made beforehand, as an import's workers make them).
        let profiled = [&wire, &other].map(|(_, doc)| ClaimProfiles::of(doc));
        reread_in_a_group(&wire, &other, None);
        reread_in_a_group(&wire, &other, Some([&profiled[0], &profiled[1]]));
    }

    fn reread_in_a_group<'a>(
        wire: &'a (String, Document),
        other: &'a (String, Document),
        profiles: Option<[&'a ClaimProfiles; 2]>,
    ) {
        let given = |mut a: NewArticle<'a>, i: usize| -> NewArticle<'a> {
            a.profiles = profiles.map(|p| p[i]);
            a
        };
        let mut ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        let mut session = ledger.import_session::<u8>().unwrap();
        let before = given(article(other, "reread", "UTF-8"), 1);
        session.write_group(vec![(0, &before)]).unwrap();
        // One group: an article that opens clusters, the earlier article
        // read again in another encoding (lookups go to the ledger from
        // then on), and the first article's text again under another name.
        // The session's cache holds every key, so with profiles the group's
        // clusters are decided before it is written.
        let first = given(article(wire, "first", "UTF-8"), 0);
        let again = given(article(other, "reread", "windows-1252"), 1);
        let copy = given(article(wire, "copy", "UTF-8"), 0);
        finish_with_a_reread(session, vec![(1, &first), (2, &again), (3, &copy)]);
        // Each claim of the copy is in the cluster of the same claim of the
        // first article.
        let by_article = |hash: &str| {
            pairs(
                &ledger.conn,
                &format!(
                    "SELECT c.position, coalesce(c.cluster_id, c.id) FROM claim_rows c
                     JOIN article_rows a ON a.id = c.article_id
                     WHERE a.content_hash = '{hash}' ORDER BY c.position"
                ),
            )
        };
        let (first, copy) = (by_article("first"), by_article("copy"));
        assert_eq!(first.len(), wire.1.claims.len());
        let clusterable = first.iter().zip(&copy).filter(|(a, b)| a == b).count();
        assert!(clusterable >= 3, "{first:?} {copy:?}");
        let (keys, stored): (i64, i64) = ledger
            .conn
            .query_row(
                "SELECT count(*), count(DISTINCT cluster_id) FROM cluster_keys",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(keys > 0 && stored > 0);
    }

    /// Every article of the cluster corpus, with its profiles.
    fn corpus() -> Vec<(String, Document, ClaimProfiles)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clusters");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|name| {
                let (raw, doc) = read(name);
                let profiles = ClaimProfiles::of(&doc);
                (raw, doc, profiles)
            })
            .collect()
    }

    /// The article `hash` names, with the profiles made on a worker.
    fn profiled<'d>(
        (raw, doc, profiles): &'d (String, Document, ClaimProfiles),
        hash: &'d str,
    ) -> NewArticle<'d> {
        NewArticle {
            profiles: Some(profiles),
            ..new_article(raw, doc, hash, "UTF-8")
        }
    }

    /// A ledger with the corpus's articles written in `groups` of one
    /// session, each article given by its place in the corpus (a place
    /// given twice is the same bytes again).
    fn written_in_groups(
        articles: &[(String, Document, ClaimProfiles)],
        groups: &[&[usize]],
    ) -> Ledger {
        let mut ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        let hashes: Vec<String> = (0..articles.len())
            .map(|i| format!("article {i}"))
            .collect();
        let mut session = ledger.import_session::<usize>().unwrap();
        for group in groups {
            let new: Vec<NewArticle<'_>> = group
                .iter()
                .map(|&i| profiled(&articles[i], &hashes[i]))
                .collect();
            let refused = session
                .write_group(group.iter().copied().zip(&new).collect())
                .unwrap();
            assert!(refused.is_empty(), "{refused:?}");
        }
        session.finish().unwrap();
        ledger
    }

    #[test]
    fn a_group_clustered_before_it_is_written_is_clustered_as_claim_by_claim() {
        let articles = corpus();
        let all: Vec<usize> = (0..articles.len()).collect();
        // Claim by claim: an article at a time, with nothing to plan.
        let mut alone = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        for (i, art) in articles.iter().enumerate() {
            alone
                .import_article(&profiled(art, &format!("article {i}")))
                .unwrap();
        }
        // Planned: the whole corpus in one group, then in two.
        let (first, second) = all.split_at(all.len() / 2);
        for groups in [&[&all[..]][..], &[first, second][..]] {
            let planned = written_in_groups(&articles, groups);
            assert_eq!(clusters(&planned.conn), clusters(&alone.conn));
            assert_eq!(article_names(&planned.conn), article_names(&alone.conn));
        }
        let joined = clusters(&alone.conn)[3].len();
        assert!(joined >= 20, "the corpus has clusters to find: {joined}");
        // The whole group was planned: the cache answered every lookup.
        let ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        let profiles: Vec<&ClaimProfiles> = articles.iter().map(|a| &a.2).collect();
        let mut cache = Cache {
            complete: true,
            ..Cache::default()
        };
        let mut clusterer = Clusterer::new(&ledger.conn, &mut cache).unwrap();
        clusterer.plan(&profiles).unwrap();
        let plan = clusterer.plan.as_ref().expect("planned");
        assert_eq!(plan.len(), articles.len());
        assert!(clusterer.ledger.is_some(), "the statements are back");
        // A cache that does not hold every key plans nothing.
        let mut partial = Cache::default();
        let mut clusterer = Clusterer::new(&ledger.conn, &mut partial).unwrap();
        clusterer.plan(&profiles).unwrap();
        assert!(clusterer.plan.is_none());
    }

    #[test]
    fn articles_not_written_as_planned_leave_the_clusters_as_they_would_be() {
        let articles = corpus();
        let n = articles.len();
        let all: Vec<usize> = (0..n).collect();
        let expected = written_in_groups(&articles, &[&all[..]]);
        // The same bytes again are not written (nothing changes in the
        // ledger): in the middle of a group, where the next article finds
        // the plan broken, and at its end, where the plan is left with an
        // article not written.
        let mut middle: Vec<usize> = all.clone();
        middle.insert(n / 2, 1);
        let mut last = all[..n / 2].to_vec();
        last.push(0);
        let rest = all[n / 2..].to_vec();
        for groups in [&[&middle[..]][..], &[&last[..], &rest[..]][..]] {
            let ledger = written_in_groups(&articles, groups);
            assert_eq!(
                clusters(&ledger.conn),
                clusters(&expected.conn),
                "{groups:?}"
            );
            let unchanged: i64 = ledger
                .conn
                .query_row("SELECT count(*) FROM article_rows", [], |r| r.get(0))
                .unwrap();
            assert_eq!(unchanged, n as i64);
        }
    }
}
