//! `claims corroboration`: statements carried by several articles, with
//! how many independent parties they rest on, so a figure repeated in forty
//! articles that all go back to one agency is seen for what it is.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, print_table};
use super::party::pick_party;

const EXAMPLES: &str = "\
Examples:
  claims corroboration                       # statements two or more articles carry
  claims corroboration --min-articles 5      # only the widely carried ones
  claims corroboration --source Nordwire     # those where Nordwire is a source or a relay
  claims corroboration -f csv > clusters.csv";

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    /// Only statements carried by at least this many articles (2 or more)
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(i64).range(2..))]
    min_articles: i64,
    /// Only statements where this source is the source or a relay of some
    /// report: its id, its name or an alias (any case), or a part of a name
    /// that fits one source only
    #[arg(long)]
    source: Option<String>,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let party = match &args.source {
        Some(reference) => Some(pick_party(&ledger, reference)?.id),
        None => None,
    };
    let table = ledger.corroboration(args.min_articles, party)?;
    let single = table
        .rows
        .iter()
        .filter(|r| r.last().is_some_and(|c| c.display("") == "single source"))
        .count();
    eprintln!(
        "{} statement{} carried by {} or more articles; {single} of them rest on a single source",
        table.rows.len(),
        if table.rows.len() == 1 { "" } else { "s" },
        args.min_articles
    );
    print_table(&table, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
