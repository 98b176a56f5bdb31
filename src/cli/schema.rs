//! `claims schema`: the tables and views, for people writing their own SQL.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, print_table};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.ledger()?;
    print_table(&ledger.schema()?, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
