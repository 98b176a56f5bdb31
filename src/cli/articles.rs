//! `claims articles`: what is in the ledger.

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
    let ledger = context.reader()?;
    print_table(&ledger.articles()?, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
