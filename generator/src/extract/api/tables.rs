//! The request headers and permissions tables of a page.

use crate::ir::{Header, Permission};
use crate::parse::inline::{self};
use crate::parse::page::Page;

pub(super) fn request_headers(page: &Page) -> Vec<Header> {
    let Some(table) = page
        .section(&["request header"])
        .and_then(|s| s.tables().next())
    else {
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

pub(super) fn permissions(page: &Page) -> Vec<Permission> {
    let Some(table) = page
        .section(&["permissions", "prerequisites"])
        .and_then(|s| s.tables().next())
    else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let permission_type = inline::plain_text(row.cells.first()?);
            let permissions = row
                .cells
                .iter()
                .skip(1)
                .flat_map(|c| {
                    inline::plain_text(c)
                        .split(',')
                        .map(|p| p.trim().to_owned())
                        .collect::<Vec<_>>()
                })
                .filter(|p| {
                    !p.is_empty()
                        && !p.to_ascii_lowercase().starts_with("not supported")
                        && p != "Not available."
                })
                .collect();
            Some(Permission {
                permission_type,
                permissions,
            })
        })
        .collect()
}
