//! The input end of the pipeline: find the pages under a folder and read them.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Source};

/// One page as read from disk. `name` is the path relative to the specs folder, with `/`.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Every `.md` file below `dir`, sorted by relative path so that output never depends on the
/// order the file system lists them in.
pub fn find_pages(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                // `includes` holds fragments of pages, not pages.
                if entry.file_name() != "includes" {
                    stack.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads the pages (on all cores: a few thousand small files); unreadable or non-text files
/// become diagnostics instead of errors.
pub fn load_pages(dir: &Path) -> std::io::Result<(Vec<SourceFile>, Vec<Diagnostic>)> {
    use rayon::prelude::*;
    let read: Vec<Result<SourceFile, Diagnostic>> = find_pages(dir)?
        .par_iter()
        .map(|path| read_page(dir, path))
        .collect();
    let mut files = Vec::with_capacity(read.len());
    let mut diagnostics = Vec::new();
    for page in read {
        match page {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    Ok((files, diagnostics))
}

fn read_page(dir: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let name = relative_name(dir, path);
    match std::fs::read(path) {
        Ok(bytes) => match decode(&bytes) {
            Ok(text) => Ok(SourceFile { name, text }),
            Err(reason) => Err(Diagnostic::error(
                "not-text",
                &Source::new(&name, 1),
                format!("{reason}; page skipped"),
            )),
        },
        Err(e) => Err(Diagnostic::error(
            "unreadable-file",
            &Source::new(&name, 1),
            format!("cannot read the file ({e}); page skipped"),
        )),
    }
}

/// Pages are UTF-8 text, some with a byte-order mark. Anything with NUL bytes or invalid UTF-8 is
/// not a page.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err("file contains NUL bytes, so it is not a text page".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(format!(
            "file is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        )),
    }
}

fn relative_name(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
