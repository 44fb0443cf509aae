//! The methods every generated request type shares, written once. Generated code invokes these
//! macros instead of repeating the same dozen methods two thousand times, which keeps the
//! generated crate small and quick to compile.

/// `header`, `query`, `retry_policy`, `to_http_request`, `parse_response`, `send` and the
/// [`Operation`](crate::runtime::Operation) impl for a request type holding `spec: RequestSpec`.
/// `$read` names the function of [`response`](crate::runtime::response) that reads the output.
macro_rules! request_methods {
    ($request:ident => $output:ty, $read:ident) => {
        impl $request {
            /// Adds a header to this request only (`ConsistencyLevel: eventual`, `Prefer: ...`).
            pub fn header(
                self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                Self {
                    spec: self.spec.header(name, value),
                }
            }

            /// Sets a query parameter that has no typed setter.
            pub fn query(
                self,
                name: &str,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                Self {
                    spec: self.spec.query(name, value),
                }
            }

            /// Retries this request by `policy` instead of the client's policy.
            pub fn retry_policy(self, policy: $crate::runtime::RetryPolicy) -> Self {
                Self {
                    spec: self.spec.retry_policy(policy),
                }
            }

            /// The request as plain `http` types, without authentication; nothing is sent.
            pub fn to_http_request(
                &self,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, $crate::runtime::Error>
            {
                self.spec.to_http_request()
            }

            /// Reads a response to this request, however it was sent.
            pub fn parse_response(
                response: ::http::Response<::bytes::Bytes>,
            ) -> ::std::result::Result<$output, $crate::runtime::Error> {
                $crate::runtime::response::$read(response)
            }

            /// Sends the request through the client and reads the typed result.
            pub async fn send(self) -> ::std::result::Result<$output, $crate::runtime::Error> {
                let response = self.spec.send().await?;
                Self::parse_response(response)
            }
        }

        impl $crate::runtime::Operation for $request {
            type Output = $output;

            fn to_http_request(
                &self,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, $crate::runtime::Error>
            {
                self.spec.to_http_request()
            }

            fn parse_response(
                response: ::http::Response<::bytes::Bytes>,
            ) -> ::std::result::Result<$output, $crate::runtime::Error> {
                $crate::runtime::response::$read(response)
            }
        }
    };
}

/// The OData system query options of a list or get request.
macro_rules! odata_query_methods {
    ($request:ident) => {
        impl $request {
            /// `$select`: return only these properties.
            pub fn select<I, S>(self, properties: I) -> Self
            where
                I: ::std::iter::IntoIterator<Item = S>,
                S: ::std::convert::AsRef<str>,
            {
                Self {
                    spec: self.spec.query_list("$select", properties),
                }
            }

            /// `$expand`: include these related resources.
            pub fn expand<I, S>(self, relationships: I) -> Self
            where
                I: ::std::iter::IntoIterator<Item = S>,
                S: ::std::convert::AsRef<str>,
            {
                Self {
                    spec: self.spec.query_list("$expand", relationships),
                }
            }

            /// `$filter`: an OData filter expression.
            pub fn filter(
                self,
                expression: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                Self {
                    spec: self.spec.query("$filter", expression),
                }
            }

            /// `$orderby`: sort by these properties (`name desc`).
            pub fn orderby<I, S>(self, properties: I) -> Self
            where
                I: ::std::iter::IntoIterator<Item = S>,
                S: ::std::convert::AsRef<str>,
            {
                Self {
                    spec: self.spec.query_list("$orderby", properties),
                }
            }

            /// `$top`: at most this many items in a page.
            pub fn top(self, count: u32) -> Self {
                Self {
                    spec: self.spec.query("$top", count.to_string()),
                }
            }

            /// `$skip`: skip this many items.
            pub fn skip(self, count: u32) -> Self {
                Self {
                    spec: self.spec.query("$skip", count.to_string()),
                }
            }

            /// `$count`: include the total number of items.
            pub fn count(self, include: bool) -> Self {
                Self {
                    spec: self.spec.query("$count", include.to_string()),
                }
            }

            /// `$search`: a search expression.
            pub fn search(
                self,
                expression: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                Self {
                    spec: self.spec.query("$search", expression),
                }
            }
        }
    };
}

/// `pages()` for a request that returns a collection of `$item`.
macro_rules! paged_methods {
    ($request:ident, $item:ty) => {
        impl $request {
            /// Every page of the collection, following `@odata.nextLink` only as pages are read;
            /// for a delta query the last page's `@odata.deltaLink` is handed back.
            pub fn pages(self) -> $crate::runtime::Pager<$item> {
                $crate::runtime::Pager::new(self.spec)
            }
        }
    };
}

pub(crate) use {odata_query_methods, paged_methods, request_methods};
