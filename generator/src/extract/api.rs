//! API pages: HTTP request lines, headers, request body, response, permissions, examples.

use super::examples::extract_examples;
use super::type_tables::properties_from_table;
use super::types::parse_type_cell;
use crate::diagnostics::{Diagnostic, Source};
use crate::ir::{
    Header, Operation, OperationKind, PathTemplate, Permission, RequestBody, Response, TypeRef,
};
use crate::parse::http::request_line;
use crate::parse::inline::{self, Span};
use crate::parse::page::{Page, Section};
use crate::parse::path::{parse_segments, repair_template, split_url, Segment};

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
fn request_fences<'a>(page: &'a Page, section: &'a Section) -> Vec<&'a crate::parse::page::Fence> {
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
    let (title, title_line) = super::title(page);
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
    groups
        .into_iter()
        .map(|(method, paths, function_parameters, label)| {
            let title = match &label {
                Some(label) => format!("{title} ({label})"),
                None => title.clone(),
            };
            let request_body = request_body(page, &method, &response, diagnostics);
            let kind = kind(&method, &title, &paths, &response);
            let query_options = if matches!(kind, OperationKind::List | OperationKind::Get) {
                ODATA_QUERY_OPTIONS
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect()
            } else {
                Vec::new()
            };
            Operation {
                title,
                description: super::description(page),
                kind,
                method,
                paths,
                query_options,
                request_headers: request_headers(page),
                request_body,
                response: response.clone(),
                permissions: permissions(page),
                // The first operation holds the examples; each is routed by its own method.
                examples: examples.take().unwrap_or_default(),
                source: page.source(title_line),
                implied: false,
                function_parameters,
            }
        })
        .collect()
}

/// A function whose request lines leave out the parentheses (`GET /reports/getUserArchivedPrintJobs`,
/// `GET …/range/cell`) while a `Function parameters` (or `Parameters`, `Path parameters`) table
/// lists arguments the path does not hold: each such line is also reachable with the arguments,
/// `getUserArchivedPrintJobs(userId='{userId}',…)`, as one more path of the same operation.
/// The parameters a function's table lists that its request lines do not hold as placeholders.
fn function_parameters(page: &Page, paths: &[PathTemplate]) -> Vec<crate::ir::Property> {
    // A table under `Request body` lists the function's parameters when the prose says they go
    // in the URL (as the Intune pages print them); otherwise they are a body (Excel's `GET`s).
    let Some(section) = page.sections.iter().find(|s| {
        let h = inline::plain_text(&s.heading).trim().to_ascii_lowercase();
        let names_parameters = matches!(
            h.as_str(),
            "function parameters" | "parameters" | "path parameters"
        ) || (h == "request body" && params_go_in_the_url(s));
        names_parameters && s.tables().next().is_some()
    }) else {
        return Vec::new();
    };
    let Some(table) = section.tables().next() else {
        return Vec::new();
    };
    let placeholders: Vec<String> = paths
        .iter()
        .flat_map(|p| p.segments.iter())
        .filter_map(|s| match s {
            Segment::Param { alternatives, .. } => Some(alternatives.clone()),
            _ => None,
        })
        .flatten()
        .map(|a| a.to_ascii_lowercase())
        .collect();
    let mut ignored = Vec::new();
    properties_from_table(page, table, &mut ignored)
        .into_iter()
        .filter(|p| {
            !placeholders.contains(&p.name.to_ascii_lowercase())
                && p.name.chars().all(|c| c.is_ascii_alphanumeric())
        })
        .collect()
}

fn with_function_parameters(
    page: &Page,
    mut paths: Vec<PathTemplate>,
    parameters: &[crate::ir::Property],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathTemplate> {
    if parameters.is_empty() {
        return paths;
    }
    let args: Vec<String> = parameters
        .iter()
        .map(|p| {
            let quoted = matches!(
                super::types::primitive(p.ty.name.trim_start_matches("Edm.")),
                Some(crate::ir::Primitive::String | crate::ir::Primitive::Guid)
            );
            if quoted {
                format!("{0}='{{{0}}}'", p.name)
            } else {
                format!("{0}={{{0}}}", p.name)
            }
        })
        .collect();
    let mut added = Vec::new();
    for path in &paths {
        let Some(Segment::Static(last)) = path.segments.last() else {
            continue;
        };
        if !last.chars().all(|c| c.is_ascii_alphanumeric())
            || path.segments.len() < 2
            || !title_names_function(page, last)
        {
            continue;
        }
        let template = format!(
            "{}({})",
            path.template.trim_end_matches('/'),
            args.join(",")
        );
        diagnostics.push(Diagnostic::note(
            "function-parameters-path",
            &path.source,
            format!(
                "`{last}` takes the parameters its table lists; also reachable as `{template}`"
            ),
        ));
        added.push(PathTemplate {
            segments: parse_segments(&template),
            template,
            source: path.source.clone(),
        });
    }
    paths.extend(added);
    paths
}

/// "In the request URL, provide the following query parameters": a `Request body` section whose
/// table is not a body.
fn params_go_in_the_url(section: &Section) -> bool {
    let text: String = section
        .paragraphs()
        .map(|p| p.text.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    text.contains("request url") || text.contains("query parameters")
}

/// Function pages are titled after the function: `Range: Cell`, `getEffectivePermissions function`.
fn title_names_function(page: &Page, name: &str) -> bool {
    let title = inline::plain_text(&super::title(page).0);
    let words: Vec<&str> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let names_it = words.iter().any(|w| w.eq_ignore_ascii_case(name));
    names_it && (title.contains(':') || words.iter().any(|w| w.eq_ignore_ascii_case("function")))
}

/// Every `METHOD /path` line under "HTTP request"; without that heading, the first fence of
/// request lines that have no host (examples have hosts).
fn request_lines(
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Vec<PathTemplate>)>> {
    let fences: Vec<_> = match http_section(page) {
        Some(section) => request_fences(page, section),
        None => {
            let fallback = page
                .sections
                .iter()
                .take_while(|s| !s.heading.to_ascii_lowercase().starts_with("example"))
                .flat_map(|s| s.fences())
                .find(|f| {
                    f.body
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .and_then(request_line)
                        .is_some_and(|(_, url)| url.starts_with('/'))
                });
            let line = page.title.as_ref().map_or(1, |t| t.1);
            match fallback {
                Some(f) => {
                    diagnostics.push(Diagnostic::note(
                        "no-http-request-heading",
                        &page.source(f.line),
                        "no `HTTP request` heading; the request lines are taken from this code block",
                    ));
                    vec![f]
                }
                None => {
                    diagnostics.push(Diagnostic::warning(
                        "no-http-request",
                        &page.source(line),
                        "API page has no `HTTP request` section with a code block; no operation generated",
                    ));
                    return None;
                }
            }
        }
    };
    let mut groups: Vec<(String, Vec<PathTemplate>)> = Vec::new();
    for fence in fences {
        for (offset, line) in fence.body.lines().enumerate() {
            let at = Source::new(&page.file, fence.line + 1 + offset);
            let text = line.trim();
            if text.is_empty() || text.starts_with("//") || text.starts_with('#') {
                continue;
            }
            let Some((m, url)) = request_line(text) else {
                diagnostics.push(Diagnostic::warning(
                    "bad-request-line",
                    &at,
                    format!("`{text}` is not a `METHOD /path` line; ignored"),
                ));
                continue;
            };
            let mut split = split_url(url);
            if let Some((repaired, fixes)) = repair_template(&split.path) {
                diagnostics.push(Diagnostic::warning(
                    "path-template-corrected",
                    &at,
                    format!(
                        "request line writes `{}`; read as `{repaired}` ({})",
                        split.path,
                        fixes.join("; ")
                    ),
                ));
                split.path = repaired;
            }
            if !url.starts_with('/') && split.host.is_none() {
                diagnostics.push(Diagnostic::warning(
                    "path-without-slash",
                    &at,
                    format!(
                        "path `{url}` does not start with `/`; read as `{}`",
                        split.path
                    ),
                ));
            }
            let group = match groups.iter().position(|(method, _)| *method == m) {
                Some(g) => g,
                None => {
                    if let Some((first, _)) = groups.first() {
                        diagnostics.push(Diagnostic::note(
                            "mixed-methods",
                            &at,
                            format!("`{m}` line in a page whose first request line is `{first}`; generated as a second operation"),
                        ));
                    }
                    groups.push((m, Vec::new()));
                    groups.len() - 1
                }
            };
            let paths = &mut groups[group].1;
            if paths.iter().any(|p| p.template == split.path) {
                continue;
            }
            paths.push(PathTemplate {
                segments: parse_segments(&split.path),
                template: split.path,
                source: at,
            });
        }
    }
    (!groups.is_empty()).then_some(groups)
}

fn response(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Response {
    let Some(section) = page.section(&["response"]) else {
        let line = page.title.as_ref().map_or(1, |t| t.1);
        diagnostics.push(Diagnostic::note(
            "no-response-section",
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
const ODATA_PRIMITIVES: &[&str] = &[
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
fn primitive_names(text: &str) -> Vec<TypeRef> {
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
fn linked_sentence_says_collection(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let sentence = lower
        .split(". ")
        .find(|s| s.contains(".md"))
        .unwrap_or(&lower);
    sentence.contains("collection")
}

/// "returns a Stream in the response body": the body is bytes, whatever else the prose names.
fn mentions_stream(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("stream"))
}

/// `**alert** object`, `` `user` ``: names set off in prose that may be types.
fn emphasised_names(markdown: &str, collection: bool) -> Vec<TypeRef> {
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
fn example_response_hints(page: &Page) -> Vec<TypeRef> {
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

/// Create and update pages name their type in the title (`Update alert`) or link it in the
/// description.
fn body_hints(page: &Page) -> Vec<TypeRef> {
    let mut hints = Vec::new();
    if let Some((name, written)) = resource_link(&super::description(page)) {
        hints.push(TypeRef {
            written,
            name,
            collection: false,
            resolved: None,
        });
    }
    let (title, _) = super::title(page);
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

/// The first three-digit status code in the prose (`200 OK`).
fn status_code(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2)).find_map(|i| {
        let window = &bytes[i..i + 3];
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 3);
        let isolated = !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric());
        (isolated && window.iter().all(u8::is_ascii_digit) && (b'1'..=b'5').contains(&window[0]))
            .then(|| std::str::from_utf8(window).ok()?.parse().ok())
            .flatten()
    })
}

/// Every type a link to another page of the reference may name: the link text when it is a
/// name (`[user](../resources/user.md)`), then the file name (`teamstab.md` -> `teamstab`;
/// names are matched case-insensitively). Resolve keeps the first that names a type.
fn link_candidates(markdown: &str, collection: bool) -> Vec<TypeRef> {
    let mut out = Vec::new();
    for span in inline::spans(markdown) {
        let Span::Link { text, target } = span else {
            continue;
        };
        if !target.to_ascii_lowercase().contains(".md") || target.starts_with("http") {
            continue;
        }
        let word = text.trim().trim_matches('`');
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
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
fn resource_link(markdown: &str) -> Option<(String, String)> {
    link_candidates(markdown, false)
        .into_iter()
        .next()
        .map(|t| (t.name, t.written))
}

fn request_body(
    page: &Page,
    method: &str,
    response: &Response,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RequestBody> {
    let updates = matches!(method, "PATCH" | "PUT");
    let creates = method == "POST"
        && inline::plain_text(&super::title(page).0)
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
            diagnostics.push(Diagnostic::note(
                "no-request-body-section",
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
    diagnostics.push(Diagnostic::warning(
        "untyped-request-body",
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
fn entity_hints(page: &Page, response: &Response) -> Vec<TypeRef> {
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

/// The last static segment of the page's first request line (`$ref`, `$value`, `content`).
fn page_paths_last_segment(page: &Page) -> Option<String> {
    let section = http_section(page)?;
    let fence = *request_fences(page, section).first()?;
    let (_, url) = fence.body.lines().find_map(request_line)?;
    let split = split_url(url);
    match parse_segments(&split.path).last()? {
        Segment::Static(s) => Some(s.clone()),
        _ => None,
    }
}

fn kind(method: &str, title: &str, paths: &[PathTemplate], response: &Response) -> OperationKind {
    let last = paths.first().and_then(|p| p.segments.last());
    let title = title.to_ascii_lowercase();
    match method {
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

fn request_headers(page: &Page) -> Vec<Header> {
    let Some(table) = page
        .section(&["request header"])
        .and_then(|s| s.tables().next())
    else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let first = inline::plain_text(row.cells.first()?);
            // Some pages fuse header and value in one cell: `Prefer: outlook.timezone`.
            let (name, fused) = match first.split_once(':') {
                Some((n, v)) => (n.trim().to_owned(), Some(v.trim().to_owned())),
                None => (first.trim().to_owned(), None),
            };
            let value = fused.unwrap_or_else(|| {
                row.cells
                    .get(1)
                    .map(|c| inline::plain_text(c))
                    .unwrap_or_default()
            });
            let required = row
                .cells
                .iter()
                .skip(1)
                .any(|c| c.to_ascii_lowercase().contains("required"));
            (!name.is_empty()).then_some(Header {
                name,
                value,
                required,
            })
        })
        .collect()
}

fn permissions(page: &Page) -> Vec<Permission> {
    let Some(table) = page
        .section(&["permissions", "prerequisites"])
        .and_then(|s| s.tables().next())
    else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let permission_type = inline::plain_text(row.cells.first()?);
            let permissions = row
                .cells
                .iter()
                .skip(1)
                .flat_map(|c| {
                    inline::plain_text(c)
                        .split(',')
                        .map(|p| p.trim().to_owned())
                        .collect::<Vec<_>>()
                })
                .filter(|p| {
                    !p.is_empty()
                        && !p.to_ascii_lowercase().starts_with("not supported")
                        && p != "Not available."
                })
                .collect();
            Some(Permission {
                permission_type,
                permissions,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_status_codes() {
        assert_eq!(status_code("returns a `200 OK` response code"), Some(200));
        assert_eq!(status_code("returns `204 No Content`."), Some(204));
        assert_eq!(status_code("version 1000 of 2016"), None);
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
