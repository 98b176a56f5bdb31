//! `claims conflicts`: statements about the same thing whose figures
//! disagree (12,000 troops here, 10,000 there), with who said which.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, print_table};

const EXAMPLES: &str = "\
Examples:
  claims conflicts                # each group of disagreeing figures, one row per version
  claims conflicts -f csv > conflicts.csv";

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let table = ledger.conflicts()?;
    let groups: std::collections::HashSet<String> = table
        .rows
        .iter()
        .map(|r| r[0].display("").into_owned())
        .collect();
    eprintln!(
        "{} statement{} with disagreeing figures, {} version{}",
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        table.rows.len(),
        if table.rows.len() == 1 { "" } else { "s" }
    );
    print_table(&table, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
