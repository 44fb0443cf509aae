//! The URL tree -> request builders (one per path node) and one request type per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::docs::{doc_or, Doc, LinkTargets};
use super::models::value_type;
use super::{Finish, Names};
use crate::diagnostics::Diagnostic;
use crate::ir::{Operation, OperationKind, PathNode, Primitive, RequestBody, Resolved, Schema};
use crate::naming::{snake_name, type_name, Scope};
use crate::parse::path::Segment;

/// What the builders look like, for the example tests that call them. It holds no token
/// streams (they cannot be shared between threads), so every thread can read one index.
pub struct ApiIndex {
    pub nodes: Vec<FlatNode>,
    pub operations: Vec<OperationInfo>,
    /// (function, argument) in lower case -> the type its `Function parameters` table gives.
    pub argument_types: std::collections::BTreeMap<(String, String), Primitive>,
}

/// A Rust type kept as token text, which threads can share; it becomes tokens where it is quoted.
#[derive(Clone, Debug)]
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
                    let p = if arg.shape() == (None, false) {
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

pub struct FlatNode {
    pub segment: Option<Segment>,
    pub children: Vec<usize>,
    /// The method on the parent (or on `Client` for top-level nodes) that leads here.
    pub accessor: String,
    pub builder: String,
    /// `/a/{id}/b` for docs.
    pub display_path: String,
    /// (operation index, method name on this builder).
    pub operation_methods: Vec<(usize, String)>,
    /// Another way to the node at this index (`me()` for `users().by_id(..)`): its builder is
    /// that node's, emitted once.
    pub alias_of: Option<usize>,
    /// The `cast::<T>()` method and the base type `T` derives from, on a collection of a base type.
    pub cast: Option<(String, CastInfo)>,
}

pub struct OperationInfo {
    pub request_type: String,
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

#[derive(Clone, Debug)]
pub enum Body {
    None,
    /// A JSON body of this Rust type.
    Json(RustType),
    /// Raw bytes.
    Stream,
}

#[derive(Clone, Debug)]
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
    fn tokens(&self) -> (TokenStream, TokenStream) {
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
    let mut request_types = Scope::new();
    let operations = schema
        .operations
        .iter()
        .map(|op| {
            let stem = type_name(&op.title);
            let request_type = request_types.claim(format!("{stem}Request"));
            let endpoint = request_types.claim(format!("{stem}Endpoint"));
            let parameters_type = match &op.request_body {
                Some(RequestBody::Parameters { parameters, .. }) if !parameters.is_empty() => {
                    Some(request_types.claim(format!("{stem}Body")))
                }
                _ => None,
            };
            OperationInfo {
                request_type,
                endpoint,
                output: output(op, names),
                body: body(op, names, parameters_type.as_deref()),
                parameters_type,
                item: collection_item(op, names),
                cast_base: cast_base(schema, op, names),
            }
        })
        .collect();
    let mut index = ApiIndex {
        nodes: Vec::new(),
        operations,
        argument_types: argument_types(schema),
    };
    let mut builders = Scope::new();
    index.nodes.push(FlatNode {
        segment: None,
        children: Vec::new(),
        accessor: String::new(),
        builder: "Client".into(),
        display_path: String::new(),
        operation_methods: Vec::new(),
        alias_of: None,
        cast: None,
    });
    builders.reserve(&["Client"]);
    // Breadth first, so that short names go to nodes near the root.
    let mut queue = std::collections::VecDeque::from([(&schema.paths.root, 0usize, String::new())]);
    while let Some((node, flat, base_stem)) = queue.pop_front() {
        let mut methods = Scope::new();
        let mut operation_methods = Vec::new();
        for &op in &node.operations {
            // Two pages may document the same kind of operation on one path (`List members`,
            // `List group members`): the second is named after its title, not numbered.
            let plain = operation_method(&schema.operations[op]);
            let name = if methods.is_free(&plain) {
                methods.claim(plain)
            } else {
                methods.claim(snake_name(&schema.operations[op].title))
            };
            operation_methods.push((op, name));
        }
        index.nodes[flat].operation_methods = operation_methods;
        let cast_base = node
            .operations
            .iter()
            .find_map(|&op| index.operations[op].cast_base.clone());
        index.nodes[flat].cast = cast_base.map(|base| (methods.claim("cast".into()), base));
        for child in &node.children {
            let Some(segment) = &child.segment else {
                continue;
            };
            if !leads_to_an_operation(child) {
                report_unsupported(schema, child, &segment.to_string(), diagnostics);
                continue;
            }
            let (accessor, stem) = match segment {
                // `microsoft.graph.group`: an OData cast.
                Segment::Static(s) if s.contains('.') && !s.starts_with('$') => {
                    let target = s.rsplit('.').next().unwrap_or(s);
                    (
                        format!("as_{}", snake_name(target)),
                        format!("As{}", type_name(target)),
                    )
                }
                Segment::Static(s) => (snake_name(s), type_name(s)),
                Segment::Param { name, .. } => ("by_id".to_owned(), item_stem(name, &base_stem)),
                Segment::Function { name, args } => {
                    let overloads = node
                        .children
                        .iter()
                        .filter(|c| match &c.segment {
                            Some(Segment::Function { name: n, .. } | Segment::Static(n)) => {
                                n.eq_ignore_ascii_case(name)
                            }
                            _ => false,
                        })
                        .count();
                    if overloads > 1 && !args.is_empty() {
                        let arg_names: Vec<String> = args
                            .iter()
                            .enumerate()
                            .map(|(i, a)| a.param_name(i))
                            .collect();
                        let full = format!("{name}_{}", arg_names.join("_"));
                        (snake_name(&full), type_name(&full))
                    } else {
                        (snake_name(name), type_name(name))
                    }
                }
                Segment::Address { base, .. } => match base.as_ref() {
                    Segment::Static(s) => (
                        snake_name(&format!("{s}_path")),
                        format!("{}Path", type_name(s)),
                    ),
                    _ => (
                        "by_id_path".to_owned(),
                        format!("{}Path", item_stem("", &base_stem)),
                    ),
                },
                Segment::KeyValue { key, .. } => (
                    snake_name(&format!("by_{key}")),
                    format!("{}By{}", base_stem, type_name(key)),
                ),
                // Reported above: `leads_to_an_operation` is false for these.
                Segment::Other(_) => continue,
            };
            let accessor = methods.claim(accessor);
            let builder = if builders.is_free(&format!("{stem}RequestBuilder")) {
                builders.claim(format!("{stem}RequestBuilder"))
            } else {
                builders.claim(format!("{base_stem}{stem}RequestBuilder"))
            };
            let display_path = format!("{}/{}", index.nodes[flat].display_path, segment);
            let child_flat = index.nodes.len();
            index.nodes.push(FlatNode {
                segment: Some(segment.clone()),
                children: Vec::new(),
                accessor,
                builder: builder.clone(),
                display_path,
                operation_methods: Vec::new(),
                alias_of: None,
                cast: None,
            });
            index.nodes[flat].children.push(child_flat);
            queue.push_back((
                child,
                child_flat,
                builder.trim_end_matches("RequestBuilder").to_owned(),
            ));
        }
    }
    add_aliases(schema, &mut index);
    index
}

/// `client.me()` leads to the builder of `/users/{id}`, with `/me` as its path.
fn add_aliases(schema: &Schema, index: &mut ApiIndex) {
    for alias in &schema.paths.aliases {
        let collection = index.nodes[0].children.iter().copied().find(|&c| {
            matches!(&index.nodes[c].segment, Some(Segment::Static(s)) if s.eq_ignore_ascii_case(&alias.collection))
        });
        let Some(item) = collection.and_then(|c| {
            index.nodes[c]
                .children
                .iter()
                .copied()
                .find(|&i| matches!(index.nodes[i].segment, Some(Segment::Param { .. })))
        }) else {
            continue;
        };
        let accessor = snake_name(&alias.segment);
        if index.nodes[0]
            .children
            .iter()
            .any(|&c| index.nodes[c].accessor == accessor)
        {
            continue;
        }
        let target = &index.nodes[item];
        let node = FlatNode {
            segment: Some(Segment::Static(alias.segment.clone())),
            children: target.children.clone(),
            accessor,
            builder: target.builder.clone(),
            display_path: format!("/{}", alias.segment),
            operation_methods: target.operation_methods.clone(),
            alias_of: Some(item),
            cast: target.cast.clone(),
        };
        let at = index.nodes.len();
        index.nodes.push(node);
        index.nodes[0].children.push(at);
    }
}

/// Whether an operation can be reached below `node` through segments the builders support.
fn leads_to_an_operation(node: &PathNode) -> bool {
    if matches!(node.segment, Some(Segment::Other(_))) {
        return false;
    }
    !node.operations.is_empty() || node.children.iter().any(leads_to_an_operation)
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

fn report_unsupported(
    schema: &Schema,
    node: &PathNode,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        for &op in &n.operations {
            let o = &schema.operations[op];
            if let Some(p) = o.paths.iter().find(|p| p.template.contains(text)) {
                diagnostics.push(Diagnostic::warning(
                    "unsupported-path-segment",
                    &p.source,
                    format!("path segment `{text}` is not yet understood; `{}` is not reachable from the client", p.template),
                ));
            }
        }
        stack.extend(&n.children);
    }
}

fn operation_method(op: &Operation) -> String {
    match op.kind {
        OperationKind::List => "list".into(),
        OperationKind::Get => "get".into(),
        OperationKind::Create => "create".into(),
        OperationKind::Update => "update".into(),
        OperationKind::Delete => "delete".into(),
        OperationKind::Action | OperationKind::Function => op.method.to_ascii_lowercase(),
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
    if op.method != "GET" || !ty.collection {
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
    if op.method == "GET" {
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

pub fn emit_api(
    schema: &Schema,
    index: &ApiIndex,
    names: &Names,
    targets: &LinkTargets,
    finish: &Finish,
) -> Vec<Result<String, String>> {
    use rayon::prelude::*;
    let builders = index
        .nodes
        .par_iter()
        .enumerate()
        .filter(|(_, node)| node.alias_of.is_none())
        .map(|(i, node)| finish(emit_node(schema, index, i, node), "api"));
    let requests = schema
        .operations
        .par_iter()
        .zip(&index.operations)
        .flat_map_iter(|(op, info)| {
            let mut items = vec![finish(emit_request_type(op, info, targets), "api")];
            if let Some(body) = parameters_struct(schema, op, info, names, targets) {
                items.push(finish(body, "api"));
            }
            items
        });
    let mut items: Vec<_> = builders.collect();
    items.extend(requests.collect::<Vec<_>>());
    items
}

/// The struct an action's table of body parameters becomes.
fn parameters_struct(
    schema: &Schema,
    op: &Operation,
    info: &OperationInfo,
    names: &Names,
    targets: &LinkTargets,
) -> Option<TokenStream> {
    let (Some(name), Some(RequestBody::Parameters { parameters, .. })) =
        (&info.parameters_type, &op.request_body)
    else {
        return None;
    };
    let body = crate::ir::TypeDef {
        name: name.clone(),
        namespace: String::new(),
        kind: crate::ir::TypeKind::Complex,
        description: format!(
            "The body of `{} {}`: {}.",
            op.method,
            op.paths.first().map_or("", |p| p.template.as_str()),
            op.title
        ),
        base_type: None,
        key: None,
        is_abstract: false,
        is_open: false,
        properties: parameters.clone(),
        navigation_properties: Vec::new(),
        documented: parameters.iter().map(|p| p.name.clone()).collect(),
        source: op.source.clone(),
    };
    Some(super::models::emit_struct_named(
        name, schema, &body, names, targets,
    ))
}

fn emit_node(schema: &Schema, index: &ApiIndex, at: usize, node: &FlatNode) -> TokenStream {
    let accessors = node.children.iter().map(|&c| {
        let child = &index.nodes[c];
        let method = format_ident!("{}", child.accessor);
        let builder = format_ident!("{}", child.builder);
        let doc = Doc(format!("`{}`", child.display_path));
        let (self_path, client) = if at == 0 {
            (quote!(""), quote!(self.clone()))
        } else {
            (quote!(&self.path), quote!(self.client.clone()))
        };
        match &child.segment {
            Some(Segment::Param { name, .. }) => {
                let arg = format_ident!("{}", snake_name(name));
                quote! {
                    #doc
                    #[inline]
                    pub fn #method(&self, #arg: impl ::std::convert::AsRef<str>) -> #builder {
                        #builder { client: #client, path: crate::runtime::push_value(#self_path, #arg.as_ref()) }
                    }
                }
            }
            Some(Segment::Function { name, args }) => {
                // Every argument is the caller's: the docs write placeholders (`{period}`,
                // `'parameterValue'`, `640`) where any value may stand.
                let mut scope = Scope::new();
                scope.reserve(&["self"]);
                let mut params = Vec::new();
                let mut parts = Vec::new();
                let mut texts = Vec::new();
                for (i, arg) in args.iter().enumerate() {
                    let key = &arg.name;
                    let ident = format_ident!("{}", scope.claim(snake_name(&arg.param_name(i))));
                    let typed = index
                        .argument_types
                        .get(&(name.to_ascii_lowercase(), arg.name.to_ascii_lowercase()))
                        .and_then(|p| argument_rust_type(*p));
                    if let Some(rust_type) = typed {
                        // A number or Boolean the `Function parameters` table types: written bare.
                        params.push(quote!(#ident: #rust_type));
                        texts.push(quote!(let #ident = #ident.to_string();));
                        parts.push(quote!((#key, crate::runtime::FunctionArg::Raw(&#ident))));
                        continue;
                    }
                    params.push(quote!(#ident: impl ::std::convert::AsRef<str>));
                    parts.push(match arg.shape() {
                        (Some(prefix), _) => quote!((#key, crate::runtime::FunctionArg::Typed(#prefix, #ident.as_ref()))),
                        (None, true) => quote!((#key, crate::runtime::FunctionArg::Quoted(#ident.as_ref()))),
                        (None, false) => quote!((#key, crate::runtime::FunctionArg::Raw(#ident.as_ref()))),
                    });
                }
                quote! {
                    #doc
                    #[inline]
                    pub fn #method(&self, #(#params),*) -> #builder {
                        #(#texts)*
                        #builder { client: #client, path: crate::runtime::push_function(#self_path, #name, &[#(#parts),*]) }
                    }
                }
            }
            Some(Segment::KeyValue { key, .. }) => {
                let arg = format_ident!("{}", snake_name(key));
                quote! {
                    #doc
                    #[inline]
                    pub fn #method(&self, #arg: impl ::std::convert::AsRef<str>) -> #builder {
                        #builder { client: #client, path: crate::runtime::push_key_value(#self_path, #key, #arg.as_ref()) }
                    }
                }
            }
            Some(Segment::Address { base, path, closed }) => {
                let placeholder = path.trim().trim_matches(['{', '}', '<', '>']);
                let is_placeholder = path.trim().starts_with('{') && !placeholder.contains(['/', '{']);
                let mut path_name = if is_placeholder { snake_name(placeholder) } else { "path".to_owned() };
                if matches!(base.as_ref(), Segment::Param { name, .. } if snake_name(name) == path_name) {
                    path_name = "path".to_owned();
                }
                let path_param = format_ident!("{}", path_name);
                let (base_param, base_arg) = match base.as_ref() {
                    Segment::Param { name, .. } => {
                        let ident = format_ident!("{}", snake_name(name));
                        (Some(quote!(#ident: impl ::std::convert::AsRef<str>,)), quote!(crate::runtime::AddressBase::Value(#ident.as_ref())))
                    }
                    other => {
                        let literal = other.to_string();
                        (None, quote!(crate::runtime::AddressBase::Literal(#literal)))
                    }
                };
                quote! {
                    #doc
                    #[inline]
                    pub fn #method(&self, #base_param #path_param: impl ::std::convert::AsRef<str>) -> #builder {
                        #builder { client: #client, path: crate::runtime::push_address(#self_path, #base_arg, #path_param.as_ref(), #closed) }
                    }
                }
            }
            Some(segment) => {
                let literal = segment.to_string();
                quote! {
                    #doc
                    #[inline]
                    pub fn #method(&self) -> #builder {
                        #builder { client: #client, path: crate::runtime::push_segment(#self_path, #literal) }
                    }
                }
            }
            None => TokenStream::new(),
        }
    });
    let operations = node.operation_methods.iter().map(|(op, method)| {
        let operation = &schema.operations[*op];
        let info = &index.operations[*op];
        let method = format_ident!("{}", method);
        let request_type = format_ident!("{}", info.request_type);
        let http_method = format_ident!("{}", operation.method);
        let doc = Doc(format!("`{} {}`: {}", operation.method, node.display_path, operation.title));
        let new_spec = quote!(crate::runtime::RequestSpec::at(&self.client, ::http::Method::#http_method, &self.path));
        match &info.body {
            Body::Json(body_type) => quote! {
                #doc
                #[inline]
                pub fn #method(&self, body: &#body_type) -> #request_type {
                    crate::runtime::Request::new(#new_spec.json_body(body))
                }
            },
            Body::Stream => quote! {
                #doc
                #[inline]
                pub fn #method(&self, content: impl ::std::convert::Into<::std::vec::Vec<u8>>, content_type: &str) -> #request_type {
                    crate::runtime::Request::new(#new_spec.raw_body(content.into(), content_type))
                }
            },
            Body::None => quote! {
                #doc
                #[inline]
                pub fn #method(&self) -> #request_type {
                    crate::runtime::Request::new(#new_spec)
                }
            },
        }
    });
    let mut accessors: Vec<TokenStream> = accessors.collect();
    if let Some((method, CastInfo { base, .. })) = &node.cast {
        let method = format_ident!("{}", method);
        let doc = Doc(format!(
            "`{}/{{type}}`: only the items of the derived type `T` (an OData cast), for example `.{method}::<crate::models::…>().list()`.",
            node.display_path
        ));
        accessors.push(quote! {
            #doc
            #[inline]
            pub fn #method<T: crate::runtime::DerivedFrom<#base>>(&self) -> crate::runtime::CastRequestBuilder<T> {
                crate::runtime::CastRequestBuilder::new::<#base>(self.client.clone(), &self.path)
            }
        });
    }
    if at == 0 {
        return quote! {
            impl crate::runtime::Client {
                #(#accessors)*
            }
        };
    }
    let builder = format_ident!("{}", node.builder);
    let doc = Doc(format!("Requests on `{}`.", node.display_path));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #builder {
            client: crate::runtime::Client,
            path: ::std::string::String,
        }

        impl #builder {
            #(#accessors)*
            #(#operations)*
        }
    }
}

fn emit_request_type(op: &Operation, info: &OperationInfo, targets: &LinkTargets) -> TokenStream {
    let ident = format_ident!("{}", info.request_type);
    let mut doc = doc_or(&op.description, &op.title, targets);
    doc.push_str("\n\n");
    for p in &op.paths {
        doc.push_str(&format!("- `{} {}`\n", op.method, p.template));
    }
    let permissions: Vec<String> = op
        .permissions
        .iter()
        .filter(|p| !p.permissions.is_empty())
        .map(|p| format!("{}: {}", p.permission_type, p.permissions.join(", ")))
        .collect();
    if !permissions.is_empty() {
        doc.push_str("\nPermissions: ");
        doc.push_str(&permissions.join("; "));
        doc.push('.');
    }
    let doc = Doc(doc);
    let (output, format) = info.output.tokens();
    let endpoint = format_ident!("{}", info.endpoint);
    let query = (!op.query_options.is_empty())
        .then(|| quote!(impl crate::runtime::Queryable for #endpoint {}));
    let pages = info.item.as_ref().map(|item| {
        quote! {
            impl crate::runtime::Paged for #endpoint {
                type Item = #item;
            }
        }
    });
    let endpoint_doc = Doc(format!(
        "The operation behind [`{ident}`]: what it returns and how."
    ));
    // A marker type and an alias: the methods are `runtime::Request`'s, compiled only when used.
    quote! {
        #doc
        pub type #ident = crate::runtime::Request<#endpoint>;

        #endpoint_doc
        #[derive(Debug)]
        pub enum #endpoint {}

        impl crate::runtime::Endpoint for #endpoint {
            type Output = #output;
            type Format = crate::runtime::format::#format;
        }
        #query
        #pages
    }
}
