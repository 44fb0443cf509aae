//! Types, their properties and relationships, base types and enums.

use std::collections::BTreeSet;

use super::{finding, page_type, same_type};
use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::{EnumDef, Property, Resolved, Schema, TypeDef, TypeRef};
use crate::metadata::{MetaProperty, MetaType, Metadata, UNKNOWN_FUTURE_VALUE};

pub(super) fn compare_types(schema: &Schema, metadata: &Metadata, out: &mut Vec<Diagnostic>) {
    for t in &schema.types {
        let Some(meta) = meta_type(metadata, t) else {
            let message = format!(
                "`{}.{}` is defined here, but the metadata has no such type",
                t.namespace, t.name
            );
            out.push(Diagnostic::new(
                Code::MetadataTypeUnknown,
                &t.source,
                message,
            ));
            continue;
        };
        compare_base(schema, metadata, t, meta, out);
        page_rows(metadata, t, meta, out);
        metadata_rows(schema, metadata, t, meta, out);
    }
}

/// The metadata's type a page's type is: in its namespace, else in any.
fn meta_type<'a>(metadata: &'a Metadata, t: &TypeDef) -> Option<&'a MetaType> {
    metadata
        .find_type(Some(&t.namespace), &t.name)
        .or_else(|| metadata.find_type(None, &t.name))
}

fn compare_base(
    schema: &Schema,
    metadata: &Metadata,
    t: &TypeDef,
    meta: &MetaType,
    out: &mut Vec<Diagnostic>,
) {
    let page = t.base_type.as_deref();
    let theirs = meta.base.as_ref().map(|b| b.name.as_str());
    let same = match (page, theirs) {
        (Some(p), Some(m)) => p.eq_ignore_ascii_case(m),
        (None, None) => true,
        // A page that lists `id` itself says what deriving from `entity` says.
        (None, Some(m)) => m == "entity" && schema.all_properties(t).iter().any(|p| p.name == "id"),
        (Some(_), None) => false,
    };
    if !same {
        let message = format!(
            "`{}` derives from {} here, but from {} in the metadata",
            t.name,
            page.map_or("nothing".into(), |p| format!("`{p}`")),
            theirs.map_or("nothing".into(), |m| format!("`{m}`")),
        );
        out.push(finding(
            metadata,
            Code::MetadataBaseDiffers,
            &t.source,
            meta.line,
            meta.name.to_string(),
            message,
        ));
    }
}

/// Each row of the page's tables, against the metadata's type and its bases.
fn page_rows(metadata: &Metadata, t: &TypeDef, meta: &MetaType, out: &mut Vec<Diagnostic>) {
    let rows = t
        .properties
        .iter()
        .map(|p| (p, false))
        .chain(t.navigation_properties.iter().map(|p| (p, true)));
    for (p, relationship) in rows {
        // Instance annotations (`@odata.etag`) are control information, never CSDL properties.
        if p.name.starts_with('@') {
            continue;
        }
        let element = format!("{}/{}", meta.name, p.name);
        let Some((owner, theirs)) = metadata
            .declared_property(meta, &p.name)
            .or_else(|| same_name_elsewhere(metadata, meta, &p.name))
        else {
            let code = if relationship {
                Code::MetadataRelationshipUnknown
            } else {
                Code::MetadataPropertyUnknown
            };
            let kind = if relationship {
                "relationship"
            } else {
                "property"
            };
            let message = format!(
                "`{}.{}` is a {kind} here, but the metadata's `{}` and its bases have no such member",
                t.name, p.name, meta.name
            );
            out.push(finding(
                metadata, code, &p.source, meta.line, element, message,
            ));
            continue;
        };
        if owner.is_relationship(theirs) != relationship {
            let (here, there) = if relationship {
                ("a relationship", "a property")
            } else {
                ("a property", "a relationship")
            };
            let message = format!(
                "`{}.{}` is {here} here, but {there} in the metadata",
                t.name, p.name
            );
            out.push(finding(
                metadata,
                Code::MetadataPlacementDiffers,
                &p.source,
                theirs.line,
                element.clone(),
                message,
            ));
        }
        compare_property(metadata, t, p, theirs, element, out);
    }
}

/// The member on a type of the same name in another namespace: the pages' types are one per
/// name (`callRecords.mediaStream` and `mediaStream` merge, with `type-defined-on-several-pages`),
/// so a row may come from the other one.
fn same_name_elsewhere<'a>(
    metadata: &'a Metadata,
    meta: &MetaType,
    name: &str,
) -> Option<(&'a MetaType, &'a MetaProperty)> {
    metadata
        .types
        .iter()
        .filter(|t| t.name.name.eq_ignore_ascii_case(&meta.name.name) && t.name != meta.name)
        .find_map(|t| metadata.declared_property(t, name))
}

fn compare_property(
    metadata: &Metadata,
    t: &TypeDef,
    p: &Property,
    theirs: &MetaProperty,
    element: String,
    out: &mut Vec<Diagnostic>,
) {
    let at = &p.source;
    let line = theirs.line;
    if !same_type(&p.ty, &theirs.ty) {
        let message = format!(
            "`{}.{}` is `{}` here, but `{}` in the metadata",
            t.name,
            p.name,
            page_type(&p.ty),
            theirs.ty
        );
        out.push(finding(
            metadata,
            Code::MetadataTypeDiffers,
            at,
            line,
            element,
            message,
        ));
    } else if p.ty.collection != theirs.ty.collection {
        let message = format!(
            "`{}.{}` is {} here, but `{}` in the metadata",
            t.name,
            p.name,
            if p.ty.collection {
                "a collection"
            } else {
                "one value"
            },
            theirs.ty
        );
        out.push(finding(
            metadata,
            Code::MetadataCollectionDiffers,
            at,
            line,
            element,
            message,
        ));
    } else if let Some(nullable) = p.nullable.filter(|n| *n != theirs.nullable) {
        let said = |n: bool| if n { "nullable" } else { "not nullable" };
        let message = format!(
            "`{}.{}` is {} here, but {} in the metadata",
            t.name,
            p.name,
            said(nullable),
            said(theirs.nullable)
        );
        out.push(finding(
            metadata,
            Code::MetadataNullabilityDiffers,
            at,
            line,
            element,
            message,
        ));
    }
}

/// The metadata's own members of the type that no row of the page (or of a base's page) gives.
fn metadata_rows(
    schema: &Schema,
    metadata: &Metadata,
    t: &TypeDef,
    meta: &MetaType,
    out: &mut Vec<Diagnostic>,
) {
    let mut known: BTreeSet<String> = schema
        .all_properties(t)
        .iter()
        .map(|p| p.name.to_ascii_lowercase())
        .collect();
    known.extend(t.documented.iter().map(|n| n.to_ascii_lowercase()));
    for (p, navigation) in meta.members() {
        if known.contains(&p.name.to_ascii_lowercase()) {
            continue;
        }
        let (code, kind) = if navigation {
            (Code::MetadataRelationshipMissing, "relationship")
        } else {
            (Code::MetadataPropertyMissing, "property")
        };
        let message = format!(
            "the metadata gives `{}` the {kind} `{}` (`{}`), which the page does not list",
            t.name, p.name, p.ty
        );
        let element = format!("{}/{}", meta.name, p.name);
        out.push(finding(metadata, code, &t.source, p.line, element, message));
    }
}

pub(super) fn compare_enums(schema: &Schema, metadata: &Metadata, out: &mut Vec<Diagnostic>) {
    for e in &schema.enums {
        let Some(meta) = metadata
            .find_enum(Some(&e.namespace), &e.name)
            .or_else(|| metadata.find_enum(None, &e.name))
        else {
            let message = format!(
                "enum `{}` is defined here, but the metadata has no such enum",
                e.name
            );
            out.push(Diagnostic::new(
                Code::MetadataEnumUnknown,
                &e.source,
                message,
            ));
            continue;
        };
        let element = meta.name.to_string();
        if meta.is_flags {
            let message = format!(
                "the metadata marks `{}` as flags: a value may combine members (`a,b`), which the SDK reads as one unrecognized value (`runtime::split_flags` gives its members)",
                e.name
            );
            out.push(finding(
                metadata,
                Code::MetadataFlagsEnum,
                &e.source,
                meta.line,
                element.clone(),
                message,
            ));
        }
        for m in &e.members {
            if !meta
                .members
                .iter()
                .any(|x| x.name.eq_ignore_ascii_case(&m.name))
            {
                let message = format!(
                    "`{}` lists `{}`, which the metadata's enum does not have",
                    e.name, m.name
                );
                out.push(finding(
                    metadata,
                    Code::MetadataMemberUnknown,
                    &m.source,
                    meta.line,
                    element.clone(),
                    message,
                ));
            }
        }
        missing_members(metadata, e, meta, out);
    }
}

fn missing_members(
    metadata: &Metadata,
    e: &EnumDef,
    meta: &crate::metadata::MetaEnum,
    out: &mut Vec<Diagnostic>,
) {
    let listed: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
    for m in meta.members_not_in(&listed) {
        let element = format!("{}/{}", meta.name, m.name);
        let (code, message) = if m.name == UNKNOWN_FUTURE_VALUE {
            (
                Code::MetadataSentinelMissing,
                format!(
                    "`{}` does not list the sentinel `{UNKNOWN_FUTURE_VALUE}`; the metadata has it",
                    e.name
                ),
            )
        } else {
            (
                Code::MetadataMemberMissing,
                format!(
                    "the metadata gives `{}` the member `{}`, which the page does not list",
                    e.name, m.name
                ),
            )
        };
        out.push(finding(metadata, code, &e.source, m.line, element, message));
    }
}

/// Metadata types and enums no page defines: each one the pages name or derive a documented type
/// from is a finding where they name it; the rest are counted in one note.
pub(super) fn missing_types(schema: &Schema, metadata: &Metadata, out: &mut Vec<Diagnostic>) {
    let defined: BTreeSet<String> = schema
        .types
        .iter()
        .map(|t| t.name.to_ascii_lowercase())
        .chain(schema.enums.iter().map(|e| e.name.to_ascii_lowercase()))
        .collect();
    let named = names_used(schema);
    let mut unreferenced = 0;
    let items = metadata
        .types
        .iter()
        .map(|t| (&t.name, t.line, false))
        .chain(metadata.enums.iter().map(|e| (&e.name, e.line, true)));
    for (name, line, is_enum) in items {
        let key = name.name.to_ascii_lowercase();
        if defined.contains(&key) || name.name == "Json" {
            continue;
        }
        // A root type (`entity`) is everyone's base: deriving from it makes no type relevant.
        let derived_from = metadata
            .type_named(name)
            .and_then(|t| t.base.as_ref())
            .filter(|b| metadata.type_named(b).is_some_and(|b| b.base.is_some()))
            .and_then(|b| {
                schema
                    .types
                    .iter()
                    .find(|t| t.name.eq_ignore_ascii_case(&b.name))
            });
        let at = named.get(&key).cloned();
        let (at, how) = match (at, derived_from) {
            (Some(at), _) => (at, "a page names it".to_owned()),
            (None, Some(base)) => (
                base.source.clone(),
                format!("it derives from `{}`, which a page defines", base.name),
            ),
            (None, None) => {
                unreferenced += 1;
                continue;
            }
        };
        let code = if is_enum {
            Code::MetadataEnumMissing
        } else {
            Code::MetadataTypeMissing
        };
        let message = format!("the metadata has `{name}`, which no page defines ({how})");
        out.push(finding(
            metadata,
            code,
            &at,
            line,
            name.to_string(),
            message,
        ));
    }
    if unreferenced > 0 {
        let message = format!(
            "{unreferenced} types and enums of the metadata are neither defined, named nor derived from by these pages"
        );
        out.push(Diagnostic::new(
            Code::MetadataTypesUnreferenced,
            &Source::new(&metadata.file, 1),
            message,
        ));
    }
}

/// Every type name the pages write (lower-cased), with the first place that writes it.
fn names_used(schema: &Schema) -> std::collections::BTreeMap<String, Source> {
    let mut seen: std::collections::BTreeMap<String, Source> = Default::default();
    let mut note = |t: &TypeRef, at: &Source| {
        let primitive = crate::ir::Primitive::from_name(&t.name).is_some();
        if primitive && matches!(t.resolved, Some(Resolved::Primitive(_))) {
            return;
        }
        let last = t
            .name
            .rsplit('.')
            .next()
            .unwrap_or(&t.name)
            .to_ascii_lowercase();
        seen.entry(last).or_insert_with(|| at.clone());
    };
    for (t, at) in schema.type_refs() {
        note(t, at);
    }
    // Names a response section gives where it links no type.
    for op in &schema.operations {
        for hint in &op.response.hints {
            note(hint, &op.response.source);
        }
    }
    seen
}
