//! The documentation's examples -> tests in the generated crate: every request example is rebuilt
//! with the builders, every example body is read into its type and written back.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde::Serialize;

use super::builders::{ApiIndex, Body, Output};
use super::docs::Doc;
use crate::diagnostics::{Diagnostic, Source};
use crate::ir::{Example, ExampleBody, Operation, RequestBody, Schema};
use crate::naming::{snake_name, Scope};
use crate::parse::path::{parse_segments, split_url, Segment};
use crate::validate::{self, Shape};

/// How many examples became tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExampleCounts {
    pub example_bodies: usize,
    pub example_body_tests: usize,
    pub request_examples: usize,
    pub request_example_tests: usize,
    /// Test functions generated in all.
    pub tests: usize,
}

pub fn emit_example_tests(
    schema: &Schema,
    index: &ApiIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<String>, ExampleCounts) {
    let mut counts = ExampleCounts::default();
    let mut tests: Vec<String> = Vec::new();
    let mut scope = Scope::new();
    for (op_index, op) in schema.operations.iter().enumerate() {
        for (n, example) in op.examples.iter().enumerate() {
            // The operation an example's URL leads to: this page's, or another page's.
            let mut target = op_index;
            let stem = snake_name(example.name.as_deref().unwrap_or(&format!(
                "{} {}",
                op.title,
                n + 1
            )));
            if let Some(request) = &example.request {
                if let Some(host) = split_url(&request.url).host.filter(|h| !is_graph_host(h)) {
                    // A call the service makes to the app (a bot's callback), shown for context.
                    diagnostics.push(Diagnostic::note(
                        "example-not-graph",
                        &request.source,
                        format!("example request goes to `{host}`, not to Graph; it documents a callback and is not a Graph example"),
                    ));
                    continue;
                }
                counts.request_examples += 1;
            }
            if let Some(request) = &example.request {
                if request.body.is_some() {
                    counts.example_bodies += 1;
                }
                let routed = route_example(schema, index, op_index, request);
                target = routed.as_ref().map_or(op_index, |r| r.op);
                let test = request_test(schema, routed, example, index, diagnostics);
                if let Some(test) = test {
                    counts.request_example_tests += 1;
                    if request.body.is_some() {
                        counts.example_body_tests += 1;
                    }
                    counts.tests += 1;
                    let name = scope.claim(format!("{stem}_request"));
                    tests.push(test_fn(&name, &request.source, test));
                }
            }
            if let Some(response) = &example.response {
                if response.body.is_some() {
                    counts.example_bodies += 1;
                }
                let target_op = &schema.operations[target];
                if let Some(test) =
                    response_test(schema, target_op, target, example, index, diagnostics)
                {
                    if response.body.is_some() {
                        counts.example_body_tests += 1;
                    }
                    counts.tests += 1;
                    let name = scope.claim(format!("{stem}_response"));
                    tests.push(test_fn(&name, &response.source, test));
                }
            }
        }
    }
    (tests, counts)
}

/// One test function, documented with the place of its example, as token text.
fn test_fn(name: &str, source: &Source, body: TokenStream) -> String {
    let name = format_ident!("{}", name);
    let doc = Doc(format!("From {source}."));
    quote! {
        #doc
        #[test]
        fn #name() { #body }
    }
    .to_string()
}

/// The public and national-cloud Graph endpoints.
fn is_graph_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    [
        "graph.microsoft.com",
        "graph.microsoft.us",
        "dod-graph.microsoft.us",
        "graph.microsoft.de",
        "microsoftgraph.chinacloudapi.cn",
    ]
    .contains(&host.as_str())
}

/// The JSON text a test embeds: the page's body as the lenient parser read it (and as resolve
/// corrected it), printed strictly.
fn body_text(
    body: &ExampleBody,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<proc_macro2::Literal> {
    match &body.json {
        Some(json) => serde_json::to_string_pretty(json)
            .ok()
            .map(|t| raw_string(&t)),
        None => {
            diagnostics.push(Diagnostic::warning(
                "example-not-tested",
                &body.source,
                "example body is not JSON even read leniently; not tested",
            ));
            None
        }
    }
}

fn skip(diagnostics: &mut Vec<Diagnostic>, at: &Source, reason: String) -> Option<TokenStream> {
    diagnostics.push(Diagnostic::warning("example-not-tested", at, reason));
    None
}

/// Where an example request leads: the builder calls, the path as the request carries it, the
/// builder method and the operation.
struct Routed {
    calls: Vec<TokenStream>,
    path: String,
    method: String,
    op: usize,
    /// Why it is not tested, when it is not.
    refused: Option<String>,
}

fn route_example(
    schema: &Schema,
    index: &ApiIndex,
    op_index: usize,
    request: &crate::ir::ExampleRequest,
) -> Result<Routed, String> {
    let op = &schema.operations[op_index];
    let url = split_url(&request.url);
    let segments = parse_segments(&url.path);
    let mut steps = Vec::new();
    let end = walk(index, 0, &segments, &mut steps);
    let (calls, path): (Vec<TokenStream>, Vec<String>) = steps.into_iter().unzip();
    let same_method = |o: usize| {
        schema.operations[o]
            .method
            .eq_ignore_ascii_case(&request.method)
    };
    let Some(end) = end else {
        return Err(format!(
            "example URL path `{}` matches no documented path; not tested",
            url.path
        ));
    };
    let ops = &index.nodes[end].operation_methods;
    let found = ops
        .iter()
        .find(|(o, _)| *o == op_index && same_method(*o))
        .or_else(|| ops.iter().find(|(o, _)| same_method(*o)));
    let Some((target, method)) = found else {
        if !request.method.eq_ignore_ascii_case(&op.method) {
            return Err(format!(
                "example uses `{}` but the page documents `{}`; not tested",
                request.method, op.method
            ));
        }
        return Err(format!(
            "example URL path `{}` matches no documented `{}` operation; not tested",
            url.path, request.method
        ));
    };
    let mut refused = None;
    if *target != op_index {
        let other = &schema.operations[*target];
        refused = Some(if other.implied {
            format!(
                "example calls `{} {}`, which no page documents but OData implies (`{}`); tested as that operation",
                request.method, url.path, other.title
            )
        } else {
            format!(
                "example calls `{} {}`, which `{}` documents ({}); tested as that operation",
                request.method, url.path, other.title, other.source
            )
        });
    }
    Ok(Routed {
        calls,
        path: path.concat(),
        method: method.clone(),
        op: *target,
        refused,
    })
}

fn request_test(
    schema: &Schema,
    routed: Result<Routed, String>,
    example: &Example,
    index: &ApiIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let request = example.request.as_ref()?;
    let at = &request.source;
    let Routed {
        calls,
        path,
        method,
        op: op_index,
        refused,
    } = match routed {
        Ok(r) => r,
        Err(reason) => return skip(diagnostics, at, reason),
    };
    if let Some(note) = refused {
        diagnostics.push(Diagnostic::note("example-other-operation", at, note));
    }
    let op = &schema.operations[op_index];
    let url = split_url(&request.url);
    let segments = parse_segments(&url.path);
    let as_written: String = segments
        .iter()
        .map(|s| format!("/{}", decoded(s)))
        .collect();
    if !as_written.eq_ignore_ascii_case(&path) {
        diagnostics.push(Diagnostic::warning(
            "example-path-spelling",
            at,
            format!("example writes the path as `{as_written}` where the documented template gives `{path}`; tested as the template writes it"),
        ));
    }
    let method = format_ident!("{}", method);
    let mut chain = quote!(client #(#calls)*);
    let info = &index.operations[op_index];
    let (body_setup, body_arg, expected_body) = match (&info.body, &request.body) {
        (Body::Json(rust_type), Some(body)) => {
            let shape = match &op.request_body {
                Some(RequestBody::Type { ty, .. }) => Shape::Type(ty),
                Some(RequestBody::Parameters { parameters, .. }) => Shape::Parameters(parameters),
                _ => Shape::Reference,
            };
            let text = checked_body(schema, body, &shape, diagnostics)?;
            (
                quote! {
                    const BODY: &str = #text;
                    let body: #rust_type = crate::runtime::response::from_json_slice(BODY.as_bytes())
                        .expect("the example body reads as the operation's body type");
                },
                quote!(&body),
                quote!(crate::runtime::testing::ExpectedBody::Json(BODY)),
            )
        }
        (Body::Stream, Some(body)) => {
            let raw = raw_string(&body.raw);
            let content_type = request
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                .map_or("application/octet-stream", |(_, v)| v.as_str());
            (
                quote!(const BODY: &str = #raw;),
                quote!(BODY.as_bytes().to_vec(), #content_type),
                quote!(crate::runtime::testing::ExpectedBody::Raw(BODY.as_bytes())),
            )
        }
        (Body::Json(_) | Body::Stream, None) => {
            return skip(
                diagnostics,
                at,
                "example request has no body but the operation takes one; not tested".into(),
            )
        }
        (Body::None, Some(_)) => {
            let reason = match &op.request_body {
                None => "example request has a body but the page documents none; not tested",
                Some(_) => {
                    "the page's request body names no type and lists no parameters; not tested"
                }
            };
            return skip(diagnostics, at, reason.into());
        }
        (Body::None, None) => (
            TokenStream::new(),
            TokenStream::new(),
            quote!(crate::runtime::testing::ExpectedBody::None),
        ),
    };
    chain = quote!(#chain.#method(#body_arg));
    let mut expected_query = Vec::new();
    for (name, value) in query_pairs(url.query.as_deref().unwrap_or_default()) {
        let (call, sent) = query_call(&name, &value, !op.query_options.is_empty());
        chain = quote!(#chain #call);
        expected_query.push(quote!((#name, #sent)));
    }
    let http_method = op.method.to_ascii_uppercase();
    Some(quote! {
        #body_setup
        let client = crate::runtime::testing::offline_client();
        let request = #chain.to_http_request().expect("the request builds");
        crate::runtime::testing::assert_request(&request, #http_method, #path, &[#(#expected_query),*], #expected_body);
    })
}

fn response_test(
    schema: &Schema,
    op: &Operation,
    op_index: usize,
    example: &Example,
    index: &ApiIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let response = example.response.as_ref()?;
    let info = &index.operations[op_index];
    let request_type = format_ident!("{}", info.request_type);
    let status = response.status;
    let documented = op.response.status;
    let documented_type = op
        .response
        .body
        .as_ref()
        .map_or_else(|| "no body".to_owned(), |t| format!("`{}`", t.written));
    if !(200..300).contains(&status) {
        return skip(
            diagnostics,
            &response.source,
            format!("response example shows `{status}`, not a success the operation returns; not tested"),
        );
    }
    match (&info.output, &response.body) {
        (Output::Empty, None) => Some(quote! {
            crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, ""))
                .expect("an empty success response reads");
        }),
        (Output::Empty, Some(_)) => skip(
            diagnostics,
            &response.source,
            format!("response example shows `{status}` with a body, but the page documents `{documented}` and no response type; not tested"),
        ),
        (Output::Json(_), Some(body)) => {
            let ty = op.response.body.as_ref()?;
            let shape = if ty.collection {
                Shape::Page(ty)
            } else {
                Shape::Type(ty)
            };
            let text = checked_body(schema, body, &shape, diagnostics)?;
            Some(quote! {
                const BODY: &str = #text;
                let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
                    .expect("the example body reads as the documented response type");
                crate::runtime::testing::assert_round_trip(&parsed, BODY);
            })
        }
        (Output::Count, Some(body)) => match body.raw.trim().parse::<i64>() {
            Ok(n) => {
                let raw = body.raw.trim();
                Some(quote! {
                    let count = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, #raw))
                        .expect("the example body is a count");
                    assert_eq!(count, #n);
                })
            }
            Err(_) => skip(
                diagnostics,
                &body.source,
                "`$count` example body is not a number; not tested".into(),
            ),
        },
        (Output::Bytes, Some(body)) => {
            let raw = raw_string(&body.raw);
            Some(quote! {
                const BODY: &str = #raw;
                let content = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
                    .expect("a success response reads");
                assert_eq!(&content[..], BODY.as_bytes());
            })
        }
        (Output::Json(_) | Output::Count | Output::Bytes, None) => skip(
            diagnostics,
            &response.source,
            format!("response example shows `{status}` without a body, but the page documents `{documented}` with {documented_type}; not tested"),
        ),
    }
}

/// The body as a literal for a test, when it fits the type the operation reads it as; otherwise
/// a diagnostic at the line of the offending value says why it is not tested.
fn checked_body(
    schema: &Schema,
    body: &ExampleBody,
    shape: &Shape<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<proc_macro2::Literal> {
    let Some(json) = body.json.as_ref() else {
        return body_text(body, diagnostics); // reports why
    };
    match validate::check(schema, json, shape) {
        Ok(unknown) => {
            for u in unknown {
                diagnostics.push(Diagnostic::warning(
                    "example-enum-value-unknown",
                    &line_of(body, u.key.as_deref()),
                    format!(
                        "example value {:?} at `{}` is not a member of `{}`; the SDK keeps it as an unrecognized value",
                        u.value, u.path, u.enum_name
                    ),
                ));
            }
            body_text(body, diagnostics)
        }
        Err(mismatch) => {
            diagnostics.push(Diagnostic::warning(
                "example-not-tested",
                &line_of(body, mismatch.key.as_deref()),
                format!(
                    "example body does not fit the documented type at `{}`: {}; not tested",
                    mismatch.path, mismatch.message
                ),
            ));
            None
        }
    }
}

/// The line in the page where `"key"` first appears in the body, else the body's first line.
fn line_of(body: &ExampleBody, key: Option<&str>) -> Source {
    let offset = key
        .and_then(|k| {
            let quoted = format!("\"{k}\"");
            body.raw.lines().position(|l| l.contains(&quoted))
        })
        .unwrap_or(0);
    Source::new(&body.source.file, body.source.line + offset)
}

/// A raw string literal, so that embedded JSON reads as it does on the page.
fn raw_string(text: &str) -> proc_macro2::Literal {
    let hashes = (1..)
        .map(|n| "#".repeat(n))
        .find(|h| !text.contains(&format!("\"{h}")))
        .expect("some number of hashes is not in the text");
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

type Step = (TokenStream, String);

fn walk(index: &ApiIndex, at: usize, segments: &[Segment], steps: &mut Vec<Step>) -> Option<usize> {
    let Some((segment, rest)) = segments.split_first() else {
        return Some(at);
    };
    let children = &index.nodes[at].children;
    let named = children
        .iter()
        .copied()
        .filter(|&c| match (&index.nodes[c].segment, segment) {
            (Some(Segment::Static(a)), Segment::Static(b)) => a.eq_ignore_ascii_case(b),
            (Some(node @ Segment::Function { .. }), Segment::Function { .. }) => {
                node.same_place(segment)
            }
            _ => false,
        });
    let params = children
        .iter()
        .copied()
        .filter(|&c| matches!(index.nodes[c].segment, Some(Segment::Param { .. })));
    for next in named.chain(params) {
        let Some(step) = step_for(index, next, segment) else {
            continue;
        };
        steps.push(step);
        if let Some(end) = walk(index, next, rest, steps) {
            return Some(end);
        }
        steps.pop();
    }
    None
}

/// The builder call that leads to node `next` for the example's `segment`, and that segment as
/// the request will carry it.
fn step_for(index: &ApiIndex, next: usize, segment: &Segment) -> Option<Step> {
    let accessor = format_ident!("{}", index.nodes[next].accessor);
    match &index.nodes[next].segment {
        Some(Segment::Param { .. }) => {
            let value = decoded(segment);
            Some((quote!(.#accessor(#value)), format!("/{value}")))
        }
        Some(Segment::Function {
            name,
            args: template,
        }) => {
            let Segment::Function { args: actual, .. } = segment else {
                return None;
            };
            let mut values = Vec::new();
            let mut written = Vec::new();
            for arg in template {
                let given = actual
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&arg.name))?;
                let value = percent_decode(&given.inner_value());
                // The request writes the value as the template does (`date=2018-03-05` or
                // `period='D7'`); an example that quotes differently means the same value.
                let text = match arg.shape() {
                    (Some(prefix), _) => format!("{prefix}'{}'", value.replace('\'', "''")),
                    (None, true) => format!("'{}'", value.replace('\'', "''")),
                    (None, false) => value.clone(),
                };
                values.push(value);
                written.push(if arg.name.is_empty() {
                    text
                } else {
                    format!("{}={text}", arg.name)
                });
            }
            Some((
                quote!(.#accessor(#(#values),*)),
                format!("/{name}({})", written.join(",")),
            ))
        }
        Some(Segment::KeyValue { key, .. }) => {
            let Segment::KeyValue { value, .. } = segment else {
                return None;
            };
            let value = percent_decode(value);
            Some((quote!(.#accessor(#value)), format!("/{key}={value}")))
        }
        Some(Segment::Address { base, closed, .. }) => {
            let Segment::Address {
                base: given_base,
                path,
                ..
            } = segment
            else {
                return None;
            };
            let item_path = percent_decode(path.trim_matches('/'));
            let colon = if *closed { ":" } else { "" };
            match base.as_ref() {
                Segment::Param { .. } => {
                    let id = decoded(given_base);
                    Some((
                        quote!(.#accessor(#id, #item_path)),
                        format!("/{id}:/{item_path}{colon}"),
                    ))
                }
                literal => Some((
                    quote!(.#accessor(#item_path)),
                    format!("/{literal}:/{item_path}{colon}"),
                )),
            }
        }
        _ => Some((quote!(.#accessor()), format!("/{}", decoded(segment)))),
    }
}

/// A segment as the server would see it after percent-decoding.
fn decoded(segment: &Segment) -> String {
    let text = segment.to_string();
    percent_decode(&text)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.trim().is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k.trim()), percent_decode(v.trim()))
        })
        .collect()
}

/// The typed setter for an OData option, or the generic `query` call, with the value it sends.
fn query_call(name: &str, value: &str, typed: bool) -> (TokenStream, String) {
    let items: Vec<&str> = value.split(',').map(str::trim).collect();
    let joined = items.join(",");
    if typed {
        match name.to_ascii_lowercase().as_str() {
            "$select" => return (quote!(.select([#(#items),*])), joined),
            "$expand" => return (quote!(.expand([#(#items),*])), joined),
            "$orderby" => return (quote!(.orderby([#(#items),*])), joined),
            "$filter" => return (quote!(.filter(#value)), value.to_owned()),
            "$search" => return (quote!(.search(#value)), value.to_owned()),
            "$top" | "$skip" => {
                if let Ok(n) = value.parse::<u32>() {
                    let setter = format_ident!("{}", &name[1..].to_ascii_lowercase());
                    return (quote!(.#setter(#n)), n.to_string());
                }
            }
            "$count" => {
                if let Ok(b) = value.parse::<bool>() {
                    return (quote!(.count(#b)), b.to_string());
                }
            }
            _ => {}
        }
    }
    (quote!(.query(#name, #value)), value.to_owned())
}
