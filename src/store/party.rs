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

/// The party a reference names, with the other parties whose fuller names
/// start or end with its words: an exact "Obama" is the source named
/// Obama, and "Barack Obama" is worth a mention beside it, as "President
/// Barack Obama" is beside an exact "Barack Obama".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyFound {
    pub party: Party,
    /// The first [`OTHERS_SHOWN`] of those other parties, by id.
    pub others: Vec<Party>,
    /// How many more there are.
    pub more: usize,
}

/// Parties whose name ends with the last word `?2` (the expression and
/// condition of the index `sources_last_word`, which SQLite uses only for
/// these very words), or whose name or alias starts with the words `?1`
/// and a space: a range of the names' index, as every such name sorts
/// before `?1` and "!", the character after the space.
const FULLER_NAMES: &str = "
    SELECT id, name, kind, norm FROM sources
    WHERE substr(norm, length(rtrim(norm, replace(norm, ' ', ''))) + 1) = ?2
      AND instr(norm, ' ') > 0
    UNION ALL
    SELECT id, name, kind, norm FROM sources
    WHERE norm >= ?1 || ' ' AND norm < ?1 || '!'
    UNION ALL
    SELECT s.id, s.name, s.kind, a.norm
    FROM source_aliases a JOIN sources s ON s.id = a.source_id
    WHERE a.norm >= ?1 || ' ' AND a.norm < ?1 || '!'";

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
                more: 0,
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
                let mut others = self.fuller_names(&norm, party.id)?;
                let more = others.len().saturating_sub(OTHERS_SHOWN);
                others.truncate(OTHERS_SHOWN);
                Ok(PartyFound {
                    party,
                    others,
                    more,
                })
            }
            _ => Err(StoreError::Ambiguous {
                name: reference.to_string(),
                candidates,
            }),
        }
    }

    /// The parties other than `except` with a fuller name that starts or
    /// ends with the words of `norm`, by id: those an exact match could
    /// hide ("Barack Obama" and "President Barack Obama", "Marta Quill" and
    /// "Marta Quill Ramos"), which no alias links to it. Each is found
    /// through an index (names that start with the words are a range of
    /// the names' index, names that end with them share its last word, see
    /// `sources_last_word`), so the note costs a look-up, not a scan of
    /// every name: a scan made `rests-on` three times as slow at 10,000
    /// articles. A name that holds the words only in its middle is not
    /// found.
    fn fuller_names(&self, norm: &str, except: i64) -> Result<Vec<Party>> {
        let last_word = norm.rsplit(' ').next().unwrap_or(norm);
        let mut stmt = self.conn.prepare(FULLER_NAMES)?;
        let mut rows = stmt.query([norm, last_word])?;
        let mut found: Vec<Party> = Vec::new();
        while let Some(row) = rows.next()? {
            let party = party_from_row(row)?;
            let name: String = row.get(3)?;
            if party.id != except && name != norm && holds_words(&name, norm) {
                found.push(party);
            }
        }
        found.sort_by_key(|p| p.id);
        found.dedup_by_key(|p| p.id);
        Ok(found)
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

/// Whether `words` is in `name` as whole words (both normalized: words
/// one space apart).
fn holds_words(name: &str, words: &str) -> bool {
    name.match_indices(words).any(|(at, _)| {
        let end = at + words.len();
        (at == 0 || name[..at].ends_with(' '))
            && (end == name.len() || name[end..].starts_with(' '))
    })
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
    fn a_name_of_several_words_names_the_fuller_ones_too_and_counts_the_rest() {
        let mut parties: Vec<(i64, String, &str, &[&str])> = vec![
            (1, "Barack Obama".into(), "person", &[]),
            (2, "President Barack Obama".into(), "person", &[]),
            (3, "Barack Obamas".into(), "person", &[]),
            (4, "Barack Obama Foundation".into(), "organization", &[]),
            (
                5,
                "Michelle Obama".into(),
                "person",
                &["Barack Obama Junior"],
            ),
            // Only in the middle: no index finds it.
            (21, "Jo Barack Obama Fund".into(), "organization", &[]),
        ];
        for id in 6..=20 {
            parties.push((
                id,
                format!("Barack Obama Fan Club {id}"),
                "organization",
                &[],
            ));
        }
        let borrowed: Vec<(i64, &str, &str, &[&str])> = parties
            .iter()
            .map(|(id, name, kind, aliases)| (*id, name.as_str(), *kind, *aliases))
            .collect();
        let ledger = ledger_with(&borrowed);
        let found = ledger.find_party("barack obama").unwrap();
        assert_eq!(found.party.id, 1);
        // Whole words only ("Obamas" is another name), at the start or the
        // end, through aliases too, ten shown by id and the rest counted.
        let mut expected: Vec<i64> = vec![2, 4, 5];
        expected.extend(6..=12);
        assert_eq!(
            found.others.iter().map(|p| p.id).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(found.more, 8);
        // Every part is a look-up in an index, none a scan of the names.
        let plan: Vec<String> = ledger
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {FULLER_NAMES}"))
            .unwrap()
            .query_map(["barack obama", "obama"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().all(|step| !step.starts_with("SCAN")),
            "{plan:?}"
        );
        assert!(
            plan.iter().any(|step| step.contains("sources_last_word")),
            "{plan:?}"
        );
        assert!(holds_words("president barack obama", "barack obama"));
        assert!(!holds_words("barack obamas", "barack obama"));
        assert!(!holds_words("xbarack obama", "barack obama"));
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
