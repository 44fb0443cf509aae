//! The input end of the pipeline: find the pages under a folder and read them.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Source};

/// One file as read from disk. `name` is the path relative to the specs folder, with `/` (an
/// include above that folder starts with `../`).
#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub role: FileRole,
}

/// Whether a file is a page of its own or only a part of pages that include it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FileRole {
    #[default]
    Page,
    /// Read because a page includes it (`[!INCLUDE [...](../includes/x.md)]`).
    Include,
}

/// The target of an include line, `[!INCLUDE [label](path)]` alone on its line.
pub fn include_target(line: &str) -> Option<&str> {
    let t = line.trim().trim_start_matches('>').trim();
    let rest = t.strip_prefix("[!")?;
    if !rest.get(..7)?.eq_ignore_ascii_case("include") {
        return None;
    }
    let rest = rest[7..].trim_start();
    let rest = rest.strip_prefix('[')?;
    let after_label = rest.find("](")? + 2;
    let rest = &rest[after_label..];
    let end = rest.find(')')?;
    rest[end + 1..]
        .trim()
        .eq("]")
        .then(|| rest[..end].trim())
        .filter(|p| !p.is_empty())
}

/// `target` relative to the file `from` (both with `/`), with `.` and `..` folded: `api/x.md` and
/// `../includes/p.md` give `includes/p.md`. `None` for absolute paths and URLs.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    if target.starts_with('/') || target.contains("://") || target.is_empty() {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
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
    let includes = read_includes(dir, &files);
    files.extend(includes);
    Ok((files, diagnostics))
}

/// The files the pages include, and the files those include, that exist; a missing one is
/// reported where it is included (by the parser, which knows the line).
fn read_includes(dir: &Path, pages: &[SourceFile]) -> Vec<SourceFile> {
    const MOST: usize = 10_000;
    let mut known: std::collections::BTreeSet<String> =
        pages.iter().map(|p| p.name.clone()).collect();
    let mut found = Vec::new();
    let mut queue: Vec<String> = targets(pages.iter());
    while let Some(name) = queue.pop() {
        if found.len() >= MOST || !known.insert(name.clone()) {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join(&name)) else {
            continue;
        };
        let Ok(text) = decode(&bytes) else {
            continue;
        };
        let file = SourceFile {
            name,
            text,
            role: FileRole::Include,
        };
        queue.extend(targets(std::iter::once(&file)));
        found.push(file);
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

fn targets<'a>(files: impl Iterator<Item = &'a SourceFile>) -> Vec<String> {
    let mut out: Vec<String> = files
        .flat_map(|f| {
            f.text
                .lines()
                .filter_map(include_target)
                .filter_map(|t| resolve_relative(&f.name, t))
        })
        .collect();
    out.sort();
    out.dedup();
    out.reverse();
    out
}

fn read_page(dir: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let name = relative_name(dir, path);
    match std::fs::read(path) {
        Ok(bytes) => match decode(&bytes) {
            Ok(text) => Ok(SourceFile {
                name,
                text,
                role: FileRole::Page,
            }),
            Err(reason) => Err(Diagnostic::new(
                Code::NotText,
                &Source::new(&name, 1),
                format!("{reason}; page skipped"),
            )),
        },
        Err(e) => Err(Diagnostic::new(
            Code::UnreadableFile,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_lines_and_their_targets() {
        let line =
            "[!INCLUDE [permissions-table](../includes/permissions/user-get-permissions.md)]";
        let target = include_target(line).unwrap();
        assert_eq!(target, "../includes/permissions/user-get-permissions.md");
        assert_eq!(
            resolve_relative("api/user-get.md", target).as_deref(),
            Some("includes/permissions/user-get-permissions.md")
        );
        assert_eq!(
            resolve_relative("api/x.md", "../../includes/all-clouds.md").as_deref(),
            Some("../includes/all-clouds.md")
        );
        assert_eq!(include_target("> [!include [x](a.md)]"), Some("a.md"));
        assert_eq!(include_target("See [!INCLUDE [x](a.md)] here"), None);
        assert_eq!(include_target("[!INCLUDE [x](a.md)] and more"), None);
        assert_eq!(include_target("[!NOTE] text"), None);
        assert_eq!(include_target("[!INCLUDE [x]()]"), None);
        assert_eq!(resolve_relative("api/x.md", "/graph/y.md"), None);
    }
}
