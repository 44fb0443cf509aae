//! Fixture doc sets written for this project (`tests/fixtures/`): types that hold themselves in
//! every way the pages can say it, and names that are not Rust identifiers. Each generates
//! without a panic, reports what it had to change, and its crate builds and passes its tests.

mod common;

use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::workspace_root()
        .join("generator/tests/fixtures")
        .join(name)
}

/// Builds the crate and runs its tests; returns how many passed.
fn build_and_test(g: &graphgen::Generation, name: &str) -> usize {
    // A crate name of its own: crates built in parallel share one target folder.
    let files = graphgen::format::crate_files(&g.emitted, name, graphgen::CLI_HEADER).unwrap();
    let out = common::write_generated_crate(&files, &format!("standalone-check/{name}"));
    let stdout = common::cargo_in(&out, &["test", "--lib"]);
    let result = common::unit_test_result(&stdout);
    assert!(result.starts_with("test result: ok."), "{stdout}");
    stdout
        .lines()
        .filter(|l| l.starts_with("test example_tests::") && l.ends_with(" ok"))
        .count()
}

fn boxed_fields(g: &graphgen::Generation) -> Vec<String> {
    g.schema
        .types
        .iter()
        .flat_map(|t| {
            t.properties
                .iter()
                .chain(&t.navigation_properties)
                .filter(|p| p.boxed)
                .map(move |p| format!("{}.{}", t.name, p.name))
        })
        .collect()
}

#[test]
fn self_mutual_inherited_and_polymorphic_cycles_compile_and_round_trip() {
    let g = common::generate_dir(&fixture("cycles"));
    // Self (`sourceColumn`), mutual (`drive.owner` / `person.drive`: one box breaks both) and
    // through inheritance (a folder is an item, so it holds its own `parentFolder`). The
    // polymorphic `shape.next` is an `AnyShape`, boxed already; collections need no box.
    assert_eq!(
        boxed_fields(&g),
        [
            "columnDefinition.sourceColumn",
            "drive.owner",
            "item.parentFolder"
        ]
    );
    let cycle: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == "inheritance-cycle")
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        cycle,
        [(
            "resources/alpha.md",
            "inheritance cycle alpha -> beta -> alpha; `alpha` is read as inheriting from nothing"
        )]
    );
    // Relationships are documented as such: `columnDefinition.children`, `drive.owner`,
    // `person.drive`.
    let files = graphgen::format::crate_files(&g.emitted, "x", graphgen::CLI_HEADER).unwrap();
    let relationship =
        "/// A relationship: the service returns it with `$expand` or from its own URL.";
    assert_eq!(files["src/models.rs"].matches(relationship).count(), 3);
    let t = g.totals();
    assert_eq!((t.example_body_tests, t.example_bodies), (4, 4), "{t:?}");
    // Four responses of nested, recursive values, and their four requests.
    assert_eq!(build_and_test(&g, "fixture-cycles"), g.emitted.counts.tests);
    assert!(g.emitted.counts.tests >= 8);
}

#[test]
fn names_that_are_not_identifiers_are_spelled_out_and_reported() {
    let g = common::generate_dir(&fixture("hostile-names"));
    let spelled: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == "name-spelled-out")
        .map(|d| (d.file.as_str(), d.line))
        .collect();
    assert_eq!(
        spelled,
        [
            ("resources/measurement.md", 1),
            ("resources/measurement.md", 12),
            ("resources/measurement.md", 13),
            ("resources/measurement.md", 14),
            ("resources/unitkind.md", 10),
            ("resources/unitkind.md", 11),
            ("resources/user.md", 1),
            ("resources/user.md", 12),
        ]
    );
    let files =
        graphgen::format::crate_files(&g.emitted, "graph-typed", graphgen::CLI_HEADER).unwrap();
    let models = &files["src/models.rs"];
    for field in [
        "pub m_u00b2:",
        "pub u00bd:",
        "pub u0416:",
        "pub type_:",
        "pub self_:",
        "pub async_:",
        "pub display_name:",
        "pub display_name_2:",
        "pub display_name_3:",
    ] {
        assert!(models.contains(field), "no `{field}` in the model");
    }
    for variant in [
        "MU00b2,",
        "U00bd,",
        "SelfValue,",
        "None,",
        "None2,",
        "AB,",
        "AB2,",
        "Value2g,",
    ] {
        assert!(models.contains(variant), "no variant `{variant}`");
    }
    assert!(models.contains("pub struct MU00b2 {"));
    // The example gives every one of these names; each lands in its field (the strict check).
    assert_eq!(g.totals().example_body_tests, 1);
    assert_eq!(build_and_test(&g, "fixture-names"), g.emitted.counts.tests);
}

/// The strict check end to end: a property the page documents but the schema lost (as a
/// relationship table nobody read was lost before) makes the example tests that give it fail.
#[test]
fn a_documented_property_the_schema_lost_fails_the_example_tests() {
    let mut g = common::generate_dir(&common::specs_dir());
    let certificate = g
        .schema
        .types
        .iter_mut()
        .find(|t| t.name == "enterpriseCodeSigningCertificate")
        .unwrap();
    certificate.properties.retain(|p| p.name != "subject");
    assert!(certificate.documented.iter().any(|n| n == "subject"));
    let emitted = graphgen::emit::emit(&g.schema, &graphgen::format::format_item);
    let files =
        graphgen::format::crate_files(&emitted, "fixture-lost", graphgen::CLI_HEADER).unwrap();
    let out = common::write_generated_crate(&files, "standalone-check/fixture-lost");
    let output = common::cargo_output(&out, &["test", "--lib", "example_tests"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success(),
        "the example tests passed:\n{stdout}"
    );
    let failed: Vec<_> = stdout
        .lines()
        .filter(|l| l.starts_with("test example_tests::") && l.ends_with("FAILED"))
        .collect();
    // Every example that gives `subject` (list, get, create request and response, update
    // request and response) fails; delete has no body and passes.
    assert_eq!(failed.len(), 6, "{failed:#?}");
    assert!(
        stdout.contains("documented properties were not read into their fields: `subject` of"),
        "{stdout}"
    );
}
