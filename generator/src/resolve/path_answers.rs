//! `get()` and `list()` answer the type their path addresses. A page that answers a derived type
//! on a path of its base (`List owners` answers `user` on `owners`, which holds any
//! `directoryObject`) is read as answering the base: the service sends every derived type there.
//! Any other disagreement between a page's answer and its path's type is reported.

use std::collections::BTreeMap;

use super::type_index::TypeIndex;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Addressed, ApiGraph, Evidence, Operation, OperationKind, Resolved, Role, TypeRef};

pub(super) fn answer_path_types(
    graph: &ApiGraph,
    operations: &mut [Operation],
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (op, addressed) in canonical_reads(graph, operations) {
        let o = &mut operations[op];
        let Some(answer) = o.response.body.clone() else {
            continue;
        };
        let Some(Resolved::Type(answered)) = answer.resolved.clone() else {
            continue;
        };
        let differs: Vec<&(String, Addressed)> = addressed
            .iter()
            .filter(|(_, a)| {
                !a.ty.eq_ignore_ascii_case(&answered) || a.collection != answer.collection
            })
            .collect();
        let Some((path, first)) = differs.first() else {
            continue;
        };
        let one_base = differs.len() == addressed.len()
            && addressed
                .iter()
                .all(|(_, a)| a.ty == first.ty && a.collection == answer.collection)
            && types
                .lineage(&answered)
                .iter()
                .skip(1)
                .any(|t| t.name.eq_ignore_ascii_case(&first.ty));
        if one_base {
            diagnostics.push(Diagnostic::new(
                Code::ResponseTypeInferred,
                &o.response.source,
                format!(
                    "the page answers `{answered}`, but `{path}` holds any `{}`; read as the `{}` the service may send there",
                    first.ty, first.ty
                ),
            ));
            o.response.body = Some(TypeRef {
                written: answer.written.clone(),
                name: first.ty.clone(),
                collection: answer.collection,
                resolved: Some(Resolved::Type(first.ty.clone())),
            });
            continue;
        }
        let shape = |ty: &str, collection: bool| {
            if collection {
                format!("a collection of `{ty}`")
            } else {
                format!("one `{ty}`")
            }
        };
        diagnostics.push(Diagnostic::new(
            Code::AnswerNotPathType,
            &o.response.source,
            format!(
                "`GET {path}` addresses {} (the schema says so by its {}), but the page answers {}; the method returns the page's type",
                shape(&first.ty, first.collection),
                evidence(first.evidence),
                shape(&answered, answer.collection)
            ),
        ));
    }
}

fn evidence(evidence: Evidence) -> &'static str {
    match evidence {
        Evidence::Property => "parent's property",
        Evidence::Item => "collection's item type",
        Evidence::Cast => "cast",
        Evidence::Children => "child segments",
        Evidence::Operations => "operations",
    }
}

/// Each operation that is the canonical `get()` or `list()` of a path the schema types (not
/// only its operations), with those paths and their types.
fn canonical_reads(
    graph: &ApiGraph,
    operations: &[Operation],
) -> BTreeMap<usize, Vec<(String, Addressed)>> {
    let mut reads: BTreeMap<usize, Vec<(String, Addressed)>> = BTreeMap::new();
    for node in &graph.nodes {
        let Some(addressed) = node.addresses.as_ref().filter(|a| a.from_schema()) else {
            continue;
        };
        for n in node.operations.iter().filter(|n| n.role == Role::Canonical) {
            let op = &operations[n.operation];
            if op.method == crate::ir::HttpMethod::Get
                && !op.implied
                && matches!(op.kind, OperationKind::Get | OperationKind::List)
            {
                reads
                    .entry(n.operation)
                    .or_default()
                    .push((node.path.clone(), addressed.clone()));
            }
        }
    }
    reads
}
