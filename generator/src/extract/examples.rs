//! Example requests and responses, detected by content; annotations are hints only.

use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::{Example, ExampleBody, ExampleRequest, ExampleResponse};
use crate::parse::http::{parse_message, HttpMessage};
use crate::parse::json::parse_body;
use crate::parse::page::{Fence, Page};

pub fn extract_examples(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_examples = false;
    for section in &page.sections {
        let heading = section.heading.to_ascii_lowercase();
        if heading.starts_with("example") {
            in_examples = true;
        } else if section.level == 2
            && in_examples
            && !heading.starts_with("request")
            && !heading.starts_with("response")
        {
            // A later H2 (`See also`, `Related content`) ends the examples.
            in_examples = false;
        }
        if !in_examples {
            continue;
        }
        for fence in section.fences() {
            read_fence(page, fence, &mut examples, diagnostics);
        }
    }
    examples
}

fn read_fence(
    page: &Page,
    fence: &Fence,
    examples: &mut Vec<Example>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let hint = fence
        .annotation
        .as_ref()
        .and_then(|a| a.block_type.as_deref());
    // `ignored` marks examples the docs' own tooling does not run; they are examples all the same.
    if hint == Some("example") {
        return;
    }
    let first_line = fence
        .body
        .lines()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(0);
    let at = Source::new(&page.file, fence.line + 1 + first_line);
    let Some(message) = parse_message(&fence.body) else {
        if matches!(hint, Some("request" | "response")) {
            diagnostics.push(Diagnostic::new(
                Code::UnreadableExample,
                &at,
                format!(
                    "code block marked as a {} is not an HTTP message; not tested",
                    hint.unwrap_or_default()
                ),
            ));
        }
        return;
    };
    match message {
        HttpMessage::Request(request) => {
            let content_type = content_type(&request.headers);
            let body = request.body.as_deref().map(|raw| {
                example_body(
                    page,
                    fence,
                    raw,
                    request.body_offset,
                    content_type,
                    diagnostics,
                )
            });
            examples.push(Example {
                name: fence.annotation.as_ref().and_then(|a| a.name.clone()),
                request: Some(ExampleRequest {
                    method: request.method,
                    url: crate::ir::url::ExampleUrl::parse(&request.url),
                    headers: request.headers,
                    body,
                    source: at,
                }),
                response: None,
            });
        }
        HttpMessage::Response(response) => {
            let content_type = content_type(&response.headers);
            let body = response.body.as_deref().map(|raw| {
                example_body(
                    page,
                    fence,
                    raw,
                    response.body_offset,
                    content_type,
                    diagnostics,
                )
            });
            let example_response = ExampleResponse {
                status: response.status,
                headers: response.headers,
                body,
                source: at,
            };
            match examples.last_mut() {
                Some(example) if example.response.is_none() => {
                    example.response = Some(example_response)
                }
                _ => examples.push(Example {
                    name: None,
                    request: None,
                    response: Some(example_response),
                }),
            }
        }
    }
}

/// The `Content-Type` an example names, when it is not JSON.
fn content_type(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.split(';').next().unwrap_or_default().trim())
        .filter(|t| !t.is_empty() && !t.to_ascii_lowercase().contains("json"))
}

fn example_body(
    page: &Page,
    fence: &Fence,
    raw: &str,
    body_offset: usize,
    non_json_type: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ExampleBody {
    let body_line = fence.line + body_offset;
    let parsed = parse_body(raw);
    // A body that says it is not JSON (and is not) is no JSON defect.
    if non_json_type.is_some() && parsed.value.is_none() {
        return ExampleBody {
            raw: raw.to_owned(),
            strict: false,
            json: None,
            non_json_type: non_json_type.map(str::to_owned),
            source: Source::new(&page.file, body_line),
        };
    }
    if let Some((line, message)) = &parsed.strict_error {
        let at = Source::new(&page.file, body_line + line.saturating_sub(1));
        let outcome = if parsed.value.is_some() {
            "read leniently"
        } else {
            "not readable even leniently; not tested"
        };
        diagnostics.push(Diagnostic::new(
            Code::ExampleNotStrictJson,
            &at,
            format!("example body is not strict JSON ({message}); {outcome}"),
        ));
    }
    ExampleBody {
        raw: raw.to_owned(),
        strict: parsed.strict_error.is_none(),
        json: parsed.value,
        non_json_type: None,
        source: Source::new(&page.file, body_line),
    }
}
