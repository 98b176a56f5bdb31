//! `claims eval`: imports a gold directory's articles into a temporary
//! ledger and scores the extraction against the gold files, exactly as
//! `score-claims` does, so lexicon changes can be measured.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::Context;
use super::import::import_one;
use super::input::Input;
use super::pipeline::ReadOptions;
use crate::extract::ArticleMeta;
use crate::score::{self, Finding, PredSource, Prediction};
use crate::store::{ExportSource, Ledger};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims eval --gold tests/corpus/dev
  claims eval --gold my-gold/ --lexicons my-lexicons/ --verbose
  claims eval --gold tests/corpus/dev --min-strict-f1 0.9   # exit 1 below the floor")]
pub struct Args {
    /// A directory of NAME.txt articles with NAME.gold.json answer keys
    #[arg(long, required = true)]
    gold: Vec<PathBuf>,
    /// List every miss, extra claim and wrong attribution
    #[arg(long, short)]
    verbose: bool,
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
    /// Exit with 1 when strict F1 is below this
    #[arg(long)]
    min_strict_f1: Option<f64>,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let lexicon = context.lexicon()?;
    let mut ledger = Ledger::open(Path::new(":memory:"))?;
    let mut gold = std::collections::BTreeMap::new();
    for dir in &args.gold {
        let files = score::load_gold(dir)?;
        let base = if dir.is_dir() {
            dir.clone()
        } else {
            dir.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        for (name, file) in files {
            let path = base.join(&name);
            import_one(
                &mut ledger,
                &lexicon,
                &Input::File(path.clone()),
                &ReadOptions {
                    hints: &ArticleMeta::default(),
                    max_bytes: u64::MAX / 2,
                    format: None,
                    encoding: None,
                },
            )
            .map_err(|reason| anyhow::anyhow!("{}: {reason}", path.display()))
            .context("cannot import a gold article")?;
            gold.insert(name, file);
        }
    }
    let mut predictions = Vec::new();
    ledger.for_each_export_claim(|c| {
        let article = c
            .article
            .path
            .as_deref()
            .and_then(|p| Path::new(p).file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        predictions.push(Prediction {
            article,
            text: c.text,
            source: c.source.as_ref().map(pred_source),
            via: c.via.iter().map(pred_source).collect(),
            kind: c.kind.as_str().to_string(),
            mode: c.mode.as_str().to_string(),
            quantities: c.quantities.iter().map(|q| q.value).collect(),
        });
        Ok(())
    })?;
    let report = score::score(&gold, &predictions);
    if args.verbose {
        for finding in &report.findings {
            match finding {
                Finding::Miss { article, anchor } => println!("  MISS {article}: {anchor:?}"),
                Finding::Extra { article, text } => println!("  EXTRA {article}: {text:?}"),
                Finding::Attribution {
                    article,
                    anchor,
                    gold_source,
                    gold_via,
                    got_source,
                    got_via,
                } => println!(
                    "  ATTR {article}: {anchor:?}: gold {gold_source:?} via {gold_via:?}, got {got_source:?} via {got_via:?}"
                ),
            }
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.render());
    }
    match args.min_strict_f1 {
        Some(floor) if report.strict_f1 < floor => {
            eprintln!(
                "claims: strict F1 {:.3} is below the floor {floor:.3}",
                report.strict_f1
            );
            Ok(ExitCode::FAILURE)
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn pred_source(s: &ExportSource) -> PredSource {
    let mut names = vec![s.name.clone()];
    names.extend(s.aliases.iter().cloned());
    PredSource {
        key: s.id.to_string(),
        names,
    }
}
