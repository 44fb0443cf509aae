//! Tests of request examples: the builders produce the example's method, path, query and body.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::api_index::{ApiIndex, Body};
use super::body::*;
use super::route::*;
use super::skip;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Example, Operation, RequestBody, Schema};
use crate::validate::Shape;

pub(super) fn request_test(
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
        diagnostics.push(Diagnostic::new(Code::ExampleOtherOperation, at, note));
    }
    let op = &schema.operations[op_index];
    let url = &request.url.split;
    let as_written: String = request
        .url
        .segments
        .iter()
        .map(|s| format!("/{}", decoded(s)))
        .collect();
    if !as_written.eq_ignore_ascii_case(&path) {
        diagnostics.push(Diagnostic::new(
            Code::ExamplePathSpelling,
            at,
            format!("example writes the path as `{as_written}` where the documented template gives `{path}`; tested as the template writes it"),
        ));
    }
    let method = format_ident!("{}", method);
    let mut chain = quote!(client #(#calls)*);
    let info = &index.operations[op_index];
    let (body_setup, body_arg, expected_body) = body_parts(schema, op, info, request, diagnostics)?;
    chain = quote!(#chain.#method(#body_arg));
    let mut expected_query = Vec::new();
    for (name, value) in query_pairs(url.query.as_deref().unwrap_or_default()) {
        let (call, sent_name, sent) = query_call(&name, &value, !op.query_options.is_empty());
        chain = quote!(#chain #call);
        expected_query.push(quote!((#sent_name, #sent)));
    }
    let http_method = op.method.as_str();
    Some(quote! {
        #body_setup
        let client = crate::runtime::Client::offline();
        let request = #chain.to_http_request().expect("the request builds");
        crate::runtime::testing::assert_request(&request, #http_method, #path, &[#(#expected_query),*], #expected_body);
    })
}

/// The test's body: how it is built from the example, passed to the builder and expected on the
/// wire; `None` (reported) where the example and the operation disagree on having one.
fn body_parts(
    schema: &Schema,
    op: &Operation,
    info: &crate::emit::api_index::OperationInfo,
    request: &crate::ir::ExampleRequest,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<BodyParts> {
    let at = &request.source;
    Some(match (&info.body, &request.body) {
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
            return skip_body(
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
            return skip_body(diagnostics, at, reason.into());
        }
        (Body::None, None) => (
            TokenStream::new(),
            TokenStream::new(),
            quote!(crate::runtime::testing::ExpectedBody::None),
        ),
    })
}

/// What a request body is checked as: the entity, the parameter struct, or a reference.
pub(super) fn request_body_shape(op: &Operation) -> Shape<'_> {
    match &op.request_body {
        Some(RequestBody::Type { ty, .. }) => Shape::Type(ty),
        Some(RequestBody::Parameters { parameters, .. }) => Shape::Parameters(parameters),
        _ => Shape::Reference,
    }
}

/// The body of a request example whose URL is not tested, read as the page's body type and
/// written back.
pub(super) fn request_body_test(
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
    if !op.method.is(&request.method) {
        return None;
    }
    let text = checked_body(schema, body, &request_body_shape(op), diagnostics)?;
    let round_trip = text.round_trip(quote!(&body));
    diagnostics.push(Diagnostic::new(
        Code::ExampleBodyTestedAlone,
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
        #round_trip
    })
}

pub(super) fn query_pairs(query: &str) -> Vec<(String, String)> {
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
pub(super) fn query_call(name: &str, value: &str, typed: bool) -> (TokenStream, String, String) {
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

type BodyParts = (TokenStream, TokenStream, TokenStream);

fn skip_body(
    diagnostics: &mut Vec<Diagnostic>,
    at: &crate::diagnostics::Source,
    reason: String,
) -> Option<BodyParts> {
    // `skip` reports and answers no test; here no body parts either.
    skip(diagnostics, at, reason)?;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_split_and_decoded() {
        assert_eq!(
            query_pairs("$select=displayName,mail&$filter=startswith(displayName,%27a%27)&&x"),
            [
                ("$select".to_owned(), "displayName,mail".to_owned()),
                (
                    "$filter".to_owned(),
                    "startswith(displayName,'a')".to_owned()
                ),
                ("x".to_owned(), String::new()),
            ]
        );
        assert!(query_pairs("").is_empty());
    }
}
