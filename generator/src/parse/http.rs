//! HTTP messages inside code blocks, detected by content: `METHOD url` or `HTTP/1.1 NNN`.

use serde::{Deserialize, Serialize};

pub const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HttpMessage {
    Request(HttpRequest),
    Response(HttpResponse),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// Raw body text as printed on the page, if any.
    pub body: Option<String>,
    /// 1-based line offset of the body inside the fence body.
    pub body_offset: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub body_offset: usize,
}

/// A `METHOD url` line: the method in upper case and the URL as written.
pub fn request_line(line: &str) -> Option<(String, &str)> {
    let line = line.trim();
    let split = line
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(line.len());
    let (method, rest) = line.split_at(split);
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let url = rest.trim();
    // Trailing ` HTTP/1.1` on a request line is decoration.
    let url = url
        .strip_suffix("HTTP/1.1")
        .map(str::trim_end)
        .unwrap_or(url);
    (!url.is_empty()).then_some((method, url))
}

/// Reads one code block as an HTTP message; `None` when it is neither a request nor a response.
pub fn parse_message(body: &str) -> Option<HttpMessage> {
    let mut lines = body
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (_, first) = lines.next()?;
    let first = first.trim();
    if let Some(rest) = first.strip_prefix("HTTP/") {
        let status = rest.split_whitespace().nth(1)?.parse().ok()?;
        let (headers, body, body_offset) = headers_and_body(lines);
        return Some(HttpMessage::Response(HttpResponse {
            status,
            headers,
            body,
            body_offset,
        }));
    }
    let (method, url) = request_line(first)?;
    let url = url.to_owned();
    let (headers, body, body_offset) = headers_and_body(lines);
    Some(HttpMessage::Request(HttpRequest {
        method,
        url,
        headers,
        body,
        body_offset,
    }))
}

/// `Name: value` with a header name (letters, digits, `-`).
fn header(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then_some((name, value))
}

type HeadersAndBody = (Vec<(String, String)>, Option<String>, usize);

/// Headers run until the first blank line after them or the first line that opens a JSON body.
/// A blank line between the start line and the first header (`POST …`, blank, `Content-type: …`,
/// as many Intune pages print it) does not end them.
fn headers_and_body<'a>(lines: impl Iterator<Item = (usize, &'a str)>) -> HeadersAndBody {
    let mut headers = Vec::new();
    let mut body = String::new();
    let mut body_offset = 0;
    let mut in_body = false;
    let mut lines = lines.peekable();
    while let Some((index, line)) = lines.next() {
        if !in_body {
            let t = line.trim();
            if t.is_empty() {
                let header_follows = headers.is_empty()
                    && lines
                        .peek()
                        .and_then(|(_, next)| header(next.trim()))
                        .is_some();
                in_body = !header_follows;
                continue;
            }
            if t.starts_with('{') || t.starts_with('[') || t.starts_with('"') {
                in_body = true;
            } else if let Some((name, value)) = header(t) {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
                continue;
            } else {
                in_body = true;
            }
        }
        if body.is_empty() && line.trim().is_empty() {
            continue;
        }
        if body.is_empty() {
            body_offset = index + 1;
        }
        body.push_str(line);
        body.push('\n');
    }
    let body = body.trim_end();
    let body = (!body.is_empty()).then(|| body.to_owned());
    (headers, body, body_offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_request_with_fake_content_length() {
        let m = parse_message(
            "PATCH https://graph.microsoft.com/v1.0/a/{id}\nContent-type: application/json\nContent-length: 9999\n\n{\n  \"a\": 1\n}\n",
        )
        .unwrap();
        let HttpMessage::Request(r) = m else { panic!() };
        assert_eq!(r.method, "PATCH");
        assert_eq!(r.url, "https://graph.microsoft.com/v1.0/a/{id}");
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.body.as_deref(), Some("{\n  \"a\": 1\n}"));
        assert_eq!(r.body_offset, 5);
    }

    #[test]
    fn reads_headers_after_a_blank_line() {
        let m = parse_message(
            "POST https://graph.microsoft.com/v1.0/a/assign\n\nContent-type: application/json\nContent-length: 12\n\n{\n  \"a\": 1\n}\n",
        )
        .unwrap();
        let HttpMessage::Request(r) = m else { panic!() };
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.body.as_deref(), Some("{\n  \"a\": 1\n}"));
        let m = parse_message("HTTP/1.1 200 OK\n\nReport Date,Send: x\n").unwrap();
        let HttpMessage::Response(r) = m else {
            panic!()
        };
        assert!(r.headers.is_empty());
        assert_eq!(r.body.as_deref(), Some("Report Date,Send: x"));
    }

    #[test]
    fn reads_a_response_without_blank_line() {
        let m =
            parse_message("HTTP/1.1 200 OK\nContent-Type: application/json\n{\"a\":1}").unwrap();
        let HttpMessage::Response(r) = m else {
            panic!()
        };
        assert_eq!(r.status, 200);
        assert_eq!(r.body.as_deref(), Some("{\"a\":1}"));
    }

    #[test]
    fn rejects_non_http() {
        assert_eq!(parse_message("{ \"a\": 1 }"), None);
        assert_eq!(parse_message(""), None);
        assert_eq!(parse_message("HTTP/1.1 abc"), None);
        assert!(request_line("DELETE/path").is_some());
    }
}
