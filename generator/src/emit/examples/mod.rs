//! The documentation's examples -> tests in the generated crate: every request example is rebuilt
//! with the builders, every example body is read into its type and written back. This module
//! runs it; `route` finds the builder calls for an example URL, `request` and `response` write
//! the tests, `body` checks and embeds the JSON.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde::Serialize;

use super::api_index::ApiIndex;
use super::docs::Doc;
use super::gate::Gate;
use super::layout::Placed;
use super::Finish;
use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::Schema;
use crate::naming::{snake_name, Scope};
use crate::select::areas::AreaSet;
mod body;
mod request;
mod response;
mod route;

use request::*;
use response::*;
use route::*;

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
    gate: &Gate<'_>,
    finish: &Finish,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Placed>, ExampleCounts) {
    let mut counts = ExampleCounts::default();
    let mut tests = TestFns {
        items: Vec::new(),
        names: Scope::new(),
        gate,
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
                if let Some(host) = request
                    .url
                    .split
                    .host
                    .as_ref()
                    .filter(|_| request.url.is_elsewhere())
                {
                    // A call the service makes to the app (a bot's callback), shown for context.
                    diagnostics.push(Diagnostic::new(
                        Code::ExampleNotGraph,
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
                    let place = tests.request_place(target, request);
                    tests.push(format!("{stem}_request"), &request.source, place, test);
                } else if unrouted {
                    // The URL leads nowhere documented, but the body is still the page's.
                    if let Some(test) =
                        request_body_test(schema, op_index, request, index, diagnostics)
                    {
                        counts.example_body_tests += 1;
                        let place = tests.operation_place(op_index);
                        tests.push(format!("{stem}_request_body"), &request.source, place, test);
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
                    let place = tests.operation_place(target);
                    tests.push(format!("{stem}_response"), &response.source, place, test);
                }
            }
        }
    }
    counts.tests = tests.items.len();
    (tests.items, counts)
}

/// The test functions built so far, named uniquely in the order they are built.
pub(super) struct TestFns<'f> {
    items: Vec<Placed>,
    names: Scope,
    gate: &'f Gate<'f>,
    finish: &'f Finish,
}

impl TestFns<'_> {
    /// Where a request test is compiled: it is sent along the example's own path, so with the
    /// area that path starts in.
    fn request_place(
        &self,
        target: usize,
        request: &crate::ir::ExampleRequest,
    ) -> (AreaSet, Option<usize>) {
        let areas = self.gate.areas;
        let first = request
            .url
            .segments
            .first()
            .and_then(|s| areas.of_segment(s));
        match first.filter(|a| areas.operations[target].contains(a)) {
            Some(area) => (AreaSet::from([area]), Some(area)),
            None => self.operation_place(target),
        }
    }

    /// Where a test of an operation is compiled: with the operation's areas.
    fn operation_place(&self, operation: usize) -> (AreaSet, Option<usize>) {
        let areas = self.gate.areas;
        (
            areas.operations[operation].clone(),
            areas.homes.operations[operation],
        )
    }

    /// One test function, documented with the place of its example, compiled with `areas`
    /// and written to the module of `home`.
    fn push(
        &mut self,
        name: String,
        source: &Source,
        (areas, home): (AreaSet, Option<usize>),
        body: TokenStream,
    ) {
        let name = format_ident!("{}", self.names.claim(name));
        let doc = Doc(format!("From {source}."));
        let item = quote! {
            #doc
            #[test]
            fn #name() { #body }
        };
        self.items.push(Placed {
            home,
            text: (self.finish)(item, "example_tests", self.gate.cfg(&areas)),
            cfg_bytes: self.gate.cfg_bytes(&areas),
        });
    }
}

pub(super) fn skip(
    diagnostics: &mut Vec<Diagnostic>,
    at: &Source,
    reason: String,
) -> Option<TokenStream> {
    diagnostics.push(Diagnostic::new(Code::ExampleNotTested, at, reason));
    None
}
