//! `claims completions SHELL`: tab completion scripts, generated from the
//! same clap definition that parses the command line so they never drift.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

const EXAMPLES: &str = "\
Examples:
  claims completions bash > ~/.local/share/bash-completion/completions/claims
  claims completions zsh > ~/.zfunc/_claims
  claims completions fish > ~/.config/fish/completions/claims.fish
  claims completions powershell >> $PROFILE";

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "claims", &mut out);
    Ok(ExitCode::SUCCESS)
}
