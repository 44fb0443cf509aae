//! `Edm.Binary`: bytes, base64 on the wire.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Raw bytes, written as standard padded base64 and read from any common base64 alphabet.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(pub ::std::vec::Vec<u8>);

impl Binary {
    /// Decodes base64 text, accepting the standard and URL-safe alphabets, with or without padding.
    pub fn from_base64(text: &str) -> Result<Self, base64::DecodeError> {
        let text = text.trim();
        STANDARD
            .decode(text)
            .or_else(|_| STANDARD_NO_PAD.decode(text))
            .or_else(|_| URL_SAFE.decode(text))
            .or_else(|_| URL_SAFE_NO_PAD.decode(text))
            .map(Binary)
    }

    /// The bytes as standard padded base64.
    pub fn to_base64(&self) -> ::std::string::String {
        STANDARD.encode(&self.0)
    }
}

impl ::std::fmt::Debug for Binary {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "Binary({} bytes)", self.0.len())
    }
}

impl From<::std::vec::Vec<u8>> for Binary {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Binary(bytes.to_vec())
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Binary::from_base64(&text).map_err(serde::de::Error::custom)
    }
}
