//! The body of `POST .../$ref`: a reference to another object by its URL.

use serde::{Deserialize, Serialize};

/// `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The URL of the object to reference.
    #[serde(rename = "@odata.id")]
    pub odata_id: ::std::string::String,
    /// Anything else sent along.
    #[serde(flatten)]
    pub additional_properties:
        ::std::collections::BTreeMap<::std::string::String, serde_json::Value>,
}

impl Reference {
    /// A reference to `url`.
    pub fn new(url: impl Into<::std::string::String>) -> Self {
        Reference {
            odata_id: url.into(),
            additional_properties: ::std::collections::BTreeMap::new(),
        }
    }
}
