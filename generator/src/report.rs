//! `report.json`: every page with its status, every diagnostic, and totals.

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::load::SourceFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageStatus {
    /// Everything on the page was understood.
    Generated,
    /// Something was generated, with warnings or errors about the rest.
    Partly,
    /// Nothing was generated from the page.
    Skipped,
}

#[derive(Clone, Debug, Serialize)]
pub struct PageReport {
    pub file: String,
    pub status: PageStatus,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    pub pages: usize,
    pub types: usize,
    pub enums: usize,
    pub operations: usize,
    pub paths: usize,
    pub example_bodies: usize,
    pub example_body_tests: usize,
    pub request_examples: usize,
    pub request_example_tests: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Method and path pairs of the client that several pages document, by what decided them.
    pub competing_operations: std::collections::BTreeMap<crate::ir::ChoiceRule, usize>,
    /// What `--metadata` settled (`metadata-decided`); absent without metadata.
    #[serde(skip_serializing_if = "is_zero")]
    pub metadata_decided: usize,
    /// What `--metadata-fill` added (`metadata-filled`), each marked in its doc comment.
    #[serde(skip_serializing_if = "is_zero")]
    pub metadata_filled: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Clone, Debug, Serialize)]
pub struct Report<'a> {
    pub api_version: &'a str,
    pub totals: Totals,
    /// What `--include-path` and `--exclude-path` kept; absent when everything was generated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<&'a crate::select::Selected>,
    pub pages: &'a [PageReport],
    pub diagnostics: &'a [Diagnostic],
}

pub fn page_reports(
    files: &[&SourceFile],
    fragment_counts: &[usize],
    diagnostics: &[Diagnostic],
) -> Vec<PageReport> {
    let troubled_files: std::collections::HashSet<&str> = diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.file.as_str())
        .collect();
    let mut pages: Vec<PageReport> = files
        .iter()
        .zip(fragment_counts)
        .map(|(file, &fragments)| {
            let troubled = troubled_files.contains(file.name.as_str());
            let status = match (fragments, troubled) {
                (0, _) => PageStatus::Skipped,
                (_, true) => PageStatus::Partly,
                (_, false) => PageStatus::Generated,
            };
            PageReport {
                file: file.name.clone(),
                status,
            }
        })
        .collect();
    // Files that could not even be read.
    for d in diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::NotText | Code::UnreadableFile))
    {
        pages.push(PageReport {
            file: d.file.clone(),
            status: PageStatus::Skipped,
        });
    }
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    pages
}

impl Totals {
    /// The totals of a run, from what each stage produced.
    pub fn new(
        pages: usize,
        schema: &crate::ir::Schema,
        counts: crate::emit::ExampleCounts,
        diagnostics: &[Diagnostic],
    ) -> Totals {
        let count = |severity: Severity| {
            diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        let of_code = |code: Code| diagnostics.iter().filter(|d| d.code == code).count();
        Totals {
            pages,
            types: schema.types.len(),
            enums: schema.enums.len(),
            // The documented ones: implied `$count` operations are not pages' operations.
            operations: schema.operations.iter().filter(|o| !o.implied).count(),
            paths: schema
                .operations
                .iter()
                .filter(|o| !o.implied)
                .map(|o| o.paths.len())
                .sum(),
            example_bodies: counts.example_bodies,
            example_body_tests: counts.example_body_tests,
            request_examples: counts.request_examples,
            request_example_tests: counts.request_example_tests,
            diagnostics: diagnostics.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            competing_operations: schema.api.choices.iter().fold(
                std::collections::BTreeMap::new(),
                |mut by_rule, c| {
                    *by_rule.entry(c.rule).or_default() += 1;
                    by_rule
                },
            ),
            metadata_decided: of_code(Code::MetadataDecided),
            metadata_filled: of_code(Code::MetadataFilled),
        }
    }
}

/// The findings as SARIF 2.1.0, so that a docs repository's CI can annotate pull requests.
/// `root` is prefixed to file paths (the folder the pages were read from, relative to the
/// repository).
pub fn sarif(diagnostics: &[Diagnostic], root: &str) -> serde_json::Value {
    let mut codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let mut region = serde_json::json!({ "startLine": d.line.max(1) });
            if let Some(column) = d.column {
                region["startColumn"] = column.into();
            }
            let uri = if root.is_empty() {
                d.file.clone()
            } else {
                format!("{}/{}", root.trim_end_matches('/'), d.file)
            };
            let mut result = serde_json::json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region
                    }
                }]
            });
            if let Some(site) = &d.metadata {
                result["relatedLocations"] = serde_json::json!([{
                    "id": 1,
                    "message": { "text": format!("metadata: {}", site.element) },
                    "physicalLocation": {
                        "artifactLocation": { "uri": site.file },
                        "region": { "startLine": site.line.max(1) }
                    }
                }]);
            }
            result
        })
        .collect();
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "graphgen",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": codes.into_iter().map(sarif_rule).collect::<Vec<_>>()
                }
            },
            "results": results
        }]
    })
}

/// A code as a SARIF rule: what it means and what to do, from the code table.
fn sarif_rule(code: Code) -> serde_json::Value {
    serde_json::json!({
        "id": code.as_str(),
        "shortDescription": { "text": code.summary() },
        "help": { "text": code.help() },
        "defaultConfiguration": { "level": sarif_level(code.severity()) }
    })
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}
