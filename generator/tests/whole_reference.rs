//! The whole Graph v1.0 reference of July 2021 (`$GRAPH_DOCS_DIR/v1.0-2021`): every page is
//! understood or reported, the generated crate builds without warnings and every test generated
//! from the examples passes. The counts are floors: they may rise, never fall.

mod common;

use std::process::Command;

#[test]
fn whole_v1_reference_generates_builds_and_passes_its_example_tests() {
    let Some(docs) = common::docs_dir() else {
        eprintln!("GRAPH_DOCS_DIR is not set; the whole-reference test does not run");
        return;
    };
    let dir = docs.join("v1.0-2021");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let g = common::generate_dir(&dir);
    let t = g.totals();
    eprintln!("{t:?}");
    assert_eq!(t.pages, 3341);
    assert_eq!(t.operations, 2102);
    assert!(t.types >= 990, "{t:?}");
    assert!(t.enums >= 300, "{t:?}");
    assert_eq!(t.errors, 0, "no page is unreadable");
    let body_share = t.example_body_tests as f64 / t.example_bodies as f64;
    let request_share = t.request_example_tests as f64 / t.request_examples as f64;
    assert!(body_share >= 0.86, "example bodies tested: {body_share:.3}");
    assert!(
        request_share >= 0.89,
        "request examples tested: {request_share:.3}"
    );
    assert!(t.example_body_tests >= 2380, "{t:?}");
    assert!(t.request_example_tests >= 2150, "{t:?}");
    // Nothing is dropped silently: every page that generated nothing says why.
    for page in g
        .pages
        .iter()
        .filter(|p| p.status == graphgen::report::PageStatus::Skipped)
    {
        assert!(
            g.diagnostics.iter().any(|d| d.file == page.file),
            "{} was skipped without a diagnostic",
            page.file
        );
    }

    // Same input, byte-identical output.
    let files =
        graphgen::format::crate_files(&g.emitted, "graph-v1", graphgen::CLI_HEADER).unwrap();
    let again = common::generate_dir(&dir);
    let files_again =
        graphgen::format::crate_files(&again.emitted, "graph-v1", graphgen::CLI_HEADER).unwrap();
    assert!(files == files_again, "two runs differ");

    let root = common::workspace_root();
    let out = root.join("target/whole-reference/crate");
    graphgen::write::write_files(&out, &files).unwrap();
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--offline", "--lib"])
        .current_dir(&out)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/standalone-check/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stderr.contains("warning:"), "{stderr}");
    let result = stdout
        .lines()
        .find(|l| l.starts_with("test result:"))
        .unwrap_or_default();
    let passed: usize = result
        .split_whitespace()
        .skip_while(|w| *w != "ok.")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        result.starts_with("test result: ok.") && passed >= 4000,
        "{result}"
    );
    assert_eq!(
        passed,
        g.emitted.counts.tests + runtime_tests(&stdout),
        "{result}"
    );
}

fn runtime_tests(stdout: &str) -> usize {
    stdout
        .lines()
        .filter(|l| l.starts_with("test runtime::"))
        .count()
}
