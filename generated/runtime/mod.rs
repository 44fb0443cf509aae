//! The hand-written part of the SDK: client, errors and the serde types that generated models use.
//! Generated crates carry a copy of this folder.

mod binary;
mod client;
mod datetime;
mod error;
mod nullable;
mod page;
mod request;
pub mod response;
mod retry;
pub mod testing;

pub use binary::Binary;
pub use client::{
    AccessToken, BoxFuture, Client, ClientBuilder, ReqwestTransport, StaticToken, TokenProvider,
    Transport, DEFAULT_BASE_URL,
};
pub use datetime::DateTimeOffset;
pub use error::{Error, ErrorDetail, ServiceError};
pub use nullable::Nullable;
pub use page::Page;
pub use request::{push_segment, push_value, RequestSpec};
pub use retry::{retry_after, RetryPolicy};

/// The API version the pages documented; requests go to `{base_url}/{API_VERSION}` by default.
pub use crate::API_VERSION;
