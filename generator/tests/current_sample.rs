//! `$GRAPH_DOCS_DIR/current-sample/v1.0`: 68 pages of 2021-2024 in the repository layout, some
//! stating permissions through `[!INCLUDE [...](../includes/permissions/...)]` lines, with only
//! some of the include files present (a partial doc set).

mod common;

use graphgen::diagnostics::Code;
use std::path::Path;

/// The lines of a page's `Permissions` (or `Prerequisites`) section, with their line numbers.
fn permission_lines(text: &str) -> Vec<(usize, &str)> {
    let mut inside = false;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lower = line.trim().to_ascii_lowercase();
        if lower.starts_with("## ") {
            inside = lower.starts_with("## permissions") || lower.starts_with("## prerequisites");
            continue;
        }
        if inside {
            out.push((i + 1, line));
        }
    }
    out
}

#[test]
fn permissions_are_read_inline_and_through_includes() {
    let Some(dir) = common::corpus_folder("current-sample/v1.0") else {
        return;
    };
    let g = common::generate_dir(&dir);
    let mut stated = 0;
    let mut through_includes = 0;
    let mut missing = Vec::new();
    for op in g.schema.operations.iter().filter(|o| !o.implied) {
        let file = &op.source.file;
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let lines = permission_lines(&text);
        let inline = lines
            .iter()
            .any(|(_, l)| l.starts_with('|') && l.contains("Application"));
        let mut included = false;
        for (n, line) in &lines {
            let Some(target) = graphgen::load::include_target(line) else {
                continue;
            };
            let path = Path::new(file).parent().unwrap().join(target);
            if dir.join(&path).is_file() {
                included = true;
            } else if target.contains("/permissions/") {
                missing.push((file.clone(), *n));
            }
        }
        if inline || included {
            stated += 1;
            through_includes += usize::from(included);
            assert!(
                !op.permissions.is_empty(),
                "{file}: the page states permissions, the operation has none"
            );
        }
    }
    assert!(stated >= 30, "{stated} operations state permissions");
    assert_eq!(through_includes, 3, "three include files are present");
    missing.sort();
    missing.dedup();
    // Seven pages state their permissions through an include; three of the files are here.
    assert_eq!(missing.len(), 4, "permission includes missing: {missing:?}");
    let mut reported: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::MissingInclude)
        .map(|d| (d.file.clone(), d.line))
        .collect();
    reported.sort();
    assert_eq!(
        reported, missing,
        "one diagnostic per missing include, at its line"
    );
    // An included file is a part of pages, not a page of its own.
    assert!(g.pages.iter().all(|p| !p.file.contains("includes/")));
    assert!(g.diagnostics.iter().all(|d| !d.file.contains("includes/")));
}
