//! `claims rests-on PARTY`: everything that rests on one party, directly or
//! relayed through others, with the whole chain.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, for_terminal, print_table};
use super::party::pick_party;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The source: its id, its name or an alias (any case), or a part of a
    /// name that fits one source only
    name: String,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let source = pick_party(&ledger, &args.name)?;
    let claims = ledger.rests_on(source.id)?;
    eprintln!(
        "{} ({}, source {}): {} claim{}",
        for_terminal(&source.name),
        source.kind.as_str(),
        source.id,
        claims.rows.len(),
        if claims.rows.len() == 1 { "" } else { "s" }
    );
    print_table(&claims, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
