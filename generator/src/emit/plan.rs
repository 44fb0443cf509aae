//! The Rust names of a model's parts: its fields, an enum's variants, a field enum's variants.
//! Emitting the code and describing the public API ([`super::surface`]) both read them here,
//! so the two cannot name a part differently.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::models::value_type;
use super::Names;
use crate::ir::{EnumDef, EnumMember, Property, Schema, TypeDef};
use crate::naming::{snake_name, variant_name, Scope};

/// A field of a generated struct: one per JSON key, inherited properties included.
pub struct PlannedField<'a> {
    pub ident: Ident,
    pub property: &'a Property,
    /// The value type inside `Nullable`, boxed where the property closes a cycle.
    pub ty: TokenStream,
}

pub fn struct_fields<'a>(
    schema: &'a Schema,
    t: &'a TypeDef,
    names: &Names,
) -> Vec<PlannedField<'a>> {
    let mut scope = Scope::new();
    scope.reserve(&["odata_type", "additional_properties"]);
    let mut seen = std::collections::BTreeSet::from(["@odata.type"]);
    let mut out = Vec::new();
    for p in schema.all_properties(t) {
        if !seen.insert(p.name.as_str()) {
            continue; // one field per JSON key
        }
        let ident = format_ident!("{}", scope.claim(snake_name(&p.name)));
        let ty = value_type(&p.ty, names);
        let ty = if p.boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        };
        out.push(PlannedField {
            ident,
            property: p,
            ty,
        });
    }
    out
}

/// An enum's variants, one per member, and the variant that keeps values it does not know.
pub struct PlannedEnum<'a> {
    pub variants: Vec<(Ident, &'a EnumMember)>,
    pub unknown: Ident,
}

pub fn enum_variants(e: &EnumDef) -> PlannedEnum<'_> {
    let mut scope = Scope::new();
    let variants = e
        .members
        .iter()
        .map(|m| (format_ident!("{}", scope.claim(variant_name(&m.name))), m))
        .collect();
    PlannedEnum {
        variants,
        unknown: format_ident!("{}", scope.claim("Unrecognized".into())),
    }
}

/// A variant of `XField`: its name, the property, and its discriminant.
pub struct FieldVariant<'a> {
    pub ident: Ident,
    pub property: &'a Property,
    /// A hash of the JSON key, not a position: a property the pages add, wherever its row is,
    /// leaves every other variant's value (and so any `as u32` of it) as it was.
    pub discriminant: u32,
}

/// The variants of `XField`: one per JSON key of `X`.
pub fn field_enum_variants<'a>(schema: &'a Schema, t: &'a TypeDef) -> Vec<FieldVariant<'a>> {
    let mut scope = Scope::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut variants: Vec<FieldVariant<'a>> = schema
        .all_properties(t)
        .into_iter()
        .filter(|p| seen.insert(p.name.as_str()))
        .map(|p| FieldVariant {
            ident: format_ident!("{}", scope.claim(variant_name(&p.name))),
            property: p,
            discriminant: 0,
        })
        .collect();
    // Collisions are settled in name order, so that they too stay put as rows are added.
    let mut order: Vec<usize> = (0..variants.len()).collect();
    order.sort_by(|&a, &b| variants[a].property.name.cmp(&variants[b].property.name));
    let mut taken = std::collections::BTreeSet::new();
    for i in order {
        let mut d = name_hash(&variants[i].property.name);
        while !taken.insert(d) {
            d = (d + 1) & 0x7fff_ffff;
        }
        variants[i].discriminant = d;
    }
    variants
}

/// FNV-1a of a name, in 31 bits so that the value fits an `i32` too.
fn name_hash(name: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash & 0x7fff_ffff
}
