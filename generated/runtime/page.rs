//! One page of a collection, as Graph returns it.

use serde::{Deserialize, Serialize};

/// Items of a collection with the links to the rest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// `@odata.context`.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<::std::string::String>,
    /// `@odata.count`, when `$count=true` was asked for.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// The URL of the next page; `None` on the last page.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<::std::string::String>,
    /// The URL to call for later changes, on the last page of a delta query.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<::std::string::String>,
    /// The items.
    #[serde(default = "::std::vec::Vec::new")]
    pub value: ::std::vec::Vec<T>,
    /// Anything else the service sent.
    #[serde(flatten)]
    pub additional_properties:
        ::std::collections::BTreeMap<::std::string::String, serde_json::Value>,
}
