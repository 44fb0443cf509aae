//! Checks that go beyond what generation needs, for doc writers: links to pages that do not
//! exist, property tables that disagree with the JSON representation, and enum values named in
//! prose that the enum does not have.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::{Resolved, Schema};
use crate::parse::inline::{self, Span};
use crate::parse::page::{Block, Page};

/// A link from a page to another page of the reference.
#[derive(Clone, Debug)]
pub struct PageLink {
    pub target: String,
    pub source: Source,
}

/// Relative `.md` links of a page, resolved against the page's folder (`../resources/user.md`
/// from `api/x.md` is `resources/user.md`).
pub fn page_links(page: &Page) -> Vec<PageLink> {
    let mut out = Vec::new();
    let folder: Vec<&str> = page.file.split('/').collect();
    let folder = &folder[..folder.len().saturating_sub(1)];
    let mut visit = |text: &str, line: usize| {
        // Most text links nowhere; only a `.md` target is checked.
        if !text
            .as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b".md"))
        {
            return;
        }
        for span in inline::spans(text) {
            let Span::Link { target, .. } = span else {
                continue;
            };
            // Some pages write Windows separators (`..\resources\x.md`); browsers accept them.
            let target = target.replace('\\', "/");
            let file = target.split('#').next().unwrap_or_default();
            if !file.to_ascii_lowercase().ends_with(".md")
                || file.contains("://")
                || file.starts_with('/')
            {
                continue;
            }
            let mut parts: Vec<&str> = folder.to_vec();
            for piece in file.split('/') {
                match piece {
                    "." | "" => {}
                    ".." => {
                        parts.pop();
                    }
                    p => parts.push(p),
                }
            }
            out.push(PageLink {
                target: parts.join("/"),
                source: Source::new(&page.file, line),
            });
        }
    };
    for section in &page.sections {
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => visit(&p.text, p.line),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            visit(cell, row.line);
                        }
                    }
                }
                Block::Fence(_) => {}
            }
        }
    }
    out
}

/// Links whose target is not among `pages`. Pages outside the loaded folders (`includes/`,
/// `concepts/`) are not known, so only links into folders that were loaded are checked.
pub fn missing_links(links: &[PageLink], pages: &[String]) -> Vec<Diagnostic> {
    let exact: BTreeSet<&str> = pages.iter().map(String::as_str).collect();
    let folded: BTreeMap<String, &str> = pages
        .iter()
        .map(|p| (p.to_ascii_lowercase(), p.as_str()))
        .collect();
    let folders: BTreeSet<&str> = pages
        .iter()
        .filter_map(|p| p.rsplit_once('/').map(|(f, _)| f))
        .collect();
    let mut out = Vec::new();
    for link in links {
        if exact.contains(link.target.as_str()) {
            continue;
        }
        let folder = link.target.rsplit_once('/').map_or("", |(f, _)| f);
        if !folders.contains(folder) {
            continue;
        }
        match folded.get(&link.target.to_ascii_lowercase()) {
            Some(actual) => out.push(Diagnostic::new(
                Code::LinkCaseMismatch,
                &link.source,
                format!("link to `{}` differs in case from the page `{actual}`; it breaks on case-sensitive hosts", link.target),
            )),
            None => out.push(Diagnostic::new(
                Code::MissingLinkTarget,
                &link.source,
                format!("link to `{}`, which is not a page of this reference", link.target),
            )),
        }
    }
    out
}

/// The property table against the keys of the `JSON representation` block of a resource page.
pub fn table_vs_json(page: &Page) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(fence) = page.sections.iter().flat_map(|s| s.fences()).find(|f| {
        f.annotation
            .as_ref()
            .is_some_and(|a| a.block_type.as_deref() == Some("resource"))
    }) else {
        return out;
    };
    let Ok(serde_json::Value::Object(json)) = crate::parse::json::lenient(&fence.body) else {
        return out;
    };
    let mut documented: BTreeSet<String> = BTreeSet::new();
    for section in page.sections_starting_with(&["properties", "relationships"]) {
        for table in section.tables() {
            let col = table
                .column(&["property", "name", "relationship"])
                .unwrap_or(0);
            for row in &table.rows {
                if let Some(cell) = row.cells.get(col) {
                    documented.insert(inline::plain_text(cell).trim_matches(['`', '*']).to_owned());
                }
            }
        }
    }
    if documented.is_empty() {
        return out;
    }
    for key in json.keys().filter(|k| !k.starts_with('@')) {
        if !documented.contains(key) {
            let quoted = format!("\"{key}\"");
            let offset = fence
                .body
                .lines()
                .position(|l| l.contains(&quoted))
                .unwrap_or(0);
            out.push(Diagnostic::new(
                Code::JsonPropertyUndocumented,
                &page.source(fence.line + 1 + offset),
                format!(
                    "the JSON representation has `{key}`, which the property tables do not list"
                ),
            ));
        }
    }
    out
}

/// "Possible values are: `a`, `b`" in the description of an enum-typed property, against the
/// enum's members.
pub fn prose_enum_values(schema: &Schema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in &schema.types {
        for p in t.properties.iter().chain(&t.navigation_properties) {
            let Some(Resolved::Enum(name)) = &p.ty.resolved else {
                continue;
            };
            let Some(e) = schema.enums.iter().find(|e| e.name == *name) else {
                continue;
            };
            let lower = p.description.to_ascii_lowercase();
            let Some(at) = lower.find("possible values are") else {
                continue;
            };
            let rest = &p.description[at..];
            let rest = rest.split(['.', '\n']).next().unwrap_or(rest);
            for span in inline::spans(rest) {
                let Span::Code(value) = span else { continue };
                if value != "null" && !e.members.iter().any(|m| m.name == value) {
                    out.push(Diagnostic::new(
                        Code::ProseEnumValueUnknown,
                        &p.source,
                        format!(
                            "the description of `{}.{}` names `{value}`, which `{}` does not have",
                            t.name, p.name, e.name
                        ),
                    ));
                }
            }
        }
    }
    out
}
