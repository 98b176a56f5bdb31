//! Runs the extractor over article files and prints one JSON object per
//! claim, in the shape `score-claims` reads. Measures extraction speed
//! with `--bench N` (N passes over all inputs, timing on standard error).
//!
//! usage: extract_jsonl [--lexicons DIR] [--bench N] PATH...

use std::path::{Path, PathBuf};

use claim_ledger::extract::{Document, Lexicon, Source, extract};
use serde_json::{Value, json};

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

fn source_json(doc: &Document, i: usize, role: Option<&str>, affiliation: Option<&str>) -> Value {
    let s: &Source = &doc.sources[i];
    let aliases: Vec<&String> = s
        .merge_aliases
        .iter()
        .chain(s.local_aliases.iter())
        .collect();
    json!({
        "id": i,
        "name": s.name,
        "kind": s.kind.as_str(),
        "aliases": aliases,
        "role": role,
        "affiliation": affiliation,
    })
}

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let mut paths = Vec::new();
    let mut lexicon = Lexicon::builtin();
    let mut bench = 0usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lexicons" => {
                let dir = args.next().expect("--lexicons DIR");
                lexicon = match Lexicon::load_dir(Path::new(&dir)) {
                    Ok(l) => l,
                    Err(e) => {
                        eprintln!("extract_jsonl: {e}");
                        return std::process::ExitCode::FAILURE;
                    }
                };
            }
            "--bench" => bench = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let mut files = Vec::new();
    for p in &paths {
        if let Err(e) = collect(p, &mut files) {
            eprintln!("extract_jsonl: {}: {e}", p.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter_map(|f| std::fs::read_to_string(&f).ok().map(|t| (f, t)))
        .collect();
    if bench > 0 {
        let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
        let start = std::time::Instant::now();
        let mut claims = 0;
        for _ in 0..bench {
            for (_, t) in &texts {
                claims += extract(t, &lexicon).claims.len();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "{} bytes x {bench} in {secs:.3} s: {:.1} MB/s ({claims} claims)",
            bytes,
            (bytes * bench) as f64 / secs / 1e6
        );
        return std::process::ExitCode::SUCCESS;
    }
    for (path, text) in &texts {
        let doc = extract(text, &lexicon);
        for c in &doc.claims {
            let source = c
                .source
                .map(|i| source_json(&doc, i, c.role.as_deref(), c.affiliation.as_deref()));
            let via: Vec<Value> = c
                .via
                .iter()
                .map(|&i| source_json(&doc, i, None, None))
                .collect();
            let line = json!({
                "article": {"path": path.display().to_string(), "title": doc.meta.title, "outlet": doc.meta.outlet},
                "text": c.span.text,
                "start": c.span.start,
                "end": c.span.end,
                "raw_start": c.span.raw_start,
                "raw_end": c.span.raw_end,
                "kind": c.kind.as_str(),
                "mode": c.mode.as_str(),
                "cue": c.cue,
                "source": source,
                "via": via,
                "quantities": c.quantities,
                "source_mention": c.source_mention,
                "cue_mention": c.cue_mention,
            });
            println!("{line}");
        }
    }
    std::process::ExitCode::SUCCESS
}
