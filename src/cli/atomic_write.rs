//! Files written whole or not at all: a page, a metadata file or any other
//! output named with `-o` is written beside its target and renamed into
//! place, so a failed run never leaves half a file under the requested name.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

pub fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".claims-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, contents).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write", path.display())
    })
}
