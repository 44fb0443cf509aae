//! The house rules of the generator's sources: every module imports only modules below it in the
//! pipeline, so that a stage can be read, tested and changed without the ones after it.

use std::path::Path;

/// Each module of `generator/src` and its level: a module may use modules of a lower level only.
/// The vocabulary (diagnostics and naming, then the IR) is below every stage; `lib.rs`, the CLI
/// and the build-script builder, which run the pipeline, are above all.
const LEVELS: &[(&str, u8)] = &[
    ("diagnostics", 0),
    ("naming", 0),
    ("ir", 1),
    ("load", 2),
    ("parse", 3),
    ("extract", 4),
    ("resolve", 5),
    ("validate", 5),
    ("permissions", 5),
    ("select", 4),
    ("emit", 6),
    ("lint", 6),
    ("format", 7),
    ("diff", 7),
    ("write", 8),
    ("report", 9),
    ("metadata", 3),
    ("witness", 6),
];

fn level(module: &str) -> Option<u8> {
    LEVELS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The modules a source file names through `crate::`, outside comments. Names that are not
/// modules of the generator (`crate::models` inside generated code being quoted) are skipped;
/// an item of the crate root (`crate::Generation`) counts as `lib`.
fn uses(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let module = if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                "lib".to_owned()
            } else {
                name
            };
            if (module == "lib" || level(&module).is_some()) && !found.contains(&module) {
                found.push(module);
            }
        }
    }
    found
}

#[test]
fn stages_import_only_stages_below_them() {
    let mut upward = Vec::new();
    let mut files = 0;
    for (relative, source) in sources() {
        let module = relative
            .split(['/', '.'])
            .next()
            .unwrap_or_default()
            .to_owned();
        let Some(own) = level(&module) else {
            assert!(
                module == "lib" || module == "bin" || module == "build_script",
                "{relative}: a module the house rules do not place; add it to LEVELS"
            );
            continue;
        };
        files += 1;
        for used in uses(&source) {
            if used != module && level(&used).is_none_or(|l| l >= own) {
                upward.push(format!("{relative} uses crate::{used}"));
            }
        }
    }
    assert!(files > 30, "{files} files read");
    assert!(
        upward.is_empty(),
        "imports that point up the pipeline: {upward:#?}"
    );
}

#[test]
fn the_scan_sees_uses_and_skips_comments_and_quoted_code() {
    let source = "use crate::ir::Schema;\n// crate::emit in a comment\nlet x = quote!(crate::models::User);\nlet g: crate::Generation;";
    assert_eq!(uses(source), ["ir", "lib"]);
}

/// Every source file of `generator/src`, with its path relative to it.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(&src)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The functions of a file (free or in an `impl`, as rustfmt lays them out) and their lengths.
fn function_lengths(source: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, usize)> = None;
    for (n, line) in source.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim_start();
        let starts = [
            "fn ",
            "pub fn ",
            "pub(super) fn ",
            "pub(crate) fn ",
            "async fn ",
            "pub async fn ",
        ];
        if open.is_none()
            && (indent == 0 || indent == 4)
            && starts.iter().any(|s| text.starts_with(s))
        {
            open = Some((text.to_owned(), n, indent));
            continue;
        }
        if let Some((name, start, at)) = &open {
            if indent == *at && text.starts_with('}') && line.trim_end().ends_with('}') {
                out.push((name.clone(), n - start + 1));
                open = None;
            }
        }
    }
    out
}

#[test]
fn no_file_over_700_lines_and_no_function_over_100() {
    let mut over = Vec::new();
    for (file, source) in sources() {
        let lines = source.lines().count();
        if lines > 700 {
            over.push(format!("{file}: {lines} lines"));
        }
        for (function, length) in function_lengths(&source) {
            if length > 100 {
                over.push(format!("{file}: {length} lines in `{function}`"));
            }
        }
    }
    assert!(over.is_empty(), "{over:#?}");
}

#[test]
fn function_lengths_are_measured_from_signature_to_closing_brace() {
    let source = "fn a() {\n    1;\n}\n\nimpl X {\n    pub fn b(&self) {\n        2;\n    }\n}\n";
    assert_eq!(
        function_lengths(source),
        [
            ("fn a() {".to_owned(), 3),
            ("pub fn b(&self) {".to_owned(), 3)
        ]
    );
}

/// The table of diagnostic codes in `docs/diagnostics.md` is printed from `Code`, the one table
/// of codes. Run with `UPDATE_README=1` to rewrite it after adding a code.
#[test]
fn readme_lists_every_diagnostic_code_from_the_code_table() {
    const START: &str =
        "<!-- diagnostic codes: generated from generator/src/diagnostics/code.rs -->\n";
    const END: &str = "<!-- end of diagnostic codes -->";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diagnostics.md");
    let readme = std::fs::read_to_string(&path).expect("docs/diagnostics.md");
    let start = readme
        .find(START)
        .expect("docs/diagnostics.md has the code table's start marker")
        + START.len();
    let end = readme[start..]
        .find(END)
        .expect("docs/diagnostics.md has the code table's end marker")
        + start;
    let table = graphgen::diagnostics::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("docs/diagnostics.md written");
        return;
    }
    assert_eq!(
        readme[start..end],
        table,
        "docs/diagnostics.md's code table is stale; run `UPDATE_README=1 cargo test -p graphgen --test house`"
    );
}

/// A code in the table that nothing reports would document a finding that never comes.
#[test]
fn every_diagnostic_code_is_reported_somewhere() {
    let sources: String = sources()
        .into_iter()
        .filter(|(name, _)| !name.starts_with("diagnostics"))
        .map(|(_, text)| text)
        .collect();
    for code in graphgen::diagnostics::Code::ALL {
        assert!(
            sources.contains(&format!("Code::{code:?}")),
            "`{code}` is in the code table but no stage reports it"
        );
    }
}
