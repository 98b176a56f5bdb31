//! `claims trace CLAIM`: every report of the same statement across the
//! ledger, earliest first, with the outlet, the date and the chain each
//! one came through, so a reader sees who said it first and who relayed it.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, print_table};

const EXAMPLES: &str = "\
Examples:
  claims trace 12                 # every report of claim 12's statement
  claims trace 12 -f json";

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    /// The claim's id (the first column of claims list, show or export)
    claim: i64,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let reports = ledger.trace(args.claim)?;
    let articles: std::collections::HashSet<String> = reports
        .rows
        .iter()
        .map(|r| r[1].display("").into_owned())
        .collect();
    eprintln!(
        "claim {}: {} report{} in {} article{}",
        args.claim,
        reports.rows.len(),
        if reports.rows.len() == 1 { "" } else { "s" },
        articles.len(),
        if articles.len() == 1 { "" } else { "s" }
    );
    print_table(&reports, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
