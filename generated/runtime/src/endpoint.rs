//! One request type for every operation: [`Request<E>`], where `E` is a marker type the generator
//! writes per documented operation and that says what the operation returns ([`Endpoint`]),
//! whether it takes OData query options ([`Queryable`]) and whether it pages ([`Paged`]).
//!
//! Every method is written once, here, and is compiled only for the operations a program calls:
//! two thousand operations cost two thousand marker types, not two thousand copies of `send`.

use ::std::marker::PhantomData;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::client::ByteStream;
use super::error::Error;
use super::long_running::{Monitor, Started};
use super::paging::Pager;
use super::query::{Field, OrderName, SelectName};
use super::request::RequestSpec;
use super::retry::RetryPolicy;
use graph_typed_permissions::Permissions;

/// A documented operation: what its success response reads as.
pub trait Endpoint {
    /// The typed result.
    type Output;
    /// How the response body becomes the output.
    type Format: Format<Self::Output>;
    /// The documented path templates, for traces: `/users/{user-id}/messages`.
    const PATHS: &'static [&'static str] = &[];
    /// The permissions the operation's page states for every one of its paths.
    const PERMISSIONS: Permissions = Permissions::UNDOCUMENTED;
    /// Where the page gives a table per group of paths (`Permissions for chat`): the
    /// permissions on each path template so stated.
    const PATH_PERMISSIONS: &'static [(&'static str, Permissions)] = &[];
}

/// An operation that accepts the OData system query options (`$select`, `$filter`, ...).
pub trait Queryable: Endpoint {
    /// The documented properties of what it returns, for `$select`, `$expand` and `$orderby`.
    type Field: Field;
}

/// An operation that returns a collection of `Item`, one page at a time.
pub trait Paged: Endpoint {
    /// The collection's item type.
    type Item;
}

/// How a success response body is read.
pub trait Format<T> {
    /// Reads a response; a failure status becomes [`Error::Service`].
    fn read(response: http::Response<Bytes>) -> Result<T, Error>;
}

/// How response bodies are read, one marker per kind of body.
pub mod format {
    use super::*;
    use crate::response;

    /// A JSON body of the output type.
    #[derive(Debug)]
    pub enum Json {}
    /// No body (`204 No Content`).
    #[derive(Debug)]
    pub enum Empty {}
    /// The raw bytes (`$value`, downloads).
    #[derive(Debug)]
    pub enum Raw {}
    /// A number as text (`$count`).
    #[derive(Debug)]
    pub enum Count {}
    /// A primitive in OData's `{"value": ...}`.
    #[derive(Debug)]
    pub enum Value {}
    /// A JSON body, or none (an update answering `204`).
    #[derive(Debug)]
    pub enum JsonOrEmpty {}

    impl<T: DeserializeOwned> Format<T> for Json {
        fn read(r: http::Response<Bytes>) -> Result<T, Error> {
            response::json(r)
        }
    }
    impl Format<()> for Empty {
        fn read(r: http::Response<Bytes>) -> Result<(), Error> {
            response::empty(r)
        }
    }
    impl Format<Bytes> for Raw {
        fn read(r: http::Response<Bytes>) -> Result<Bytes, Error> {
            response::bytes(r)
        }
    }
    impl Format<i64> for Count {
        fn read(r: http::Response<Bytes>) -> Result<i64, Error> {
            response::count(r)
        }
    }
    impl<T: DeserializeOwned> Format<T> for Value {
        fn read(r: http::Response<Bytes>) -> Result<T, Error> {
            response::value(r)
        }
    }
    impl<T: DeserializeOwned> Format<Option<T>> for JsonOrEmpty {
        fn read(r: http::Response<Bytes>) -> Result<Option<T>, Error> {
            response::json_or_empty(r)
        }
    }
}

/// A request for the operation `E`, ready to send or to turn into an `http::Request`.
#[must_use = "a request does nothing until it is sent"]
pub struct Request<E> {
    spec: RequestSpec,
    endpoint: PhantomData<fn() -> E>,
}

impl<E> Clone for Request<E> {
    fn clone(&self) -> Self {
        Request {
            spec: self.spec.clone(),
            endpoint: PhantomData,
        }
    }
}

impl<E> ::std::fmt::Debug for Request<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &::std::any::type_name::<E>())
            .field("spec", &self.spec)
            .finish()
    }
}

impl<E: Endpoint> Request<E> {
    /// The permissions the operation's page states, least to most privileged per kind.
    pub const PERMISSIONS: Permissions = E::PERMISSIONS;

    /// The documented path templates of the operation.
    pub const PATHS: &'static [&'static str] = E::PATHS;

    /// The permissions that allow this request: those its page states for the path it was
    /// built from where the page gives them per path, else [`Request::PERMISSIONS`].
    pub fn permissions(&self) -> Permissions {
        let template = self.spec.template();
        E::PATH_PERMISSIONS
            .iter()
            .find(|(path, _)| Some(*path) == template)
            .map_or(E::PERMISSIONS, |(_, permissions)| *permissions)
    }

    /// A request from its parts; the builders call this.
    pub fn new(spec: RequestSpec) -> Self {
        Request {
            spec: spec.with_templates(E::PATHS),
            endpoint: PhantomData,
        }
    }

    fn with(self, change: impl FnOnce(RequestSpec) -> RequestSpec) -> Self {
        Request::new(change(self.spec))
    }

    /// Adds a header to this request only (`ConsistencyLevel: eventual`, `Prefer: ...`).
    pub fn header(
        self,
        name: impl Into<::std::string::String>,
        value: impl Into<::std::string::String>,
    ) -> Self {
        self.with(|s| s.header(name, value))
    }

    /// Sets a query parameter that has no typed setter.
    pub fn query(self, name: &str, value: impl Into<::std::string::String>) -> Self {
        self.with(|s| s.query(name, value))
    }

    /// Asks the service for the enum values it added after the `unknownFutureValue` sentinel
    /// (`Prefer: include-unknown-enum-members`). Without it the service sends the sentinel in
    /// their place, which an enum reads as its `UnknownFutureValue` variant when its page lists
    /// the sentinel and as `Unrecognized("unknownFutureValue")` otherwise: compare
    /// `as_str()` with [`UNKNOWN_FUTURE_VALUE`](crate::UNKNOWN_FUTURE_VALUE) to cover both.
    pub fn include_unknown_enum_members(self) -> Self {
        self.header("Prefer", "include-unknown-enum-members")
    }

    /// Retries this request by `policy` instead of the client's policy.
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        self.with(|s| s.retry_policy(policy))
    }

    /// The request as plain `http` types, without authentication; nothing is sent.
    pub fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        self.spec.to_http_request()
    }

    /// Reads a response to this request, however it was sent.
    pub fn parse_response(response: http::Response<Bytes>) -> Result<E::Output, Error> {
        E::Format::read(response)
    }

    /// Sends the request through the client and reads the typed result.
    pub async fn send(self) -> Result<E::Output, Error> {
        let response = self.spec.send().await?;
        Self::parse_response(response)
    }

    /// Sends a request that the service may run long (`202 Accepted` with a `Location`): its
    /// result when the service finished at once, or a [`Monitor`] to await.
    pub async fn start(self) -> Result<Started<E::Output>, Error> {
        let client = self.spec.client().clone();
        let response = self.spec.send().await?;
        match Monitor::from_response(&client, &response) {
            Some(monitor) => Ok(Started::Accepted(monitor)),
            None => Self::parse_response(response).map(Started::Done),
        }
    }
}

impl<E: Queryable> Request<E> {
    /// `$select`: return only these properties, named by the result's field enum
    /// (`[UserField::Id, UserField::DisplayName]`, checked by the compiler) or as strings.
    pub fn select<I>(self, properties: I) -> Self
    where
        I: IntoIterator,
        I::Item: SelectName<E::Field>,
    {
        let names: ::std::vec::Vec<_> = properties.into_iter().collect();
        self.with(|s| s.query_list("$select", names.iter().map(|n| n.query_text())))
    }

    /// `$expand`: include these related resources, named as for [`Request::select`].
    pub fn expand<I>(self, relationships: I) -> Self
    where
        I: IntoIterator,
        I::Item: SelectName<E::Field>,
    {
        let names: ::std::vec::Vec<_> = relationships.into_iter().collect();
        self.with(|s| s.query_list("$expand", names.iter().map(|n| n.query_text())))
    }

    /// `$filter`: an OData filter expression.
    pub fn filter(self, expression: impl Into<::std::string::String>) -> Self {
        self.with(|s| s.query("$filter", expression))
    }

    /// `$orderby`: sort by these properties, as fields (`UserField::DisplayName.desc()`) or
    /// strings (`"displayName desc"`).
    pub fn orderby<I>(self, properties: I) -> Self
    where
        I: IntoIterator,
        I::Item: OrderName<E::Field>,
    {
        let names: ::std::vec::Vec<_> = properties.into_iter().collect();
        self.with(|s| s.query_list("$orderby", names.iter().map(|n| n.query_text())))
    }

    /// `$top`: at most this many items in a page.
    pub fn top(self, count: u32) -> Self {
        self.with(|s| s.query_number("$top", count))
    }

    /// `$skip`: skip this many items.
    pub fn skip(self, count: u32) -> Self {
        self.with(|s| s.query_number("$skip", count))
    }

    /// `$count`: include the total number of items.
    pub fn count(self, include: bool) -> Self {
        self.with(|s| s.query_flag("$count", include))
    }

    /// `$search`: a search expression.
    pub fn search(self, expression: impl Into<::std::string::String>) -> Self {
        self.with(|s| s.query("$search", expression))
    }
}

impl<E: Endpoint<Format = format::Raw>> Request<E> {
    /// Sends the request and hands back the body as it arrives (`$value`, `content`, reports),
    /// never whole in memory. A failure status is read (it is small) into [`Error::Service`].
    pub async fn stream(self) -> Result<ByteStream, Error> {
        let response = self.spec.send_streaming().await?;
        if response.status().is_success() {
            return Ok(response.into_body());
        }
        let (parts, body) = response.into_parts();
        let bytes = super::response::collect_limited(body, 64 * 1024).await?;
        Err(super::response::failure(&http::Response::from_parts(
            parts, bytes,
        )))
    }
}

impl<E: Paged> Request<E>
where
    E::Item: DeserializeOwned,
{
    /// Every page of the collection, following `@odata.nextLink` only as pages are read; for a
    /// delta query the last page's `@odata.deltaLink` is handed back.
    pub fn pages(self) -> Pager<E::Item> {
        Pager::new(self.spec)
    }
}

impl<E: Endpoint> super::Operation for Request<E> {
    type Output = E::Output;

    fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        self.spec.to_http_request()
    }

    fn parse_response(response: http::Response<Bytes>) -> Result<E::Output, Error> {
        E::Format::read(response)
    }
}
