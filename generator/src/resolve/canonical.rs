//! One canonical operation per method on a path, where several pages document it: the one
//! whose type is the type the path addresses, then the most general type, then the title.

use std::cmp::Reverse;

use super::type_index::TypeIndex;
use crate::ir::{
    Addressed, ChoiceRule, HttpMethod, NodeOperation, Operation, OperationKind, RequestBody,
    Resolved, Role,
};

/// A method that several pages document on one node, and what decided it.
pub(super) struct Decided {
    pub canonical: usize,
    pub others: Vec<usize>,
    pub rule: ChoiceRule,
}

/// The operations of one node, each method's canonical one first, and for every method that
/// several pages document, what decided it.
pub(super) fn choose(
    on_node: &[usize],
    addressed: Option<&Addressed>,
    operations: &[Operation],
    types: &TypeIndex,
) -> (Vec<NodeOperation>, Vec<Decided>) {
    let mut methods: Vec<crate::ir::HttpMethod> =
        on_node.iter().map(|&i| operations[i].method).collect();
    methods.sort_unstable();
    methods.dedup();
    let mut ordered = Vec::new();
    let mut choices = Vec::new();
    for method in methods {
        let mut candidates: Vec<usize> = on_node
            .iter()
            .copied()
            .filter(|&i| operations[i].method == method)
            .collect();
        candidates.sort_by_cached_key(|&i| rank(&operations[i], addressed, types));
        let (&winner, others) = candidates
            .split_first()
            .expect("a method is listed because an operation has it");
        ordered.push(NodeOperation {
            operation: winner,
            role: Role::Canonical,
        });
        let w = &operations[winner];
        let mut rule = ChoiceRule::SameRequest;
        for &other in others {
            let o = &operations[other];
            let same = same_request(w, o);
            ordered.push(NodeOperation {
                operation: other,
                role: if same {
                    Role::SameRequest
                } else {
                    Role::Alternative
                },
            });
            if !same {
                rule = rule.min(deciding_rule(w, o, addressed, types));
            }
        }
        if !others.is_empty() {
            choices.push(Decided {
                canonical: winner,
                others: others.to_vec(),
                rule,
            });
        }
    }
    (ordered, choices)
}

type Rank = (bool, usize, bool, bool, bool, Reverse<bool>, usize, String);

fn rank(op: &Operation, addressed: Option<&Addressed>, types: &TypeIndex) -> Rank {
    let (title_names, page_names) = names_the_type(op, addressed);
    (
        !matches_path(op, addressed),
        generality(op, types),
        // The page that documents the answer, where pages differ only on that.
        op.response.body.is_none(),
        !title_names,
        !page_names,
        // Documented operations before those OData implies.
        Reverse(!op.implied),
        op.title.len(),
        format!("{}:{:08}", op.source.file, op.source.line),
    )
}

fn deciding_rule(
    winner: &Operation,
    other: &Operation,
    addressed: Option<&Addressed>,
    types: &TypeIndex,
) -> ChoiceRule {
    if matches_path(winner, addressed) != matches_path(other, addressed) {
        ChoiceRule::PathType
    } else if generality(winner, types) != generality(other, types) {
        ChoiceRule::MostGeneral
    } else {
        ChoiceRule::Title
    }
}

/// The type an operation answers with, or else sends: (name, collection).
fn operation_type(op: &Operation) -> Option<(&str, bool)> {
    fn resolved(ty: &crate::ir::TypeRef) -> Option<(&str, bool)> {
        match &ty.resolved {
            Some(Resolved::Type(name)) => Some((name.as_str(), ty.collection)),
            _ => None,
        }
    }
    op.response
        .body
        .as_ref()
        .and_then(resolved)
        .or_else(|| match &op.request_body {
            Some(RequestBody::Type { ty, .. }) => resolved(ty),
            _ => None,
        })
}

/// A `GET` answers the path's type; a create on a collection answers (or sends) an item; an
/// update answers (or sends) the entity.
fn matches_path(op: &Operation, addressed: Option<&Addressed>) -> bool {
    let (Some(addressed), Some((name, collection))) = (addressed, operation_type(op)) else {
        return false;
    };
    if !name.eq_ignore_ascii_case(&addressed.ty) {
        return false;
    }
    match op.method {
        HttpMethod::Get => collection == addressed.collection,
        HttpMethod::Post => addressed.collection && !collection,
        _ => !addressed.collection && !collection,
    }
}

/// Base types before derived ones; operations without a type last.
fn generality(op: &Operation, types: &TypeIndex) -> usize {
    operation_type(op).map_or(usize::MAX, |(name, _)| types.depth(name))
}

/// Whether the title, and the page's file name, name the type the path addresses.
fn names_the_type(op: &Operation, addressed: Option<&Addressed>) -> (bool, bool) {
    let Some(addressed) = addressed else {
        return (false, false);
    };
    let ty = addressed.ty.to_ascii_lowercase();
    let title = op.title.to_ascii_lowercase().replace(' ', "");
    let file = op.source.file.rsplit('/').next().unwrap_or(&op.source.file);
    (
        title.contains(&ty),
        file.to_ascii_lowercase().starts_with(&ty),
    )
}

/// The same request, answered the same way: one operation documented on two pages.
fn same_request(a: &Operation, b: &Operation) -> bool {
    let key = |ty: Option<&crate::ir::TypeRef>| {
        ty.map(|t| {
            let name = match &t.resolved {
                Some(Resolved::Type(n) | Resolved::Enum(n)) => n.to_ascii_lowercase(),
                Some(Resolved::Primitive(p)) => format!("{p:?}"),
                None => t.name.to_ascii_lowercase(),
            };
            (name, t.collection, t.resolved.is_some())
        })
    };
    let body = |op: &Operation| match &op.request_body {
        None => (0, None),
        Some(RequestBody::Type { ty, .. }) => (1, key(Some(ty))),
        Some(RequestBody::Parameters { parameters, .. }) => (
            2,
            Some((
                parameters
                    .iter()
                    .map(|p| p.name.to_ascii_lowercase())
                    .collect::<Vec<_>>()
                    .join(","),
                false,
                true,
            )),
        ),
        Some(RequestBody::Reference { .. }) => (3, None),
        Some(RequestBody::Stream { .. }) => (4, None),
    };
    // An update or delete is the request it sends: pages differ on whether the service
    // answers `204` or the entity, and the client reads either.
    let answer_matters = !matches!(a.kind, OperationKind::Update | OperationKind::Delete);
    // A `GET` is the same request whether a page calls it a get or a function's call.
    let same_kind = a.kind == b.kind || a.method == crate::ir::HttpMethod::Get;
    a.method == b.method
        && same_kind
        && a.implied == b.implied
        && body(a) == body(b)
        && (!answer_matters
            || key(a.response.body.as_ref()) == key(b.response.body.as_ref())
                && a.response.body_assumed == b.response.body_assumed
                // `302 Found` to a download is bytes, `200 OK` the JSON.
                && a.response.status == b.response.status)
}
