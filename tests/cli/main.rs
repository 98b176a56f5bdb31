//! Integration tests: the real `claims` binary against real ledger files in
//! temporary directories.

mod harness;

mod eval;
mod export;
mod import;
mod queries;
mod robustness;
mod scale;
mod sql;
