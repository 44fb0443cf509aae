//! Resource pages (properties, relationships, JSON representation) and enum pages (members).

use super::type_tables::{property_table, read_type_tables, TypeTables};
use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::{EnumDef, EnumMember, TypeDef, TypeKind};
use crate::parse::inline;
use crate::parse::page::{Page, Table};

const DEFAULT_NAMESPACE: &str = "microsoft.graph";

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
    if name.is_empty() || !name.starts_with(char::is_alphabetic) {
        diagnostics.push(Diagnostic::new(
            Code::NoTypeName,
            &page.source(title_line),
            "resource page names no type (no `@odata.type` annotation and no title); skipped",
        ));
        return None;
    }
    if !title_name.is_empty() && !title_name.eq_ignore_ascii_case(&name) {
        diagnostics.push(Diagnostic::new(
            Code::TitleTypeMismatch,
            &page.source(title_line),
            format!("title names `{title_name}` but the resource annotation names `{name}`; using `{name}`"),
        ));
    }
    super::note_spelled_out(
        &name,
        super::NameKind::Type,
        &page.source(title_line),
        diagnostics,
    );
    let tables = read_type_tables(page, diagnostics);
    if property_table(page).is_none() {
        if let Some(section) = super::type_tables::properties_section(page) {
            let says_none = section
                .paragraphs()
                .any(|p| inline::plain_text(&p.text).eq_ignore_ascii_case("none"));
            if !says_none && section.tables().next().is_none() {
                diagnostics.push(Diagnostic::new(
                    Code::NoPropertyTable,
                    &page.source(section.line),
                    "`Properties` section has no table with Property and Type columns",
                ));
            }
        }
    }
    let TypeTables {
        properties,
        navigation_properties,
        documented,
    } = tables;
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
        documented,
        source: page.source(title_line),
    })
}

/// "Inherits from [entity](entity.md)" or "Derived from [place](place.md)" in the prose. A bare
/// word after "inherits from" names the base too; after "derived from", only a link does (the
/// phrase also means other things in prose).
fn inherits_from(page: &Page) -> Option<String> {
    page.sections
        .iter()
        .flat_map(|s| s.paragraphs())
        .find_map(|p| {
            let lower = p.text.to_ascii_lowercase();
            if let Some(at) = lower.find("inherits from") {
                let rest = &p.text[at..];
                return inline::first_link(rest).map(|(text, _)| text).or_else(|| {
                    rest.split_whitespace()
                        .nth(2)
                        .map(|w| w.trim_matches(['.', '`', '*']).to_owned())
                });
            }
            let at = lower.find("derived from")?;
            let rest = p.text[at + "derived from".len()..].trim_start();
            rest.starts_with('[')
                .then(|| inline::first_link(rest).map(|(text, _)| text))
                .flatten()
        })
}

pub fn extract_enum(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Option<EnumDef> {
    let (name, line) = name_from_title(page);
    if name.is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::NoEnumName,
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
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for row in &table.rows {
        let at = Source::new(&page.file, row.line);
        let member = inline::plain_text(row.cells.get(name_col).map_or("", String::as_str));
        let member = member.trim_matches(['`', '*', ' ', '"']).to_owned();
        if member.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::EmptyEnumMember,
                &at,
                "enum row has no member name; skipped",
            ));
            continue;
        }
        if !seen.insert(member.clone()) {
            diagnostics.push(Diagnostic::new(
                Code::DuplicateEnumMember,
                &at,
                format!("member `{member}` of `{name}` is listed twice; the first row is kept"),
            ));
            continue;
        }
        super::note_spelled_out(&member, super::NameKind::EnumMember, &at, diagnostics);
        let value_text = value_col
            .and_then(|c| row.cells.get(c))
            .map(|v| inline::plain_text(v))
            .unwrap_or_default();
        let value = value_text.parse().ok();
        if value.is_none() && !value_text.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::EnumValueNotInteger,
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
        diagnostics.push(Diagnostic::new(
            Code::EmptyEnum,
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
