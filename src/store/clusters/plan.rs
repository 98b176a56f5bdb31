//! A group of articles clustered before it is written. Deciding each
//! claim's cluster just before its insert, between the writer's SQLite
//! work, met the clusters' memory (and SQLite its pages) cold every time:
//! in a 10,000-article import, the writer spent about 0.25 s more CPU
//! deciding claim by claim than deciding a group at a time (BENCHMARKS.md,
//! stop 19).
//!
//! The plan is exactly what writing claim by claim would decide:
//! - It is made only while the cache answers every lookup
//!   ([`Cache::whole`]), so that deciding reads nothing of the ledger, which
//!   does not hold the group's claims yet. The ledger's statements are out
//!   of the clusterer's reach while it plans.
//! - It gives each claim the id the writer will give it. Claim ids follow
//!   one another from the ledger's largest plus one, and the writer writes
//!   the group's articles in order; the plan assumes each is written, with
//!   all its claims.
//! - The writer checks that assumption at each article (the same profiles,
//!   the same first id) and at each claim (the same id). An article not
//!   written as assumed (the same bytes already in the ledger, a party the
//!   ledger refused) leaves the cache holding clusters that are not in the
//!   ledger: the writer keeps the keys, members and conflicts of the
//!   articles it did write, drops the plan, and forgets the rest of the
//!   cache, as after a re-read ([`Clusterer::forget`]). Clusters are then
//!   found in the ledger, and come out the same.

use std::collections::VecDeque;

use super::{ClaimProfiles, Clusterer, Waiting};

/// The error the clusterer gives when, planning, the cache cannot answer:
/// the writer then clusters claim by claim.
pub(super) const NO_LEDGER: &str = "clustering a group before writing it needed the ledger";

/// The clusters of a group's claims, decided before they are written.
pub(super) struct Plan {
    placed: VecDeque<Placed>,
    /// The placements of the article being written.
    current: Option<Placed>,
    /// The id the writer's next claim gets.
    next_id: i64,
    /// What waited to be written in the cache after the last article
    /// written as planned.
    kept: Waiting,
    /// The plan stopped inside an article (the cache holds part of it), or
    /// the writer passed over a planned article.
    broken: bool,
}

/// One article's claims as planned.
struct Placed {
    /// The address of the article's profiles: the writer checks that it is
    /// writing that article.
    profiles: usize,
    /// The id planned for the article's first claim.
    first_id: i64,
    /// Each claim's cluster, as [`Clusterer::cluster_of`] gives it.
    clusters: Vec<Option<i64>>,
    /// What waited to be written in the cache after the article.
    waiting: Waiting,
}

fn address(art: &ClaimProfiles) -> usize {
    std::ptr::from_ref(art) as usize
}

impl Clusterer<'_> {
    /// Decides the clusters of every claim of `group`, the profiles of the
    /// articles about to be written, in order, when the cache can answer
    /// every lookup; the writer then takes them article by article (see
    /// [`Clusterer::prepare`]). Otherwise the writer decides claim by
    /// claim, as it writes.
    pub(crate) fn plan(&mut self, group: &[&ClaimProfiles]) -> rusqlite::Result<()> {
        self.drop_plan()?;
        // One article has nothing to gain.
        if !self.cache.whole() || group.len() < 2 {
            return Ok(());
        }
        let conn = super::reads(&mut self.ledger)?.conn;
        let first_id: i64 =
            conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM claim_rows", [], |r| {
                r.get(0)
            })?;
        let mut plan = Plan {
            placed: VecDeque::with_capacity(group.len()),
            current: None,
            next_id: first_id,
            kept: self.cache.waiting_at(),
            broken: false,
        };
        // Nothing of the ledger while planning: it does not hold what the
        // cache does.
        let ledger = self.ledger.take();
        let mut next = first_id;
        for &art in group {
            let Ok(clusters) = self.place(art, next) else {
                plan.broken = true;
                break;
            };
            plan.placed.push_back(Placed {
                profiles: address(art),
                first_id: next,
                clusters,
                waiting: self.cache.waiting_at(),
            });
            next += art.len() as i64;
        }
        self.ledger = ledger;
        self.plan = Some(plan);
        Ok(())
    }

    /// Places every claim of `art`, its first claim to be written as
    /// `first_id`, as the writer would claim by claim.
    fn place(&mut self, art: &ClaimProfiles, first_id: i64) -> rusqlite::Result<Vec<Option<i64>>> {
        self.prepare(art)?;
        (0..art.len())
            .map(|i| {
                let cluster = self.cluster_of(art, i)?;
                self.written(art, i, first_id + i as i64)?;
                Ok(cluster)
            })
            .collect()
    }

    /// Takes the plan for `art`, if the group was planned and `art` is the
    /// article planned next, with the claim ids the writer is about to give.
    /// If not, the plan is dropped and the writer clusters on its own.
    pub(super) fn take_planned(&mut self, art: &ClaimProfiles) -> rusqlite::Result<bool> {
        let Some(plan) = self.plan.as_mut() else {
            return Ok(false);
        };
        plan.current = None;
        match plan.placed.pop_front() {
            Some(placed) if placed.profiles == address(art) && placed.first_id == plan.next_id => {
                plan.kept = placed.waiting;
                plan.current = Some(placed);
                return Ok(true);
            }
            Some(_) => plan.broken = true,
            None => {}
        }
        self.drop_plan()?;
        Ok(false)
    }

    /// Claim `i`'s cluster as planned, while the article being written is.
    pub(super) fn planned(&self, i: usize) -> Option<Option<i64>> {
        let placed = self.plan.as_ref()?.current.as_ref()?;
        Some(placed.clusters[i])
    }

    /// Checks, for an article written as planned, that claim `i` was
    /// written with the id planned for it; `false` for an article that was
    /// not planned.
    pub(super) fn written_as_planned(&mut self, i: usize, claim_id: i64) -> rusqlite::Result<bool> {
        let Some(plan) = self.plan.as_mut() else {
            return Ok(false);
        };
        let Some(placed) = &plan.current else {
            return Ok(false);
        };
        let expected = placed.first_id + i as i64;
        if claim_id != expected {
            // The claim is written with a cluster decided for another id:
            // the batch must not be kept.
            return Err(rusqlite::Error::UserFunctionError(
                format!("clustering planned claim {expected}, and the ledger wrote {claim_id}")
                    .into(),
            ));
        }
        plan.next_id = claim_id + 1;
        Ok(true)
    }

    /// Drops the plan, if any. The cache stays as it is when every article
    /// planned was written as planned; otherwise the keys, members and
    /// conflicts of the articles written are written, and the rest of the
    /// cache is forgotten.
    pub(super) fn drop_plan(&mut self) -> rusqlite::Result<()> {
        let Some(plan) = self.plan.take() else {
            return Ok(());
        };
        let consumed = plan.placed.is_empty() && !plan.broken;
        if !consumed {
            self.cache.keep_waiting(plan.kept);
            self.forget()?;
        }
        Ok(())
    }
}

#[cfg(test)]
impl Plan {
    /// Articles planned and not taken yet.
    pub(super) fn len(&self) -> usize {
        self.placed.len()
    }
}
