//! The documentation's examples -> tests in the generated crate: every request example is rebuilt
//! with the builders, every example body is read into its type and written back.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use serde::Serialize;

use super::api_index::{argument_rust_type, ApiIndex, Body, FlatEdge, Output};
use super::docs::Doc;
use super::Finish;
use crate::diagnostics::{Diagnostic, Source};
use crate::ir::{Example, ExampleBody, Operation, Primitive, RequestBody, Schema};
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
    finish: &Finish,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Result<String, String>>, ExampleCounts) {
    let mut counts = ExampleCounts::default();
    let mut tests = TestFns {
        items: Vec::new(),
        names: Scope::new(),
        finish,
    };
    for (op_index, op) in schema.operations.iter().enumerate() {
        for (n, example) in op.examples.iter().enumerate() {
            // The operation an example's URL leads to: this page's, or another page's.
            let mut target = op_index;
            let mut cast = None;
            let stem = snake_name(example.name.as_deref().unwrap_or(&format!(
                "{} {}",
                op.title,
                n + 1
            )));
            if let Some(request) = &example.request {
                if let Some(host) = split_url(&request.url)
                    .host
                    .filter(|h| !crate::parse::path::is_graph_host(h))
                {
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
                cast = routed.as_ref().ok().and_then(|r| r.cast.clone());
                let unrouted = routed.is_err();
                let test = request_test(schema, routed, example, index, diagnostics);
                if let Some(test) = test {
                    counts.request_example_tests += 1;
                    if request.body.is_some() {
                        counts.example_body_tests += 1;
                    }
                    tests.push(format!("{stem}_request"), &request.source, test);
                } else if unrouted {
                    // The URL leads nowhere documented, but the body is still the page's.
                    if let Some(test) =
                        request_body_test(schema, op_index, request, index, diagnostics)
                    {
                        counts.example_body_tests += 1;
                        tests.push(format!("{stem}_request_body"), &request.source, test);
                    }
                }
            }
            if let Some(response) = &example.response {
                if response.body.is_some() {
                    counts.example_bodies += 1;
                }
                let target_op = &schema.operations[target];
                let test = match &cast {
                    Some(cast) => cast_response_test(schema, cast, example, diagnostics),
                    None => response_test(schema, target_op, target, example, index, diagnostics),
                };
                if let Some(test) = test {
                    if response.body.is_some() {
                        counts.example_body_tests += 1;
                    }
                    tests.push(format!("{stem}_response"), &response.source, test);
                }
            }
        }
    }
    counts.tests = tests.items.len();
    (tests.items, counts)
}

/// The test functions built so far, named uniquely in the order they are built.
struct TestFns<'f> {
    items: Vec<Result<String, String>>,
    names: Scope,
    finish: &'f Finish,
}

impl TestFns<'_> {
    /// One test function, documented with the place of its example.
    fn push(&mut self, name: String, source: &Source, body: TokenStream) {
        let name = format_ident!("{}", self.names.claim(name));
        let doc = Doc(format!("From {source}."));
        let item = quote! {
            #doc
            #[test]
            fn #name() { #body }
        };
        self.items.push((self.finish)(item, "example_tests"));
    }
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
            let reason = match &body.non_json_type {
                Some(t) => format!("example body is `{t}`, not JSON, where the operation reads or sends JSON; not tested"),
                None => "example body is not JSON even read leniently; not tested".to_owned(),
            };
            diagnostics.push(Diagnostic::warning(
                "example-not-tested",
                &body.source,
                reason,
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
    /// The example casts a collection: (item type, its wire name, whether it asks for `$count`).
    cast: Option<(TokenStream, String, bool)>,
}

/// Where a walk through the builders ends.
#[derive(Clone, Copy)]
enum End {
    Node(usize),
    /// `…/microsoft.graph.user` (or its `/$count`) below the collection at `node`.
    Cast {
        node: usize,
        item: usize,
        count: bool,
    },
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
    let same_method = |o: usize| {
        schema.operations[o]
            .method
            .eq_ignore_ascii_case(&request.method)
    };
    // Prefer a way through the tree that ends at an operation with the example's method; two
    // templates may match one URL (`/domains/{id}` and a page's literal `/domains/contoso.com`).
    let mut trail = Trail::default();
    let is_get = request.method.eq_ignore_ascii_case("GET");
    let with_method = |end: End| match end {
        End::Node(n) => index.nodes[n]
            .operation_methods
            .iter()
            .any(|(o, _)| same_method(*o)),
        End::Cast { .. } => is_get,
    };
    let mut end = walk(index, 0, &segments, &mut trail, &with_method);
    if end.is_none() {
        trail.steps.clear();
        end = walk(index, 0, &segments, &mut trail, &|_| true);
    }
    let (calls, path): (Vec<TokenStream>, Vec<String>) = trail.steps.into_iter().unzip();
    if let Some(End::Cast { node, item, count }) = end {
        let list = index.nodes[node]
            .operation_methods
            .iter()
            .find(|(o, _)| schema.operations[*o].method == "GET");
        let (Some((list, _)), Some((_, cast))) = (list, &index.nodes[node].cast) else {
            return Err(format!(
                "example URL path `{}` casts a collection that has no documented list; not tested",
                url.path
            ));
        };
        if !is_get {
            return Err(format!(
                "example `{}`s a cast collection `{}`, which only lists; not tested",
                request.method, url.path
            ));
        }
        let (wire, rust) = &cast.derived[item];
        let wire = wire.rsplit('.').next().unwrap_or(wire).to_owned();
        let rust = format_ident!("{}", rust);
        return Ok(Routed {
            calls,
            path: path.concat(),
            method: if count { "count" } else { "list" }.to_owned(),
            op: *list,
            refused: None,
            cast: Some((quote!(crate::models::#rust), wire, count)),
        });
    }
    let end = end.map(|e| match e {
        End::Node(n) | End::Cast { node: n, .. } => n,
    });
    if let (None, Some(why)) = (end, trail.refusal) {
        return Err(why);
    }
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
        cast: None,
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
        ..
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
            let text = checked_body(schema, body, &request_body_shape(op), diagnostics)?;
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
        let (call, sent_name, sent) = query_call(&name, &value, !op.query_options.is_empty());
        chain = quote!(#chain #call);
        expected_query.push(quote!((#sent_name, #sent)));
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
    let documented_type = match (&info.output, &op.response.body) {
        (Output::Count, _) => "a count (`$count`)".to_owned(),
        (Output::Bytes, None) => "content".to_owned(),
        (_, Some(t)) => format!("`{}`", t.written),
        (_, None) => "no body".to_owned(),
    };
    if (300..400).contains(&status) && response.body.is_none() {
        return skip(
            diagnostics,
            &response.source,
            format!("response example shows the `{status}` redirect, which the client follows; it holds no content to test"),
        );
    }
    if (400..600).contains(&status) {
        return error_test(&request_type, status, response, diagnostics);
    }
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
        (Output::Empty, Some(_)) if status == 204 => skip(
            diagnostics,
            &response.source,
            "response example shows `204 No Content` with a body; a 204 carries none, so the body is not tested".into(),
        ),
        (Output::Empty, Some(_)) => skip(
            diagnostics,
            &response.source,
            format!("response example shows `{status}` with a body, but the page documents `{documented}` and no response type; not tested"),
        ),
        (Output::Value(rust_type), Some(body)) => {
            let ty = op.response.body.as_ref()?;
            let text = checked_body(schema, body, &Shape::Value(ty), diagnostics)?;
            Some(quote! {
                const BODY: &str = #text;
                let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
                    .expect("the example body holds the documented return value");
                let wrapped: crate::runtime::response::ValueOf<#rust_type> = crate::runtime::response::from_json_slice(BODY.as_bytes())
                    .expect("the example body is a returned value");
                assert_eq!(wrapped.value, parsed);
                crate::runtime::testing::assert_round_trip(&wrapped, BODY);
            })
        }
        (Output::MaybeJson(rust_type), Some(body)) if status == 204 => {
            // A 204 carries no body, but the one shown is the entity the update answers with when
            // it answers `200`: the body is tested as that entity.
            let ty = op.response.body.as_ref()?;
            let text = checked_body(schema, body, &Shape::Type(ty), diagnostics)?;
            diagnostics.push(Diagnostic::warning(
                "example-204-with-body",
                &response.source,
                format!("response example shows `204 No Content` with a body; a 204 carries none (the SDK reads it as `None`), so the body is tested as the `{}` an update answers with `200`", ty.written),
            ));
            Some(quote! {
                const BODY: &str = #text;
                let parsed: #rust_type = crate::runtime::response::from_json_slice(BODY.as_bytes())
                    .expect("the example body reads as the updated entity");
                crate::runtime::testing::assert_round_trip(&parsed, BODY);
                let empty = crate::api::#request_type::parse_response(crate::runtime::testing::response(204, ""))
                    .expect("a 204 reads");
                assert!(empty.is_none());
            })
        }
        (Output::MaybeJson(_), Some(body)) => {
            let ty = op.response.body.as_ref()?;
            let text = checked_body(schema, body, &Shape::Type(ty), diagnostics)?;
            Some(quote! {
                const BODY: &str = #text;
                let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
                    .expect("the example body reads as the documented response type")
                    .expect("a response with a body reads as the entity");
                crate::runtime::testing::assert_round_trip(&parsed, BODY);
            })
        }
        (Output::MaybeJson(_), None) => Some(quote! {
            let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, ""))
                .expect("an empty success response reads");
            assert!(parsed.is_none());
        }),
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
        (Output::Json(_) | Output::Count | Output::Bytes | Output::Value(_), None) => skip(
            diagnostics,
            &response.source,
            format!("response example shows `{status}` without a body, but the page documents `{documented}` with {documented_type}; not tested"),
        ),
    }
}

/// A documented failure: the body reads as Graph's error (`{"error": {"code", "message", ...}}`)
/// and the request type hands it back as `Error::Service` with that code and message.
fn error_test(
    request_type: &proc_macro2::Ident,
    status: u16,
    response: &crate::ir::ExampleResponse,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let Some(body) = &response.body else {
        return skip(
            diagnostics,
            &response.source,
            format!(
                "response example shows the failure `{status}` without a body; nothing to test"
            ),
        );
    };
    let error = body.json.as_ref().and_then(|j| j.get("error"));
    let code = error.and_then(|e| e.get("code")).and_then(|c| c.as_str());
    let message = error
        .and_then(|e| e.get("message"))
        .and_then(|m| m.as_str());
    let (Some(code), Some(message), Some(json)) = (code, message, body.json.as_ref()) else {
        return skip(
            diagnostics,
            &body.source,
            format!("response example shows the failure `{status}`, but its body is not Graph's error object (`error.code`, `error.message`); not tested"),
        );
    };
    let details = error
        .and_then(|e| e.get("details"))
        .and_then(|d| d.as_array())
        .map_or(0, Vec::len);
    let text = raw_string(&serde_json::to_string_pretty(json).ok()?);
    Some(quote! {
        const BODY: &str = #text;
        let error = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
            .expect_err("a failure status reads as an error");
        let crate::runtime::Error::Service(service) = error else {
            panic!("a failure status reads as a service error, not {error:?}");
        };
        assert_eq!(service.status.as_u16(), #status);
        assert_eq!(service.code.as_deref(), Some(#code));
        assert_eq!(service.message.as_deref(), Some(#message));
        assert_eq!(service.details.len(), #details);
    })
}

/// What a request body is checked as: the entity, the parameter struct, or a reference.
fn request_body_shape(op: &Operation) -> Shape<'_> {
    match &op.request_body {
        Some(RequestBody::Type { ty, .. }) => Shape::Type(ty),
        Some(RequestBody::Parameters { parameters, .. }) => Shape::Parameters(parameters),
        _ => Shape::Reference,
    }
}

/// The body of a request example whose URL is not tested, read as the page's body type and
/// written back.
fn request_body_test(
    schema: &Schema,
    op_index: usize,
    request: &crate::ir::ExampleRequest,
    index: &ApiIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let body = request.body.as_ref()?;
    let op = &schema.operations[op_index];
    let Body::Json(rust_type) = &index.operations[op_index].body else {
        return None;
    };
    if !request.method.eq_ignore_ascii_case(&op.method) {
        return None;
    }
    let text = checked_body(schema, body, &request_body_shape(op), diagnostics)?;
    diagnostics.push(Diagnostic::note(
        "example-body-tested-alone",
        &body.source,
        format!(
            "the request's URL is not tested (see above), but its body is, as the body of `{} {}`",
            op.method, op.title
        ),
    ));
    Some(quote! {
        const BODY: &str = #text;
        let body: #rust_type = crate::runtime::response::from_json_slice(BODY.as_bytes())
            .expect("the example body reads as the operation's body type");
        crate::runtime::testing::assert_round_trip(&body, BODY);
    })
}

/// A response to a cast collection (`…/microsoft.graph.user`): a page of the derived type, or
/// its `$count`.
fn cast_response_test(
    schema: &Schema,
    (item, wire, count): &(TokenStream, String, bool),
    example: &Example,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let response = example.response.as_ref()?;
    let status = response.status;
    if !(200..300).contains(&status) {
        return skip(
            diagnostics,
            &response.source,
            format!("response example shows `{status}`, not a success the operation returns; not tested"),
        );
    }
    let Some(body) = &response.body else {
        return skip(
            diagnostics,
            &response.source,
            format!("response example shows `{status}` without a body, but a cast collection answers with {}; not tested", if *count { "a number" } else { "a page of items" }),
        );
    };
    if *count {
        let Ok(n) = body.raw.trim().parse::<i64>() else {
            return skip(
                diagnostics,
                &body.source,
                "`$count` example body is not a number; not tested".into(),
            );
        };
        let raw = body.raw.trim();
        return Some(quote! {
            let count = crate::runtime::CastCountRequest::parse_response(crate::runtime::testing::response(#status, #raw))
                .expect("the example body is a count");
            assert_eq!(count, #n);
        });
    }
    let ty = crate::ir::TypeRef {
        written: wire.clone(),
        name: wire.clone(),
        collection: true,
        resolved: Some(crate::ir::Resolved::Type(wire.clone())),
    };
    let text = checked_body(schema, body, &Shape::Page(&ty), diagnostics)?;
    Some(quote! {
        const BODY: &str = #text;
        let parsed = crate::runtime::CastListRequest::<#item>::parse_response(crate::runtime::testing::response(#status, BODY))
            .expect("the example body reads as a page of the cast type");
        crate::runtime::testing::assert_round_trip(&parsed, BODY);
    })
}

/// The body as a literal for a test, when it fits the type the operation reads it as; otherwise
/// a diagnostic at the line of the offending value says why it is not tested.
fn checked_body(
    schema: &Schema,
    body: &ExampleBody,
    shape: &Shape<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<proc_macro2::Literal> {
    let Some(original) = body.json.as_ref() else {
        return body_text(body, diagnostics); // reports why
    };
    let mut json = original.clone();
    // A few slips of spelling are corrected (and reported) so that the example tests what it means.
    for _ in 0..16 {
        match validate::check(schema, &json, shape) {
            Ok(findings) => {
                for u in findings.undocumented {
                    diagnostics.push(Diagnostic::note(
                        "example-property-undocumented",
                        &line_of(body, Some(&u.key)),
                        format!(
                            "example gives `{}` at `{}`, which the pages do not document for `{}`; the SDK keeps it in `additional_properties`",
                            u.key, u.path, u.owner
                        ),
                    ));
                }
                for u in findings.unknown_enum_values {
                    diagnostics.push(Diagnostic::warning(
                        "example-enum-value-unknown",
                        &line_of(body, u.key.as_deref()),
                        format!(
                            "example value {:?} at `{}` is not a member of `{}`; the SDK keeps it as an unrecognized value",
                            u.value, u.path, u.enum_name
                        ),
                    ));
                }
                return serde_json::to_string_pretty(&json)
                    .ok()
                    .map(|t| raw_string(&t));
            }
            Err(mismatch) => {
                let at = line_of(body, mismatch.key.as_deref());
                let fixed = mismatch.meant.as_ref().and_then(|meant| {
                    let slot = json.pointer_mut(&json_pointer(&mismatch.path)?)?;
                    let written = slot.to_string();
                    *slot = (**meant).clone();
                    Some(written)
                });
                match fixed {
                    Some(written) => diagnostics.push(Diagnostic::warning(
                        "example-value-corrected",
                        &at,
                        format!(
                            "example writes {written} at `{}`: {}; tested as {}",
                            mismatch.path,
                            mismatch.message.split(", but").next().unwrap_or_default(),
                            mismatch
                                .meant
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default()
                        ),
                    )),
                    None => {
                        diagnostics.push(Diagnostic::warning(
                            "example-not-tested",
                            &at,
                            format!(
                                "example body does not fit the documented type at `{}`: {}; not tested",
                                mismatch.path, mismatch.message
                            ),
                        ));
                        return None;
                    }
                }
            }
        }
    }
    None
}

/// `$.value[0].isOwner` -> `/value/0/isOwner`.
fn json_pointer(path: &str) -> Option<String> {
    let mut rest = path.strip_prefix('$')?;
    let mut pointer = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            pointer.push('/');
            pointer.push_str(&after[..end]);
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            pointer.push('/');
            pointer.push_str(&after[..end].replace('~', "~0").replace('/', "~1"));
            rest = &after[end..];
        } else {
            return None;
        }
    }
    Some(pointer)
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

/// The builder calls a walk through the API has taken so far, and why an argument was refused
/// on the way.
#[derive(Default)]
struct Trail {
    steps: Vec<Step>,
    refusal: Option<String>,
}

fn walk(
    index: &ApiIndex,
    at: usize,
    segments: &[Segment],
    trail: &mut Trail,
    accept: &dyn Fn(End) -> bool,
) -> Option<End> {
    let Some((segment, rest)) = segments.split_first() else {
        return accept(End::Node(at)).then_some(End::Node(at));
    };
    let edges = &index.nodes[at].edges;
    let named: Vec<&FlatEdge> = edges
        .iter()
        .filter(|e| match (&e.segment, segment) {
            (Segment::Static(a), Segment::Static(b)) => a.eq_ignore_ascii_case(b),
            (node @ Segment::Function { .. }, Segment::Function { .. }) => node.same_place(segment),
            (Segment::Address { base, .. }, Segment::Address { base: given, .. }) => {
                !base.is_param() && base.same_place(given)
            }
            _ => false,
        })
        .collect();
    // An `{id}`, or an item addressed by its path below an `{id}` (`{parent-id}:/{name}:`).
    let params: Vec<&FlatEdge> = edges
        .iter()
        .filter(|e| match (&e.segment, segment) {
            (Segment::Param { .. }, _) => true,
            (Segment::Address { base, .. }, Segment::Address { .. }) => base.is_param(),
            _ => false,
        })
        .collect();
    for next in named {
        if let Some(end) = step_into(index, next, segment, rest, trail, accept) {
            return Some(end);
        }
    }
    // A derived type's name is a cast before it is an id.
    if let Some(end) = cast_step(index, at, segment, rest, trail, accept) {
        return Some(end);
    }
    // OData's key in parentheses, `events('AAMk…')`, is the item `events/AAMk…`.
    if let Segment::Function { name, args } = segment {
        if let [key] = args.as_slice() {
            if key.name.is_empty() {
                let mut expanded = vec![
                    Segment::Static(name.clone()),
                    Segment::Static(key.inner_value()),
                ];
                expanded.extend_from_slice(rest);
                if let Some(end) = walk(index, at, &expanded, trail, accept) {
                    return Some(end);
                }
            }
        }
    }
    for next in params {
        if let Some(end) = step_into(index, next, segment, rest, trail, accept) {
            return Some(end);
        }
    }
    None
}

fn step_into(
    index: &ApiIndex,
    edge: &FlatEdge,
    segment: &Segment,
    rest: &[Segment],
    trail: &mut Trail,
    accept: &dyn Fn(End) -> bool,
) -> Option<End> {
    let step = step_for(index, edge, segment, &mut trail.refusal)?;
    trail.steps.push(step);
    let end = walk(index, edge.target, rest, trail, accept);
    if end.is_none() {
        trail.steps.pop();
    }
    end
}

/// `…/microsoft.graph.user[/$count]` below a collection of a base type: `.cast::<User>()`.
fn cast_step(
    index: &ApiIndex,
    at: usize,
    segment: &Segment,
    rest: &[Segment],
    trail: &mut Trail,
    accept: &dyn Fn(End) -> bool,
) -> Option<End> {
    let (Segment::Static(written), Some((method, cast))) = (segment, &index.nodes[at].cast) else {
        return None;
    };
    let item = cast
        .derived
        .iter()
        .position(|(wire, _)| wire.eq_ignore_ascii_case(written))?;
    let count = match rest {
        [] => false,
        [Segment::Static(c)] if c.eq_ignore_ascii_case("$count") => true,
        _ => return None,
    };
    let end = End::Cast {
        node: at,
        item,
        count,
    };
    if !accept(end) {
        return None;
    }
    let (wire, rust) = &cast.derived[item];
    let method = format_ident!("{}", method);
    let rust = format_ident!("{}", rust);
    trail.steps.push((
        quote!(.#method::<crate::models::#rust>()),
        format!("/{wire}"),
    ));
    if count {
        trail.steps.push((TokenStream::new(), "/$count".to_owned()));
    }
    Some(end)
}

/// The builder call that leads to node `next` for the example's `segment`, and that segment as
/// the request will carry it.
fn step_for(
    index: &ApiIndex,
    edge: &FlatEdge,
    segment: &Segment,
    refusal: &mut Option<String>,
) -> Option<Step> {
    let accessor = format_ident!("{}", edge.accessor);
    match &edge.segment {
        Segment::Param { .. } => {
            let value = decoded(segment);
            Some((quote!(.#accessor(#value)), format!("/{value}")))
        }
        Segment::Function {
            name,
            args: template,
        } => {
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
                let typed = index
                    .argument_types
                    .get(&(name.to_ascii_lowercase(), arg.name.to_ascii_lowercase()));
                if let Some(&primitive) = typed.filter(|p| argument_rust_type(**p).is_some()) {
                    let Some((literal, text)) = typed_argument(primitive, &value) else {
                        *refusal = Some(format!(
                            "example passes `{value}` as `{}` of `{name}`, which its `Function parameters` table types as {primitive:?}; not tested",
                            arg.name
                        ));
                        return None;
                    };
                    values.push(literal);
                    written.push(format!("{}={text}", arg.name));
                    continue;
                }
                // The request writes the value as the template does (`date=2018-03-05` or
                // `period='D7'`); an example that quotes differently means the same value.
                let text = match arg.shape() {
                    (Some(prefix), _) => format!("{prefix}'{}'", value.replace('\'', "''")),
                    (None, true) => format!("'{}'", value.replace('\'', "''")),
                    (None, false) => value.clone(),
                };
                values.push(quote!(#value));
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
        Segment::KeyValue { key, .. } => {
            let Segment::KeyValue { value, .. } = segment else {
                return None;
            };
            let value = percent_decode(value);
            Some((quote!(.#accessor(#value)), format!("/{key}={value}")))
        }
        Segment::Address { base, closed, .. } => {
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
        // The builder sends the segment as the schema spells it.
        written => Some((quote!(.#accessor()), format!("/{written}"))),
    }
}

/// An example's argument as the typed value the builder takes, and as the request writes it.
fn typed_argument(primitive: Primitive, value: &str) -> Option<(TokenStream, String)> {
    let value = value.trim();
    match primitive {
        Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => {
            let n = value.parse::<i32>().ok()?;
            Some((
                proc_macro2::Literal::i32_suffixed(n).into_token_stream(),
                n.to_string(),
            ))
        }
        Primitive::Int64 => {
            let n = value.parse::<i64>().ok()?;
            Some((
                proc_macro2::Literal::i64_suffixed(n).into_token_stream(),
                n.to_string(),
            ))
        }
        Primitive::Single | Primitive::Double | Primitive::Decimal => {
            let n = value.parse::<f64>().ok().filter(|n| n.is_finite())?;
            Some((
                proc_macro2::Literal::f64_suffixed(n).into_token_stream(),
                n.to_string(),
            ))
        }
        Primitive::Boolean => {
            let b = value.to_ascii_lowercase().parse::<bool>().ok()?;
            Some((quote!(#b), b.to_string()))
        }
        _ => None,
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

/// The typed setter for an OData option, or the generic `query` call, with the name and value it
/// sends. A typed setter writes the option's canonical name (`$orderby` for `$orderBy`); OData
/// reads system query options case-insensitively.
fn query_call(name: &str, value: &str, typed: bool) -> (TokenStream, String, String) {
    let items: Vec<&str> = value.split(',').map(str::trim).collect();
    let joined = items.join(",");
    let canonical = name.to_ascii_lowercase();
    if typed {
        let call = match canonical.as_str() {
            "$select" => Some((quote!(.select([#(#items),*])), joined)),
            "$expand" => Some((quote!(.expand([#(#items),*])), joined)),
            "$orderby" => Some((quote!(.orderby([#(#items),*])), joined)),
            "$filter" => Some((quote!(.filter(#value)), value.to_owned())),
            "$search" => Some((quote!(.search(#value)), value.to_owned())),
            "$top" | "$skip" => value.parse::<u32>().ok().map(|n| {
                let setter = format_ident!("{}", &canonical[1..]);
                (quote!(.#setter(#n)), n.to_string())
            }),
            "$count" => value
                .parse::<bool>()
                .ok()
                .map(|b| (quote!(.count(#b)), b.to_string())),
            _ => None,
        };
        if let Some((call, sent)) = call {
            return (call, canonical, sent);
        }
    }
    (
        quote!(.query(#name, #value)),
        name.to_owned(),
        value.to_owned(),
    )
}
