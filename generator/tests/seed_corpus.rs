//! The real seed family in the shared corpus (`$GRAPH_DOCS_DIR/current/v1.0`), with its two real
//! defects: the get example wraps the entity in `{"value": {...}}`, and the examples call `/beta/`.

mod common;

use graphgen::diagnostics::Code;
use graphgen::ir::OperationKind;

#[test]
fn seed_family_from_the_shared_corpus() {
    let Some(dir) = common::corpus_folder("current/v1.0") else {
        return;
    };
    let g = common::generate_dir(&dir);
    assert_eq!(g.schema.api_version, "v1.0");
    assert_eq!(g.schema.types.len(), 1);
    assert_eq!(g.schema.enums.len(), 1);
    assert_eq!(g.totals().operations, 5, "documented operations");
    let mut kinds: Vec<OperationKind> = g
        .schema
        .operations
        .iter()
        .filter(|o| !o.implied)
        .map(|o| o.kind)
        .collect();
    kinds.sort();
    use OperationKind::*;
    assert_eq!(kinds, vec![List, Get, Create, Update, Delete]);
    // OData implies `$count` on the list.
    let implied: Vec<_> = g.schema.operations.iter().filter(|o| o.implied).collect();
    assert_eq!(implied.len(), 1);
    assert_eq!(
        implied[0].paths[0].template,
        "/deviceAppManagement/enterpriseCodeSigningCertificates/$count"
    );
    let t = &g.schema.types[0];
    assert_eq!(t.name, "enterpriseCodeSigningCertificate");
    assert_eq!(t.properties.len(), 9);
    assert_eq!(g.schema.enums[0].members.len(), 2);

    // Each defect is reported at the line that shows it.
    let line_text = |file: &str, line: usize| {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        text.lines().nth(line - 1).unwrap_or_default().to_owned()
    };
    let beta: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExampleVersionMismatch)
        .collect();
    assert_eq!(
        beta.len(),
        4,
        "get, list, create and delete call /beta/; update calls /v1.0/"
    );
    for d in &beta {
        assert!(
            line_text(&d.file, d.line).contains("graph.microsoft.com/beta/"),
            "{d}"
        );
    }
    let wrapper: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExampleValueWrapper)
        .collect();
    assert_eq!(wrapper.len(), 1);
    assert!(wrapper[0].file.ends_with("-get.md"));
    assert_eq!(line_text(&wrapper[0].file, wrapper[0].line).trim(), "{");
    assert!(line_text(&wrapper[0].file, wrapper[0].line + 1).contains("\"value\""));
    // ... and still tested for what it means.
    assert_eq!(g.emitted.counts.request_examples, 5);
    assert_eq!(g.emitted.counts.request_example_tests, 5);
    assert_eq!(g.emitted.counts.example_bodies, 6);
    assert_eq!(g.emitted.counts.example_body_tests, 6);
}
