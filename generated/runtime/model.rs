//! The serde plumbing every generated model shares.
//!
//! A model only says which JSON key goes to which field ([`Model::read_field`]); reading the
//! object, borrowing keys and keeping unknown properties is done here, once. Compared with
//! `#[derive(Deserialize)]` plus `#[serde(flatten)]` this is a fraction of the code per type,
//! which is most of what a crate of a thousand models spends its compile time on.

use ::std::collections::BTreeMap;
use ::std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;

/// A generated model: a JSON object with known properties and a map for the others.
pub trait Model: Default {
    /// Reads the value of `key` into its field; `false` when the model has no such property (the
    /// value is then still unread).
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// The properties this SDK does not know, kept to be written back.
    fn unknown_properties(&mut self) -> &mut BTreeMap<::std::string::String, serde_json::Value>;
}

/// `Deserialize::deserialize` of every model.
pub fn deserialize_model<'de, T: Model, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ModelVisitor(PhantomData))
}

/// Reads the next value into a field. Out of line and generic only in the input and the field's
/// type, so one copy serves every model with a field of that type.
#[inline(never)]
pub fn read_value<'de, A: MapAccess<'de>, F: serde::Deserialize<'de>>(
    map: &mut A,
    field: &mut F,
) -> Result<(), A::Error> {
    *field = map.next_value()?;
    Ok(())
}

/// Writes a property unless it is absent (the same sharing as [`read_value`]).
#[inline(never)]
pub fn write_property<M: SerializeMap, F: serde::Serialize>(
    map: &mut M,
    key: &'static str,
    value: &super::Nullable<F>,
) -> Result<(), M::Error> {
    if value.is_absent() {
        return Ok(());
    }
    map.serialize_entry(key, value)
}

/// Writes the properties a model does not know after its own.
pub fn serialize_unknown<M: SerializeMap>(
    map: &mut M,
    unknown: &BTreeMap<::std::string::String, serde_json::Value>,
) -> Result<(), M::Error> {
    for (key, value) in unknown {
        map.serialize_entry(key, value)?;
    }
    Ok(())
}

struct ModelVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Model> Visitor<'de> for ModelVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut model = T::default();
        while let Some(key) = next_key(&mut map)? {
            if !model.read_field(key.as_str(), &mut map)? {
                keep_unknown(&mut map, key, model.unknown_properties())?;
            }
        }
        Ok(model)
    }
}

// Generic in the input only: shared by every model.
#[inline(never)]
fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Key<'de>>, A::Error> {
    map.next_key()
}

#[inline(never)]
fn keep_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: Key<'de>,
    unknown: &mut BTreeMap<::std::string::String, serde_json::Value>,
) -> Result<(), A::Error> {
    let value: serde_json::Value = map.next_value()?;
    unknown.insert(key.into_owned(), value);
    Ok(())
}

/// An object key, borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(::std::string::String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    fn into_owned(self) -> ::std::string::String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a property name")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }

            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }

            fn visit_string<E>(self, v: ::std::string::String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}
