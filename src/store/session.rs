//! An import as a session the ledger owns. Articles are written in groups
//! into one batch transaction, which is committed when it is due (enough
//! articles, or open long enough) and at an explicit [`ImportSession::finish`].
//! What the session hands back as written is only ever what a commit has
//! made durable, so a caller cannot announce an article a crash could still
//! take back. Dropping a session without finishing it rolls its open batch
//! back: nothing is ever committed silently.
//!
//! Every article is checked in Rust before it is written (see
//! [`check_article`]), and a group is written with no savepoint (a
//! savepoint's journal copied every index page a group touched: a fifth of
//! the import's time). So a write that fails is the ledger's failure, not
//! an article's: the batch is rolled back, the session is over, and the
//! caller learns which articles it had written since the last commit.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::Ledger;
use super::clusters;
use super::error::StoreError;
use super::import::{ImportOutcome, NewArticle, SourceCache, Writes, check_article, write_article};

/// Articles per batch transaction. Every commit writes each page the batch
/// touched to the WAL, and the indexes by name and by hash take new keys
/// all over: at 100k articles nearly all their pages were rewritten at each
/// commit of 256 articles (11 GB written for a 720 MB ledger). With 2048,
/// 3.7 GB. The dirty pages of a batch stay well inside the writer's 64 MB
/// cache, and other writers still wait at most `BATCH_TIME`.
pub const BATCH_ARTICLES: usize = 2048;
/// The longest a batch stays open, so concurrent importers take turns.
pub const BATCH_TIME: Duration = Duration::from_millis(2000);
/// Articles a caller hands the session at once, written together into the
/// batch with the statements prepared once.
pub const GROUP_ARTICLES: usize = 32;
/// The writer's page cache during a session, in KiB.
pub const BATCH_CACHE_KIB: i64 = 65536;
/// WAL pages between automatic checkpoints during a session.
pub const BATCH_WAL_PAGES: i64 = 8192;
/// SQLite's own checkpoint interval, which writes outside a session suit.
const DEFAULT_WAL_PAGES: i64 = 1000;

/// The session could not go on: its open batch was rolled back, and the
/// articles written into it since the last commit (their tags) are not in
/// the ledger.
#[derive(Debug)]
pub struct SessionLost<T> {
    /// Boxed: a lost session is rare, and its error is large.
    pub error: Box<StoreError>,
    /// The article being written when the ledger failed; `None` when a
    /// commit failed.
    pub at: Option<T>,
    /// The other articles not kept: written since the last commit, or
    /// after `at` in its group.
    pub lost: Vec<T>,
}

/// An import in progress on a ledger; see the module documentation. `T` is
/// the caller's tag for each article (its place in the input, say), handed
/// back with the article's outcome once it is committed.
pub struct ImportSession<'l, T> {
    ledger: &'l mut Ledger,
    /// When the open batch began; `None` while no batch is open.
    batch_started: Option<Instant>,
    /// New articles in the open batch.
    new_in_batch: usize,
    /// Everything written into the open batch, with its outcome.
    written: Vec<(T, ImportOutcome)>,
    /// Set once the session is lost or finished: nothing more is written.
    over: bool,
}

impl Ledger {
    /// Starts an import session. Until it ends, this connection checks no
    /// foreign key on insert (the writer inserts parents before children in
    /// the same transaction, and `claims check` runs SQLite's whole-ledger
    /// check), keeps 64 MB of pages, and checkpoints every 8192 pages.
    pub fn import_session<T>(&mut self) -> Result<ImportSession<'_, T>, StoreError> {
        // A batch dirties pages of a dozen indexes; keep them in memory
        // between batches rather than reading them back.
        self.conn
            .pragma_update(None, "cache_size", -BATCH_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Checking every foreign key on every insert cost a quarter of the
        // writer's time.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        // Each commit of a batch writes more than SQLite's default 1000-page
        // WAL, so it checkpointed after every commit and copied the pages
        // every batch touches back into the file each time.
        self.conn
            .pragma_update(None, "wal_autocheckpoint", BATCH_WAL_PAGES)?;
        Ok(ImportSession {
            ledger: self,
            batch_started: None,
            new_in_batch: 0,
            written: Vec::new(),
            over: false,
        })
    }
}

impl<T> ImportSession<'_, T> {
    /// Writes a group of articles into the open batch (beginning one if
    /// none is open). Returns the articles refused, with the reason: those
    /// that fail [`check_article`], and those whose party the ledger cannot
    /// hold beside another (see [`write_article`]); nothing of them is
    /// written. The others are written, and come back from the commit that
    /// makes them durable.
    pub fn write_group(
        &mut self,
        group: Vec<(T, &NewArticle<'_>)>,
    ) -> Result<Vec<(T, String)>, SessionLost<T>> {
        if self.over {
            return Err(SessionLost {
                error: Box::new(StoreError::Refused("the import session is over".into())),
                at: None,
                lost: group.into_iter().map(|(tag, _)| tag).collect(),
            });
        }
        if self.batch_started.is_none()
            && let Err(error) = self.begin()
        {
            return Err(self.lose(error, None, group.into_iter().map(|(tag, _)| tag)));
        }
        let mut refused = Vec::new();
        let mut resolved = HashMap::new();
        let mut forget_cache = false;
        // What the ledger would refuse is found first, so that the
        // clusters of the articles to be written can be decided first.
        let checked: Vec<_> = group.iter().map(|(_, a)| check_article(a)).collect();
        let profiles = group
            .iter()
            .zip(&checked)
            .filter(|(_, check)| check.is_ok())
            .map(|((_, a), _)| a.profiles.filter(|p| p.fit(a.document)))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        let mut group = group.into_iter().zip(checked);
        let written = write_each(
            &self.ledger.conn,
            (&self.ledger.sources, &mut self.ledger.clusters),
            (&mut group, profiles),
            &mut Written {
                outcomes: &mut self.written,
                new: &mut self.new_in_batch,
                refused: &mut refused,
                resolved: &mut resolved,
                forget_cache: &mut forget_cache,
            },
        );
        if let Err((error, at)) = written {
            return Err(self.lose(error, at, group.map(|((tag, _), _)| tag)));
        }
        if forget_cache {
            // Clustering forgot what it found before the re-read as it
            // happened (see `Clusterer::forget`).
            self.ledger.sources = SourceCache::default();
            self.ledger
                .sources
                .check_still_valid(&self.ledger.conn)
                .map_err(|error| self.lose(error, None, std::iter::empty()))?;
        }
        self.ledger.sources.extend(resolved);
        Ok(refused)
    }

    /// Commits the open batch when it holds enough new articles or has been
    /// open long enough, and hands back what it made durable (nothing when
    /// it is not due).
    pub fn commit_if_due(&mut self) -> Result<Vec<(T, ImportOutcome)>, SessionLost<T>> {
        let due = self
            .batch_started
            .is_some_and(|t| self.new_in_batch >= BATCH_ARTICLES || t.elapsed() >= BATCH_TIME);
        if due { self.commit() } else { Ok(Vec::new()) }
    }

    /// Commits the open batch, if any, and hands back what it made durable.
    pub fn commit(&mut self) -> Result<Vec<(T, ImportOutcome)>, SessionLost<T>> {
        if self.batch_started.take().is_none() {
            return Ok(std::mem::take(&mut self.written));
        }
        self.new_in_batch = 0;
        // Clustering's keys, members and conflicts not written yet.
        if let Err(e) = self.ledger.clusters.write(&self.ledger.conn) {
            return Err(self.lose(e.into(), None, std::iter::empty()));
        }
        match self.ledger.conn.execute_batch("COMMIT") {
            Ok(()) => Ok(std::mem::take(&mut self.written)),
            Err(e) => Err(self.lose(e.into(), None, std::iter::empty())),
        }
    }

    /// Commits what is open and ends the session, giving the connection its
    /// usual settings back.
    pub fn finish(mut self) -> Result<Vec<(T, ImportOutcome)>, SessionLost<T>> {
        let committed = self.commit()?;
        self.over = true;
        if let Err(error) = self.restore() {
            return Err(SessionLost {
                error: Box::new(error),
                at: None,
                lost: Vec::new(),
            });
        }
        Ok(committed)
    }

    fn begin(&mut self) -> Result<(), StoreError> {
        self.ledger.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.batch_started = Some(Instant::now());
        // Another process may have written since this session last held
        // the lock: parties and clusters it remembers may be gone.
        self.ledger.sources.check_still_valid(&self.ledger.conn)?;
        self.ledger.clusters.check_still_valid(&self.ledger.conn)?;
        Ok(())
    }

    /// Rolls the open batch back and ends the session; `at` is the article
    /// the ledger failed on, `also` the articles that were to be written
    /// after it.
    fn lose(
        &mut self,
        error: StoreError,
        at: Option<T>,
        also: impl Iterator<Item = T>,
    ) -> SessionLost<T> {
        self.over = true;
        self.batch_started = None;
        self.rollback();
        let mut lost: Vec<T> = std::mem::take(&mut self.written)
            .into_iter()
            .map(|(tag, _)| tag)
            .collect();
        lost.extend(also);
        SessionLost {
            error: Box::new(error),
            at,
            lost,
        }
    }

    fn rollback(&mut self) {
        if !self.ledger.conn.is_autocommit() {
            let _ = self.ledger.conn.execute_batch("ROLLBACK");
        }
        // The parties and clusters remembered since the last commit may be
        // gone.
        self.ledger.sources = SourceCache::default();
        self.ledger.clusters = clusters::Cache::default();
        let _ = self.restore();
    }

    fn restore(&mut self) -> Result<(), StoreError> {
        let conn = &self.ledger.conn;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "wal_autocheckpoint", DEFAULT_WAL_PAGES)?;
        Ok(())
    }
}

/// Where [`write_each`] puts what it did.
struct Written<'a, T> {
    outcomes: &'a mut Vec<(T, ImportOutcome)>,
    /// New articles in the open batch.
    new: &'a mut usize,
    refused: &'a mut Vec<(T, String)>,
    resolved: &'a mut HashMap<String, i64>,
    /// Set when an article was re-read: the ledger's party cache is stale.
    forget_cache: &'a mut bool,
}

/// An article of a group, with what [`check_article`] found.
type Checked<'n, T> = ((T, &'n NewArticle<'n>), Result<(), String>);

/// Writes each article of `group` that passed its check in turn with
/// statements prepared once, clustering as it goes: the whole group first
/// where it can ([`clusters::Clusterer::plan`]), with `profiles`, those of
/// the articles to write, in order (none where one has none). Stops at the
/// first error that is not one article's, giving it with the tag of the
/// article it stopped at.
fn write_each<'n, T>(
    conn: &rusqlite::Connection,
    (cache, clustered): (&SourceCache, &mut clusters::Cache),
    (group, profiles): (
        &mut impl Iterator<Item = Checked<'n, T>>,
        Vec<&'n clusters::ClaimProfiles>,
    ),
    into: &mut Written<'_, T>,
) -> Result<(), (StoreError, Option<T>)> {
    let mut writes = Writes::new(conn, clustered).map_err(|e| (e, None))?;
    writes
        .clusters
        .plan(&profiles)
        .map_err(|e| (e.into(), None))?;
    let forgotten = SourceCache::default();
    let mut cache = cache;
    for ((tag, article), checked) in group {
        if let Err(reason) = checked {
            into.refused.push((tag, reason));
            continue;
        }
        match write_article(&mut writes, article, cache, into.resolved) {
            Ok(outcome) => {
                match outcome {
                    ImportOutcome::New { .. } => *into.new += 1,
                    // Parties the article's old claims alone named are
                    // gone: nothing remembered before may be used again.
                    ImportOutcome::Reread { .. } => {
                        cache = &forgotten;
                        into.resolved.clear();
                        if let Err(error) = writes.clusters.forget() {
                            return Err((error.into(), Some(tag)));
                        }
                        *into.forget_cache = true;
                    }
                    ImportOutcome::Unchanged { .. } => {}
                }
                into.outcomes.push((tag, outcome));
            }
            Err(StoreError::ArticleRefused(reason)) => into.refused.push((tag, reason)),
            Err(error) => return Err((error, Some(tag))),
        }
    }
    writes.finish().map_err(|e| (e, None))
}

impl<T> Drop for ImportSession<'_, T> {
    /// A session dropped before it finished (an early return, a panic)
    /// keeps nothing it did not commit: its articles were never handed back
    /// as written.
    fn drop(&mut self) {
        if !self.over {
            self.over = true;
            self.rollback();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma(ledger: &Ledger, name: &str) -> i64 {
        ledger
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_session_sets_its_pragmas_and_gives_the_defaults_back() {
        let mut ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        let session = ledger.import_session::<()>().unwrap();
        assert_eq!(
            pragma(session.ledger, "wal_autocheckpoint"),
            BATCH_WAL_PAGES
        );
        assert_eq!(pragma(session.ledger, "foreign_keys"), 0);
        session.finish().unwrap();
        assert_eq!(pragma(&ledger, "wal_autocheckpoint"), DEFAULT_WAL_PAGES);
        assert_eq!(pragma(&ledger, "foreign_keys"), 1);
    }
}
