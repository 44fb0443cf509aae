//! Types and enums that several pages define, merged into one: the type's own page first.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{EnumDef, TypeDef};

/// The type's own page (`user.md` for `user`) first, then the others by file: deterministic
/// whatever order the pages were read in.
fn by_priority(name: &str, source: &crate::diagnostics::Source) -> (bool, String) {
    let stem = source
        .file
        .rsplit('/')
        .next()
        .unwrap_or(&source.file)
        .trim_end_matches(".md");
    (
        !stem.eq_ignore_ascii_case(name),
        format!("{}:{:08}", source.file, source.line),
    )
}

/// Several pages may define one type, each a part of it (the Intune reference documents
/// `deviceManagement` and `user` over many pages): the type is their union. Its own page gives
/// the description and base type; a property another page types differently is reported.
pub(super) fn merge_types(mut defs: Vec<TypeDef>, diagnostics: &mut Vec<Diagnostic>) -> TypeDef {
    defs.sort_by_cached_key(|d| by_priority(&d.name, &d.source));
    let mut defs = defs.into_iter();
    let mut merged = defs.next().expect("a group holds at least one definition");
    for other in defs {
        let mut added = 0;
        for (mine, theirs) in [
            (&mut merged.properties, other.properties),
            (
                &mut merged.navigation_properties,
                other.navigation_properties,
            ),
        ] {
            for p in theirs {
                match mine.iter().find(|m| m.name.eq_ignore_ascii_case(&p.name)) {
                    Some(m)
                        if !m.ty.name.eq_ignore_ascii_case(&p.ty.name)
                            || m.ty.collection != p.ty.collection =>
                    {
                        diagnostics.push(Diagnostic::new(
                            Code::ConflictingDefinition,
                            &p.source,
                            format!(
                                "`{}.{}` is typed `{}` here but `{}` at {}; the first is kept",
                                merged.name, p.name, p.ty.written, m.ty.written, m.source
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        mine.push(p);
                        added += 1;
                    }
                }
            }
        }
        merged.documented.extend(other.documented);
        merged.base_type = merged.base_type.or(other.base_type);
        merged.key = merged.key.or(other.key);
        merged.is_abstract |= other.is_abstract;
        merged.is_open |= other.is_open;
        if merged.description.trim().is_empty() {
            merged.description = other.description;
        }
        diagnostics.push(Diagnostic::new(
            Code::TypeDefinedOnSeveralPages,
            &other.source,
            format!(
                "`{}` is also defined at {}; the {added} properties only this page lists are added to it",
                merged.name, merged.source
            ),
        ));
    }
    merged.documented.sort();
    merged.documented.dedup();
    merged
}

/// Enums defined on several pages (an `enums.md` list and the resource page) have the union of
/// their members.
pub(super) fn merge_enums(mut defs: Vec<EnumDef>, diagnostics: &mut Vec<Diagnostic>) -> EnumDef {
    defs.sort_by_cached_key(|d| by_priority(&d.name, &d.source));
    let mut defs = defs.into_iter();
    let mut merged = defs.next().expect("a group holds at least one definition");
    for other in defs {
        let mut added = 0;
        for m in other.members {
            if !merged
                .members
                .iter()
                .any(|x| x.name.eq_ignore_ascii_case(&m.name))
            {
                merged.members.push(m);
                added += 1;
            }
        }
        if merged.description.trim().is_empty() {
            merged.description = other.description;
        }
        diagnostics.push(Diagnostic::new(
            Code::TypeDefinedOnSeveralPages,
            &other.source,
            format!(
                "enum `{}` is also defined at {}; the {added} members only this page lists are added to it",
                merged.name, merged.source
            ),
        ));
    }
    merged
}
