//! Following `@odata.nextLink` lazily, and handing back the `@odata.deltaLink` at the end.

use bytes::Bytes;
use futures_util::stream::{self, Stream};
use serde::de::DeserializeOwned;

use super::client::Client;
use super::error::Error;
use super::page::Page;
use super::request::RequestSpec;

/// Walks the pages of a collection. Nothing is sent until the first page is asked for.
#[derive(Debug)]
pub struct Pager<T> {
    state: State,
    delta_link: Option<::std::string::String>,
    _items: ::std::marker::PhantomData<fn() -> T>,
}

#[derive(Debug)]
enum State {
    First(RequestSpec),
    Next(Client, ::std::string::String, Option<&'static str>),
    Done,
}

/// Every item of a collection, and the delta link the last page carried (for delta queries).
#[derive(Clone, Debug, PartialEq)]
pub struct Collected<T> {
    /// The items of all pages, in order.
    pub items: ::std::vec::Vec<T>,
    /// The URL to call later for changes since this sync, when the collection is a delta query.
    pub delta_link: Option<::std::string::String>,
}

impl<T: DeserializeOwned> Pager<T> {
    /// A pager that starts with `first`.
    pub fn new(first: RequestSpec) -> Self {
        Pager {
            state: State::First(first),
            delta_link: None,
            _items: ::std::marker::PhantomData,
        }
    }

    /// A pager that resumes from a `@odata.nextLink` or `@odata.deltaLink` saved earlier.
    pub fn resume(client: &Client, link: impl Into<::std::string::String>) -> Self {
        Pager {
            state: State::Next(client.clone(), link.into(), None),
            delta_link: None,
            _items: ::std::marker::PhantomData,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Page<T>>, Error> {
        let response = match ::std::mem::replace(&mut self.state, State::Done) {
            State::Done => return Ok(None),
            State::First(spec) => {
                let client = spec.client().clone();
                (client, spec.send().await?, spec.template())
            }
            State::Next(client, link, template) => {
                let request = next_link_request(&client, &link)?;
                let response = client.execute_traced(request, None, template).await?;
                (client, response, template)
            }
        };
        let (client, response, template) = response;
        let page: Page<T> = super::response::json(response)?;
        if let Some(next) = &page.next_link {
            self.state = State::Next(client, next.clone(), template);
        }
        if page.delta_link.is_some() {
            self.delta_link = page.delta_link.clone();
        }
        Ok(Some(page))
    }

    /// The `@odata.deltaLink` of the last page, once it has been read.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// Every item of every page, fetched lazily as the stream is polled.
    pub fn into_stream(self) -> impl Stream<Item = Result<T, Error>> {
        stream::try_unfold(
            (self, ::std::collections::VecDeque::new()),
            |(mut pager, mut buffer)| async move {
                loop {
                    if let Some(item) = buffer.pop_front() {
                        return Ok(Some((item, (pager, buffer))));
                    }
                    match pager.next_page().await? {
                        Some(page) => buffer.extend(page.value),
                        None => return Ok(None),
                    }
                }
            },
        )
    }

    /// Reads every page and returns all items with the final delta link.
    pub async fn collect_all(mut self) -> Result<Collected<T>, Error> {
        let mut items = ::std::vec::Vec::new();
        while let Some(page) = self.next_page().await? {
            items.extend(page.value);
        }
        Ok(Collected {
            items,
            delta_link: self.delta_link,
        })
    }
}

fn next_link_request(
    client: &Client,
    link: &str,
) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
    let mut builder = http::Request::builder().method(http::Method::GET).uri(link);
    for (name, value) in client.default_headers() {
        builder = builder.header(name, value);
    }
    builder
        .header(http::header::ACCEPT, "application/json")
        .body(::std::vec::Vec::new())
        .map_err(|e| Error::InvalidRequest(format!("the next link is not a valid URL: {e}")))
}

/// Pages read from raw responses, for callers that send requests themselves.
pub fn parse_page<T: DeserializeOwned>(response: http::Response<Bytes>) -> Result<Page<T>, Error> {
    super::response::json(response)
}
