//! claim-ledger: news articles broken into claims, each tied to the source
//! it rests on, kept in one SQLite file.
//!
//! Three rooms with one-way doors: [`extract`] (text in, claims out),
//! [`store`] (the SQLite ledger) and [`cli`] (one file per subcommand).

pub mod cli;
pub mod extract;
pub mod score;
pub mod store;
pub mod synth;
