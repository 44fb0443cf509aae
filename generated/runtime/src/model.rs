//! The serde plumbing every generated model shares.
//!
//! A model only says which JSON key goes to which field ([`Model::read_field`]); reading the
//! object, borrowing keys and keeping unknown properties is done here, once. Compared with
//! `#[derive(Deserialize)]` plus `#[serde(flatten)]` this is a fraction of the code per type,
//! which is most of what a crate of a thousand models spends its compile time on.

use ::std::collections::BTreeMap;
use ::std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

/// Sets a model's fields in one expression, the way to build a value outside the generated crate
/// (models are `#[non_exhaustive]`, so that the fields the pages add are minor releases, and so
/// cannot be written as literals there):
///
/// ```ignore
/// use graph_typed::{models, Nullable, With};
/// let patch = models::User::default().with(|u| {
///     u.job_title = "Engineer".into();
///     u.office_location = Nullable::Null;
/// });
/// ```
///
/// One blanket implementation for every model: a method per model (or a setter per field)
/// would be compiled with every generated crate, for nothing until a program calls it.
pub trait With: Model {
    /// Hands the value to `set`, then back.
    #[inline]
    fn with(mut self, set: impl FnOnce(&mut Self)) -> Self {
        set(&mut self);
        self
    }
}

impl<T: Model> With for T {}

/// A generated model: a JSON object with known properties and a map for the others.
pub trait Model: Default {
    /// Every property name the pages document for this type (its own and inherited), sorted.
    /// Only the tests generated from the examples use it: a documented name that ends up in
    /// `additional_properties` there is a fact of the pages the SDK lost (the `testing` feature
    /// notes them). Generated crates set it in their test builds only.
    const DOCUMENTED: &'static [&'static str] = &[];

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

/// Reads the next value into a field, and answers `true` (the key was the model's), the value
/// [`Model::read_field`] returns. Out of line and generic only in the input and the field's
/// type, so one copy serves every model with a field of that type.
#[inline(never)]
pub fn read_value<'de, A: MapAccess<'de>, F: serde::Deserialize<'de>>(
    map: &mut A,
    field: &mut F,
) -> Result<bool, A::Error> {
    *field = map.next_value()?;
    Ok(true)
}

/// `Serialize::serialize` of every model: `@odata.type` first, then each property that is not
/// absent, then the unknown ones. It keeps the first error and writes nothing after it, so a
/// model's code is one plain call per property, with no `?` for the compiler to check in each
/// of a thousand bodies.
pub struct ModelWriter<S: Serializer> {
    map: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> ModelWriter<S> {
    /// Opens the object and writes `@odata.type` when the model names one.
    pub fn new(serializer: S, odata_type: &Option<::std::string::String>) -> Self {
        let mut map = serializer.serialize_map(None);
        if let (Ok(open), Some(odata_type)) = (&mut map, odata_type) {
            if let Err(error) = open.serialize_entry("@odata.type", odata_type) {
                map = Err(error);
            }
        }
        Self { map }
    }

    /// Writes a property unless it is absent.
    #[inline]
    pub fn property<F: serde::Serialize>(&mut self, key: &'static str, value: &super::Nullable<F>) {
        if let Ok(map) = &mut self.map {
            if let Err(error) = write_property(map, key, value) {
                self.map = Err(error);
            }
        }
    }

    /// Writes the properties the model does not know and closes the object, or returns the
    /// first error.
    pub fn end(
        self,
        unknown: &BTreeMap<::std::string::String, serde_json::Value>,
    ) -> Result<S::Ok, S::Error> {
        let mut map = self.map?;
        serialize_unknown(&mut map, unknown)?;
        map.end()
    }
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
                #[cfg(any(test, feature = "testing"))]
                lost::note_if_documented::<T>(key.as_str());
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

/// Documented properties that a model read into `additional_properties` instead of a field, on
/// this thread (each test runs on its own).
#[cfg(any(test, feature = "testing"))]
pub(crate) mod lost {
    use ::std::cell::RefCell;

    ::std::thread_local! {
        static LOST: RefCell<::std::vec::Vec<::std::string::String>> = const { RefCell::new(::std::vec::Vec::new()) };
    }

    pub(crate) fn note_if_documented<T: super::Model>(key: &str) {
        if T::DOCUMENTED.binary_search(&key).is_ok() {
            let owner = ::std::any::type_name::<T>();
            LOST.with(|lost| lost.borrow_mut().push(format!("`{key}` of `{owner}`")));
        }
    }

    /// What was lost since the last call.
    pub(crate) fn take() -> ::std::vec::Vec<::std::string::String> {
        LOST.with(|lost| ::std::mem::take(&mut *lost.borrow_mut()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model whose pages document `kept` and `dropped`, but which reads only `kept`: the
    /// shape of a documented fact the generator lost.
    #[derive(Default)]
    struct Lossy {
        kept: Option<i64>,
        unknown: BTreeMap<::std::string::String, serde_json::Value>,
    }

    impl Model for Lossy {
        const DOCUMENTED: &'static [&'static str] = &["dropped", "kept"];

        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            if key != "kept" {
                return Ok(false);
            }
            read_value(map, &mut self.kept)
        }

        fn unknown_properties(
            &mut self,
        ) -> &mut BTreeMap<::std::string::String, serde_json::Value> {
            &mut self.unknown
        }
    }

    impl<'de> serde::Deserialize<'de> for Lossy {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_model(deserializer)
        }
    }

    #[test]
    fn a_documented_property_read_as_unknown_is_noted_and_fails_the_check() {
        let value: Lossy =
            serde_json::from_str(r#"{"kept": 1, "dropped": 2, "extra": 3}"#).unwrap();
        assert_eq!(value.kept, Some(1));
        assert_eq!(
            value.unknown.len(),
            2,
            "both are still kept for the round trip"
        );
        let lost = ::std::panic::catch_unwind(super::super::testing::assert_nothing_lost)
            .expect_err("a lost documented property fails the example test");
        let message = lost.downcast_ref::<::std::string::String>().unwrap();
        assert!(message.contains("`dropped` of"), "{message}");
        assert!(
            !message.contains("extra"),
            "undocumented names may be kept: {message}"
        );
        assert!(
            lost::take().is_empty(),
            "the check consumed what it reported"
        );
        let _: Lossy = serde_json::from_str(r#"{"kept": 1, "extra": 3}"#).unwrap();
        super::super::testing::assert_nothing_lost();
    }

    /// Written as a generated model writes itself.
    struct Written {
        odata_type: Option<::std::string::String>,
        first: super::super::Nullable<i64>,
        second: super::super::Nullable<::std::string::String>,
        unknown: BTreeMap<::std::string::String, serde_json::Value>,
    }

    impl serde::Serialize for Written {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = ModelWriter::new(serializer, &self.odata_type);
            map.property("first", &self.first);
            map.property("second", &self.second);
            map.end(&self.unknown)
        }
    }

    fn written(first: super::super::Nullable<i64>) -> Written {
        Written {
            odata_type: Some("#t".to_owned()),
            first,
            second: super::super::Nullable::Value("x".to_owned()),
            unknown: BTreeMap::from([("z".to_owned(), serde_json::json!(1))]),
        }
    }

    #[test]
    fn the_writer_puts_the_type_first_skips_absent_writes_null_and_the_unknown_last() {
        let absent = serde_json::to_string(&written(super::super::Nullable::Absent)).unwrap();
        assert_eq!(absent, r##"{"@odata.type":"#t","second":"x","z":1}"##);
        let null = serde_json::to_string(&written(super::super::Nullable::Null)).unwrap();
        assert_eq!(
            null,
            r##"{"@odata.type":"#t","first":null,"second":"x","z":1}"##
        );
    }

    /// Accepts `room` bytes, then fails every write.
    struct Full {
        room: usize,
    }

    impl ::std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> ::std::io::Result<usize> {
            if self.room == 0 {
                return Err(::std::io::Error::other("full"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> ::std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_anywhere_in_the_object_is_the_result() {
        let value = written(super::super::Nullable::Value(7));
        let whole = serde_json::to_vec(&value).unwrap().len();
        for room in 0..whole {
            let result = serde_json::to_writer(Full { room }, &value);
            assert!(
                result.is_err(),
                "{room} of {whole} bytes written, and no error"
            );
        }
        assert!(serde_json::to_writer(Full { room: whole }, &value).is_ok());
    }
}
