//! A parsed page -> schema fragments. Pages are classified by content, not by `doc_type`.

mod api;
mod examples;
mod resource;
mod type_tables;
pub mod types;

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Fragment;
use crate::parse::page::Page;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Enum,
    Resource,
    Api,
    /// Overviews, concept pages: nothing to generate.
    Other,
}

pub fn classify(page: &Page) -> PageKind {
    let has_members_table = page
        .section(&["members", "enum values", "values"])
        .and_then(|s| s.tables().next())
        .is_some_and(|t| t.column(&["member", "name", "value"]).is_some());
    if has_members_table {
        return PageKind::Enum;
    }
    let resource_annotation = page.sections.iter().flat_map(|s| s.fences()).any(|f| {
        f.annotation
            .as_ref()
            .is_some_and(|a| a.block_type.as_deref() == Some("resource"))
    });
    if resource_annotation
        || type_tables::property_table(page).is_some() && api::http_section(page).is_none()
    {
        return PageKind::Resource;
    }
    if api::http_section(page).is_some() || page.section(&["example"]).is_some() {
        return PageKind::Api;
    }
    PageKind::Other
}

/// Everything one page contributes, with what could not be understood.
pub fn extract(page: &Page) -> (Vec<Fragment>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    // Enums also live in `### x values` sections: in `enums.md` and on resource pages.
    let value_enums: Vec<Fragment> = resource::extract_value_sections(page, &mut diagnostics)
        .into_iter()
        .map(|e| Fragment::Enum(Box::new(e)))
        .collect();
    let kind = classify(page);
    if kind == PageKind::Other && !value_enums.is_empty() {
        return (value_enums, diagnostics);
    }
    let mut fragments: Vec<Fragment> = match kind {
        PageKind::Enum => resource::extract_enum(page, &mut diagnostics)
            .map(|e| Fragment::Enum(Box::new(e)))
            .into_iter()
            .collect(),
        PageKind::Resource => {
            let mut fragments: Vec<Fragment> = resource::extract_type(page, &mut diagnostics)
                .map(|t| Fragment::Type(Box::new(t)))
                .into_iter()
                .collect();
            // An API page may show a type it defines (`driveItemUploadableProperties` on the
            // upload session page); its request lines are still operations.
            if api::http_section(page).is_some() {
                fragments.extend(
                    api::extract_operations(page, &mut diagnostics)
                        .into_iter()
                        .map(|o| Fragment::Operation(Box::new(o))),
                );
            }
            fragments
        }
        PageKind::Api => api::extract_operations(page, &mut diagnostics)
            .into_iter()
            .map(|o| Fragment::Operation(Box::new(o)))
            .collect(),
        PageKind::Other => {
            let line = page.title.as_ref().map_or(1, |t| t.1);
            diagnostics.push(Diagnostic::new(
                Code::PageNotSchema,
                &page.source(line),
                "page has no HTTP request, property table or enum members; nothing generated from it",
            ));
            Vec::new()
        }
    };
    fragments.extend(value_enums);
    (fragments, diagnostics)
}

/// A page's title, falling back to the front matter and then the file name.
fn title(page: &Page) -> (String, usize) {
    if let Some((t, line)) = &page.title {
        return (crate::parse::inline::plain_text(t), *line);
    }
    if let Some(t) = page.front_matter.get("title") {
        return (t.clone(), 1);
    }
    let stem = page
        .file
        .rsplit('/')
        .next()
        .unwrap_or(&page.file)
        .trim_end_matches(".md");
    (stem.to_owned(), 1)
}

/// The prose under the title: the page's own description, without notes, includes and `Namespace:`.
fn description(page: &Page) -> String {
    let mut parts = Vec::new();
    if let Some(preamble) = page.sections.first() {
        for p in preamble.paragraphs() {
            let t = p.text.trim();
            let lower = t.to_ascii_lowercase();
            if lower.starts_with("namespace:")
                || t.starts_with('>')
                || t.starts_with("[!")
                || lower.starts_with("[!include")
            {
                continue;
            }
            parts.push(t.to_owned());
        }
    }
    if parts.is_empty() {
        if let Some(d) = page.front_matter.get("description") {
            parts.push(d.clone());
        }
    }
    parts.join("\n\n")
}

/// A name with letters outside ASCII becomes a Rust name that spells them out; say so.
fn note_spelled_out(
    wire: &str,
    what: NameKind,
    at: &crate::diagnostics::Source,
    diagnostics: &mut Vec<Diagnostic>,
) {
    use crate::naming::{snake_name, type_name, variant_name};
    if crate::naming::is_spelled_out(wire) {
        let (what, rust) = match what {
            NameKind::Type => ("type", type_name(wire)),
            NameKind::Property => ("property", snake_name(wire)),
            NameKind::EnumMember => ("enum member", variant_name(wire)),
        };
        diagnostics.push(Diagnostic::new(
            Code::NameSpelledOut,
            at,
            format!(
                "{what} `{wire}` has characters a Rust name cannot hold; its Rust name is `{rust}`"
            ),
        ));
    }
}

/// What a name on a page names, for [`note_spelled_out`].
#[derive(Clone, Copy)]
enum NameKind {
    Type,
    Property,
    EnumMember,
}
