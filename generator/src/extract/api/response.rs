//! What an operation answers: the status and the type, from links, emphasis, prose and the
//! example's `@odata.type`.

use crate::diagnostics::{Code, Diagnostic};
use crate::extract::types::parse_type_cell;
use crate::ir::{Response, TypeRef};
use crate::parse::inline::{self, Span};
use crate::parse::page::Page;

pub(super) fn response(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Response {
    let Some(section) = page.section(&["response"]) else {
        let line = page.title.as_ref().map_or(1, |t| t.1);
        diagnostics.push(Diagnostic::new(
            Code::NoResponseSection,
            &page.source(line),
            "no `Response` section; assuming `200 OK` with no typed body",
        ));
        return Response {
            status: 200,
            body: None,
            hints: example_response_hints(page),
            body_assumed: false,
            source: page.source(line),
        };
    };
    let text: String = section
        .paragraphs()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let status = status_code(&text).unwrap_or(200);
    let at = section
        .paragraphs()
        .next()
        .map_or(page.source(section.line), |p| page.source(p.line));
    let body =
        (status != 204)
            .then(|| resource_link(&text))
            .flatten()
            .map(|(name, target_text)| TypeRef {
                written: target_text,
                name,
                collection: linked_sentence_says_collection(&text),
                resolved: None,
            });
    let collection = linked_sentence_says_collection(&text);
    let mut hints = if status == 204 {
        Vec::new()
    } else {
        link_candidates(&text, collection)
    };
    if !hints.is_empty() {
        hints.remove(0);
    }
    hints.extend(emphasised_names(&text, collection));
    hints.extend(example_response_hints(page));
    if status != 204 {
        hints.extend(primitive_names(&text));
    }
    if status != 204 && mentions_stream(&text) {
        hints.push(TypeRef {
            written: "Stream".into(),
            name: "Stream".into(),
            collection: false,
            resolved: None,
        });
    }
    Response {
        status,
        body,
        hints,
        body_assumed: false,
        source: at,
    }
}

/// The OData primitive names as the reference writes them in prose (`Date` is left out: in prose
/// it is mostly an English word).
pub(super) const ODATA_PRIMITIVES: &[&str] = &[
    "String",
    "Boolean",
    "Int16",
    "Int32",
    "Int64",
    "Double",
    "Decimal",
    "Guid",
    "DateTimeOffset",
    "TimeOfDay",
    "Duration",
];

/// "returns a `200 OK` response code and a String collection": OData primitive types named in
/// the prose, as written (capitalised), with `collection` after them when they are one.
pub(super) fn primitive_names(text: &str) -> Vec<TypeRef> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| ODATA_PRIMITIVES.contains(*w))
        .map(|(i, w)| TypeRef {
            written: (*w).to_owned(),
            name: (*w).to_owned(),
            collection: words
                .get(i + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case("collection")),
            resolved: None,
        })
        .take(1)
        .collect()
}

/// Whether the sentence that links the response type calls it a collection; a later sentence
/// ("… includes a collection of meeting suggestions") is about something else.
pub(super) fn linked_sentence_says_collection(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let sentence = lower
        .split(". ")
        .find(|s| s.contains(".md"))
        .unwrap_or(&lower);
    sentence.contains("collection")
}

/// "returns a Stream in the response body": the body is bytes, whatever else the prose names.
pub(super) fn mentions_stream(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("stream"))
}

/// `**alert** object`, `` `user` ``: names set off in prose that may be types.
pub(super) fn emphasised_names(markdown: &str, collection: bool) -> Vec<TypeRef> {
    let mut names = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("**") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("**") else { break };
        names.push(after[..end].to_owned());
        rest = &after[end + 2..];
    }
    for span in inline::spans(markdown) {
        if let Span::Code(code) = span {
            // "the `Location` header" names a header, not a type.
            if !markdown.contains(&format!("`{code}` header")) {
                names.push(code);
            }
        }
    }
    names
        .into_iter()
        .filter(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
                && n.parse::<u32>().is_err()
        })
        .map(|name| TypeRef {
            written: name.clone(),
            name,
            collection,
            resolved: None,
        })
        .collect()
}

/// The `@odata.type` (and `isCollection`) of the first response example's annotation.
pub(super) fn example_response_hints(page: &Page) -> Vec<TypeRef> {
    page.sections
        .iter()
        .flat_map(|s| s.fences())
        .filter_map(|f| f.annotation.as_ref())
        .filter(|a| a.block_type.as_deref() == Some("response"))
        .filter_map(|a| {
            let t = a.odata_type.as_deref()?.trim().trim_start_matches('#');
            let collection =
                t.to_ascii_lowercase().starts_with("collection(") || a.is_collection == Some(true);
            let mut ty = parse_type_cell(t)?;
            ty.collection = collection;
            Some(ty)
        })
        .take(1)
        .collect()
}

/// The first three-digit status code in the prose (`200 OK`).
/// The status the response prose promises on success: the first 2xx it names, else the first
/// 1xx or 3xx. Prose often names failures too (`507 Insufficient Storage` when the file is too
/// large); a failure is never the success status, so prose naming only failures names none.
pub(super) fn status_code(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    let codes: Vec<u16> = (0..bytes.len().saturating_sub(2))
        .filter_map(|i| {
            let window = &bytes[i..i + 3];
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + 3);
            let isolated = !before.is_some_and(|b| b.is_ascii_alphanumeric())
                && !after.is_some_and(|b| b.is_ascii_alphanumeric());
            (isolated
                && window.iter().all(u8::is_ascii_digit)
                && (b'1'..=b'5').contains(&window[0]))
            .then(|| std::str::from_utf8(window).ok()?.parse().ok())
            .flatten()
        })
        .collect();
    codes
        .iter()
        .find(|c| (200..300).contains(*c))
        .or(codes.iter().find(|c| **c < 400))
        .copied()
}

/// Every type a link to another page of the reference may name: the link text when it is a
/// name (`[user](../resources/user.md)`), then the file name (`teamstab.md` -> `teamstab`;
/// names are matched case-insensitively). Resolve keeps the first that names a type.
pub(super) fn link_candidates(markdown: &str, collection: bool) -> Vec<TypeRef> {
    let mut out = Vec::new();
    for span in inline::spans(markdown) {
        let Span::Link { text, target } = span else {
            continue;
        };
        if !target.to_ascii_lowercase().contains(".md") || target.starts_with("http") {
            continue;
        }
        let word = text.trim().trim_matches('`');
        // `[Properties](group.md#properties)` names a section every resource page has: the link
        // is to the page's type, not to a type its text spells.
        let fragment = target.split_once('#').map(|(_, f)| f.to_ascii_lowercase());
        let names_section = fragment.as_deref().is_some_and(|f| {
            [
                "properties",
                "relationships",
                "methods",
                "json-representation",
            ]
            .contains(&f)
        });
        if !names_section
            && !word.is_empty()
            && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            if let Some(t) = parse_type_cell(word) {
                out.push(TypeRef { collection, ..t });
            }
        }
        let file = target
            .split('#')
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let stem = file.get(..file.len().saturating_sub(3)).unwrap_or_default();
        // `projectrome-activity.md`: the page (resolve knows which type it defines), then `activity`.
        for name in [stem, stem.rsplit('-').next().unwrap_or(stem)] {
            if !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !out.iter().any(|t: &TypeRef| t.name == name)
            {
                out.push(TypeRef {
                    written: text.clone(),
                    name: name.to_owned(),
                    collection,
                    resolved: None,
                });
            }
        }
    }
    out
}

/// The first link to another page of the reference: (name, link text).
pub(super) fn resource_link(markdown: &str) -> Option<(String, String)> {
    link_candidates(markdown, false)
        .into_iter()
        .next()
        .map(|t| (t.name, t.written))
}
