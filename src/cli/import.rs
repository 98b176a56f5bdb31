//! `claims import`: articles into the ledger through an import session
//! (see [`crate::store::ImportSession`]): each article whole or not at all,
//! announced once the commit that keeps it has returned. A bad file is
//! reported and skipped; the rest goes on. A ledger that fails a write
//! stops the import.

use std::process::ExitCode;

use anyhow::{Result, bail};

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use std::collections::VecDeque;
use std::ops::ControlFlow;

use super::Context;
use super::input::{Input, TextFormat, Walk};
use super::output::{Format, for_terminal, print_table};
use super::pipeline::{self, Prepared, ReadOptions};
use crate::extract::{ArticleMeta, Lexicon};
use crate::store::{ImportOutcome, ImportSession, Ledger, NewArticle, SessionLost};

/// Articles larger than this are refused unless `--max-bytes` says otherwise.
const DEFAULT_MAX_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims import article.txt
  claims import archive/ --max-bytes 20000000
  curl -s https://example.org/story.txt | claims import - --title \"Story\" --outlet \"Example News\"
  curl -s https://example.org/story.html | claims import -      # a page is read as HTML
  claims import old-archive/ --encoding windows-1252")]
pub struct Args {
    /// Files, directories (walked recursively for .txt, .md, .html) or - for standard input
    #[arg(required = true)]
    paths: Vec<String>,
    /// Headline, for a single article
    #[arg(long)]
    title: Option<String>,
    /// Publishing outlet, for a single article
    #[arg(long)]
    outlet: Option<String>,
    /// Canonical URL, for a single article
    #[arg(long)]
    url: Option<String>,
    /// Publication date (YYYY-MM-DD or RFC 3339), for a single article
    #[arg(long, value_parser = parse_date)]
    published: Option<String>,
    /// Byline, for a single article
    #[arg(long)]
    byline: Option<String>,
    /// Refuse articles larger than this many bytes
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// How to read the text: html (a web page), text or markdown. By default
    /// from the file ending; standard input and files without one of ours
    /// are read as HTML when they look like a page
    #[arg(long, value_enum)]
    format: Option<TextFormat>,
    /// The encoding of the bytes (utf-8, windows-1252, latin1, koi8-r,
    /// shift_jis, ...), instead of detecting it; a warning says when a
    /// detection is unsure
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Print nothing but failures, warnings and the summary
    #[arg(long, short)]
    quiet: bool,
    /// Extraction threads (default: one per core); the ledger comes out the
    /// same whatever the number
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// How many nice levels the extraction threads run below the thread
    /// that writes the ledger (Linux; the import's narrow end, which at
    /// equal priority waits for a core while they run ahead). By default
    /// 10 when nothing else is running as the import starts, else 0; 0
    /// runs them alike, for an import that must hold its own beside other
    /// work
    #[arg(long, value_name = "N", env = "CLAIMS_WORKER_NICE",
          value_parser = clap::value_parser!(i32).range(0..=19))]
    worker_nice: Option<i32>,
}

/// "1 article", "3 articles".
fn counted(n: i64, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A progress bar on standard error for long imports; nothing at all when
/// standard error is not a terminal.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(total: u64) -> Progress {
        let bar = (total > 1 && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} articles  {per_sec}  eta {eta}")
                    .expect("a valid template"),
            );
            bar
        });
        Progress { bar }
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn say(&self, line: String) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// An encoding by any of its WHATWG labels ("latin1" is windows-1252, as
/// browsers read it).
fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(s.trim().as_bytes())
        .ok_or_else(|| format!("{s:?} is not an encoding this build knows (try utf-8, windows-1252, iso-8859-2, koi8-r)"))
}

fn parse_date(s: &str) -> Result<String, String> {
    if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || chrono::DateTime::parse_from_rfc3339(s).is_ok()
    {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a date like 2024-10-23"))
    }
}

impl Args {
    fn hints(&self) -> ArticleMeta {
        ArticleMeta {
            title: self.title.clone(),
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            published: self.published.clone(),
            byline: self.byline.clone(),
            dateline: None,
        }
    }

    fn has_hints(&self) -> bool {
        self.title.is_some()
            || self.outlet.is_some()
            || self.url.is_some()
            || self.published.is_some()
            || self.byline.is_some()
    }
}

use crate::store::GROUP_ARTICLES as GROUP;

#[derive(Debug, Default)]
struct Tally {
    new: u64,
    /// The last article added, shown when a lone article is imported at a
    /// terminal.
    last_new: Option<i64>,
    unchanged: u64,
    /// Articles read again in the encoding given, replacing a wrong guess.
    reread: u64,
    claims: u64,
    warnings: u64,
    failures: Vec<(String, String)>,
}

/// One input on its way to the user: settled (found unchanged, refused,
/// unreadable, or written and committed), or written into the open batch
/// and waiting for its commit.
struct Entry {
    label: String,
    warning: Option<String>,
    outcome: Option<Result<ImportOutcome, String>>,
}

/// What the user is told, in input order, and only what is final: an
/// article is announced once the commit that keeps it has returned.
struct Report<'a> {
    quiet: bool,
    progress: &'a Progress,
    /// Inputs not yet announced; the first has number `first`.
    queue: VecDeque<Entry>,
    first: usize,
    tally: Tally,
}

impl Report<'_> {
    /// Queues an input and gives its number.
    fn add(&mut self, label: String, warning: Option<String>) -> usize {
        self.queue.push_back(Entry {
            label,
            warning,
            outcome: None,
        });
        self.first + self.queue.len() - 1
    }

    fn settle(&mut self, number: usize, outcome: Result<ImportOutcome, String>) {
        self.queue[number - self.first].outcome = Some(outcome);
    }

    /// Announces the inputs at the front whose outcome is final.
    fn announce(&mut self) {
        while self.queue.front().is_some_and(|e| e.outcome.is_some()) {
            let entry = self.queue.pop_front().expect("a front entry");
            self.first += 1;
            let label = for_terminal(&entry.label).into_owned();
            match entry.outcome.expect("settled") {
                Ok(ImportOutcome::New {
                    article_id,
                    claims,
                    sources,
                }) => {
                    self.tally.new += 1;
                    self.tally.last_new = Some(article_id);
                    self.tally.claims += claims as u64;
                    if !self.quiet {
                        self.progress.say(format!(
                            "{label}: {}, {} (article {article_id})",
                            counted(claims as i64, "claim"),
                            counted(sources as i64, "source"),
                        ));
                    }
                }
                Ok(ImportOutcome::Reread {
                    article_id,
                    claims,
                    sources,
                    was,
                    now,
                }) => {
                    self.tally.reread += 1;
                    self.tally.last_new = Some(article_id);
                    // Said even with -q: the ledger's text changed.
                    self.progress.say(format!(
                        "{label}: read again as {now} (it was read as {was}): article {article_id} replaced, {}, {}",
                        counted(claims as i64, "claim"),
                        counted(sources as i64, "source"),
                    ));
                }
                Ok(ImportOutcome::Unchanged { article_id }) => {
                    self.tally.unchanged += 1;
                    if !self.quiet {
                        self.progress.say(format!(
                            "{label}: unchanged, already in the ledger as article {article_id}"
                        ));
                    }
                }
                Err(reason) => {
                    self.progress.say(format!("{label}: {reason}"));
                    self.tally.failures.push((entry.label, reason));
                }
            }
            if let Some(warning) = entry.warning {
                self.tally.warnings += 1;
                self.progress.say(format!("{label}: warning: {warning}"));
            }
        }
    }
}

/// Hands a group to the session: inputs that need no writing are settled at
/// once, the others when the commit that keeps them returns.
fn write_group(
    session: &mut ImportSession<'_, usize>,
    report: &mut Report<'_>,
    group: Vec<pipeline::Ready>,
) -> Result<(), SessionLost<usize>> {
    let mut numbers = Vec::with_capacity(group.len());
    for ready in &group {
        let warning = ready
            .prepared
            .as_ref()
            .ok()
            .and_then(|p| p.warning().map(str::to_string));
        let number = report.add(ready.label.clone(), warning);
        match &ready.prepared {
            Ok(Prepared::Known { article_id }) => report.settle(
                number,
                Ok(ImportOutcome::Unchanged {
                    article_id: *article_id,
                }),
            ),
            Ok(Prepared::New { .. }) => {}
            Err(reason) => report.settle(number, Err(reason.clone())),
        }
        numbers.push(number);
    }
    let new: Vec<(usize, NewArticle<'_>)> = group
        .iter()
        .zip(&numbers)
        .filter_map(|(ready, &number)| {
            let article = ready.prepared.as_ref().ok()?.as_new(&ready.label)?;
            Some((number, article))
        })
        .collect();
    let refused = session.write_group(new.iter().map(|(n, a)| (*n, a)).collect());
    drop(new);
    pipeline::free_later(group);
    for (number, reason) in refused? {
        report.settle(number, Err(format!("not imported: {reason}")));
    }
    for (number, outcome) in session.commit_if_due()? {
        report.settle(number, Ok(outcome));
    }
    report.announce();
    Ok(())
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    if args.has_hints() {
        let found = Walk::new(args.paths.clone()).count();
        if found > 1 {
            bail!(
                "--title, --outlet, --url, --published and --byline describe a single article; {found} inputs were given"
            );
        }
    }
    if args.paths.iter().filter(|p| *p == "-").count() > 1 {
        bail!("standard input (-) can be imported only once per run");
    }
    let lexicon = context.lexicon()?;
    let mut ledger = context.writer()?;
    let (_, _, sources_before) = ledger.totals()?;
    let hints = args.hints();
    // The bar's length costs a second walk of the directories, worth it
    // only when someone watches the bar.
    let total = if std::io::stderr().is_terminal() {
        Walk::new(args.paths.clone()).count()
    } else {
        0
    };
    let progress = Progress::new(total as u64);
    let job = pipeline::Job {
        inputs: std::sync::Mutex::new(Walk::new(args.paths.clone())),
        lexicon: &lexicon,
        ledger_path: Some(&context.db),
        reading: ReadOptions {
            hints: &hints,
            max_bytes: args.max_bytes,
            format: args.format,
            encoding: args.encoding,
        },
        threads: args.jobs.unwrap_or_else(default_threads),
        window: 2 * GROUP,
        worker_nice: args
            .worker_nice
            .unwrap_or_else(pipeline::default_worker_nice),
    };
    let mut report = Report {
        quiet: args.quiet,
        progress: &progress,
        queue: VecDeque::new(),
        first: 0,
        tally: Tally::default(),
    };
    let mut seen = 0usize;
    let mut lost = None;
    {
        let mut session = ledger.import_session::<usize>()?;
        // Results wait in a small group so the session can write the
        // group's articles together; the group is written when full, and
        // whatever is left at the end.
        let mut group = Vec::with_capacity(GROUP);
        pipeline::run(&job, |ready| {
            progress.tick();
            seen += 1;
            group.push(ready);
            if group.len() < GROUP {
                return ControlFlow::Continue(());
            }
            match write_group(&mut session, &mut report, std::mem::take(&mut group)) {
                Ok(()) => ControlFlow::Continue(()),
                Err(gone) => {
                    lost = Some(gone);
                    ControlFlow::Break(())
                }
            }
        });
        if lost.is_none() {
            let written = write_group(&mut session, &mut report, group);
            match written.and_then(|()| session.finish()) {
                Ok(committed) => {
                    for (number, outcome) in committed {
                        report.settle(number, Ok(outcome));
                    }
                }
                Err(gone) => lost = Some(gone),
            }
        }
    }
    progress.finish();
    if let Some(gone) = &lost {
        if let Some(at) = gone.at {
            report.settle(
                at,
                Err(format!(
                    "not imported: the ledger failed writing it: {}",
                    gone.error
                )),
            );
        }
        // The others were written into the batch the failure rolled back,
        // or never handed to the ledger: never announced, left for the next
        // import.
        report.queue.retain(|e| e.outcome.is_some());
    }
    report.announce();
    let tally = report.tally;
    let (articles, claims, sources) = ledger.totals()?;
    let reread = if tally.reread > 0 {
        format!("{} read again, ", tally.reread)
    } else {
        String::new()
    };
    eprintln!(
        "articles: {} new, {reread}{} unchanged, {} failed; {} and {} added; the ledger holds {}, {}, {}",
        tally.new,
        tally.unchanged,
        tally.failures.len(),
        counted(tally.claims as i64, "claim"),
        counted(sources - sources_before, "source"),
        counted(articles, "article"),
        counted(claims, "claim"),
        counted(sources, "source"),
    );
    if let Some(gone) = lost {
        let not_kept = gone.lost.len() + usize::from(gone.at.is_some());
        return Err(anyhow::Error::new(*gone.error).context(format!(
            "the ledger failed and the import stopped: {} since its last commit {} not kept; the ledger holds what was announced above, and importing again adds the rest",
            counted(not_kept as i64, "article"),
            if not_kept == 1 { "was" } else { "were" }
        )));
    }
    if tally.warnings > 0 {
        eprintln!(
            "{} with a warning (above): check how {} read",
            counted(tally.warnings as i64, "article"),
            if tally.warnings == 1 {
                "it was"
            } else {
                "they were"
            }
        );
    }
    if tally.failures.is_empty() {
        // One article imported by hand: show what was found in it. Scripts
        // (standard output not a terminal) get nothing on standard output.
        if let (1, Some(id)) = (seen, tally.last_new)
            && !args.quiet
            && std::io::stdout().is_terminal()
        {
            print_table(&ledger.article_claims(id)?, Format::Table)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("failed:");
    for (label, reason) in &tally.failures {
        eprintln!("  {}: {reason}", for_terminal(label));
    }
    Ok(ExitCode::FAILURE)
}

/// Reads, decodes, extracts and writes one article in a transaction of its
/// own. The error is the reason to show the user.
pub(super) fn import_one(
    ledger: &mut Ledger,
    lexicon: &Lexicon,
    input: &Input,
    reading: &ReadOptions<'_>,
) -> Result<ImportOutcome, String> {
    let label = input.label();
    match pipeline::prepare(input, lexicon, None, reading)? {
        Prepared::Known { article_id } => Ok(ImportOutcome::Unchanged { article_id }),
        prepared => {
            let article = prepared.as_new(&label).expect("a new article");
            ledger
                .import_article(&article)
                .map_err(|e| format!("not imported: {e}"))
        }
    }
}
