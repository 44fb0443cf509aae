//! What an operation sends: a documented type, a table of parameters, a reference or bytes.

use super::request_lines::*;
use super::response::*;
use super::*;
use crate::diagnostics::{Code, Diagnostic};
use crate::extract::type_tables::properties_from_table;
use crate::extract::{description, title};
use crate::ir::{RequestBody, Response, TypeRef};
use crate::parse::inline::{self};
use crate::parse::page::Page;

/// Create and update pages name their type in the title (`Update alert`) or link it in the
/// description.
pub(super) fn body_hints(page: &Page) -> Vec<TypeRef> {
    let mut hints = Vec::new();
    if let Some((name, written)) = resource_link(&description(page)) {
        hints.push(TypeRef {
            written,
            name,
            collection: false,
            resolved: None,
        });
    }
    let (title, _) = title(page);
    if let Some(word) = title.split_whitespace().last() {
        let word = word.trim_matches(['`', '*', '.']);
        if word.chars().all(|c| c.is_ascii_alphanumeric()) && !word.is_empty() {
            hints.push(TypeRef {
                written: word.to_owned(),
                name: word.to_owned(),
                collection: false,
                resolved: None,
            });
        }
    }
    hints
}

pub(super) fn request_body(
    page: &Page,
    method: &str,
    response: &Response,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RequestBody> {
    let updates = matches!(method, "PATCH" | "PUT");
    let creates = method == "POST"
        && inline::plain_text(&title(page).0)
            .to_ascii_lowercase()
            .starts_with("create");
    let Some(section) = page.section(&["request body"]) else {
        // A create or update page without the section still sends the resource it names.
        if !(updates || creates) {
            return None;
        }
        let hints = entity_hints(page, response);
        let line = page.title.as_ref().map_or(1, |t| t.1);
        if !hints.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::NoRequestBodySection,
                &page.source(line),
                "no `Request body` section; the body is taken to be the resource the page creates or updates",
            ));
        }
        return Some(RequestBody::Parameters {
            parameters: Vec::new(),
            hints,
            source: page.source(line),
        });
    };
    let last = page_paths_last_segment(page);
    if matches!(method, "POST" | "PUT") && last.as_deref() == Some("$ref") {
        return Some(RequestBody::Reference {
            source: page.source(section.line),
        });
    }
    if matches!(method, "PUT" | "POST" | "PATCH")
        && matches!(last.as_deref(), Some("$value" | "content"))
    {
        return Some(RequestBody::Stream {
            source: page.source(section.line),
        });
    }
    let text: String = section
        .paragraphs()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = inline::plain_text(&text).to_ascii_lowercase();
    if lower.contains("do not supply")
        || lower.contains("don't supply")
        || lower.contains("no request body")
        || lower.contains("not require a request body")
        || lower.contains("not require any request body")
    {
        return None;
    }
    let at = page.source(section.line);
    if params_go_in_the_url(section) {
        return None;
    }
    let table = section.tables().next();
    let parameters = table
        .map(|t| properties_from_table(page, t, diagnostics))
        .unwrap_or_default();
    let links = link_candidates(&text, false);
    let says_representation = lower.contains("json representation");
    if updates || (method == "POST" && says_representation) {
        // The linked resource, else what the response, the title or the description names.
        let mut hints = links;
        if hints.is_empty() {
            hints.extend(response.body.iter().filter(|t| !t.collection).cloned());
            hints.extend(response.hints.iter().filter(|t| !t.collection).cloned());
        }
        hints.extend(body_hints(page));
        return Some(RequestBody::Parameters {
            parameters,
            hints,
            source: at,
        });
    }
    if let Some(table) = table {
        return Some(RequestBody::Parameters {
            parameters,
            hints: if creates {
                body_hints(page)
            } else {
                Vec::new()
            },
            source: page.source(table.line),
        });
    }
    body_from_prose(page, links, (method, creates), at, diagnostics)
}

/// A body section with no table: the one resource its prose links (`Provide the new
/// [openShift](...) object`), the entity a create sends, or a reported untyped body.
fn body_from_prose(
    page: &Page,
    links: Vec<TypeRef>,
    (method, creates): (&str, bool),
    at: crate::diagnostics::Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RequestBody> {
    // `Provide the new [openShift](...) object`: a POST naming one resource by its link text.
    let named: Vec<TypeRef> = links
        .into_iter()
        .filter(|t| t.written.trim_matches('`') == t.name)
        .take(1)
        .collect();
    if !named.is_empty() || creates {
        let mut hints = named;
        if creates {
            hints.extend(body_hints(page));
        }
        return Some(RequestBody::Parameters {
            parameters: Vec::new(),
            hints,
            source: at,
        });
    }
    if method == "GET" || method == "DELETE" {
        return None;
    }
    diagnostics.push(Diagnostic::new(
        Code::UntypedRequestBody,
        &at,
        "`Request body` names no type and has no parameter table; the body is not typed",
    ));
    // Documented but untyped: examples with a body are reported as such, not as "no body".
    Some(RequestBody::Parameters {
        parameters: Vec::new(),
        hints: Vec::new(),
        source: at,
    })
}

/// The resource a create or update page works on: what the response, title or description name.
pub(super) fn entity_hints(page: &Page, response: &Response) -> Vec<TypeRef> {
    let mut hints: Vec<TypeRef> = response
        .body
        .iter()
        .chain(&response.hints)
        .filter(|t| !t.collection)
        .cloned()
        .collect();
    hints.extend(body_hints(page));
    hints
}
