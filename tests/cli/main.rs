//! Integration tests: the real `claims` binary against real ledger files in
//! temporary directories.

mod fixtures;
mod harness;

mod browser;
mod claimreview;
mod clusters;
mod datasette;
mod eval;
mod export;
mod fitting_in;
mod graph;
mod import;
mod queries;
mod report;
mod robustness;
mod scale;
mod sql;
