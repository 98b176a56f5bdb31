//! A query result as plain columns and cells, so every listing can be
//! written as a table, CSV or JSON by the same code.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    /// The cell as a CSV or terminal field; `null` stands for NULL.
    pub fn display<'a>(&'a self, null: &'a str) -> std::borrow::Cow<'a, str> {
        match self {
            Cell::Null => null.into(),
            Cell::Integer(i) => i.to_string().into(),
            Cell::Real(f) => f.to_string().into(),
            Cell::Text(s) => s.as_str().into(),
        }
    }
}

impl From<rusqlite::types::ValueRef<'_>> for Cell {
    fn from(v: rusqlite::types::ValueRef<'_>) -> Cell {
        use rusqlite::types::ValueRef;
        match v {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(i) => Cell::Integer(i),
            ValueRef::Real(f) => Cell::Real(f),
            ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Cell::Text(format!("<{} bytes>", b.len())),
        }
    }
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        v.map_or(Cell::Null, Cell::Text)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Text(v)
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Cell {
        Cell::Text(v.to_string())
    }
}

impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::Integer(v)
    }
}

/// Rows under named columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: &[&str]) -> Table {
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Runs a prepared statement and collects every row under its column names.
    pub fn from_statement(
        stmt: &mut rusqlite::Statement<'_>,
        params: impl rusqlite::Params,
    ) -> rusqlite::Result<Table> {
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let width = columns.len();
        let mut rows = Vec::new();
        let mut cursor = stmt.query(params)?;
        while let Some(row) = cursor.next()? {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                cells.push(Cell::from(row.get_ref(i)?));
            }
            rows.push(cells);
        }
        Ok(Table { columns, rows })
    }
}
