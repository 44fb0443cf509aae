//! What every generated operation holds: method, path, query, headers and body, turned into a
//! plain `http::Request` without I/O, or sent through the client.

use ::std::sync::Arc;

use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::client::{ByteStream, Client};
use super::error::Error;
use super::retry::RetryPolicy;

/// Characters left as they are in a path segment: RFC 3986 unreserved plus `@`, `:` and the
/// OData quote. Everything else is encoded, so an id like `a/b?c#d` stays one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@')
    .remove(b':')
    .remove(b'\'');

/// Characters encoded in a query value; `$`, `,`, `'`, `(`, `)` and `/` stay readable.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b',')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'/')
    .remove(b':')
    .remove(b'@');

/// Appends a literal segment (from the docs) to a path.
pub fn push_segment(path: &str, segment: &str) -> ::std::string::String {
    format!("{path}/{segment}")
}

/// Appends a caller's value as one segment, percent-encoded. URL parsers treat `.`, `..` and
/// their encodings as dot segments and climb the path, so such values are refused when the
/// request is built (see [`RequestSpec::to_http_request`]).
pub fn push_value(path: &str, value: &str) -> ::std::string::String {
    let encoded = match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(value, SEGMENT).to_string(),
    };
    format!("{path}/{encoded}")
}

fn is_dot_segment(segment: &str) -> bool {
    matches!(
        segment.to_ascii_lowercase().as_str(),
        "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
    )
}

/// One argument of a function call in a path (`getX(period='D7', top=5)`).
#[derive(Clone, Copy, Debug)]
pub enum FunctionArg<'a> {
    /// A string: quoted, with `'` doubled as OData requires.
    Quoted(&'a str),
    /// A number, boolean, enum or other unquoted value, percent-encoded.
    Raw(&'a str),
    /// An enum or other typed literal: `microsoft.graph.timeZoneStandard'Iana'`.
    Typed(&'a str, &'a str),
}

/// Appends a function call segment, `name(key='value',...)`, encoding each value.
pub fn push_function(
    path: &str,
    name: &str,
    args: &[(&str, FunctionArg<'_>)],
) -> ::std::string::String {
    let rendered: ::std::vec::Vec<::std::string::String> = args
        .iter()
        .map(|(key, value)| {
            let value = match value {
                FunctionArg::Quoted(v) => {
                    format!("'{}'", utf8_percent_encode(&v.replace('\'', "''"), SEGMENT))
                }
                FunctionArg::Raw(v) => utf8_percent_encode(v, SEGMENT).to_string(),
                FunctionArg::Typed(prefix, v) => {
                    format!(
                        "{prefix}'{}'",
                        utf8_percent_encode(&v.replace('\'', "''"), SEGMENT)
                    )
                }
            };
            if key.is_empty() {
                value
            } else {
                format!("{key}={value}")
            }
        })
        .collect();
    format!("{path}/{name}({})", rendered.join(","))
}

/// Appends an alternate key written as its own segment: `roleTemplateId=<value>`.
pub fn push_key_value(path: &str, key: &str, value: &str) -> ::std::string::String {
    format!("{path}/{key}={}", utf8_percent_encode(value, SEGMENT))
}

/// The part before `:/` in path-based addressing.
#[derive(Clone, Copy, Debug)]
pub enum AddressBase<'a> {
    /// A name from the docs: `root`.
    Literal(&'a str),
    /// A caller's value, percent-encoded: an item id, a host name.
    Value(&'a str),
}

/// Appends path-based addressing, `root:/folder/file.txt:`: each piece of `item_path` is
/// percent-encoded, so only its own `/` separate pieces.
pub fn push_address(
    path: &str,
    base: AddressBase<'_>,
    item_path: &str,
    closed: bool,
) -> ::std::string::String {
    let base = match base {
        AddressBase::Literal(s) => s.to_owned(),
        AddressBase::Value(v) => utf8_percent_encode(v, SEGMENT).to_string(),
    };
    let pieces: ::std::vec::Vec<::std::string::String> = item_path
        .trim_matches('/')
        .split('/')
        .map(|piece| match piece {
            // `..` would climb out of the addressed folder.
            "." | ".." => piece.replace('.', "%2E"),
            _ => utf8_percent_encode(piece, SEGMENT).to_string(),
        })
        .collect();
    format!(
        "{path}/{base}:/{}{}",
        pieces.join("/"),
        if closed { ":" } else { "" }
    )
}

/// The state of one request being built.
#[derive(Clone, Debug)]
pub struct RequestSpec {
    client: Client,
    method: http::Method,
    path: ::std::string::String,
    query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    body: Option<Result<::std::vec::Vec<u8>, Arc<serde_json::Error>>>,
    content_type: &'static str,
    raw_content_type: Option<::std::string::String>,
    retry: Option<RetryPolicy>,
    templates: &'static [&'static str],
}

impl RequestSpec {
    // The methods below are called from thousands of generated request types; keeping them out
    // of line (and not generic) keeps each caller a call, which the SDK's compile time feels.

    /// A request for `path` (already encoded, starting with `/`) below the client's version root.
    #[inline(never)]
    pub fn new(client: &Client, method: http::Method, path: ::std::string::String) -> Self {
        RequestSpec {
            client: client.clone(),
            method,
            path,
            query: ::std::vec::Vec::new(),
            headers: ::std::vec::Vec::new(),
            body: None,
            content_type: "application/json",
            raw_content_type: None,
            retry: None,
            templates: &[],
        }
    }

    /// The operation's documented path templates, for traces.
    #[inline(never)]
    pub fn with_templates(mut self, templates: &'static [&'static str]) -> Self {
        self.templates = templates;
        self
    }

    /// The documented template this request's path was built from: the only one, or the first
    /// whose literal segments match the path's (placeholders match any segment).
    pub fn template(&self) -> Option<&'static str> {
        if let [only] = self.templates {
            return Some(only);
        }
        let actual: ::std::vec::Vec<&str> = self.path.split('/').collect();
        self.templates
            .iter()
            .find(|t| {
                let documented: ::std::vec::Vec<&str> = t.split('/').collect();
                documented.len() == actual.len()
                    && documented
                        .iter()
                        .zip(&actual)
                        .all(|(d, a)| d.contains('{') || d.eq_ignore_ascii_case(a))
            })
            .or(self.templates.first())
            .copied()
    }

    /// [`RequestSpec::new`] for a borrowed path: what generated builders call.
    #[inline(never)]
    pub fn at(client: &Client, method: http::Method, path: &str) -> Self {
        Self::new(client, method, path.to_owned())
    }

    /// The client this request will be sent with.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Sets a query parameter, replacing an earlier value of the same name.
    pub fn query(self, name: &str, value: impl Into<::std::string::String>) -> Self {
        self.set_query(name, value.into())
    }

    #[inline(never)]
    fn set_query(mut self, name: &str, value: ::std::string::String) -> Self {
        self.query.retain(|(n, _)| n != name);
        self.query.push((name.to_owned(), value));
        self
    }

    /// Sets a numeric query parameter (`$top=10`).
    #[inline(never)]
    pub fn query_number(self, name: &str, value: u32) -> Self {
        self.set_query(name, value.to_string())
    }

    /// Sets a Boolean query parameter (`$count=true`).
    #[inline(never)]
    pub fn query_flag(self, name: &str, value: bool) -> Self {
        self.set_query(name, value.to_string())
    }

    /// Sets a comma-separated query parameter (`$select=a,b`).
    pub fn query_list<I, S>(self, name: &str, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let joined: ::std::vec::Vec<::std::string::String> =
            values.into_iter().map(|v| v.as_ref().to_owned()).collect();
        self.query(name, joined.join(","))
    }

    /// Adds a header to this request only (`ConsistencyLevel: eventual`, `Prefer: ...`).
    pub fn header(
        self,
        name: impl Into<::std::string::String>,
        value: impl Into<::std::string::String>,
    ) -> Self {
        self.set_header(name.into(), value.into())
    }

    #[inline(never)]
    fn set_header(mut self, name: ::std::string::String, value: ::std::string::String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Sets the JSON body.
    pub fn json_body<T: serde::Serialize + ?Sized>(self, body: &T) -> Self {
        self.with_json(serde_json::to_vec(body))
    }

    #[inline(never)]
    fn with_json(mut self, body: Result<::std::vec::Vec<u8>, serde_json::Error>) -> Self {
        self.body = Some(body.map_err(Arc::new));
        self
    }

    /// Sets a raw body (file content) with its content type.
    pub fn raw_body(mut self, body: ::std::vec::Vec<u8>, content_type: &str) -> Self {
        self.body = Some(Ok(body));
        self.raw_content_type = Some(content_type.to_owned());
        self
    }

    /// Overrides the client's retry policy for this request.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The full URL.
    pub fn url(&self) -> ::std::string::String {
        let mut url = format!(
            "{}/{}{}",
            self.client.base_url(),
            self.client.api_version(),
            self.path
        );
        for (i, (name, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&utf8_percent_encode(name, QUERY_VALUE).to_string());
            url.push('=');
            url.push_str(&utf8_percent_encode(value, QUERY_VALUE).to_string());
        }
        url
    }

    /// The request as plain `http` types, without authentication: nothing is sent.
    pub fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        if self.path.split('/').any(is_dot_segment) {
            return Err(Error::InvalidRequest(
                "an id of `.` or `..` would change the path; it cannot be sent".into(),
            ));
        }
        let mut builder = http::Request::builder()
            .method(self.method.clone())
            .uri(self.url());
        for (name, value) in self.client.default_headers() {
            builder = builder.header(name, value);
        }
        let body = match &self.body {
            Some(Ok(bytes)) => {
                let content_type = self
                    .raw_content_type
                    .as_deref()
                    .unwrap_or(self.content_type);
                builder = builder.header(http::header::CONTENT_TYPE, content_type);
                bytes.clone()
            }
            Some(Err(e)) => return Err(Error::Serialize { source: e.clone() }),
            None => ::std::vec::Vec::new(),
        };
        builder = builder.header(http::header::ACCEPT, "application/json");
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder
            .body(body)
            .map_err(|e| Error::InvalidRequest(e.to_string()))
    }

    /// Sends the request and returns the response with its body as a stream, whatever its status.
    pub async fn send_streaming(&self) -> Result<http::Response<ByteStream>, Error> {
        let request = self.to_http_request()?;
        self.client
            .execute_streaming_traced(request, self.retry.as_ref(), self.template())
            .await
    }

    /// Sends the request and returns the raw response, whatever its status.
    pub async fn send(&self) -> Result<http::Response<Bytes>, Error> {
        let request = self.to_http_request()?;
        self.client
            .execute_traced(request, self.retry.as_ref(), self.template())
            .await
    }
}
