//! Schema types and enums -> Rust structs and enums.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_or, Doc, LinkTargets};
use super::Names;
use crate::ir::{EnumDef, Primitive, Resolved, Schema, TypeDef, TypeRef};
use crate::naming::{snake_name, Scope};

pub fn emit_models(schema: &Schema, names: &Names, targets: &LinkTargets) -> TokenStream {
    let mut items = TokenStream::new();
    for t in &schema.types {
        items.extend(emit_struct(schema, t, names, targets));
    }
    for e in &schema.enums {
        items.extend(emit_enum(e, names, targets));
    }
    items
}

/// The Rust type of a value of `ty`, without the `Nullable` wrapper.
pub fn value_type(ty: &TypeRef, names: &Names) -> TokenStream {
    let single = match &ty.resolved {
        Some(Resolved::Primitive(p)) => primitive_type(*p),
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
        Primitive::String
        | Primitive::Guid
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Stream => quote!(::std::string::String),
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
    let mut scope = Scope::new();
    scope.reserve(&["odata_type", "additional_properties"]);
    let fields = crate::validate::all_properties(schema, t).into_iter().map(|p| {
        let field = format_ident!("{}", scope.claim(snake_name(&p.name)));
        let wire = &p.name;
        let ty = value_type(&p.ty, names);
        let doc = Doc(doc_or(
            &p.description,
            &format!("The `{wire}` property (the page gives no description)."),
            targets,
        ));
        quote! {
            #doc
            #[serde(rename = #wire, skip_serializing_if = "crate::runtime::Nullable::is_absent")]
            pub #field: crate::runtime::Nullable<#ty>,
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
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(default)]
        pub struct #ident {
            #odata_doc
            #[serde(rename = "@odata.type", skip_serializing_if = "::std::option::Option::is_none")]
            pub odata_type: ::std::option::Option<::std::string::String>,
            #(#fields)*
            /// Properties the service sent that this SDK does not know; they are written back unchanged.
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
    }
}

fn emit_enum(e: &EnumDef, names: &Names, targets: &LinkTargets) -> TokenStream {
    let ident = format_ident!("{}", names.rust_type(&e.name));
    let doc = Doc(doc_or(
        &e.description,
        &format!("The `{}` enumeration.", e.name),
        targets,
    ));
    let mut scope = Scope::new();
    let members: Vec<(proc_macro2::Ident, &str, Doc)> = e
        .members
        .iter()
        .map(|m| {
            let variant = format_ident!("{}", scope.claim(crate::naming::variant_name(&m.name)));
            let doc = doc_or(&m.description, &format!("`{}`", m.name), targets);
            let doc = if doc.eq_ignore_ascii_case("not yet documented") {
                format!("`{}` (the page says: not yet documented).", m.name)
            } else {
                doc
            };
            (variant, m.name.as_str(), Doc(doc))
        })
        .collect();
    let unknown = format_ident!("{}", scope.claim("Unrecognized".into()));
    let variants = members.iter().map(|(v, _, doc)| quote!(#doc #v,));
    let to_str = members
        .iter()
        .map(|(v, wire, _)| quote!(Self::#v => #wire,));
    let from_str = members
        .iter()
        .map(|(v, wire, _)| quote!(#wire => Self::#v,));
    quote! {
        #doc
        ///
        /// A value the service sends that this SDK does not know is kept, not rejected.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(#variants)*
            /// A value not documented when this SDK was generated, kept as the service sent it.
            #unknown(::std::string::String),
        }

        impl #ident {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#unknown(other) => other,
                }
            }
        }

        impl ::std::convert::From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}
