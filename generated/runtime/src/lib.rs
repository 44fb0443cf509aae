//! The hand-written part of the typed Graph SDKs: client, errors and the serde types that
//! generated models use. Each generated crate depends on this crate by version and re-exports
//! it as its `runtime` module, so the runtime is compiled once and not again with every crate's
//! models. What only generated code calls (path building, model
//! reading and writing, response parsing) is public but hidden from the docs: it is not part of
//! the API users build on.
// Warnings are denied by CI's flags, not here: a new lint in a later Rust must not break the
// builds of crates that depend on this one.
#![warn(missing_docs)]

#[cfg(feature = "client-credentials")]
mod auth;
#[cfg(feature = "azure-identity")]
mod azure;
mod batch;
mod binary;
mod cast;
mod client;
mod datetime;
mod dispatch;
mod edm;
mod endpoint;
mod enums;
mod error;
mod json_path;
mod long_running;
mod model;
mod nullable;
mod operation;
mod page;
mod paging;
use graph_typed_permissions as permissions;
mod query;
mod reference;
mod request;
#[doc(hidden)]
pub mod response;
#[doc(hidden)]
pub use response::odata_type_of;
mod retry;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod upload;

#[cfg(feature = "client-credentials")]
pub use auth::ClientCredentials;
#[cfg(feature = "azure-identity")]
pub use azure::{AzureCredential, GRAPH_DEFAULT_SCOPE};
/// The `azure_core` that [`AzureCredential`] takes credentials of, to name its traits in the
/// version this crate was built with.
#[cfg(feature = "azure-identity")]
pub use azure_core;
pub use batch::{Batch, BatchItem, BatchResponse, MAX_BATCH_REQUESTS};
pub use binary::Binary;
pub use cast::{
    CastCount, CastCountRequest, CastList, CastListRequest, CastRequestBuilder, DerivedFrom,
};
pub use client::{
    AccessToken, BoxFuture, ByteStream, Client, ClientBuilder, ReqwestTransport, StaticToken,
    TokenProvider, Transport, DEFAULT_BASE_URL,
};
pub use datetime::DateTimeOffset;
pub use dispatch::Dispatch;
#[doc(hidden)]
pub use dispatch::{read_derived, DispatchVisitor};
pub use edm::{Date, Duration, Guid, TimeOfDay};
#[doc(hidden)]
pub use endpoint::{format, Format};
pub use endpoint::{Endpoint, Paged, Queryable, Request};

pub use enums::{join_flags, split_flags, UNKNOWN_FUTURE_VALUE};
pub use error::{Error, ErrorDetail, ServiceError};
pub use long_running::{Monitor, OperationState, OperationStatus, Started};
#[doc(hidden)]
pub use model::{deserialize_model, read_value, serialize_unknown, write_property, ModelWriter};
pub use model::{Model, With};
pub use nullable::Nullable;
pub use operation::Operation;
pub use page::Page;
#[doc(hidden)]
pub use paging::parse_page;
pub use paging::{Collected, Pager};
pub use permissions::{
    least_privileged, least_privileged_in, PermissionKind, PermissionSet, Permissions, Scenario,
};
pub use query::{Descending, Field, NoField, OrderName, SelectName};
pub use reference::Reference;
#[doc(hidden)]
pub use request::{
    push_address, push_function, push_key_value, push_segment, push_value, AddressBase,
    FunctionArg, RequestSpec,
};
pub use retry::{retry_after, RetryPolicy};
pub use upload::{LargeFileUpload, UploadProgress, Uploaded, MAX_UPLOAD_CHUNK, UPLOAD_CHUNK_UNIT};

/// The API version a [`ClientBuilder`] starts from; a generated crate's client starts from the
/// version of its pages instead. Requests go to `{base_url}/{version}`.
pub const API_VERSION: &str = "v1.0";

/// Includes, at a crate's root, the SDK its build script generated with `graphgen::Builder`:
/// the models, the request builders, the client and this runtime as `runtime`.
///
/// ```ignore
/// // build.rs: graphgen::Builder::new("docs/api-reference/v1.0").generate().unwrap();
/// // lib.rs:
/// graph_typed_runtime::include_sdk!();
/// ```
///
/// The crate depends on `graph-typed-runtime`, `serde`, `serde_json`, `http` and `bytes`, which
/// the generated code names.
#[macro_export]
macro_rules! include_sdk {
    () => {
        include!(concat!(env!("OUT_DIR"), "/sdk.rs"));
    };
}
