//! One page of a collection, as Graph returns it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Items of a collection with the links to the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// `@odata.context`.
    pub context: Option<::std::string::String>,
    /// `@odata.count`, when `$count=true` was asked for.
    pub count: Option<i64>,
    /// The URL of the next page; `None` on the last page.
    pub next_link: Option<::std::string::String>,
    /// The URL to call for later changes, on the last page of a delta query.
    pub delta_link: Option<::std::string::String>,
    /// The items.
    pub value: ::std::vec::Vec<T>,
    /// Anything else the service sent.
    pub additional_properties:
        ::std::collections::BTreeMap<::std::string::String, serde_json::Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            context: None,
            count: None,
            next_link: None,
            delta_link: None,
            value: ::std::vec::Vec::new(),
            additional_properties: ::std::collections::BTreeMap::new(),
        }
    }
}

// By hand through `Model`, as generated models are: the derive with `flatten` was the largest
// single piece of code in a generated crate, one copy per item type.
impl<T: DeserializeOwned> super::Model for Page<T> {
    fn read_field<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "@odata.context" => self.context = map.next_value()?,
            "@odata.count" => self.count = map.next_value()?,
            "@odata.nextLink" => self.next_link = map.next_value()?,
            "@odata.deltaLink" => self.delta_link = map.next_value()?,
            "value" => self.value = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn unknown_properties(
        &mut self,
    ) -> &mut ::std::collections::BTreeMap<::std::string::String, serde_json::Value> {
        &mut self.additional_properties
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize_model(deserializer)
    }
}

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.context {
            map.serialize_entry("@odata.context", context)?;
        }
        if let Some(count) = &self.count {
            map.serialize_entry("@odata.count", count)?;
        }
        if let Some(next) = &self.next_link {
            map.serialize_entry("@odata.nextLink", next)?;
        }
        if let Some(delta) = &self.delta_link {
            map.serialize_entry("@odata.deltaLink", delta)?;
        }
        map.serialize_entry("value", &self.value)?;
        super::serialize_unknown(&mut map, &self.additional_properties)?;
        map.end()
    }
}
