//! The hand-written part of the SDK: client, errors and the serde types that generated models use.
//! Generated crates carry a copy of this folder. What only generated code calls (path building,
//! model reading and writing, response parsing) is public but hidden from the docs: it is not
//! part of the API users build on.

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
mod error;
mod json_path;
mod long_running;
mod model;
mod nullable;
mod operation;
mod page;
mod paging;
mod permissions;
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
pub use dispatch::DispatchVisitor;
pub use edm::{Date, Duration, Guid, TimeOfDay};
#[doc(hidden)]
pub use endpoint::{format, Format};
pub use endpoint::{Endpoint, Paged, Queryable, Request};
pub use error::{Error, ErrorDetail, ServiceError};
pub use long_running::{Monitor, OperationState, OperationStatus, Started};
pub use model::Model;
#[doc(hidden)]
pub use model::{deserialize_model, read_value, serialize_unknown, write_property};
pub use nullable::Nullable;
pub use operation::Operation;
pub use page::Page;
#[doc(hidden)]
pub use paging::parse_page;
pub use paging::{Collected, Pager};
pub use permissions::{least_privileged, PermissionKind, PermissionSet, Permissions};
pub use query::{Descending, Field, NoField, OrderName, SelectName};
pub use reference::Reference;
#[doc(hidden)]
pub use request::{
    push_address, push_function, push_key_value, push_segment, push_value, AddressBase,
    FunctionArg, RequestSpec,
};
pub use retry::{retry_after, RetryPolicy};
pub use upload::{LargeFileUpload, UploadProgress, Uploaded, MAX_UPLOAD_CHUNK, UPLOAD_CHUNK_UNIT};

/// The API version the pages documented; requests go to `{base_url}/{API_VERSION}` by default.
pub use crate::API_VERSION;
