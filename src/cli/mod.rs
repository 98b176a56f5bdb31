//! The `claims` command line: one file per subcommand, each with its clap
//! arguments and a `run`. Arguments are parsed, then validated into a
//! [`Context`] (open ledger, lexicons) before any work is done.

mod articles;
mod atomic_write;
mod check;
mod claimreview;
mod completions;
mod composed;
mod conflicts;
mod corroboration;
mod datasette_metadata;
mod eval;
mod export;
mod graph;
mod import;
mod input;
mod list;
mod man;
mod output;
mod party;
mod pipeline;
mod reextract;
mod report;
mod rests_on;
mod schema;
mod show;
mod sources;
mod sql;
mod trace;
mod upgrade;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand};

use crate::extract::Lexicon;
use crate::store::Ledger;

const EXAMPLES: &str = "\
Examples:
  claims import data/sample/                 # import the sample article into ./claims.db
  claims show 1                              # its claims, in order, with sources and chains
  claims rests-on Yonhap                     # every claim that rests on Yonhap, with the chain
  claims export --format csv -o claims.csv   # the whole claims table for a spreadsheet
  claims report 1 -o article.html            # the article with every claim highlighted by source
  claims corroboration                       # statements several articles carry, and on whom they rest
  claims sql \"SELECT source, count(*) FROM claims_flat GROUP BY 1 ORDER BY 2 DESC\"";

/// Break news articles into claims, each tied to the source it rests on,
/// and keep them in one SQLite ledger.
#[derive(Debug, Parser)]
#[command(name = "claims", version, before_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// The ledger file
    #[arg(long, global = true, env = "CLAIMS_DB", default_value = "claims.db")]
    pub db: PathBuf,

    /// A directory of lexicon files to use instead of the built-in ones
    #[arg(long, global = true, env = "CLAIMS_LEXICONS")]
    pub lexicons: Option<PathBuf>,

    /// When to colour tables
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = output::ColorWhen::Auto)]
    pub color: output::ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles (files, directories, or - for standard input)
    Import(import::Args),
    /// List the imported articles
    Articles(articles::Args),
    /// Show one article's claims in order, with source, chain and kind
    Show(show::Args),
    /// List claims, filtered by article, source, kind or words
    List(list::Args),
    /// List every source with its aliases and claim counts
    Sources(sources::Args),
    /// The claims that rest on a source, directly or through a chain
    RestsOn(rests_on::Args),
    /// Statements several articles carry, and how many independent parties they rest on
    Corroboration(corroboration::Args),
    /// Every report of the same statement as one claim, with outlet, date and chain
    Trace(trace::Args),
    /// Statements about the same thing whose figures disagree, with who said which
    Conflicts(conflicts::Args),
    /// Export the whole claims table as CSV, JSON, JSON Lines or schema.org claims
    Export(export::Args),
    /// Run one SQL statement against the ledger (read-only unless --write)
    Sql(sql::Args),
    /// The tables and views of the ledger with their columns
    Schema(schema::Args),
    /// Check the ledger: integrity, foreign keys, schema version, offsets and chains
    Check(check::Args),
    /// Bring a ledger made by an older claims up to the current schema
    Upgrade(upgrade::Args),
    /// Extract claims again from the stored raw texts, after the word lists changed
    Reextract(reextract::Args),
    /// Score extraction against gold files (NAME.txt + NAME.gold.json)
    Eval(eval::Args),
    /// An article as an HTML page with every claim highlighted by source
    Report(report::Args),
    /// The attribution graph (sources, relays, articles) as DOT, Mermaid or JSON
    Graph(graph::Args),
    /// Shell completions for bash, zsh, fish or PowerShell
    Completions(completions::Args),
    /// The manual page, in roff
    Man(man::Args),
    /// A Datasette metadata.json describing every table, view and column
    DatasetteMetadata(datasette_metadata::Args),
}

/// What every subcommand gets once the arguments are validated.
pub struct Context {
    pub db: PathBuf,
    pub lexicons: Option<PathBuf>,
}

impl Context {
    /// The ledger for writing, created and brought up to the current schema
    /// if needed. Only commands that change the ledger open it so.
    pub fn writer(&self) -> Result<Ledger> {
        let ledger = Ledger::open(&self.db)?;
        // Upgrading changes the file for good (an older claims can no
        // longer read it): never without a word.
        if let Some(from) = ledger.upgraded_from() {
            eprintln!(
                "upgraded {} from schema {from} to {}",
                self.db.display(),
                ledger.schema_version()?
            );
        }
        Ok(ledger)
    }

    /// An existing ledger for writing (`sql --write`, `reextract`): a
    /// missing file is an error rather than a new empty ledger.
    pub fn existing_writer(&self) -> Result<Ledger> {
        self.ensure_exists()?;
        self.writer()
    }

    /// An existing ledger for reading. Reading never changes the file: a
    /// ledger of an older schema is refused with the command that
    /// upgrades it.
    pub fn reader(&self) -> Result<Ledger> {
        self.ensure_exists()?;
        Ok(Ledger::open_read_only(&self.db)?)
    }

    pub fn ensure_exists(&self) -> Result<()> {
        if !self.db.exists() {
            anyhow::bail!(
                "{}: no ledger here yet; import articles first (claims import PATH) or pass --db",
                self.db.display()
            );
        }
        Ok(())
    }

    pub fn lexicon(&self) -> Result<Lexicon> {
        match &self.lexicons {
            None => Ok(Lexicon::builtin()),
            Some(dir) => Lexicon::load_dir(dir)
                .with_context(|| format!("{}: cannot load lexicons", dir.display())),
        }
    }
}

/// Parses the command line, runs it and maps the outcome to an exit code:
/// 0 success, 1 failure, 2 usage error. A closed pipe is not an error.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    output::set_color(cli.color);
    let context = Context {
        db: cli.db,
        lexicons: cli.lexicons,
    };
    let result = match cli.command {
        Command::Import(args) => import::run(&context, args),
        Command::Articles(args) => articles::run(&context, args),
        Command::Show(args) => show::run(&context, args),
        Command::List(args) => list::run(&context, args),
        Command::Sources(args) => sources::run(&context, args),
        Command::RestsOn(args) => rests_on::run(&context, args),
        Command::Corroboration(args) => corroboration::run(&context, args),
        Command::Trace(args) => trace::run(&context, args),
        Command::Conflicts(args) => conflicts::run(&context, args),
        Command::Export(args) => export::run(&context, args),
        Command::Sql(args) => sql::run(&context, args),
        Command::Schema(args) => schema::run(&context, args),
        Command::Eval(args) => eval::run(&context, args),
        Command::Check(args) => check::run(&context, args),
        Command::Upgrade(args) => upgrade::run(&context, args),
        Command::Reextract(args) => reextract::run(&context, args),
        Command::Report(args) => report::run(&context, args),
        Command::Graph(args) => graph::run(&context, args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::DatasetteMetadata(args) => datasette_metadata::run(&context, args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Errors quote file names and names found in articles.
            eprintln!("claims: {}", output::for_terminal(&format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        if let Some(crate::store::StoreError::Output(inner)) =
            cause.downcast_ref::<crate::store::StoreError>()
        {
            return is_pipe_error(inner.as_ref());
        }
        is_pipe_error(cause)
    })
}

fn is_pipe_error(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return io.kind() == BrokenPipe;
    }
    if let Some(c) = e.downcast_ref::<csv::Error>() {
        return matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
    }
    if let Some(j) = e.downcast_ref::<serde_json::Error>() {
        return j.io_error_kind() == Some(BrokenPipe);
    }
    false
}
