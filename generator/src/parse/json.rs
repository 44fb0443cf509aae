//! Example bodies: strict JSON first, then a lenient (JSON5) reading of what pages really print.

/// The parsed value, and the strict parser's complaint when only the lenient one succeeded.
pub struct Parsed {
    pub value: Option<serde_json::Value>,
    /// `(line within the body, message)` from the strict parser, when the body is not strict JSON.
    pub strict_error: Option<(usize, String)>,
}

pub fn parse_body(raw: &str) -> Parsed {
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(value) => Parsed {
            value: Some(value),
            strict_error: None,
        },
        Err(error) => {
            let strict_error = Some((error.line(), error.to_string()));
            let value = json5::from_str::<serde_json::Value>(raw).ok();
            Parsed {
                value,
                strict_error,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_and_lenient() {
        let p = parse_body("{\"a\": 1}");
        assert!(p.value.is_some() && p.strict_error.is_none());
        let p = parse_body("{\n\"a\": 1,\n}");
        assert!(p.value.is_some());
        assert_eq!(p.strict_error.unwrap().0, 3);
        let p = parse_body("{ not json at all");
        assert!(p.value.is_none() && p.strict_error.is_some());
    }
}
