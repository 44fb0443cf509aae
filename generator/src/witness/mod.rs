//! The pages against the service metadata: every place they disagree is a finding with a stable
//! code, the page's file and line, and the metadata's element and line (`graphgen check
//! --metadata`). Neither side is assumed right: the finding says what each one says.

mod operations;
mod types;

use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::{Primitive, Resolved, Schema, TypeRef};
use crate::metadata::{MetaTypeRef, Metadata, QualifiedName};

/// Every disagreement between a resolved schema and the metadata, sorted.
pub fn compare(schema: &Schema, metadata: &Metadata) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    types::compare_types(schema, metadata, &mut findings);
    types::compare_enums(schema, metadata, &mut findings);
    types::missing_types(schema, metadata, &mut findings);
    operations::compare_operations(schema, metadata, &mut findings);
    findings.sort();
    findings.dedup();
    findings
}

/// A finding at `at` on the page side and `line`/`element` on the metadata side.
fn finding(
    metadata: &Metadata,
    code: Code,
    at: &Source,
    line: usize,
    element: impl Into<String>,
    message: String,
) -> Diagnostic {
    Diagnostic::new(code, at, message).at_metadata(&metadata.file, line, element)
}

/// The metadata's name for a primitive: `Edm.String`; untyped JSON is `microsoft.graph.Json`.
pub fn edm_name(p: Primitive) -> QualifiedName {
    let (namespace, name) = match p {
        Primitive::Json => ("microsoft.graph", "Json"),
        Primitive::String => ("Edm", "String"),
        Primitive::Boolean => ("Edm", "Boolean"),
        Primitive::Byte => ("Edm", "Byte"),
        Primitive::SByte => ("Edm", "SByte"),
        Primitive::Int16 => ("Edm", "Int16"),
        Primitive::Int32 => ("Edm", "Int32"),
        Primitive::Int64 => ("Edm", "Int64"),
        Primitive::Single => ("Edm", "Single"),
        Primitive::Double => ("Edm", "Double"),
        Primitive::Decimal => ("Edm", "Decimal"),
        Primitive::Binary => ("Edm", "Binary"),
        Primitive::DateTimeOffset => ("Edm", "DateTimeOffset"),
        Primitive::Date => ("Edm", "Date"),
        Primitive::TimeOfDay => ("Edm", "TimeOfDay"),
        Primitive::Duration => ("Edm", "Duration"),
        Primitive::Guid => ("Edm", "Guid"),
        Primitive::Stream => ("Edm", "Stream"),
    };
    QualifiedName {
        namespace: namespace.into(),
        name: name.into(),
    }
}

/// Whether a page's type and the metadata's name the same type (ignoring collection-ness):
/// by resolved name, or by the written name's last part when the page's type did not resolve.
fn same_type(page: &TypeRef, meta: &MetaTypeRef) -> bool {
    match &page.resolved {
        // Kept as JSON because no page defines the written type: compare what the page wrote.
        Some(Resolved::Primitive(Primitive::Json)) if !written_json(page) => {
            let last = page.name.rsplit('.').next().unwrap_or(&page.name);
            last.eq_ignore_ascii_case(&meta.name.name)
        }
        Some(Resolved::Primitive(p)) => {
            let edm = edm_name(*p);
            edm.name.eq_ignore_ascii_case(&meta.name.name)
                && edm.namespace.eq_ignore_ascii_case(&meta.name.namespace)
        }
        Some(Resolved::Type(name)) | Some(Resolved::Enum(name)) => {
            name.eq_ignore_ascii_case(&meta.name.name)
        }
        None => {
            let last = page.name.rsplit('.').next().unwrap_or(&page.name);
            last.eq_ignore_ascii_case(&meta.name.name)
        }
    }
}

/// Whether the page itself says the type is untyped JSON (rather than naming a type no page defines).
fn written_json(t: &TypeRef) -> bool {
    Primitive::from_name(&t.name) == Some(Primitive::Json) || t.name.trim().is_empty()
}

/// How a page's type reads in a message: `Collection(group)`.
fn page_type(t: &TypeRef) -> String {
    let name = match &t.resolved {
        Some(Resolved::Primitive(Primitive::Json)) if !written_json(t) => t.name.clone(),
        Some(Resolved::Primitive(p)) => edm_name(*p).to_string(),
        Some(Resolved::Type(n)) | Some(Resolved::Enum(n)) => n.clone(),
        None => t.name.clone(),
    };
    if t.collection {
        format!("Collection({name})")
    } else {
        name
    }
}
