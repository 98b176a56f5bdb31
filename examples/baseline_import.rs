//! The bare baseline the import benchmark compares against: the same files
//! read and inserted into SQLite with the ledger's pragmas and transaction
//! pattern (the constants are the import's own), with no extraction at all.
//! `cargo run --release --example baseline_import -- DB DIR`

use std::path::{Path, PathBuf};

use claim_ledger::store;

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
    let conn = rusqlite::Connection::open(db)?;
    conn.busy_timeout(std::time::Duration::from_secs(60))?;
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "cache_size", -store::BATCH_CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "wal_autocheckpoint", store::BATCH_WAL_PAGES)?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, path TEXT, raw_text TEXT NOT NULL)",
    )?;
    let mut files = Vec::new();
    walk(Path::new(dir), &mut files);
    // The ledger's transaction pattern: batches of `BATCH_ARTICLES` files or
    // `BATCH_TIME`, written in groups of `GROUP_ARTICLES` files.
    let mut batch = 0;
    let mut started = std::time::Instant::now();
    conn.execute_batch("BEGIN IMMEDIATE")?;
    for group in files.chunks(store::GROUP_ARTICLES) {
        let texts: Vec<String> = group
            .iter()
            .map(|path| std::fs::read_to_string(path).expect("readable UTF-8 file"))
            .collect();
        let mut insert =
            conn.prepare_cached("INSERT INTO articles (path, raw_text) VALUES (?1, ?2)")?;
        for (path, text) in group.iter().zip(&texts) {
            insert.execute((path.to_string_lossy(), text))?;
        }
        drop(insert);
        batch += group.len();
        if batch >= store::BATCH_ARTICLES || started.elapsed() >= store::BATCH_TIME {
            conn.execute_batch("COMMIT; BEGIN IMMEDIATE")?;
            batch = 0;
            started = std::time::Instant::now();
        }
    }
    conn.execute_batch("COMMIT")?;
    eprintln!("{} files", files.len());
    Ok(())
}
