//! `claims man`: the manual page, rendered from the clap definition so the
//! options it lists are the options that parse.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::CommandFactory;

use super::Cli;

const EXAMPLES: &str = "\
Examples:
  claims man | man -l -                      # read it now
  claims man > /usr/local/share/man/man1/claims.1
  claims man -o man/                         # claims.1 and one page per subcommand";

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    /// Write claims.1 and a claims-SUBCOMMAND.1 for every subcommand into this directory
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let command = Cli::command();
    match &args.output {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("{}: cannot write the pages", dir.display()))?;
            eprintln!("wrote the manual pages to {}", dir.display());
        }
        None => {
            use std::io::Write;
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            let mut out = std::io::stdout().lock();
            out.write_all(&page)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
