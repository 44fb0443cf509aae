//! The output end of the pipeline: files on disk, rewritten only when their content changed, so
//! that cargo does not rebuild what did not change.

use std::collections::BTreeMap;
use std::path::Path;

/// Writes `contents` unless the file already holds exactly that. Returns whether it wrote.
pub fn write_file_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|existing| existing == contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)?;
    Ok(true)
}

/// Writes every file below `dir`. Files of an earlier run that this run does not produce are
/// left alone (the folder may hold the user's own files, such as `target/`).
pub fn write_files(dir: &Path, files: &BTreeMap<String, String>) -> std::io::Result<usize> {
    let mut written = 0;
    for (name, contents) in files {
        if write_file_if_changed(&dir.join(name), contents)? {
            written += 1;
        }
    }
    Ok(written)
}
