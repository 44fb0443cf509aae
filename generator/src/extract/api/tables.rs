//! The request headers and permissions tables of a page.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Header, Permission, PermissionKind};
use crate::parse::inline;
use crate::parse::page::{Page, Table};

/// The first table of the first section whose heading starts with one of `headings`.
fn first_table<'a>(page: &'a Page, headings: &[&str]) -> Option<&'a Table> {
    page.section(headings).and_then(|s| s.tables().next())
}

pub(super) fn request_headers(page: &Page) -> Vec<Header> {
    let Some(table) = first_table(page, &["request header"]) else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let first = inline::plain_text(row.cells.first()?);
            // Some pages fuse header and value in one cell: `Prefer: outlook.timezone`.
            let (name, fused) = match first.split_once(':') {
                Some((n, v)) => (n.trim().to_owned(), Some(v.trim().to_owned())),
                None => (first.trim().to_owned(), None),
            };
            let value = fused.unwrap_or_else(|| {
                row.cells
                    .get(1)
                    .map(|c| inline::plain_text(c))
                    .unwrap_or_default()
            });
            let required = row
                .cells
                .iter()
                .skip(1)
                .any(|c| c.to_ascii_lowercase().contains("required"));
            (!name.is_empty()).then_some(Header {
                name,
                value,
                required,
            })
        })
        .collect()
}

/// The permissions table. Most pages give one row per kind (`Delegated (work or school
/// account) | A, B`, possibly split into least and higher privileged columns); subscription pages
/// give one row per resource and one column per kind, which the header row tells apart.
pub(super) fn permissions(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Permission> {
    let Some(table) = first_table(page, &["permissions", "prerequisites"]) else {
        return Vec::new();
    };
    let column_kinds: Vec<PermissionKind> = table
        .header
        .iter()
        .skip(1)
        .map(|h| PermissionKind::from_text(&inline::plain_text(h)))
        .collect();
    let per_resource = column_kinds.iter().any(|k| *k != PermissionKind::Other);
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(first) = row.cells.first().map(|c| inline::plain_text(c)) else {
            continue;
        };
        if per_resource {
            for (cell, kind) in row.cells.iter().skip(1).zip(&column_kinds) {
                out.push(Permission {
                    permission_type: kind.label().to_owned(),
                    kind: *kind,
                    resource: Some(first.clone()),
                    permissions: permission_names(std::slice::from_ref(cell)),
                });
            }
        } else {
            let kind = PermissionKind::from_text(&first);
            if kind == PermissionKind::Other {
                diagnostics.push(Diagnostic::new(
                    Code::PermissionKindUnknown,
                    &page.source(row.line),
                    format!("permissions row `{first}` names no kind of permission"),
                ));
            }
            out.push(Permission {
                kind,
                permission_type: first,
                resource: None,
                permissions: permission_names(row.cells.get(1..).unwrap_or_default()),
            });
        }
    }
    out
}

/// The names in `cells`, in order; `Not supported.` and `Not available.` name none.
fn permission_names(cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .flat_map(|c| {
            inline::plain_text(c)
                .split(',')
                .map(|p| p.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|p| {
            let folded = p.to_ascii_lowercase();
            !p.is_empty()
                && !folded.starts_with("not supported")
                && !folded.starts_with("not available")
        })
        .collect()
}
