//! Integration tests: the real `claims` binary against real ledger files in
//! temporary directories.

mod fixtures;
mod harness;

mod attribution;
mod browser;
mod claimreview;
mod datasette;
mod eval;
mod export;
mod fitting_in;
mod graph;
mod identity;
mod import;
mod queries;
mod report;
mod robustness;
mod scale;
mod sql;
