//! `claims import`: articles into the ledger, one transaction each. A bad
//! file is reported and skipped; the rest of the batch goes on.

use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Context;
use super::input::{self, Input};
use super::output::for_terminal;
use crate::extract::{self, ArticleMeta, Lexicon};
use crate::store::{ImportOutcome, Ledger, NewArticle};

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

#[derive(Debug, Default)]
struct Tally {
    new: u64,
    unchanged: u64,
    claims: u64,
    failures: Vec<(String, String)>,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let mut tally = Tally::default();
    let inputs = input::collect(&args.paths, &mut tally.failures);
    if args.has_hints() && inputs.len() + tally.failures.len() > 1 {
        bail!(
            "--title, --outlet, --url, --published and --byline describe a single article; {} inputs were given",
            inputs.len() + tally.failures.len()
        );
    }
    if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
        bail!("standard input (-) can be imported only once per run");
    }
    let lexicon = context.lexicon()?;
    let mut ledger = context.ledger()?;
    let (_, _, sources_before) = ledger.totals()?;
    let hints = args.hints();
    for input in &inputs {
        let label = input.label();
        match import_one(&mut ledger, &lexicon, input, &hints, args.max_bytes) {
            Ok(ImportOutcome::New {
                article_id,
                claims,
                sources,
            }) => {
                tally.new += 1;
                tally.claims += claims as u64;
                if !args.quiet {
                    eprintln!(
                        "{}: {claims} claims, {sources} sources (article {article_id})",
                        for_terminal(&label)
                    );
                }
            }
            Ok(ImportOutcome::Unchanged { article_id }) => {
                tally.unchanged += 1;
                if !args.quiet {
                    eprintln!(
                        "{}: unchanged, already in the ledger as article {article_id}",
                        for_terminal(&label)
                    );
                }
            }
            Err(reason) => {
                eprintln!("{}: {reason}", for_terminal(&label));
                tally.failures.push((label, reason));
            }
        }
    }
    let (articles, claims, sources) = ledger.totals()?;
    eprintln!(
        "articles: {} new, {} unchanged, {} failed; {} claims and {} sources added; the ledger holds {articles} articles, {claims} claims, {sources} sources",
        tally.new,
        tally.unchanged,
        tally.failures.len(),
        tally.claims,
        sources - sources_before,
    );
    if tally.failures.is_empty() {
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
    let bytes = input::read(input, max_bytes)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(article_id) = ledger.article_by_hash(&hash).map_err(|e| e.to_string())? {
        return Ok(ImportOutcome::Unchanged { article_id });
    }
    if input.is_html() {
        return Err("HTML import is not supported yet".to_string());
    }
    let decoded = input::decode(&bytes)?;
    let mut document = extract::extract(&decoded.text, lexicon);
    if document.claims.is_empty() {
        return Err("no claims found (no body sentences that state something)".to_string());
    }
    apply_hints(&mut document.meta, hints);
    let label = input.label();
    ledger
        .import_article(&NewArticle {
            path: Some(&label),
            content_hash: &hash,
            raw_text: &decoded.text,
            encoding: decoded.encoding,
            document: &document,
        })
        .map_err(|e| format!("not imported: {e}"))
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
