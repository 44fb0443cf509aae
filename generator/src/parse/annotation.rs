//! Annotation comments (`<!-- { "blockType": "request", ... } -->`): optional hints, read leniently.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub line: usize,
    pub block_type: Option<String>,
    pub name: Option<String>,
    pub odata_type: Option<String>,
    pub is_collection: Option<bool>,
    pub truncated: Option<bool>,
    pub is_empty: Option<bool>,
    pub key_property: Option<String>,
    pub base_type: Option<String>,
    pub open_type: Option<bool>,
    pub is_abstract: Option<bool>,
}

/// Reads the JSON-ish object inside an HTML comment. Trailing commas, comments, unquoted keys and
/// `"true"` strings are accepted; raw newlines inside strings are folded first.
pub fn parse_annotation(inner: &str, line: usize) -> Result<Annotation, String> {
    let start = inner.find('{').ok_or("no `{`")?;
    let end = inner.rfind('}').ok_or("no `}`")?;
    if end < start {
        return Err("`}` before `{`".into());
    }
    let object = &inner[start..=end];
    let value = match super::json::lenient(object) {
        Ok(v) => v,
        Err(first) => {
            let folded = fold_newlines_in_strings(object);
            super::json::lenient(&folded).map_err(|_| first)?
        }
    };
    let map = value.as_object().ok_or("not an object")?;
    let text = |key: &str| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| v.as_str())
            .map(|s| s.trim().to_owned())
    };
    let flag = |key: &str| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| match v {
                serde_json::Value::Bool(b) => Some(*b),
                serde_json::Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
    };
    Ok(Annotation {
        line,
        block_type: text("blockType").map(|s| s.to_ascii_lowercase()),
        name: text("name"),
        odata_type: text("@odata.type")
            .or_else(|| text("@type"))
            .or_else(|| text("type")),
        is_collection: flag("isCollection"),
        truncated: flag("truncated"),
        is_empty: flag("isEmpty"),
        key_property: text("keyProperty"),
        base_type: text("baseType"),
        open_type: flag("openType"),
        is_abstract: flag("abstract"),
    })
}

fn fold_newlines_in_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            '"' if !escaped => in_string = !in_string,
            '\n' | '\r' if in_string => {
                out.push(' ');
                continue;
            }
            _ => {}
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lenient_annotations() {
        let a = parse_annotation(
            r#"{ "blockType": "Request", name: "x", "isCollection": "true", }"#,
            3,
        )
        .unwrap();
        assert_eq!(a.block_type.as_deref(), Some("request"));
        assert_eq!(a.name.as_deref(), Some("x"));
        assert_eq!(a.is_collection, Some(true));
        assert_eq!(a.line, 3);
    }

    #[test]
    fn folds_raw_newlines_and_comments() {
        let a = parse_annotation(
            "{\n  // Note: a comment\n  \"blockType\": \"resource\",\n  \"description\": \"two\nlines\"\n}",
            1,
        )
        .unwrap();
        assert_eq!(a.block_type.as_deref(), Some("resource"));
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_annotation("blockType nothing", 1).is_err());
        assert!(parse_annotation("} {", 1).is_err());
    }
}
