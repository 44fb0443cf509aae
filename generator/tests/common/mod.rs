//! Shared helpers for the generator's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use graphgen::load::SourceFile;

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn specs_dir() -> PathBuf {
    workspace_root().join("specs")
}

/// `$GRAPH_DOCS_DIR` (the shared corpus folder), or `None` when the variable is not set. When it
/// is set but the folder is missing, the test fails: CI must not skip silently.
pub fn docs_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("GRAPH_DOCS_DIR")?);
    assert!(
        dir.is_dir(),
        "GRAPH_DOCS_DIR is set to {} but that folder does not exist",
        dir.display()
    );
    Some(dir)
}

pub fn page(name: &str, text: &str) -> SourceFile {
    SourceFile {
        name: name.to_owned(),
        text: text.to_owned(),
    }
}

pub fn generate_dir(dir: &Path) -> graphgen::Generation {
    let (files, diagnostics) = graphgen::load::load_pages(dir).expect("the folder is readable");
    graphgen::generate(&files, &graphgen::detect_api_version(dir), diagnostics)
}
