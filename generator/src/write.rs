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

/// The list of files the last run wrote, kept in the output folder so that the next run can
/// remove the ones it no longer produces.
pub const MANIFEST: &str = ".graphgen-files";

/// Writes every file below `dir`, and removes the files an earlier run wrote (as listed in
/// [`MANIFEST`]) that this run does not produce. Other files (`target/`, the user's own) are
/// left alone.
pub fn write_files(dir: &Path, files: &BTreeMap<String, String>) -> std::io::Result<usize> {
    let manifest = dir.join(MANIFEST);
    let earlier = std::fs::read_to_string(&manifest).unwrap_or_default();
    for stale in earlier
        .lines()
        .filter(|f| !f.is_empty() && !files.contains_key(*f))
    {
        // Only plain relative paths a run of ours could have written.
        if stale.split('/').any(|part| part == ".." || part.is_empty()) {
            continue;
        }
        match std::fs::remove_file(dir.join(stale)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    // A few files of several megabytes: compared and written on all cores.
    use rayon::prelude::*;
    let changed: Vec<bool> = files
        .par_iter()
        .map(|(name, contents)| write_file_if_changed(&dir.join(name), contents))
        .collect::<std::io::Result<_>>()?;
    let written = changed.into_iter().filter(|&w| w).count();
    let listing: String = files.keys().map(|name| format!("{name}\n")).collect();
    write_file_if_changed(&manifest, &listing)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_an_earlier_run_that_this_run_drops_are_removed() {
        let dir = std::env::temp_dir().join(format!("graphgen-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("target")).unwrap();
        std::fs::write(dir.join("target/keep"), "user's").unwrap();
        let first = BTreeMap::from([
            ("src/a.rs".to_owned(), "a".to_owned()),
            ("src/old.rs".to_owned(), "old".to_owned()),
        ]);
        assert_eq!(write_files(&dir, &first).unwrap(), 2);
        let second = BTreeMap::from([("src/a.rs".to_owned(), "a".to_owned())]);
        assert_eq!(write_files(&dir, &second).unwrap(), 0);
        assert!(dir.join("src/a.rs").exists());
        assert!(!dir.join("src/old.rs").exists());
        assert!(dir.join("target/keep").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
