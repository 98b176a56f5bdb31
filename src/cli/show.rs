//! `claims show ARTICLE`: one article's claims in reading order.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use super::output::{Format, FormatArg, for_terminal, print_table};
use crate::store::Cell;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its id, its path as imported, its file name or its title
    article: String,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let id = ledger.find_article(&args.article)?;
    if args.format.format == Format::Table {
        let meta = ledger.article(id)?;
        for (column, cell) in meta.columns.iter().zip(&meta.rows[0]) {
            if *cell != Cell::Null {
                eprintln!("{column:>12}: {}", for_terminal(&cell.display("")));
            }
        }
    }
    print_table(&ledger.article_claims(id)?, args.format.format)?;
    Ok(ExitCode::SUCCESS)
}
