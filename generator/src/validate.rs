//! Example bodies checked against the schema by the rules the generated code reads JSON with, so
//! that an example becomes a test only when that test can pass, and every other example is
//! reported with the exact place and reason.

use base64::Engine as _;
use serde_json::Value;

use crate::ir::{Primitive, Property, Resolved, Schema, TypeRef};

/// The Rust shape a body is read into.
pub enum Shape<'a> {
    /// A value of a documented type (a collection when the reference says so).
    Type(&'a TypeRef),
    /// A page of items: `{"value": [...], "@odata.nextLink": ...}`.
    Page(&'a TypeRef),
    /// A parameter struct.
    Parameters(&'a [Property]),
    /// `{"@odata.id": "..."}`.
    Reference,
    /// A single primitive returned by a function or action: `{"value": 2}`.
    Value(&'a TypeRef),
}

/// Where and why a body does not fit.
#[derive(Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON path: `$.value[0].createdDateTime`.
    pub path: String,
    /// The last object key on the path, to find the line in the page.
    pub key: Option<String>,
    pub message: String,
    /// The value the example evidently means, when its slip is only in spelling (`"true"` for a
    /// Boolean, `"5"` for an integer).
    pub meant: Option<Box<Value>>,
}

/// A value an example uses that its enum does not list. The generated code keeps such values
/// (`Unrecognized`), so the example is still tested; the page is still wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownEnumValue {
    pub path: String,
    pub key: Option<String>,
    pub value: String,
    pub enum_name: String,
}

/// A property an example gives that the pages do not document for its object's type: the
/// generated code keeps it in `additional_properties`.
#[derive(Debug, PartialEq, Eq)]
pub struct UndocumentedProperty {
    pub path: String,
    pub key: String,
    /// The type (or `the parameters`) the object is read as.
    pub owner: String,
}

/// What a body that fits its shape still says that the pages do not.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Findings {
    pub unknown_enum_values: Vec<UnknownEnumValue>,
    pub undocumented: Vec<UndocumentedProperty>,
    /// The JSON paths (`$.value[0].radiusInMeters`) of numbers the pages type as `Single`: the
    /// SDK holds them as `f32`, so a round trip keeps them at that precision.
    pub singles: Vec<String>,
}

/// Checks `value` against `shape`; on success, also returns what it says that the pages do not.
pub fn check(schema: &Schema, value: &Value, shape: &Shape<'_>) -> Result<Findings, Mismatch> {
    let checker = Checker {
        schema,
        unknown: std::cell::RefCell::new(Vec::new()),
        undocumented: std::cell::RefCell::new(Vec::new()),
        singles: std::cell::RefCell::new(Vec::new()),
    };
    check_shape(&checker, value, shape)?;
    Ok(Findings {
        unknown_enum_values: checker.unknown.into_inner(),
        undocumented: checker.undocumented.into_inner(),
        singles: checker.singles.into_inner(),
    })
}

fn check_shape(checker: &Checker<'_>, value: &Value, shape: &Shape<'_>) -> Result<(), Mismatch> {
    match shape {
        Shape::Type(ty) => checker.typed(value, ty, "$", None, false),
        Shape::Page(ty) => checker.page(value, ty),
        Shape::Value(ty) => checker.wrapped_value(value, ty),
        Shape::Parameters(parameters) => {
            let refs: Vec<&Property> = parameters.iter().collect();
            checker.object(value, &refs, "the parameters", "$", None)
        }
        Shape::Reference => match value.get("@odata.id") {
            Some(Value::String(_)) => Ok(()),
            _ => Err(Mismatch {
                path: "$".into(),
                key: None,
                message: "a reference body needs `@odata.id` as a string".into(),
                meant: None,
            }),
        },
    }
}

struct Checker<'a> {
    schema: &'a Schema,
    unknown: std::cell::RefCell<Vec<UnknownEnumValue>>,
    undocumented: std::cell::RefCell<Vec<UndocumentedProperty>>,
    singles: std::cell::RefCell<Vec<String>>,
}

fn fail(path: &str, key: Option<&str>, message: String) -> Result<(), Mismatch> {
    Err(Mismatch {
        path: path.to_owned(),
        key: key.map(str::to_owned),
        message,
        meant: None,
    })
}

/// A Boolean or integer written as a string: what it means.
fn meant(value: &Value, p: Primitive) -> Option<Value> {
    let text = value.as_str()?.trim();
    match p {
        Primitive::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Primitive::Byte
        | Primitive::SByte
        | Primitive::Int16
        | Primitive::Int32
        | Primitive::Int64 => text.parse::<i64>().ok().map(Value::from),
        _ => None,
    }
}

fn describe(value: &Value) -> String {
    let text = value.to_string();
    let short: String = text.chars().take(40).collect();
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    if short.len() < text.len() {
        format!("{kind} ({short}...)")
    } else {
        format!("{kind} ({short})")
    }
}

impl Checker<'_> {
    fn page(&self, value: &Value, item: &TypeRef) -> Result<(), Mismatch> {
        let Value::Object(map) = value else {
            return fail(
                "$",
                None,
                format!(
                    "a collection response must be an object with `value`, found {}",
                    describe(value)
                ),
            );
        };
        if !map.contains_key("value") {
            return fail(
                "$",
                None,
                "a collection response must have `value`, and this example has none".into(),
            );
        }
        for (key, v) in map {
            let path = format!("$.{key}");
            match key.as_str() {
                "value" => {
                    let Value::Array(items) = v else {
                        return fail(
                            &path,
                            Some(key),
                            format!("`value` must be an array, found {}", describe(v)),
                        );
                    };
                    for (i, element) in items.iter().enumerate() {
                        self.typed(element, item, &format!("{path}[{i}]"), Some(key), true)?;
                    }
                }
                "@odata.count" if !v.is_i64() => {
                    return fail(
                        &path,
                        Some(key),
                        format!("`@odata.count` must be an integer, found {}", describe(v)),
                    )
                }
                "@odata.context" | "@odata.nextLink" | "@odata.deltaLink" if !v.is_string() => {
                    return fail(
                        &path,
                        Some(key),
                        format!("`{key}` must be a string, found {}", describe(v)),
                    )
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn wrapped_value(&self, value: &Value, ty: &TypeRef) -> Result<(), Mismatch> {
        let Value::Object(map) = value else {
            return fail(
                "$",
                None,
                format!(
                    "a returned `{}` is an object with `value`, found {}",
                    ty.written,
                    describe(value)
                ),
            );
        };
        let Some(inner) = map.get("value") else {
            return fail(
                "$",
                None,
                format!(
                    "a returned `{}` is an object with `value`, and this example has none",
                    ty.written
                ),
            );
        };
        if let Some(extra) = map
            .iter()
            .find(|(k, v)| *k != "value" && !(*k == "@odata.context" && v.is_string()))
        {
            return fail(
                &format!("$.{}", extra.0),
                Some(extra.0),
                format!(
                    "a returned `{}` is `{{\"value\": ...}}`; `{}` is not part of it",
                    ty.written, extra.0
                ),
            );
        }
        self.typed(inner, ty, "$.value", Some("value"), false)
    }

    /// `collection_item`: `ty` names the items of an array being checked one by one.
    fn typed(
        &self,
        value: &Value,
        ty: &TypeRef,
        path: &str,
        key: Option<&str>,
        collection_item: bool,
    ) -> Result<(), Mismatch> {
        if ty.collection && !collection_item {
            let Value::Array(items) = value else {
                return fail(
                    path,
                    key,
                    format!(
                        "`{}` is a collection, so an array, but the example has {}",
                        ty.written,
                        describe(value)
                    ),
                );
            };
            for (i, element) in items.iter().enumerate() {
                self.typed(element, ty, &format!("{path}[{i}]"), key, true)?;
            }
            return Ok(());
        }
        match &ty.resolved {
            Some(Resolved::Primitive(p)) => self.primitive(value, *p, path, key),
            Some(Resolved::Enum(name)) => match value {
                Value::String(text) => {
                    let known = self
                        .schema
                        .enums
                        .iter()
                        .find(|e| e.name == *name)
                        .is_none_or(|e| {
                            // Flags enums are sent as `a,b`.
                            text.split(',')
                                .all(|part| e.members.iter().any(|m| m.name == part.trim()))
                        });
                    if !known {
                        self.unknown.borrow_mut().push(UnknownEnumValue {
                            path: path.to_owned(),
                            key: key.map(str::to_owned),
                            value: text.clone(),
                            enum_name: name.clone(),
                        });
                    }
                    Ok(())
                }
                _ => fail(
                    path,
                    key,
                    format!(
                        "`{name}` is an enum, so a string, but the example has {}",
                        describe(value)
                    ),
                ),
            },
            Some(Resolved::Type(name)) => {
                let Some(def) = self.schema.find_type(name) else {
                    return Ok(());
                };
                let def = self.schema.dispatch(def, value);
                let properties = self.schema.all_properties(def);
                self.object(value, &properties, &def.name, path, key)
            }
            None => Ok(()),
        }
    }

    fn object(
        &self,
        value: &Value,
        properties: &[&Property],
        what: &str,
        path: &str,
        key: Option<&str>,
    ) -> Result<(), Mismatch> {
        let Value::Object(map) = value else {
            return fail(
                path,
                key,
                format!(
                    "`{what}` is an object, but the example has {}",
                    describe(value)
                ),
            );
        };
        for (name, v) in map {
            let here = format!("{path}.{name}");
            if name == "@odata.type" {
                if !v.is_string() {
                    return fail(
                        &here,
                        Some(name),
                        format!("`@odata.type` must be a string, found {}", describe(v)),
                    );
                }
                continue;
            }
            let Some(property) = properties.iter().find(|p| p.name == *name) else {
                // Kept in `additional_properties`. Keys with `@` are OData control information
                // (`@odata.etag`, `members@odata.bind`), not properties.
                if !name.contains('@') {
                    self.undocumented.borrow_mut().push(UndocumentedProperty {
                        path: here,
                        key: name.clone(),
                        owner: what.to_owned(),
                    });
                }
                continue;
            };
            if v.is_null() {
                continue; // `Nullable::Null`
            }
            self.typed(v, &property.ty, &here, Some(name), false)?;
        }
        Ok(())
    }

    fn primitive(
        &self,
        value: &Value,
        p: Primitive,
        path: &str,
        key: Option<&str>,
    ) -> Result<(), Mismatch> {
        let expected = format!("{p:?}");
        let wrong = |what: &str| {
            fail(
                path,
                key,
                format!(
                    "the page types this as {expected}, {what}, but the example has {}",
                    describe(value)
                ),
            )
            .map_err(|m| Mismatch {
                meant: meant(value, p).map(Box::new),
                ..m
            })
        };
        match p {
            Primitive::String
            | Primitive::Guid
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::Duration
            | Primitive::Stream => {
                if value.is_string() {
                    Ok(())
                } else {
                    wrong("a string")
                }
            }
            Primitive::Boolean => {
                if value.is_boolean() {
                    Ok(())
                } else {
                    wrong("true or false")
                }
            }
            Primitive::Byte => integer(value, 0, u8::MAX as i64)
                .map_or_else(|| wrong("an integer from 0 to 255"), |_| Ok(())),
            Primitive::SByte => integer(value, i8::MIN as i64, i8::MAX as i64)
                .map_or_else(|| wrong("an 8-bit integer"), |_| Ok(())),
            Primitive::Int16 => integer(value, i16::MIN as i64, i16::MAX as i64)
                .map_or_else(|| wrong("a 16-bit integer"), |_| Ok(())),
            Primitive::Int32 => integer(value, i32::MIN as i64, i32::MAX as i64)
                .map_or_else(|| wrong("a 32-bit integer"), |_| Ok(())),
            Primitive::Int64 => {
                if value.is_i64() {
                    Ok(())
                } else {
                    wrong("a 64-bit integer")
                }
            }
            Primitive::Single | Primitive::Double | Primitive::Decimal => {
                if value.is_number() {
                    if p == Primitive::Single {
                        self.singles.borrow_mut().push(path.to_owned());
                    }
                    Ok(())
                } else {
                    wrong("a number")
                }
            }
            Primitive::Json => Ok(()),
            Primitive::Binary => match value {
                Value::String(s)
                    if base64::engine::general_purpose::STANDARD
                        .decode(s.trim())
                        .is_ok() =>
                {
                    Ok(())
                }
                Value::String(_) => wrong("standard base64"),
                _ => wrong("a base64 string"),
            },
            Primitive::DateTimeOffset => match value {
                Value::String(s) if parses_as_date_time(s) => Ok(()),
                Value::String(_) => wrong("an ISO 8601 date-time"),
                _ => wrong("a date-time string"),
            },
        }
    }
}

fn integer(value: &Value, min: i64, max: i64) -> Option<i64> {
    value.as_i64().filter(|n| (min..=max).contains(n))
}

/// The runtime's rule: RFC 3339, or a date-time without offset read as UTC.
fn parses_as_date_time(text: &str) -> bool {
    use time::format_description::well_known::Rfc3339;
    let text = text.trim();
    time::OffsetDateTime::parse(text, &Rfc3339).is_ok()
        || time::OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Source;
    use crate::ir::{EnumDef, EnumMember, TypeDef, TypeKind};
    use serde_json::json;

    fn ty(name: &str, resolved: Resolved, collection: bool) -> TypeRef {
        TypeRef {
            written: name.into(),
            name: name.into(),
            collection,
            resolved: Some(resolved),
        }
    }

    fn property(name: &str, ty: TypeRef) -> Property {
        Property {
            name: name.into(),
            ty,
            description: String::new(),
            read_only: false,
            nullable: None,
            required: false,
            boxed: false,
            from_metadata: false,
            source: Source::new("resources/item.md", 1),
        }
    }

    fn type_def(name: &str, base: Option<&str>, properties: Vec<Property>) -> TypeDef {
        TypeDef {
            name: name.into(),
            namespace: "microsoft.graph".into(),
            kind: TypeKind::Entity,
            description: String::new(),
            base_type: base.map(Into::into),
            key: None,
            is_abstract: false,
            is_open: false,
            documented: properties.iter().map(|p| p.name.clone()).collect(),
            properties,
            navigation_properties: Vec::new(),
            source: Source::new("resources/item.md", 1),
        }
    }

    /// `item` (size, created, tags, color, owner) and `file`, an item with a `mimeType`.
    fn schema() -> Schema {
        let p = |n, p: Primitive, c| property(n, ty(n, Resolved::Primitive(p), c));
        let item = type_def(
            "item",
            None,
            vec![
                p("size", Primitive::Int64, false),
                p("created", Primitive::DateTimeOffset, false),
                p("tags", Primitive::String, true),
                property("color", ty("color", Resolved::Enum("color".into()), false)),
                property("owner", ty("item", Resolved::Type("item".into()), false)),
            ],
        );
        let file = type_def(
            "file",
            Some("item"),
            vec![p("mimeType", Primitive::String, false)],
        );
        let member = |name: &str| EnumMember {
            name: name.into(),
            value: None,
            description: String::new(),
            source: Source::new("resources/color.md", 1),
        };
        Schema {
            types: vec![file, item],
            enums: vec![EnumDef {
                name: "color".into(),
                namespace: "microsoft.graph".into(),
                description: String::new(),
                members: vec![member("red"), member("blue")],
                source: Source::new("resources/color.md", 1),
            }],
            ..Schema::default()
        }
    }

    fn item() -> TypeRef {
        ty("item", Resolved::Type("item".into()), false)
    }

    #[test]
    fn a_body_that_fits_has_no_findings() {
        let body = json!({"size": 5, "created": "2021-07-01T10:00:00.1234567Z", "tags": ["a"],
            "color": "red", "owner": {"size": 1}, "@odata.etag": "W/1"});
        assert_eq!(
            check(&schema(), &body, &Shape::Type(&item())),
            Ok(Findings::default())
        );
    }

    #[test]
    fn a_wrong_value_is_a_mismatch_at_its_path() {
        let body = json!({"owner": {"created": "datetime-value"}});
        let mismatch = check(&schema(), &body, &Shape::Type(&item())).unwrap_err();
        assert_eq!(mismatch.path, "$.owner.created");
        assert_eq!(mismatch.key.as_deref(), Some("created"));
        let body = json!({"tags": "a"});
        assert_eq!(
            check(&schema(), &body, &Shape::Type(&item()))
                .unwrap_err()
                .path,
            "$.tags"
        );
    }

    #[test]
    fn a_number_written_as_text_says_what_it_meant() {
        let body = json!({"size": "5"});
        let mismatch = check(&schema(), &body, &Shape::Type(&item())).unwrap_err();
        assert_eq!(mismatch.meant.as_deref(), Some(&json!(5)));
    }

    #[test]
    fn an_unknown_enum_value_is_a_finding_not_a_mismatch() {
        let body = json!({"color": "green"});
        let findings = check(&schema(), &body, &Shape::Type(&item())).unwrap();
        assert_eq!(findings.unknown_enum_values.len(), 1);
        assert_eq!(findings.unknown_enum_values[0].value, "green");
        assert_eq!(findings.unknown_enum_values[0].path, "$.color");
    }

    #[test]
    fn undocumented_properties_are_noted_by_the_type_read() {
        // `@odata.type` selects the derived type, whose own properties are documented.
        let body = json!({"@odata.type": "#microsoft.graph.file", "mimeType": "text/plain",
            "thumbnail": "x"});
        let findings = check(&schema(), &body, &Shape::Type(&item())).unwrap();
        assert_eq!(findings.undocumented.len(), 1);
        assert_eq!(findings.undocumented[0].key, "thumbnail");
        assert_eq!(findings.undocumented[0].owner, "file");
    }

    #[test]
    fn pages_references_and_values_have_their_own_shapes() {
        let schema = schema();
        let page = json!({"value": [{"size": 1}], "@odata.nextLink": "https://x"});
        assert!(check(&schema, &page, &Shape::Page(&item())).is_ok());
        assert_eq!(
            check(&schema, &json!({"size": 1}), &Shape::Page(&item()))
                .unwrap_err()
                .path,
            "$"
        );
        let reference = json!({"@odata.id": "https://graph.microsoft.com/v1.0/items/1"});
        assert!(check(&schema, &reference, &Shape::Reference).is_ok());
        assert!(check(&schema, &json!({}), &Shape::Reference).is_err());
        let count = ty("Int32", Resolved::Primitive(Primitive::Int32), false);
        assert!(check(&schema, &json!({"value": 2}), &Shape::Value(&count)).is_ok());
        assert!(check(&schema, &json!({"value": "two"}), &Shape::Value(&count)).is_err());
    }
}
