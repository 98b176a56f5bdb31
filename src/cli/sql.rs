//! `claims sql`: the user's own SQL, read-only unless `--write` is given.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, print_table};
use crate::store::SqlOutcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One SQL statement, e.g. "SELECT * FROM claims_flat LIMIT 5"
    query: String,
    /// Allow statements that change the ledger
    #[arg(long)]
    write: bool,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let mut ledger = if args.write {
        context.existing_writer()?
    } else {
        context.reader()?
    };
    match ledger.run_sql(&args.query, args.write)? {
        SqlOutcome::Rows(table) => print_table(&table, args.format.format)?,
        // A change returns no rows: an empty table would say nothing.
        SqlOutcome::Changed(n) => {
            eprintln!("{n} row{} changed", if n == 1 { "" } else { "s" })
        }
    }
    Ok(ExitCode::SUCCESS)
}
