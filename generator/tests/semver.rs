//! `graphgen diff` classifies each regeneration as Rust's semver rules do, checked against
//! cargo-semver-checks on generated crates: fixture pairs of our own pages (one kind of change
//! each, made by editing `specs/`) and the real pairs of the shared corpus (the pages of
//! `current-sample/v1.0` against the same files in `v1.0-2021`).
//!
//! The tool runs where `$CARGO_SEMVER_CHECKS` names it (`.ci/run` installs it); set but missing
//! fails. Without it, only the classification of the fixtures is checked.

mod common;

use std::path::{Path, PathBuf};

use graphgen::diff::{Action, Change, Class};
use graphgen::load::SourceFile;

/// One edit of the pages: text replaced in one file (the text must be there), or a file gone.
enum Edit {
    Replace(&'static str, &'static str, &'static str),
    Remove(&'static str),
}

const CERTIFICATE: &str = "resources/intune-apps-enterprisecodesigningcertificate.md";
const DELETE_PAGE: &str = "api/intune-apps-enterprisecodesigningcertificate-delete.md";
const STATUS: &str = "resources/intune-apps-certificatestatus.md";
const ISSUER_ROW: &str = "|issuer|String|Full issuer of the certificate. Filled in by the service from the uploaded file.|\n";

/// Each kind of change the pages make, and the class it must have.
fn cases() -> Vec<(&'static str, Vec<Edit>, Class)> {
    cases_with_tool_verdict()
        .into_iter()
        .map(|(n, e, c, _)| (n, e, c))
        .collect()
}

/// cargo-semver-checks (0.51) has no lint for a public field whose type changes: it calls a
/// retyped property, which no caller's code survives, no break. The diff is stricter there.
const TOOL_MISSES: &[&str] = &["property-retyped", "property-made-collection"];

fn cases_with_tool_verdict() -> Vec<(&'static str, Vec<Edit>, Class, bool)> {
    cases_list()
        .into_iter()
        .map(|(n, e, c)| (n, e, c, c == Class::Major && !TOOL_MISSES.contains(&n)))
        .collect()
}

fn cases_list() -> Vec<(&'static str, Vec<Edit>, Class)> {
    use Edit::*;
    vec![
        (
            "property-added",
            vec![Replace(CERTIFICATE, ISSUER_ROW, "|issuer|String|Full issuer of the certificate. Filled in by the service from the uploaded file.|\n|thumbprint|String|SHA-1 thumbprint of the certificate.|\n")],
            Class::Minor,
        ),
        ("property-removed", vec![Replace(CERTIFICATE, ISSUER_ROW, "")], Class::Major),
        (
            "property-retyped",
            vec![Replace(CERTIFICATE, "|issuer|String|", "|issuer|Int32|")],
            Class::Major,
        ),
        (
            "property-made-collection",
            vec![Replace(CERTIFICATE, "|issuer|String|", "|issuer|String collection|")],
            Class::Major,
        ),
        (
            "enum-member-added",
            vec![Replace(STATUS, "|provisioned|1|", "|revoked|2|The certificate was revoked.|\n|provisioned|1|")],
            Class::Minor,
        ),
        (
            "enum-member-removed",
            vec![Replace(STATUS, "|provisioned|1|The certificate file was processed and its details are filled in.|", "")],
            Class::Major,
        ),
        (
            "operation-removed",
            vec![Remove("api/intune-apps-enterprisecodesigningcertificate-delete.md")],
            Class::Major,
        ),
        (
            "type-renamed",
            vec![
                Replace("resources/uploadsession.md", "# uploadSession resource type", "# uploadSessionInfo resource type"),
                Replace("resources/uploadsession.md", "microsoft.graph.uploadSession\"", "microsoft.graph.uploadSessionInfo\""),
                Replace("api/driveitem-createuploadsession.md", "[uploadSession](../resources/uploadsession.md)", "[uploadSessionInfo](../resources/uploadsession.md)"),
            ],
            Class::Major,
        ),
        (
            "relationship-added",
            vec![Replace(CERTIFICATE, "## Relationships\nNone\n", "## Relationships\n|Relationship|Type|Description|\n|:---|:---|:---|\n|signedItems|[driveItem](../resources/driveitem.md) collection|Files signed with this certificate.|\n")],
            Class::Minor,
        ),
        (
            "description-only",
            vec![Replace(CERTIFICATE, "Full issuer of the certificate.", "The whole issuer of the certificate.")],
            Class::Patch,
        ),
    ]
}

fn specs() -> Vec<SourceFile> {
    graphgen::load::load_pages(&common::specs_dir()).unwrap().0
}

fn edited(base: &[SourceFile], edits: &[Edit]) -> Vec<SourceFile> {
    let mut files = base.to_vec();
    for edit in edits {
        match edit {
            Edit::Replace(file, from, to) => {
                let f = files
                    .iter_mut()
                    .find(|f| f.name == *file)
                    .unwrap_or_else(|| panic!("{file} is in specs/"));
                assert!(f.text.contains(from), "{file} does not contain {from:?}");
                f.text = f.text.replacen(from, to, 1);
            }
            Edit::Remove(file) => files.retain(|f| f.name != *file),
        }
    }
    files
}

fn surface(files: &[SourceFile]) -> graphgen::emit::surface::Surface {
    let settings = graphgen::Settings::default();
    let schema = graphgen::resolve_pages(files, "v1.0", &settings).unwrap();
    graphgen::emit::surface::surface(&schema, settings.emit)
}

fn diff(old: &[SourceFile], new: &[SourceFile]) -> Vec<Change> {
    graphgen::diff::diff(&surface(old), &surface(new))
}

#[test]
fn each_kind_of_change_has_its_class() {
    let base = specs();
    // An operation added is the removal read backwards.
    let without_delete = edited(&base, &[Edit::Remove(DELETE_PAGE)]);
    assert_eq!(
        graphgen::diff::highest(&diff(&without_delete, &base)),
        Some(Class::Minor)
    );
    for (name, edits, class) in cases() {
        let changes = diff(&base, &edited(&base, &edits));
        assert_eq!(
            graphgen::diff::highest(&changes),
            Some(class),
            "{name}: {changes:#?}"
        );
    }
    assert!(diff(&base, &base).is_empty());
}

#[test]
fn a_new_enum_member_is_minor_and_says_which_values_now_read_differently() {
    let base = specs();
    let (_, edits, _) = cases()
        .into_iter()
        .find(|(n, ..)| *n == "enum-member-added")
        .unwrap();
    let changes = diff(&base, &edited(&base, &edits));
    let added = changes
        .iter()
        .find(|c| c.item == "models::CertificateStatus::Revoked")
        .expect("the variant is listed");
    assert_eq!((added.action, added.class), (Action::Added, Class::Minor));
    let behaviour = added.behaviour.as_deref().unwrap_or_default();
    assert!(
        behaviour.contains("Unrecognized(\"revoked\")"),
        "{behaviour}"
    );
    assert_eq!(added.source.as_ref().map(|s| s.file.as_str()), Some(STATUS));
}

/// `$CARGO_SEMVER_CHECKS`, or `None` (with a note) when it is not set.
fn tool() -> Option<PathBuf> {
    let Some(path) = std::env::var_os("CARGO_SEMVER_CHECKS") else {
        eprintln!("CARGO_SEMVER_CHECKS is not set; cargo-semver-checks does not run");
        return None;
    };
    let path = common::workspace_root().join(path);
    assert!(
        path.is_file(),
        "CARGO_SEMVER_CHECKS is set to {} but it is not there",
        path.display()
    );
    Some(path)
}

fn write_crate(files: &[SourceFile], at: &str) -> PathBuf {
    let generation = graphgen::generate(files, "v1.0", Vec::new());
    let crate_files = graphgen::format::crate_files(
        &generation.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let dir = common::workspace_root().join("target").join(at);
    let _ = std::fs::remove_dir_all(&dir);
    common::write_generated_crate(&crate_files, at)
}

/// What cargo-semver-checks finds breaking from `old` to `new`: one line per place it names.
fn breaking(tool: &Path, old: &Path, new: &Path) -> Vec<String> {
    let output = std::process::Command::new(tool)
        .args(["semver-checks", "check-release", "--baseline-root"])
        .arg(old)
        .arg("--manifest-path")
        .arg(new.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            common::workspace_root().join("target/semver-checks"),
        )
        .env("CARGO_NET_OFFLINE", "true")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo-semver-checks runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut found = Vec::new();
    for stream in [&stdout, &stderr] {
        let mut listing = false;
        for line in stream.lines() {
            if line.starts_with("Failed in:") {
                listing = true;
            } else if !line.starts_with("  ") || line.starts_with("   ") {
                // The places are indented by two spaces; progress lines are right-aligned.
                listing = false;
            } else if listing {
                found.push(line.trim().to_owned());
            }
        }
    }
    // Warnings that suggest a major version name their places too, and count as breaks.
    assert!(
        output.status.success() || !found.is_empty(),
        "cargo-semver-checks failed without naming a place:\n{stdout}\n{stderr}"
    );
    found
}

/// The item a line of cargo-semver-checks names, as `graphgen diff` names it (a suffix of it).
fn item_named(line: &str) -> String {
    let head = line.split(", previously").next().unwrap_or(line);
    let head = head.split(" in /").next().unwrap_or(head);
    if let Some(rest) = head.strip_prefix("field ") {
        if let Some((field, owner)) = rest.split_once(" of struct ") {
            return format!("{owner}.{field}");
        }
    }
    if let Some(rest) = head.strip_prefix("feature ") {
        let name = rest.split_whitespace().next().unwrap_or(rest);
        return format!("feature \"{name}\"");
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let path = match words.as_slice() {
        [_, path, ..] if !words[0].contains("::") => *path,
        [path, ..] => *path,
        [] => head,
    };
    let path = path.trim_start_matches("graph_typed::");
    match path.rsplit_once("::") {
        Some((owner, method)) if method.starts_with(|c: char| c.is_ascii_lowercase()) => {
            format!("{owner}::{method}()")
        }
        _ => path.to_owned(),
    }
}

/// Every break the tool names is a major change of the diff; returns the tool's verdict.
fn check_agreement(tool: &Path, old: &Path, new: &Path, changes: &[Change], pair: &str) -> bool {
    let majors: Vec<&str> = changes
        .iter()
        .filter(|c| c.class == Class::Major)
        .map(|c| c.item.as_str())
        .collect();
    let found = breaking(tool, old, new);
    for line in &found {
        let item = item_named(line);
        let reported = majors
            .iter()
            .any(|m| *m == item || m.ends_with(&format!("::{item}")));
        assert!(reported, "{pair}: cargo-semver-checks finds `{line}` ({item}) breaking, and the diff has no major change for it:\n{majors:#?}");
    }
    !found.is_empty()
}

#[test]
fn cargo_semver_checks_agrees_on_each_fixture_pair() {
    let Some(tool) = tool() else { return };
    let base = specs();
    let old = write_crate(&base, "semver/base");
    for (name, edits, class, tool_says_major) in cases_with_tool_verdict() {
        let files = edited(&base, &edits);
        let new = write_crate(&files, &format!("semver/{name}"));
        let changes = diff(&base, &files);
        let tool_major = check_agreement(&tool, &old, &new, &changes, name);
        assert_eq!(
            tool_major, tool_says_major,
            "{name}: cargo-semver-checks changed its verdict"
        );
        eprintln!("{name}: diff {class:?}, cargo-semver-checks major: {tool_major}");
    }
    // An operation added: the removal read backwards.
    let fewer = edited(&base, &[Edit::Remove(DELETE_PAGE)]);
    let fewer_dir = write_crate(&fewer, "semver/operation-added");
    let changes = diff(&fewer, &base);
    assert!(!check_agreement(
        &tool,
        &fewer_dir,
        &old,
        &changes,
        "operation-added"
    ));
}

/// The pages of `current-sample/v1.0`, and the same files of the 2021 reference.
fn real_pair(docs: &Path) -> (Vec<SourceFile>, Vec<SourceFile>) {
    let (new, _) = graphgen::load::load_pages(&docs.join("current-sample/v1.0")).unwrap();
    let (all_old, _) = graphgen::load::load_pages(&docs.join("v1.0-2021")).unwrap();
    let old: Vec<SourceFile> = all_old
        .into_iter()
        .filter(|o| new.iter().any(|n| n.name == o.name))
        .collect();
    let new = new
        .into_iter()
        .filter(|n| old.iter().any(|o| o.name == n.name))
        .collect();
    (old, new)
}

#[test]
fn cargo_semver_checks_finds_no_break_the_diff_misses_on_the_real_pairs() {
    let Some(docs) = common::docs_dir() else {
        return;
    };
    let (old, new) = real_pair(&docs);
    assert_eq!(
        (old.len(), new.len()),
        (65, 65),
        "the 65 pages both dates have"
    );
    let changes = diff(&old, &new);
    let counts = graphgen::diff::render::Counts::of(&changes);
    eprintln!("65 real pairs: {counts:?}");
    assert!(counts.major > 0 && counts.minor > 0 && counts.patch > 0);
    // Pages that only gained rows: an addition-only regeneration of real pages.
    let adding = [
        "resources/directoryobject.md",
        "resources/driveitem.md",
        "resources/identityset.md",
    ];
    let pick = |files: &[SourceFile]| -> Vec<SourceFile> {
        files
            .iter()
            .filter(|f| adding.contains(&f.name.as_str()))
            .cloned()
            .collect()
    };
    let (old_adding, new_adding) = (pick(&old), pick(&new));
    let adding_changes = diff(&old_adding, &new_adding);
    assert_eq!(
        graphgen::diff::highest(&adding_changes),
        Some(Class::Minor),
        "{adding_changes:#?}"
    );
    let Some(tool) = tool() else { return };
    let (old_dir, new_dir) = (
        write_crate(&old, "semver/real-old"),
        write_crate(&new, "semver/real-new"),
    );
    assert!(check_agreement(
        &tool,
        &old_dir,
        &new_dir,
        &changes,
        "65 real pairs"
    ));
    let (old_dir, new_dir) = (
        write_crate(&old_adding, "semver/adding-old"),
        write_crate(&new_adding, "semver/adding-new"),
    );
    assert!(
        !check_agreement(
            &tool,
            &old_dir,
            &new_dir,
            &adding_changes,
            "pages that only add"
        ),
        "an addition-only regeneration passes as minor"
    );
}

#[test]
fn tool_lines_name_the_items_the_diff_names() {
    assert_eq!(
        item_named(
            "field issuer of struct EnterpriseCodeSigningCertificate, previously in file /x.rs:4"
        ),
        "EnterpriseCodeSigningCertificate.issuer"
    );
    assert_eq!(
        item_named("variant CertificateStatus::Provisioned, previously in file /x.rs:9"),
        "CertificateStatus::Provisioned"
    );
    assert_eq!(
        item_named("struct graph_typed::api::CopyBody, previously in file /x.rs:1"),
        "api::CopyBody"
    );
    assert_eq!(
        item_named("GroupRequestBuilder::calendargroups, previously in file /x.rs:1"),
        "GroupRequestBuilder::calendargroups()"
    );
}

#[test]
fn the_whole_reference_against_itself_has_no_change() {
    let Some(dir) = common::corpus_folder("v1.0-2021") else {
        return;
    };
    let (files, _) = graphgen::load::load_pages(&dir).unwrap();
    let once = surface(&files);
    assert!(once.items.len() > 25_000, "{} items", once.items.len());
    assert!(graphgen::diff::diff(&once, &surface(&files)).is_empty());
}

#[test]
fn an_ir_file_is_a_side_as_good_as_its_pages() {
    let settings = graphgen::Settings::default();
    let schema = graphgen::resolve_pages(&specs(), "v1.0", &settings).unwrap();
    let text = serde_json::to_string(&schema).unwrap();
    let read: graphgen::ir::Schema = serde_json::from_str(&text).unwrap();
    let from_ir = graphgen::emit::surface::surface(&read, settings.emit);
    assert_eq!(
        from_ir,
        graphgen::emit::surface::surface(&schema, settings.emit)
    );
}
