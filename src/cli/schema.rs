//! `claims schema`: the tables and views, for people writing their own SQL.
//! Before any ledger exists it describes the one `claims import` would
//! make, without making it.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, print_table};
use crate::store::Ledger;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = if context.db.exists() {
        context.reader()?
    } else {
        Ledger::empty_in_memory()?
    };
    print_table(&ledger.schema()?, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
