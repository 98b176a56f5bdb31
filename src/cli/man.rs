//! `claims man`: the manual page, rendered from the clap definition so the
//! options it lists are the options that parse. The examples each command's
//! help opens with become the page's EXAMPLES section.

use std::io::Write;
use std::path::{Path, PathBuf};
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
    let mut command = Cli::command().disable_help_subcommand(true);
    // Building names the subcommands `claims-report` and so on, as their
    // pages are called.
    command.build();
    match &args.output {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create", dir.display()))?;
            let written = write_pages(&command, dir)
                .with_context(|| format!("{}: cannot write the pages", dir.display()))?;
            eprintln!("wrote {written} manual pages to {}", dir.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&page(&command)?)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One command's page: clap_mangen's sections, then its examples.
fn page(command: &clap::Command) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    // clap_mangen leaves out the text before the help (where the examples
    // are) but keeps the text after it, so only the former is added here.
    if let Some(examples) = command.get_before_help() {
        let text = examples.to_string();
        let body = text.strip_prefix("Examples:\n").unwrap_or(&text);
        page.extend_from_slice(b".SH EXAMPLES\n.nf\n");
        for line in body.lines() {
            page.extend_from_slice(roff_line(line.trim_start()).as_bytes());
            page.push(b'\n');
        }
        page.extend_from_slice(b".fi\n");
    }
    Ok(page)
}

/// A line of literal text in roff: backslashes and minus signs escaped so
/// commands copy back as typed, and a leading dot or quote kept as text.
fn roff_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    if line.starts_with(['.', '\'']) {
        out.push_str("\\&");
    }
    for c in line.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c => out.push(c),
        }
    }
    out
}

fn write_pages(command: &clap::Command, dir: &Path) -> Result<usize> {
    let mut written = 0;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        written += write_pages(sub, dir)?;
    }
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name());
    std::fs::write(dir.join(format!("{name}.1")), page(command)?)?;
    Ok(written + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_lines_survive_roff() {
        assert_eq!(
            roff_line(r#".claims sql "a\b" --write"#),
            r#"\&.claims sql "a\eb" \-\-write"#
        );
    }
}
