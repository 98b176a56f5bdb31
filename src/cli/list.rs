//! `claims list`: claims across the ledger, filtered.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{FormatArg, print_table};
use crate::extract::ClaimKind;
use crate::store::ClaimFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this article (id, path, file name or title)
    #[arg(long)]
    article: Option<String>,
    /// Only claims resting directly on this source (name or alias, any case)
    #[arg(long)]
    source: Option<String>,
    /// Only claims of this kind
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(ClaimKind::ALL.map(|k| k.as_str())))]
    kind: Option<String>,
    /// Only claims the article makes in its own voice
    #[arg(long, conflicts_with = "source")]
    unattributed: bool,
    /// Only claims whose text contains these words (any case)
    #[arg(long)]
    search: Option<String>,
    /// At most this many claims
    #[arg(long)]
    limit: Option<u64>,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.existing_ledger()?;
    let article = match &args.article {
        Some(a) => Some(ledger.find_article(a)?),
        None => None,
    };
    let filter = ClaimFilter {
        article,
        source: args.source,
        kind: args.kind,
        unattributed: args.unattributed,
        search: args.search,
        limit: args.limit,
    };
    print_table(&ledger.list_claims(&filter)?, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
