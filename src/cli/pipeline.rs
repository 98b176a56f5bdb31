//! Import in parallel: every core reads, decodes and extracts articles while
//! one writer puts them into the ledger in input order, so the ledger is the
//! same whatever the thread count. Workers run at most a small window ahead
//! of the writer, which keeps memory bounded however large the batch.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, Once};

use super::input::{self, Found, Input, Walk};
use crate::extract::{self, ArticleMeta, Document, Lexicon};
use crate::store::{self, ImportOutcome, Ledger, NewArticle};

/// An article read and extracted, waiting for the writer.
pub enum Prepared {
    /// The same bytes are already in the ledger.
    Known { article_id: i64 },
    New {
        hash: String,
        text: String,
        encoding: &'static str,
        document: Box<Document>,
        raw_layout: Option<String>,
    },
}

/// Reads, decodes and extracts one input. The error is the reason to show.
pub fn prepare(
    input: &Input,
    lexicon: &Lexicon,
    known: Option<&Ledger>,
    hints: &ArticleMeta,
    max_bytes: u64,
) -> Result<Prepared, String> {
    let bytes = input::read(input, max_bytes)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    // A hash lookup per file: an unchanged archive is never extracted again.
    if let Some(ledger) = known
        && let Ok(Some(article_id)) = ledger.article_by_hash(&hash)
    {
        return Ok(Prepared::Known { article_id });
    }
    let decoded = input::decode(&bytes)?;
    drop(bytes);
    // A saved page is reduced to its main content first; that text is what
    // the ledger keeps as the raw text, and what offsets point into.
    let (text, page_meta) = if input.is_html() {
        let page = extract::html::read_page(&decoded.text)?;
        (page.text, Some(page.meta))
    } else {
        (decoded.text, None)
    };
    let mut document = extract::extract(&text, lexicon);
    if document.claims.is_empty() {
        return Err("no claims found (no body sentences that state something)".to_string());
    }
    if let Some(page_meta) = page_meta {
        apply_hints(&mut document.meta, &page_meta);
    }
    apply_hints(&mut document.meta, hints);
    let raw_layout = store::stored_layout(&text, &document);
    Ok(Prepared::New {
        hash,
        text,
        encoding: decoded.encoding,
        document: Box::new(document),
        raw_layout,
    })
}

impl Prepared {
    /// The article to write, for a new one; `label` is its path as given.
    fn as_new<'a>(&'a self, label: &'a str) -> Option<NewArticle<'a>> {
        match self {
            Prepared::Known { .. } => None,
            Prepared::New {
                hash,
                text,
                encoding,
                document,
                raw_layout,
            } => Some(NewArticle {
                path: Some(label),
                content_hash: hash,
                raw_text: text,
                raw_layout: raw_layout.as_deref(),
                encoding,
                document,
            }),
        }
    }
}

/// Writes a prepared article; the ledger is untouched by a failure.
pub fn write(
    ledger: &mut Ledger,
    input: &Input,
    prepared: Prepared,
) -> Result<ImportOutcome, String> {
    if let Prepared::Known { article_id } = prepared {
        return Ok(ImportOutcome::Unchanged { article_id });
    }
    let label = input.label();
    let new = prepared
        .as_new(&label)
        .expect("only a known article has none");
    ledger
        .import_article(&new)
        .map_err(|e| format!("not imported: {e}"))
}

/// Writes prepared groups into the ledger's open batch, and remembers the
/// inputs written since the batch's last commit: should an article of a
/// later group fail, the ledger rolls the whole batch back (see
/// [`Ledger::import_articles`]), and those inputs are prepared again and
/// written one at a time, so the failure is the failed article's alone.
pub struct Writer<'a, 'j> {
    pub ledger: &'a mut Ledger,
    job: &'a Job<'j>,
    uncommitted: Vec<Input>,
}

/// What writing a group did: each input's outcome, in input order, and the
/// articles of earlier groups that were reported imported but failed when
/// written again after a rollback (their files changed or went away).
pub struct GroupWritten {
    pub written: Vec<Written>,
    pub lost: Vec<(String, String)>,
}

impl<'a, 'j> Writer<'a, 'j> {
    pub fn new(ledger: &'a mut Ledger, job: &'a Job<'j>) -> Self {
        Writer {
            ledger,
            job,
            uncommitted: Vec::new(),
        }
    }

    /// Writes a group and gives each input its outcome. A ledger error that
    /// is not one article's fault (SQLite rolled back the whole batch after
    /// a full disk) is returned as it is: the import has to stop.
    pub fn write_group(&mut self, group: Vec<Ready>) -> Result<GroupWritten, store::StoreError> {
        let new: Vec<NewArticle<'_>> = group
            .iter()
            .filter_map(|r| r.prepared.as_ref().ok()?.as_new(&r.label))
            .collect();
        let together = self.ledger.import_articles(&new);
        drop(new);
        let outcomes = match together {
            Ok(outcomes) => {
                let mut outcomes = outcomes
                    .into_iter()
                    .map(|o| o.map_err(|e| format!("not imported: {e}")));
                let per_input: Vec<Result<ImportOutcome, String>> = group
                    .iter()
                    .map(|r| match &r.prepared {
                        Ok(Prepared::New { .. }) => {
                            outcomes.next().expect("an outcome for every new article")
                        }
                        other => settled(other),
                    })
                    .collect();
                per_input
            }
            Err(store::StoreError::BatchUndone(_)) => {
                let lost = self.write_uncommitted_again()?;
                let per_input = group
                    .iter()
                    .map(|r| match &r.prepared {
                        Ok(prepared @ Prepared::New { .. }) => {
                            let new = prepared.as_new(&r.label).expect("a new article");
                            write_one(self.ledger, &new)
                        }
                        other => Ok(settled(other)),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                // Keep what was written again for good, so no article is
                // read and extracted a second time by a later failure.
                self.ledger.end_batch()?;
                self.ledger.begin_batch()?;
                self.uncommitted.clear();
                return Ok(self.finish(group, per_input, lost));
            }
            Err(e) => return Err(e),
        };
        let mut from_stdin = false;
        for (ready, outcome) in group.iter().zip(&outcomes) {
            // Every article the writer settled, new or found equal to one
            // just written, rests on this batch.
            if let (Some(input), Ok(Prepared::New { .. }), Ok(_)) =
                (&ready.input, &ready.prepared, outcome)
            {
                from_stdin |= *input == Input::Stdin;
                self.uncommitted.push(input.clone());
            }
        }
        if from_stdin {
            // Standard input cannot be read again: keep it for good now.
            self.ledger.end_batch()?;
            self.ledger.begin_batch()?;
            self.uncommitted.clear();
        }
        Ok(self.finish(group, outcomes, Vec::new()))
    }

    /// Pairs each input's label with its outcome and frees the group.
    fn finish(
        &self,
        group: Vec<Ready>,
        outcomes: Vec<Result<ImportOutcome, String>>,
        lost: Vec<(String, String)>,
    ) -> GroupWritten {
        let mut spent = Vec::with_capacity(group.len());
        let written = group
            .into_iter()
            .zip(outcomes)
            .map(|(ready, outcome)| {
                spent.push(ready.prepared);
                (ready.label, outcome)
            })
            .collect();
        // Freeing a group's documents (thousands of small strings) took a
        // twentieth of the writer's time; the writer is the import's
        // narrowest stage, so a short-lived thread does it (done long before
        // the next group is written). Should no thread be had, `spawn` drops
        // them here.
        let _ = std::thread::Builder::new()
            .name("free".into())
            .spawn(move || drop(spent));
        GroupWritten { written, lost }
    }

    /// Commits the batch when it is due; what it held is then safe.
    pub fn commit_if_due(&mut self) -> Result<(), store::StoreError> {
        if self.ledger.commit_batch_if_due()? {
            self.uncommitted.clear();
        }
        Ok(())
    }

    /// After a rollback: prepares the inputs written since the last commit
    /// again and writes them one at a time. Returns those that fail now.
    fn write_uncommitted_again(&mut self) -> Result<Vec<(String, String)>, store::StoreError> {
        let mut lost = Vec::new();
        for input in std::mem::take(&mut self.uncommitted) {
            let label = input.label();
            let prepared = guarded(|| {
                prepare(
                    &input,
                    self.job.lexicon,
                    None,
                    self.job.hints,
                    self.job.max_bytes,
                )
            });
            let outcome = match prepared {
                Err(reason) => Err(reason),
                Ok(prepared) => match prepared.as_new(&label) {
                    Some(new) => write_one(self.ledger, &new)?,
                    None => Ok(ImportOutcome::Unchanged { article_id: 0 }),
                },
            };
            // Written again (or, should another importer have written the
            // same bytes meanwhile, found there): in the ledger either way.
            if let Err(reason) = outcome {
                lost.push((label, reason));
            }
        }
        Ok(lost)
    }
}

/// Writes one article inside the batch (a savepoint of its own): a lost
/// batch stops the import, any other error is the article's failure.
fn write_one(
    ledger: &mut Ledger,
    new: &NewArticle<'_>,
) -> Result<Result<ImportOutcome, String>, store::StoreError> {
    match ledger.import_article(new) {
        Err(lost @ store::StoreError::BatchLost(_)) => Err(lost),
        other => Ok(other.map_err(|e| format!("not imported: {e}"))),
    }
}

/// The outcome of an input that needs no writing.
fn settled(prepared: &Result<Prepared, String>) -> Result<ImportOutcome, String> {
    match prepared {
        Ok(Prepared::Known { article_id }) => Ok(ImportOutcome::Unchanged {
            article_id: *article_id,
        }),
        Ok(Prepared::New { .. }) => unreachable!("a new article is written"),
        Err(reason) => Err(reason.clone()),
    }
}

fn apply_hints(meta: &mut ArticleMeta, hints: &ArticleMeta) {
    let fields = [
        (&mut meta.title, &hints.title),
        (&mut meta.outlet, &hints.outlet),
        (&mut meta.url, &hints.url),
        (&mut meta.published, &hints.published),
        (&mut meta.byline, &hints.byline),
    ];
    for (field, hint) in fields {
        if hint.is_some() {
            field.clone_from(hint);
        }
    }
}

/// What the pipeline needs to prepare articles.
pub struct Job<'a> {
    /// The inputs, taken one at a time as workers get to them.
    pub inputs: Mutex<Walk>,
    pub lexicon: &'a Lexicon,
    /// The ledger file, which each worker reads to skip articles already in
    /// it; `None` for a ledger with no file (in memory).
    pub ledger_path: Option<&'a Path>,
    pub hints: &'a ArticleMeta,
    pub max_bytes: u64,
    pub threads: usize,
    /// How many inputs workers may run ahead of the writer. More than the
    /// writer takes at once, so workers keep going while it writes.
    pub window: usize,
}

/// One input as prepared for the writer.
pub struct Ready {
    /// The path as given, which the ledger records.
    pub label: String,
    /// The input itself, to read again should its batch be rolled back;
    /// `None` when it could not be found at all.
    pub input: Option<Input>,
    pub prepared: Result<Prepared, String>,
}

/// One input's label and what writing it did.
pub type Written = (String, Result<ImportOutcome, String>);

impl Job<'_> {
    /// A read-only connection for hash lookups; none when the ledger has no
    /// file or cannot be read (the writer checks the hash again anyway).
    fn reader(&self) -> Option<Ledger> {
        let reader = self
            .ledger_path
            .and_then(|p| Ledger::open_read_only(p).ok())?;
        reader.limit_cache(256).ok()?;
        Some(reader)
    }

    fn prepare(&self, found: Found, reader: Option<&Ledger>) -> Ready {
        match found {
            Ok(input) => {
                let prepared =
                    guarded(|| prepare(&input, self.lexicon, reader, self.hints, self.max_bytes));
                Ready {
                    label: input.label(),
                    input: Some(input),
                    prepared,
                }
            }
            Err((label, reason)) => Ready {
                label,
                input: None,
                prepared: Err(reason),
            },
        }
    }
}

thread_local! {
    /// Set while an input is prepared under [`guarded`]: a panic there is
    /// that file's failure, reported with the others, not a crash.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// What the panic hook saw in this thread: the message and where.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic into an error for the input at hand. A bug the
/// extractor hits on one strange article must cost that article, not the
/// batch: before, a panicking worker left the writer waiting for its result
/// for ever.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.get() {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_string());
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                PANIC.set(Some(format!("{message}{at}")));
            } else {
                default(info);
            }
        }));
    });
    GUARDED.set(true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.set(false);
    result.unwrap_or_else(|_| {
        let what = PANIC.take().unwrap_or_else(|| "no message".to_string());
        Err(format!(
            "claims failed on this file ({what}); this is a bug in claims, please report it with the file"
        ))
    })
}

/// Releases every worker waiting for the writer to catch up, and tells them
/// to stop taking inputs: when dropped, or only when dropped by a panic.
struct LetGo<'a> {
    written: &'a (Mutex<usize>, Condvar),
    stop: &'a AtomicBool,
    only_when_panicking: bool,
}

impl Drop for LetGo<'_> {
    fn drop(&mut self) {
        if self.only_when_panicking && !std::thread::panicking() {
            return;
        }
        self.stop.store(true, Ordering::Relaxed);
        if let Ok(mut done) = self.written.0.lock() {
            *done = usize::MAX;
        }
        self.written.1.notify_all();
    }
}

/// Prepares every input on `threads` workers and hands each result to
/// `write` in input order, on the calling thread. Memory stays bounded
/// however many inputs there are: they are found as workers take them, and
/// workers run at most a small window ahead of the writer.
pub fn run(job: &Job<'_>, mut write: impl FnMut(Ready)) {
    if job.threads <= 1 {
        let reader = job.reader();
        loop {
            let Some(found) = job.inputs.lock().unwrap().next() else {
                return;
            };
            write(job.prepare(found, reader.as_ref()));
        }
    }
    let window = job.window.max(job.threads * 4);
    // The number of inputs taken so far, under the same lock as the walk,
    // so input numbers follow the walk's order.
    let taken = Mutex::new(0usize);
    let written = (Mutex::new(0usize), Condvar::new());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Ready)>();
    std::thread::scope(|scope| {
        for _ in 0..job.threads {
            let tx = tx.clone();
            let (taken, written) = (&taken, &written);
            let stop = &stop;
            scope.spawn(move || {
                // A worker that panics outside `guarded` leaves a gap the
                // writer would wait on for ever: the others stop taking
                // inputs, the channel closes, and the scope passes the panic
                // on.
                let _on_panic = LetGo {
                    written,
                    stop,
                    only_when_panicking: true,
                };
                let reader = job.reader();
                loop {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let (i, found) = {
                        let mut count = taken.lock().unwrap();
                        let i = *count;
                        // Stay within a window of the writer.
                        let mut done = written.0.lock().unwrap();
                        while i >= done.saturating_add(window) {
                            done = written.1.wait(done).unwrap();
                        }
                        drop(done);
                        let Some(found) = job.inputs.lock().unwrap().next() else {
                            break;
                        };
                        *count += 1;
                        (i, found)
                    };
                    if tx.send((i, job.prepare(found, reader.as_ref()))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Should the writer stop early (a panic), workers waiting for it to
        // catch up are let go, and find no one to send to; otherwise the
        // scope would wait for them for ever.
        let _let_go = LetGo {
            written: &written,
            stop: &stop,
            only_when_panicking: false,
        };
        let mut pending = BTreeMap::new();
        let mut next = 0usize;
        for (i, ready) in rx {
            pending.insert(i, ready);
            while let Some(ready) = pending.remove(&next) {
                write(ready);
                next += 1;
                *written.0.lock().unwrap() = next;
                written.1.notify_all();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_preparing_is_that_inputs_error() {
        let failed: Result<(), String> = guarded(|| {
            let words: Vec<&str> = Vec::new();
            panic!("no word at {}", words.len())
        });
        let reason = failed.unwrap_err();
        assert!(reason.contains("no word at 0"), "{reason}");
        assert!(reason.contains("pipeline.rs"), "{reason}");
        // The thread goes on, and the next input is prepared as usual.
        assert_eq!(guarded(|| Ok(7)), Ok(7));
        assert!(!GUARDED.get());
    }

    #[test]
    fn a_writer_that_stops_early_does_not_leave_workers_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for n in 0..40 {
            let path = dir.path().join(format!("a{n:02}.txt"));
            std::fs::write(&path, format!("The mayor said {n} roads would close.\n")).unwrap();
            paths.push(path.to_string_lossy().into_owned());
        }
        let lexicon = Lexicon::builtin();
        let hints = ArticleMeta::default();
        let job = Job {
            inputs: Mutex::new(Walk::new(paths)),
            lexicon: &lexicon,
            ledger_path: None,
            hints: &hints,
            max_bytes: 1 << 20,
            threads: 2,
            window: 2,
        };
        let mut seen = 0;
        let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(&job, |_| {
                seen += 1;
                if seen == 3 {
                    panic!("the writer stops");
                }
            })
        }));
        // Reaching this line is the test: the run ended instead of hanging.
        assert!(stopped.is_err());
        assert_eq!(seen, 3);
    }
}
