//! URLs as the pages write them: an example's URL split into host, version, path and query, and
//! a path split into segments. Request-line templates are repaired in `parse::path` first.

use serde::{Deserialize, Serialize};

use super::{FunctionArg, Segment};

/// The public and national-cloud Graph endpoints.
pub fn is_graph_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    [
        "graph.microsoft.com",
        "graph.microsoft.us",
        "dod-graph.microsoft.us",
        "graph.microsoft.de",
        "microsoftgraph.chinacloudapi.cn",
    ]
    .contains(&host.as_str())
}

/// Scheme, host and a version segment in front of a path, with the query behind it, cut off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitUrl {
    pub host: Option<String>,
    pub version: Option<String>,
    pub path: String,
    pub query: Option<String>,
}

pub fn split_url(url: &str) -> SplitUrl {
    let url = url.trim();
    // A `://` after the query starts (`$ref?$id=https://…`) belongs to the query, not this URL.
    let scheme_end = url.find("://").filter(|&i| {
        let query_start = cut_query(url).0.len();
        i < query_start && !url[..i].contains('/')
    });
    let (host, rest) = match scheme_end.map(|i| (&url[..i], &url[i + 3..])) {
        Some((_, after)) => match after.find('/') {
            Some(i) => (Some(after[..i].to_owned()), &after[i..]),
            None => (Some(after.to_owned()), ""),
        },
        None => (None, url),
    };
    let (path, query) = cut_query(rest);
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    let mut version = None;
    let mut path = path;
    if let Some(first) = path[1..].split('/').next() {
        let lower = first.to_ascii_lowercase();
        // `{version}` is the version as a placeholder (`POST /{version}/me/drive/...`).
        if lower == "beta"
            || lower == "{version}"
            || (lower.starts_with('v') && lower[1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            version = Some(first.to_owned());
            path = path[1 + first.len()..].to_owned();
            if path.is_empty() {
                path.push('/');
            }
        }
    }
    SplitUrl {
        host,
        version,
        path,
        query: query.map(str::to_owned),
    }
}

/// Cuts at the first `?` that is not inside braces, parentheses or quotes.
fn cut_query(text: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    let mut quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quote = !quote,
            '{' | '(' if !quote => depth += 1,
            '}' | ')' if !quote => depth -= 1,
            '?' if depth <= 0 && !quote => return (&text[..i], Some(&text[i + 1..])),
            _ => {}
        }
    }
    (text, None)
}

/// Splits `text` on `separator` where it is not inside braces, parentheses or quotes.
pub(crate) fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote = false;
    let mut start = 0;
    // Inside `:/.../:` path addressing, `/` separates nothing.
    let mut address = false;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if separator == '/' && c == ':' && depth <= 0 && !quote {
            let next_is_slash = bytes.get(i + 1) == Some(&b'/');
            if !address && next_is_slash {
                address = true;
                continue;
            }
            if address && (next_is_slash || i + 1 == bytes.len()) {
                address = false;
                continue;
            }
        }
        if address {
            continue;
        }
        match c {
            '\'' => quote = !quote,
            '{' | '(' if !quote => depth += 1,
            '}' | ')' if !quote => depth -= 1,
            c if c == separator && depth <= 0 && !quote => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Parses the path part of a template (host, version and query already removed).
pub fn parse_segments(path: &str) -> Vec<Segment> {
    split_top_level(path, '/')
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_segment)
        .collect()
}

fn parse_segment(text: &str) -> Segment {
    if let Some((base, rest)) = text.split_once(":/") {
        if !base.is_empty() && !base.contains('/') {
            let (path, closed) = match rest.strip_suffix(':') {
                Some(p) => (p, true),
                None => (rest, false),
            };
            return Segment::Address {
                base: Box::new(parse_segment(base)),
                path: path.to_owned(),
                closed,
            };
        }
    }
    if let Some(inner) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        if !inner.contains(['{', '}']) {
            let alternatives: Vec<String> = inner
                .split('|')
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
            let name = alternatives.first().cloned().unwrap_or_else(|| "id".into());
            return Segment::Param { name, alternatives };
        }
    }
    if let Some(open) = text.find('(') {
        if text.ends_with(')') && is_identifier(&text[..open]) {
            let inner = &text[open + 1..text.len() - 1];
            let args = split_top_level(inner, ',')
                .into_iter()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(
                    |a| match a.split_once('=').filter(|(k, _)| is_identifier(k.trim())) {
                        Some((k, v)) => FunctionArg {
                            name: k.trim().to_owned(),
                            value: v.trim().to_owned(),
                        },
                        None => FunctionArg {
                            name: String::new(),
                            value: a.to_owned(),
                        },
                    },
                )
                .collect();
            return Segment::Function {
                name: text[..open].to_owned(),
                args,
            };
        }
    }
    if let Some((key, value)) = text.split_once('=') {
        if is_identifier(key) && !key.contains('.') && !value.is_empty() {
            return Segment::KeyValue {
                key: key.to_owned(),
                value: value.to_owned(),
            };
        }
    }
    if is_identifier(text) {
        Segment::Static(text.to_owned())
    } else {
        Segment::Other(text.to_owned())
    }
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '-'))
}

/// An example's URL, split where the example is read and carried from there: every stage that
/// routes or checks the example uses these parts. Serialized as the page writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExampleUrl {
    /// The URL as the page writes it.
    pub raw: String,
    /// Host, version, path and query.
    pub split: SplitUrl,
    /// The path's segments.
    pub segments: Vec<Segment>,
}

impl ExampleUrl {
    pub fn parse(raw: &str) -> ExampleUrl {
        let split = split_url(raw);
        let segments = parse_segments(&split.path);
        ExampleUrl {
            raw: raw.to_owned(),
            split,
            segments,
        }
    }

    /// Whether the URL names a host other than Graph's (a callback the page documents).
    pub fn is_elsewhere(&self) -> bool {
        self.split
            .host
            .as_deref()
            .is_some_and(|h| !is_graph_host(h))
    }
}

impl std::fmt::Display for ExampleUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for ExampleUrl {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for ExampleUrl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(ExampleUrl::parse(&String::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_example_urls() {
        let s = split_url(
            "https://graph.microsoft.com/beta/users/{id}/messages?$top=2&$filter=a eq 'b?'",
        );
        assert_eq!(s.host.as_deref(), Some("graph.microsoft.com"));
        assert_eq!(s.version.as_deref(), Some("beta"));
        assert_eq!(s.path, "/users/{id}/messages");
        assert_eq!(s.query.as_deref(), Some("$top=2&$filter=a eq 'b?'"));
        let s = split_url("/me/drive/root");
        assert_eq!((s.version, s.path.as_str()), (None, "/me/drive/root"));
        let s = split_url("/{version}/me/drive/root:/workbook/worksheets");
        assert_eq!(
            (s.version.as_deref(), s.path.as_str()),
            (Some("{version}"), "/me/drive/root:/workbook/worksheets")
        );
        let s = split_url("https://graph.microsoft.com/v1.0");
        assert_eq!(s.path, "/");
        let s = split_url("/groups/{id}/acceptedSenders/$ref?$id=https://graph.microsoft.com/v1.0/users/{user-id}");
        assert_eq!(
            (s.host, s.path.as_str()),
            (None, "/groups/{id}/acceptedSenders/$ref")
        );
        assert_eq!(
            s.query.as_deref(),
            Some("$id=https://graph.microsoft.com/v1.0/users/{user-id}")
        );
    }

    #[test]
    fn parses_every_segment_kind() {
        let segs = parse_segments(
            "/users/{id | userPrincipalName}/reports/getX(period='{period_value}', top=5)/microsoft.graph.group/root:/{item-path}:",
        );
        assert_eq!(segs[0], Segment::Static("users".into()));
        assert_eq!(
            segs[1],
            Segment::Param {
                name: "id".into(),
                alternatives: vec!["id".into(), "userPrincipalName".into()]
            }
        );
        let Segment::Function { name, args } = &segs[3] else {
            panic!("{:?}", segs[3])
        };
        assert_eq!(name, "getX");
        assert_eq!(args[0].value, "'{period_value}'");
        assert_eq!(args[1].name, "top");
        assert_eq!(segs[4], Segment::Static("microsoft.graph.group".into()));
        let Segment::Address { base, path, closed } = &segs[5] else {
            panic!("{:?}", segs[5])
        };
        assert_eq!(
            (base.to_string(), path.as_str(), *closed),
            ("root".to_owned(), "{item-path}", true)
        );
        let segs = parse_segments("/drives/{id}/items/{parent-id}:/{filename}:/content");
        assert_eq!(segs.len(), 5);
        assert_eq!(segs[3].to_string(), "{parent-id}:/{filename}:");
        let segs = parse_segments("/sites/{hostname}:/{server-relative-path}");
        assert_eq!(segs[1].to_string(), "{hostname}:/{server-relative-path}");
        let segs = parse_segments("/directoryRoles/roleTemplateId={roleTemplateId}/members");
        assert_eq!(
            segs[1],
            Segment::KeyValue {
                key: "roleTemplateId".into(),
                value: "{roleTemplateId}".into()
            }
        );
        let segs = parse_segments("/me/drive/root:/FolderA/FileB.txt:/content");
        assert_eq!(segs.len(), 4);
        assert_eq!(segs[2].to_string(), "root:/FolderA/FileB.txt:");
    }

    #[test]
    fn an_example_url_is_split_once_and_serialized_as_written() {
        let url =
            ExampleUrl::parse("https://graph.microsoft.com/v1.0/me/drive/root/children?$top=2");
        assert_eq!(url.split.version.as_deref(), Some("v1.0"));
        assert_eq!(url.split.query.as_deref(), Some("$top=2"));
        assert_eq!(url.segments.len(), 4);
        assert!(!url.is_elsewhere());
        assert!(ExampleUrl::parse("https://bot.contoso.com/api/calls").is_elsewhere());
        let json = serde_json::to_string(&url).unwrap();
        assert_eq!(json, format!("\"{}\"", url.raw));
        assert_eq!(serde_json::from_str::<ExampleUrl>(&json).unwrap(), url);
    }
}
