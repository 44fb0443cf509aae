//! `generate --metadata`: the service metadata settles what the pages contradict or leave open,
//! and (`--metadata-fill`) adds what only it documents. The pages stay the source: every
//! decision is a `metadata-decided` note naming both sides, every addition `metadata-filled`.

use std::collections::BTreeMap;

use super::Names;
use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::{
    EnumDef, EnumMember, HttpMethod, NameKey, Operation, OperationKind, Property, Resolved,
    TypeDef, TypeRef,
};
use crate::metadata::{MetaProperty, MetaType, MetaTypeRef, Metadata};

/// The metadata and what to take from it.
#[derive(Clone, Copy, Debug)]
pub struct Consult<'a> {
    pub metadata: &'a Metadata,
    /// Add what only the metadata documents.
    pub fill: bool,
}

/// A page's type name for a metadata type: `Edm.String` stays as written (a primitive), a
/// structured type or enum is named without its namespace, as the pages name it.
pub(super) fn page_type_ref(theirs: &MetaTypeRef) -> TypeRef {
    let name = if theirs.name.is_primitive() {
        theirs.name.to_string()
    } else {
        theirs.name.name.clone()
    };
    TypeRef {
        written: theirs.to_string(),
        name,
        collection: theirs.collection,
        resolved: None,
    }
}

/// The metadata's type for a property whose type the pages do not define (or do not give),
/// when the pages define that type: `None` leaves the property as the pages have it.
pub(super) fn property_type(
    names: &Names,
    consult: Consult,
    owner: &str,
    p: &Property,
) -> Option<(TypeRef, Diagnostic)> {
    let metadata = consult.metadata;
    let meta_owner = metadata.find_type(None, owner)?;
    let theirs = metadata.property(meta_owner, &p.name)?;
    let ty = names.resolve(&page_type_ref(&theirs.ty))?;
    let written = if p.ty.written.trim().is_empty() {
        "no type".to_owned()
    } else {
        format!("`{}`, which no page defines", p.ty.written)
    };
    let message = format!(
        "`{owner}.{}`: the page gives {written}; the metadata's `{}/{}` is `{}`, which is used",
        p.name, meta_owner.name, theirs.name, theirs.ty
    );
    let d = Diagnostic::new(Code::MetadataDecided, &p.source, message).at_metadata(
        &metadata.file,
        theirs.line,
        format!("{}/{}", meta_owner.name, p.name),
    );
    Some((ty, d))
}

/// `get()` and `list()` whose page answers another type than the metadata gives their paths,
/// where the pages do not type the path themselves (no relationship names it) or type it as
/// the metadata does: the metadata's type is answered.
pub(super) fn answers(
    names: &Names,
    consult: Consult,
    operations: &mut [Operation],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let metadata = consult.metadata;
    for op in operations.iter_mut() {
        if op.implied || op.method != HttpMethod::Get {
            continue;
        }
        if !matches!(op.kind, OperationKind::Get | OperationKind::List) {
            continue;
        }
        let Some(answer) = op.response.body.clone() else {
            continue;
        };
        let Some(Resolved::Type(answered)) = &answer.resolved else {
            continue;
        };
        let walks: Vec<_> = op
            .paths
            .iter()
            .map(|p| metadata.walk(&p.segments))
            .collect();
        let Some(theirs) = walks[..].first().and_then(|w| w.end.clone()) else {
            continue;
        };
        let agree = walks
            .iter()
            .all(|w| w.failed.is_none() && w.end.as_ref() == Some(&theirs));
        if !agree || theirs.collection != answer.collection || theirs.name.is_primitive() {
            continue;
        }
        let Some(Resolved::Type(their_type)) = names
            .resolve(&page_type_ref(&theirs))
            .and_then(|t| t.resolved)
        else {
            continue;
        };
        if their_type.eq_ignore_ascii_case(answered) || derives(names, answered, &their_type) {
            continue;
        }
        let Some((owner, property)) = walks[0].last_property() else {
            continue;
        };
        let pages_say = pages_property(names, owner, property);
        if pages_say
            .as_ref()
            .is_some_and(|(_, ty)| ty.eq_ignore_ascii_case(answered))
        {
            continue;
        }
        let path = op
            .paths
            .first()
            .map(|p| p.template.clone())
            .unwrap_or_default();
        let pages = match &pages_say {
            Some((at, ty)) => format!("the relationship at {at} types it `{ty}`"),
            None => "no relationship on the pages types the path".to_owned(),
        };
        let message = format!(
            "`GET {path}`: the page answers `{answered}` and {pages}; the metadata's `{}` is `{theirs}`, so `{their_type}` is answered",
            property.name
        );
        let d = Diagnostic::new(Code::MetadataDecided, &op.response.source, message).at_metadata(
            &metadata.file,
            property.line,
            property.name.clone(),
        );
        diagnostics.push(d);
        op.response.body = Some(TypeRef {
            written: answer.written.clone(),
            name: their_type.clone(),
            collection: answer.collection,
            resolved: Some(Resolved::Type(their_type)),
        });
    }
}

/// Whether the pages derive `name` from `ancestor`.
fn derives(names: &Names, name: &str, ancestor: &str) -> bool {
    let mut current = names.types.get(&NameKey::of(name));
    let mut hops = 0;
    while let Some(t) = current {
        if t.name.eq_ignore_ascii_case(ancestor) {
            return true;
        }
        hops += 1;
        if hops > 64 {
            return false;
        }
        current = t
            .base_type
            .as_ref()
            .and_then(|b| names.types.get(&NameKey::of(b)));
    }
    false
}

/// The pages' own relationship for the metadata's last property of a walk: where it is and the
/// type it names.
fn pages_property(
    names: &Names,
    owner: &MetaType,
    property: &MetaProperty,
) -> Option<(Source, String)> {
    let mut current = names.types.get(&NameKey::of(&owner.name.name));
    // Bases are not yet checked for cycles here: a bounded walk.
    for _ in 0..64 {
        let Some(t) = current else {
            break;
        };
        let found = t
            .properties
            .iter()
            .chain(&t.navigation_properties)
            .find(|p| !p.from_metadata && p.name.eq_ignore_ascii_case(&property.name));
        if let Some(p) = found {
            return Some((p.source.clone(), p.ty.name.clone()));
        }
        current = t
            .base_type
            .as_ref()
            .and_then(|b| names.types.get(&NameKey::of(b)));
    }
    None
}

/// `--metadata-fill`: the metadata's own properties and relationships of each documented type
/// that no row of its page gives, when the pages define their types.
pub(super) fn fill_types(
    consult: Consult,
    types: &mut BTreeMap<NameKey, TypeDef>,
    enums: &BTreeMap<NameKey, EnumDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let metadata = consult.metadata;
    let known: std::collections::BTreeSet<NameKey> =
        types.keys().chain(enums.keys()).cloned().collect();
    for t in types.values_mut() {
        let Some(meta) = metadata.find_type(Some(&t.namespace), &t.name) else {
            continue;
        };
        let mut have: std::collections::BTreeSet<String> = t
            .properties
            .iter()
            .chain(&t.navigation_properties)
            .map(|p| p.name.to_ascii_lowercase())
            .chain(t.documented.iter().map(|d| d.to_ascii_lowercase()))
            .collect();
        for (p, navigation) in meta.members() {
            let definable =
                p.ty.name.is_primitive() || known.contains(&NameKey::of(&p.ty.name.name));
            if !definable || !have.insert(p.name.to_ascii_lowercase()) {
                continue;
            }
            let element = format!("{}/{}", meta.name, p.name);
            let filled = Property {
                name: p.name.clone(),
                ty: page_type_ref(&p.ty),
                description: format!(
                    "From the service metadata (`{element}`); no page documents it."
                ),
                read_only: false,
                nullable: Some(p.nullable),
                required: false,
                boxed: false,
                from_metadata: true,
                source: t.source.clone(),
            };
            let kind = if navigation {
                "relationship"
            } else {
                "property"
            };
            let message = format!(
                "`{}.{}`: the {kind} is added from the metadata (`{}`)",
                t.name, p.name, p.ty
            );
            diagnostics.push(
                Diagnostic::new(Code::MetadataFilled, &t.source, message).at_metadata(
                    &metadata.file,
                    p.line,
                    element,
                ),
            );
            if navigation {
                t.navigation_properties.push(filled);
            } else {
                t.properties.push(filled);
            }
        }
    }
}

/// `--metadata-fill` for enums: the members only the metadata lists, after the page's own.
pub(super) fn fill_enums(
    consult: Consult,
    enums: &mut BTreeMap<NameKey, EnumDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let metadata = consult.metadata;
    for e in enums.values_mut() {
        let Some(meta) = metadata.find_enum(Some(&e.namespace), &e.name) else {
            continue;
        };
        let listed: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
        for m in meta.members_not_in(&listed) {
            let element = format!("{}/{}", meta.name, m.name);
            let message = format!(
                "`{}.{}`: the member is added from the metadata",
                e.name, m.name
            );
            diagnostics.push(
                Diagnostic::new(Code::MetadataFilled, &e.source, message).at_metadata(
                    &metadata.file,
                    m.line,
                    element.clone(),
                ),
            );
            e.members.push(EnumMember {
                name: m.name.clone(),
                value: m.value,
                description: format!(
                    "From the service metadata (`{element}`); no page documents it."
                ),
                source: e.source.clone(),
            });
        }
    }
}
