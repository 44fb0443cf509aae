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

/// Methods of the traits `AnyX` implements (or that every type has): an inherent method of the
/// same name would shadow them, so that `AnyMessage::from(message)` would call the accessor of
/// `from` instead of `From::from`. Such an accessor gets a trailing `_` (`message.from_()`).
const TRAIT_METHODS: &[&str] = &[
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "clone_into",
    "cmp",
    "default",
    "deserialize",
    "eq",
    "fmt",
    "from",
    "from_object",
    "from_rest",
    "hash",
    "into",
    "ne",
    "partial_cmp",
    "serialize",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
    "with",
];

/// An accessor that borrows a field of the base in whatever variant it is; it is named as the
/// field is, but for [`TRAIT_METHODS`].
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
            method: accessor_name(&f.ident),
            field: f.ident,
            ty: f.ty,
            wire: f.property.name.clone(),
        })
        .collect()
}

fn accessor_name(field: &Ident) -> Ident {
    let name = field.to_string();
    if TRAIT_METHODS.contains(&name.as_str()) {
        quote::format_ident!("{name}_")
    } else {
        field.clone()
    }
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

#[cfg(test)]
mod tests {
    use super::accessor_name;

    #[test]
    fn an_accessor_never_shadows_a_trait_method() {
        let name = |n: &str| accessor_name(&quote::format_ident!("{n}")).to_string();
        assert_eq!(name("from"), "from_");
        assert_eq!(name("clone"), "clone_");
        assert_eq!(name("subject"), "subject");
    }
}
