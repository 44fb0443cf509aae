//! Path selection (`--include-path`, `--exclude-path`, a paths file): the operations on the
//! selected paths and exactly the types they reach, a clear error for a glob that names no
//! documented path, and a selected crate that builds.

mod common;

use graphgen::select::Selection;

fn generate(include: &[&str], exclude: &[&str]) -> Result<graphgen::Generation, String> {
    let dir = common::workspace_root().join("generator/tests/fixtures/url-surface");
    common::generate_selected(&dir, include, exclude)
}

fn type_names(g: &graphgen::Generation) -> Vec<&str> {
    g.schema.types.iter().map(|t| t.name.as_str()).collect()
}

fn operation_paths(g: &graphgen::Generation) -> Vec<String> {
    let mut paths: Vec<String> = g
        .schema
        .operations
        .iter()
        .filter(|o| !o.implied)
        .flat_map(|o| {
            o.paths
                .iter()
                .map(move |p| format!("{} {}", o.method, p.template))
        })
        .collect();
    paths.sort();
    paths
}

#[test]
fn an_area_keeps_its_operations_and_only_the_types_they_reach() {
    let g = generate(&["/auditLogs/**"], &[]).unwrap();
    assert_eq!(
        operation_paths(&g),
        ["GET /auditLogs/directoryaudits", "GET /auditLogs/signIns"]
    );
    let types = type_names(&g);
    assert!(types.contains(&"directoryAudit"), "{types:?}");
    assert!(types.contains(&"auditLogRoot"), "{types:?}");
    for gone in ["user", "drive", "driveItem"] {
        assert!(!types.contains(&gone), "{gone} is not reached: {types:?}");
    }
    let selected = g.selected.as_ref().expect("a selection is reported");
    assert_eq!(selected.operations.0, 2);
    assert_eq!(selected.types, (types.len(), 6));
    let report = serde_json::to_value(g.report()).unwrap();
    assert_eq!(report["selection"]["include"][0], "/auditLogs/**");
    assert_eq!(report["selection"]["operations"][0], 2);
}

/// A type used as a value brings its properties' types, its relationships' and the types
/// derived from it; its base types come for the fields it inherits.
#[test]
fn reached_types_follow_properties_relationships_bases_and_derived_types() {
    let g = generate(&["/users/*#GET"], &[]).unwrap();
    assert_eq!(operation_paths(&g), ["GET /users/{id | userPrincipalName}"]);
    let types = type_names(&g);
    for kept in ["user", "directoryObject", "drive", "driveItem"] {
        assert!(types.contains(&kept), "{kept} is reached: {types:?}");
    }
    assert!(!types.contains(&"directoryAudit"), "{types:?}");
}

#[test]
fn excludes_remove_paths_and_an_operation_left_without_paths() {
    let g = generate(&["/users/**", "/me/**"], &["/**/manager", "/me"]).unwrap();
    let paths = operation_paths(&g);
    assert!(paths.iter().all(|p| !p.ends_with("/manager")), "{paths:?}");
    assert!(!paths.contains(&"GET /me".to_owned()), "{paths:?}");
    assert!(paths.contains(&"GET /users".to_owned()), "{paths:?}");
    assert!(
        paths.contains(&"GET /me/drive/root:/{item-path}".to_owned()),
        "{paths:?}"
    );
}

#[test]
fn a_glob_that_names_no_documented_path_is_an_error_with_near_matches() {
    let error = generate(&["/user/**"], &[])
        .err()
        .expect("an error, not an empty crate");
    assert!(
        error.contains("`/user/**` matches no documented path"),
        "{error}"
    );
    assert!(error.contains("/users"), "{error}");
    let error = generate(&["/users/**"], &["/**"])
        .err()
        .expect("nothing left is an error");
    assert!(error.contains("keeps no operation"), "{error}");
    assert!(generate(&["users"], &[]).is_err());
}

#[test]
fn a_paths_file_reads_includes_excludes_and_comments() {
    let selection = Selection::from_file_text(
        "# the calls my app makes\ninclude /users/**\n/me/drive/**\n\nexclude /users/*/manager\n",
    )
    .unwrap();
    let texts = |globs: &[graphgen::select::PathGlob]| -> Vec<String> {
        globs.iter().map(|g| g.text.clone()).collect()
    };
    assert_eq!(texts(&selection.include), ["/users/**", "/me/drive/**"]);
    assert_eq!(texts(&selection.exclude), ["/users/*/manager"]);
    let error = Selection::from_file_text("keep /users").unwrap_err();
    assert!(error.0.contains("line 1"), "{error}");
}

/// A selected crate builds without warnings and its example tests pass: nothing it names was
/// left out.
#[test]
fn a_selected_crate_builds_and_passes_its_tests() {
    let g = generate(&["/users/*#GET", "/me/drive/**"], &[]).unwrap();
    let files = graphgen::format::crate_files(
        &g.emitted,
        "selected",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let out = common::write_generated_crate(&files, "standalone-check/selected");
    let stdout = common::cargo_in(&out, &["test", "--lib"]);
    assert!(
        common::unit_test_result(&stdout).starts_with("test result: ok."),
        "{stdout}"
    );
}

/// Without a selection nothing changes: the same generation as `generate`.
#[test]
fn no_selection_is_everything() {
    let all = generate(&[], &[]).unwrap();
    assert!(all.selected.is_none());
    let dir = common::workspace_root().join("generator/tests/fixtures/url-surface");
    let plain = common::generate_dir(&dir);
    assert_eq!(type_names(&all), type_names(&plain));
    assert_eq!(operation_paths(&all), operation_paths(&plain));
}
