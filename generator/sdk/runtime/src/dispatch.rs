//! Reading a value typed as a base type into the derived type its `@odata.type` names.
//!
//! Graph writes `@odata.type` first in every object, so the fast path reads that key, picks the
//! type and reads the rest of the object straight into it; only an object that names its type
//! later (or not at all) is buffered first.

use ::std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};

/// Implemented by the generated `AnyX` enums.
pub trait Dispatch: Sized {
    /// The type named by `odata_type` (as sent, with or without `#`), read from the rest of the
    /// object.
    fn from_rest<'de, A: MapAccess<'de>>(odata_type: &str, rest: A) -> Result<Self, A::Error>;

    /// The whole object, when `@odata.type` was not its first key.
    fn from_object(object: serde_json::Value) -> Result<Self, serde_json::Error>;
}

/// The serde visitor behind every `AnyX`'s `Deserialize`.
pub struct DispatchVisitor<T>(PhantomData<fn() -> T>);

impl<T> DispatchVisitor<T> {
    /// A visitor for `T`.
    pub fn new() -> Self {
        DispatchVisitor(PhantomData)
    }
}

impl<T> Default for DispatchVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: Dispatch> Visitor<'de> for DispatchVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(first) = map.next_key::<::std::string::String>()? else {
            return T::from_object(serde_json::Value::Object(serde_json::Map::new()))
                .map_err(A::Error::custom);
        };
        if first == "@odata.type" {
            let named: ::std::string::String = map.next_value()?;
            return T::from_rest(&named, map);
        }
        let mut object = serde_json::Map::new();
        object.insert(first, map.next_value()?);
        while let Some((key, value)) =
            map.next_entry::<::std::string::String, serde_json::Value>()?
        {
            object.insert(key, value);
        }
        T::from_object(serde_json::Value::Object(object)).map_err(A::Error::custom)
    }
}

/// Reads the rest of an object whose `@odata.type` was read first into `T`, giving the type
/// back to it as its first key (so the model keeps it). One generic function, so an `AnyX` with
/// forty derived types has forty calls, not forty copies of the same lines.
pub fn read_derived<'de, T: serde::Deserialize<'de>, A: MapAccess<'de>>(
    odata_type: &str,
    rest: A,
) -> Result<T, A::Error> {
    T::deserialize(MapAccessDeserializer::new(Prepended {
        odata_type: Some(odata_type),
        key_read: false,
        rest,
    }))
}

/// `rest` with `"@odata.type": odata_type` in front.
struct Prepended<'a, A> {
    odata_type: Option<&'a str>,
    key_read: bool,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Prepended<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if self.odata_type.is_some() && !self.key_read {
            self.key_read = true;
            return seed
                .deserialize(StrDeserializer::<A::Error>::new("@odata.type"))
                .map(Some);
        }
        self.rest.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.odata_type.take() {
            // As a JSON value, which reads into `Option<String>` as well as into `String`.
            Some(odata_type) => seed
                .deserialize(serde_json::Value::String(odata_type.to_owned()))
                .map_err(A::Error::custom),
            None => self.rest.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.rest
            .size_hint()
            .map(|n| n + usize::from(self.odata_type.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::MapDeserializer;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    #[test]
    fn the_type_read_first_is_given_back_with_the_rest() {
        let rest = vec![("id".to_owned(), json!("1")), ("n".to_owned(), json!(2))];
        let rest = MapDeserializer::<_, serde_json::Error>::new(rest.into_iter());
        let read: Vec<(String, Value)> =
            read_derived::<BTreeMap<String, Value>, _>("#microsoft.graph.user", rest)
                .unwrap()
                .into_iter()
                .collect();
        assert_eq!(
            read,
            [
                ("@odata.type".to_owned(), json!("#microsoft.graph.user")),
                ("id".to_owned(), json!("1")),
                ("n".to_owned(), json!(2)),
            ]
        );
    }
}
