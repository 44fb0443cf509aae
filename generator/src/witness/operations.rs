//! Operations: each documented path walked through the metadata, then the answer and the body
//! compared with what the path (or its action or function) has there.

use super::{finding, page_type, same_type};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{HttpMethod, Operation, OperationKind, RequestBody, Resolved, Schema, TypeRef};
use crate::metadata::{MetaTypeRef, Metadata, PathStep, PathWalk};

pub(super) fn compare_operations(schema: &Schema, metadata: &Metadata, out: &mut Vec<Diagnostic>) {
    for op in schema.operations.iter().filter(|o| !o.implied) {
        let mut answered = false;
        for path in &op.paths {
            let walk = metadata.walk(&path.segments);
            if let Some((at, reason)) = &walk.failed {
                let (line, element) = last_element(metadata, &walk);
                let message = format!(
                    "`{} {}`: segment {} is not in the metadata: {reason}",
                    op.method,
                    path.template,
                    at + 1
                );
                out.push(finding(
                    metadata,
                    Code::MetadataPathUnknown,
                    &path.source,
                    line,
                    element,
                    message,
                ));
                continue;
            }
            if !answered {
                answered = compare_answer(schema, metadata, op, &path.template, &walk, out);
            }
            if let Some(meta_op) = walk.operation() {
                compare_parameters(metadata, op, meta_op, out);
            } else if op.kind == OperationKind::Create {
                compare_created(schema, metadata, op, &path.template, &walk, out);
            }
        }
    }
}

/// The line and name of the last element a walk read, for a finding's metadata side.
fn last_element(metadata: &Metadata, walk: &PathWalk) -> (usize, String) {
    match walk
        .steps
        .iter()
        .rev()
        .find(|s| !matches!(s, PathStep::Item | PathStep::System))
    {
        Some(PathStep::Root(r)) => (r.line, format!("{}/{}", "GraphService", r.name)),
        Some(PathStep::Cast(t)) => (t.line, t.name.to_string()),
        Some(PathStep::Property(owner, p)) => (p.line, format!("{}/{}", owner.name, p.name)),
        Some(PathStep::Operation(o)) => (o.line, o.name.to_string()),
        _ => (1, metadata.file.clone()),
    }
}

/// What the metadata says the operation answers on this path, if it says anything.
fn metadata_answer(op: &Operation, walk: &PathWalk) -> Option<MetaTypeRef> {
    match op.kind {
        OperationKind::Get | OperationKind::List if op.method == HttpMethod::Get => {
            walk.end.clone()
        }
        OperationKind::Action | OperationKind::Function => walk.operation()?.returns.clone(),
        _ => None,
    }
}

/// Reports an answer that differs; returns whether the operation's answer was compared.
fn compare_answer(
    schema: &Schema,
    metadata: &Metadata,
    op: &Operation,
    path: &str,
    walk: &PathWalk,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let Some(theirs) = metadata_answer(op, walk) else {
        return false;
    };
    let Some(answer) = &op.response.body else {
        return false;
    };
    if theirs.name.is_primitive() && theirs.name.name == "Stream" {
        return true;
    }
    if fits(schema, metadata, answer, &theirs) {
        return true;
    }
    let (line, element) = last_element(metadata, walk);
    let message = format!(
        "`{} {path}` answers `{}` here, but `{theirs}` in the metadata",
        op.method,
        page_type(answer)
    );
    out.push(finding(
        metadata,
        Code::MetadataAnswerDiffers,
        &op.response.source,
        line,
        element,
        message,
    ));
    true
}

/// Whether a page's answer is the metadata's: the same type, or one derived from it (a page
/// may answer the derived type a base's path holds), with the same collection-ness.
pub(crate) fn fits(
    schema: &Schema,
    metadata: &Metadata,
    page: &TypeRef,
    theirs: &MetaTypeRef,
) -> bool {
    if page.collection != theirs.collection {
        return false;
    }
    if same_type(page, theirs) {
        return true;
    }
    let Some(Resolved::Type(name)) = &page.resolved else {
        return false;
    };
    let derived = metadata
        .find_type(None, name)
        .is_some_and(|t| metadata.derives_from(&t.name, &theirs.name));
    derived
        || schema.find_type(name).is_some_and(|t| {
            schema
                .ancestors(t)
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&theirs.name.name))
        })
}

/// An action's body table against the action's parameters.
fn compare_parameters(
    metadata: &Metadata,
    op: &Operation,
    meta_op: &crate::metadata::MetaOperation,
    out: &mut Vec<Diagnostic>,
) {
    let Some(RequestBody::Parameters {
        parameters, source, ..
    }) = &op.request_body
    else {
        return;
    };
    if op.kind != OperationKind::Action {
        return;
    }
    let unknown: Vec<&str> = parameters
        .iter()
        .filter(|p| {
            !meta_op
                .parameters
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(&p.name))
        })
        .map(|p| p.name.as_str())
        .collect();
    let missing: Vec<&str> = meta_op
        .parameters
        .iter()
        .filter(|m| {
            !parameters
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case(&m.name))
        })
        .map(|m| m.name.as_str())
        .collect();
    if unknown.is_empty() && missing.is_empty() {
        return;
    }
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !unknown.is_empty() {
        parts.push(format!(
            "the page lists {}, which it does not take",
            list(&unknown)
        ));
    }
    if !missing.is_empty() {
        parts.push(format!("the page does not list its {}", list(&missing)));
    }
    let message = format!("action `{}`: {}", meta_op.name, parts.join("; "));
    out.push(finding(
        metadata,
        Code::MetadataBodyDiffers,
        source,
        meta_op.line,
        meta_op.name.to_string(),
        message,
    ));
}

/// What a create sends against the collection it posts to: the collection's type, or a type
/// derived from it (a page may create one kind of a base's collection).
fn compare_created(
    schema: &Schema,
    metadata: &Metadata,
    op: &Operation,
    path: &str,
    walk: &PathWalk,
    out: &mut Vec<Diagnostic>,
) {
    let Some(RequestBody::Type { ty, source }) = &op.request_body else {
        return;
    };
    let Some(collection) = walk.end.as_ref().filter(|e| e.collection) else {
        return;
    };
    let item = MetaTypeRef {
        name: collection.name.clone(),
        collection: ty.collection,
    };
    if ty.resolved.is_none() || fits(schema, metadata, ty, &item) {
        return;
    }
    let (line, element) = last_element(metadata, walk);
    let message = format!(
        "`{} {path}` sends `{}` here, but the metadata's collection holds `{}`",
        op.method,
        page_type(ty),
        collection.name
    );
    out.push(finding(
        metadata,
        Code::MetadataBodyDiffers,
        source,
        line,
        element,
        message,
    ));
}
