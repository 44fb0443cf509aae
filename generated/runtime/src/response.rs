//! Reading responses: success bodies into types, failures into [`Error::Service`].

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::error::{Error, ServiceError};

fn check_status(response: &http::Response<Bytes>) -> Result<(), Error> {
    if response.status().is_success() {
        Ok(())
    } else {
        Err(failure(response))
    }
}

/// A failure response as [`Error::Service`], Graph's error body read into fields.
pub fn failure(response: &http::Response<Bytes>) -> Error {
    Error::Service(::std::boxed::Box::new(ServiceError::from_response(
        response.status(),
        response.headers(),
        response.body(),
    )))
}

/// A success response's JSON body as `T`; a failure's body as a service error.
pub fn json<T: DeserializeOwned>(response: http::Response<Bytes>) -> Result<T, Error> {
    check_status(&response)?;
    from_json_slice(response.body())
}

/// A success response's body as `T`, or `None` when it has none (`204 No Content`): an update
/// may answer either way.
pub fn json_or_empty<T: DeserializeOwned>(
    response: http::Response<Bytes>,
) -> Result<Option<T>, Error> {
    check_status(&response)?;
    if response.body().iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    from_json_slice(response.body()).map(Some)
}

/// The `value` of a success response's `{"value": ...}`: how OData returns a single primitive
/// from a function or action.
pub fn value<T: DeserializeOwned>(response: http::Response<Bytes>) -> Result<T, Error> {
    check_status(&response)?;
    from_json_slice::<ValueOf<T>>(response.body()).map(|wrapped| wrapped.value)
}

/// A primitive returned by a function or action, as it travels.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValueOf<T> {
    /// `@odata.context`.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<::std::string::String>,
    /// The returned value.
    pub value: T,
}

/// Deserializes, with the JSON path of the failure in the error.
pub fn from_json_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body)
        .map_err(|source| deserialize_error(body, source, ::std::any::type_name::<T>()))
}

/// Not generic, so that it is compiled once.
fn deserialize_error(body: &[u8], source: serde_json::Error, type_name: &'static str) -> Error {
    Error::Deserialize {
        type_name,
        path: super::json_path::json_path_at(body, source.line(), source.column()),
        source,
    }
}

/// A success response whose body, if any, is ignored (`204 No Content`).
pub fn empty(response: http::Response<Bytes>) -> Result<(), Error> {
    check_status(&response)
}

/// A success response's raw bytes (`$value`, untyped bodies).
pub fn bytes(response: http::Response<Bytes>) -> Result<Bytes, Error> {
    check_status(&response)?;
    Ok(response.into_body())
}

/// `$count`: the body is a number as text.
pub fn count(response: http::Response<Bytes>) -> Result<i64, Error> {
    check_status(&response)?;
    let text = ::std::str::from_utf8(response.body())
        .unwrap_or_default()
        .trim();
    text.parse().map_err(|_| Error::Deserialize {
        type_name: "i64",
        path: ".".to_owned(),
        source: <serde_json::Error as serde::de::Error>::custom(format!("`{text}` is not a count")),
    })
}

/// The `@odata.type` of a JSON object, lower-cased and without `#` (`microsoft.graph.user`);
/// empty when there is none. Generated `AnyX` enums dispatch on it.
pub fn odata_type_of(value: &serde_json::Value) -> ::std::string::String {
    value
        .get("@odata.type")
        .and_then(serde_json::Value::as_str)
        .map(|t| t.trim_start_matches('#').to_ascii_lowercase())
        .unwrap_or_default()
}

/// The first `limit` bytes of a streamed body, the rest left unread: enough for an error body.
pub async fn collect_limited(
    mut body: super::client::ByteStream,
    limit: usize,
) -> Result<Bytes, Error> {
    use futures_util::StreamExt as _;
    let mut collected = ::std::vec::Vec::new();
    while collected.len() < limit {
        match body.next().await {
            Some(chunk) => collected.extend_from_slice(&chunk?),
            None => break,
        }
    }
    collected.truncate(limit);
    Ok(Bytes::from(collected))
}
