//! `claims report`: an article as a page to look at rather than a table to
//! read, so a fact-checker sees at a glance which sentence came from whom
//! and what rests on nobody in particular.

mod html;
mod page;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use super::Context;
use super::atomic_write::write_atomically;

const EXAMPLES: &str = "\
Examples:
  claims report 1 -o article-1.html        # one article as a page
  claims report 000_3ed3d50eabfa3282.txt > seed.html
  claims report --all -o reports/          # every article, with reports/index.html";

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    /// The article: its id, its path as imported, its file name or its title
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    article: Option<String>,
    /// Every article, one page each, into the directory given with -o
    #[arg(long, requires = "output")]
    all: bool,
    /// Write the page to this file (with --all: into this directory)
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    if args.all {
        let Some(dir) = &args.output else {
            bail!("--all needs a directory to write into: -o DIR");
        };
        if dir.exists() && !dir.is_dir() {
            bail!("{}: not a directory", dir.display());
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        let mut entries = Vec::new();
        for id in ledger.article_ids()? {
            let article = ledger.report_article(id)?;
            let file = format!("article-{id}.html");
            write_atomically(&dir.join(&file), &page::render(&article))?;
            entries.push((id, page::title(&article), file, article.claims.len()));
        }
        write_atomically(&dir.join("index.html"), &page::index(&entries))?;
        eprintln!(
            "wrote {} report{} and index.html to {}",
            entries.len(),
            if entries.len() == 1 { "" } else { "s" },
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let reference = args.article.as_deref().unwrap_or_default();
    let id = ledger.find_article(reference)?;
    let article = ledger.report_article(id)?;
    let html = page::render(&article);
    match &args.output {
        Some(path) => {
            write_atomically(path, &html)?;
            eprintln!(
                "wrote the report of article {id} ({} claims) to {}",
                article.claims.len(),
                path.display()
            );
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
