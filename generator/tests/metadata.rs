//! The service metadata as a second witness (`check --metadata`, `generate --metadata`): a
//! fixture of our own pages with its own small CSDL gives a finding of every code at a known
//! line, the tie-breaking and the fill; the shared corpus is checked against its dated metadata.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use graphgen::diagnostics::{Code, Diagnostic};
use graphgen::metadata::Metadata;

fn fixture() -> PathBuf {
    common::workspace_root().join("generator/tests/fixtures/metadata-witness")
}

fn read_metadata(path: &std::path::Path) -> (Metadata, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).unwrap();
    graphgen::metadata::read("metadata.csdl", &text)
}

fn check_fixture() -> Vec<Diagnostic> {
    let (metadata, more) = read_metadata(&fixture().join("metadata.csdl"));
    assert!(more.is_empty(), "{more:?}");
    let (files, load) = graphgen::load::load_pages(&fixture()).unwrap();
    graphgen::check_pages(&files, "v1.0", load, Some(&metadata)).diagnostics
}

/// Every file of the generated crate, concatenated.
fn crate_text(g: &graphgen::Generation) -> String {
    let files =
        graphgen::format::crate_files(&g.emitted, "witness", graphgen::CLI_HEADER, None).unwrap();
    files.values().cloned().collect()
}

fn generate_fixture(fill: bool) -> graphgen::Generation {
    let (metadata, _) = read_metadata(&fixture().join("metadata.csdl"));
    let settings = graphgen::Settings {
        metadata: Some(Arc::new(metadata)),
        metadata_fill: fill,
        ..Default::default()
    };
    let (files, load) = graphgen::load::load_pages(&fixture()).unwrap();
    graphgen::generate_selected(&files, "v1.0", load, &settings, &|| {}).unwrap()
}

/// (code, page file, page line, metadata line) of every metadata finding.
fn sites(diagnostics: &[Diagnostic]) -> Vec<(Code, String, usize, usize)> {
    diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("metadata-"))
        .map(|d| {
            let line = d.metadata.as_ref().map_or(0, |m| m.line);
            (d.code, d.file.clone(), d.line, line)
        })
        .collect()
}

#[test]
fn every_kind_of_disagreement_has_its_code_at_both_sides_lines() {
    let found = sites(&check_fixture());
    let expected: &[(Code, &str, usize, usize)] = &[
        (Code::MetadataTypeMissing, "resources/widget.md", 17, 49),
        (Code::MetadataTypeMissing, "resources/widget.md", 1, 43),
        (Code::MetadataEnumMissing, "resources/gadget.md", 11, 15),
        (Code::MetadataTypesUnreferenced, "metadata.csdl", 1, 0),
        (Code::MetadataTypeUnknown, "resources/sprocket.md", 1, 0),
        (Code::MetadataEnumUnknown, "resources/oldkind.md", 1, 0),
        (Code::MetadataPropertyMissing, "resources/widget.md", 1, 32),
        (Code::MetadataPropertyUnknown, "resources/widget.md", 15, 24),
        (
            Code::MetadataRelationshipMissing,
            "resources/widget.md",
            1,
            35,
        ),
        (
            Code::MetadataRelationshipMissing,
            "resources/widget.md",
            1,
            36,
        ),
        (
            Code::MetadataRelationshipUnknown,
            "resources/widget.md",
            25,
            24,
        ),
        (
            Code::MetadataPlacementDiffers,
            "resources/widget.md",
            18,
            34,
        ),
        (
            Code::MetadataMemberMissing,
            "resources/widgetstatus.md",
            1,
            8,
        ),
        (
            Code::MetadataMemberUnknown,
            "resources/widgetstatus.md",
            12,
            5,
        ),
        (
            Code::MetadataSentinelMissing,
            "resources/widgetstatus.md",
            1,
            9,
        ),
        (Code::MetadataTypeDiffers, "resources/widget.md", 12, 26),
        (Code::MetadataTypeDiffers, "resources/widget.md", 19, 31),
        (Code::MetadataTypeDiffers, "resources/widget.md", 26, 37),
        (
            Code::MetadataCollectionDiffers,
            "resources/widget.md",
            13,
            27,
        ),
        (
            Code::MetadataNullabilityDiffers,
            "resources/widget.md",
            14,
            28,
        ),
        (Code::MetadataBaseDiffers, "resources/gadget.md", 1, 39),
        (Code::MetadataPathUnknown, "api/widget-list-gears.md", 8, 60),
        (
            Code::MetadataAnswerDiffers,
            "api/widget-list-owners.md",
            12,
            33,
        ),
        (
            Code::MetadataAnswerDiffers,
            "api/widget-list-teams.md",
            12,
            36,
        ),
        (Code::MetadataBodyDiffers, "api/widget-polish.md", 12, 55),
        (Code::MetadataFlagsEnum, "resources/colorflags.md", 1, 11),
    ];
    let mut missing = Vec::new();
    for (code, file, line, meta_line) in expected {
        let hit = found
            .iter()
            .any(|(c, f, l, m)| c == code && f == file && l == line && m == meta_line);
        if !hit {
            missing.push(format!(
                "{code} at {file}:{line} (metadata line {meta_line})"
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "not found: {missing:#?}\nfound: {found:#?}"
    );
    // Nothing else: each finding above is the fixture's only one of its kind and place.
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    // Every comparing code is covered (decided, filled and unreadable have tests of their own).
    let covered: Vec<Code> = expected.iter().map(|e| e.0).collect();
    for code in Code::ALL
        .iter()
        .filter(|c| c.as_str().starts_with("metadata-"))
    {
        let own_test = matches!(
            code,
            Code::MetadataDecided | Code::MetadataFilled | Code::MetadataUnreadable
        );
        assert!(
            own_test || covered.contains(code),
            "no fixture finding of {code}"
        );
    }
}

#[test]
fn metadata_that_is_not_csdl_is_one_error_and_compares_nothing() {
    let (metadata, diagnostics) = read_metadata(&fixture().join("broken.csdl"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].code, Code::MetadataUnreadable);
    assert!(metadata.types.is_empty());
    for text in [
        "",
        "\0\0",
        "<a>",
        "<Schema Namespace='x'><EntityType/></Schema>",
    ] {
        let (m, _) = graphgen::metadata::read("x.csdl", text);
        assert!(m.types.is_empty());
    }
}

#[test]
fn generate_with_metadata_settles_open_answers_and_lists_each_decision() {
    let g = generate_fixture(false);
    let answer = |file: &str| {
        let op = g
            .schema
            .operations
            .iter()
            .find(|o| o.source.file == file)
            .unwrap();
        op.response.body.as_ref().unwrap().name.clone()
    };
    // No relationship on the pages types `teams`: the metadata's `Collection(team)` decides.
    assert_eq!(answer("api/widget-list-teams.md"), "team");
    // The page's `team` contradicts the pages' own relationship `owner` (a gadget), and so
    // does the metadata.
    assert_eq!(answer("api/widget-list-owners.md"), "gadget");
    // A relationship of a type no page defines takes the metadata's, which a page defines.
    let widget = g.schema.find_type("widget").unwrap();
    let spare = widget
        .navigation_properties
        .iter()
        .find(|p| p.name == "spare")
        .unwrap();
    assert_eq!(
        spare.ty.resolved,
        Some(graphgen::ir::Resolved::Type("gadget".into()))
    );
    // A row without a type takes the metadata's.
    let weight = widget
        .properties
        .iter()
        .find(|p| p.name == "weight")
        .unwrap();
    assert_eq!(
        weight.ty.resolved,
        Some(graphgen::ir::Resolved::Primitive(
            graphgen::ir::Primitive::Double
        ))
    );
    let decided = sites(&g.diagnostics);
    let decided: Vec<(String, usize, usize)> = decided
        .into_iter()
        .filter(|d| d.0 == Code::MetadataDecided)
        .map(|d| (d.1, d.2, d.3))
        .collect();
    assert_eq!(
        decided,
        vec![
            ("api/widget-list-owners.md".to_owned(), 12, 33),
            ("api/widget-list-teams.md".to_owned(), 12, 36),
            ("resources/widget.md".to_owned(), 19, 31),
            ("resources/widget.md".to_owned(), 26, 37),
        ]
    );
    assert_eq!(g.totals().metadata_decided, 4);
    assert_eq!(g.totals().metadata_filled, 0);
    // The metadata adds nothing the pages do not document, without `--metadata-fill`.
    assert!(!widget
        .properties
        .iter()
        .any(|p| p.name == "createdDateTime"));
    let emitted = crate_text(&g);
    assert!(
        emitted.contains("crate::runtime::Page<crate::models::Team>"),
        "the teams list answers Page<Team>"
    );
}

#[test]
fn fill_adds_what_only_the_metadata_documents_marked_and_counted() {
    let g = generate_fixture(true);
    let filled: Vec<String> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::MetadataFilled)
        .map(|d| d.metadata.as_ref().unwrap().element.clone())
        .collect();
    assert_eq!(
        filled,
        [
            "microsoft.graph.widget/createdDateTime",
            "microsoft.graph.widget/history",
            "microsoft.graph.widget/teams",
            "microsoft.graph.widgetStatus/archived",
            "microsoft.graph.widgetStatus/unknownFutureValue",
        ]
    );
    assert_eq!(g.totals().metadata_filled, 5);
    let models = crate_text(&g);
    for (item, doc) in [
        (
            "pub created_date_time:",
            "From the service metadata (`microsoft.graph.widget/createdDateTime`)",
        ),
        (
            "UnknownFutureValue,",
            "From the service metadata (`microsoft.graph.widgetStatus/unknownFutureValue`)",
        ),
    ] {
        let at = models
            .find(item)
            .unwrap_or_else(|| panic!("{item} is not generated"));
        let before = &models[at.saturating_sub(400)..at];
        assert!(before.contains(doc), "{item} is not marked:\n{before}");
    }
}

#[test]
fn without_metadata_the_output_is_what_it_was() {
    let (files, load) = graphgen::load::load_pages(&fixture()).unwrap();
    let plain =
        graphgen::generate_selected(&files, "v1.0", load.clone(), &Default::default(), &|| {})
            .unwrap();
    assert!(plain.diagnostics.iter().all(|d| d.metadata.is_none()));
    assert_eq!(plain.totals().metadata_decided, 0);
    let report = serde_json::to_string(&plain.report()).unwrap();
    assert!(
        !report.contains("metadata"),
        "the report of a run without metadata names none"
    );
    let again =
        graphgen::generate_selected(&files, "v1.0", load, &Default::default(), &|| {}).unwrap();
    assert_eq!(crate_text(&plain), crate_text(&again));
}

/// Counts per code, for the closing note and to catch a comparison that silently stops finding.
fn counts(diagnostics: &[Diagnostic]) -> BTreeMap<String, usize> {
    let mut by_code = BTreeMap::new();
    for d in diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("metadata-"))
    {
        *by_code.entry(d.code.as_str().to_owned()).or_default() += 1;
    }
    by_code
}

#[test]
fn the_2021_reference_against_the_2022_metadata() {
    let (Some(docs), Some(meta)) = (common::corpus_folder("v1.0-2021"), common::metadata_dir())
    else {
        return;
    };
    let (metadata, unreadable) = read_metadata(&meta.join("v1.0-2022-06-13.csdl"));
    assert!(unreadable.is_empty());
    assert!(
        metadata.types.len() > 1200,
        "{} types",
        metadata.types.len()
    );
    let (files, load) = graphgen::load::load_pages(&docs).unwrap();
    let checked = graphgen::check_pages(&files, "v1.0", load.clone(), Some(&metadata));
    let by_code = counts(&checked.diagnostics);
    eprintln!("v1.0-2021 against v1.0-2022-06-13: {by_code:#?}");
    for (code, at_least) in [
        ("metadata-property-missing", 100),
        ("metadata-type-differs", 50),
        ("metadata-relationship-missing", 50),
        ("metadata-path-unknown", 20),
        ("metadata-sentinel-missing", 10),
    ] {
        let n = by_code.get(code).copied().unwrap_or(0);
        assert!(
            n >= at_least,
            "{code}: {n} findings, expected at least {at_least}"
        );
    }
    // Most of what the pages say, the metadata says too.
    let findings: usize = by_code.values().sum();
    assert!(
        findings < 2_000,
        "{findings} findings: the comparison reads something wrong"
    );

    // With the metadata, `me().joined_teams().list()` answers teams, not the page's groups.
    let settings = graphgen::Settings {
        metadata: Some(Arc::new(metadata)),
        format: false,
        ..Default::default()
    };
    let g = graphgen::generate_selected(&files, "v1.0", load, &settings, &|| {}).unwrap();
    let joined = g
        .schema
        .operations
        .iter()
        .find(|o| o.source.file == "api/user-list-joinedteams.md" && !o.implied)
        .unwrap();
    assert_eq!(joined.response.body.as_ref().unwrap().name, "team");
    let decided: Vec<&Diagnostic> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::MetadataDecided)
        .collect();
    assert!(decided
        .iter()
        .any(|d| d.file == "api/user-list-joinedteams.md"));
    assert!(
        decided.iter().all(|d| d.metadata.is_some()),
        "each decision names the metadata's side"
    );
    assert_eq!(g.totals().metadata_decided, decided.len());
    eprintln!("decisions on the 2021 reference: {}", decided.len());
}

#[test]
fn the_current_sample_against_the_2026_metadata() {
    let (Some(docs), Some(meta)) = (
        common::corpus_folder("current-sample/v1.0"),
        common::metadata_dir(),
    ) else {
        return;
    };
    let (metadata, unreadable) = read_metadata(&meta.join("v1.0-2026-08-03.csdl"));
    assert!(unreadable.is_empty());
    // Types outside `microsoft.graph` are read in their own namespaces.
    assert!(metadata
        .find_type(Some("microsoft.graph.callRecords"), "callRecord")
        .is_some());
    assert!(metadata
        .find_type(Some("microsoft.graph.security"), "alert")
        .is_some());
    let (files, load) = graphgen::load::load_pages(&docs).unwrap();
    let checked = graphgen::check_pages(&files, "v1.0", load, Some(&metadata));
    let by_code = counts(&checked.diagnostics);
    eprintln!("current-sample against v1.0-2026-08-03: {by_code:#?}");
    // A partial doc set: the types it does not define are counted in one note, not listed.
    assert_eq!(by_code.get("metadata-types-unreferenced"), Some(&1));
    let findings: usize = by_code.values().sum();
    assert!((20..1_000).contains(&findings), "{findings} findings");
}

fn graphgen(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_prints_findings_as_text_json_and_sarif_with_both_sides() {
    let specs = fixture();
    let csdl = specs.join("metadata.csdl");
    let (specs, csdl) = (specs.to_str().unwrap(), csdl.to_str().unwrap());
    let text = graphgen(&["check", "--specs", specs, "--metadata", csdl]);
    // Warnings do not fail a check unless asked to.
    assert!(text.status.success());
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(stderr.contains("[metadata-type-differs]"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "= metadata: {csdl}:26: microsoft.graph.widget/size"
        )),
        "{stderr}"
    );
    let denied = graphgen(&[
        "check",
        "--specs",
        specs,
        "--metadata",
        csdl,
        "--deny",
        "warnings",
    ]);
    assert!(!denied.status.success());

    let json = graphgen(&[
        "check",
        "--specs",
        specs,
        "--metadata",
        csdl,
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let size = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "metadata-type-differs" && d["line"] == 12)
        .unwrap();
    assert_eq!(size["metadata"]["element"], "microsoft.graph.widget/size");
    assert_eq!(size["metadata"]["line"], 26);

    let sarif = graphgen(&[
        "check",
        "--specs",
        specs,
        "--metadata",
        csdl,
        "--format",
        "sarif",
    ]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let related = results
        .iter()
        .find(|r| r["ruleId"] == "metadata-type-differs")
        .map(|r| &r["relatedLocations"][0])
        .unwrap();
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 26);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "metadata-flags-enum"));

    // A metadata file that is not there stops the command; one that is not CSDL is an error finding.
    let missing = graphgen(&["check", "--specs", specs, "--metadata", "/nonexistent.csdl"]);
    assert!(!missing.status.success());
    let broken = fixture().join("broken.csdl");
    let broken = graphgen(&[
        "check",
        "--specs",
        specs,
        "--metadata",
        broken.to_str().unwrap(),
    ]);
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("[metadata-unreadable]"));
}

#[test]
fn generate_on_the_command_line_answers_the_metadatas_type_and_reports_it() {
    let out = std::env::temp_dir().join(format!("graphgen-metadata-cli-{}", std::process::id()));
    let report = out.join("report.json");
    let specs = fixture();
    let csdl = specs.join("metadata.csdl");
    let ran = graphgen(&[
        "generate",
        "--specs",
        specs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--metadata",
        csdl.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["totals"]["metadata_decided"], 4);
    assert!(report["totals"].get("metadata_filled").is_none());
    // `diff` resolves both sides with the metadata as `generate` did: the fixture against itself
    // is unchanged, and against its crate without the metadata the settled answers are breaks.
    let specs_arg = specs.to_str().unwrap();
    let ir = out.join("plain.ir.json");
    let plain = graphgen(&[
        "generate",
        "--specs",
        specs_arg,
        "--out",
        out.to_str().unwrap(),
        "--emit-ir",
        ir.to_str().unwrap(),
    ]);
    assert!(plain.status.success());
    let same = graphgen(&[
        "diff",
        specs_arg,
        specs_arg,
        "--metadata",
        csdl.to_str().unwrap(),
    ]);
    assert!(
        String::from_utf8_lossy(&same.stdout).contains("no change"),
        "{same:?}"
    );
    let changed = graphgen(&[
        "diff",
        ir.to_str().unwrap(),
        specs_arg,
        "--metadata",
        csdl.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let changed: serde_json::Value = serde_json::from_slice(&changed.stdout).unwrap();
    assert_eq!(changed["class"], "major", "{changed}");
    // `--metadata-fill` needs `--metadata`.
    let alone = graphgen(&[
        "generate",
        "--specs",
        specs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--metadata-fill",
    ]);
    assert!(!alone.status.success());
    std::fs::remove_dir_all(&out).ok();
}

mod fuzz {
    //! Any metadata, with the fixture's pages: reading, comparing, settling and filling never
    //! panic, and the crate generated with `--metadata-fill` is still valid Rust. Budget as in
    //! `tests/fuzz.rs` (`GRAPHGEN_FUZZ_CASES`, default 256).

    use super::*;
    use proptest::prelude::*;

    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("widget".to_owned()),
            Just("gadget".to_owned()),
            Just("team".to_owned()),
            Just("widgetStatus".to_owned()),
            Just("entity".to_owned()),
            Just("".to_owned()),
            Just("type".to_owned()),
            Just("@odata.etag".to_owned()),
            Just("Self".to_owned()),
            "[a-zA-Z_][a-zA-Z0-9_]{0,12}",
            "\\PC{0,8}",
        ]
    }

    fn type_name() -> impl Strategy<Value = String> {
        (name(), 0..6u8).prop_map(|(n, shape)| match shape {
            0 => format!("graph.{n}"),
            1 => format!("Collection(graph.{n})"),
            2 => "Edm.String".to_owned(),
            3 => format!("Collection({n}"),
            4 => format!("microsoft.graph.{n}"),
            _ => n,
        })
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    }

    fn element() -> impl Strategy<Value = String> {
        (0..9u8, name(), name(), type_name(), type_name(), "\\PC{0,20}").prop_map(
            |(kind, a, b, t, u, junk)| {
                let (a, b, t, u) = (escape(&a), escape(&b), escape(&t), escape(&u));
                match kind {
                    0 => format!("<EntityType Name=\"{a}\" BaseType=\"{u}\"><Property Name=\"{b}\" Type=\"{t}\" Nullable=\"false\"/><NavigationProperty Name=\"{b}s\" Type=\"{u}\"/></EntityType>"),
                    1 => format!("<ComplexType Name=\"{a}\" BaseType=\"graph.{a}\"><Property Name=\"{b}\" Type=\"{t}\"/></ComplexType>"),
                    2 => format!("<EnumType Name=\"{a}\" IsFlags=\"true\"><Member Name=\"{b}\" Value=\"x\"/><Member Name=\"unknownFutureValue\"/></EnumType>"),
                    3 => format!("<Action Name=\"{a}\" IsBound=\"true\"><Parameter Name=\"b\" Type=\"{t}\"/><Parameter Name=\"{b}\" Type=\"{u}\"/></Action>"),
                    4 => format!("<Function Name=\"{a}\" IsBound=\"false\"><ReturnType Type=\"{t}\"/></Function>"),
                    5 => format!("<EntityContainer Name=\"c\"><EntitySet Name=\"{a}\" EntityType=\"{t}\"/><Singleton Name=\"{b}\" Type=\"{u}\"/></EntityContainer>"),
                    6 => format!("<EntityType Name=\"{a}\"><Property Type=\"{t}\"/><Property Name=\"{b}\"/></EntityType>"),
                    7 => escape(&junk),
                    _ => junk,
                }
            },
        )
    }

    fn document() -> impl Strategy<Value = String> {
        (prop::collection::vec(element(), 0..24), any::<bool>()).prop_map(|(elements, alias)| {
            let alias = if alias { " Alias=\"graph\"" } else { "" };
            format!(
                "<?xml version=\"1.0\"?><edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema Namespace=\"microsoft.graph\"{alias} xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">{}</Schema></edmx:DataServices></edmx:Edmx>",
                elements.join("")
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: common::fuzz_cases(), ..ProptestConfig::default() })]

        #[test]
        fn any_metadata_is_read_compared_and_filled_without_a_panic(csdl in document()) {
            let (metadata, _) = graphgen::metadata::read("fuzz.csdl", &csdl);
            let (files, load) = graphgen::load::load_pages(&fixture()).unwrap();
            let checked = graphgen::check_pages(&files, "v1.0", load.clone(), Some(&metadata));
            prop_assert!(checked.diagnostics.iter().all(|d| d.line > 0 || d.file == "fuzz.csdl"));
            let settings = graphgen::Settings {
                metadata: Some(Arc::new(metadata)),
                metadata_fill: true,
                ..Default::default()
            };
            let g = graphgen::generate_selected(&files, "v1.0", load, &settings, &|| {}).unwrap();
            prop_assert!(g.emitted.invalid.is_empty(), "{:?}", g.emitted.invalid);
            graphgen::format::crate_files(&g.emitted, "fuzzed", "// fuzz", None)
                .expect("generated code parses");
        }
    }
}

#[test]
fn a_build_script_consults_the_metadata_too() {
    let out = std::env::temp_dir().join(format!("graphgen-metadata-build-{}", std::process::id()));
    let built = graphgen::Builder::new(fixture())
        .metadata(fixture().join("metadata.csdl"))
        .out_dir(&out)
        .cargo_instructions(false)
        .generate()
        .unwrap();
    assert_eq!(built.totals.metadata_decided, 4);
    assert_eq!(built.totals.metadata_filled, 0);
    let filled = graphgen::Builder::new(fixture())
        .metadata(fixture().join("metadata.csdl"))
        .metadata_fill(true)
        .out_dir(&out)
        .cargo_instructions(false)
        .generate()
        .unwrap();
    assert_eq!(filled.totals.metadata_filled, 5);
    // Metadata that is not CSDL fails the build, naming the file.
    let broken = graphgen::Builder::new(fixture())
        .metadata(fixture().join("broken.csdl"))
        .out_dir(&out)
        .cargo_instructions(false)
        .generate()
        .unwrap_err();
    assert!(
        broken.to_string().contains("metadata-unreadable"),
        "{broken}"
    );
    std::fs::remove_dir_all(&out).ok();
}
