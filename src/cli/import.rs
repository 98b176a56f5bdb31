//! `claims import`: articles into the ledger, one transaction each. A bad
//! file is reported and skipped; the rest of the batch goes on.

use std::process::ExitCode;

use anyhow::{Result, bail};

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::Context;
use super::input::{Input, Walk};
use super::output::{Format, for_terminal, print_table};
use super::pipeline;
use crate::extract::{ArticleMeta, Lexicon};
use crate::store::{ImportOutcome, Ledger};

/// Articles larger than this are refused unless `--max-bytes` says otherwise.
const DEFAULT_MAX_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims import article.txt
  claims import archive/ --max-bytes 20000000
  curl -s https://example.org/story.txt | claims import - --title \"Story\" --outlet \"Example News\"")]
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
    /// Print nothing but failures and the summary
    #[arg(long, short)]
    quiet: bool,
    /// Extraction threads (default: one per core); the ledger comes out the
    /// same whatever the number
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
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
    claims: u64,
    failures: Vec<(String, String)>,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let mut tally = Tally::default();
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
        hints: &hints,
        max_bytes: args.max_bytes,
        threads: args.jobs.unwrap_or_else(default_threads),
        window: 2 * GROUP,
    };
    // Articles are written into batch transactions, which shares the cost
    // of writing every touched page among many articles; each article stays
    // whole (see `pipeline::Writer`).
    ledger.begin_batch()?;
    let mut writer = pipeline::Writer::new(&mut ledger, &job);
    let mut commit_error = None;
    // Results wait in a small group so the ledger can write the group's
    // articles together; the group is written when full, and whatever is
    // left at the end.
    let mut group = Vec::with_capacity(GROUP);
    let mut seen = 0usize;
    let mut flush = |group: &mut Vec<pipeline::Ready>| {
        if group.is_empty() || commit_error.is_some() {
            group.clear();
            return;
        }
        let done = match writer.write_group(std::mem::take(group)) {
            Ok(done) => done,
            Err(e) => {
                commit_error = Some(e);
                return;
            }
        };
        // Reported imported before a rollback, and failed when written
        // again (the file changed or went away meanwhile).
        for (label, reason) in done.lost {
            tally.new -= 1;
            progress.say(format!("{}: {reason}", for_terminal(&label)));
            tally.failures.push((label, reason));
        }
        for (label, outcome) in done.written {
            match outcome {
                Ok(ImportOutcome::New {
                    article_id,
                    claims,
                    sources,
                }) => {
                    tally.new += 1;
                    tally.last_new = Some(article_id);
                    tally.claims += claims as u64;
                    if !args.quiet {
                        progress.say(format!(
                            "{}: {claims} claims, {sources} sources (article {article_id})",
                            for_terminal(&label)
                        ));
                    }
                }
                Ok(ImportOutcome::Unchanged { article_id }) => {
                    tally.unchanged += 1;
                    if !args.quiet {
                        progress.say(format!(
                            "{}: unchanged, already in the ledger as article {article_id}",
                            for_terminal(&label)
                        ));
                    }
                }
                Err(reason) => {
                    progress.say(format!("{}: {reason}", for_terminal(&label)));
                    tally.failures.push((label, reason));
                }
            }
        }
        if let Err(e) = writer.commit_if_due() {
            commit_error = Some(e);
        }
    };
    pipeline::run(&job, |ready| {
        progress.tick();
        seen += 1;
        group.push(ready);
        if group.len() >= GROUP {
            flush(&mut group);
        }
    });
    flush(&mut group);
    progress.finish();
    if let Some(e) = commit_error {
        return Err(anyhow::Error::new(e).context("cannot commit the imported articles"));
    }
    ledger.end_batch()?;
    let (articles, claims, sources) = ledger.totals()?;
    eprintln!(
        "articles: {} new, {} unchanged, {} failed; {} claims and {} sources added; the ledger holds {}, {}, {}",
        tally.new,
        tally.unchanged,
        tally.failures.len(),
        tally.claims,
        sources - sources_before,
        counted(articles, "article"),
        counted(claims, "claim"),
        counted(sources, "source"),
    );
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

/// Reads, decodes, extracts and writes one article. The error is the reason
/// to show the user; the ledger is untouched by a failure.
pub(super) fn import_one(
    ledger: &mut Ledger,
    lexicon: &Lexicon,
    input: &Input,
    hints: &ArticleMeta,
    max_bytes: u64,
) -> Result<ImportOutcome, String> {
    let prepared = pipeline::prepare(input, lexicon, None, hints, max_bytes)?;
    pipeline::write(ledger, input, prepared)
}
