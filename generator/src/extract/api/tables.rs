//! The request headers table of a page.

use crate::ir::Header;
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
