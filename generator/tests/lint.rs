//! The checks for doc writers, and the SARIF they are reported in.

mod common;

use graphgen::diagnostics::{Code, Diagnostic};

const RESOURCE: &str = "# gadget resource type

A gadget. See [the other](../resources/Widget.md) and [a ghost](../resources/ghost.md).

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Identifier.|
|mode|gadgetMode|How it runs. Possible values are: `fast`, `slow`, `sideways`.|

## JSON representation
<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadget\" } -->
```json
{ \"id\": \"String\", \"mode\": \"String\", \"colour\": \"String\" }
```

### gadgetMode values

|Member|
|:---|
|fast|
|slow|
";

fn run() -> graphgen::Generation {
    let pages = vec![
        common::page("resources/gadget.md", RESOURCE),
        common::page("resources/widget.md", "# widget resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n"),
    ];
    graphgen::generate(&pages, "v1.0", Vec::new())
}

fn find(g: &graphgen::Generation, code: Code) -> &Diagnostic {
    g.diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no `{code}`: {:#?}", g.diagnostics))
}

#[test]
fn links_tables_and_prose_are_checked() {
    let g = run();
    let ghost = find(&g, Code::MissingLinkTarget);
    assert_eq!(
        (ghost.file.as_str(), ghost.line),
        ("resources/gadget.md", 3)
    );
    assert!(ghost.message.contains("resources/ghost.md"));
    let case = find(&g, Code::LinkCaseMismatch);
    assert!(
        case.message.contains("resources/Widget.md")
            && case.message.contains("resources/widget.md")
    );
    let json = find(&g, Code::JsonPropertyUndocumented);
    assert!(json.message.contains("`colour`"), "{}", json.message);
    assert_eq!(json.line, 14);
    let prose = find(&g, Code::ProseEnumValueUnknown);
    assert!(prose.message.contains("`sideways`"), "{}", prose.message);
    assert_eq!(prose.line, 9);
    assert!(!g.diagnostics.iter().any(|d| d.message.contains("`fast`")));
}

#[test]
fn sarif_has_one_result_per_finding_with_its_place() {
    let g = run();
    let sarif = graphgen::report::sarif(&g.diagnostics, "docs/v1.0");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), g.diagnostics.len());
    for (result, d) in results.iter().zip(&g.diagnostics) {
        assert_eq!(result["ruleId"], d.code.as_str());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            format!("docs/v1.0/{}", d.file)
        );
        assert_eq!(location["region"]["startLine"], d.line.max(1));
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
    }
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let rule = rules
        .iter()
        .find(|r| r["id"] == "missing-link-target")
        .expect("a rule for each code found");
    let code = Code::MissingLinkTarget;
    assert_eq!(rule["shortDescription"]["text"], code.summary());
    assert_eq!(rule["help"]["text"], code.help());
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    // One rule per code that was found, and every result's rule is listed.
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    for d in &g.diagnostics {
        assert!(ids.contains(&d.code.as_str()));
    }
}

/// An example property the pages do not document for its type is named with its line; it is
/// still tested (the SDK keeps it in `additional_properties`), and OData control information
/// (`@odata.etag`) is not a property.
#[test]
fn example_properties_the_pages_do_not_document_are_reported_by_line() {
    let mut pages = graphgen::load::load_pages(&common::specs_dir()).unwrap().0;
    let get = pages
        .iter_mut()
        .find(|p| p.name.ends_with("certificate-get.md"))
        .unwrap();
    get.text = get.text.replacen(
        "    \"issuer\": \"Issuer value\",",
        "    \"issuer\": \"Issuer value\",\n    \"thumbprint\": \"AB12\",\n    \"@odata.etag\": \"W/1\",",
        1,
    );
    let before = graphgen::generate(
        &graphgen::load::load_pages(&common::specs_dir()).unwrap().0,
        "v1.0",
        Vec::new(),
    );
    let g = graphgen::generate(&pages, "v1.0", Vec::new());
    let found: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExamplePropertyUndocumented)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].file,
        "api/intune-apps-enterprisecodesigningcertificate-get.md"
    );
    assert_eq!(found[0].line, 76, "the line of `thumbprint`");
    assert!(
        found[0].message.contains("`thumbprint`")
            && found[0]
                .message
                .contains("`enterpriseCodeSigningCertificate`"),
        "{}",
        found[0].message
    );
    assert_eq!(
        g.totals().example_body_tests,
        before.totals().example_body_tests
    );
}
