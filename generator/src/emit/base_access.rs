//! The base type's fields on `AnyX`, without a `match`: `message.subject()` reads `subject`
//! whichever derived type the value is. Every derived struct has the base's fields (inherited
//! fields are flattened), so each accessor is one `match` that borrows the same field.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::Doc;
use super::plan::{struct_fields, PlannedField};
use super::Names;
use crate::ir::{Schema, TypeDef};

/// One variant of `AnyX`: its name, its type and the `#[cfg]` it needs beyond the enum's.
pub struct AnyVariant<'a> {
    pub ident: Ident,
    pub def: &'a TypeDef,
    pub cfg: TokenStream,
}

/// An accessor that borrows a field of the base in whatever variant it is; it is named as the
/// field is.
pub struct BaseAccessor {
    pub method: Ident,
    pub field: Ident,
    pub ty: TokenStream,
    pub wire: String,
}

/// The base's fields that every derived type has with the same Rust name and type (a derived
/// page that retypes an inherited property keeps its own type, reached by a `match`).
pub fn base_accessors(
    schema: &Schema,
    base: &TypeDef,
    variants: &[AnyVariant<'_>],
    names: &Names,
) -> Vec<BaseAccessor> {
    let derived: Vec<Vec<PlannedField<'_>>> = variants
        .iter()
        .map(|v| struct_fields(schema, v.def, names))
        .collect();
    let same_type = |field: &PlannedField<'_>| {
        let ty = field.ty.to_string();
        derived.iter().all(|fields| {
            fields.iter().any(|f| {
                f.property.name == field.property.name
                    && f.ident == field.ident
                    && f.ty.to_string() == ty
            })
        })
    };
    struct_fields(schema, base, names)
        .into_iter()
        .filter(|f| same_type(f))
        .map(|f| BaseAccessor {
            method: f.ident.clone(),
            field: f.ident,
            ty: f.ty,
            wire: f.property.name.clone(),
        })
        .collect()
}

/// `impl AnyX { pub fn subject(&self) -> &Nullable<String> { … } }`.
pub fn emit_base_access(
    any: &Ident,
    base_ident: &Ident,
    variants: &[AnyVariant<'_>],
    accessors: &[BaseAccessor],
) -> TokenStream {
    let methods = accessors.iter().map(|a| {
        let BaseAccessor {
            method, field, ty, ..
        } = a;
        let name = field.to_string();
        let doc = Doc(if name.starts_with("r#") {
            format!("`{}`, whichever type the value is.", a.wire)
        } else {
            format!(
                "`{}`, whichever type the value is ([`{base_ident}::{name}`](crate::models::{base_ident}::{name})).",
                a.wire
            )
        });
        let arms = variants.iter().map(|v| {
            let (ident, cfg) = (&v.ident, &v.cfg);
            quote!(#cfg Self::#ident(value) => &value.#field,)
        });
        quote! {
            #doc
            #[inline]
            pub fn #method(&self) -> &crate::runtime::Nullable<#ty> {
                match self {
                    #(#arms)*
                    Self::#base_ident(value) => &value.#field,
                }
            }
        }
    });
    quote! {
        impl #any {
            #(#methods)*
        }
    }
}
