//! Example bodies: strict JSON first, then a lenient (JSON5) reading of what pages really print.
//!
//! Every JSON-ish text of a page (bodies, annotations, JSON representations) is measured for
//! nesting before any parser sees it: the JSON5 parser recurses once per level, so a body nested
//! ten thousand deep would overflow the stack. Past [`MOST_NESTED`] levels the text is not read.

/// How deeply a JSON text may nest: serde_json's own limit, which no real page comes near (the
/// deepest example body in the 2021 reference nests 11 levels).
pub const MOST_NESTED: usize = 128;

/// The parsed value, and the strict parser's complaint when only the lenient one succeeded.
pub struct Parsed {
    pub value: Option<serde_json::Value>,
    /// `(line within the body, message)` from the strict parser, when the body is not strict JSON.
    pub strict_error: Option<(usize, String)>,
}

pub fn parse_body(raw: &str) -> Parsed {
    if let Some(line) = too_deep(raw) {
        return Parsed {
            value: None,
            strict_error: Some((line, too_deep_message())),
        };
    }
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(value) => Parsed {
            value: Some(value),
            strict_error: None,
        },
        Err(error) => {
            let strict_error = Some((error.line(), error.to_string()));
            let value = lenient(raw).or_else(|_| lenient(&repair(raw))).ok();
            Parsed {
                value,
                strict_error,
            }
        }
    }
}

/// A JSON5 reading of `raw`, refused (never attempted) when it nests deeper than [`MOST_NESTED`].
pub fn lenient(raw: &str) -> Result<serde_json::Value, String> {
    if too_deep(raw).is_some() {
        return Err(too_deep_message());
    }
    json5::from_str::<serde_json::Value>(raw).map_err(|e| e.to_string())
}

fn too_deep_message() -> String {
    format!("nested deeper than {MOST_NESTED} levels; not read")
}

/// The line (1-based) where `raw` first opens its `MOST_NESTED + 1`th level of `{`/`[`, counting
/// only brackets outside strings (double- or single-quoted, as JSON5 allows).
pub fn too_deep(raw: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for &b in raw.as_bytes() {
        if b == b'\n' {
            line += 1;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == q {
                quote = None;
            }
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'{' | b'[' => {
                depth += 1;
                if depth > MOST_NESTED {
                    return Some(line);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Two slips whose meaning is plain: a missing comma at the end of a line before the next key or
/// item, and a date-time printed without quotes (`"deletedDateTime": 2018-04-01T12:39:16Z`).
fn repair(raw: &str) -> String {
    let joined = join_wrapped_strings(raw);
    let lines: Vec<&str> = joined.lines().collect();
    let mut out = String::with_capacity(raw.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        let line = quote_bare_date_time(line);
        out.push_str(&line);
        let end = line.trim_end();
        let next = lines[i + 1..]
            .iter()
            .map(|l| l.trim_start())
            .find(|l| !l.is_empty());
        let ends_a_value = end.ends_with(['"', '}', ']'])
            || end.ends_with(|c: char| c.is_ascii_digit())
            || end.ends_with("true")
            || end.ends_with("false")
            || end.ends_with("null");
        let starts_a_member = next.is_some_and(|n| n.starts_with(['"', '{']));
        if ends_a_value && starts_a_member && !end.trim_start().starts_with("//") {
            out.push(',');
        }
        out.push('\n');
    }
    out
}

/// A string value the page wrapped onto the next line (a long `@odata.id`): the line break and
/// the next line's indentation are not part of it.
fn join_wrapped_strings(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string && (c == '\n' || c == '\r') {
            while chars.peek().is_some_and(|n| n.is_whitespace()) {
                chars.next();
            }
            continue;
        }
        match c {
            '"' if !escaped => in_string = !in_string,
            _ => {}
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

fn quote_bare_date_time(line: &str) -> String {
    let Some(colon) = line.find("\":") else {
        return line.to_owned();
    };
    let (head, tail) = line.split_at(colon + 2);
    let value = tail.trim_start();
    let bytes = value.as_bytes();
    let looks_like_date = bytes.len() >= 11
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[10] == b'T';
    if !looks_like_date {
        return line.to_owned();
    }
    let end = value.find([',', ' ', '}']).unwrap_or(value.len());
    format!("{head} \"{}\"{}", &value[..end], &value[end..])
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
        let p = parse_body("{\n  \"id\": \"x\"\n  \"when\": 2018-04-01T12:39:16Z,\n  \"n\": 1\n}");
        let v = p.value.expect("repaired");
        assert_eq!(v["when"], "2018-04-01T12:39:16Z");
        assert_eq!(v["n"], 1);
        assert!(p.strict_error.is_some());
        let p = parse_body("{\n  \"@odata.id\": \"https://x/messages\n('a')\",\n  \"b\": 1\n}");
        assert_eq!(
            p.value.expect("joined")["@odata.id"],
            "https://x/messages('a')"
        );
        let p = parse_body("{ not json at all");
        assert!(p.value.is_none() && p.strict_error.is_some());
    }

    #[test]
    fn nesting_is_measured_before_parsing() {
        let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        assert!(parse_body(&deep(MOST_NESTED)).value.is_some());
        let p = parse_body(&format!("{{\n\"a\":\n{}", deep(100_000)));
        assert!(p.value.is_none());
        let (line, message) = p.strict_error.expect("reported");
        assert_eq!(line, 3);
        assert!(message.contains("nested deeper"), "{message}");
        // Brackets inside strings are text, not nesting.
        let quoted = format!(
            "{{\"a\": \"{}\", 'b': '{}'}}",
            "[".repeat(500),
            "{".repeat(500)
        );
        assert!(parse_body(&quoted).value.is_some());
        assert!(lenient(&deep(10_000)).is_err());
    }
}
