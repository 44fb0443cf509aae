//! Helpers for the tests generated from the documentation's examples. Compiled for the crate's
//! own tests, and for users' tests with the `testing` feature (its asserts panic, so it is never
//! part of a default build); not part of the stable API.

use bytes::Bytes;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use super::client::{BoxFuture, Client, Transport};
use super::error::Error;

/// A transport that refuses to send: for tests that only build requests.
#[derive(Clone, Copy, Debug)]
pub struct NoTransport;

impl Transport for NoTransport {
    fn send(
        &self,
        _: http::Request<::std::vec::Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, Error>> {
        ::std::boxed::Box::pin(async {
            Err(Error::InvalidRequest("this client sends nothing".into()))
        })
    }
}

/// A client for the public endpoint that performs no I/O.
pub fn offline_client() -> Client {
    Client::builder()
        .transport(NoTransport)
        .build()
        .expect("the default configuration is valid")
}

/// A response as a transport would hand it over.
pub fn response(status: u16, body: &str) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::copy_from_slice(body.as_bytes()));
    *response.status_mut() = http::StatusCode::from_u16(status).expect("a valid status code");
    response
}

/// The body an example request shows.
#[derive(Clone, Copy, Debug)]
pub enum ExpectedBody<'a> {
    /// No body.
    None,
    /// JSON, compared structurally.
    Json(&'a str),
    /// Raw bytes, compared exactly.
    Raw(&'a [u8]),
}

/// Checks a built request against an example from the docs: method, decoded path below the
/// version root, query pairs (order-insensitive) and body; and that its body, read from the
/// example, lost no documented property.
pub fn assert_request(
    request: &http::Request<::std::vec::Vec<u8>>,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    body: ExpectedBody<'_>,
) {
    assert_nothing_lost();
    assert_eq!(request.method().as_str(), method, "method");
    let uri = request.uri();
    let full = percent_decode_str(uri.path())
        .decode_utf8_lossy()
        .into_owned();
    // The version segment is the client's (a generated client starts from its pages' version).
    let below_version = full
        .strip_prefix('/')
        .and_then(|p| p.find('/').map(|at| &p[at..]))
        .unwrap_or_else(|| panic!("path {full} has no version segment"));
    // Graph matches path segments case-insensitively, and templates of one path differ in case
    // (`directoryAudits`, `directoryaudits`).
    assert!(
        below_version.eq_ignore_ascii_case(path),
        "path: the request has {below_version}, the example {path}"
    );
    let mut actual: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            (decode(k), decode(v))
        })
        .collect();
    let mut expected: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    actual.sort();
    expected.sort();
    assert_eq!(actual, expected, "query");
    match body {
        ExpectedBody::Json(expected) => {
            let expected: Value = serde_json::from_str(expected).expect("the example body is JSON");
            let actual: Value =
                serde_json::from_slice(request.body()).expect("the request body is JSON");
            if let Err(difference) = json_equivalent(&expected, &actual) {
                panic!("request body differs from the example: {difference}");
            }
        }
        ExpectedBody::Raw(expected) => {
            assert_eq!(request.body().as_slice(), expected, "request body")
        }
        ExpectedBody::None => assert!(
            request.body().is_empty(),
            "request has a body but the example has none"
        ),
    }
}

/// Fails when a property the pages document for a model was read into its
/// `additional_properties` instead of its field since the last check (on this thread).
pub fn assert_nothing_lost() {
    let lost = super::model::lost::take();
    assert!(
        lost.is_empty(),
        "documented properties were not read into their fields: {}",
        lost.join(", ")
    );
}

/// Serializes `value` and compares it with the JSON an example showed, after checking that every
/// documented property it read landed in its field.
pub fn assert_round_trip<T: serde::Serialize>(value: &T, expected: &str) {
    assert_round_trip_as(value, expected, &[]);
}

/// [`assert_round_trip`] where the numbers at `singles` (JSON paths: `$.value[0].radius`) are
/// `Edm.Single`, held as `f32`: they compare at `f32` precision, every other number as an
/// `f64`. A page that writes `4.666666666666667` for a `Single` sends and reads `4.6666665`.
pub fn assert_round_trip_as<T: serde::Serialize>(value: &T, expected: &str, singles: &[&str]) {
    assert_nothing_lost();
    let expected: Value = serde_json::from_str(expected).expect("the example body is JSON");
    let actual = serde_json::to_value(value).expect("a model serializes");
    if let Err(difference) = compare(&expected, &actual, "$", singles) {
        panic!("serialized value differs from the example: {difference}");
    }
}

/// Structural JSON equality where numbers compare by value and two strings that are both
/// date-times compare as instants (the docs write `-08:00` offsets and 7 fraction digits; a
/// re-serialized value may spell the same instant differently). Returns where they differ.
pub fn json_equivalent(expected: &Value, actual: &Value) -> Result<(), ::std::string::String> {
    compare(expected, actual, "$", &[])
}

fn same_number(e: &serde_json::Number, a: &serde_json::Number, single: bool) -> bool {
    match (e.as_f64(), a.as_f64()) {
        (Some(e), Some(a)) if single => e as f32 == a as f32,
        (e, a) => e == a,
    }
}

fn compare(
    expected: &Value,
    actual: &Value,
    at: &str,
    singles: &[&str],
) -> Result<(), ::std::string::String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let av = a.get(key).ok_or_else(|| format!("{at}.{key} is missing"))?;
                compare(ev, av, &format!("{at}.{key}"), singles)?;
            }
            match a.keys().find(|k| !e.contains_key(*k)) {
                Some(extra) => Err(format!("{at}.{extra} was not in the example")),
                None => Ok(()),
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{at} has {} items, the example {}",
                    a.len(),
                    e.len()
                ));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .try_for_each(|(i, (ev, av))| compare(ev, av, &format!("{at}[{i}]"), singles))
        }
        (Value::Number(e), Value::Number(a)) if same_number(e, a, singles.contains(&at)) => Ok(()),
        (Value::String(e), Value::String(a)) if e != a => {
            match (
                super::DateTimeOffset::parse(e),
                super::DateTimeOffset::parse(a),
            ) {
                (Ok(x), Ok(y)) if x.0 == y.0 => Ok(()),
                _ => Err(format!("{at}: {a:?} instead of {e:?}")),
            }
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("{at}: {actual} instead of {expected}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equivalence_is_strict_but_reads_dates_as_instants() {
        let a: Value =
            serde_json::json!({"a": [1, "2016-12-31T23:57:57.2481234-08:00"], "b": null});
        let b: Value = serde_json::json!({"a": [1.0, "2017-01-01T07:57:57.2481234Z"], "b": null});
        assert!(json_equivalent(&a, &b).is_ok());
        let c: Value = serde_json::json!({"a": [1, "x"], "b": null});
        assert!(json_equivalent(&a, &c).unwrap_err().contains("$.a[1]"));
        let d: Value = serde_json::json!({"a": [1, "2016-12-31T23:57:57.2481234-08:00"]});
        assert!(json_equivalent(&a, &d)
            .unwrap_err()
            .contains("$.b is missing"));
    }

    #[test]
    fn a_single_compares_as_an_f32_and_nothing_else_does() {
        let page: Value =
            serde_json::json!({"radius": 4.666666666666667, "ratio": 4.666666666666667});
        let held = 4.666_666_666_666_667_f64 as f32;
        let sent: Value = serde_json::json!({"radius": held, "ratio": held});
        assert!(compare(&page, &sent, "$", &["$.radius", "$.ratio"]).is_ok());
        let only_radius = compare(&page, &sent, "$", &["$.radius"]).unwrap_err();
        assert!(only_radius.starts_with("$.ratio"), "{only_radius}");
        let other: Value = serde_json::json!({"radius": 4.67, "ratio": held});
        assert!(compare(&page, &other, "$", &["$.radius", "$.ratio"]).is_err());
    }
}
