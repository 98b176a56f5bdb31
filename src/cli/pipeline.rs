//! Import in parallel: every core reads, decodes and extracts articles while
//! one writer puts them into the ledger in input order, so the ledger is the
//! same whatever the thread count. Workers run at most a small window ahead
//! of the writer, which keeps memory bounded however large the batch.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

use super::input::{self, Input};
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

/// Writes a prepared article; the ledger is untouched by a failure.
pub fn write(
    ledger: &mut Ledger,
    input: &Input,
    prepared: Prepared,
) -> Result<ImportOutcome, String> {
    match prepared {
        Prepared::Known { article_id } => Ok(ImportOutcome::Unchanged { article_id }),
        Prepared::New {
            hash,
            text,
            encoding,
            document,
            raw_layout,
        } => {
            let label = input.label();
            ledger
                .import_article(&NewArticle {
                    path: Some(&label),
                    content_hash: &hash,
                    raw_text: &text,
                    raw_layout: raw_layout.as_deref(),
                    encoding,
                    document: &document,
                })
                .map_err(|e| format!("not imported: {e}"))
        }
    }
}

/// Writes a group of prepared articles together (one savepoint for all,
/// see [`Ledger::import_articles`]) and gives each input its outcome, in
/// input order. A ledger error that is not one article's fault (the disk is
/// full) is every article's failure.
pub fn write_group(
    ledger: &mut Ledger,
    inputs: &[Input],
    group: Vec<(usize, Result<Prepared, String>)>,
) -> Vec<(usize, Result<ImportOutcome, String>)> {
    let labels: Vec<String> = group.iter().map(|(i, _)| inputs[*i].label()).collect();
    let new: Vec<NewArticle<'_>> = group
        .iter()
        .zip(&labels)
        .filter_map(|((_, prepared), label)| match prepared {
            Ok(Prepared::New {
                hash,
                text,
                encoding,
                document,
                raw_layout,
            }) => Some(NewArticle {
                path: Some(label),
                content_hash: hash,
                raw_text: text,
                raw_layout: raw_layout.as_deref(),
                encoding,
                document,
            }),
            _ => None,
        })
        .collect();
    let mut written = match ledger.import_articles(&new) {
        Ok(outcomes) => outcomes
            .into_iter()
            .map(|o| o.map_err(|e| format!("not imported: {e}")))
            .collect::<Vec<_>>(),
        Err(e) => vec![Err(format!("not imported: {e}")); new.len()],
    }
    .into_iter();
    group
        .iter()
        .map(|(i, prepared)| {
            let outcome = match prepared {
                Ok(Prepared::Known { article_id }) => Ok(ImportOutcome::Unchanged {
                    article_id: *article_id,
                }),
                Ok(Prepared::New { .. }) => {
                    written.next().expect("an outcome for every new article")
                }
                Err(reason) => Err(reason.clone()),
            };
            (*i, outcome)
        })
        .collect()
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
    pub inputs: &'a [Input],
    pub lexicon: &'a Lexicon,
    /// The ledger file, which each worker reads to skip articles already in
    /// it; `None` for a ledger with no file (in memory).
    pub ledger_path: Option<&'a Path>,
    pub hints: &'a ArticleMeta,
    pub max_bytes: u64,
    pub threads: usize,
}

impl Job<'_> {
    /// A read-only connection for hash lookups; none when the ledger has no
    /// file or cannot be read (the writer checks the hash again anyway).
    fn reader(&self) -> Option<Ledger> {
        self.ledger_path
            .and_then(|p| Ledger::open_read_only(p).ok())
    }
}

/// Prepares every input on `threads` workers and hands each result to
/// `write` in input order, on the calling thread.
pub fn run(job: &Job<'_>, mut write: impl FnMut(usize, Result<Prepared, String>)) {
    let n = job.inputs.len();
    if job.threads <= 1 || n <= 1 {
        let reader = job.reader();
        for (i, input) in job.inputs.iter().enumerate() {
            write(
                i,
                prepare(
                    input,
                    job.lexicon,
                    reader.as_ref(),
                    job.hints,
                    job.max_bytes,
                ),
            );
        }
        return;
    }
    let window = job.threads * 4;
    let next_claim = Mutex::new(0usize);
    let written = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, Result<Prepared, String>)>();
    std::thread::scope(|scope| {
        for _ in 0..job.threads {
            let tx = tx.clone();
            let (next_claim, written) = (&next_claim, &written);
            scope.spawn(move || {
                let reader = job.reader();
                loop {
                    let i = {
                        let mut claim = next_claim.lock().unwrap();
                        let i = *claim;
                        if i >= n {
                            break;
                        }
                        // Stay within a window of the writer.
                        let mut done = written.0.lock().unwrap();
                        while i >= *done + window {
                            done = written.1.wait(done).unwrap();
                        }
                        *claim += 1;
                        i
                    };
                    let input = &job.inputs[i];
                    let result = prepare(
                        input,
                        job.lexicon,
                        reader.as_ref(),
                        job.hints,
                        job.max_bytes,
                    );
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut next = 0usize;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&next) {
                write(next, result);
                next += 1;
                *written.0.lock().unwrap() = next;
                written.1.notify_all();
            }
        }
    });
}
