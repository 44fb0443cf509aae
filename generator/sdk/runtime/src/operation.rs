//! What every generated request type is: something that builds an HTTP request and reads its
//! response. Batching and custom transports work through this trait.

use bytes::Bytes;

use super::error::Error;

/// A documented operation with its typed result.
pub trait Operation {
    /// What a success response reads as.
    type Output;

    /// The request as plain `http` types, without authentication.
    fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error>;

    /// Reads a response to this request.
    fn parse_response(response: http::Response<Bytes>) -> Result<Self::Output, Error>;
}
