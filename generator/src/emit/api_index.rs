//! The client's URL graph -> what the builders look like: their names, their methods, and the
//! request type of each operation. Nothing here is tokens, so every thread can read it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::models::value_type;
use super::Names;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Segment;
use crate::ir::{
    ApiGraph, Operation, OperationKind, Primitive, RequestBody, Resolved, Role, Schema,
};
use crate::naming::{snake_name, type_name, Scope};

/// What the builders look like, for the example tests that call them. It holds no token
/// streams (they cannot be shared between threads), so every thread can read one index.
pub struct ApiIndex {
    pub nodes: Vec<FlatNode>,
    pub operations: Vec<OperationInfo>,
    /// (function, argument) in lower case -> the type its `Function parameters` table gives.
    pub argument_types: std::collections::BTreeMap<(String, String), Primitive>,
}

/// A Rust type kept as token text, which threads can share; it becomes tokens where it is quoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RustType(String);

impl From<TokenStream> for RustType {
    fn from(tokens: TokenStream) -> Self {
        RustType(tokens.to_string())
    }
}

impl ToTokens for RustType {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        // The text was printed from tokens, so it always lexes again.
        tokens.extend(self.0.parse::<TokenStream>().unwrap_or_default());
    }
}

/// The Rust type an argument of this OData type is taken as, when it is not a string.
pub fn argument_rust_type(p: Primitive) -> Option<TokenStream> {
    match p {
        Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => {
            Some(quote!(i32))
        }
        Primitive::Int64 => Some(quote!(i64)),
        Primitive::Single | Primitive::Double | Primitive::Decimal => Some(quote!(f64)),
        Primitive::Boolean => Some(quote!(bool)),
        _ => None,
    }
}

fn argument_types(schema: &Schema) -> std::collections::BTreeMap<(String, String), Primitive> {
    let mut found: std::collections::BTreeMap<(String, String), Option<Primitive>> =
        std::collections::BTreeMap::new();
    for op in &schema.operations {
        for path in &op.paths {
            for segment in &path.segments {
                let Segment::Function { name, args } = segment else {
                    continue;
                };
                for arg in args {
                    let Some(Resolved::Primitive(p)) = op
                        .function_parameters
                        .iter()
                        .find(|f| f.name.eq_ignore_ascii_case(&arg.name))
                        .and_then(|f| f.ty.resolved.clone())
                    else {
                        continue;
                    };
                    // Quoted in the path means a string on the wire, whatever the table says.
                    let p = if arg.shape() == crate::ir::ArgShape::Raw {
                        Some(p)
                    } else {
                        None
                    };
                    found
                        .entry((name.to_ascii_lowercase(), arg.name.to_ascii_lowercase()))
                        .and_modify(|known| {
                            if *known != p {
                                *known = None; // pages disagree: a string
                            }
                        })
                        .or_insert(p);
                }
            }
        }
    }
    found
        .into_iter()
        .filter_map(|(k, p)| Some((k, p?)))
        .collect()
}

/// One request builder: a node of the client's URL graph.
pub struct FlatNode {
    /// The ways on from here: one method each.
    pub edges: Vec<FlatEdge>,
    pub builder: String,
    /// `/a/{id}/b` for docs: the shortest documented path that leads here.
    pub display_path: String,
    /// (operation index, method name on this builder). An operation that sends the same
    /// request as the canonical one has that one's method name.
    pub operation_methods: Vec<(usize, String)>,
    /// The `cast::<T>()` method and the base type `T` derives from, on a collection of a base type.
    pub cast: Option<(String, CastInfo)>,
    /// Whether a builder is written for it: some operation can be reached from it.
    pub emitted: bool,
}

/// A method that leads from one builder to another.
pub struct FlatEdge {
    pub segment: Segment,
    pub accessor: String,
    pub target: usize,
}

pub struct OperationInfo {
    pub request_type: String,
    /// Whether this operation has a request type of its own; one that only repeats another
    /// page's request uses that one's.
    pub own_type: bool,
    /// The marker type the request type is `runtime::Request` of.
    pub endpoint: String,
    pub output: Output,
    pub body: Body,
    /// The generated struct for a table of body parameters.
    pub parameters_type: Option<String>,
    /// The item type, when the output is a page of a collection.
    pub item: Option<RustType>,
    /// The documented item type (`crate::models::DirectoryObject`), when other types derive from
    /// it: the collection can be cast to them.
    pub cast_base: Option<CastInfo>,
}

/// What a collection of a base type can be cast to.
#[derive(Clone, Debug)]
pub struct CastInfo {
    /// `crate::models::DirectoryObject`.
    pub base: RustType,
    /// Each derived type: (qualified wire name as the cast writes it, Rust type name).
    pub derived: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    None,
    /// A JSON body of this Rust type.
    Json(RustType),
    /// Raw bytes.
    Stream,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// `$count`: a number as text.
    Count,
    /// `()`: no body documented.
    Empty,
    /// Parsed JSON of this Rust type.
    Json(RustType),
    /// Raw bytes: a body whose type the pages do not define.
    Bytes,
    /// A single primitive a function or action returns, read out of `{"value": ...}`.
    Value(RustType),
    /// An update's answer: the entity, or nothing (`204 No Content`).
    MaybeJson(RustType),
}

impl Output {
    /// The output type, and the `runtime::format` that reads it.
    pub fn tokens(&self) -> (TokenStream, TokenStream) {
        match self {
            Output::Empty => (quote!(()), quote!(Empty)),
            Output::Json(t) => (t.to_token_stream(), quote!(Json)),
            Output::Count => (quote!(i64), quote!(Count)),
            Output::Bytes => (quote!(::bytes::Bytes), quote!(Raw)),
            Output::Value(t) => (t.to_token_stream(), quote!(Value)),
            Output::MaybeJson(t) => (quote!(::std::option::Option<#t>), quote!(JsonOrEmpty)),
        }
    }
}

pub fn index_api(schema: &Schema, names: &Names, diagnostics: &mut Vec<Diagnostic>) -> ApiIndex {
    let graph = &schema.api;
    let shares = request_type_shares(graph, schema.operations.len());
    let mut request_types = Scope::new();
    let mut operations: Vec<OperationInfo> = schema
        .operations
        .iter()
        .enumerate()
        .map(|(i, op)| {
            let stem = type_name(&op.title);
            let own_type = shares[i].is_none();
            let mut claim = |suffix: &str| {
                if own_type {
                    request_types.claim(format!("{stem}{suffix}"))
                } else {
                    String::new()
                }
            };
            let request_type = claim("Request");
            let endpoint = claim("Endpoint");
            let parameters_type = match &op.request_body {
                Some(RequestBody::Parameters { parameters, .. }) if !parameters.is_empty() => {
                    Some(claim("Body"))
                }
                _ => None,
            };
            OperationInfo {
                request_type,
                own_type,
                endpoint,
                output: output(op, names),
                body: body(
                    op,
                    names,
                    parameters_type.as_deref().filter(|t| !t.is_empty()),
                ),
                parameters_type,
                item: collection_item(op, names),
                cast_base: cast_base(schema, op, names),
            }
        })
        .collect();
    for (i, share) in shares.iter().enumerate() {
        if let Some(of) = *share {
            operations[i].request_type = operations[of].request_type.clone();
            operations[i].endpoint = operations[of].endpoint.clone();
            operations[i].parameters_type = operations[of].parameters_type.clone();
            operations[i].body = operations[of].body.clone();
        }
    }
    let useful = leads_to_an_operation(graph);
    let mut index = ApiIndex {
        nodes: Vec::new(),
        operations,
        argument_types: argument_types(schema),
    };
    let builders = builder_names(graph, &useful);
    for (at, node) in graph.nodes.iter().enumerate() {
        let mut methods = Scope::new();
        let operation_methods = operation_methods(schema, node, &mut methods);
        let cast = node
            .operations
            .iter()
            .find_map(|n| index.operations[n.operation].cast_base.clone())
            .map(|base| (methods.claim("cast".into()), base));
        let mut edges = Vec::new();
        for edge in &node.edges {
            if !useful[edge.target]
                || builders[edge.target].is_empty()
                || matches!(edge.segment, Segment::Other(_))
            {
                if matches!(edge.segment, Segment::Other(_)) {
                    report_unsupported(schema, edge.target, &edge.segment.to_string(), diagnostics);
                }
                continue;
            }
            let Some(accessor) = accessor(&edge.segment, &node.edges) else {
                continue;
            };
            edges.push(FlatEdge {
                segment: edge.segment.clone(),
                accessor: methods.claim(accessor),
                target: edge.target,
            });
        }
        index.nodes.push(FlatNode {
            edges,
            builder: builders[at].clone(),
            display_path: node.path.clone(),
            operation_methods,
            cast,
            emitted: useful[at] && !builders[at].is_empty(),
        });
    }
    index
}

/// For each operation, the operation whose request type it uses instead of its own: set for
/// one that is only ever the same request as another page's.
fn request_type_shares(graph: &ApiGraph, count: usize) -> Vec<Option<usize>> {
    let mut own = vec![false; count];
    let mut same_as: Vec<Option<usize>> = vec![None; count];
    for node in &graph.nodes {
        // Each method's canonical operation comes first, its other operations after it.
        let mut canonical = None;
        for n in &node.operations {
            match n.role {
                Role::SameRequest => {
                    if same_as[n.operation].is_none() {
                        same_as[n.operation] = canonical;
                    }
                }
                Role::Canonical => {
                    canonical = Some(n.operation);
                    own[n.operation] = true;
                }
                Role::Alternative => own[n.operation] = true,
            }
        }
    }
    let mut shares: Vec<Option<usize>> =
        (0..count).map(|i| same_as[i].filter(|_| !own[i])).collect();
    // The one shared must have a type of its own.
    for i in 0..count {
        if let Some(of) = shares[i] {
            if shares[of].is_some() {
                shares[i] = None;
            }
        }
    }
    shares
}

/// Method names: each method's canonical operation by what it does (`get`, `list`, `create`),
/// an operation that sends another request by its title, and one that repeats the canonical
/// request by the canonical's name.
fn operation_methods(
    schema: &Schema,
    node: &crate::ir::ApiNode,
    methods: &mut Scope,
) -> Vec<(usize, String)> {
    let mut named: Vec<(usize, String)> = Vec::new();
    let mut canonical_name: Vec<(crate::ir::HttpMethod, String)> = Vec::new();
    for n in &node.operations {
        let op = &schema.operations[n.operation];
        let name = match n.role {
            Role::Canonical => {
                let plain = operation_method(op);
                let name = if methods.is_free(&plain) {
                    methods.claim(plain)
                } else {
                    methods.claim(snake_name(&op.title))
                };
                canonical_name.push((op.method, name.clone()));
                name
            }
            Role::SameRequest => match canonical_name.iter().find(|(m, _)| *m == op.method) {
                Some((_, name)) => name.clone(),
                None => methods.claim(snake_name(&op.title)),
            },
            Role::Alternative => methods.claim(snake_name(&op.title)),
        };
        named.push((n.operation, name));
    }
    named
}

/// Builder names: a node shared by an entity type is named after it (`DriveItemRequestBuilder`);
/// any other after its segment, with its parent's name where that is taken.
fn builder_names(graph: &ApiGraph, useful: &[bool]) -> Vec<String> {
    let mut scope = Scope::new();
    scope.reserve(&["Client"]);
    let mut names = vec![String::new(); graph.nodes.len()];
    names[0] = "Client".into();
    for (at, node) in graph.nodes.iter().enumerate() {
        if let (true, true, Some(a)) = (node.shared, useful[at], &node.addresses) {
            // `MembersReferenceRequestBuilder`: an item of `members`, with its `$ref`.
            let stem = match &node.reference {
                Some(relationship) => format!("{}Reference", type_name(relationship)),
                None => type_name(&a.ty),
            };
            names[at] = scope.claim(format!("{stem}RequestBuilder"));
        }
    }
    for (at, node) in graph.nodes.iter().enumerate() {
        let base_stem = names[at].trim_end_matches("RequestBuilder").to_owned();
        for edge in &node.edges {
            let target = edge.target;
            if !names[target].is_empty() || !useful[target] {
                continue;
            }
            let Some(stem) = builder_stem(&edge.segment, &base_stem, &node.edges) else {
                continue;
            };
            let plain = format!("{stem}RequestBuilder");
            names[target] = if scope.is_free(&plain) {
                scope.claim(plain)
            } else {
                scope.claim(format!("{base_stem}{stem}RequestBuilder"))
            };
        }
    }
    names
}

/// The method that leads along a segment.
fn accessor(segment: &Segment, siblings: &[crate::ir::ApiEdge]) -> Option<String> {
    Some(match segment {
        // `microsoft.graph.group`: an OData cast.
        Segment::Static(s) if s.contains('.') && !s.starts_with('$') => {
            format!("as_{}", snake_name(s.rsplit('.').next().unwrap_or(s)))
        }
        Segment::Static(s) => snake_name(s),
        Segment::Param { .. } => "by_id".to_owned(),
        Segment::Function { name, args } => snake_name(&function_name(name, args, siblings)),
        Segment::Address { base, .. } => match base.as_ref() {
            Segment::Static(s) => snake_name(&format!("{s}_path")),
            _ => "by_id_path".to_owned(),
        },
        Segment::KeyValue { key, .. } => snake_name(&format!("by_{key}")),
        Segment::Other(_) => return None,
    })
}

/// The stem of the builder a segment leads to, from its parent's stem where the segment alone
/// says too little (`{id}`).
fn builder_stem(
    segment: &Segment,
    base_stem: &str,
    siblings: &[crate::ir::ApiEdge],
) -> Option<String> {
    Some(match segment {
        Segment::Static(s) if s.contains('.') && !s.starts_with('$') => {
            format!("As{}", type_name(s.rsplit('.').next().unwrap_or(s)))
        }
        Segment::Static(s) => type_name(s),
        Segment::Param { name, .. } => item_stem(name, base_stem),
        Segment::Function { name, args } => type_name(&function_name(name, args, siblings)),
        Segment::Address { base, .. } => match base.as_ref() {
            Segment::Static(s) => format!("{}Path", type_name(s)),
            _ => format!("{}Path", item_stem("", base_stem)),
        },
        Segment::KeyValue { key, .. } => format!("{base_stem}By{}", type_name(key)),
        Segment::Other(_) => return None,
    })
}

/// A function overloaded on one node is named with its argument names.
fn function_name(
    name: &str,
    args: &[crate::ir::FunctionArg],
    siblings: &[crate::ir::ApiEdge],
) -> String {
    let overloads = siblings
        .iter()
        .filter(|e| match &e.segment {
            Segment::Function { name: n, .. } | Segment::Static(n) => n.eq_ignore_ascii_case(name),
            _ => false,
        })
        .count();
    if overloads > 1 && !args.is_empty() {
        let arg_names: Vec<String> = args
            .iter()
            .enumerate()
            .map(|(i, a)| a.param_name(i))
            .collect();
        format!("{name}_{}", arg_names.join("_"))
    } else {
        name.to_owned()
    }
}

/// Whether an operation can be reached from each node through segments the builders support.
fn leads_to_an_operation(graph: &ApiGraph) -> Vec<bool> {
    let mut useful: Vec<bool> = graph
        .nodes
        .iter()
        .map(|n| !n.operations.is_empty())
        .collect();
    loop {
        let mut changed = false;
        for (at, node) in graph.nodes.iter().enumerate() {
            if useful[at] {
                continue;
            }
            if node
                .edges
                .iter()
                .any(|e| useful[e.target] && !matches!(e.segment, Segment::Other(_)))
            {
                useful[at] = true;
                changed = true;
            }
        }
        if !changed {
            return useful;
        }
    }
}

fn report_unsupported(schema: &Schema, node: usize, text: &str, diagnostics: &mut Vec<Diagnostic>) {
    let graph = &schema.api;
    let mut seen = vec![false; graph.nodes.len()];
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        for op in &graph.nodes[n].operations {
            let o = &schema.operations[op.operation];
            if let Some(p) = o.paths.iter().find(|p| p.template.contains(text)) {
                diagnostics.push(Diagnostic::new(
                    Code::UnsupportedPathSegment,
                    &p.source,
                    format!("path segment `{text}` is not yet understood; `{}` is not reachable from the client", p.template),
                ));
            }
        }
        stack.extend(graph.nodes[n].edges.iter().map(|e| e.target));
    }
}

/// `{enterpriseCodeSigningCertificateId}` names the item well; a bare `{id}` does not, so the
/// collection's name is used.
fn item_stem(param: &str, parent_stem: &str) -> String {
    let snake = snake_name(param);
    match snake.strip_suffix("_id") {
        Some(stem) if !stem.is_empty() => format!("{}Item", type_name(stem)),
        _ => format!("{parent_stem}Item"),
    }
}

fn operation_method(op: &Operation) -> String {
    match op.kind {
        OperationKind::List => "list".into(),
        OperationKind::Get => "get".into(),
        OperationKind::Create => "create".into(),
        OperationKind::Update => "update".into(),
        OperationKind::Delete => "delete".into(),
        OperationKind::Action | OperationKind::Function => op.method.as_str().to_ascii_lowercase(),
    }
}

fn collection_item(op: &Operation, names: &Names) -> Option<RustType> {
    let ty = op
        .response
        .body
        .as_ref()
        .filter(|t| t.collection && t.resolved.is_some())?;
    Some(
        value_type(
            &crate::ir::TypeRef {
                collection: false,
                ..ty.clone()
            },
            names,
        )
        .into(),
    )
}

/// A `GET` of a collection typed as a base type.
fn cast_base(schema: &Schema, op: &Operation, names: &Names) -> Option<CastInfo> {
    let ty = op.response.body.as_ref()?;
    if op.method != crate::ir::HttpMethod::Get || !ty.collection {
        return None;
    }
    let Some(crate::ir::Resolved::Type(wire)) = &ty.resolved else {
        return None;
    };
    let (_, descendants) = names.polymorphic(wire)?;
    let base = format_ident!("{}", names.rust_type(wire));
    let derived = descendants
        .iter()
        .filter_map(|d| schema.find_type(d))
        .map(|t| {
            (
                format!("{}.{}", t.namespace, t.name),
                names.rust_type(&t.name),
            )
        })
        .collect();
    Some(CastInfo {
        base: quote!(crate::models::#base).into(),
        derived,
    })
}

fn body(op: &Operation, names: &Names, parameters_type: Option<&str>) -> Body {
    match &op.request_body {
        Some(RequestBody::Type { ty, .. }) if ty.resolved.is_some() => {
            Body::Json(value_type(ty, names).into())
        }
        Some(RequestBody::Parameters { .. }) => match parameters_type {
            Some(name) => {
                let ident = format_ident!("{}", name);
                Body::Json(quote!(crate::api::#ident).into())
            }
            None => Body::None,
        },
        Some(RequestBody::Reference { .. }) => Body::Json(quote!(crate::runtime::Reference).into()),
        Some(RequestBody::Stream { .. }) => Body::Stream,
        _ => Body::None,
    }
}

fn last_static(op: &Operation) -> Option<&str> {
    match op.paths.first()?.segments.last()? {
        Segment::Static(s) => Some(s),
        _ => None,
    }
}

fn output(op: &Operation, names: &Names) -> Output {
    if op.method == crate::ir::HttpMethod::Get {
        match last_static(op) {
            Some("$count") => return Output::Count,
            Some("$value" | "content") => return Output::Bytes,
            _ => {}
        }
    }
    // `302 Found` to a download (reports, file content): the client follows the redirect and
    // the caller gets the downloaded bytes.
    if op.response.status == 302 {
        return Output::Bytes;
    }
    match &op.response.body {
        None => Output::Empty,
        Some(ty)
            if matches!(
                ty.resolved,
                None | Some(crate::ir::Resolved::Primitive(crate::ir::Primitive::Stream))
            ) =>
        {
            Output::Bytes
        }
        Some(ty) => {
            let single = value_type(
                &crate::ir::TypeRef {
                    collection: false,
                    ..ty.clone()
                },
                names,
            );
            if ty.collection {
                Output::Json(quote!(crate::runtime::Page<#single>).into())
            } else if matches!(
                ty.resolved,
                Some(crate::ir::Resolved::Primitive(p)) if p != crate::ir::Primitive::Json
            ) {
                Output::Value(single.into())
            } else if op.kind == OperationKind::Update
                || op.response.body_assumed
                // `202 Accepted` (a long-running operation) mostly answers with a `Location` only.
                || op.response.status == 202
            {
                Output::MaybeJson(single.into())
            } else {
                Output::Json(single.into())
            }
        }
    }
}

#[cfg(test)]
mod tests;
