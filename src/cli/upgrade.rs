//! `claims upgrade`: brings a ledger made by an older claims to the current
//! schema, in one transaction. Reading commands never do this themselves,
//! so that looking at a ledger never changes it.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::store::latest_version;

#[derive(Debug, clap::Args)]
#[command(before_help = "Examples:
  claims upgrade                    # ./claims.db
  claims --db archive.db upgrade")]
pub struct Args {}

pub fn run(context: &Context, _args: Args) -> Result<ExitCode> {
    context.ensure_exists()?;
    // The writer says when it upgrades, as every command that writes does.
    let ledger = context.writer()?;
    let after = ledger.schema_version()?;
    if ledger.upgraded_from().is_none() {
        eprintln!(
            "{}: already at schema version {after}, the current one",
            context.db.display()
        );
    }
    debug_assert_eq!(after, latest_version());
    Ok(ExitCode::SUCCESS)
}
