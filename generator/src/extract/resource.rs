//! Resource pages (properties, relationships, JSON representation) and enum pages (members).

use super::types::parse_type_cell;
use crate::diagnostics::{Diagnostic, Source};
use crate::ir::{EnumDef, EnumMember, Property, TypeDef, TypeKind};
use crate::parse::inline;
use crate::parse::page::{Page, Table};

const DEFAULT_NAMESPACE: &str = "microsoft.graph";

pub fn property_table(page: &Page) -> Option<&Table> {
    page.section(&["properties"])
        .and_then(|s| s.tables().find(|t| is_property_table(t)))
}

fn is_property_table(table: &Table) -> bool {
    table.column(&["property", "name", "parameter"]).is_some() && table.column(&["type"]).is_some()
}

/// Splits `microsoft.graph.user` into (`microsoft.graph`, `user`).
pub fn split_qualified(name: &str) -> (String, String) {
    let name = name.trim().trim_start_matches('#');
    match name.rsplit_once('.') {
        Some((ns, n)) => (ns.to_owned(), n.to_owned()),
        None => (DEFAULT_NAMESPACE.to_owned(), name.to_owned()),
    }
}

/// The first word of the title (`certificateStatus enum type` -> `certificateStatus`).
fn name_from_title(page: &Page) -> (String, usize) {
    let (title, line) = super::title(page);
    let word = title.split_whitespace().next().unwrap_or_default();
    (word.trim_matches('`').to_owned(), line)
}

pub fn extract_type(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Option<TypeDef> {
    let annotation = page
        .sections
        .iter()
        .flat_map(|s| s.fences())
        .filter_map(|f| f.annotation.as_ref())
        .find(|a| a.block_type.as_deref() == Some("resource"));
    let (title_name, title_line) = name_from_title(page);
    let (namespace, name) = match annotation.and_then(|a| a.odata_type.as_deref()) {
        Some(t) => split_qualified(t),
        None => (DEFAULT_NAMESPACE.to_owned(), title_name.clone()),
    };
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        diagnostics.push(Diagnostic::warning(
            "no-type-name",
            &page.source(title_line),
            "resource page names no type (no `@odata.type` annotation and no title); skipped",
        ));
        return None;
    }
    if !title_name.is_empty() && !title_name.eq_ignore_ascii_case(&name) {
        diagnostics.push(Diagnostic::note(
            "title-type-mismatch",
            &page.source(title_line),
            format!("title names `{title_name}` but the resource annotation names `{name}`; using `{name}`"),
        ));
    }
    let properties = match property_table(page) {
        Some(table) => properties_from_table(page, table, diagnostics),
        None => {
            if let Some(section) = page.section(&["properties"]) {
                let says_none = section
                    .paragraphs()
                    .any(|p| inline::plain_text(&p.text).eq_ignore_ascii_case("none"));
                if !says_none {
                    diagnostics.push(Diagnostic::warning(
                        "no-property-table",
                        &page.source(section.line),
                        "`Properties` section has no table with Property and Type columns",
                    ));
                }
            }
            Vec::new()
        }
    };
    let navigation_properties = page
        .section(&["relationships"])
        .and_then(|s| s.tables().find(|t| is_property_table(t)))
        .map(|t| properties_from_table(page, t, diagnostics))
        .unwrap_or_default();
    let base_type = annotation
        .and_then(|a| a.base_type.clone())
        .or_else(|| inherits_from(page))
        .map(|b| split_qualified(&b).1);
    let key = annotation.and_then(|a| a.key_property.clone());
    let kind = if key.is_some() || properties.iter().any(|p| p.name == "id") {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    };
    Some(TypeDef {
        name,
        namespace,
        kind,
        description: super::description(page),
        base_type,
        key,
        is_abstract: annotation.and_then(|a| a.is_abstract).unwrap_or(false),
        is_open: annotation.and_then(|a| a.open_type).unwrap_or(false),
        properties,
        navigation_properties,
        source: page.source(title_line),
    })
}

/// "Inherits from [entity](entity.md)" in the prose.
fn inherits_from(page: &Page) -> Option<String> {
    page.sections
        .iter()
        .flat_map(|s| s.paragraphs())
        .find_map(|p| {
            let lower = p.text.to_ascii_lowercase();
            let at = lower.find("inherits from")?;
            let rest = &p.text[at..];
            inline::first_link(rest).map(|(text, _)| text).or_else(|| {
                rest.split_whitespace()
                    .nth(2)
                    .map(|w| w.trim_matches(['.', '`', '*']).to_owned())
            })
        })
}

pub fn properties_from_table(
    page: &Page,
    table: &Table,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Property> {
    let name_col = table
        .column(&["property", "name", "parameter"])
        .unwrap_or(0);
    let type_col = table.column(&["type"]).unwrap_or(1);
    let desc_col = table.column(&["description"]);
    let mut properties: Vec<Property> = Vec::new();
    for row in &table.rows {
        let at = Source::new(&page.file, row.line);
        let name = inline::plain_text(row.cells.get(name_col).map_or("", String::as_str));
        let name = name.trim_matches(['`', '*', ' ']).to_owned();
        if name.is_empty() {
            diagnostics.push(Diagnostic::warning(
                "empty-property-name",
                &at,
                "table row has no property name; skipped",
            ));
            continue;
        }
        if name.eq_ignore_ascii_case("@odata.type") || name.eq_ignore_ascii_case("odata.type") {
            // A pseudo-property: every type carries `@odata.type` already.
            continue;
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-' | '$'))
        {
            diagnostics.push(Diagnostic::warning(
                "bad-property-name",
                &at,
                format!("`{name}` is not a property name; row skipped"),
            ));
            continue;
        }
        let type_cell = row.cells.get(type_col).map_or("", String::as_str);
        let Some(ty) = parse_type_cell(type_cell) else {
            diagnostics.push(Diagnostic::warning(
                "missing-type",
                &at,
                format!("property `{name}` has no readable type (`{type_cell}`); skipped"),
            ));
            continue;
        };
        if properties.iter().any(|p| p.name == name) {
            diagnostics.push(Diagnostic::warning(
                "duplicate-property",
                &at,
                format!("property `{name}` is listed twice; the first row is kept"),
            ));
            continue;
        }
        let description = desc_col
            .and_then(|c| row.cells.get(c))
            .cloned()
            .unwrap_or_default();
        let lower = description.to_ascii_lowercase();
        let nullable = if lower.contains("not nullable") || lower.contains("non-nullable") {
            Some(false)
        } else if lower.contains("nullable") {
            Some(true)
        } else {
            None
        };
        properties.push(Property {
            name,
            ty,
            read_only: lower.contains("read-only") || lower.contains("read only"),
            required: lower.contains("required") && !lower.contains("not required"),
            nullable,
            description,
            source: at,
        });
    }
    properties
}

pub fn extract_enum(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Option<EnumDef> {
    let (name, line) = name_from_title(page);
    if name.is_empty() {
        diagnostics.push(Diagnostic::warning(
            "no-enum-name",
            &page.source(line),
            "enum page has no title; skipped",
        ));
        return None;
    }
    let section = page.section(&["members", "enum values", "values"])?;
    let table = section.tables().next()?;
    enum_from_table(
        page,
        &name,
        line,
        super::description(page),
        table,
        diagnostics,
    )
}

/// `### lifecycleEventType values` sections with a table of members.
pub fn extract_value_sections(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<EnumDef> {
    let mut enums: Vec<EnumDef> = Vec::new();
    for section in &page.sections {
        let heading = inline::plain_text(&section.heading);
        let Some(name) = heading
            .strip_suffix(" values")
            .or_else(|| heading.strip_suffix(" Values"))
            .map(|n| n.trim().trim_matches('`').to_owned())
        else {
            continue;
        };
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        {
            continue;
        }
        let Some(table) = section.tables().next() else {
            continue;
        };
        if enums.iter().any(|e| e.name.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let description = section
            .paragraphs()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let name = name.rsplit('.').next().unwrap_or(&name).to_owned();
        if let Some(e) = enum_from_table(page, &name, section.line, description, table, diagnostics)
        {
            enums.push(e);
        }
    }
    enums
}

/// The column of member names: `Member` or `Name`, else a `Value` column of words, else the first.
fn member_column(table: &Table) -> usize {
    if let Some(c) = table.column(&["member", "name"]) {
        return c;
    }
    if let Some(c) = table.column(&["value"]) {
        let words = table.rows.iter().filter_map(|r| r.cells.get(c)).all(|v| {
            let v = inline::plain_text(v);
            v.parse::<i64>().is_err()
        });
        if words {
            return c;
        }
    }
    0
}

fn enum_from_table(
    page: &Page,
    name: &str,
    line: usize,
    description: String,
    table: &Table,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EnumDef> {
    let name_col = member_column(table);
    let value_col = table
        .column(&["value", "int value"])
        .filter(|&c| c != name_col);
    let desc_col = table.column(&["description"]);
    let mut members: Vec<EnumMember> = Vec::new();
    for row in &table.rows {
        let at = Source::new(&page.file, row.line);
        let member = inline::plain_text(row.cells.get(name_col).map_or("", String::as_str));
        let member = member.trim_matches(['`', '*', ' ', '"']).to_owned();
        if member.is_empty() {
            diagnostics.push(Diagnostic::warning(
                "empty-enum-member",
                &at,
                "enum row has no member name; skipped",
            ));
            continue;
        }
        if members.iter().any(|m| m.name == member) {
            diagnostics.push(Diagnostic::warning(
                "duplicate-enum-member",
                &at,
                format!("member `{member}` of `{name}` is listed twice; the first row is kept"),
            ));
            continue;
        }
        let value_text = value_col
            .and_then(|c| row.cells.get(c))
            .map(|v| inline::plain_text(v))
            .unwrap_or_default();
        let value = value_text.parse().ok();
        if value.is_none() && !value_text.is_empty() {
            diagnostics.push(Diagnostic::note(
                "enum-value-not-integer",
                &at,
                format!("value `{value_text}` of member `{member}` is not an integer; kept without a value"),
            ));
        }
        members.push(EnumMember {
            name: member,
            value,
            description: desc_col
                .and_then(|c| row.cells.get(c))
                .cloned()
                .unwrap_or_default(),
            source: at,
        });
    }
    if members.is_empty() {
        diagnostics.push(Diagnostic::warning(
            "empty-enum",
            &page.source(table.line),
            format!("enum `{name}` has no members; skipped"),
        ));
        return None;
    }
    Some(EnumDef {
        name: name.to_owned(),
        namespace: DEFAULT_NAMESPACE.to_owned(),
        description,
        members,
        source: page.source(line),
    })
}
