//! Fragments of many pages -> one schema: types looked up, inheritance checked, examples checked
//! against their operation, and the URL space arranged as a tree.

mod api_graph;
mod canonical;
mod consult;
mod cycles;
mod example_paths;
mod kinds;
mod merge;
mod path_answers;
mod path_types;
mod type_index;

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Segment;
use crate::ir::{
    EnumDef, Fragment, NameKey, Operation, OperationKind, PathNode, PathTemplate, PathTree,
    Property, RequestBody, Resolved, Response, Schema, TypeDef, TypeRef,
};

pub fn resolve(fragments: Vec<Fragment>, api_version: &str) -> (Schema, Vec<Diagnostic>) {
    resolve_selected(fragments, api_version, &crate::select::Selection::default())
}

pub use consult::Consult;

/// [`resolve`] for fragments a path selection kept: paths the examples add stay in it.
pub fn resolve_selected(
    fragments: Vec<Fragment>,
    api_version: &str,
    selection: &crate::select::Selection,
) -> (Schema, Vec<Diagnostic>) {
    resolve_consulting(fragments, api_version, selection, None)
}

/// [`resolve_selected`], consulting the service metadata where the pages leave a type open or
/// contradict each other ([`Consult`]).
pub fn resolve_consulting(
    fragments: Vec<Fragment>,
    api_version: &str,
    selection: &crate::select::Selection,
    consult: Option<Consult>,
) -> (Schema, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut type_defs: BTreeMap<NameKey, Vec<TypeDef>> = BTreeMap::new();
    let mut enum_defs: BTreeMap<NameKey, Vec<EnumDef>> = BTreeMap::new();
    let mut operations = Vec::new();
    for fragment in fragments {
        match fragment {
            Fragment::Type(t) => type_defs.entry(NameKey::of(&t.name)).or_default().push(*t),
            Fragment::Enum(e) => enum_defs.entry(NameKey::of(&e.name)).or_default().push(*e),
            Fragment::Operation(o) => operations.push(*o),
        }
    }
    let mut types: BTreeMap<NameKey, TypeDef> = type_defs
        .into_iter()
        .map(|(key, defs)| (key, merge::merge_types(defs, &mut diagnostics)))
        .collect();
    let mut enums: BTreeMap<NameKey, EnumDef> = enum_defs
        .into_iter()
        .map(|(key, defs)| (key, merge::merge_enums(defs, &mut diagnostics)))
        .collect();
    if let Some(consult) = consult.filter(|c| c.fill) {
        consult::fill_types(consult, &mut types, &enums, &mut diagnostics);
        consult::fill_enums(consult, &mut enums, &mut diagnostics);
    }
    let by_page = crate::ir::pages_defining(types.values());
    let names = Names {
        types: &types,
        enums: &enums,
        by_page: &by_page,
        consult,
    };
    let mut resolved_types = resolve_types(&names, &mut diagnostics);
    cycles::break_inheritance_cycles(&mut resolved_types, &mut diagnostics);
    cycles::box_recursive_fields(&mut resolved_types);
    for op in &mut operations {
        resolve_operation(&names, op, &mut diagnostics);
        kinds::kind_from_behaviour(&names, op, &mut diagnostics);
        literal_values_as_placeholders(&names, op, &mut diagnostics);
        answer_with_the_entity(op, &mut diagnostics);
        type_function_parameters(&names, op);
        check_examples(op, api_version, &mut diagnostics);
    }
    if let Some(consult) = consult {
        consult::answers(&names, consult, &mut operations, &mut diagnostics);
    }
    kinds::one_verb_per_action(&mut operations);
    let counts = implied_counts(&operations);
    operations.extend(counts);
    operations.sort_by(|a, b| {
        let key = |o: &Operation| {
            (
                o.paths.first().map(|p| p.template.to_ascii_lowercase()),
                o.method,
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.source.cmp(&b.source))
    });
    let type_index = type_index::TypeIndex::new(&resolved_types);
    let (mut paths, mut api, mut choices) =
        url_space(&mut operations, &type_index, &mut diagnostics);
    let literal = |text: &str| is_literal_value(&names, text);
    if example_paths::add_paths_from_examples(
        &api,
        &mut operations,
        &literal,
        selection,
        &mut diagnostics,
    ) {
        (paths, api, choices) = url_space(&mut operations, &type_index, &mut diagnostics);
    }
    diagnostics.extend(choices);
    path_answers::answer_path_types(&api, &mut operations, &type_index, &mut diagnostics);
    let schema = Schema {
        api_version: api_version.to_owned(),
        types: resolved_types,
        enums: enums.into_values().collect(),
        operations,
        paths,
        api,
    };
    (schema, diagnostics)
}

/// Every type with its properties' types looked up and its base type checked.
fn resolve_types(names: &Names, diagnostics: &mut Vec<Diagnostic>) -> Vec<TypeDef> {
    let mut resolved_types: Vec<TypeDef> = Vec::new();
    for t in names.types.values() {
        let mut t = t.clone();
        t.properties = resolve_properties(names, &t.properties, &t.name, diagnostics);
        t.navigation_properties =
            resolve_properties(names, &t.navigation_properties, &t.name, diagnostics);
        if let Some(base) = &t.base_type {
            match names.types.get(&NameKey::of(base)) {
                Some(b) => t.base_type = Some(b.name.clone()),
                None => {
                    diagnostics.push(Diagnostic::new(
                        Code::UnknownBaseType,
                        &t.source,
                        format!("`{}` inherits from `{base}`, which no page defines; inherited properties are missing", t.name),
                    ));
                    t.base_type = None;
                }
            }
        }
        resolved_types.push(t);
    }
    resolved_types
}

/// The documented URL tree with its types, the client's graph made from it, and the graph's
/// notes on competing operations, which the caller keeps from its last build only (a second
/// build, after examples added paths, decides them again).
fn url_space(
    operations: &mut [Operation],
    types: &type_index::TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> (PathTree, crate::ir::ApiGraph, Vec<Diagnostic>) {
    let mut paths = path_tree(operations);
    path_types::annotate(&mut paths.root, operations, types);
    // What the path types say a `GET` answers is evidence for the paths typed by their
    // operations: read them again with it.
    if path_types::answer_with_the_path_type(&paths.root, operations, diagnostics) {
        path_types::annotate(&mut paths.root, operations, types);
    }
    let mut choices = Vec::new();
    let api = api_graph::build(&paths.root, operations, types, &mut choices);
    (paths, api, choices)
}

struct Names<'a> {
    types: &'a BTreeMap<NameKey, TypeDef>,
    enums: &'a BTreeMap<NameKey, EnumDef>,
    /// [`crate::ir::pages_defining`].
    by_page: &'a BTreeMap<NameKey, NameKey>,
    consult: Option<Consult<'a>>,
}

impl Names<'_> {
    fn lookup(&self, name: &str) -> Option<Resolved> {
        let qualified = name.contains('.');
        let bare = name.rsplit('.').next().unwrap_or(name);
        let key = NameKey::of(bare);
        let named = || {
            self.enums
                .get(&key)
                .map(|e| Resolved::Enum(e.name.clone()))
                .or_else(|| self.types.get(&key).map(|t| Resolved::Type(t.name.clone())))
                .or_else(|| {
                    let page = self.by_page.get(&key)?;
                    self.types.get(page).map(|t| Resolved::Type(t.name.clone()))
                })
        };
        if qualified && !name.to_ascii_lowercase().starts_with("edm.") {
            return named()
                .or_else(|| crate::ir::Primitive::from_name(bare).map(Resolved::Primitive));
        }
        crate::ir::Primitive::from_name(name)
            .map(Resolved::Primitive)
            .or_else(named)
    }

    fn resolve(&self, ty: &TypeRef) -> Option<TypeRef> {
        let resolved = self.lookup(&ty.name)?;
        Some(TypeRef {
            resolved: Some(resolved),
            ..ty.clone()
        })
    }
}

/// Properties whose type no page defines are reported and left out: never widened to untyped
/// JSON. Their values still round-trip through `additional_properties`.
fn resolve_properties(
    names: &Names,
    properties: &[Property],
    owner: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Property> {
    properties
        .iter()
        .map(|p| match names.resolve(&p.ty) {
            // A row without a type is read as untyped JSON, unless the metadata types it.
            Some(ty) if !p.ty.written.trim().is_empty() || names.consult.is_none() => {
                Property { ty, ..p.clone() }
            }
            resolved => {
                let decided = names
                    .consult
                    .and_then(|consult| consult::property_type(names, consult, owner, p));
                match (decided, resolved) {
                    (Some((ty, decided)), _) => {
                        diagnostics.push(decided);
                        Property { ty, ..p.clone() }
                    }
                    (None, Some(ty)) => Property { ty, ..p.clone() },
                    (None, None) => untyped(p, owner, diagnostics),
                }
            }
        })
        .collect()
}

/// A property whose type no page defines, reported and kept as untyped JSON.
fn untyped(p: &Property, owner: &str, diagnostics: &mut Vec<Diagnostic>) -> Property {
    diagnostics.push(Diagnostic::new(
        Code::UnknownType,
        &p.source,
        format!(
            "type `{}` of `{owner}.{}` is defined on no page; the property is kept as untyped JSON",
            p.ty.written, p.name
        ),
    ));
    Property {
        ty: TypeRef {
            resolved: Some(Resolved::Primitive(crate::ir::Primitive::Json)),
            ..p.ty.clone()
        },
        ..p.clone()
    }
}

fn resolve_operation(names: &Names, op: &mut Operation, diagnostics: &mut Vec<Diagnostic>) {
    // The linked type first, then the names the page emphasises and the example's `@odata.type`.
    let linked = op.response.body.take();
    // `204 No Content` has no body, whatever else the page names.
    let candidates: Vec<&TypeRef> = if op.response.status == 204 {
        Vec::new()
    } else {
        linked.iter().chain(&op.response.hints).collect()
    };
    match candidates.iter().find_map(|c| names.resolve(c)) {
        Some(ty) => {
            if linked.as_ref().map(|l| &l.name) != Some(&ty.name) {
                diagnostics.push(Diagnostic::new(
                    Code::ResponseTypeInferred,
                    &op.response.source,
                    format!("the response links no known type; `{}` is taken from the page", ty.written),
                ));
            }
            op.response.body = Some(ty);
        }
        None if op.response.status != 204 && !candidates.is_empty() => diagnostics.push(Diagnostic::new(
            Code::UnknownResponseType,
            &op.response.source,
            format!(
                "no name the response section gives ({}) is a type defined on a page; the response is not typed",
                candidates.iter().map(|c| format!("`{}`", c.written)).collect::<Vec<_>>().join(", ")
            ),
        )),
        None => {}
    }
    match op.request_body.take() {
        Some(RequestBody::Type { ty, source }) => match names.resolve(&ty) {
            Some(ty) => op.request_body = Some(RequestBody::Type { ty, source }),
            None => diagnostics.push(Diagnostic::new(
                Code::UnknownRequestType,
                &source,
                format!(
                    "request body type `{}` is defined on no page; the body is not typed",
                    ty.written
                ),
            )),
        },
        Some(RequestBody::Parameters {
            parameters,
            hints,
            source,
        }) => {
            // Create and update pages list the entity's properties; the body is the entity.
            if let Some(ty) = hints.iter().find_map(|h| names.resolve(h)) {
                if matches!(ty.resolved, Some(Resolved::Type(_))) {
                    op.request_body = Some(RequestBody::Type { ty, source });
                    return;
                }
            }
            let parameters = resolve_properties(names, &parameters, &op.title, diagnostics);
            op.request_body = Some(RequestBody::Parameters {
                parameters,
                hints: Vec::new(),
                source,
            });
        }
        other => op.request_body = other,
    }
}

/// A function's arguments are typed by its `Function parameters` table where that names a
/// primitive; anything else stays a string.
fn type_function_parameters(names: &Names, op: &mut Operation) {
    op.function_parameters
        .retain_mut(|p| match names.resolve(&p.ty) {
            // Only primitives type a path argument; anything else stays a string.
            Some(
                ty @ TypeRef {
                    resolved: Some(Resolved::Primitive(_)),
                    collection: false,
                    ..
                },
            ) => {
                p.ty = ty;
                true
            }
            _ => false,
        });
}

/// A create or update that sends an entity and documents no response type answers with that
/// entity (`201 Created`, or `200 OK` to an update; an update may also answer `204`).
fn answer_with_the_entity(op: &mut Operation, diagnostics: &mut Vec<Diagnostic>) {
    if op.response.body.is_some()
        || !matches!(op.kind, OperationKind::Create | OperationKind::Update)
    {
        return;
    }
    if op.kind == OperationKind::Create && op.response.status != 201 {
        return;
    }
    let Some(RequestBody::Type { ty, .. }) = &op.request_body else {
        return;
    };
    if !matches!(ty.resolved, Some(Resolved::Type(_))) || ty.collection {
        return;
    }
    diagnostics.push(Diagnostic::new(
        Code::ResponseTypeInferred,
        &op.response.source,
        format!(
            "the response names no type; a {} answers with the `{}` it sends",
            if op.kind == OperationKind::Create {
                "create"
            } else {
                "update"
            },
            ty.written
        ),
    ));
    op.response.body = Some(ty.clone());
    op.response.body_assumed = true;
}

/// Some request lines write an example value where the placeholder belongs
/// (`/education/classes/acdefc6b-…/assignments`, `/domains/contoso.com/…`). A GUID, or a dotted
/// name that is neither a type (a cast) nor in the `microsoft.` namespace (a bound action), is a
/// value: it becomes `{id}`, so that the path joins the documented one.
fn literal_values_as_placeholders(
    names: &Names,
    op: &mut Operation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for path in &mut op.paths {
        let mut changed = false;
        for segment in path.segments.iter_mut().skip(1) {
            let Segment::Static(text) = segment else {
                continue;
            };
            if !is_literal_value(names, text) {
                continue;
            }
            diagnostics.push(Diagnostic::new(
                Code::PathLiteralValue,
                &path.source,
                format!("request line writes the value `{text}` where a placeholder belongs; read as `{{id}}`"),
            ));
            *segment = Segment::Param {
                name: "id".into(),
                alternatives: vec!["id".into()],
            };
            changed = true;
        }
        if changed {
            path.template = path.segments.iter().map(|s| format!("/{s}")).collect();
        }
    }
}

fn is_literal_value(names: &Names, text: &str) -> bool {
    let guid = text.len() == 36
        && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && text.matches('-').count() == 4;
    let dotted_value = text.contains('.')
        && !text.starts_with(['$', '.'])
        && !text.to_ascii_lowercase().starts_with("microsoft.")
        && names.lookup(text).is_none();
    guid || dotted_value
}

/// Defects whose meaning is clear are reported here and corrected, so that the example still
/// tests what it means.
fn check_examples(op: &mut Operation, api_version: &str, diagnostics: &mut Vec<Diagnostic>) {
    let single_entity =
        op.kind == OperationKind::Get && op.response.body.as_ref().is_some_and(|b| !b.collection);
    for example in &mut op.examples {
        if let Some(request) = &example.request {
            if let Some(version) = request
                .url
                .split
                .version
                .as_ref()
                .filter(|v| !v.eq_ignore_ascii_case(api_version) && *v != "{version}")
            {
                diagnostics.push(Diagnostic::new(
                    Code::ExampleVersionMismatch,
                    &request.source,
                    format!(
                        "example calls `/{version}/` on a page documenting `{api_version}`; tested as a `{api_version}` call"
                    ),
                ));
            }
        }
        let Some(body) = example.response.as_mut().and_then(|r| r.body.as_mut()) else {
            continue;
        };
        if !single_entity {
            continue;
        }
        let unwrapped = match &body.json {
            Some(serde_json::Value::Object(map)) if map.len() == 1 => match map.get("value") {
                Some(inner @ serde_json::Value::Object(_)) => Some(inner.clone()),
                _ => None,
            },
            _ => None,
        };
        if let Some(inner) = unwrapped {
            diagnostics.push(Diagnostic::new(
                Code::ExampleValueWrapper,
                &body.source,
                "response example wraps a single entity in `{\"value\": {...}}`, which the service does not send; tested without the wrapper",
            ));
            body.json = Some(inner);
        }
    }
}

/// OData lets every collection be counted: `GET {collection}/$count` answers a number. Each
/// documented list gets that operation unless a page documents it already.
fn implied_counts(operations: &[Operation]) -> Vec<Operation> {
    let lists = || {
        operations
            .iter()
            .filter(|o| o.kind == OperationKind::List && o.method == crate::ir::HttpMethod::Get)
    };
    // Several pages may list one collection (one per derived type): it is counted once, and
    // then named after its segment rather than after one of the pages.
    let mut listed_by: BTreeMap<String, usize> = BTreeMap::new();
    for o in lists() {
        let places: std::collections::BTreeSet<String> = o.paths.iter().map(place).collect();
        for p in places {
            *listed_by.entry(p).or_default() += 1;
        }
    }
    let mut taken: std::collections::BTreeSet<String> = operations
        .iter()
        .filter(|o| o.method == crate::ir::HttpMethod::Get)
        .flat_map(|o| o.paths.iter().map(place))
        .collect();
    lists()
        .filter_map(|o| {
            let paths: Vec<PathTemplate> = o
                .paths
                .iter()
                .filter(|p| match p.segments.last() {
                    Some(Segment::Static(s)) => !s.starts_with('$'),
                    // Not every function composes with `$count`.
                    Some(Segment::Function { .. }) => false,
                    _ => true,
                })
                .map(|p| {
                    let mut segments = p.segments.clone();
                    segments.push(Segment::Static("$count".into()));
                    PathTemplate {
                        template: format!("{}/$count", p.template.trim_end_matches('/')),
                        segments,
                        source: p.source.clone(),
                    }
                })
                .filter(|p| taken.insert(place(p)))
                .collect();
            let shared = o.paths.iter().any(|p| listed_by.get(&place(p)).is_some_and(|&n| n > 1));
            let counted = match o.paths.first().and_then(|p| p.segments.last()) {
                Some(Segment::Static(s)) if shared => s.clone(),
                _ => o.title.trim_start_matches("List ").trim_start_matches("list ").to_owned(),
            };
            (!paths.is_empty()).then(|| Operation {
                title: format!("Count {counted}"),
                description: format!(
                    "The number of items `{}` returns (`$count`), with the same `$filter` and `$search`. Requires the `ConsistencyLevel: eventual` header on directory objects.",
                    o.paths.first().map_or("", |p| p.template.as_str())
                ),
                kind: OperationKind::Function,
                method: crate::ir::HttpMethod::Get,
                paths,
                query_options: vec!["$filter".into(), "$search".into()],
                request_headers: Vec::new(),
                request_body: None,
                response: Response {
                    status: 200,
                    body: None,
                    hints: Vec::new(),
                    body_assumed: false,
                    source: o.response.source.clone(),
                },
                permissions: o.permissions.clone(),
                examples: Vec::new(),
                source: o.source.clone(),
                implied: true,
                function_parameters: Vec::new(),
            })
        })
        .collect()
}

/// A path with its parameters unnamed and its case folded: `/users/{}/messages`.
fn place(path: &PathTemplate) -> String {
    path.segments
        .iter()
        .map(|s| match s {
            Segment::Param { .. } => "/{}".to_owned(),
            other => format!("/{}", other.to_string().to_ascii_lowercase()),
        })
        .collect()
}

/// One node per segment. Parameters at the same place share a node whatever their names, since
/// `/users/{id}` and `/users/{user-id}` are the same URL.
fn path_tree(operations: &[Operation]) -> PathTree {
    let mut root = PathNode::default();
    for (index, op) in operations.iter().enumerate() {
        for path in &op.paths {
            let mut node = &mut root;
            for segment in &path.segments {
                let position = node
                    .children
                    .iter()
                    .position(|c| c.segment.as_ref().is_some_and(|s| s.same_place(segment)));
                let position = match position {
                    Some(p) => p,
                    None => {
                        node.children.push(PathNode {
                            segment: Some(segment.clone()),
                            ..PathNode::default()
                        });
                        node.children.len() - 1
                    }
                };
                node = &mut node.children[position];
            }
            if !node.operations.contains(&index) {
                node.operations.push(index);
            }
        }
    }
    sort_tree(&mut root);
    PathTree { root }
}

fn sort_tree(node: &mut PathNode) {
    node.children.sort_by(|a, b| a.segment.cmp(&b.segment));
    for child in &mut node.children {
        sort_tree(child);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_values_in_request_lines_are_recognised() {
        let types = BTreeMap::new();
        let enums = BTreeMap::new();
        let by_page = BTreeMap::new();
        let names = Names {
            types: &types,
            enums: &enums,
            by_page: &by_page,
            consult: None,
        };
        assert!(is_literal_value(
            &names,
            "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793"
        ));
        assert!(is_literal_value(&names, "contoso.com"));
        assert!(!is_literal_value(&names, "microsoft.graph.group"));
        assert!(!is_literal_value(&names, "members"));
        assert!(!is_literal_value(&names, "$ref"));
    }
}
