//! `graphgen generate` writes a crate that builds on its own, without warnings, with docs that
//! build without warnings, and whose example tests pass.

mod common;

use std::path::Path;

fn generate_and_build(specs: &Path, name: &str) {
    let generation = common::generate_dir(specs);
    let files =
        graphgen::format::crate_files(&generation.emitted, "graph-typed", graphgen::CLI_HEADER)
            .unwrap();
    let out = common::write_generated_crate(&files, &format!("standalone-check/{name}"));
    let stdout = common::cargo_in(&out, &["test"]);
    let unit_tests = common::unit_test_result(&stdout);
    assert!(unit_tests.starts_with("test result: ok."), "{stdout}");
    assert!(
        !unit_tests.contains(" 0 passed"),
        "the generated crate ran no test:\n{stdout}"
    );
    common::cargo_in(&out, &["doc", "--no-deps"]);
}

#[test]
fn crate_from_specs_builds_and_passes_its_tests() {
    generate_and_build(&common::specs_dir(), "specs");
}

#[test]
fn crate_from_the_shared_seed_family_builds_and_passes_its_tests() {
    let Some(dir) = common::corpus_folder("current/v1.0") else {
        return;
    };
    generate_and_build(&dir, "seed");
}
