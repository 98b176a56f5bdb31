//! Prints everything the extractor returns for each article, every field
//! of `Document` (meta, body, raw layout, sources, claims), so two
//! revisions can be compared byte for byte (`scripts/same-extraction.sh`
//! builds this file against both). It uses only `extract`, `Lexicon` and
//! `Document`'s `Debug`, which every revision since the lexicons became
//! data has, so the same file compiles against an older base.
//!
//! usage: dump_extraction PATH...   (files, or directories walked for .txt)

use std::io::Write;
use std::path::{Path, PathBuf};

use claim_ledger::extract::{Lexicon, extract};

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if path.extension().is_some_and(|x| x == "txt") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if let Err(e) = collect(Path::new(&arg), &mut files) {
            eprintln!("dump_extraction: {arg}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    let lexicon = Lexicon::builtin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("dump_extraction: {}: {e}", path.display());
                return std::process::ExitCode::FAILURE;
            }
        };
        let doc = extract(&text, &lexicon);
        // One block per article, headed by its path, so a difference
        // points at the article it is in.
        if writeln!(out, "=== {}\n{doc:#?}", path.display()).is_err() {
            return std::process::ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
