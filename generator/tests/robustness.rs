//! Bad input never panics and never vanishes silently: each defect yields a diagnostic with file
//! and line, and the other pages still generate.

mod common;

use graphgen::diagnostics::{Code, Diagnostic, Severity};
use graphgen::load::SourceFile;

fn seed_pages() -> Vec<SourceFile> {
    let pages = common::seed_family();
    assert_eq!(
        pages.len(),
        8,
        "the seed family has seven pages, and the entity base type"
    );
    pages
}

fn run(mut pages: Vec<SourceFile>) -> graphgen::Generation {
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    let generation = graphgen::generate(&pages, "v1.0", Vec::new());
    // Whatever came in, the output must still be valid Rust, in both layouts.
    graphgen::format::crate_files(
        &generation.emitted,
        "robust",
        "// test",
        graphgen::local_runtime().as_deref(),
    )
    .expect("generated code parses");
    let for_build = common::generate_for_build_script(&pages);
    graphgen::format::out_dir_files(&for_build.emitted, "// test").expect("generated code parses");
    generation
}

fn find<'a>(generation: &'a graphgen::Generation, file: &str, code: Code) -> &'a Diagnostic {
    generation
        .diagnostics
        .iter()
        .find(|d| d.file == file && d.code == code)
        .unwrap_or_else(|| {
            panic!(
                "no `{code}` diagnostic for {file}; got {:#?}",
                generation.diagnostics
            )
        })
}

const BROKEN: &str = "---
title: \"widget resource type\"
---

# widget resource type

A widget.

## Properties
|Property|Type|Description|
|:---|:---|:---|
|name|String|The name.|
||String|A row without a name.|
|size||A row without a type.|
|shape|gizmoShape|A type no page defines.|
|a | b | c | d|String|Too many cells.|

## JSON representation
<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\" } -->
```json
{ \"name\": \"String\" }
```
";

#[test]
fn broken_table_and_unknown_type_are_reported_by_line() {
    let mut pages = seed_pages();
    pages.push(common::page("resources/widget.md", BROKEN));
    let g = run(pages);
    assert_eq!(
        find(&g, "resources/widget.md", Code::EmptyPropertyName).line,
        13
    );
    assert_eq!(find(&g, "resources/widget.md", Code::MissingType).line, 14);
    let unknown = find(&g, "resources/widget.md", Code::UnknownType);
    assert_eq!(unknown.line, 15);
    assert!(
        unknown.message.contains("gizmoShape"),
        "{}",
        unknown.message
    );
    assert_eq!(
        find(&g, "resources/widget.md", Code::RaggedTableRow).line,
        16
    );
    // The widget still exists with the property that was fine; the seed family is untouched.
    let widget = g
        .schema
        .types
        .iter()
        .find(|t| t.name == "widget")
        .expect("widget generated");
    assert!(widget.properties.iter().any(|p| p.name == "name"));
    // A type no page defines is kept, as untyped JSON, with the warning above: the page says
    // the property exists, so an example's `shape` lands in a field, not in the catch-all.
    let shape = widget
        .properties
        .iter()
        .find(|p| p.name == "shape")
        .unwrap();
    assert_eq!(
        shape.ty.resolved,
        Some(graphgen::ir::Resolved::Primitive(
            graphgen::ir::Primitive::Json
        ))
    );
    assert_eq!(g.totals().operations, 5, "documented operations");
    assert!(g
        .schema
        .types
        .iter()
        .any(|t| t.name == "enterpriseCodeSigningCertificate"));
}

#[test]
fn invalid_example_json_is_reported_and_not_tested() {
    let page = std::fs::read_to_string(
        common::specs_dir().join("api/intune-apps-enterprisecodesigningcertificate-create.md"),
    )
    .unwrap();
    let broken = page.replacen(
        "\"status\": \"provisioned\",",
        "\"status\": provisioned oops,",
        1,
    );
    let mut pages: Vec<SourceFile> = seed_pages()
        .into_iter()
        .filter(|p| !p.name.ends_with("-create.md"))
        .collect();
    pages.push(common::page(
        "api/intune-apps-enterprisecodesigningcertificate-create.md",
        &broken,
    ));
    let g = run(pages);
    let line_of_defect = broken
        .lines()
        .position(|l| l.contains("provisioned oops"))
        .unwrap()
        + 1;
    let d = find(
        &g,
        "api/intune-apps-enterprisecodesigningcertificate-create.md",
        Code::ExampleNotStrictJson,
    );
    assert_eq!(d.line, line_of_defect);
    assert!(
        d.message.contains("not readable even leniently"),
        "{}",
        d.message
    );
    find(
        &g,
        "api/intune-apps-enterprisecodesigningcertificate-create.md",
        Code::ExampleNotTested,
    );
    // The request example is gone, the response example of the same page is still tested.
    assert_eq!(g.emitted.counts.request_examples, 5);
    assert_eq!(g.emitted.counts.request_example_tests, 4);
    assert_eq!(g.totals().operations, 5, "documented operations");
}

#[test]
fn page_without_http_block_empty_file_and_garbage() {
    let mut pages = seed_pages();
    pages.push(common::page(
        "api/widget-get.md",
        "# Get widget\n\nReads a widget.\n\n## Permissions\nNone.\n\n## Response\nReturns `200 OK`.\n\n## Example\nNothing here.\n",
    ));
    pages.push(common::page("api/empty.md", ""));
    let g = run(pages);
    assert_eq!(find(&g, "api/widget-get.md", Code::NoHttpRequest).line, 1);
    assert_eq!(
        find(&g, "api/empty.md", Code::PageNotSchema).severity,
        Severity::Note
    );
    assert_eq!(g.totals().operations, 5, "documented operations");
    let statuses: Vec<_> = g
        .pages
        .iter()
        .filter(|p| p.file.starts_with("api/e") || p.file.starts_with("api/w"))
        .collect();
    assert!(statuses
        .iter()
        .all(|p| p.status == graphgen::report::PageStatus::Skipped));
}

#[test]
fn binary_files_are_skipped_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("graphgen-garbage-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("api")).unwrap();
    std::fs::write(
        dir.join("api/garbage.md"),
        [0u8, 159, 146, 150, 0xff, 0xfe, 7],
    )
    .unwrap();
    std::fs::write(dir.join("api/latin1.md"), b"# Caf\xe9\n").unwrap();
    let g = common::generate_dir(&dir);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        find(&g, "api/garbage.md", Code::NotText).severity,
        Severity::Error
    );
    assert!(find(&g, "api/latin1.md", Code::NotText)
        .message
        .contains("not UTF-8"));
    assert_eq!(g.pages.len(), 2);
}

/// Every prefix of every seed page (as if a download was cut short) goes through the whole
/// pipeline without a panic and yields valid Rust.
#[test]
fn truncated_pages_never_panic() {
    for page in seed_pages() {
        let cuts: Vec<usize> = (0..page.text.len())
            .step_by(7)
            .filter(|&i| page.text.is_char_boundary(i))
            .collect();
        for cut in cuts {
            let truncated = common::page(&page.name, &page.text[..cut]);
            run(vec![truncated]);
        }
    }
}

/// A deterministic corpus of mutated pages: lines dropped, doubled, swapped and cut; bytes of
/// markup inserted. Same guarantee as above.
#[test]
fn mutated_pages_never_panic() {
    let noise = [
        "|",
        "```",
        "<!--",
        "-->",
        "{",
        "}",
        "# ",
        "## HTTP request",
        "(",
        "'",
        "\u{feff}",
        "é",
        "\\",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pages = seed_pages();
    for round in 0..400 {
        let page = &pages[round % pages.len()];
        let mut lines: Vec<String> = page.text.lines().map(str::to_owned).collect();
        for _ in 0..(1 + next() % 6) {
            if lines.is_empty() {
                break;
            }
            let i = (next() as usize) % lines.len();
            match next() % 5 {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let copy = lines[i].clone();
                    lines.insert(i, copy);
                }
                2 => {
                    let j = (next() as usize) % lines.len();
                    lines.swap(i, j);
                }
                3 => {
                    let line = &lines[i];
                    let cut = (0..=line.len())
                        .filter(|&c| line.is_char_boundary(c))
                        .nth((next() as usize) % (line.chars().count() + 1))
                        .unwrap_or(0);
                    lines[i] = line[..cut].to_owned();
                }
                _ => {
                    let token = noise[(next() as usize) % noise.len()];
                    lines[i].insert_str(0, token);
                }
            }
        }
        let mut all = pages.clone();
        all.retain(|p| p.name != page.name);
        all.push(common::page(&page.name, &lines.join("\n")));
        run(all);
    }
}

const RELATED: &str = "# gadget resource type

A gadget that holds gadgets, and a gadget inheriting from itself.

Inherits from [gadget](gadget.md).

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Id.|
|twin|[gadget](gadget.md)|Itself, by value.|

## Relationships
|Relationship|Type|Description|
|:---|:---|:---|
|parts|[gadget](gadget.md) collection|Parts.|
|owner|[gizmo](gizmo.md)|A type no page defines.|
||gadget|No name.|
|twin|gadget|Listed again.|

| Legend | Meaning |
|:--|:--|
| a | b |

## JSON representation
<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadget\", \"keyProperty\": \"id\" } -->
```json
{}
```
";

#[test]
fn relationship_tables_cycles_and_includes_are_read_or_reported() {
    let mut pages = seed_pages();
    pages.push(common::page("resources/gadget.md", RELATED));
    // Includes: missing, empty, recursive (an include that includes itself).
    let api = std::fs::read_to_string(
        common::specs_dir().join("api/intune-apps-enterprisecodesigningcertificate-get.md"),
    )
    .unwrap()
    .replace(
        "## Permissions",
        "## Permissions\n[!INCLUDE [permissions-table](../includes/permissions/gone-permissions.md)]\n[!INCLUDE [empty](../includes/permissions/empty.md)]\n[!INCLUDE [loop](../includes/permissions/loop.md)]",
    );
    pages.retain(|p| !p.name.ends_with("certificate-get.md"));
    pages.push(common::page(
        "api/intune-apps-enterprisecodesigningcertificate-get.md",
        &api,
    ));
    for (name, text) in [
        ("includes/permissions/empty.md", ""),
        (
            "includes/permissions/loop.md",
            "[!INCLUDE [again](loop.md)]\n",
        ),
    ] {
        pages.push(graphgen::load::SourceFile {
            name: name.into(),
            text: text.into(),
            role: graphgen::load::FileRole::Include,
        });
    }
    let g = run(pages);
    let gadget = g.schema.types.iter().find(|t| t.name == "gadget").unwrap();
    let navigation: Vec<_> = gadget
        .navigation_properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(navigation, ["parts", "owner", "twin"]);
    assert!(gadget.base_type.is_none(), "a type inheriting itself");
    assert!(gadget.properties[1].boxed, "`twin` holds a gadget by value");
    let file = "resources/gadget.md";
    assert_eq!(find(&g, file, Code::InheritanceCycle).line, 1);
    assert_eq!(find(&g, file, Code::UnknownType).line, 17);
    assert_eq!(find(&g, file, Code::EmptyPropertyName).line, 18);
    assert_eq!(find(&g, file, Code::TableNotRead).line, 21);
    let api = "api/intune-apps-enterprisecodesigningcertificate-get.md";
    assert_eq!(find(&g, api, Code::MissingInclude).line, 15);
    assert_eq!(find(&g, api, Code::RecursiveInclude).line, 17);
    assert!(g.pages.iter().all(|p| !p.file.starts_with("includes/")));
    // The page's own permissions table still follows the includes.
    let get = g
        .schema
        .operations
        .iter()
        .find(|o| o.source.file == api)
        .unwrap();
    assert!(!get.permissions.is_empty());
}

/// Every feature a `cfg` names is one the manifest declares: a doc set of resource pages only
/// (no operations, so no areas) gates nothing behind a `full` feature it does not have.
#[test]
fn a_doc_set_without_operations_gates_nothing_behind_undeclared_features() {
    let pages = vec![common::page(
        "resources/widget.md",
        "# widget resource type\n\nA widget.\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|name|String|Its name.|\n",
    )];
    let g = graphgen::generate(&pages, "v1.0", Vec::new());
    assert!(g.emitted.features.is_empty());
    let files = graphgen::format::crate_files(&g.emitted, "robust", "// test", None).unwrap();
    let text: String = files.values().cloned().collect();
    assert!(text.contains("pub struct Widget"));
    assert!(
        !text.contains("feature = \"full\""),
        "a feature the manifest lacks"
    );
}
