//! The files `graphgen` carries into every crate it writes (`generator/sdk/`) are the SDK crate's
//! own: the manifest's tables are those of `Cargo.toml`, and the SDK crate takes its client and
//! runtime module from its build script, as any crate generated at build time does. The runtime
//! is not carried: generated crates depend on `graph-typed-runtime`.

use std::path::{Path, PathBuf};

use graphgen::format::sdk;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The lines of a TOML table, up to the next table header.
fn table(manifest: &str, header: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_manifest_tables_are_the_sdk_crates() {
    let root = std::fs::read_to_string(workspace().join("Cargo.toml")).unwrap();
    // A standalone crate names the runtime's path where it is given one; the SDK names its own.
    let carried =
        sdk::MANIFEST_TABLES.replace("path = \"runtime\"", "path = \"generated/runtime\"");
    for header in ["[features]", "[dependencies]"] {
        assert_eq!(
            table(&carried, header),
            table(&root, header),
            "generator/sdk/manifest.toml's {header} differs from Cargo.toml's"
        );
    }
}

#[test]
fn the_sdk_crate_takes_its_root_items_from_the_build_script() {
    // The client and the runtime module have one home, `generator/sdk/` and `format/sdk.rs`:
    // the SDK crate includes them from `OUT_DIR/sdk.rs` as any consumer of the builder does.
    let lib = std::fs::read_to_string(workspace().join("generated/lib.rs")).unwrap();
    assert!(lib.contains("graph_typed_runtime::include_sdk!();"));
    assert!(!lib.contains("pub mod runtime"));
    assert!(!workspace().join("generated/client.rs").exists());
}

/// No Rust source is in the tree twice: the runtime, the client and the permission choice each
/// have one home.
#[test]
fn no_rust_source_is_in_the_tree_twice() {
    let mut seen: std::collections::BTreeMap<String, PathBuf> = std::collections::BTreeMap::new();
    let mut twice = Vec::new();
    let mut stack = vec![workspace()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "out" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Small files (a one-line `mod.rs`) may well be alike.
                if text.len() > 400 {
                    if let Some(first) = seen.insert(text, path.clone()) {
                        twice.push(format!("{} = {}", path.display(), first.display()));
                    }
                }
            }
        }
    }
    assert!(
        twice.is_empty(),
        "Rust sources in the tree twice: {twice:#?}"
    );
}
