//! The whole Graph v1.0 reference of July 2021 (`$GRAPH_DOCS_DIR/v1.0-2021`): every page is
//! understood or reported, the generated crate builds without warnings and every test generated
//! from the examples passes. The counts are floors: they may rise, never fall.

mod common;

#[test]
fn whole_v1_reference_generates_builds_and_passes_its_example_tests() {
    let Some(dir) = common::corpus_folder("v1.0-2021") else {
        return;
    };
    let g = common::generate_dir(&dir);
    let t = g.totals();
    eprintln!("{t:?}");
    assert_eq!(t.pages, 3341);
    // 2,102 API pages; 7 of them document a second method (`POST` and `PATCH`) and 2 a `GET` of
    // the resource and of its raw `$value`: a second operation each.
    assert_eq!(t.operations, 2111);
    assert!(t.types >= 990, "{t:?}");
    assert!(t.enums >= 300, "{t:?}");
    assert_eq!(t.errors, 0, "no page is unreadable");
    let body_share = t.example_body_tests as f64 / t.example_bodies as f64;
    let request_share = t.request_example_tests as f64 / t.request_examples as f64;
    // The bar: at least 95 % of both become tests.
    assert!(body_share >= 0.95, "example bodies tested: {body_share:.3}");
    assert!(
        request_share >= 0.95,
        "request examples tested: {request_share:.3}"
    );
    assert!(t.example_body_tests >= 2623, "{t:?}");
    assert!(t.request_example_tests >= 2301, "{t:?}");
    // Every request line is reachable from the client: slips in a template (a call left open,
    // `(team-id)`) are read as meant and reported, never left out.
    let unreachable: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == "unsupported-path-segment")
        .collect();
    assert!(unreachable.is_empty(), "{unreachable:#?}");
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

    let out = common::write_generated_crate(&files, "whole-reference/crate");
    let stdout = common::cargo_in(&out, &["test", "--lib"]);
    let result = common::unit_test_result(&stdout);
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

    // The docs of every item build without a warning: cleaned markdown, intra-doc links.
    common::cargo_in(&out, &["doc", "--no-deps"]);
}

fn runtime_tests(stdout: &str) -> usize {
    stdout
        .lines()
        .filter(|l| l.starts_with("test runtime::"))
        .count()
}
