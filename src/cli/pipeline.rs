//! Import in parallel: every core reads, decodes and extracts articles while
//! one writer puts them into the ledger in input order, so the ledger is the
//! same whatever the thread count. Workers run at most a small window ahead
//! of the writer, which keeps memory bounded however large the batch, and
//! take no more inputs once the writer says to stop.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, Once};

use super::composed;
use super::input::{self, Found, Input, TextFormat, Walk};
use crate::extract::{self, ArticleMeta, Document, Lexicon};
use crate::store::{self, Ledger, NewArticle};

/// An article read and extracted, waiting for the writer.
pub enum Prepared {
    /// The same bytes are already in the ledger.
    Known { article_id: i64 },
    New {
        hash: String,
        text: String,
        encoding: &'static str,
        /// The encoding was given (`--encoding`), not detected.
        encoding_given: bool,
        document: Box<Document>,
        raw_layout: Option<String>,
        /// Made here rather than by the writer, the import's narrow end.
        profiles: Box<store::ClaimProfiles>,
        /// Something the user should know about how it was read.
        warning: Option<String>,
    },
}

/// How inputs are read: what the command line says about them.
pub struct ReadOptions<'a> {
    /// Article fields given on the command line.
    pub hints: &'a ArticleMeta,
    pub max_bytes: u64,
    /// `--format`: how to read the text, instead of by file ending or look.
    pub format: Option<TextFormat>,
    /// `--encoding`: the bytes' encoding, instead of a detected one.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Reads, decodes and extracts one input. The error is the reason to show.
pub fn prepare(
    input: &Input,
    lexicon: &Lexicon,
    known: Option<&Ledger>,
    options: &ReadOptions<'_>,
) -> Result<Prepared, String> {
    let bytes = input::read(input, options.max_bytes)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    // A hash lookup per file: an unchanged archive is never extracted again.
    // With an encoding given, the same bytes stored in another one (a
    // wrong guess) are read again, and the writer replaces them.
    if let Some(ledger) = known
        && let Ok(Some((article_id, stored))) = ledger.article_by_hash(&hash)
        && options.encoding.is_none_or(|given| given.name() == stored)
    {
        return Ok(Prepared::Known { article_id });
    }
    let decoded = input::decode(&bytes, options.encoding)?;
    drop(bytes);
    // A saved page is reduced to its main content first, and Markdown to
    // plain paragraphs; that text is what the ledger keeps as the raw text,
    // and what offsets point into.
    let page = match input.format(&decoded.text, options.format) {
        TextFormat::Html => Some(extract::html::read_page(&decoded.text)?),
        TextFormat::Markdown => Some(extract::markdown::read_markdown(&decoded.text)?),
        TextFormat::Text => None,
    };
    let (text, page_meta) = match page {
        Some(page) => (page.text, Some(page.meta)),
        None => (decoded.text, None),
    };
    let mut document = composed::extract(&text, lexicon);
    if document.claims.is_empty() {
        return Err("no claims found (no body sentences that state something)".to_string());
    }
    if let Some(page_meta) = page_meta {
        apply_hints(&mut document.meta, &page_meta);
    }
    apply_hints(&mut document.meta, options.hints);
    let raw_layout = store::stored_layout(&text, &document);
    let profiles = Box::new(store::ClaimProfiles::of(&document));
    Ok(Prepared::New {
        hash,
        text,
        encoding: decoded.encoding,
        encoding_given: options.encoding.is_some(),
        document: Box::new(document),
        raw_layout,
        profiles,
        warning: decoded.unsure,
    })
}

impl Prepared {
    /// The article to write, for a new one; `label` is its path as given.
    pub fn as_new<'a>(&'a self, label: &'a str) -> Option<NewArticle<'a>> {
        match self {
            Prepared::Known { .. } => None,
            Prepared::New {
                hash,
                text,
                encoding,
                encoding_given,
                document,
                raw_layout,
                profiles,
                ..
            } => Some(NewArticle {
                path: Some(label),
                content_hash: hash,
                raw_text: text,
                raw_layout: raw_layout.as_deref(),
                encoding,
                encoding_given: *encoding_given,
                document,
                profiles: Some(profiles),
            }),
        }
    }

    pub fn warning(&self) -> Option<&str> {
        match self {
            Prepared::New { warning, .. } => warning.as_deref(),
            Prepared::Known { .. } => None,
        }
    }
}

/// Frees prepared articles on a short-lived thread. Freeing a group's
/// documents (thousands of small strings) took a twentieth of the writer's
/// time, and the writer is the import's narrowest stage. Should no thread
/// be had, they are freed here.
pub fn free_later<T: Send + 'static>(spent: T) {
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(spent));
}

/// The step the workers give way by when none is given: ten nice levels,
/// unless other work is running on the machine as the import starts.
/// Lowered workers lose out to that work too (beside two busy loops in
/// the same session a 2,000-article import took 3.1 to 3.6 s instead of
/// 0.9 s), so they are lowered only on a machine that is otherwise idle.
/// A nice value cannot be raised again without privilege: work that
/// starts later still gets ahead of them, and `--worker-nice 0` is for
/// that.
pub fn default_worker_nice() -> i32 {
    step_for(others_running())
}

/// How far workers give way on an idle machine.
const IDLE_STEP: i32 = 10;

fn step_for(others_running: Option<usize>) -> i32 {
    match others_running {
        Some(others) if others > 0 => 0,
        _ => IDLE_STEP,
    }
}

/// How many threads of other processes are running or ready to run, as
/// `procs_running` in /proc/stat counts them less the caller; `None`
/// where that cannot be read. Read up to three times, a millisecond
/// apart, and the fewest taken: a kernel thread running for a moment is
/// no busy machine.
fn others_running() -> Option<usize> {
    let mut fewest = None;
    for attempt in 0..3 {
        if attempt > 0 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let others = procs_running(&stat)?.saturating_sub(1);
        fewest = Some(fewest.map_or(others, |f: usize| f.min(others)));
        if others == 0 {
            break;
        }
    }
    fewest
}

/// `procs_running` of /proc/stat's text.
fn procs_running(stat: &str) -> Option<usize> {
    stat.lines()
        .find_map(|line| line.strip_prefix("procs_running "))?
        .trim()
        .parse()
        .ok()
}

/// Lowers the calling thread's priority `step` nice levels (to 19 at
/// most) below the writer's: the writer is the import's narrow end, and
/// with a worker per core there are more threads than cores. At equal
/// priority the scheduler shared the cores evenly, and at 10,000 articles
/// the writer spent most of a second ready but waiting for one while the
/// workers ran ahead of it (BENCHMARKS.md, stop 20). A worker still gets
/// any core the writer leaves idle; on a machine busy with other work it
/// also gets less than they do (see [`default_worker_nice`]). Where
/// the priority cannot be lowered (or outside Linux, where a nice value
/// is the whole process's, not a thread's), the thread runs as it is.
fn give_way(step: i32) {
    #[cfg(target_os = "linux")]
    if step > 0 {
        use rustix::process::{getpriority_process, setpriority_process};
        let me = Some(rustix::thread::gettid());
        if let Ok(now) = getpriority_process(me) {
            let _ = setpriority_process(me, (now + step).min(19));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = step;
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
    pub reading: ReadOptions<'a>,
    pub threads: usize,
    /// How many inputs workers may run ahead of the writer. More than the
    /// writer takes at once, so workers keep going while it writes.
    pub window: usize,
    /// How many nice levels the workers run below the writer (see
    /// [`give_way`]); 0 runs them alike.
    pub worker_nice: i32,
}

/// One input as prepared for the writer.
pub struct Ready {
    /// The path as given, which the ledger records.
    pub label: String,
    pub prepared: Result<Prepared, String>,
}

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
                let prepared = guarded(|| prepare(&input, self.lexicon, reader, &self.reading));
                Ready {
                    label: input.label(),
                    prepared,
                }
            }
            Err((label, reason)) => Ready {
                label,
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
/// `write` in input order, on the calling thread, until `write` says to
/// stop: then no worker takes another input. Memory stays bounded however
/// many inputs there are: they are found as workers take them, and workers
/// run at most a small window ahead of the writer.
pub fn run(job: &Job<'_>, mut write: impl FnMut(Ready) -> ControlFlow<()>) {
    if job.threads <= 1 {
        let reader = job.reader();
        loop {
            let Some(found) = job.inputs.lock().unwrap().next() else {
                return;
            };
            if write(job.prepare(found, reader.as_ref())).is_break() {
                return;
            }
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
            let worker = std::thread::Builder::new().name("extract".into());
            let spawned = worker.spawn_scoped(scope, move || {
                // A worker that panics outside `guarded` leaves a gap the
                // writer would wait on for ever: the others stop taking
                // inputs, the channel closes, and the scope passes the panic
                // on.
                let _on_panic = LetGo {
                    written,
                    stop,
                    only_when_panicking: true,
                };
                give_way(job.worker_nice);
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
                        // Let go because the writer stopped: take nothing more.
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
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
            // Named, so they can be told apart (`top -H`, the tests); as
            // with `scope.spawn`, no thread is no import.
            spawned.expect("an extraction thread");
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
        'inputs: for (i, ready) in rx {
            pending.insert(i, ready);
            while let Some(ready) = pending.remove(&next) {
                if write(ready).is_break() {
                    // `_let_go` stops the workers; those mid-input find the
                    // channel closed.
                    break 'inputs;
                }
                next += 1;
                *written.0.lock().unwrap() = next;
                written.1.notify_all();
            }
        }
        // Prepared inputs the writer never took are freed off its thread.
        free_later(pending);
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
    fn workers_give_way_by_default_only_on_an_idle_machine() {
        let stat = "cpu  1 2 3\nctxt 99\nprocs_running 3\nprocs_blocked 0\n";
        assert_eq!(procs_running(stat), Some(3));
        assert_eq!(procs_running("cpu 1 2 3\n"), None);
        assert_eq!(procs_running("procs_running many\n"), None);
        assert_eq!(step_for(Some(0)), IDLE_STEP);
        assert_eq!(step_for(Some(1)), 0);
        assert_eq!(step_for(Some(7)), 0);
        // Where the machine's load cannot be read, as where it is idle.
        assert_eq!(step_for(None), IDLE_STEP);
        #[cfg(target_os = "linux")]
        assert!(others_running().is_some());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_thread_that_gives_way_runs_that_much_below_the_writer() {
        use rustix::process::getpriority_process;
        let writer = getpriority_process(None).unwrap();
        for step in [0, 3, 10, 40] {
            let after = std::thread::spawn(move || {
                give_way(step);
                getpriority_process(None).unwrap()
            })
            .join()
            .unwrap();
            assert_eq!(after, (writer + step).min(19), "step {step}");
        }
        // Only the threads that called it: the writer runs as it did.
        assert_eq!(getpriority_process(None).unwrap(), writer);
    }

    /// The nice value of each extraction worker alive in this process
    /// (other tests' too).
    #[cfg(target_os = "linux")]
    fn workers_nice() -> Vec<i32> {
        let mut found = Vec::new();
        for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            let tid = task.file_name().to_string_lossy().parse().ok();
            let pid = tid.and_then(rustix::process::Pid::from_raw);
            if comm.trim() == "extract"
                && let Ok(nice) = rustix::process::getpriority_process(pid)
            {
                found.push(nice);
            }
        }
        found
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_workers_run_below_the_writer() {
        use rustix::process::getpriority_process;
        let writer = getpriority_process(None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path(), 20);
        let lexicon = Lexicon::builtin();
        let hints = ArticleMeta::default();
        let job = job(paths, &lexicon, &hints, 2, 4);
        let mut seen = Vec::new();
        run(&job, |_| {
            seen.extend(workers_nice());
            ControlFlow::Continue(())
        });
        // A worker that sent an article had given way; one just started
        // (this job's or another test's, all at this thread's priority and
        // the same step) may not have yet, and none runs lower.
        let below = (writer + job.worker_nice).min(19);
        assert!(seen.contains(&below), "{seen:?}, none at {below}");
        assert!(seen.iter().all(|&n| n == below || n == writer), "{seen:?}");
        assert_eq!(getpriority_process(None).unwrap(), writer);
    }

    /// A job over `paths` on `threads` workers.
    fn job<'a>(
        paths: Vec<String>,
        lexicon: &'a Lexicon,
        hints: &'a ArticleMeta,
        threads: usize,
        window: usize,
    ) -> Job<'a> {
        Job {
            inputs: Mutex::new(Walk::new(paths)),
            lexicon,
            ledger_path: None,
            reading: ReadOptions {
                hints,
                max_bytes: 1 << 20,
                format: None,
                encoding: None,
            },
            threads,
            window,
            worker_nice: 10,
        }
    }

    /// `count` small articles in a temporary directory.
    fn articles(dir: &std::path::Path, count: usize) -> Vec<String> {
        (0..count)
            .map(|n| {
                let path = dir.join(format!("a{n:02}.txt"));
                std::fs::write(&path, format!("The mayor said {n} roads would close.\n")).unwrap();
                path.to_string_lossy().into_owned()
            })
            .collect()
    }

    #[test]
    fn a_writer_that_says_stop_stops_the_workers_taking_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path(), 200);
        let lexicon = Lexicon::builtin();
        let hints = ArticleMeta::default();
        for threads in [1, 2] {
            let job = job(paths.clone(), &lexicon, &hints, threads, 4);
            let mut seen = 0;
            run(&job, |_| {
                seen += 1;
                if seen == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            assert_eq!(seen, 3);
            // Workers stayed within their window of the writer and then
            // stopped: most inputs were never taken.
            let left = job.inputs.into_inner().unwrap().count();
            assert!(
                left >= 200 - 3 - 4 * threads * 2,
                "{threads} threads: {left} left"
            );
        }
    }

    #[test]
    fn a_writer_that_stops_early_does_not_leave_workers_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path(), 40);
        let lexicon = Lexicon::builtin();
        let hints = ArticleMeta::default();
        let job = job(paths, &lexicon, &hints, 2, 2);
        let mut seen = 0;
        let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(&job, |_| {
                seen += 1;
                if seen == 3 {
                    panic!("the writer stops");
                }
                ControlFlow::Continue(())
            })
        }));
        // Reaching this line is the test: the run ended instead of hanging.
        assert!(stopped.is_err());
        assert_eq!(seen, 3);
    }
}
