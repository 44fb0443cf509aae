//! The files `graphgen` carries into every crate it writes (`generator/sdk/`) are the SDK crate's
//! own: the runtime crate is a copy of `generated/runtime/`, the client of `generated/client.rs`,
//! the manifest's tables are those of `Cargo.toml`, and the crate root has `generated/lib.rs`'s
//! items. Edit the SDK crate's files,
//! then run `UPDATE_SDK=1 cargo test -p graphgen --test sdk_files` to copy them.

use std::path::{Path, PathBuf};

use graphgen::format::sdk;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_SDK").is_some()
}

/// Compares (or, when updating, copies) one carried file with the SDK crate's.
fn check_copy(original: &Path, carried: &Path) {
    let text = std::fs::read_to_string(original).unwrap();
    if updating() {
        std::fs::write(carried, &text).unwrap();
        return;
    }
    assert!(
        std::fs::read_to_string(carried).unwrap_or_default() == text,
        "{} differs from {}; run `UPDATE_SDK=1 cargo test -p graphgen --test sdk_files`",
        carried.display(),
        original.display()
    );
}

#[test]
fn the_runtime_is_a_copy_of_the_sdk_crates() {
    let generated = workspace().join("generated/runtime/src");
    let copy = workspace().join("generator/sdk/runtime/src");
    let mut on_disk: Vec<String> = std::fs::read_dir(&generated)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = sdk::RUNTIME.iter().map(|(n, _)| *n).collect();
    assert_eq!(on_disk, listed, "format/sdk.rs lists every runtime file");
    for name in &on_disk {
        check_copy(&generated.join(name), &copy.join(name));
    }
    check_copy(
        &workspace().join("generated/runtime/Cargo.toml"),
        &workspace().join("generator/sdk/runtime-manifest.toml"),
    );
    check_copy(
        &workspace().join("generated/client.rs"),
        &workspace().join("generator/sdk/client.rs"),
    );
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
    // A standalone crate carries its runtime as `runtime/`; the SDK's is `generated/runtime/`.
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
fn the_crate_root_has_the_sdk_crates_items() {
    let lib = std::fs::read_to_string(workspace().join("generated/lib.rs")).unwrap();
    assert!(
        lib.contains(sdk::ROOT_ITEMS),
        "generated/lib.rs and format/sdk.rs's ROOT_ITEMS differ"
    );
}
