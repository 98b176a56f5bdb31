//! Integration tests: the real `claims` binary against real ledger files in
//! temporary directories.

mod fixtures;
mod harness;

mod attribution;
mod browser;
mod claimreview;
mod clusters;
mod datasette;
mod dates;
mod deletion;
mod eval;
mod export;
mod fitting_in;
mod graph;
mod identity;
mod import;
mod parties;
mod queries;
mod reading;
mod reextract;
mod report;
mod robustness;
mod scale;
mod skips;
mod sql;
