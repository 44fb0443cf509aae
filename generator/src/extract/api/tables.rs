//! The request headers and permissions tables of a page.

use crate::ir::{Header, Permission};
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

pub(super) fn permissions(page: &Page) -> Vec<Permission> {
    let Some(table) = first_table(page, &["permissions", "prerequisites"]) else {
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
