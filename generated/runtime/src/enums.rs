//! What every generated value enum shares: the service's sentinel for values a client may not
//! know, and the text of flags enums, whose values combine (`"a,b"`).

/// The value Graph's evolvable enums send in place of members a client may not know (members the
/// service added after this one in its metadata), unless the request asks for them with
/// [`Request::include_unknown_enum_members`](crate::Request::include_unknown_enum_members).
/// Every value enum reads it, listed or not: as the variant `UnknownFutureValue` where the page
/// lists it, else as `Unrecognized` with this text. The SDK sends it only where a caller sets it.
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

/// The members of a flags value (`"red,green"`, which an enum reads as one unrecognized value):
/// each comma-separated part, read as the enum reads one value. `graphgen check --metadata`
/// names the enums the service marks as flags (`metadata-flags-enum`).
pub fn split_flags<E>(value: &E) -> ::std::vec::Vec<E>
where
    E: ::std::fmt::Display + for<'a> ::std::convert::From<&'a str>,
{
    value
        .to_string()
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(E::from)
        .collect()
}

/// One flags value from its members, as the service writes it (`"red,green"`).
pub fn join_flags<E>(members: &[E]) -> E
where
    E: ::std::fmt::Display + for<'a> ::std::convert::From<&'a str>,
{
    let text: ::std::vec::Vec<::std::string::String> =
        members.iter().map(|m| m.to_string()).collect();
    E::from(text.join(",").as_str())
}
