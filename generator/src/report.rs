//! `report.json`: every page with its status, every diagnostic, and totals.

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::load::SourceFile;
use crate::Generation;

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
}

#[derive(Clone, Debug, Serialize)]
pub struct Report<'a> {
    pub api_version: &'a str,
    pub totals: Totals,
    pub pages: &'a [PageReport],
    pub diagnostics: &'a [Diagnostic],
}

pub fn page_reports(
    files: &[SourceFile],
    fragment_counts: &[usize],
    diagnostics: &[Diagnostic],
) -> Vec<PageReport> {
    let mut pages: Vec<PageReport> = files
        .iter()
        .zip(fragment_counts)
        .map(|(file, &fragments)| {
            let troubled = diagnostics
                .iter()
                .any(|d| d.file == file.name && d.severity >= Severity::Warning);
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
        .filter(|d| d.code == "not-text" || d.code == "unreadable-file")
    {
        pages.push(PageReport {
            file: d.file.clone(),
            status: PageStatus::Skipped,
        });
    }
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    pages
}

impl Generation {
    pub fn totals(&self) -> Totals {
        let counts = self.emitted.counts;
        Totals {
            pages: self.pages.len(),
            types: self.schema.types.len(),
            enums: self.schema.enums.len(),
            operations: self.schema.operations.len(),
            paths: self.schema.operations.iter().map(|o| o.paths.len()).sum(),
            example_bodies: counts.example_bodies,
            example_body_tests: counts.example_body_tests,
            request_examples: counts.request_examples,
            request_example_tests: counts.request_example_tests,
            diagnostics: self.diagnostics.len(),
            errors: self
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            warnings: self
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
        }
    }

    pub fn report(&self) -> Report<'_> {
        Report {
            api_version: &self.schema.api_version,
            totals: self.totals(),
            pages: &self.pages,
            diagnostics: &self.diagnostics,
        }
    }
}
