//! The one way every subcommand reads a party from the command line (see
//! [`Ledger::find_party`]): an id, an exact name or alias, or a unique part
//! of one. An ambiguous name is an error listing every candidate's id; an
//! exact match that leaves out parties with its words in their names says
//! which (the first ten, and how many more), so nothing is dropped without
//! a word.

use anyhow::Result;

use super::output::for_terminal;
use crate::store::{Ledger, Party};

pub fn pick_party(ledger: &Ledger, reference: &str) -> Result<Party> {
    let found = ledger.find_party(reference)?;
    if !found.others.is_empty() {
        let others: Vec<String> = found
            .others
            .iter()
            .map(|p| format!("{} {}", p.id, for_terminal(&p.name)))
            .collect();
        let more = if found.more > 0 {
            format!(" and {} more", found.more)
        } else {
            String::new()
        };
        eprintln!(
            "note: {:?} is source {} ({}); also named like it: {}{more} (give an id to pick one of them)",
            for_terminal(reference),
            found.party.id,
            for_terminal(&found.party.name),
            others.join("; ")
        );
    }
    Ok(found.party)
}
