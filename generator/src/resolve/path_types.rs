//! What each documented path addresses: the entity or collection type, from the parent's type
//! where a property names the segment, and from what its operations send and answer where
//! nothing above it is typed (`/users`, `/me`, a function's result).

use crate::diagnostics::Code;
use std::collections::BTreeMap;

use super::type_index::TypeIndex;
use crate::ir::Segment;
use crate::ir::{
    Addressed, Evidence, HttpMethod, Operation, OperationKind, PathNode, RequestBody, Resolved,
};

pub(super) fn annotate(root: &mut PathNode, operations: &[Operation], types: &TypeIndex) {
    for child in &mut root.children {
        visit(child, None, operations, types);
    }
    // A top-level segment nothing types that names a relationship of exactly one top-level
    // singleton is that relationship of it: `/drive` is the signed-in user's, `user.drive` of
    // `/me`.
    let singletons: Vec<Addressed> = root
        .children
        .iter()
        .filter(|c| matches!(c.segment, Some(Segment::Static(_))))
        .filter_map(|c| c.addresses.clone().filter(|a| !a.collection))
        .collect();
    for child in &mut root.children {
        let Some(Segment::Static(name)) = &child.segment else {
            continue;
        };
        if child.addresses.is_some() || name.starts_with('$') {
            continue;
        }
        let owners: Vec<&Addressed> = singletons
            .iter()
            .filter(|s| types.property_type(&s.ty, name).is_some())
            .collect();
        if let [owner] = owners.as_slice() {
            visit(child, Some(owner), operations, types);
        }
    }
}

fn visit(
    node: &mut PathNode,
    parent: Option<&Addressed>,
    operations: &[Operation],
    types: &TypeIndex,
) {
    // `$value`, `$count` and `$ref` address the content, the number or the link: no entity.
    let system = matches!(&node.segment, Some(Segment::Static(s)) if s.starts_with('$'));
    node.addresses = match node
        .segment
        .as_ref()
        .and_then(|s| structural(parent, s, types))
    {
        _ if system => None,
        Some(decided) => decided,
        None => from_operations(node, operations, types),
    };
    let addressed = node.addresses.clone();
    for child in &mut node.children {
        visit(child, addressed.as_ref(), operations, types);
    }
}

/// The type the parent's type gives the segment: `Some(None)` where the parent's type says the
/// segment is no entity (`bannerLogo`, a stream), `None` where it says nothing.
fn structural(
    parent: Option<&Addressed>,
    segment: &Segment,
    types: &TypeIndex,
) -> Option<Option<Addressed>> {
    if let (Segment::Static(s), Some(parent)) = (segment, parent) {
        let property = (!parent.collection && !s.contains('.'))
            .then(|| types.property(&parent.ty, s))
            .flatten();
        if property.is_some() && types.property_type(&parent.ty, s).is_none() {
            return Some(None);
        }
    }
    entity(parent, segment, types).map(Some)
}

fn entity(parent: Option<&Addressed>, segment: &Segment, types: &TypeIndex) -> Option<Addressed> {
    let addressed = |ty: String, collection: bool, evidence: Evidence| Addressed {
        ty,
        collection,
        evidence,
    };
    match segment {
        Segment::Static(s) if s.contains('.') => {
            let cast = types.get(s)?;
            Some(addressed(
                cast.name.clone(),
                parent.is_some_and(|p| p.collection),
                Evidence::Cast,
            ))
        }
        Segment::Static(s) => {
            let parent = parent.filter(|p| !p.collection)?;
            let (ty, collection) = types.property_type(&parent.ty, s)?;
            Some(addressed(ty, collection, Evidence::Property))
        }
        Segment::Param { .. } | Segment::KeyValue { .. } => {
            let parent = parent.filter(|p| p.collection)?;
            Some(addressed(parent.ty.clone(), false, Evidence::Item))
        }
        Segment::Address { base, .. } => match base.as_ref() {
            Segment::Static(s) => {
                let parent = parent.filter(|p| !p.collection)?;
                let (ty, _) = types.property_type(&parent.ty, s)?;
                Some(addressed(ty, false, Evidence::Item))
            }
            _ => {
                let parent = parent.filter(|p| p.collection)?;
                Some(addressed(parent.ty.clone(), false, Evidence::Item))
            }
        },
        Segment::Function { .. } | Segment::Other(_) => None,
    }
}

/// What the operations on the node answer (`GET`), or else take (`PATCH`, a create's body).
/// Where pages disagree: a node with an `{id}` below it is a collection; then the type whose
/// properties the node's child segments name (`/me/messages` says `/me` is a `user`, not the
/// `directoryObject` another page answers), then the most pages, then the most general type.
fn from_operations(
    node: &PathNode,
    operations: &[Operation],
    types: &TypeIndex,
) -> Option<Addressed> {
    // What a `GET` answers says what the path is; what a create or update sends only where no
    // page reads the path.
    let mut votes: BTreeMap<(String, bool), usize> = BTreeMap::new();
    for reads in [true, false] {
        for &i in &node.operations {
            if (operations[i].method == crate::ir::HttpMethod::Get) != reads {
                continue;
            }
            if let Some(candidate) = operation_type(&operations[i]) {
                *votes.entry(candidate).or_default() += 1;
            }
        }
        if !votes.is_empty() {
            break;
        }
    }
    let has_items = node.children.iter().any(|c| {
        matches!(
            c.segment,
            Some(Segment::Param { .. } | Segment::KeyValue { .. })
        )
    });
    if has_items && votes.keys().any(|(_, collection)| *collection) {
        votes.retain(|(_, collection), _| *collection);
    }
    let named_children = |ty: &str| {
        node.children
            .iter()
            .filter(|c| match &c.segment {
                Some(Segment::Static(s)) => types.property(ty, s).is_some(),
                _ => false,
            })
            .count()
    };
    let best = votes.iter().max_by(|(a, va), (b, vb)| {
        let score = |(ty, collection): &(String, bool), votes: usize| {
            let named = if *collection { 0 } else { named_children(ty) };
            (named, votes, std::cmp::Reverse(types.depth(ty)))
        };
        score(a, **va)
            .cmp(&score(b, **vb))
            // Deterministic between equals: the name that sorts first wins.
            .then_with(|| b.cmp(a))
    });
    if let Some(((ty, collection), _)) = best {
        return Some(Addressed {
            ty: ty.clone(),
            collection: *collection,
            evidence: Evidence::Operations,
        });
    }
    // A collection no page lists, whose items a page gets.
    node.children
        .iter()
        .filter(|c| matches!(c.segment, Some(Segment::Param { .. })))
        .flat_map(|c| &c.operations)
        .filter_map(|&i| operation_type(&operations[i]))
        .find(|(_, collection)| !collection)
        .map(|(ty, _)| Addressed {
            ty,
            collection: true,
            evidence: Evidence::Operations,
        })
        .or_else(|| by_children(node, operations, types))
}

/// A node no page reads or writes (`/auditLogs`): the type whose properties name the most of
/// its child segments that are not actions (at least two; the most general where several
/// inherit), if one type does.
fn by_children(node: &PathNode, operations: &[Operation], types: &TypeIndex) -> Option<Addressed> {
    let names: Vec<&str> = node
        .children
        .iter()
        .filter(|c| {
            c.operations.is_empty()
                || c.operations.iter().any(|&i| {
                    !matches!(
                        operations[i].kind,
                        OperationKind::Action | OperationKind::Function
                    )
                })
        })
        .filter_map(|c| match &c.segment {
            Some(Segment::Static(s)) if !s.starts_with('$') && !s.contains('.') => Some(s.as_str()),
            _ => None,
        })
        .collect();
    let named = |t: &crate::ir::TypeDef| {
        names
            .iter()
            .filter(|n| types.property(&t.name, n).is_some())
            .count()
    };
    let best = types.all().map(named).max().filter(|&n| n >= 2)?;
    let fits: Vec<&crate::ir::TypeDef> = types.all().filter(|t| named(t) == best).collect();
    let most_general: Vec<_> = fits
        .iter()
        .filter(|t| {
            types
                .lineage(&t.name)
                .iter()
                .skip(1)
                .all(|base| !fits.iter().any(|f| f.name == base.name))
        })
        .collect();
    match most_general.as_slice() {
        [only] => Some(Addressed {
            ty: only.name.clone(),
            collection: false,
            evidence: Evidence::Children,
        }),
        _ => None,
    }
}

/// The entity type an operation says its path addresses.
pub(super) fn operation_type(op: &Operation) -> Option<(String, bool)> {
    if op.implied {
        return None;
    }
    let body_type = || match &op.request_body {
        Some(RequestBody::Type { ty, .. }) if !ty.collection => match &ty.resolved {
            Some(Resolved::Type(name)) => Some(name.clone()),
            _ => None,
        },
        _ => None,
    };
    match op.method {
        HttpMethod::Get => match &op.response.body {
            Some(ty) => match &ty.resolved {
                Some(Resolved::Type(name)) => Some((name.clone(), ty.collection)),
                _ => None,
            },
            None => None,
        },
        HttpMethod::Patch | HttpMethod::Put => body_type().map(|t| (t, false)),
        HttpMethod::Post if op.kind == OperationKind::Create => body_type().map(|t| (t, true)),
        _ => None,
    }
}

/// A `GET` whose page names no answer, on a path whose type the schema gives, answers that
/// type: the page documents reading the entity (or collection) the path addresses. Returns
/// whether any did.
pub(super) fn answer_with_the_path_type(
    root: &PathNode,
    operations: &mut [Operation],
    diagnostics: &mut Vec<crate::diagnostics::Diagnostic>,
) -> bool {
    let mut answered = false;
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        stack.extend(&node.children);
        let Some(addressed) = node.addresses.as_ref().filter(|a| a.from_schema()) else {
            continue;
        };
        for &i in &node.operations {
            let op = &mut operations[i];
            if op.method != crate::ir::HttpMethod::Get
                || op.implied
                || op.response.body.is_some()
                || op.response.status != 200
            {
                continue;
            }
            diagnostics.push(crate::diagnostics::Diagnostic::new(
                Code::ResponseTypeInferred,
                &op.response.source,
                format!(
                    "the response names no type; a `GET` of `{}` answers the {} the path addresses",
                    node.segment
                        .as_ref()
                        .map_or(String::new(), |s| s.to_string()),
                    if addressed.collection {
                        format!("`{}` collection", addressed.ty)
                    } else {
                        format!("`{}`", addressed.ty)
                    }
                ),
            ));
            op.response.body = Some(crate::ir::TypeRef {
                written: addressed.ty.clone(),
                name: addressed.ty.clone(),
                collection: addressed.collection,
                resolved: Some(Resolved::Type(addressed.ty.clone())),
            });
            op.kind = if addressed.collection {
                OperationKind::List
            } else {
                OperationKind::Get
            };
            answered = true;
        }
    }
    answered
}
