//! `claims rests-on NAME`: everything that rests on one party, directly or
//! relayed through others, with the whole chain.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, for_terminal, print_table};
use crate::store::RestsOn;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The source: its name or an alias, any case; a unique part of a name works too
    name: String,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.existing_ledger()?;
    match ledger.rests_on(&args.name)? {
        RestsOn::Found { source, claims } => {
            eprintln!(
                "{} ({}): {} claim{}",
                for_terminal(&source.name),
                source.kind,
                claims.rows.len(),
                if claims.rows.len() == 1 { "" } else { "s" }
            );
            print_table(&claims, args.format.format)?;
            Ok(ExitCode::SUCCESS)
        }
        RestsOn::Ambiguous(candidates) => {
            eprintln!(
                "claims: {:?} fits {} sources; give one of these names (or its id with claims sql):",
                args.name,
                candidates.len()
            );
            for c in candidates {
                eprintln!("  {:>6}  {} ({})", c.id, for_terminal(&c.name), c.kind);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
