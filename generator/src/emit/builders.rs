//! The client's URL graph -> request builders (one per node) and one request type per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::api_index::{ApiIndex, Body, CastInfo, FlatNode, OperationInfo};
use super::docs::{doc_or, Doc, LinkTargets};
use super::gate::Gate;
use super::layout::Placed;
use super::{Finish, Names};
use crate::ir::{Operation, PermissionKind, RequestBody, Schema};
use crate::select::areas::AreaSet;

pub fn emit_api(
    schema: &Schema,
    index: &ApiIndex,
    names: &Names,
    targets: &LinkTargets,
    gate: &Gate<'_>,
    finish: &Finish,
) -> Vec<Placed> {
    use rayon::prelude::*;
    let areas = gate.areas;
    let placed = |set: &AreaSet, home: Option<usize>, tokens: TokenStream| Placed {
        home,
        text: finish(tokens, "api", gate.cfg(set)),
        cfg_bytes: gate.cfg_bytes(set),
    };
    let homes = &areas.homes;
    let client = index.nodes.first().into_iter().flat_map(|root| {
        root.edges.iter().map(|edge| {
            let accessor = super::accessors::accessor(index, 0, root, edge);
            let tokens = quote!(impl crate::runtime::Client { #accessor });
            placed(&areas.nodes[edge.target], homes.nodes[edge.target], tokens)
        })
    });
    let mut items: Vec<Placed> = client.collect();
    let builders = index
        .nodes
        .par_iter()
        .enumerate()
        .skip(1)
        .filter(|(_, node)| node.emitted)
        .map(|(i, node)| {
            placed(
                &areas.nodes[i],
                homes.nodes[i],
                emit_node(schema, index, i, node),
            )
        });
    let requests = schema
        .operations
        .par_iter()
        .zip(&index.operations)
        .zip(&areas.operations)
        .zip(&homes.operations)
        .filter(|(((_, info), _), _)| info.own_type)
        .flat_map_iter(|(((op, info), set), &home)| {
            let mut items = vec![placed(
                set,
                home,
                emit_request_type(op, info, names, targets),
            )];
            if let Some(body) = parameters_struct(schema, op, info, names, targets) {
                items.push(placed(set, home, body));
            }
            items
        });
    items.extend(builders.collect::<Vec<_>>());
    items.extend(requests.collect::<Vec<_>>());
    items
}

/// An action's table of body parameters as a type of its own, named `name`.
pub(super) fn parameters_type_def(
    op: &Operation,
    name: &str,
    parameters: &[crate::ir::Property],
) -> crate::ir::TypeDef {
    crate::ir::TypeDef {
        name: name.to_owned(),
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
        properties: parameters.to_vec(),
        navigation_properties: Vec::new(),
        documented: parameters.iter().map(|p| p.name.clone()).collect(),
        source: op.source.clone(),
    }
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
    let body = parameters_type_def(op, name, parameters);
    Some(super::models::emit_struct_named(
        name, schema, &body, names, targets,
    ))
}

fn emit_node(schema: &Schema, index: &ApiIndex, at: usize, node: &FlatNode) -> TokenStream {
    let accessors = node
        .edges
        .iter()
        .map(|edge| super::accessors::accessor(index, at, node, edge));
    let mut emitted = std::collections::BTreeSet::new();
    let operations = node.operation_methods.iter().filter(|(_, method)| emitted.insert(method.clone())).map(|(op, method)| {
        let operation = &schema.operations[*op];
        let info = &index.operations[*op];
        let method = format_ident!("{}", method);
        let request_ident = format_ident!("{}", info.request_type);
        let request_type = quote!(crate::api::#request_ident);
        let http_method = format_ident!("{}", operation.method.as_str());
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
                crate::runtime::CastRequestBuilder::new::<#base>(&self.client, &self.path)
            }
        });
    }
    let builder = format_ident!("{}", node.builder);
    let doc = Doc(format!("Requests on `{}`.", node.display_path));
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #builder {
            pub(crate) client: crate::runtime::Client,
            pub(crate) path: ::std::string::String,
        }

        impl #builder {
            #(#accessors)*
            #(#operations)*
        }
    }
}

fn emit_request_type(
    op: &Operation,
    info: &OperationInfo,
    names: &Names,
    targets: &LinkTargets,
) -> TokenStream {
    let ident = format_ident!("{}", info.request_type);
    let mut doc = doc_or(&op.description, &op.title, targets);
    doc.push_str("\n\n");
    for p in &op.paths {
        doc.push_str(&format!("- `{} {}`\n", op.method, p.template));
    }
    let stated: Vec<String> = op
        .permissions
        .iter()
        .filter(|p| !p.permissions.is_empty())
        .map(stated_permission)
        .collect();
    if !stated.is_empty() {
        doc.push_str("\nPermissions: ");
        doc.push_str(&stated.join("; "));
        doc.push('.');
    }
    let doc = Doc(doc);
    let (output, format) = info.output.tokens();
    let endpoint = format_ident!("{}", info.endpoint);
    let query = (!op.query_options.is_empty()).then(|| {
        let field = field_type(op, names);
        quote! {
            impl crate::runtime::Queryable for #endpoint {
                type Field = #field;
            }
        }
    });
    let pages = info.item.as_ref().map(|item| {
        quote! {
            impl crate::runtime::Paged for #endpoint {
                type Item = #item;
            }
        }
    });
    let paths = op.paths.iter().map(|p| p.template.as_str());
    let permissions = permissions_const(op);
    let endpoint_doc = Doc(format!(
        "The operation behind [`{ident}`]: what it returns and how."
    ));
    // A marker type and an alias: the methods are `runtime::Request`'s, compiled only when used.
    // The marker has no values, so nothing derives on it (`Request`'s `Debug` names its type).
    quote! {
        #doc
        pub type #ident = crate::runtime::Request<#endpoint>;

        #endpoint_doc
        pub enum #endpoint {}

        impl crate::runtime::Endpoint for #endpoint {
            type Output = #output;
            type Format = crate::runtime::format::#format;
            const PATHS: &'static [&'static str] = &[#(#paths),*];
            #permissions
        }
        #query
        #pages
    }
}

/// One row of the permissions tables, for the request type's doc: `Application (Policy Set):
/// A`, `Delegated (work or school account), for chat: B`.
fn stated_permission(p: &crate::ir::Permission) -> String {
    let mut what = p.permission_type.clone();
    if let Some(scenario) = &p.scenario {
        what.push_str(&format!(" ({scenario})"));
    }
    if let Some(resource) = &p.resource {
        what.push_str(&format!(" for {resource}"));
    }
    if let Some(scope) = &p.scope {
        what.push_str(&format!(", for {}", scope.label));
    }
    format!("{what}: {}", p.permissions.join(", "))
}

/// `const PERMISSIONS` (what allows the call on every path) and, where the page gives tables
/// per group of paths, `const PATH_PERMISSIONS`; nothing where the page states none, so the
/// trait's defaults hold. Rows stated per resource (subscription pages) are not constants.
fn permissions_const(op: &Operation) -> Option<TokenStream> {
    let whole = permissions_value(op, |kind| op.permissions_of(kind), None);
    let scoped: Vec<TokenStream> = op
        .paths
        .iter()
        .filter(|_| !op.scopes().is_empty())
        .filter_map(|path| {
            let template = path.template.as_str();
            let value =
                permissions_value(op, |kind| op.permissions_on(kind, template), Some(template))?;
            Some(quote!((#template, #value)))
        })
        .collect();
    if whole.is_none() && scoped.is_empty() {
        return None;
    }
    let whole = whole.map(|value| quote!(const PERMISSIONS: crate::runtime::Permissions = #value;));
    let scoped = (!scoped.is_empty()).then(|| {
        quote! {
            const PATH_PERMISSIONS: &'static [(&'static str, crate::runtime::Permissions)] = &[#(#scoped),*];
        }
    });
    Some(quote!(#whole #scoped))
}

/// A `runtime::Permissions` value of the lists `of` gives per kind, with the scenarios of the
/// rows that hold on `template` (on every path when `None`); `None` when it would state nothing.
fn permissions_value<'a>(
    op: &'a Operation,
    of: impl Fn(PermissionKind) -> Vec<&'a str>,
    template: Option<&str>,
) -> Option<TokenStream> {
    let [work, personal, application] = PermissionKind::ALL.map(&of);
    if work.is_empty() && personal.is_empty() && application.is_empty() {
        return None;
    }
    let scenarios = op
        .permissions
        .iter()
        .filter(|p| p.resource.is_none() && p.kind != PermissionKind::Other)
        .filter(|p| p.holds_on(template))
        .filter_map(|p| {
            let name = p.scenario.as_deref()?;
            let kind = format_ident!("{}", kind_variant(p.kind));
            let permissions = &p.permissions;
            Some(quote! {
                crate::runtime::Scenario {
                    kind: crate::runtime::PermissionKind::#kind,
                    name: #name,
                    permissions: &[#(#permissions),*],
                }
            })
        })
        .collect::<Vec<_>>();
    // Every field named, or the rest from `UNDOCUMENTED` (clippy: no needless update).
    let rest = if scenarios.is_empty() {
        quote!(..crate::runtime::Permissions::UNDOCUMENTED)
    } else {
        quote!(scenarios: &[#(#scenarios),*],)
    };
    Some(quote! {
        crate::runtime::Permissions {
            delegated_work: &[#(#work),*],
            delegated_personal: &[#(#personal),*],
            application: &[#(#application),*],
            #rest
        }
    })
}

fn kind_variant(kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::DelegatedWork => "DelegatedWork",
        PermissionKind::DelegatedPersonal => "DelegatedPersonal",
        PermissionKind::Application | PermissionKind::Other => "Application",
    }
}

/// The field enum of what `op` returns, or `NoField` when it returns no documented model.
pub(super) fn field_type(op: &Operation, names: &Names) -> TokenStream {
    let model = match op.response.body.as_ref().and_then(|b| b.resolved.as_ref()) {
        Some(crate::ir::Resolved::Type(name)) => names.field_enum(name),
        _ => None,
    };
    match model {
        Some(name) => {
            let ident = format_ident!("{}", name);
            quote!(crate::models::#ident)
        }
        None => quote!(crate::runtime::NoField),
    }
}
