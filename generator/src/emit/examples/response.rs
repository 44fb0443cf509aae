//! Tests of response examples: the body reads as the operation's output and writes back.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::api_index::{ApiIndex, Output, RustType};
use super::body::*;
use super::skip;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Example, Operation, Schema};
use crate::validate::Shape;

pub(super) fn response_test(
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
    success_test(schema, op, info, response, diagnostics)
}

/// A JSON body (an entity, or a page of a collection) read as the documented type and written back.
fn json_test(
    schema: &Schema,
    op: &Operation,
    request_type: &proc_macro2::Ident,
    status: u16,
    body: &crate::ir::ExampleBody,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let ty = op.response.body.as_ref()?;
    let shape = if ty.collection {
        Shape::Page(ty)
    } else {
        Shape::Type(ty)
    };
    let text = checked_body(schema, body, &shape, diagnostics)?;
    let round_trip = text.round_trip(quote!(&parsed));
    Some(quote! {
        const BODY: &str = #text;
        let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
            .expect("the example body reads as the documented response type");
        #round_trip
    })
}

/// A `2xx` response example: its body read as the operation's output, and written back.
fn success_test(
    schema: &Schema,
    op: &Operation,
    info: &crate::emit::api_index::OperationInfo,
    response: &crate::ir::ExampleResponse,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let request_type = format_ident!("{}", info.request_type);
    let status = response.status;
    let documented = op.response.status;
    let documented_type = match (&info.output, &op.response.body) {
        (Output::Count, _) => "a count (`$count`)".to_owned(),
        (Output::Bytes, None) => "content".to_owned(),
        (_, Some(t)) => format!("`{}`", t.written),
        (_, None) => "no body".to_owned(),
    };
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
            value_test(schema, op, (rust_type, &request_type), status, body, diagnostics)
        }
        (Output::MaybeJson(rust_type), Some(body)) if status == 204 => {
            update_answered_204_with_body(schema, op, (rust_type, &request_type), body, response, diagnostics)
        }
        (Output::MaybeJson(_), Some(body)) => {
            let ty = op.response.body.as_ref()?;
            let text = checked_body(schema, body, &Shape::Type(ty), diagnostics)?;
            let round_trip = text.round_trip(quote!(&parsed));
            Some(quote! {
                const BODY: &str = #text;
                let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
                    .expect("the example body reads as the documented response type")
                    .expect("a response with a body reads as the entity");
                #round_trip
            })
        }
        (Output::MaybeJson(_), None) => Some(quote! {
            let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, ""))
                .expect("an empty success response reads");
            assert!(parsed.is_none());
        }),
        (Output::Json(_), Some(body)) => json_test(schema, op, &request_type, status, body, diagnostics),
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
pub(super) fn error_test(
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

/// A response to a cast collection (`…/microsoft.graph.user`): a page of the derived type, or
/// its `$count`.
pub(super) fn cast_response_test(
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
    let round_trip = text.round_trip(quote!(&parsed));
    Some(quote! {
        const BODY: &str = #text;
        let parsed = crate::runtime::CastListRequest::<#item>::parse_response(crate::runtime::testing::response(#status, BODY))
            .expect("the example body reads as a page of the cast type");
        #round_trip
    })
}

/// An update's example that shows `204 No Content` with a body: the body is the entity the update
/// answers with `200`, and a 204 reads as `None`.
fn update_answered_204_with_body(
    schema: &Schema,
    op: &Operation,
    (rust_type, request_type): (&RustType, &proc_macro2::Ident),
    body: &crate::ir::ExampleBody,
    response: &crate::ir::ExampleResponse,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let ty = op.response.body.as_ref()?;
    let text = checked_body(schema, body, &Shape::Type(ty), diagnostics)?;
    let round_trip = text.round_trip(quote!(&parsed));
    diagnostics.push(Diagnostic::new(
        Code::Example204WithBody,
        &response.source,
        format!("response example shows `204 No Content` with a body; a 204 carries none (the SDK reads it as `None`), so the body is tested as the `{}` an update answers with `200`", ty.written),
    ));
    Some(quote! {
        const BODY: &str = #text;
        let parsed: #rust_type = crate::runtime::response::from_json_slice(BODY.as_bytes())
            .expect("the example body reads as the updated entity");
        #round_trip
        let empty = crate::api::#request_type::parse_response(crate::runtime::testing::response(204, ""))
            .expect("a 204 reads");
        assert!(empty.is_none());
    })
}

/// A primitive a function or action returns, read out of `{"value": ...}`.
fn value_test(
    schema: &Schema,
    op: &Operation,
    (rust_type, request_type): (&RustType, &proc_macro2::Ident),
    status: u16,
    body: &crate::ir::ExampleBody,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let ty = op.response.body.as_ref()?;
    let text = checked_body(schema, body, &Shape::Value(ty), diagnostics)?;
    let round_trip = text.round_trip(quote!(&wrapped));
    Some(quote! {
        const BODY: &str = #text;
        let parsed = crate::api::#request_type::parse_response(crate::runtime::testing::response(#status, BODY))
            .expect("the example body holds the documented return value");
        let wrapped: crate::runtime::response::ValueOf<#rust_type> = crate::runtime::response::from_json_slice(BODY.as_bytes())
            .expect("the example body is a returned value");
        assert_eq!(wrapped.value, parsed);
        #round_trip
    })
}
