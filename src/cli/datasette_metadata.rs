//! `claims datasette-metadata`: a `metadata.json` so the ledger opens in
//! Datasette with every table, view and column explained, facets on the
//! columns people filter by, and sources and articles shown by name.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::{Map, Value, json};

use super::Context;
use super::atomic_write::write_atomically;
use crate::store::{Cell, object_doc};

const EXAMPLES: &str = "\
Examples:
  claims datasette-metadata -o metadata.json
  datasette claims.db --metadata metadata.json     # browse the ledger with every column explained";

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    /// Write to this file instead of standard output
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// The database name Datasette will show (default: the ledger's file name without extension)
    #[arg(long)]
    database: Option<String>,
}

/// The columns Datasette should offer as facets, per table or view.
fn facets(object: &str) -> &'static [&'static str] {
    match object {
        "claims_flat" => &["kind", "mode", "source", "source_kind"],
        "claims" => &["kind", "mode"],
        "sources" => &["kind"],
        "claim_sources" => &["depth", "source_kind"],
        _ => &[],
    }
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let database = match args.database {
        Some(name) => name,
        None => match context.db.file_stem() {
            Some(stem) => stem.to_string_lossy().into_owned(),
            None => bail!(
                "{}: cannot tell the database name; pass --database",
                context.db.display()
            ),
        },
    };
    let schema = ledger.schema()?;
    let at = |name: &str| schema.columns.iter().position(|c| c == name);
    let (Some(object_at), Some(column_at)) = (at("object"), at("column")) else {
        bail!("the schema listing lacks its object and column fields");
    };
    let mut tables = Map::new();
    for row in &schema.rows {
        let (Cell::Text(object), Cell::Text(column)) = (&row[object_at], &row[column_at]) else {
            continue;
        };
        let entry = tables.entry(object.clone()).or_insert_with(|| {
            let doc = object_doc(object);
            let mut table = Map::new();
            if let Some(doc) = doc {
                table.insert("description".into(), doc.description.into());
                if let Some(label) = doc.label_column {
                    table.insert("label_column".into(), label.into());
                }
            }
            if !facets(object).is_empty() {
                table.insert("facets".into(), json!(facets(object)));
            }
            table.insert("columns".into(), Value::Object(Map::new()));
            Value::Object(table)
        });
        let description = object_doc(object)
            .and_then(|d| d.columns.iter().find(|(c, _)| c == column))
            .map(|(_, text)| *text);
        if let Some(text) = description
            && let Some(Value::Object(columns)) = entry.get_mut("columns")
        {
            columns.insert(column.clone(), text.into());
        }
    }
    let metadata = json!({
        "title": "Claims ledger",
        "description": "News articles broken into claims, each tied to the source it rests on and the chain it travelled through. Start with claims_flat: one row per claim.",
        "source": "claims (claim-ledger)",
        "databases": {
            database: {
                "description": "Written by claims import; query it with claims sql or here.",
                "tables": tables,
            }
        }
    });
    let text = serde_json::to_string_pretty(&metadata)? + "\n";
    match &args.output {
        Some(path) => {
            write_atomically(path, &text)?;
            eprintln!(
                "wrote Datasette metadata for {} tables and views to {}",
                tables_len(&metadata),
                path.display()
            );
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn tables_len(metadata: &Value) -> usize {
    metadata["databases"]
        .as_object()
        .and_then(|d| d.values().next())
        .and_then(|d| d["tables"].as_object())
        .map_or(0, |t| t.len())
}
