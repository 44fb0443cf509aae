//! The one error type of the SDK.

use serde::Deserialize;

/// Everything that can go wrong between building a request and reading its typed result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status that is not a success.
    #[error("{0}")]
    Service(::std::boxed::Box<ServiceError>),
    /// The request never got a complete response: connection, TLS, protocol, or a body cut short.
    #[error("the request could not be completed: {message}{}", cause_chain(source.as_deref()))]
    Transport {
        /// What happened, without secrets.
        message: ::std::string::String,
        /// The underlying error, if any.
        #[source]
        source: Option<::std::boxed::Box<dyn ::std::error::Error + Send + Sync>>,
    },
    /// The request or its attempts took longer than allowed.
    #[error("the request timed out after {0:?}")]
    Timeout(::std::time::Duration),
    /// A success response whose body is not the documented type.
    #[error("the response body is not a valid `{type_name}`: at `{path}`: {source}")]
    Deserialize {
        /// The Rust type that was expected.
        type_name: &'static str,
        /// Where in the JSON document reading failed (`value[3].status`).
        path: ::std::string::String,
        /// The parser's own message.
        #[source]
        source: serde_json::Error,
    },
    /// A request body that could not be written as JSON.
    #[error("the request body could not be serialized: {source}")]
    Serialize {
        /// The serializer's own message, shared because a built request can be sent again.
        #[source]
        source: ::std::sync::Arc<serde_json::Error>,
    },
    /// A request that cannot be sent as built (an invalid header, a bad base URL).
    #[error("invalid request: {0}")]
    InvalidRequest(::std::string::String),
    /// Getting a token failed.
    #[error("authentication failed: {0}")]
    Auth(::std::string::String),
    /// A long-running operation ended without success.
    #[error("the long-running operation ended as `{status}`{}", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    OperationFailed {
        /// The monitor's final `status` (`failed`).
        status: ::std::string::String,
        /// The monitor's `error.message`, when it gives one.
        message: Option<::std::string::String>,
    },
}

/// `: cause: deeper cause`, for `Display`: the sources' own messages (reqwest's name the URL,
/// never a header, so no token shows).
fn cause_chain(
    source: Option<&(dyn ::std::error::Error + Send + Sync + 'static)>,
) -> ::std::string::String {
    let mut out = ::std::string::String::new();
    let mut next = source.map(|s| s as &(dyn ::std::error::Error + 'static));
    while let Some(e) = next {
        out.push_str(": ");
        out.push_str(&e.to_string());
        next = e.source();
    }
    out
}

impl Error {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Service(e) => Some(e.status),
            _ => None,
        }
    }

    /// The service error, when the service answered with one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn transport(
        message: impl Into<::std::string::String>,
        source: impl Into<::std::boxed::Box<dyn ::std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Transport {
            message: message.into(),
            source: Some(source.into()),
        }
    }
}

/// A non-success response, with Graph's error body read into fields where it has one.
#[derive(Clone, Debug)]
pub struct ServiceError {
    /// The HTTP status.
    pub status: http::StatusCode,
    /// Graph's error code (`Request_ResourceNotFound`).
    pub code: Option<::std::string::String>,
    /// Graph's human-readable message.
    pub message: Option<::std::string::String>,
    /// `innerError.request-id`, for support requests.
    pub request_id: Option<::std::string::String>,
    /// `innerError.client-request-id`.
    pub client_request_id: Option<::std::string::String>,
    /// `innerError.date`.
    pub date: Option<::std::string::String>,
    /// `error.details`.
    pub details: ::std::vec::Vec<ErrorDetail>,
    /// The start of the body when it was not a Graph error (an HTML page from a proxy).
    pub body_excerpt: Option<::std::string::String>,
}

/// One entry of `error.details`.
#[derive(Clone, Debug, Deserialize)]
pub struct ErrorDetail {
    /// The detail's code.
    #[serde(default)]
    pub code: Option<::std::string::String>,
    /// The detail's message.
    #[serde(default)]
    pub message: Option<::std::string::String>,
    /// The detail's target.
    #[serde(default)]
    pub target: Option<::std::string::String>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: Option<::std::string::String>,
    #[serde(default)]
    message: Option<::std::string::String>,
    #[serde(default, rename = "innerError", alias = "innererror")]
    inner_error: Option<InnerError>,
    #[serde(default)]
    details: ::std::vec::Vec<ErrorDetail>,
}

#[derive(Deserialize)]
struct InnerError {
    #[serde(default, rename = "request-id")]
    request_id: Option<::std::string::String>,
    #[serde(default, rename = "client-request-id")]
    client_request_id: Option<::std::string::String>,
    #[serde(default)]
    date: Option<::std::string::String>,
}

impl ServiceError {
    /// Reads a non-success response. Never fails: a body that is not Graph's error shape is kept
    /// as an excerpt.
    pub fn from_response(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let mut error = ServiceError {
            status,
            code: None,
            message: None,
            request_id: header("request-id"),
            client_request_id: header("client-request-id"),
            date: header("date"),
            details: ::std::vec::Vec::new(),
            body_excerpt: None,
        };
        match serde_json::from_slice::<ErrorEnvelope>(body) {
            Ok(envelope) => {
                let e = envelope.error;
                error.code = e.code;
                error.message = e.message;
                error.details = e.details;
                if let Some(inner) = e.inner_error {
                    error.request_id = inner.request_id.or(error.request_id);
                    error.client_request_id = inner.client_request_id.or(error.client_request_id);
                    error.date = inner.date.or(error.date);
                }
            }
            Err(_) if !body.is_empty() => {
                let text = ::std::string::String::from_utf8_lossy(body);
                let excerpt: ::std::string::String = text.chars().take(200).collect();
                error.body_excerpt = Some(excerpt);
            }
            Err(_) => {}
        }
        error
    }
}

impl ::std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "Graph returned {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request-id {id})")?;
        }
        if let Some(excerpt) = &self.body_excerpt {
            write!(f, "; body starts: {excerpt:?}")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for ServiceError {}
