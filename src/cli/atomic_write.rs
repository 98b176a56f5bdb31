//! Files written whole or not at all: a page, a metadata file or any other
//! output named with `-o` is written beside its target and renamed into
//! place, so a failed run never leaves half a file under the requested name.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

/// Whether `path` may be replaced by renaming a new file onto it: a
/// regular file or nothing yet. A device, a FIFO or a terminal
/// (`-o /dev/null`, `-o /dev/stdout`) must be written into, never replaced.
pub fn is_replaceable(path: &Path) -> bool {
    std::fs::metadata(path).map_or(true, |m| m.is_file())
}

pub fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    if !is_replaceable(path) {
        return std::fs::write(path, contents)
            .with_context(|| format!("{}: cannot write", path.display()));
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".claims-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, contents).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write", path.display())
    })
}
