//! Schema types and enums -> Rust structs and enums.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::base_access::{base_accessors, emit_base_access, AnyVariant};
use super::docs::{doc_or, Doc, LinkTargets};

use super::gate::Gate;
use super::layout::Placed;
use super::{Finish, Names};
use crate::ir::{Primitive, Resolved, Schema, TypeDef, TypeRef};
use crate::select::areas::AreaSet;

/// Every model as token text, one entry per item, built on all cores (order is the schema's).
pub fn emit_models(
    schema: &Schema,
    names: &Names,
    targets: &LinkTargets,
    gate: &Gate<'_>,
    finish: &Finish,
) -> Vec<Placed> {
    use rayon::prelude::*;
    let areas = gate.areas;
    let placed = |(set, home): (&AreaSet, &Option<usize>), tokens: TokenStream| Placed {
        home: *home,
        text: finish(tokens, "models", gate.cfg(set)),
        cfg_bytes: gate.cfg_bytes(set),
    };
    let type_places: Vec<_> = areas.types.iter().zip(&areas.homes.types).collect();
    let enum_places: Vec<_> = areas.enums.iter().zip(&areas.homes.enums).collect();
    let structs = schema
        .types
        .par_iter()
        .zip(&type_places)
        .map(|(t, &at)| placed(at, emit_struct(schema, t, names, targets)));
    let enums = schema
        .enums
        .par_iter()
        .zip(&enum_places)
        .map(|(e, &at)| placed(at, super::enums::emit_enum(e, names, targets)));
    let anys = schema
        .types
        .par_iter()
        .zip(&type_places)
        .filter_map(|(t, &at)| {
            let set = at.0;
            let (any, descendants) = names.polymorphic(&t.name)?;
            let variant_cfg = |name: &str| {
                let i = schema.types.iter().position(|d| d.name == name)?;
                gate.part_cfg(&areas.types[i], set)
            };
            Some(placed(
                at,
                emit_any(schema, t, any, descendants, names, &variant_cfg),
            ))
        });
    let field_enums = schema
        .types
        .par_iter()
        .zip(&type_places)
        .filter_map(|(t, &at)| {
            let name = names.field_enum(&t.name)?;
            Some(placed(at, emit_field_enum(schema, t, name, names, targets)))
        });
    let mut items: Vec<_> = structs.collect();
    items.extend(enums.collect::<Vec<_>>());
    items.extend(anys.collect::<Vec<_>>());
    items.extend(field_enums.collect::<Vec<_>>());
    items
}

/// `XField`: the properties of `X` (inherited ones and relationships included) as an enum, so
/// that `$select`, `$expand` and `$orderby` are checked against the type a request returns.
fn emit_field_enum(
    schema: &Schema,
    t: &TypeDef,
    name: &str,
    names: &Names,
    targets: &LinkTargets,
) -> TokenStream {
    let ident = format_ident!("{}", name);
    let model = names.rust_type(&t.name);
    let mut variants = Vec::new();
    let mut table = Vec::new();
    for v in super::plan::field_enum_variants(schema, t) {
        let (variant, p, d) = (v.ident, v.property, v.discriminant);
        let doc = Doc(doc_or(
            &p.description,
            &format!("The `{}` property.", p.name),
            targets,
        ));
        let value = proc_macro2::Literal::u32_unsuffixed(d);
        variants.push(quote!(#doc #variant = #value,));
        table.push((d, p.name.as_str()));
    }
    table.sort_unstable();
    // An enum without variants can have no representation.
    let repr = (!table.is_empty()).then(|| quote!(#[repr(u32)]));
    let doc = Doc(format!(
        "The properties of [`{model}`](crate::models::{model}), for `$select`, `$expand` and `$orderby` on the requests that return it."
    ));
    // A table of names rather than a match: one line of code per enum, whatever its size.
    let body = if table.is_empty() {
        quote!(match self {})
    } else {
        let (keys, wires): (Vec<_>, Vec<&str>) = table
            .into_iter()
            .map(|(d, wire)| (proc_macro2::Literal::u32_unsuffixed(d), wire))
            .unzip();
        quote! {
            const NAMES: &[(u32, &str)] = &[#((#keys, #wires)),*];
            match NAMES.binary_search_by_key(&(self as u32), |&(key, _)| key) {
                ::std::result::Result::Ok(at) => NAMES[at].1,
                ::std::result::Result::Err(_) => "",
            }
        }
    };
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #repr
        pub enum #ident {
            #(#variants)*
        }

        impl crate::runtime::Field for #ident {
            fn name(self) -> &'static str {
                #body
            }
        }
    }
}

/// `AnyX`: a value typed as `X` on the pages, read as the derived type its `@odata.type` names,
/// or as `X` itself (keeping the properties it does not know) for any other.
fn emit_any(
    schema: &Schema,
    base: &TypeDef,
    any: &str,
    descendants: &[String],
    names: &Names,
    variant_cfg: &dyn Fn(&str) -> Option<TokenStream>,
) -> TokenStream {
    let any = format_ident!("{}", any);
    let base_ident = format_ident!("{}", names.rust_type(&base.name));
    let variants: Vec<Variant> = descendants
        .iter()
        .filter_map(|d| schema.find_type(d))
        .map(|t| Variant {
            ident: format_ident!("{}", names.rust_type(&t.name)),
            wire_name: t.name.clone(),
            wire: format!("{}.{}", t.namespace, t.name),
            cfg: variant_cfg(&t.name).unwrap_or_default(),
        })
        .collect();
    let doc = Doc(format!(
        "A `{}` or any type derived from it, chosen by `@odata.type`; a type this SDK does not know is read as [`{base_ident}`](crate::models::{base_ident}), keeping its other properties.",
        base.name
    ));
    let variant_defs = variants.iter().map(
        |Variant {
             ident: v,
             wire,
             cfg,
             ..
         }| {
            let doc = format!(" `#{wire}`");
            quote!(#[doc = #doc] #cfg #v(::std::boxed::Box<crate::models::#v>),)
        },
    );
    let serialize_arms = variants
        .iter()
        .map(|Variant { ident: v, cfg, .. }| quote!(#cfg Self::#v(value) => value.serialize(serializer),));
    let conversions = conversions(&any, &base_ident, &variants);
    let base_access = base_access(schema, base, (&any, &base_ident), &variants, names);
    let dispatch = dispatch(&any, &base_ident, &variants);
    let base_doc = format!(
        " `#{}.{}`, or a derived type this SDK does not know.",
        base.namespace, base.name
    );
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #any {
            #(#variant_defs)*
            #[doc = #base_doc]
            #base_ident(::std::boxed::Box<crate::models::#base_ident>),
        }

        // Inline, as the derives are: out of line, each would be compiled here with the drop
        // code of every field it reaches, whether or not a program uses it.
        impl ::std::default::Default for #any {
            #[inline]
            fn default() -> Self {
                Self::#base_ident(::std::boxed::Box::default())
            }
        }

        impl ::std::convert::From<crate::models::#base_ident> for #any {
            #[inline]
            fn from(value: crate::models::#base_ident) -> Self {
                Self::#base_ident(::std::boxed::Box::new(value))
            }
        }

        #conversions

        #base_access

        impl ::serde::Serialize for #any {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                    Self::#base_ident(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #any {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_map(crate::runtime::DispatchVisitor::new())
            }
        }

        #dispatch
    }
}

/// The base's fields, read from any variant of `AnyX` (see [`super::base_access`]).
fn base_access(
    schema: &Schema,
    base: &TypeDef,
    (any, base_ident): (&proc_macro2::Ident, &proc_macro2::Ident),
    variants: &[Variant],
    names: &Names,
) -> TokenStream {
    let access_variants: Vec<AnyVariant<'_>> = variants
        .iter()
        .filter_map(|v| {
            Some(AnyVariant {
                ident: v.ident.clone(),
                def: schema.find_type(&v.wire_name)?,
                cfg: v.cfg.clone(),
            })
        })
        .collect();
    let accessors = base_accessors(schema, base, &access_variants, names);
    emit_base_access(any, base_ident, &access_variants, &accessors)
}

/// A derived type of `AnyX`: its Rust name, its `@odata.type`, and the `#[cfg]` it needs
/// beyond the enum's own (none where every area of the enum has it).
struct Variant {
    ident: proc_macro2::Ident,
    /// The type's name, without namespace.
    wire_name: String,
    wire: String,
    cfg: TokenStream,
}

/// Reading the enum: the derived type `@odata.type` names, else the base.
fn dispatch(
    any: &proc_macro2::Ident,
    base_ident: &proc_macro2::Ident,
    variants: &[Variant],
) -> TokenStream {
    // One arm per derived type; the two readers differ only in where the object comes from.
    let arms = |read: TokenStream| -> Vec<TokenStream> {
        variants
            .iter()
            .map(
                |Variant {
                     ident: v,
                     wire,
                     cfg,
                     ..
                 }| {
                    let wire = wire.to_ascii_lowercase();
                    quote!(#cfg #wire => #read.map(Self::#v),)
                },
            )
            .collect()
    };
    let dispatch_arms = arms(quote!(::serde_json::from_value(object)));
    let rest_arms = arms(quote!(crate::runtime::read_derived(odata_type, rest)));
    quote! {
    impl crate::runtime::Dispatch for #any {
        fn from_rest<'de, A: ::serde::de::MapAccess<'de>>(odata_type: &str, rest: A) -> ::std::result::Result<Self, A::Error> {
            let named = odata_type.trim_start_matches('#').to_ascii_lowercase();
            match named.as_str() {
                #(#rest_arms)*
                _ => crate::runtime::read_derived(odata_type, rest).map(Self::#base_ident),
            }
        }

        #[inline]
        fn from_object(object: ::serde_json::Value) -> ::std::result::Result<Self, ::serde_json::Error> {
            let named = crate::runtime::odata_type_of(&object);
            match named.as_str() {
                #(#dispatch_arms)*
                _ => ::serde_json::from_value(object).map(Self::#base_ident),
            }
        }
    }
    }
}

/// `From` each derived type, and the casts a collection of the base allows
/// (`…/members/microsoft.graph.user`).
fn conversions(
    any: &proc_macro2::Ident,
    base_ident: &proc_macro2::Ident,
    variants: &[Variant],
) -> TokenStream {
    let from_impls = variants.iter().map(|Variant { ident: v, cfg, .. }| {
        quote! {
            #cfg
            impl ::std::convert::From<crate::models::#v> for #any {
                #[inline]
                fn from(value: crate::models::#v) -> Self {
                    Self::#v(::std::boxed::Box::new(value))
                }
            }
        }
    });
    let cast_impls = variants.iter().map(
        |Variant {
             ident: v,
             wire,
             cfg,
             ..
         }| {
            quote! {
                #cfg
                impl crate::runtime::DerivedFrom<crate::models::#base_ident> for crate::models::#v {
                    const ODATA_TYPE: &'static str = #wire;
                }
            }
        },
    );
    quote! {
        #(#from_impls)*

        #(#cast_impls)*
    }
}

/// The Rust type of a value of `ty`, without the `Nullable` wrapper.
pub fn value_type(ty: &TypeRef, names: &Names) -> TokenStream {
    let single = match &ty.resolved {
        Some(Resolved::Primitive(p)) => primitive_type(*p),
        Some(Resolved::Type(n)) if names.polymorphic(n).is_some() => {
            let (any, _) = names.polymorphic(n).expect("checked above");
            let ident = format_ident!("{}", any);
            quote!(crate::models::#ident)
        }
        Some(Resolved::Type(n)) | Some(Resolved::Enum(n)) => {
            let ident = format_ident!("{}", names.rust_type(n));
            quote!(crate::models::#ident)
        }
        None => quote!(::serde_json::Value),
    };
    if ty.collection {
        quote!(::std::vec::Vec<#single>)
    } else {
        single
    }
}

fn primitive_type(p: Primitive) -> TokenStream {
    match p {
        Primitive::String | Primitive::Stream => quote!(::std::string::String),
        Primitive::Guid => quote!(crate::runtime::Guid),
        Primitive::Date => quote!(crate::runtime::Date),
        Primitive::TimeOfDay => quote!(crate::runtime::TimeOfDay),
        Primitive::Duration => quote!(crate::runtime::Duration),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double | Primitive::Decimal => quote!(f64),
        Primitive::Binary => quote!(crate::runtime::Binary),
        Primitive::DateTimeOffset => quote!(crate::runtime::DateTimeOffset),
        Primitive::Json => quote!(::serde_json::Value),
    }
}

fn emit_struct(schema: &Schema, t: &TypeDef, names: &Names, targets: &LinkTargets) -> TokenStream {
    emit_struct_named(&names.rust_type(&t.name), schema, t, names, targets)
}

/// A struct for `t` named `rust_name`: models use their own name, parameter bodies theirs.
pub fn emit_struct_named(
    rust_name: &str,
    schema: &Schema,
    t: &TypeDef,
    names: &Names,
    targets: &LinkTargets,
) -> TokenStream {
    let ident = format_ident!("{}", rust_name);
    let doc = Doc(doc_or(
        &t.description,
        &format!(
            "The `{}` resource type (the page gives no description).",
            t.name
        ),
        targets,
    ));
    let Fields {
        fields,
        reads,
        writes,
    } = fields(schema, t, names, targets);
    let writer = if writes.is_empty() {
        quote!(map)
    } else {
        quote!(mut map)
    };
    let documented = documented_names(schema, t);
    let documented = (!documented.is_empty()).then(|| {
        quote! {
            #[cfg(test)]
            const DOCUMENTED: &'static [&'static str] = &[#(#documented),*];
        }
    });
    let odata_doc = Doc(if t.namespace.is_empty() {
        "`@odata.type`, when the caller or the service names a type.".to_owned()
    } else {
        format!(
            "`@odata.type`: the concrete type, `#{}.{}` for this one, when the service names it.",
            t.namespace, t.name
        )
    });
    // Serde by hand, through `runtime::Model`: a derive with `flatten` is several times the code.
    // No `?` per property: each one is a trait resolution and two branches for the compiler, in
    // a thousand bodies; the reads return their own result and the writer keeps the first error.
    // `non_exhaustive`: a property the pages add is a minor release. Outside this crate a value
    // is built from `default()` and `runtime::With` (one blanket method: a setter per field
    // cost the whole reference's crate a third more build time, a method per struct 7 %);
    // reading stays a field access.
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #ident {
            #odata_doc
            pub odata_type: ::std::option::Option<::std::string::String>,
            #(#fields)*
            /// Properties the service sent that this SDK does not know; they are written back unchanged.
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        impl crate::runtime::Model for #ident {
            #documented

            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> ::std::result::Result<bool, A::Error> {
                match key {
                    "@odata.type" => crate::runtime::read_value(map, &mut self.odata_type),
                    #(#reads)*
                    _ => ::std::result::Result::Ok(false),
                }
            }

            #[inline]
            fn unknown_properties(&mut self) -> &mut ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                &mut self.additional_properties
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::deserialize_model(deserializer)
            }
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let #writer = crate::runtime::ModelWriter::new(serializer, &self.odata_type);
                #(#writes)*
                map.end(&self.additional_properties)
            }
        }
    }
}

/// A struct's fields, and the lines that read and write each JSON key.
struct Fields {
    fields: Vec<TokenStream>,
    reads: Vec<TokenStream>,
    writes: Vec<TokenStream>,
}

/// One field per property, inherited ones included; one per JSON key.
fn fields(schema: &Schema, t: &TypeDef, names: &Names, targets: &LinkTargets) -> Fields {
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    let navigation = navigation_properties(schema, t);
    for planned in super::plan::struct_fields(schema, t, names) {
        let (field, p, ty) = (planned.ident, planned.property, planned.ty);
        let wire = &p.name;
        let mut doc = doc_or(
            &p.description,
            &format!("The `{wire}` property (the page gives no description)."),
            targets,
        );
        if navigation.iter().any(|n| std::ptr::eq(*n, p)) {
            doc.push_str(
                "\n\nA relationship: the service returns it with `$expand` or from its own URL.",
            );
        }
        let doc = Doc(doc);
        fields.push(quote! {
            #doc
            pub #field: crate::runtime::Nullable<#ty>,
        });
        reads.push(quote!(#wire => crate::runtime::read_value(map, &mut self.#field),));
        writes.push(quote!(map.property(#wire, &self.#field);));
    }
    Fields {
        fields,
        reads,
        writes,
    }
}

/// The relationships of `t` and of the types it inherits from.
fn navigation_properties<'a>(schema: &'a Schema, t: &'a TypeDef) -> Vec<&'a crate::ir::Property> {
    let ancestors = schema
        .ancestors(t)
        .into_iter()
        .filter_map(|a| schema.find_type(a));
    std::iter::once(t)
        .chain(ancestors)
        .flat_map(|d| &d.navigation_properties)
        .collect()
}

/// The names the pages document for `t` and the types it inherits from, sorted (the runtime
/// searches them).
fn documented_names<'a>(schema: &'a Schema, t: &'a TypeDef) -> Vec<&'a str> {
    let mut names: Vec<&str> = t.documented.iter().map(String::as_str).collect();
    for ancestor in schema.ancestors(t) {
        if let Some(a) = schema.find_type(ancestor) {
            names.extend(a.documented.iter().map(String::as_str));
        }
    }
    names.retain(|n| *n != "@odata.type");
    names.sort_unstable();
    names.dedup();
    names
}
