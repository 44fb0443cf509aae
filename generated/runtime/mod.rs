//! The hand-written part of the SDK: client, errors and the serde types that generated models use.
//! Generated crates carry a copy of this folder.

#[cfg(feature = "client-credentials")]
mod auth;
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
mod model;
mod nullable;
mod operation;
mod page;
mod paging;
mod reference;
mod request;
pub mod response;
pub use response::odata_type_of;
mod retry;
pub mod testing;

#[cfg(feature = "client-credentials")]
pub use auth::ClientCredentials;
pub use batch::{Batch, BatchItem, BatchResponse, MAX_BATCH_REQUESTS};
pub use binary::Binary;
pub use cast::{
    CastCount, CastCountRequest, CastList, CastListRequest, CastRequestBuilder, DerivedFrom,
};
pub use client::{
    AccessToken, BoxFuture, Client, ClientBuilder, ReqwestTransport, StaticToken, TokenProvider,
    Transport, DEFAULT_BASE_URL,
};
pub use datetime::DateTimeOffset;
pub use dispatch::{Dispatch, DispatchVisitor};
pub use edm::{Date, Duration, Guid, TimeOfDay};
pub use endpoint::{format, Endpoint, Format, Paged, Queryable, Request};
pub use error::{Error, ErrorDetail, ServiceError};
pub use model::{deserialize_model, read_value, serialize_unknown, write_property, Model};
pub use nullable::Nullable;
pub use operation::Operation;
pub use page::Page;
pub use paging::{parse_page, Collected, Pager};
pub use reference::Reference;
pub use request::{
    push_address, push_function, push_key_value, push_segment, push_value, AddressBase,
    FunctionArg, RequestSpec,
};
pub use retry::{retry_after, RetryPolicy};

/// The API version the pages documented; requests go to `{base_url}/{API_VERSION}` by default.
pub use crate::API_VERSION;
