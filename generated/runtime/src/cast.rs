//! OData casts on collections: `/groups/{id}/members/microsoft.graph.user` lists only the users.
//! One generic builder serves every collection of a base type, instead of one generated type per
//! (collection, derived type) pair.

use ::std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::client::Client;
use super::endpoint::{format, Endpoint, Paged, Queryable, Request};
use super::page::Page;
use super::request::{push_segment, RequestSpec};

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
    pub fn new<Base>(client: &Client, path: &str) -> Self
    where
        T: DerivedFrom<Base>,
    {
        CastRequestBuilder {
            client: client.clone(),
            path: push_segment(path, T::ODATA_TYPE),
            item: PhantomData,
        }
    }

    /// `GET`: the items of the collection that are `T`s.
    pub fn list(&self) -> CastListRequest<T>
    where
        T: DeserializeOwned,
    {
        Request::new(RequestSpec::at(&self.client, http::Method::GET, &self.path))
    }

    /// `GET …/$count`: how many items of the collection are `T`s. Requires the
    /// `ConsistencyLevel: eventual` header on directory objects.
    pub fn count(&self) -> CastCountRequest {
        Request::new(RequestSpec::new(
            &self.client,
            http::Method::GET,
            push_segment(&self.path, "$count"),
        ))
    }
}

/// Lists the items of a collection that are `T`s.
pub type CastListRequest<T> = Request<CastList<T>>;

/// Counts the items of a collection that are of one derived type.
pub type CastCountRequest = Request<CastCount>;

/// The operation behind [`CastListRequest`]: a page of `T`s.
pub struct CastList<T>(PhantomData<fn() -> T>);

/// The operation behind [`CastCountRequest`]: a number.
#[derive(Debug)]
pub enum CastCount {}

impl<T: DeserializeOwned> Endpoint for CastList<T> {
    type Output = Page<T>;
    type Format = format::Json;
}

impl<T: DeserializeOwned> Queryable for CastList<T> {
    // A cast names its type by the caller's choice; its fields are named as strings.
    type Field = super::query::NoField;
}

impl<T: DeserializeOwned> Paged for CastList<T> {
    type Item = T;
}

impl Endpoint for CastCount {
    type Output = i64;
    type Format = format::Count;
}
