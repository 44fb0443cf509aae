//! The public API a schema generates, as data: every model, field, enum variant, builder method
//! and request type by its Rust path, with what a caller's code depends on (its signature), what
//! it does on the wire, its docs and the features that compile it. `graphgen diff` compares two
//! of them. It is built from the names emitting uses (`emit::plan`, the API index), without
//! building or formatting any code, so a diff costs a fraction of a generation.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use serde::{Deserialize, Serialize};

use super::api_index::{argument_rust_type, ApiIndex, Body, FlatNode, OperationInfo};
use super::{Names, Options};
use crate::diagnostics::Source;
use crate::ir::{Resolved, Schema, Segment, TypeRef};
use crate::select::areas::{AreaSet, Areas};

/// The generated crate's public API.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Surface {
    pub api_version: String,
    /// By Rust path: `models::User`, `models::User.display_name`, `models::Status::Active`,
    /// `api::UserRequestBuilder::messages()`, `api::GetUserRequest`; cargo features as
    /// `feature "me"`.
    pub items: BTreeMap<String, Item>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// A resource type or a body's struct.
    Struct,
    Field,
    /// An enumeration of values.
    Enum,
    Variant,
    /// `AnyX`: a base type or one derived from it.
    AnyEnum,
    DerivedVariant,
    /// `XField`, for `$select`.
    FieldEnum,
    FieldVariant,
    /// A request builder.
    Builder,
    Method,
    /// A request type: `Request<XEndpoint>`.
    Request,
    /// The marker type of a request: what the operation answers.
    Endpoint,
    /// A cargo feature of the crate.
    Feature,
}

impl ItemKind {
    /// How a change note names it.
    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Struct => "struct",
            ItemKind::Field => "field",
            ItemKind::Enum => "enum",
            ItemKind::Variant => "enum variant",
            ItemKind::AnyEnum => "derived-type enum",
            ItemKind::DerivedVariant => "derived type",
            ItemKind::FieldEnum => "field enum",
            ItemKind::FieldVariant => "field name",
            ItemKind::Builder => "request builder",
            ItemKind::Method => "method",
            ItemKind::Request => "request type",
            ItemKind::Endpoint => "endpoint type",
            ItemKind::Feature => "cargo feature",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    /// What code that uses the item depends on: a field's type, a method's arguments and
    /// result, a request's body and answer. Empty where only the name matters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signature: String,
    /// What it is on the wire where Rust does not say it: a JSON key and its OData type, a value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wire: String,
    /// The page's description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
    /// The features that compile it (any of them).
    pub features: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// The public API `schema` generates with `options`.
pub fn surface(schema: &Schema, options: Options) -> Surface {
    let names = Names::new(schema);
    let areas = Areas::of(schema);
    let index = super::api_index::index_api(schema, &names, &mut Vec::new());
    let features = |set: &AreaSet| -> Vec<String> {
        if options.area_features {
            areas.features(set).into_iter().map(str::to_owned).collect()
        } else {
            Vec::new()
        }
    };
    let mut items = BTreeMap::new();
    models(schema, &names, &areas, &features, &mut items);
    builders(schema, &index, &areas, &features, &mut items);
    requests(schema, &index, &names, &areas, &features, &mut items);
    if options.area_features && !areas.names.is_empty() {
        let all = std::iter::once(crate::select::areas::ALL_AREAS);
        for name in areas.names.iter().map(String::as_str).chain(all) {
            let feature = Item {
                kind: ItemKind::Feature,
                signature: String::new(),
                wire: String::new(),
                doc: String::new(),
                features: vec![name.to_owned()],
                source: None,
            };
            items.insert(format!("feature \"{name}\""), feature);
        }
    }
    Surface {
        api_version: schema.api_version.clone(),
        items,
    }
}

type Features<'a> = dyn Fn(&AreaSet) -> Vec<String> + 'a;

fn models(
    schema: &Schema,
    names: &Names,
    areas: &Areas,
    features: &Features<'_>,
    items: &mut BTreeMap<String, Item>,
) {
    for (t, set) in schema.types.iter().zip(&areas.types) {
        let rust = format!("models::{}", names.rust_type(&t.name));
        let features = features(set);
        let item = item_with(&features);
        let wire = format!("#{}.{}", t.namespace, t.name);
        items.insert(
            rust.clone(),
            item(
                ItemKind::Struct,
                String::new(),
                wire,
                &t.description,
                &t.source,
            ),
        );
        struct_fields(schema, t, names, &rust, &item, items);
        if let Some((any, descendants)) = names.polymorphic(&t.name) {
            let any = format!("models::{any}");
            let base = item(
                ItemKind::AnyEnum,
                String::new(),
                String::new(),
                "",
                &t.source,
            );
            items.insert(any.clone(), base);
            let mut variants = Vec::new();
            for d in descendants.iter().filter_map(|d| schema.find_type(d)) {
                let variant = format!("{any}::{}", names.rust_type(&d.name));
                let wire = format!("#{}.{}", d.namespace, d.name);
                let signature = format!("Box<models::{}>", names.rust_type(&d.name));
                let v = item(ItemKind::DerivedVariant, signature, wire, "", &d.source);
                items.insert(variant, v);
                variants.push(super::base_access::AnyVariant {
                    ident: quote::format_ident!("{}", names.rust_type(&d.name)),
                    def: d,
                    cfg: TokenStream::new(),
                });
            }
            for a in super::base_access::base_accessors(schema, t, &variants, names) {
                let ty = &a.ty;
                let signature = format!(
                    "() -> &{}",
                    rust_text(&quote::quote!(crate::runtime::Nullable<#ty>))
                );
                let method = item(ItemKind::Method, signature, a.wire.clone(), "", &t.source);
                let name = a.method.to_string();
                let name = name.trim_start_matches("r#");
                items.insert(format!("{any}::{name}()"), method);
            }
        }
        if let Some(field_enum) = names.field_enum(&t.name) {
            let path = format!("models::{field_enum}");
            let e = item(
                ItemKind::FieldEnum,
                String::new(),
                String::new(),
                "",
                &t.source,
            );
            items.insert(path.clone(), e);
            for v in super::plan::field_enum_variants(schema, t) {
                let (p, d) = (v.property, v.discriminant);
                let variant = item(
                    ItemKind::FieldVariant,
                    format!("= {d}"),
                    p.name.clone(),
                    "",
                    &p.source,
                );
                items.insert(format!("{path}::{}", v.ident), variant);
            }
        }
    }
    enums(schema, names, areas, features, items);
}

/// Value enums and their variants, the one that keeps unknown values included.
fn enums(
    schema: &Schema,
    names: &Names,
    areas: &Areas,
    features: &Features<'_>,
    items: &mut BTreeMap<String, Item>,
) {
    for (e, set) in schema.enums.iter().zip(&areas.enums) {
        let rust = format!("models::{}", names.rust_type(&e.name));
        let features = features(set);
        let plan = super::plan::enum_variants(e);
        for (variant, m) in &plan.variants {
            let member = Item {
                kind: ItemKind::Variant,
                signature: String::new(),
                wire: m.name.clone(),
                doc: m.description.clone(),
                features: features.clone(),
                source: Some(m.source.clone()),
            };
            items.insert(format!("{rust}::{variant}"), member);
        }
        let unknown = Item {
            kind: ItemKind::Variant,
            signature: "String".into(),
            wire: String::new(),
            doc: String::new(),
            features: features.clone(),
            source: None,
        };
        items.insert(format!("{rust}::{}", plan.unknown), unknown);
        let def = Item {
            kind: ItemKind::Enum,
            signature: String::new(),
            wire: e.name.clone(),
            doc: e.description.clone(),
            features,
            source: Some(e.source.clone()),
        };
        items.insert(rust, def);
    }
}

type MakeItem<'a> = dyn Fn(ItemKind, String, String, &str, &Source) -> Item + 'a;

/// Items of one page's parts, all compiled with `features`.
fn item_with(features: &[String]) -> impl Fn(ItemKind, String, String, &str, &Source) -> Item + '_ {
    move |kind, signature, wire, doc, source| Item {
        kind,
        signature,
        wire,
        doc: doc.to_owned(),
        features: features.to_vec(),
        source: Some(source.clone()),
    }
}

/// A struct's fields: the Rust type a caller reads and sets, and the JSON key and OData type.
fn struct_fields(
    schema: &Schema,
    t: &crate::ir::TypeDef,
    names: &Names,
    rust: &str,
    item: &MakeItem<'_>,
    items: &mut BTreeMap<String, Item>,
) {
    for planned in super::plan::struct_fields(schema, t, names) {
        let p = planned.property;
        let ty = &planned.ty;
        let signature = rust_text(&quote::quote!(crate::runtime::Nullable<#ty>));
        let nullable = match p.nullable {
            Some(true) => ", nullable",
            Some(false) => ", not nullable",
            None => "",
        };
        let wire = format!("\"{}\": {}{nullable}", p.name, wire_type(&p.ty));
        let field = item(ItemKind::Field, signature, wire, &p.description, &p.source);
        let ident = planned.ident.to_string();
        let ident = ident.trim_start_matches("r#");
        items.insert(format!("{rust}.{ident}"), field);
    }
}

/// A property's OData type as the pages give it: `Collection(microsoft.graph.user)`.
fn wire_type(ty: &TypeRef) -> String {
    let single = match &ty.resolved {
        Some(Resolved::Primitive(p)) => format!("Edm.{p:?}"),
        Some(Resolved::Type(n) | Resolved::Enum(n)) => n.clone(),
        None => format!("{} (unresolved)", ty.name),
    };
    if ty.collection {
        format!("Collection({single})")
    } else {
        single
    }
}

fn builders(
    schema: &Schema,
    index: &ApiIndex,
    areas: &Areas,
    features: &Features<'_>,
    items: &mut BTreeMap<String, Item>,
) {
    for (at, node) in index.nodes.iter().enumerate() {
        if at > 0 && !node.emitted {
            continue;
        }
        let owner = if at == 0 {
            "Client".to_owned()
        } else {
            format!("api::{}", node.builder)
        };
        let node_features = features(&areas.nodes[at]);
        if at > 0 {
            let builder = Item {
                kind: ItemKind::Builder,
                signature: String::new(),
                wire: node.display_path.clone(),
                doc: String::new(),
                features: node_features.clone(),
                source: None,
            };
            items.insert(owner.clone(), builder);
        }
        for edge in &node.edges {
            let target = &index.nodes[edge.target];
            let signature = format!(
                "({}) -> api::{}",
                edge_arguments(index, &edge.segment).join(", "),
                target.builder
            );
            let method = Item {
                kind: ItemKind::Method,
                signature,
                wire: format!("{}/{}", node.display_path, edge.segment),
                doc: String::new(),
                features: features(&areas.nodes[edge.target]),
                source: None,
            };
            items.insert(format!("{owner}::{}()", edge.accessor), method);
        }
        operation_methods(schema, index, node, &owner, &node_features, items);
    }
}

/// The arguments an accessor takes, by type (names are not part of Rust's API).
fn edge_arguments(index: &ApiIndex, segment: &Segment) -> Vec<String> {
    let text = "impl AsRef<str>".to_owned();
    match segment {
        Segment::Param { .. } | Segment::KeyValue { .. } => vec![text],
        Segment::Address { base, .. } => match base.as_ref() {
            Segment::Param { .. } => vec![text.clone(), text],
            _ => vec![text],
        },
        Segment::Function { name, args } => args
            .iter()
            .map(|arg| {
                index
                    .argument_types
                    .get(&(name.to_ascii_lowercase(), arg.name.to_ascii_lowercase()))
                    .and_then(|p| argument_rust_type(*p))
                    .map_or_else(|| text.clone(), |t| rust_text(&t))
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn operation_methods(
    schema: &Schema,
    index: &ApiIndex,
    node: &FlatNode,
    owner: &str,
    features: &[String],
    items: &mut BTreeMap<String, Item>,
) {
    let mut seen = std::collections::BTreeSet::new();
    for (op, method) in &node.operation_methods {
        if !seen.insert(method) {
            continue;
        }
        let operation = &schema.operations[*op];
        let info = &index.operations[*op];
        let arguments = match &info.body {
            Body::Json(ty) => format!("body: &{}", rust_text(&quote::quote!(#ty))),
            Body::Stream => "content: impl Into<Vec<u8>>, content_type: &str".to_owned(),
            Body::None => String::new(),
        };
        let item = Item {
            kind: ItemKind::Method,
            signature: format!("({arguments}) -> api::{}", info.request_type),
            wire: format!("{} {}", operation.method, node.display_path),
            doc: operation.title.clone(),
            features: features.to_vec(),
            source: Some(operation.source.clone()),
        };
        items.insert(format!("{owner}::{method}()"), item);
    }
    if let Some((method, cast)) = &node.cast {
        let base = &cast.base;
        let item = Item {
            kind: ItemKind::Method,
            signature: format!(
                "<T: DerivedFrom<{}>>() -> CastRequestBuilder<T>",
                rust_text(&quote::quote!(#base))
            ),
            wire: format!("{}/{{type}}", node.display_path),
            doc: String::new(),
            features: features.to_vec(),
            source: None,
        };
        items.insert(format!("{owner}::{method}()"), item);
    }
}

fn requests(
    schema: &Schema,
    index: &ApiIndex,
    names: &Names,
    areas: &Areas,
    features: &Features<'_>,
    items: &mut BTreeMap<String, Item>,
) {
    for ((op, info), set) in schema
        .operations
        .iter()
        .zip(&index.operations)
        .zip(&areas.operations)
    {
        if !info.own_type {
            continue;
        }
        let paths: Vec<String> = op
            .paths
            .iter()
            .map(|p| format!("{} {}", op.method, p.template))
            .collect();
        let item = Item {
            kind: ItemKind::Request,
            signature: format!("Request<api::{}>", info.endpoint),
            wire: paths.join(", "),
            doc: op.description.clone(),
            features: features(set),
            source: Some(op.source.clone()),
        };
        let mut signature = request_signature(info);
        if !op.query_options.is_empty() {
            // `select`, `filter`, `top`…: callable only on a `Queryable` endpoint.
            let field = super::builders::field_type(op, names);
            signature.push_str(&format!("; query options: {}", rust_text(&field)));
        }
        let endpoint = Item {
            kind: ItemKind::Endpoint,
            signature,
            wire: String::new(),
            doc: String::new(),
            ..item.clone()
        };
        parameter_body(schema, (op, info), names, &item.features, items);
        items.insert(format!("api::{}", info.request_type), item);
        items.insert(format!("api::{}", info.endpoint), endpoint);
    }
}

/// The struct of an action's body parameters, and its fields.
fn parameter_body(
    schema: &Schema,
    (op, info): (&crate::ir::Operation, &OperationInfo),
    names: &Names,
    features: &[String],
    items: &mut BTreeMap<String, Item>,
) {
    let (Some(name), Some(crate::ir::RequestBody::Parameters { parameters, .. })) =
        (&info.parameters_type, &op.request_body)
    else {
        return;
    };
    let def = super::builders::parameters_type_def(op, name, parameters);
    let rust = format!("api::{name}");
    let item = item_with(features);
    let body = item(
        ItemKind::Struct,
        String::new(),
        String::new(),
        &def.description,
        &op.source,
    );
    items.insert(rust.clone(), body);
    struct_fields(schema, &def, names, &rust, &item, items);
}

/// `output: X; items: Y`: what the request answers, and the items of a page it answers.
fn request_signature(info: &OperationInfo) -> String {
    let (output, format) = info.output.tokens();
    let mut text = format!("output: {} as {}", rust_text(&output), rust_text(&format));
    if let Some(item) = &info.item {
        text.push_str(&format!("; items: {}", rust_text(&quote::quote!(#item))));
    }
    text
}

/// Tokens as a reader writes the type: `Nullable<Vec<models::User>>`.
fn rust_text(tokens: &TokenStream) -> String {
    let mut text = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        (" <", "<"),
        ("< ", "<"),
        (" > ", ">"),
        (" >", ">"),
        ("& ", "&"),
    ] {
        text = text.replace(from, to);
    }
    for (from, to) in [
        ("crate::runtime::", ""),
        ("crate::models::", "models::"),
        ("crate::api::", "api::"),
        ("::std::string::", ""),
        ("::std::vec::", ""),
        ("::std::boxed::", ""),
        ("::std::option::", ""),
        ("::serde_json::", "serde_json::"),
        ("::bytes::", "bytes::"),
    ] {
        text = text.replace(from, to);
    }
    text.trim_start_matches("::").to_owned()
}

#[cfg(test)]
mod tests {
    use super::rust_text;

    #[test]
    fn types_read_as_written() {
        let t = quote::quote!(crate::runtime::Nullable<::std::vec::Vec<crate::models::User>>);
        assert_eq!(rust_text(&t), "Nullable<Vec<models::User>>");
        let t = quote::quote!(::std::option::Option<crate::models::AnyMessage>);
        assert_eq!(rust_text(&t), "Option<models::AnyMessage>");
    }
}
