//! Claim kinds, modes and source kinds as SQLite values. The ledger stores
//! them as the words its CHECK constraints allow; past the store they are
//! the extractor's enums, so no caller compares strings.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::extract::{ClaimKind, Mode, SourceKind};

/// Every mode, for reading one back by its word.
pub const MODES: [Mode; 3] = [Mode::Direct, Mode::Indirect, Mode::None];

/// A stored word this build does not know (a ledger edited by hand).
fn unknown(what: &str, word: &str) -> FromSqlError {
    FromSqlError::Other(format!("{word:?} is not a {what}").into())
}

impl FromSql for ClaimKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let word = value.as_str()?;
        ClaimKind::parse(word).ok_or_else(|| unknown("claim kind", word))
    }
}

impl ToSql for ClaimKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Mode {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let word = value.as_str()?;
        MODES
            .into_iter()
            .find(|m| m.as_str() == word)
            .ok_or_else(|| unknown("claim mode", word))
    }
}

impl ToSql for Mode {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for SourceKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let word = value.as_str()?;
        SourceKind::parse(word).ok_or_else(|| unknown("source kind", word))
    }
}

impl ToSql for SourceKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_mode_goes_in_and_comes_back() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for kind in ClaimKind::ALL {
            let back: ClaimKind = conn.query_row("SELECT ?1", [kind], |r| r.get(0)).unwrap();
            assert_eq!(back, kind);
        }
        for mode in MODES {
            let back: Mode = conn.query_row("SELECT ?1", [mode], |r| r.get(0)).unwrap();
            assert_eq!(back, mode);
        }
        for kind in [
            SourceKind::Person,
            SourceKind::Organization,
            SourceKind::Media,
            SourceKind::Anonymous,
        ] {
            let back: SourceKind = conn.query_row("SELECT ?1", [kind], |r| r.get(0)).unwrap();
            assert_eq!(back, kind);
        }
        let odd: rusqlite::Result<SourceKind> = conn.query_row("SELECT 'crowd'", [], |r| r.get(0));
        assert!(odd.unwrap_err().to_string().contains("crowd"));
    }
}
