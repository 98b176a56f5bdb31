//! `claims list`: claims across the ledger, filtered.

use std::process::ExitCode;

use anyhow::Result;
use clap::builder::TypedValueParser as _;

use super::Context;
use super::output::{FormatArg, print_table};
use super::party::pick_party;
use crate::extract::ClaimKind;
use crate::store::ClaimFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this article (id, path, file name or title)
    #[arg(long)]
    article: Option<String>,
    /// Only claims resting directly on this source (id, name or alias in
    /// any case, or a part of a name that fits one source only)
    #[arg(long)]
    source: Option<String>,
    /// Only claims of this kind
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(ClaimKind::ALL.map(|k| k.as_str()))
        .map(|s: String| ClaimKind::parse(&s).expect("one of the listed kinds")))]
    kind: Option<ClaimKind>,
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
    let ledger = context.reader()?;
    let article = match &args.article {
        Some(a) => Some(ledger.find_article(a)?),
        None => None,
    };
    let source = match &args.source {
        Some(name) => Some(pick_party(&ledger, name)?.id),
        None => None,
    };
    let filter = ClaimFilter {
        article,
        source,
        kind: args.kind,
        unattributed: args.unattributed,
        search: args.search,
        limit: args.limit,
    };
    print_table(&ledger.list_claims(&filter)?, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
