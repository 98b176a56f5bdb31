//! `claims reextract [ARTICLE...]`: extraction run again on the raw text the
//! ledger holds, after the word lists changed (`--lexicons DIR`), one
//! transaction per article. A failed article stays as it was; the others
//! go on.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::composed;
use super::output::for_terminal;
use crate::store::{self, StoreError};

#[derive(Debug, clap::Args)]
#[command(
    before_help = "Examples:
  claims --lexicons my-lexicons/ reextract          # every article, with the edited word lists
  claims reextract 3 7 seed.txt                     # these articles only",
    after_help = "The raw text, the metadata and the article ids stay; the body, the claims and
the parties they name are replaced."
)]
pub struct Args {
    /// The articles (id, path as imported, file name or title); every
    /// article when none is given
    articles: Vec<String>,
    /// Print nothing but failures and the summary
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let lexicon = context.lexicon()?;
    let mut ledger = context.existing_writer()?;
    // Every reference is resolved before anything changes.
    let ids = if args.articles.is_empty() {
        ledger.article_ids()?
    } else {
        args.articles
            .iter()
            .map(|a| ledger.find_article(a))
            .collect::<Result<Vec<_>, _>>()?
    };
    let (mut done, mut claims_before, mut claims_after) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for id in ids {
        let stored = ledger.stored_text(id)?;
        let name = format!(
            "article {id} ({})",
            for_terminal(stored.path.as_deref().unwrap_or("-"))
        );
        let document = composed::extract(&stored.raw_text, &lexicon);
        let layout = store::stored_layout(&stored.raw_text, &document);
        match ledger.replace_extraction(&stored, &document, layout.as_deref()) {
            Ok(changed) => {
                done += 1;
                claims_before += changed.claims_before;
                claims_after += changed.claims;
                if !args.quiet {
                    eprintln!(
                        "{name}: {} claims (was {}), {} sources",
                        changed.claims, changed.claims_before, changed.sources
                    );
                }
            }
            Err(StoreError::ArticleRefused(reason)) => {
                eprintln!("{name}: not extracted again: {reason}");
                failures.push(name);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let (articles, claims, sources) = ledger.totals()?;
    eprintln!(
        "reextracted {done} article{}: {claims_after} claims (were {claims_before}), {} failed; the ledger holds {articles} articles, {claims} claims, {sources} sources",
        if done == 1 { "" } else { "s" },
        failures.len()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
