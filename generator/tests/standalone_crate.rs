//! `graphgen generate` writes a crate that builds on its own, without warnings, with docs that
//! build without warnings, and whose example tests pass.

mod common;

use std::path::Path;

fn generate_and_build(specs: &Path, name: &str) {
    let generation = common::generate_dir(specs);
    let files = graphgen::format::crate_files(
        &generation.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
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

/// Two generated crates (a v1.0 and a beta one, say) in one program: they share the one
/// runtime package (the API version is each crate's own), and each crate's `Client` is its own.
#[test]
fn two_generated_crates_build_in_one_program() {
    let generation = common::generate_dir(&common::specs_dir());
    for name in ["graph-one", "graph-two"] {
        let files = graphgen::format::crate_files(
            &generation.emitted,
            name,
            graphgen::CLI_HEADER,
            graphgen::local_runtime().as_deref(),
        )
        .unwrap();
        common::write_generated_crate(&files, &format!("standalone-check/two-crates/{name}"));
    }
    let program = common::workspace_root().join("target/standalone-check/two-crates/program");
    std::fs::create_dir_all(program.join("src")).unwrap();
    std::fs::write(
        program.join("Cargo.toml"),
        "[package]\nname = \"program\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n\n\
         [dependencies]\ngraph-one = { path = \"../graph-one\" }\ngraph-two = { path = \"../graph-two\" }\n",
    )
    .unwrap();
    std::fs::write(
        program.join("src/main.rs"),
        "fn main() {\n    \
         let one = graph_one::Client::new(\"token\").unwrap();\n    \
         let two = graph_two::Client::new(\"token\").unwrap();\n    \
         let _ = one.device_app_management().enterprise_code_signing_certificates().list();\n    \
         let _ = two.device_app_management().enterprise_code_signing_certificates().list();\n}\n",
    )
    .unwrap();
    std::fs::copy(
        common::workspace_root().join("Cargo.lock"),
        program.join("Cargo.lock"),
    )
    .unwrap();
    common::cargo_in(&program, &["check"]);
    let lock = std::fs::read_to_string(program.join("Cargo.lock")).unwrap();
    assert_eq!(
        lock.matches("name = \"graph-typed-runtime\"").count(),
        1,
        "{lock}"
    );
}
