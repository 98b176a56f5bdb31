//! `claims export`: the whole claims table for other tools: CSV (the
//! `claims_flat` view, RFC 4180), one JSON array, JSON Lines with the
//! nested source, chain and quantities of each claim, or schema.org
//! `Claim` objects in JSON-LD.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::ValueEnum;

use super::Context;
use super::atomic_write::is_replaceable;
use crate::store::{Cell, Ledger};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
    /// schema.org Claim objects (JSON-LD), as fact-checking sites publish them
    Claimreview,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Csv)]
    format: ExportFormat,
    /// Write to this file instead of standard output
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// How NULL is written in CSV
    #[arg(long, default_value = "")]
    null: String,
    /// CSV for spreadsheets: a UTF-8 byte-order mark, and cells that a
    /// spreadsheet would run as a formula (leading =, +, -, @, tab, CR)
    /// prefixed with an apostrophe. The default export stays exact.
    #[arg(long)]
    excel: bool,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    match &args.output {
        Some(path) if !is_replaceable(path) => {
            // A device or a pipe (`-o /dev/null`) is written into directly.
            let file = OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            let mut out = BufWriter::new(file);
            let n = write_export(&ledger, &args, &mut out)?;
            out.flush()?;
            eprintln!("wrote {n} claims to {}", path.display());
        }
        Some(path) => {
            // Write beside the target and rename, so a failed export never
            // leaves half a file under the requested name.
            let tmp = path.with_extension("claims-export.tmp");
            let file =
                File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
            let mut out = BufWriter::new(file);
            let written = write_export(&ledger, &args, &mut out).and_then(|n| {
                out.flush()?;
                Ok(n)
            });
            match written {
                Ok(n) => {
                    std::fs::rename(&tmp, path)
                        .with_context(|| format!("{}: cannot write", path.display()))?;
                    eprintln!("wrote {n} claims to {}", path.display());
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e);
                }
            }
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            write_export(&ledger, &args, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_export(ledger: &Ledger, args: &Args, out: &mut impl Write) -> Result<u64> {
    let mut count = 0u64;
    match args.format {
        ExportFormat::Csv => {
            if args.excel {
                out.write_all("\u{feff}".as_bytes())?;
            }
            let mut w = csv::Writer::from_writer(out);
            let mut header_written = false;
            let mut record = csv::ByteRecord::new();
            ledger.for_each_flat_claim(|columns, cells| {
                if !header_written {
                    w.write_record(columns).map_err(to_store)?;
                    header_written = true;
                }
                record.clear();
                for cell in cells {
                    let field = cell.display(&args.null);
                    if args.excel && matches!(cell, Cell::Text(_)) && is_formula_like(&field) {
                        let mut guarded = String::with_capacity(field.len() + 1);
                        guarded.push('\'');
                        guarded.push_str(&field);
                        record.push_field(guarded.as_bytes());
                    } else {
                        record.push_field(field.as_bytes());
                    }
                }
                w.write_byte_record(&record).map_err(to_store)?;
                count += 1;
                Ok(())
            })?;
            if !header_written {
                w.write_record(ledger.flat_columns()?)?;
            }
            w.flush()?;
        }
        ExportFormat::Jsonl => {
            ledger.for_each_export_claim(|claim| {
                serde_json::to_writer(&mut *out, &claim).map_err(to_store)?;
                out.write_all(b"\n").map_err(to_store)?;
                count += 1;
                Ok(())
            })?;
        }
        ExportFormat::Json => {
            out.write_all(b"[")?;
            ledger.for_each_export_claim(|claim| {
                out.write_all(if count == 0 { b"\n" } else { b",\n" })
                    .map_err(to_store)?;
                serde_json::to_writer(&mut *out, &claim).map_err(to_store)?;
                count += 1;
                Ok(())
            })?;
            out.write_all(b"\n]\n")?;
        }
        ExportFormat::Claimreview => {
            out.write_all(b"[")?;
            ledger.for_each_export_claim(|claim| {
                out.write_all(if count == 0 { b"\n" } else { b",\n" })
                    .map_err(to_store)?;
                serde_json::to_writer(&mut *out, &super::claimreview::claim(&claim))
                    .map_err(to_store)?;
                count += 1;
                Ok(())
            })?;
            out.write_all(b"\n]\n")?;
        }
    }
    Ok(count)
}

/// Whether a spreadsheet would read the cell as a formula (OWASP's list of
/// leading characters for CSV injection).
fn is_formula_like(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Carries an output error through the store's row callback.
fn to_store(e: impl std::error::Error + Send + Sync + 'static) -> crate::store::StoreError {
    crate::store::StoreError::Output(Box::new(e))
}
