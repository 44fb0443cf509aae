//! Shared helpers for the generator's integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The seed family alone (the certificate pages, their enum and `entity`), without the drive
/// pages `specs/` also holds: what tests that count or break the seed's pages start from.
pub fn seed_family() -> Vec<graphgen::load::SourceFile> {
    let (files, _) = graphgen::load::load_pages(&specs_dir()).unwrap();
    files
        .into_iter()
        .filter(|f| {
            [
                "enterprisecodesigningcertificate",
                "certificatestatus",
                "/entity.md",
            ]
            .iter()
            .any(|seed| f.name.contains(seed))
        })
        .collect()
}

/// `$GRAPH_DOCS_DIR` (the shared corpus folder), or `None` when the variable is not set. When it
/// is set but the folder is missing, the test fails: CI must not skip silently.
pub fn docs_dir() -> Option<PathBuf> {
    // Tests run in the package's folder; a relative path means one relative to the workspace,
    // where `cargo test` was typed.
    let dir = workspace_root().join(std::env::var_os("GRAPH_DOCS_DIR")?);
    assert!(
        dir.is_dir(),
        "GRAPH_DOCS_DIR is set to {} but that folder does not exist",
        dir.display()
    );
    Some(dir)
}

/// A folder of the shared corpus (`current/v1.0`, `v1.0-2021`), or `None` when
/// `GRAPH_DOCS_DIR` is not set; a folder missing under a set variable fails the test.
pub fn corpus_folder(sub: &str) -> Option<PathBuf> {
    let Some(docs) = docs_dir() else {
        eprintln!("GRAPH_DOCS_DIR is not set; this shared-corpus test does not run");
        return None;
    };
    let dir = docs.join(sub);
    assert!(dir.is_dir(), "{} is missing", dir.display());
    Some(dir)
}

/// Writes a generated crate below `target/<name>` with the workspace's lock file, which pins
/// the same versions, so that building it needs no network.
pub fn write_generated_crate(files: &BTreeMap<String, String>, name: &str) -> PathBuf {
    let root = workspace_root();
    let out = root.join("target").join(name);
    graphgen::write::write_files(&out, files).unwrap();
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    out
}

/// Runs `cargo <args> --offline` in a generated crate (one shared target folder for all of
/// them), asserts that it succeeds without a warning, and returns its standard output.
pub fn cargo_in(dir: &Path, args: &[&str]) -> String {
    let output = cargo_output(dir, args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{stdout}\n{stderr}",
        args.join(" "),
        dir.display()
    );
    assert!(
        !stderr.contains("warning:"),
        "`cargo {}` warned:\n{stderr}",
        args.join(" ")
    );
    stdout
}

/// The cargo that runs the tests, set up for the one-off builds of generated crates: no
/// incremental caches and line tables only, which keeps a run's disk use to a few GiB (the whole
/// reference's incremental cache alone took several GiB per feature set and filled CI's disk).
pub fn cargo_command() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only");
    command
}

/// `cargo <args> --offline` in a generated crate, whatever its outcome.
pub fn cargo_output(dir: &Path, args: &[&str]) -> std::process::Output {
    cargo_command()
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/standalone-check/target"),
        )
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

/// The first `test result:` line of cargo's output: the unit tests'.
pub fn unit_test_result(stdout: &str) -> &str {
    stdout
        .lines()
        .find(|l| l.starts_with("test result:"))
        .unwrap_or_default()
}

pub fn page(name: &str, text: &str) -> SourceFile {
    SourceFile {
        name: name.to_owned(),
        text: text.to_owned(),
        role: graphgen::load::FileRole::Page,
    }
}

/// The text of every file of a parent module of a standalone crate (`models`: `src/models/*.rs`).
pub fn module_text(files: &BTreeMap<String, String>, parent: &str) -> String {
    let prefix = format!("src/{parent}/");
    files
        .iter()
        .filter(|(path, _)| path.starts_with(&prefix))
        .map(|(_, text)| text.as_str())
        .collect()
}

/// As the SDK's build script generates: every item compiled, no area features.
pub fn generate_for_build_script(files: &[SourceFile]) -> graphgen::Generation {
    let settings = graphgen::Settings {
        emit: graphgen::emit::Options {
            area_features: false,
        },
        ..Default::default()
    };
    match graphgen::generate_selected(files, "v1.0", Vec::new(), &settings, &|| {}) {
        Ok(g) => g,
        Err(e) => panic!("everything is selected, so nothing fails: {e}"),
    }
}

/// The pages of `dir` generated for the paths the globs select (as `--include-path` and
/// `--exclude-path` take them); the error of a selection that cannot be applied.
pub fn generate_selected(
    dir: &Path,
    include: &[&str],
    exclude: &[&str],
) -> Result<graphgen::Generation, String> {
    let (files, diagnostics) = graphgen::load::load_pages(dir).expect("the folder is readable");
    let owned = |globs: &[&str]| globs.iter().map(|g| g.to_string()).collect::<Vec<_>>();
    let selection =
        graphgen::select::Selection::new(&owned(include), &owned(exclude)).map_err(|e| e.0)?;
    let settings = graphgen::Settings {
        selection,
        ..Default::default()
    };
    graphgen::generate_selected(&files, "v1.0", diagnostics, &settings, &|| {})
        .map_err(|e| e.to_string())
}

pub fn generate_dir(dir: &Path) -> graphgen::Generation {
    let (files, diagnostics) = graphgen::load::load_pages(dir).expect("the folder is readable");
    graphgen::generate(&files, &graphgen::detect_api_version(dir), diagnostics)
}

/// `$GRAPH_METADATA_DIR` (the service metadata's dated CSDL copies), as [`docs_dir`]: `None`
/// when unset, a failure when set to a folder that does not exist.
pub fn metadata_dir() -> Option<PathBuf> {
    let Some(var) = std::env::var_os("GRAPH_METADATA_DIR") else {
        eprintln!("GRAPH_METADATA_DIR is not set; this metadata test does not run");
        return None;
    };
    let dir = workspace_root().join(var);
    assert!(
        dir.is_dir(),
        "GRAPH_METADATA_DIR is set to {} but that folder does not exist",
        dir.display()
    );
    Some(dir)
}

/// The number of proptest cases a fuzz test runs: `$GRAPHGEN_FUZZ_CASES`, else 256.
pub fn fuzz_cases() -> u32 {
    std::env::var("GRAPHGEN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}
