//! The whole Graph v1.0 reference of July 2021 (`$GRAPH_DOCS_DIR/v1.0-2021`): every page is
//! understood or reported, the generated crate builds without warnings and every test generated
//! from the examples passes. The counts are floors: they may rise, never fall.

mod common;

use graphgen::diagnostics::Code;

#[test]
fn whole_v1_reference_generates_builds_and_passes_its_example_tests() {
    let Some(dir) = common::corpus_folder("v1.0-2021") else {
        return;
    };
    let g = common::generate_dir(&dir);
    let t = g.totals();
    eprintln!("{t:?}");
    assert_eq!(t.pages, 3341);
    // 2,102 API pages; 7 of them document a second method (`POST` and `PATCH`) and 3 a `GET` of
    // the resource and of its raw `$value`: a second operation each. One page (upload sessions
    // of drive items) also shows a type it defines and is read for both.
    assert_eq!(t.operations, 2113);
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
    // Relationships typed since issue 9 expose 7 example bodies (3 requests) that contradict
    // their pages (`presence.availability` documented as a collection, `hostedContents` as one
    // object, a truncated base64 `contentBytes`); each is reported at its line.
    assert!(t.example_body_tests >= 2616, "{t:?}");
    assert!(t.request_example_tests >= 2298, "{t:?}");
    // Every row of every Relationships table is a navigation property (or reported).
    let navigation: usize = g
        .schema
        .types
        .iter()
        .map(|t| t.navigation_properties.len())
        .sum();
    assert!(navigation >= 790, "{navigation} navigation properties");
    let fields: usize = g
        .schema
        .types
        .iter()
        .map(|t| {
            let mut names: Vec<_> = g
                .schema
                .all_properties(t)
                .into_iter()
                .map(|p| &p.name)
                .collect();
            names.sort();
            names.dedup();
            names.len()
        })
        .sum();
    assert!(
        fields >= 7400,
        "{fields} model fields (6,619 before relationships)"
    );
    // Every request line is reachable from the client: slips in a template (a call left open,
    // `(team-id)`) are read as meant and reported, never left out.
    let unreachable: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnsupportedPathSegment)
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

    url_surface(&g);

    // Same input, byte-identical output.
    let files = graphgen::format::crate_files(
        &g.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let again = common::generate_dir(&dir);
    let files_again = graphgen::format::crate_files(
        &again.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    assert!(files == files_again, "two runs differ");
    // Files a person and an editor can open, area `cfg`s included.
    let oversized: Vec<(&String, usize)> = files
        .iter()
        .map(|(path, text)| (path, text.len()))
        .filter(|(_, len)| *len > 2_000_000)
        .collect();
    assert!(oversized.is_empty(), "files over 2 MB: {oversized:?}");

    let out = common::write_generated_crate(&files, "whole-reference/crate");
    // The calls people make most, with the names and types a user writes down.
    let program = common::workspace_root().join("generator/tests/programs/most_used_calls.rs");
    std::fs::create_dir_all(out.join("examples")).unwrap();
    std::fs::copy(&program, out.join("examples/most_used_calls.rs")).unwrap();
    let ran = common::cargo_in(&out, &["run", "--example", "most_used_calls"]);
    assert!(ran.contains("42 calls checked"), "{ran}");

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
    // Only the generated tests: the runtime is a crate of its own, tested in this workspace.
    assert_eq!(passed, g.emitted.counts.tests, "{result}");

    // The docs of every item build without a warning: cleaned markdown, intra-doc links.
    common::cargo_in(&out, &["doc", "--no-deps"]);

    areas(&g, &files, &out);
}

/// Every area's feature builds on its own (with its example tests, without a warning), and the
/// crate with every area is the crate without area features, `cfg` attributes aside.
fn areas(
    g: &graphgen::Generation,
    files: &std::collections::BTreeMap<String, String>,
    out: &std::path::Path,
) {
    let plain = graphgen::emit::emit(
        &g.schema,
        &graphgen::format::format_item,
        graphgen::emit::Options {
            area_features: false,
        },
    );
    let plain = graphgen::format::crate_files(
        &plain,
        "graph-typed",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        plain.keys().collect::<Vec<_>>()
    );
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
        // The runtime is hand-written, the same in both, with `cfg`s of its own.
        let stripped = if path.starts_with("runtime/") || path == "src/client.rs" {
            text.clone()
        } else {
            graphgen::emit::layout::without_area_cfgs(text)
        };
        let first_difference = stripped
            .lines()
            .zip(plain[path].lines())
            .enumerate()
            .find(|(_, (a, b))| a != b);
        assert!(
            stripped == plain[path],
            "{path} differs from the crate without features beyond its `cfg`s: {first_difference:?}"
        );
    }
    let features = &g.emitted.features;
    assert!(features.len() >= 50, "{features:?}");
    assert!(features.contains(&"device_app_management".to_owned()));
    for feature in features {
        common::cargo_in(
            out,
            &[
                "check",
                "--tests",
                "--no-default-features",
                "--features",
                feature,
            ],
        );
    }
}

/// The client's URL surface: `get()` and `list()` answer the type of their path, competing pages
/// are decided and reported, and request examples find their documented operation.
fn url_surface(g: &graphgen::Generation) {
    use graphgen::ir::{ChoiceRule, OperationKind, Resolved, Role};
    let (schema, diagnostics) = (&g.schema, &g.diagnostics);
    let reported = |code: Code, at: &graphgen::diagnostics::Source| {
        diagnostics
            .iter()
            .any(|d| d.code == code && d.file == at.file && d.line == at.line)
    };
    let (mut checked, mut exact, mut differ) = (0, 0, 0);
    for node in &schema.api.nodes {
        let Some(addressed) = node.addresses.as_ref().filter(|a| a.from_schema()) else {
            continue;
        };
        for n in node.operations.iter().filter(|n| n.role == Role::Canonical) {
            let op = &schema.operations[n.operation];
            if op.method != graphgen::ir::HttpMethod::Get
                || !matches!(op.kind, OperationKind::Get | OperationKind::List)
            {
                continue;
            }
            checked += 1;
            let answer = op.response.body.as_ref();
            let same = answer.is_some_and(|a| {
                a.collection == addressed.collection
                    && matches!(&a.resolved, Some(Resolved::Type(t)) if t.eq_ignore_ascii_case(&addressed.ty))
            });
            // The method's name says what it does.
            assert_eq!(
                op.kind == OperationKind::List,
                answer.is_some_and(|a| a.collection),
                "{}: {}",
                node.path,
                op.title
            );
            if same {
                exact += 1;
            } else {
                differ += 1;
                assert!(
                    reported(Code::AnswerNotPathType, &op.response.source),
                    "`GET {}` answers {answer:?}, not its `{}`, without a word",
                    node.path,
                    addressed.ty
                );
            }
        }
    }
    let mut rules = std::collections::BTreeMap::<ChoiceRule, usize>::new();
    for choice in &schema.api.choices {
        *rules.entry(choice.rule).or_default() += 1;
        for &other in &choice.others {
            let o = &schema.operations[other];
            assert!(
                o.implied || reported(Code::OperationChosen, &o.source),
                "{}",
                o.title
            );
        }
    }
    let unmatched: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.message.contains("matches no documented"))
        .collect();
    eprintln!(
        "get()/list() of {checked} typed paths: {exact} answer the path's type, {differ} reported; \
         choices {rules:?}; {} request examples match no documented path",
        unmatched.len()
    );
    assert!(checked >= 600 && exact >= 585, "{checked} {exact}");
    assert!(
        rules.get(&ChoiceRule::PathType).is_some_and(|&n| n >= 100),
        "{rules:?}"
    );
    assert!(unmatched.len() < 10, "{unmatched:#?}");
}

/// Every row of a Properties or Relationships table of a resource page is a property of the
/// schema, or a diagnostic names its line (or its table's line) and says why not.
#[test]
fn every_property_and_relationship_row_is_in_the_schema_or_reported() {
    let Some(dir) = common::corpus_folder("v1.0-2021") else {
        return;
    };
    let g = common::generate_dir(&dir);
    let mut at: std::collections::BTreeSet<(String, usize)> = g
        .diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.line))
        .collect();
    for t in &g.schema.types {
        for p in t.properties.iter().chain(&t.navigation_properties) {
            at.insert((p.source.file.clone(), p.source.line));
        }
    }
    let by_name: std::collections::BTreeMap<String, &graphgen::ir::TypeDef> = g
        .schema
        .types
        .iter()
        .map(|t| (t.name.to_ascii_lowercase(), t))
        .collect();
    let (files, _) = graphgen::load::load_pages(&dir).unwrap();
    let (mut rows, mut lost) = (0, Vec::new());
    for file in &files {
        let (page, _) = graphgen::parse::parse_page(&file.name, &file.text);
        if graphgen::extract::classify(&page) != graphgen::extract::PageKind::Resource {
            continue;
        }
        // The type the page defines, as merged with the other pages that define it.
        let defined = graphgen::understand_page(file)
            .0
            .into_iter()
            .find_map(|f| match f {
                graphgen::ir::Fragment::Type(t) => {
                    by_name.get(&t.name.to_ascii_lowercase()).copied()
                }
                _ => None,
            });
        for section in &page.sections {
            let heading = section.heading.to_ascii_lowercase();
            if !heading.starts_with("properties") && !heading.starts_with("relationships") {
                continue;
            }
            for table in section.tables() {
                for row in &table.rows {
                    rows += 1;
                    let name = graphgen::parse::inline::plain_text(&row.cells[0]);
                    let name = name.trim_matches(['`', '*', ' ']);
                    // The same property listed on several pages of one type is kept once.
                    let merged = defined.is_some_and(|t| {
                        t.properties
                            .iter()
                            .chain(&t.navigation_properties)
                            .any(|p| p.name.eq_ignore_ascii_case(name))
                    });
                    let covered = at.contains(&(file.name.clone(), row.line))
                        || at.contains(&(file.name.clone(), table.line))
                        || merged
                        || name.eq_ignore_ascii_case("@odata.type");
                    if !covered {
                        lost.push(format!("{}:{} `{name}`", file.name, row.line));
                    }
                }
            }
        }
    }
    assert!(rows > 7000, "{rows} rows");
    assert!(lost.is_empty(), "{} rows vanished: {lost:#?}", lost.len());
}

/// `--include-path '/deviceAppManagement/**'` on the whole reference: the area's operations and
/// the types they reach, in a crate that builds without warnings and passes its example tests.
#[test]
fn a_selected_area_of_the_whole_reference_builds_and_passes_its_tests() {
    let Some(dir) = common::corpus_folder("v1.0-2021") else {
        return;
    };
    let g = common::generate_selected(&dir, &["/deviceAppManagement/**"], &[]).unwrap();
    let s = g.selected.clone().unwrap();
    eprintln!("{s:?}");
    assert_eq!(s.operations, (261, 2113));
    assert!(s.types.0 <= 120 && s.types.0 >= 100, "{s:?}");
    assert!(g
        .schema
        .operations
        .iter()
        .flat_map(|o| &o.paths)
        .all(|p| p.template.starts_with("/deviceAppManagement")));
    let files = graphgen::format::crate_files(
        &g.emitted,
        "device-app-management",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let out = common::write_generated_crate(&files, "standalone-check/device-app-management");
    let stdout = common::cargo_in(&out, &["test", "--lib"]);
    let result = common::unit_test_result(&stdout);
    assert!(result.starts_with("test result: ok."), "{stdout}");
    assert!(!result.contains(" 0 passed"), "{stdout}");
}

/// One verb per kind of call: an operation whose path ends in a segment that is an action
/// anywhere (`move`, `createReply`, `add`) is that action, sent with `post`, never `create`,
/// whatever its page answers (`move` answers `201 Created`) or calls it ("Add Named Item").
#[test]
fn an_action_segment_is_always_sent_with_its_verb() {
    use graphgen::ir::{HttpMethod, OperationKind, Segment};
    let Some(dir) = common::corpus_folder("v1.0-2021") else {
        return;
    };
    let g = common::generate_dir(&dir);
    let ops = &g.schema.operations;
    let last = |op: &graphgen::ir::Operation| match op.paths.first()?.segments.last()? {
        Segment::Static(s) if s != "$ref" => Some(s.to_ascii_lowercase()),
        _ => None,
    };
    let actions: std::collections::BTreeSet<String> = ops
        .iter()
        .filter(|op| op.method == HttpMethod::Post && op.kind == OperationKind::Action)
        .filter_map(last)
        .collect();
    for segment in [
        "move",
        "copy",
        "createreply",
        "forward",
        "createuploadsession",
        "add",
    ] {
        assert!(actions.contains(segment), "{segment}");
    }
    let creates: Vec<String> = ops
        .iter()
        .filter(|op| op.kind == OperationKind::Create)
        .filter(|op| last(op).is_some_and(|s| actions.contains(&s)))
        .map(|op| format!("{} ({})", op.title, op.source))
        .collect();
    assert!(creates.is_empty(), "{creates:#?}");
}

/// `generate --metadata --metadata-fill` on the whole reference with its June 2022 metadata:
/// what the metadata settles and adds still builds without a warning and passes every example
/// test, and `me().joined_teams().list()` answers teams.
#[test]
fn the_whole_reference_settled_and_filled_from_its_metadata_builds_and_passes_its_tests() {
    let (Some(dir), Some(meta)) = (common::corpus_folder("v1.0-2021"), common::metadata_dir())
    else {
        return;
    };
    let text = std::fs::read_to_string(meta.join("v1.0-2022-06-13.csdl")).unwrap();
    let (metadata, unreadable) = graphgen::metadata::read("v1.0-2022-06-13.csdl", &text);
    assert!(unreadable.is_empty());
    let (files, load) = graphgen::load::load_pages(&dir).unwrap();
    let settings = graphgen::Settings {
        metadata: Some(std::sync::Arc::new(metadata)),
        metadata_fill: true,
        ..Default::default()
    };
    let g = graphgen::generate_selected(&files, "v1.0", load, &settings, &|| {}).unwrap();
    let t = g.totals();
    eprintln!("{t:?}");
    assert!(t.metadata_filled >= 200 && t.metadata_decided >= 5, "{t:?}");
    assert_eq!(t.errors, 0);
    let files = graphgen::format::crate_files(
        &g.emitted,
        "graph-typed-filled",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let api = common::module_text(&files, "api");
    let endpoint = api
        .split("impl crate::runtime::Endpoint for ListJoinedTeamsEndpoint {")
        .nth(1)
        .expect("the joined teams are listed");
    assert!(
        endpoint
            .trim_start()
            .starts_with("type Output = crate::runtime::Page<crate::models::Team>;"),
        "the joined teams answer teams: {}",
        &endpoint[..200.min(endpoint.len())]
    );
    let out = common::write_generated_crate(&files, "whole-reference/filled");
    let stdout = common::cargo_in(&out, &["test", "--lib"]);
    let result = common::unit_test_result(&stdout);
    assert!(result.starts_with("test result: ok."), "{result}");
    assert!(
        result.contains(&format!("{} passed", g.emitted.counts.tests)),
        "{result}"
    );
}
