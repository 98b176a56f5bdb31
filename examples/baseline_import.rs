//! The bare baseline the import benchmark compares against: the same files
//! read and inserted into SQLite with the ledger's pragmas and one
//! transaction per file, with no extraction at all.
//! `cargo run --release --example baseline_import -- DB DIR`

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() -> rusqlite::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: baseline_import DB DIR");
        std::process::exit(2);
    };
    let mut conn = rusqlite::Connection::open(db)?;
    conn.busy_timeout(std::time::Duration::from_secs(60))?;
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "cache_size", -16384)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, path TEXT, raw_text TEXT NOT NULL)",
    )?;
    let mut files = Vec::new();
    walk(Path::new(dir), &mut files);
    // The ledger's transaction pattern: batches of at most 256 files or half
    // a second, each file a savepoint inside.
    let mut batch = 0;
    let mut started = std::time::Instant::now();
    conn.execute_batch("BEGIN IMMEDIATE")?;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
        let sp = conn.savepoint()?;
        sp.prepare_cached("INSERT INTO articles (path, raw_text) VALUES (?1, ?2)")?
            .execute((path.to_string_lossy(), &text))?;
        sp.commit()?;
        batch += 1;
        if batch >= 256 || started.elapsed() >= std::time::Duration::from_millis(500) {
            conn.execute_batch("COMMIT; BEGIN IMMEDIATE")?;
            batch = 0;
            started = std::time::Instant::now();
        }
    }
    conn.execute_batch("COMMIT")?;
    eprintln!("{} files", files.len());
    Ok(())
}
