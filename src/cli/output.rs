//! Writing listings in the format the user chose: a terminal table, CSV
//! with a header row, one JSON array, or JSON Lines. Tables on a terminal
//! are coloured unless `--color`, `NO_COLOR` or `TERM=dumb` say otherwise.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use clap::{Args, ValueEnum};
use comfy_table::{Attribute, Cell as GridCell, Color, ContentArrangement, Table as Grid, presets};
use serde_json::{Map, Value};

use crate::store::{Cell, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
}

/// `--format` for every listing.
#[derive(Debug, Clone, Args)]
pub struct FormatArg {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Article text is untrusted: on a terminal, control characters and escape
/// sequences are shown as visible escapes instead of being obeyed.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// `--color`: when tables are coloured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb
    #[default]
    Auto,
    Always,
    Never,
}

/// Decided once from the command line and environment, before any output;
/// a process-wide flag because every listing command prints through
/// `print_table` and none of them should have to carry it.
static COLOR: AtomicBool = AtomicBool::new(false);

pub fn set_color(when: ColorWhen) {
    let on = match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            !no_color && !dumb && stdout_is_terminal()
        }
    };
    COLOR.store(on, Ordering::Relaxed);
}

/// The colour a value of a `kind` column is shown in: claim kinds by how
/// much care they call for, source kinds by who is speaking.
fn kind_color(value: &str) -> Option<Color> {
    Some(match value {
        "denial" => Color::Red,
        "condemnation" => Color::Magenta,
        "non_confirmation" => Color::Yellow,
        "intention" => Color::Blue,
        "assessment" => Color::Cyan,
        "person" => Color::Green,
        "organization" => Color::Blue,
        "media" => Color::Yellow,
        "anonymous" => Color::Red,
        _ => return None,
    })
}

/// Writes a table to standard output in `format`.
pub fn print_table(table: &Table, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let terminal = stdout_is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let color = COLOR.load(Ordering::Relaxed);
    if terminal && matches!(format, Format::Json | Format::Jsonl) {
        // JSON escapes C0 controls but passes C1 controls and bidi marks.
        let mut buffer = Vec::new();
        write_table(&mut buffer, table, format, terminal, color)?;
        out.write_all(for_terminal(&String::from_utf8_lossy(&buffer)).as_bytes())?;
    } else {
        write_table(&mut out, table, format, terminal, color)?;
    }
    out.flush()?;
    Ok(())
}

/// Writes `table` in `format`; a terminal table is in colour when `color`
/// is set.
pub fn write_table(
    out: &mut impl Write,
    table: &Table,
    format: Format,
    terminal: bool,
    color: bool,
) -> Result<()> {
    match format {
        Format::Table => {
            let mut grid = Grid::new();
            grid.load_preset(presets::UTF8_FULL_CONDENSED);
            // Wrap to the terminal's width, but only when it reports a usable
            // one: a pseudo-terminal without a size says 0 columns.
            if terminal && grid.width().is_some_and(|w| w >= 40) {
                grid.set_content_arrangement(ContentArrangement::Dynamic);
            } else {
                grid.set_content_arrangement(ContentArrangement::Disabled);
            }
            if color {
                grid.enforce_styling();
                grid.set_header(table.columns.iter().map(|c| {
                    GridCell::new(c)
                        .add_attribute(Attribute::Bold)
                        .fg(Color::Cyan)
                }));
            } else {
                grid.set_header(table.columns.iter().map(|c| c.as_str()));
            }
            let coloured: Vec<bool> = table
                .columns
                .iter()
                .map(|c| color && (c == "kind" || c == "source_kind"))
                .collect();
            for row in &table.rows {
                grid.add_row(row.iter().zip(&coloured).map(|(c, &coloured)| {
                    let text = for_terminal(&c.display("")).into_owned();
                    let shade = if coloured { kind_color(&text) } else { None };
                    match shade {
                        Some(shade) => GridCell::new(text).fg(shade),
                        None => GridCell::new(text),
                    }
                }));
            }
            writeln!(out, "{grid}")?;
            let n = table.rows.len();
            if terminal {
                eprintln!("{n} row{}", if n == 1 { "" } else { "s" });
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(&table.columns)?;
            for row in &table.rows {
                w.write_record(row.iter().map(|c| {
                    let v = c.display("");
                    if terminal {
                        for_terminal(&v).into_owned()
                    } else {
                        v.into_owned()
                    }
                }))?;
            }
            w.flush()?;
        }
        Format::Json => {
            let rows: Vec<Value> = table
                .rows
                .iter()
                .map(|r| row_object(&table.columns, r))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for row in &table.rows {
                serde_json::to_writer(&mut *out, &row_object(&table.columns, row))?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

fn row_object(columns: &[String], row: &[Cell]) -> Value {
    let mut map = Map::with_capacity(columns.len());
    for (column, cell) in columns.iter().zip(row) {
        let value = match cell {
            Cell::Null => Value::Null,
            Cell::Integer(i) => Value::from(*i),
            Cell::Real(f) => Value::from(*f),
            Cell::Text(s) => Value::from(s.as_str()),
        };
        map.insert(column.clone(), value);
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        let shown = for_terminal("red \u{1b}[31mtext\u{7} and \u{9b}2J");
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\u{7}'));
        assert!(!shown.contains('\u{9b}'));
        assert!(shown.contains("\\u{1b}[31m"));
        assert_eq!(for_terminal("plain “quoted” text"), "plain “quoted” text");
    }
}
