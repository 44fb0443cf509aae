//! Reading a value typed as a base type into the derived type its `@odata.type` names.
//!
//! Graph writes `@odata.type` first in every object, so the fast path reads that key, picks the
//! type and reads the rest of the object straight into it; only an object that names its type
//! later (or not at all) is buffered first.

use ::std::marker::PhantomData;

use serde::de::{Error as _, MapAccess, Visitor};

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
