//! `Edm.DateTimeOffset`: an instant with its offset, as Graph writes it (up to 7 fraction digits).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A date and time with a UTC offset. Parses RFC 3339 with any number of fraction digits; a value
/// without an offset (which Graph sometimes sends) is read as UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTimeOffset(pub OffsetDateTime);

impl DateTimeOffset {
    /// Parses the text forms Graph uses.
    pub fn parse(text: &str) -> Result<Self, time::error::Parse> {
        let text = text.trim();
        match OffsetDateTime::parse(text, &Rfc3339) {
            Ok(v) => Ok(DateTimeOffset(v)),
            Err(first) => {
                if has_offset(text) {
                    return Err(first);
                }
                OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339)
                    .map(DateTimeOffset)
                    .map_err(|_| first)
            }
        }
    }
}

fn has_offset(text: &str) -> bool {
    let time_part = text.split_once(['T', 't']).map_or("", |(_, t)| t);
    time_part.ends_with(['Z', 'z']) || time_part.contains(['+', '-'])
}

impl From<OffsetDateTime> for DateTimeOffset {
    fn from(value: OffsetDateTime) -> Self {
        DateTimeOffset(value)
    }
}

impl ::std::str::FromStr for DateTimeOffset {
    type Err = time::error::Parse;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTimeOffset::parse(s)
    }
}

impl ::std::fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(s) => f.write_str(&s),
            Err(_) => Err(::std::fmt::Error),
        }
    }
}

impl Serialize for DateTimeOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.0.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        DateTimeOffset::parse(&text).map_err(serde::de::Error::custom)
    }
}
