//! Finding the party a user means. Every command that takes a party (a
//! source) reads it the same way: its id, then its exact name or alias in
//! any case and either Unicode form, then a part of a name that fits one
//! party only. A name that fits several is refused with every candidate's
//! id, so the user can pick one; nothing is left out silently.

use rusqlite::OptionalExtension;

use super::Ledger;
use super::error::{Result, StoreError};
use super::names::normalize;
use crate::extract::SourceKind;

/// A ledger source as a user picks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub id: i64,
    pub name: String,
    pub kind: SourceKind,
}

/// The party a reference names, with the other parties whose names or
/// aliases hold it as a word when it is one word: an exact "Obama" is the
/// source named Obama, and "Barack Obama" is worth a mention beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyFound {
    pub party: Party,
    pub others: Vec<Party>,
}

/// At most this many other parties are named beside an exact match.
const OTHERS_SHOWN: usize = 10;

impl Ledger {
    /// Resolves what a user typed for a party: a source id, an exact name
    /// or alias (any case, NFC), or a part of a name or alias that fits
    /// exactly one party. [`StoreError::Ambiguous`] lists the candidates
    /// when it fits several; [`StoreError::NotFound`] when it fits none.
    pub fn find_party(&self, reference: &str) -> Result<PartyFound> {
        let trimmed = reference.trim();
        if let Ok(id) = trimmed.parse::<i64>()
            && let Some(party) = self.party_by_id(id)?
        {
            return Ok(PartyFound {
                party,
                others: Vec::new(),
            });
        }
        let norm = normalize(trimmed);
        if norm.is_empty() {
            return Err(StoreError::NotFound {
                what: "source",
                name: reference.to_string(),
            });
        }
        let exact = self.parties_where(
            "SELECT id, name, kind FROM sources WHERE norm = ?1
             UNION
             SELECT s.id, s.name, s.kind FROM source_aliases a JOIN sources s ON s.id = a.source_id
             WHERE a.norm = ?1
             ORDER BY 1",
            &norm,
        )?;
        let candidates = if exact.is_empty() {
            // Both tables are scanned once; joined the other way round,
            // SQLite looked the aliases up once per source.
            self.parties_where(
                "SELECT id, name, kind FROM sources
                 WHERE instr(norm, ?1) > 0
                    OR id IN (SELECT source_id FROM source_aliases WHERE instr(norm, ?1) > 0)
                 ORDER BY id",
                &norm,
            )?
        } else {
            exact
        };
        match candidates.len() {
            0 => Err(StoreError::NotFound {
                what: "source",
                name: reference.to_string(),
            }),
            1 => {
                let party = candidates.into_iter().next().expect("one candidate");
                // A one-word name (a surname, a short name) may be part of
                // a fuller party's name that no alias links to it: "Obama"
                // and "Barack Obama". A name of several words is specific
                // already, and the scan this takes is not needed for it.
                let others = if norm.contains(' ') {
                    Vec::new()
                } else {
                    self.parties_where(
                        "SELECT id, name, kind FROM sources
                         WHERE instr(' ' || norm || ' ', ' ' || ?1 || ' ') > 0
                            OR id IN (SELECT source_id FROM source_aliases
                                      WHERE instr(' ' || norm || ' ', ' ' || ?1 || ' ') > 0)
                         ORDER BY id",
                        &norm,
                    )?
                    .into_iter()
                    .filter(|p| p.id != party.id)
                    .take(OTHERS_SHOWN)
                    .collect()
                };
                Ok(PartyFound { party, others })
            }
            _ => Err(StoreError::Ambiguous {
                name: reference.to_string(),
                candidates,
            }),
        }
    }

    fn party_by_id(&self, id: i64) -> Result<Option<Party>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, kind FROM sources WHERE id = ?1",
                [id],
                party_from_row,
            )
            .optional()?)
    }

    fn parties_where(&self, sql: &str, norm: &str) -> Result<Vec<Party>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt
            .query_map([norm], party_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

fn party_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Party> {
    Ok(Party {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger_with(sources: &[(i64, &str, &str, &[&str])]) -> Ledger {
        let ledger = Ledger::open(std::path::Path::new(":memory:")).unwrap();
        for (id, name, kind, aliases) in sources {
            ledger
                .conn
                .execute(
                    "INSERT INTO sources (id, name, kind, norm) VALUES (?1, ?2, ?3, ?4)",
                    (id, name, kind, normalize(name)),
                )
                .unwrap();
            for alias in *aliases {
                ledger
                    .conn
                    .execute(
                        "INSERT INTO source_aliases (source_id, alias, norm, merges) VALUES (?1, ?2, ?3, 0)",
                        (id, alias, normalize(alias)),
                    )
                    .unwrap();
            }
        }
        ledger
    }

    #[test]
    fn an_id_an_exact_name_an_alias_or_a_unique_part_finds_one_party() {
        let ledger = ledger_with(&[
            (44, "Barack Obama", "person", &["Obama"]),
            (7, "Zo\u{e9} Martin", "person", &[]),
            (9, "Nordwire News Agency", "media", &["Nordwire"]),
        ]);
        assert_eq!(ledger.find_party("44").unwrap().party.id, 44);
        assert_eq!(ledger.find_party("barack obama").unwrap().party.id, 44);
        assert_eq!(ledger.find_party("OBAMA").unwrap().party.id, 44);
        assert_eq!(ledger.find_party("nordwire").unwrap().party.id, 9);
        assert_eq!(ledger.find_party("News Agen").unwrap().party.id, 9);
        // "e" and a combining acute accent are the composed "é".
        assert_eq!(ledger.find_party("zoe\u{301} martin").unwrap().party.id, 7);
        assert!(matches!(
            ledger.find_party("nobody at all"),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn an_exact_match_names_the_others_that_share_the_words() {
        let ledger = ledger_with(&[
            (1, "Obama", "person", &[]),
            (2, "Barack Obama", "person", &[]),
        ]);
        let found = ledger.find_party("Obama").unwrap();
        assert_eq!(found.party.id, 1);
        assert_eq!(
            found.others.iter().map(|p| p.id).collect::<Vec<_>>(),
            [2],
            "never left out silently"
        );
    }

    #[test]
    fn a_name_that_fits_several_lists_every_candidate_with_its_id() {
        let ledger = ledger_with(&[
            (3, "John Smith", "person", &[]),
            (5, "Smith & Sons", "organization", &[]),
        ]);
        let err = ledger.find_party("smith").unwrap_err();
        let StoreError::Ambiguous { candidates, .. } = &err else {
            panic!("{err}");
        };
        assert_eq!(candidates.iter().map(|p| p.id).collect::<Vec<_>>(), [3, 5]);
        let shown = err.to_string();
        assert!(shown.contains("3  John Smith (person)"), "{shown}");
        assert!(shown.contains("5  Smith & Sons (organization)"), "{shown}");
    }
}
