//! `claims check`: is the ledger sound? SQLite's integrity and foreign-key
//! checks, the schema version, and the ledger's own invariants.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{Format, FormatArg, print_table};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let problems = ledger.check()?;
    let (articles, claims, sources) = ledger.totals()?;
    if problems.rows.is_empty() {
        eprintln!(
            "{}: ok ({articles} articles, {claims} claims, {sources} sources, schema version {})",
            context.db.display(),
            ledger.schema_version()?
        );
        if args.format.format != Format::Table {
            print_table(&problems, args.format.format)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    print_table(&problems, args.format.format)?;
    eprintln!(
        "{}: {} problem{} found",
        context.db.display(),
        problems.rows.len(),
        if problems.rows.len() == 1 { "" } else { "s" }
    );
    Ok(ExitCode::FAILURE)
}
