//! API pages: HTTP request lines, headers, request body, response, permissions, examples. This
//! module reads a page's operations; `request_lines` its paths and function arguments,
//! `response` what it answers, `request_body` what it sends, `tables` its headers and
//! permissions.

use crate::diagnostics::Diagnostic;
use crate::extract::examples::extract_examples;
use crate::extract::{description, title};
use crate::ir::{Operation, OperationKind, PathTemplate, Response};
use crate::parse::http::request_line;
use crate::parse::page::{Page, Section};
use crate::parse::path::{parse_segments, split_url, Segment};

mod permissions;
mod request_body;
mod request_lines;
mod response;
mod tables;

use permissions::{permissions, request_groups, scope_paths, settle_scopes};
use request_body::*;
use request_lines::*;
use response::*;
use tables::*;

/// OData system query options every list and get accepts.
pub const ODATA_QUERY_OPTIONS: &[&str] = &[
    "$select", "$filter", "$top", "$skip", "$orderby", "$expand", "$count", "$search",
];

pub fn http_section(page: &Page) -> Option<&Section> {
    page.section(&["http request"])
        .filter(|s| !request_fences(page, s).is_empty())
}

/// The code blocks of the `HTTP request` section, and the request blocks of its subsections
/// (`### Create an extension in an existing resource instance`).
pub(super) fn request_fences<'a>(
    page: &'a Page,
    section: &'a Section,
) -> Vec<&'a crate::parse::page::Fence> {
    let mut fences: Vec<_> = section.fences().collect();
    let below = page
        .sections
        .iter()
        .skip_while(|s| !std::ptr::eq(*s, section))
        .skip(1)
        .take_while(|s| s.level > section.level);
    for sub in below {
        fences.extend(sub.fences().filter(|f| {
            f.body
                .lines()
                .find(|l| !l.trim().is_empty())
                .and_then(request_line)
                .is_some()
        }));
    }
    fences
}

/// The page's operations: one per HTTP method its request lines use. Most pages have one; a page
/// that documents a `POST` and a `PATCH` (create, or update an existing one) yields both.
pub fn extract_operations(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Operation> {
    let (title, title_line) = title(page);
    let Some(groups) = request_lines(page, diagnostics) else {
        return Vec::new();
    };
    let mut split = Vec::new();
    for (method, paths) in groups {
        // `GET …/{id}` and `GET …/{id}/$value` on one page are two operations: the resource and
        // its raw content (a message's MIME, a file's bytes).
        let (content, resource): (Vec<_>, Vec<_>) = paths
            .into_iter()
            .partition(|p| matches!(p.segments.last(), Some(Segment::Static(s)) if s == "$value"));
        let label = if split.is_empty() {
            None
        } else {
            Some(method.clone())
        };
        if resource.is_empty() || content.is_empty() {
            split.push((
                method,
                if resource.is_empty() {
                    content
                } else {
                    resource
                },
                label,
            ));
        } else {
            split.push((method.clone(), resource, label));
            split.push((method, content, Some("$value".to_owned())));
        }
    }
    let groups: Vec<_> = split
        .into_iter()
        .map(|(method, paths, label)| {
            if method != "GET" {
                return (method, paths, Vec::new(), label);
            }
            let parameters = function_parameters(page, &paths);
            let paths = with_function_parameters(page, paths, &parameters, diagnostics);
            (method, paths, parameters, label)
        })
        .collect();
    let response = response(page, diagnostics);
    let mut examples = Some(extract_examples(page, diagnostics));
    let mut permissions = permissions(page, diagnostics);
    let request_groups = http_section(page)
        .map(|s| request_groups(page, s))
        .unwrap_or_default();
    if permissions.iter().any(|p| p.scope.is_some()) {
        // Against every path of the page: a subsection may cover one method's paths only.
        let all: Vec<&PathTemplate> = groups.iter().flat_map(|g| &g.1).collect();
        settle_scopes(page, &mut permissions, &request_groups, &all, diagnostics);
    }
    groups
        .into_iter()
        .filter_map(|(method, paths, function_parameters, label)| {
            // The request line read only the methods there are.
            let http_method = crate::ir::HttpMethod::from_name(&method)?;
            let title = match &label {
                Some(label) => format!("{title} ({label})"),
                None => title.clone(),
            };
            let request_body = request_body(page, &method, &response, diagnostics);
            let mut permissions = permissions.clone();
            let own: Vec<&PathTemplate> = paths.iter().collect();
            scope_paths(&mut permissions, &request_groups, &own);
            let kind = kind(&method, &title, &paths, &response);
            let query_options = if matches!(kind, OperationKind::List | OperationKind::Get) {
                ODATA_QUERY_OPTIONS
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect()
            } else {
                Vec::new()
            };
            Some(Operation {
                title,
                description: description(page),
                kind,
                method: http_method,
                paths,
                query_options,
                request_headers: request_headers(page),
                request_body,
                response: response.clone(),
                permissions,
                // The first operation holds the examples; each is routed by its own method.
                examples: examples.take().unwrap_or_default(),
                source: page.source(title_line),
                implied: false,
                function_parameters,
            })
        })
        .collect()
}

/// The last static segment of the page's first request line (`$ref`, `$value`, `content`).
pub(super) fn page_paths_last_segment(page: &Page) -> Option<String> {
    let section = http_section(page)?;
    let fence = *request_fences(page, section).first()?;
    let (_, url) = fence.body.lines().find_map(request_line)?;
    let split = split_url(url);
    match parse_segments(&split.path).last()? {
        Segment::Static(s) => Some(s.clone()),
        _ => None,
    }
}

pub(super) fn kind(
    method: &str,
    title: &str,
    paths: &[PathTemplate],
    response: &Response,
) -> OperationKind {
    let last = paths.first().and_then(|p| p.segments.last());
    let title = title.to_ascii_lowercase();
    // `message: move`, `message: createReply`: the page of an action or function bound to a
    // type, named by its segment. It is sent with its verb whatever it answers (`move` answers
    // `201 Created`); `create` is for adding to a collection.
    let names_its_segment = title.split_once(':').is_some_and(
        |(_, name)| matches!(last, Some(Segment::Static(s)) if s.eq_ignore_ascii_case(name.trim())),
    );
    match method {
        "POST" if names_its_segment => OperationKind::Action,
        "DELETE" => OperationKind::Delete,
        "PATCH" | "PUT" => OperationKind::Update,
        "GET" if matches!(last, Some(Segment::Function { .. })) => OperationKind::Function,
        "GET"
            if response.body.as_ref().is_some_and(|b| b.collection)
                || title.starts_with("list") =>
        {
            OperationKind::List
        }
        "GET" => OperationKind::Get,
        _ if title.starts_with("create") || title.starts_with("add") || response.status == 201 => {
            OperationKind::Create
        }
        _ => OperationKind::Action,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_status_codes() {
        assert_eq!(status_code("returns a `200 OK` response code"), Some(200));
        assert_eq!(status_code("returns `204 No Content`."), Some(204));
        assert_eq!(status_code("version 1000 of 2016"), None);
        assert_eq!(
            status_code("If the size exceeds the quota, `507` is returned; otherwise `200 OK`."),
            Some(200)
        );
    }

    /// `POST /groups` was typed as `externalConnectors.properties` by a link to group.md's
    /// Properties section (found by comparing the pages with the service metadata).
    #[test]
    fn a_link_to_a_pages_section_names_the_pages_type_not_its_text() {
        let names = |text: &str| -> Vec<String> {
            response::link_candidates(text, false)
                .into_iter()
                .map(|t| t.name)
                .collect()
        };
        assert_eq!(
            names("noted in the [Properties](../resources/group.md#properties) section"),
            ["group"]
        );
        // A section named after a type still names that type first.
        assert_eq!(
            names("[chatType](../resources/chat.md#chattype-values)"),
            ["chatType", "chat"]
        );
    }

    #[test]
    fn reads_what_the_response_prose_names() {
        let sentence = "returns a `200 OK` response code and a [meetingTimeSuggestionsResult](../resources/x.md) in the response body. A **meetingTimeSuggestionsResult** includes a collection of meeting suggestions.";
        assert!(!linked_sentence_says_collection(sentence));
        assert!(linked_sentence_says_collection(
            "returns a collection of [chat](../resources/chat.md) objects."
        ));
        let named = primitive_names(
            "returns a `200 OK` response code and a String collection in the response body",
        );
        assert_eq!(
            (named[0].name.as_str(), named[0].collection),
            ("String", true)
        );
        assert!(primitive_names("a Location header that provides a URL path").is_empty());
        assert!(mentions_stream("returns a Stream in the response body"));
        assert!(!mentions_stream("returns a streaming URL"));
    }

    #[test]
    fn function_pages_are_titled_after_the_function() {
        let page =
            |title: &str| crate::parse::page::parse_page("api/x.md", &format!("# {title}\n")).0;
        assert!(title_names_function(&page("Range: Cell"), "cell"));
        assert!(title_names_function(
            &page("getEffectivePermissions function"),
            "getEffectivePermissions"
        ));
        assert!(!title_names_function(&page("Get Drive"), "drive"));
    }
}
