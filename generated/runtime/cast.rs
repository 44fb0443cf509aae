//! OData casts on collections: `/groups/{id}/members/microsoft.graph.user` lists only the users.
//! One generic builder serves every collection of a base type, instead of one generated type per
//! (collection, derived type) pair.

use ::std::marker::PhantomData;

use bytes::Bytes;

use super::client::Client;
use super::error::Error;
use super::page::Page;
use super::paging::Pager;
use super::request::{push_segment, RequestSpec};
use super::retry::RetryPolicy;

/// A type derived from `Base`, which a collection of `Base` can be cast to.
pub trait DerivedFrom<Base>: serde::de::DeserializeOwned {
    /// The qualified name the cast segment uses: `microsoft.graph.user`.
    const ODATA_TYPE: &'static str;
}

/// Requests on a collection cast to `T`: `…/microsoft.graph.user`.
#[derive(Clone, Debug)]
pub struct CastRequestBuilder<T> {
    client: Client,
    path: ::std::string::String,
    item: PhantomData<fn() -> T>,
}

impl<T> CastRequestBuilder<T> {
    /// The cast of the collection at `path` (already encoded) to `T`.
    pub fn new<Base>(client: Client, path: &str) -> Self
    where
        T: DerivedFrom<Base>,
    {
        CastRequestBuilder {
            client,
            path: push_segment(path, T::ODATA_TYPE),
            item: PhantomData,
        }
    }

    /// `GET`: the items of the collection that are `T`s.
    pub fn list(&self) -> CastListRequest<T> {
        CastListRequest {
            spec: RequestSpec::at(&self.client, http::Method::GET, &self.path),
            item: PhantomData,
        }
    }

    /// `GET …/$count`: how many items of the collection are `T`s. Requires the
    /// `ConsistencyLevel: eventual` header on directory objects.
    pub fn count(&self) -> CastCountRequest {
        CastCountRequest {
            spec: RequestSpec::new(
                &self.client,
                http::Method::GET,
                push_segment(&self.path, "$count"),
            ),
        }
    }
}

/// Lists the items of a collection that are `T`s.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct CastListRequest<T> {
    spec: RequestSpec,
    item: PhantomData<fn() -> T>,
}

/// Counts the items of a collection that are of one derived type.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct CastCountRequest {
    spec: RequestSpec,
}

impl<T: serde::de::DeserializeOwned> CastListRequest<T> {
    fn with(self, change: impl FnOnce(RequestSpec) -> RequestSpec) -> Self {
        CastListRequest {
            spec: change(self.spec),
            item: PhantomData,
        }
    }

    /// Adds a header to this request only (`ConsistencyLevel: eventual`).
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

    /// `$select`: return only these properties.
    pub fn select<I, S>(self, properties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.with(|s| s.query_list("$select", properties))
    }

    /// `$expand`: include these related resources.
    pub fn expand<I, S>(self, relationships: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.with(|s| s.query_list("$expand", relationships))
    }

    /// `$skip`: skip this many items.
    pub fn skip(self, count: u32) -> Self {
        self.with(|s| s.query_number("$skip", count))
    }

    /// `$filter`: an OData filter expression.
    pub fn filter(self, expression: impl Into<::std::string::String>) -> Self {
        self.with(|s| s.query("$filter", expression))
    }

    /// `$orderby`: sort by these properties (`displayName desc`).
    pub fn orderby<I, S>(self, properties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.with(|s| s.query_list("$orderby", properties))
    }

    /// `$top`: at most this many items in a page.
    pub fn top(self, count: u32) -> Self {
        self.with(|s| s.query_number("$top", count))
    }

    /// `$count`: include the total number of items.
    pub fn count(self, include: bool) -> Self {
        self.with(|s| s.query_flag("$count", include))
    }

    /// `$search`: a search expression.
    pub fn search(self, expression: impl Into<::std::string::String>) -> Self {
        self.with(|s| s.query("$search", expression))
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
    pub fn parse_response(response: http::Response<Bytes>) -> Result<Page<T>, Error> {
        super::response::json(response)
    }

    /// Sends the request and reads the first page.
    pub async fn send(self) -> Result<Page<T>, Error> {
        let response = self.spec.send().await?;
        Self::parse_response(response)
    }

    /// Every page, following `@odata.nextLink` only as pages are read.
    pub fn pages(self) -> Pager<T> {
        Pager::new(self.spec)
    }
}

impl<T: serde::de::DeserializeOwned> super::Operation for CastListRequest<T> {
    type Output = Page<T>;

    fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        self.spec.to_http_request()
    }

    fn parse_response(response: http::Response<Bytes>) -> Result<Page<T>, Error> {
        super::response::json(response)
    }
}

impl CastCountRequest {
    /// Adds a header to this request only (`ConsistencyLevel: eventual`).
    pub fn header(
        self,
        name: impl Into<::std::string::String>,
        value: impl Into<::std::string::String>,
    ) -> Self {
        CastCountRequest {
            spec: self.spec.header(name, value),
        }
    }

    /// Sets a query parameter (`$filter`, `$search`).
    pub fn query(self, name: &str, value: impl Into<::std::string::String>) -> Self {
        CastCountRequest {
            spec: self.spec.query(name, value),
        }
    }

    /// The request as plain `http` types, without authentication; nothing is sent.
    pub fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        self.spec.to_http_request()
    }

    /// Reads a response to this request, however it was sent.
    pub fn parse_response(response: http::Response<Bytes>) -> Result<i64, Error> {
        super::response::count(response)
    }

    /// Sends the request and reads the number.
    pub async fn send(self) -> Result<i64, Error> {
        let response = self.spec.send().await?;
        Self::parse_response(response)
    }
}

impl super::Operation for CastCountRequest {
    type Output = i64;

    fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        self.spec.to_http_request()
    }

    fn parse_response(response: http::Response<Bytes>) -> Result<i64, Error> {
        super::response::count(response)
    }
}
