//! The Properties and Relationships tables of a resource page -> properties, with a diagnostic
//! for every row or table that does not become one.

use super::types::parse_type_cell;
use crate::diagnostics::{Code, Diagnostic, Severity, Source};
use crate::ir::{Property, TypeRef};
use crate::parse::inline;
use crate::parse::page::{Page, Section, Table};

/// Header words of the column that names a property or relationship.
const NAME_COLUMNS: &[&str] = &["property", "name", "parameter", "relationship"];

/// What a resource page's tables say about its type.
#[derive(Default)]
pub struct TypeTables {
    pub properties: Vec<Property>,
    pub navigation_properties: Vec<Property>,
    /// Every name a row of these sections gives, read or not: what the page documents.
    pub documented: Vec<String>,
}

pub fn is_property_table(table: &Table) -> bool {
    table.column(NAME_COLUMNS).is_some() && table.column(&["type"]).is_some()
}

/// Whether a heading opens a section of `kind` (`properties`, `relationships`): `Properties`,
/// `Properties of X`, or a type's name before it, as pages write it (`operationError Properties`).
pub fn is_type_section(heading: &str, kind: &str) -> bool {
    let lower = heading.to_ascii_lowercase();
    if lower.starts_with(kind) {
        return true;
    }
    let words: Vec<&str> = heading.split_whitespace().collect();
    matches!(words.as_slice(), [name, last]
        if last.eq_ignore_ascii_case(kind)
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The `Properties` section of a page, if it has one.
pub fn properties_section(page: &Page) -> Option<&Section> {
    page.sections
        .iter()
        .find(|s| is_type_section(&s.heading, "properties"))
}

/// The first table of a `Properties` section that reads as one, by its header or its rows.
pub fn property_table(page: &Page) -> Option<&Table> {
    let section = properties_section(page)?;
    section_tables(section)
        .find(|(_, reading)| *reading != Reading::NotRead)
        .map(|(table, _)| table)
}

/// How a table of a Properties or Relationships section is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    ByHeader,
    /// The section's first table, with no header naming its columns but rows of names and types.
    ByRows,
    NotRead,
}

/// The tables of a section, each with how it is read: the one rule for [`property_table`] and
/// [`read_type_tables`].
fn section_tables(section: &Section) -> impl Iterator<Item = (&Table, Reading)> {
    let has_header_table = section.tables().any(is_property_table);
    section.tables().enumerate().map(move |(i, table)| {
        let reading = if is_property_table(table) {
            Reading::ByHeader
        } else if i == 0 && !has_header_table && rows_look_like_properties(table) {
            Reading::ByRows
        } else {
            Reading::NotRead
        };
        (table, reading)
    })
}

/// A table whose header is wrong (`Method | Return Type | Description` over property rows) is
/// still a property table when every row is a name followed by a type.
fn rows_look_like_properties(table: &Table) -> bool {
    !table.rows.is_empty()
        && table.header.len() >= 2
        && table.rows.iter().all(|row| {
            let name = row_name(row.cells.first().map_or("", String::as_str));
            is_property_name(&name)
                && row
                    .cells
                    .get(1)
                    .is_some_and(|cell| parse_type_cell(cell).is_some())
        })
}

/// Reads the `Properties` and `Relationships` sections (every table in every such section).
pub fn read_type_tables(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> TypeTables {
    let mut out = TypeTables::default();
    for section in &page.sections {
        let relationships = is_type_section(&section.heading, "relationships");
        if !relationships && !is_type_section(&section.heading, "properties") {
            continue;
        }
        if let Some(other) = another_object(page, &section.heading) {
            for table in section.tables() {
                diagnostics.push(Diagnostic::new(
                    Code::TableNotRead,
                    &page.source(table.line),
                    format!(
                        "the table describes the properties of {other}, not of the page's type; its {} rows are not read as the type's properties",
                        table.rows.len()
                    ),
                ));
            }
            continue;
        }
        let read = read_section(page, section, diagnostics, &mut out.documented);
        let into = if relationships {
            &mut out.navigation_properties
        } else {
            &mut out.properties
        };
        let mut seen: std::collections::HashSet<String> =
            into.iter().map(|q| q.name.clone()).collect();
        for p in read {
            if !seen.insert(p.name.clone()) {
                // The same row again in a second table (inherited properties listed again).
                continue;
            }
            into.push(p);
        }
    }
    out.documented.sort();
    out.documented.dedup();
    out
}

/// `Properties of a token issuance policy definition`: a section about something else than the
/// page's type (the JSON a property holds), named by the words after "of"; `None` when they
/// name the page's type or there are none.
fn another_object(page: &Page, heading: &str) -> Option<String> {
    let text = inline::plain_text(heading);
    let rest = text
        .to_ascii_lowercase()
        .strip_prefix("properties of ")?
        .trim()
        .to_owned();
    let phrase = ["a ", "an ", "the "]
        .iter()
        .find_map(|article| rest.strip_prefix(article))
        .unwrap_or(&rest)
        .to_owned();
    let squeezed: String = phrase
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let (title, _) = page.title.clone().unwrap_or_default();
    let type_name = inline::plain_text(&title)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    (squeezed != type_name).then(|| format!("`{}`", text["properties of ".len()..].trim()))
}

fn read_section(
    page: &Page,
    section: &Section,
    diagnostics: &mut Vec<Diagnostic>,
    documented: &mut Vec<String>,
) -> Vec<Property> {
    let mut out = Vec::new();
    for (i, (table, reading)) in section_tables(section).enumerate() {
        documented.extend(
            table
                .rows
                .iter()
                .map(|r| row_name(r.cells.first().map_or("", String::as_str)))
                .filter(|n| is_property_name(n)),
        );
        if reading == Reading::ByRows {
            diagnostics.push(Diagnostic::new(
                Code::PropertyTableHeader,
                &page.source(table.line),
                format!(
                    "table is headed `{}` but its rows are names and types; read as a property table",
                    header_text(table)
                ),
            ));
        }
        if reading != Reading::NotRead {
            out.extend(properties_from_table(page, table, diagnostics));
        } else {
            // The section's first table unread loses its facts; a later one is usually a
            // legend (colors of a category, kinds of a range).
            let severity = if i == 0 {
                Severity::Warning
            } else {
                Severity::Note
            };
            diagnostics.push(Diagnostic::with_severity(
                severity,
                Code::TableNotRead,
                &page.source(table.line),
                format!(
                    "table headed `{}` in `{}` has no name and type columns; its {} rows are not read as properties",
                    header_text(table),
                    inline::plain_text(&section.heading),
                    table.rows.len()
                ),
            ));
        }
    }
    out
}

fn header_text(table: &Table) -> String {
    table
        .header
        .iter()
        .map(|h| inline::plain_text(h).trim().to_owned())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The name a row gives, without markup: `**displayName**` -> `displayName`.
fn row_name(cell: &str) -> String {
    inline::plain_text(cell)
        .trim_matches(['`', '*', ' '])
        .to_owned()
}

fn is_property_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '@' | '.' | '-' | '$'))
}

/// The rows of a table with name, type and description columns. A row whose type cannot be read
/// is kept as untyped JSON: the property exists, whatever its type.
pub fn properties_from_table(
    page: &Page,
    table: &Table,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Property> {
    let name_col = table.column(NAME_COLUMNS).unwrap_or(0);
    let type_col = table
        .column(&["type"])
        .filter(|&c| c != name_col)
        .unwrap_or(1);
    let desc_col = table.column(&["description"]);
    let mut properties: Vec<Property> = Vec::new();
    // Names seen so far: a table of 100,000 rows is checked in linear time.
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for row in &table.rows {
        let at = Source::new(&page.file, row.line);
        let name = row_name(row.cells.get(name_col).map_or("", String::as_str));
        if name.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::EmptyPropertyName,
                &at,
                "table row has no property name; skipped",
            ));
            continue;
        }
        if name.eq_ignore_ascii_case("@odata.type") || name.eq_ignore_ascii_case("odata.type") {
            // A pseudo-property: every type carries `@odata.type` already.
            continue;
        }
        if !is_property_name(&name) {
            diagnostics.push(Diagnostic::new(
                Code::BadPropertyName,
                &at,
                format!("`{name}` is not a property name; row skipped"),
            ));
            continue;
        }
        super::note_spelled_out(&name, super::NameKind::Property, &at, diagnostics);
        let type_cell = row.cells.get(type_col).map_or("", String::as_str);
        let ty = parse_type_cell(type_cell).unwrap_or_else(|| {
            diagnostics.push(Diagnostic::new(
                Code::MissingType,
                &at,
                format!(
                    "property `{name}` has no readable type (`{type_cell}`); kept as untyped JSON"
                ),
            ));
            TypeRef {
                written: inline::plain_text(type_cell),
                name: "Json".into(),
                collection: false,
                resolved: None,
            }
        });
        if !seen.insert(name.clone()) {
            diagnostics.push(Diagnostic::new(
                Code::DuplicateProperty,
                &at,
                format!("property `{name}` is listed twice; the first row is kept"),
            ));
            continue;
        }
        let description = desc_col
            .and_then(|c| row.cells.get(c))
            .cloned()
            .unwrap_or_default();
        properties.push(property_from_row(name, ty, description, at));
    }
    properties
}

fn property_from_row(name: String, ty: TypeRef, description: String, at: Source) -> Property {
    let lower = description.to_ascii_lowercase();
    let nullable = if lower.contains("not nullable") || lower.contains("non-nullable") {
        Some(false)
    } else if lower.contains("nullable") {
        Some(true)
    } else {
        None
    };
    Property {
        name,
        ty,
        read_only: lower.contains("read-only") || lower.contains("read only"),
        required: lower.contains("required") && !lower.contains("not required"),
        nullable,
        boxed: false,
        from_metadata: false,
        description,
        source: at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;

    fn tables(text: &str) -> (TypeTables, Vec<Diagnostic>) {
        let (page, _) = parse_page("resources/x.md", text);
        let mut diagnostics = Vec::new();
        let t = read_type_tables(&page, &mut diagnostics);
        (t, diagnostics)
    }

    #[test]
    fn relationships_are_navigation_properties_whatever_the_name_column_is_called() {
        let text = "# x\n\n## Properties\n\n| Property | Type | Description |\n|---|---|---|\n| id | String | Id. |\n\n## Relationships\n\n| Relationship | Type | Description |\n|---|---|---|\n| manager | [directoryObject](directoryobject.md) | The manager. |\n| **members** | [user](user.md) collection | Members. |\n\nMore:\n\n| Relationship name | Type | Description |\n|---|---|---|\n| root | driveItem | The root. |\n";
        let (t, diagnostics) = tables(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let names: Vec<_> = t
            .navigation_properties
            .iter()
            .map(|p| (p.name.as_str(), p.ty.collection))
            .collect();
        assert_eq!(
            names,
            [("manager", false), ("members", true), ("root", false)]
        );
        assert_eq!(t.navigation_properties[2].source.line, 20);
        assert_eq!(t.documented, ["id", "manager", "members", "root"]);
    }

    /// `operationError Properties` (found by comparing the pages with the service metadata: its
    /// two rows were dropped without a word).
    #[test]
    fn a_type_name_before_properties_still_opens_the_properties_section() {
        let text = "# operationError resource type\n\n## operationError Properties\n| Property | Type | Description |\n|:--|:--|:--|\n|code|string (readonly)|Code.|\n|message|string|Message.|\n\n## Update worksheet properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|other|String|Not the type's.|\n";
        let (t, diagnostics) = tables(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["code", "message"]);
        assert!(is_type_section("Properties of the item", "properties"));
        assert!(!is_type_section("Common properties", "properties"));
        assert!(!is_type_section(
            "Update worksheet properties",
            "properties"
        ));
    }

    #[test]
    fn a_wrong_header_over_property_rows_is_read_and_reported() {
        let text = "# x\n\n## Properties\n| Method | Return Type | Description |\n|:--|:--|:--|\n|data|Binary|The data.|\n";
        let (t, diagnostics) = tables(text);
        assert_eq!(t.properties.len(), 1);
        assert_eq!(t.properties[0].ty.name, "Binary");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::PropertyTableHeader);
        assert_eq!(diagnostics[0].line, 4);
    }

    #[test]
    fn properties_of_something_else_are_not_the_types() {
        let text = "# tokenIssuancePolicy resource type\n\n## Properties\n| Property | Type | Description |\n|--|--|--|\n|definition|String collection|JSON.|\n\n### Properties of a token issuance policy definition\n\n| Property | Type | Description |\n|--|--|--|\n|Version|Integer|Set to 1.|\n\n## Properties of the tokenIssuancePolicy\n\n| Property | Type | Description |\n|--|--|--|\n|displayName|String|Its name.|\n";
        let (t, diagnostics) = tables(text);
        let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["definition", "displayName"]);
        let codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, [(Code::TableNotRead, 10)]);
        assert!(diagnostics[0]
            .message
            .contains("a token issuance policy definition"));
    }

    #[test]
    fn other_tables_and_untyped_rows_are_reported() {
        let text = "# x\n\n## Properties\n| Property | Type | Description |\n|--|--|--|\n|color|categoryColor|The color.|\n|odd| | No type.|\n\n| Pre-set constant | Color |\n|--|--|\n| Preset0 | Red |\n";
        let (t, diagnostics) = tables(text);
        let codes: Vec<_> = diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, [(Code::MissingType, 7), (Code::TableNotRead, 9)]);
        assert_eq!(t.properties.len(), 2);
        assert_eq!(t.properties[1].ty.name, "Json");
        assert!(t.documented.contains(&"Preset0".to_owned()));
    }
}
