//! The documentation's examples -> tests in the generated crate: every request example is rebuilt
//! with the builders, every example body is read into its type and written back.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde::Serialize;

use super::builders::{ApiIndex, Output};
use super::docs::Doc;
use super::models::value_type;
use super::Names;
use crate::diagnostics::{Diagnostic, Source};
use crate::ir::{Example, ExampleBody, Operation, RequestBody, Schema};
use crate::naming::{snake_name, Scope};
use crate::parse::path::{parse_segments, split_url, Segment};

/// How many examples became tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExampleCounts {
    pub example_bodies: usize,
    pub example_body_tests: usize,
    pub request_examples: usize,
    pub request_example_tests: usize,
}

pub fn emit_example_tests(
    schema: &Schema,
    index: &ApiIndex,
    names: &Names,
    diagnostics: &mut Vec<Diagnostic>,
) -> (TokenStream, ExampleCounts) {
    let mut counts = ExampleCounts::default();
    let mut tests = TokenStream::new();
    let mut scope = Scope::new();
    for (op_index, op) in schema.operations.iter().enumerate() {
        for (n, example) in op.examples.iter().enumerate() {
            let stem = snake_name(example.name.as_deref().unwrap_or(&format!(
                "{} {}",
                op.title,
                n + 1
            )));
            if example.request.is_some() {
                counts.request_examples += 1;
            }
            if let Some(request) = &example.request {
                if request.body.is_some() {
                    counts.example_bodies += 1;
                }
                let test = request_test(op, op_index, example, index, names, diagnostics);
                if let Some(test) = test {
                    let name = format_ident!("{}", scope.claim(format!("{stem}_request")));
                    let doc = Doc(format!("From {}.", request.source));
                    counts.request_example_tests += 1;
                    if request.body.is_some() {
                        counts.example_body_tests += 1;
                    }
                    tests.extend(quote! {
                        #doc
                        #[test]
                        fn #name() { #test }
                    });
                }
            }
            if let Some(response) = &example.response {
                if response.body.is_some() {
                    counts.example_bodies += 1;
                }
                if let Some(test) = response_test(op_index, example, index, diagnostics) {
                    let name = format_ident!("{}", scope.claim(format!("{stem}_response")));
                    let doc = Doc(format!("From {}.", response.source));
                    if response.body.is_some() {
                        counts.example_body_tests += 1;
                    }
                    tests.extend(quote! {
                        #doc
                        #[test]
                        fn #name() { #test }
                    });
                }
            }
        }
    }
    (tests, counts)
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

fn request_test(
    op: &Operation,
    op_index: usize,
    example: &Example,
    index: &ApiIndex,
    names: &Names,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let request = example.request.as_ref()?;
    let at = &request.source;
    if !request.method.eq_ignore_ascii_case(&op.method) {
        return skip(
            diagnostics,
            at,
            format!(
                "example uses `{}` but the page documents `{}`; not tested",
                request.method, op.method
            ),
        );
    }
    let url = split_url(&request.url);
    let segments = parse_segments(&url.path);
    let Some((calls, method)) = route(index, &segments, op_index) else {
        return skip(
            diagnostics,
            at,
            format!(
                "example URL path `{}` matches no documented path of this operation; not tested",
                url.path
            ),
        );
    };
    let method = format_ident!("{}", method);
    let mut chain = quote!(client #(#calls)*);
    let (body_setup, body_arg, expected_body) = match (&op.request_body, &request.body) {
        (Some(RequestBody::Type { ty, .. }), Some(body)) if ty.resolved.is_some() => {
            let text = body_text(body, diagnostics)?;
            let rust_type = value_type(ty, names);
            (
                quote! {
                    const BODY: &str = #text;
                    let body: #rust_type = crate::runtime::response::from_json_slice(BODY.as_bytes())
                        .expect("the example body reads as the operation's body type");
                },
                quote!(&body),
                quote!(Some(BODY)),
            )
        }
        (Some(RequestBody::Type { .. }), None) => {
            return skip(
                diagnostics,
                at,
                "example request has no body but the operation takes one; not tested".into(),
            )
        }
        (None, Some(_)) => {
            return skip(
                diagnostics,
                at,
                "example request has a body but the page documents none; not tested".into(),
            )
        }
        (Some(RequestBody::Type { .. }) | Some(RequestBody::Parameters { .. }), Some(_)) => {
            return skip(
                diagnostics,
                at,
                "the operation's request body is not typed; not tested".into(),
            )
        }
        _ => (TokenStream::new(), TokenStream::new(), quote!(None)),
    };
    chain = quote!(#chain.#method(#body_arg));
    let mut expected_query = Vec::new();
    for (name, value) in query_pairs(url.query.as_deref().unwrap_or_default()) {
        let (call, sent) = query_call(&name, &value, !op.query_options.is_empty());
        chain = quote!(#chain #call);
        expected_query.push(quote!((#name, #sent)));
    }
    let http_method = op.method.to_ascii_uppercase();
    let path: String = segments
        .iter()
        .map(|s| format!("/{}", decoded(s)))
        .collect();
    Some(quote! {
        #body_setup
        let client = crate::runtime::testing::offline_client();
        let request = #chain.to_http_request().expect("the request builds");
        crate::runtime::testing::assert_request(&request, #http_method, #path, &[#(#expected_query),*], #expected_body);
    })
}

fn response_test(
    op_index: usize,
    example: &Example,
    index: &ApiIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let response = example.response.as_ref()?;
    let info = &index.operations[op_index];
    let request_type = format_ident!("{}", info.request_type);
    let status = response.status;
    match (&info.output, &response.body) {
        (Output::Empty, None) => Some(quote! {
            crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, ""))
                .expect("an empty success response reads");
        }),
        (Output::Empty, Some(_)) => skip(
            diagnostics,
            &response.source,
            "response example has a body but the page documents no response type; not tested"
                .into(),
        ),
        (Output::Json(_), Some(body)) => {
            let text = body_text(body, diagnostics)?;
            Some(quote! {
                const BODY: &str = #text;
                let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
                    .expect("the example body reads as the documented response type");
                crate::runtime::testing::assert_round_trip(&parsed, BODY);
            })
        }
        (Output::Json(_), None) => skip(
            diagnostics,
            &response.source,
            "response example has no body but the page documents a response type; not tested"
                .into(),
        ),
        (Output::Bytes, _) => skip(
            diagnostics,
            &response.source,
            "the response type is not defined on any page; not tested".into(),
        ),
    }
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

/// Follows the example's segments through the builder tree; static names win over parameters.
fn route(
    index: &ApiIndex,
    segments: &[Segment],
    op_index: usize,
) -> Option<(Vec<TokenStream>, String)> {
    let mut at = 0;
    let mut calls = Vec::new();
    for segment in segments {
        let children = &index.nodes[at].children;
        let by_name =
            children
                .iter()
                .copied()
                .find(|&c| match (&index.nodes[c].segment, segment) {
                    (Some(Segment::Static(a)), Segment::Static(b)) => a.eq_ignore_ascii_case(b),
                    _ => false,
                });
        let next = by_name.or_else(|| {
            children
                .iter()
                .copied()
                .find(|&c| matches!(index.nodes[c].segment, Some(Segment::Param { .. })))
        })?;
        let accessor = format_ident!("{}", index.nodes[next].accessor);
        match &index.nodes[next].segment {
            Some(Segment::Param { .. }) => {
                let value = decoded(segment);
                calls.push(quote!(.#accessor(#value)));
            }
            _ => calls.push(quote!(.#accessor())),
        }
        at = next;
    }
    let method = index.nodes[at]
        .operation_methods
        .iter()
        .find(|(op, _)| *op == op_index)?
        .1
        .clone();
    Some((calls, method))
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
