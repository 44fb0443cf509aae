//! Enumerations of values -> Rust enums that keep values they do not know.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_or, Doc, LinkTargets};
use super::Names;
use crate::ir::EnumDef;

/// An enum of a page's members, and `Unrecognized` for any other value the service sends.
pub fn emit_enum(e: &EnumDef, names: &Names, targets: &LinkTargets) -> TokenStream {
    let ident = format_ident!("{}", names.rust_type(&e.name));
    let doc = Doc(doc_or(
        &e.description,
        &format!("The `{}` enumeration.", e.name),
        targets,
    ));
    let plan = super::plan::enum_variants(e);
    let members: Vec<(proc_macro2::Ident, &str, Doc)> = plan
        .variants
        .into_iter()
        .map(|(variant, m)| {
            let doc = doc_or(&m.description, &format!("`{}`", m.name), targets);
            let doc = if doc.eq_ignore_ascii_case("not yet documented") {
                format!("`{}` (the page says: not yet documented).", m.name)
            } else {
                doc
            };
            (variant, m.name.as_str(), Doc(doc))
        })
        .collect();
    let unknown = plan.unknown;
    let variants = members.iter().map(|(v, _, doc)| quote!(#doc #v,));
    let to_str = members
        .iter()
        .map(|(v, wire, _)| quote!(Self::#v => #wire,));
    let from_str = members
        .iter()
        .map(|(v, wire, _)| quote!(#wire => Self::#v,));
    let comparisons = comparisons(&ident);
    quote! {
        #doc
        ///
        /// A value the service sends that this SDK does not know is kept, not rejected. Values the
        /// pages add later become variants in a minor release: a `match` needs a `_` arm. Values
        /// compare, hash and sort by their wire text, so a variant added between two others
        /// changes no order.
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A value not documented when this SDK was generated, kept as the service sent it.
            /// Compare [`as_str`](Self::as_str) rather than this text: once the pages document
            /// the value, it reads as a variant of its own.
            #unknown(::std::string::String),
        }

        impl #ident {
            /// The value as it is written on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#unknown(other) => other,
                }
            }
        }

        #comparisons

        impl ::std::convert::From<&str> for #ident {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            #[inline]
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

/// Equality, hashing and order by wire text, not by variant: `Unrecognized("x")` equals a later
/// `X`, and the order does not depend on where the pages list a value.
fn comparisons(ident: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl ::std::cmp::PartialEq for #ident {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::Eq for #ident {}

        impl ::std::hash::Hash for #ident {
            #[inline]
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash(self.as_str(), state)
            }
        }

        impl ::std::cmp::PartialOrd for #ident {
            #[inline]
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                ::std::option::Option::Some(self.cmp(other))
            }
        }

        impl ::std::cmp::Ord for #ident {
            #[inline]
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

    }
}
