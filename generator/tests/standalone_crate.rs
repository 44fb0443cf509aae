//! `graphgen generate` writes a crate that builds on its own, without warnings, with docs that
//! build without warnings, and whose example tests pass.

mod common;

use std::path::Path;
use std::process::Command;

fn cargo(dir: &Path, target: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
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
    if args[0] == "test" {
        let unit_tests = stdout
            .lines()
            .find(|l| l.starts_with("test result:"))
            .unwrap_or_default();
        assert!(unit_tests.starts_with("test result: ok."), "{stdout}");
        assert!(
            !unit_tests.contains(" 0 passed"),
            "the generated crate ran no test:\n{stdout}"
        );
    }
}

fn generate_and_build(specs: &Path, name: &str) {
    let root = common::workspace_root();
    let scratch = root.join("target/standalone-check");
    let out = scratch.join(name);
    let generation = common::generate_dir(specs);
    let files =
        graphgen::format::crate_files(&generation.emitted, "graph-typed", graphgen::CLI_HEADER)
            .unwrap();
    graphgen::write::write_files(&out, &files).unwrap();
    // The workspace's lock file pins the same versions, so the build needs no network.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let target = scratch.join("target");
    cargo(&out, &target, &["test"]);
    cargo(&out, &target, &["doc", "--no-deps"]);
}

#[test]
fn crate_from_specs_builds_and_passes_its_tests() {
    generate_and_build(&common::specs_dir(), "specs");
}

#[test]
fn crate_from_the_shared_seed_family_builds_and_passes_its_tests() {
    let Some(docs) = common::docs_dir() else {
        eprintln!("GRAPH_DOCS_DIR is not set; the shared-corpus build does not run");
        return;
    };
    generate_and_build(&docs.join("current/v1.0"), "seed");
}
