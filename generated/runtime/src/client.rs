//! The client: configuration, authentication, transport and retries.

use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::Arc;
use ::std::time::Duration;

use bytes::Bytes;
use futures_util::Stream;

use super::error::Error;
use super::retry::RetryPolicy;

/// A boxed future, so that the traits below stay object-safe without extra crates.
pub type BoxFuture<'a, T> = Pin<::std::boxed::Box<dyn Future<Output = T> + Send + 'a>>;

/// A response body read piece by piece as it arrives: downloads never sit whole in memory.
pub type ByteStream = Pin<::std::boxed::Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>;

/// Sends one HTTP request. Implement it to use another HTTP stack, or to test without a network.
pub trait Transport: Send + Sync + 'static {
    /// Sends the request and returns the whole response.
    fn send(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, Error>>;

    /// [`Transport::send`] for a body shared without copying (the pieces of an upload). The
    /// default copies it into a `Vec`: implement this too when large uploads matter.
    fn send_bytes(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, Error>> {
        let (parts, body) = request.into_parts();
        self.send(http::Request::from_parts(parts, body.to_vec()))
    }

    /// Sends the request and returns the response as soon as its head arrived, the body as a
    /// stream. The default reads the whole body with [`Transport::send`]: implement this too
    /// when large downloads matter.
    fn send_streaming(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, Error>> {
        ::std::boxed::Box::pin(async move {
            let response = self.send(request).await?;
            let (parts, body) = response.into_parts();
            let stream: ByteStream =
                ::std::boxed::Box::pin(futures_util::stream::once(async move { Ok(body) }));
            Ok(http::Response::from_parts(parts, stream))
        })
    }
}

/// An access token. Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(::std::string::String);

impl AccessToken {
    /// Wraps a token string.
    pub fn new(token: impl Into<::std::string::String>) -> Self {
        AccessToken(token.into())
    }

    /// The secret itself, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl ::std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// Supplies a token for each request, so that a refreshed token is picked up.
pub trait TokenProvider: Send + Sync + 'static {
    /// A currently valid token.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;
}

/// A token fixed at construction.
#[derive(Clone, Debug)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// Uses `token` for every request.
    pub fn new(token: impl Into<::std::string::String>) -> Self {
        StaticToken(AccessToken::new(token))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let token = self.0.clone();
        ::std::boxed::Box::pin(async move { Ok(token) })
    }
}

/// The default transport: reqwest with rustls, so no OpenSSL is needed.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    timeout: Duration,
}

impl ReqwestTransport {
    /// A transport with the given per-attempt timeout and redirect limit. reqwest drops the
    /// `Authorization` header when a redirect leads to another host.
    pub fn new(timeout: Duration, max_redirects: usize) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::limited(max_redirects))
            .build()
            .map_err(|e| Error::transport("could not build the HTTP client", e))?;
        Ok(ReqwestTransport { client, timeout })
    }
}

impl ReqwestTransport {
    /// One exchange, the whole body read: for owned bodies of any kind reqwest takes as is.
    async fn exchange<B: Into<reqwest::Body>>(
        &self,
        request: http::Request<B>,
    ) -> Result<http::Response<Bytes>, Error> {
        let (head, response) = self.start(request).await?;
        let body = response.bytes().await.map_err(|e| self.describe(e))?;
        Ok(head.map(|()| body))
    }

    /// Sends the request; the response's head as `http` types, and reqwest's response to read
    /// the body from.
    async fn start<B: Into<reqwest::Body>>(
        &self,
        request: http::Request<B>,
    ) -> Result<(http::Response<()>, reqwest::Response), Error> {
        let request = reqwest::Request::try_from(request)
            .map_err(|e| Error::InvalidRequest(format!("not a valid HTTP request: {e}")))?;
        let response = self
            .client
            .execute(request)
            .await
            .map_err(|e| self.describe(e))?;
        let mut head = http::Response::new(());
        *head.status_mut() = response.status();
        *head.version_mut() = response.version();
        *head.headers_mut() = response.headers().clone();
        Ok((head, response))
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, Error>> {
        ::std::boxed::Box::pin(self.exchange(request))
    }

    fn send_bytes(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, Error>> {
        ::std::boxed::Box::pin(self.exchange(request))
    }

    fn send_streaming(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, Error>> {
        ::std::boxed::Box::pin(async move {
            let (head, response) = self.start(request).await?;
            // `chunk` needs no reqwest feature; each item is what the connection delivered.
            let transport = self.clone();
            let chunks = futures_util::stream::try_unfold(response, move |mut response| {
                let transport = transport.clone();
                async move {
                    match response.chunk().await {
                        Ok(Some(chunk)) => Ok(Some((chunk, response))),
                        Ok(None) => Ok(None),
                        Err(e) => Err(transport.describe(e)),
                    }
                }
            });
            let (parts, ()) = head.into_parts();
            Ok(http::Response::from_parts(
                parts,
                ::std::boxed::Box::pin(chunks) as ByteStream,
            ))
        })
    }
}

impl ReqwestTransport {
    fn describe(&self, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            Error::Timeout(self.timeout)
        } else {
            describe_reqwest_error(e)
        }
    }
}

fn describe_reqwest_error(e: reqwest::Error) -> Error {
    // reqwest's messages carry the URL, never headers, so no token can leak through them.
    let message = if e.is_body() || e.is_decode() {
        "the connection failed while the response body was being read"
    } else if e.is_redirect() {
        "too many redirects"
    } else if e.is_connect() {
        "could not connect to the server"
    } else {
        "the HTTP exchange failed"
    };
    Error::transport(message, e)
}

struct Inner {
    base_url: ::std::string::String,
    api_version: ::std::string::String,
    transport: Arc<dyn Transport>,
    token: Option<Arc<dyn TokenProvider>>,
    default_headers: http::HeaderMap,
    retry: RetryPolicy,
}

/// A handle on Graph: cheap to clone, shared by every request built from it.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl ::std::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_version", &self.inner.api_version)
            .field("authenticated", &self.inner.token.is_some())
            .finish_non_exhaustive()
    }
}

/// The public Graph endpoint.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com";

impl Client {
    /// A client for the public cloud that sends `token` with every request.
    pub fn new(token: impl Into<::std::string::String>) -> Result<Self, Error> {
        Client::builder()
            .token_provider(StaticToken::new(token))
            .build()
    }

    /// Configures a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// `https://graph.microsoft.com`, or the configured national cloud or test server.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// `v1.0`, `beta`.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }

    /// The retry policy requests use unless they set their own.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    pub(crate) fn default_headers(&self) -> &http::HeaderMap {
        &self.inner.default_headers
    }

    /// Whether `url` points at the configured Graph host: only there is a token sent.
    pub(crate) fn is_graph_url(&self, url: &http::Uri) -> bool {
        let Ok(base) = self.inner.base_url.parse::<http::Uri>() else {
            return false;
        };
        url.scheme() == base.scheme() && url.authority() == base.authority()
    }

    /// Sends a request with authentication and the retry policy; returns whatever status came back.
    pub async fn execute(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
        retry: Option<&RetryPolicy>,
    ) -> Result<http::Response<Bytes>, Error> {
        self.execute_traced(request, retry, None).await
    }

    /// [`Client::execute`] inside a `graph_request` span (see [`Client::send_traced`]).
    pub(crate) async fn execute_traced(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
        retry: Option<&RetryPolicy>,
        template: Option<&'static str>,
    ) -> Result<http::Response<Bytes>, Error> {
        let transport = self.inner.transport.as_ref();
        self.send_traced(request, retry, template, |r| transport.send(r))
            .await
    }

    /// [`Client::execute`] for downloads: authenticated, retried and traced the same way, the
    /// body handed back as a stream as soon as the response head arrived.
    pub async fn execute_streaming(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
        retry: Option<&RetryPolicy>,
    ) -> Result<http::Response<ByteStream>, Error> {
        self.execute_streaming_traced(request, retry, None).await
    }

    pub(crate) async fn execute_streaming_traced(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
        retry: Option<&RetryPolicy>,
        template: Option<&'static str>,
    ) -> Result<http::Response<ByteStream>, Error> {
        let transport = self.inner.transport.as_ref();
        self.send_traced(request, retry, template, |r| transport.send_streaming(r))
            .await
    }

    /// Authenticates `request` and sends it by the retry policy with `send` (whole body or
    /// stream), inside a `graph_request` span: method, documented path template, status,
    /// attempts, Graph's `request-id` and the time taken. Headers are never recorded, so neither
    /// is the token; with no subscriber listening the span costs next to nothing.
    async fn send_traced<B, F, Fut>(
        &self,
        request: http::Request<::std::vec::Vec<u8>>,
        retry: Option<&RetryPolicy>,
        template: Option<&'static str>,
        send: F,
    ) -> Result<http::Response<B>, Error>
    where
        F: Fn(http::Request<::std::vec::Vec<u8>>) -> Fut,
        Fut: Future<Output = Result<http::Response<B>, Error>>,
    {
        use tracing::Instrument as _;
        let span = request_span(request.method(), template);
        let started = ::std::time::Instant::now();
        let result = async {
            let request = self.authorize(request).await?;
            let policy = retry.unwrap_or(&self.inner.retry);
            super::retry::send_with_retries(send, request, policy).await
        }
        .instrument(span.clone())
        .await;
        record_outcome(&span, started, result.as_ref().map(|(r, a)| (r.head(), *a)));
        result.map(|(response, _)| response)
    }

    /// Sends `request` once, as it is: no token, no retries. For pre-authenticated URLs (upload
    /// sessions), which must not see the token.
    pub(crate) async fn send_unauthenticated(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        self.inner.transport.send_bytes(request).await
    }

    /// Adds the bearer token when `request` goes to Graph's host.
    async fn authorize(
        &self,
        mut request: http::Request<::std::vec::Vec<u8>>,
    ) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        if let Some(provider) = &self.inner.token {
            if self.is_graph_url(request.uri()) {
                let token = provider.token().await?;
                let mut value = http::HeaderValue::from_str(&format!("Bearer {}", token.secret()))
                    .map_err(|_| {
                        Error::Auth("the token contains characters not allowed in a header".into())
                    })?;
                value.set_sensitive(true);
                request
                    .headers_mut()
                    .insert(http::header::AUTHORIZATION, value);
            }
        }
        Ok(request)
    }
}

/// The `graph_request` span: method and documented path template now, the outcome later.
/// Headers are never recorded, so neither is the token.
fn request_span(method: &http::Method, template: Option<&'static str>) -> tracing::Span {
    use tracing::field::Empty;
    tracing::info_span!(
        "graph_request",
        http.request.method = %method,
        url.template = template,
        http.response.status_code = Empty,
        attempts = Empty,
        request_id = Empty,
        elapsed_ms = Empty,
        error = Empty,
    )
}

/// Status, attempts, Graph's `request-id` and the time taken; or the error.
fn record_outcome(
    span: &tracing::Span,
    started: ::std::time::Instant,
    outcome: Result<(Head<'_>, u32), &Error>,
) {
    span.record("elapsed_ms", started.elapsed().as_millis() as u64);
    match outcome {
        Ok(((status, headers), attempts)) => {
            span.record("http.response.status_code", status.as_u16());
            span.record("attempts", attempts);
            if let Some(id) = headers.get("request-id").and_then(|v| v.to_str().ok()) {
                span.record("request_id", id);
            }
        }
        Err(error) => {
            span.record("error", tracing::field::display(error));
        }
    }
}

type Head<'a> = (http::StatusCode, &'a http::HeaderMap);

/// A response's status and headers, whatever its body.
trait ResponseHead {
    fn head(&self) -> Head<'_>;
}

impl<B> ResponseHead for http::Response<B> {
    fn head(&self) -> Head<'_> {
        (self.status(), self.headers())
    }
}

/// Settings for a [`Client`], or for `C`, a client built around one: a generated crate's
/// `Client::builder()` returns a `ClientBuilder` of its own client, whose methods follow its
/// URLs, and starts from the API version of its pages.
pub struct ClientBuilder<C = Client> {
    built: ::std::marker::PhantomData<fn() -> C>,
    base_url: ::std::string::String,
    api_version: ::std::string::String,
    transport: Option<Arc<dyn Transport>>,
    token: Option<Arc<dyn TokenProvider>>,
    default_headers: http::HeaderMap,
    timeout: Duration,
    max_redirects: usize,
    user_agent: ::std::string::String,
    retry: RetryPolicy,
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            built: ::std::marker::PhantomData,
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_version: super::API_VERSION.to_owned(),
            transport: None,
            token: None,
            default_headers: http::HeaderMap::new(),
            timeout: Duration::from_secs(100),
            max_redirects: 5,
            user_agent: concat!("graph-typed/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
        }
    }
}

impl<C> ClientBuilder<C> {
    /// The service root without version: a national cloud (`https://graph.microsoft.us`,
    /// `https://microsoftgraph.chinacloudapi.cn`) or a test server.
    pub fn base_url(mut self, url: impl Into<::std::string::String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// `v1.0` or `beta`.
    pub fn api_version(mut self, version: impl Into<::std::string::String>) -> Self {
        self.api_version = version.into().trim_matches('/').to_owned();
        self
    }

    /// Where tokens come from; without one, requests carry no `Authorization` header.
    pub fn token_provider(mut self, provider: impl TokenProvider) -> Self {
        self.token = Some(Arc::new(provider));
        self
    }

    /// A fixed token.
    pub fn token(self, token: impl Into<::std::string::String>) -> Self {
        self.token_provider(StaticToken::new(token))
    }

    /// Replaces the reqwest transport.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: http::HeaderName, value: http::HeaderValue) -> Self {
        self.default_headers.insert(name, value);
        self
    }

    /// The time one attempt may take (default 100 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many redirects to follow (default 5).
    pub fn max_redirects(mut self, max: usize) -> Self {
        self.max_redirects = max;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, agent: impl Into<::std::string::String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// How throttled and unavailable responses are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, Error>
    where
        C: From<Client>,
    {
        self.build_client().map(C::from)
    }

    fn build_client(mut self) -> Result<Client, Error> {
        self.base_url
            .parse::<http::Uri>()
            .ok()
            .filter(|u| u.scheme().is_some() && u.authority().is_some())
            .ok_or_else(|| {
                Error::InvalidRequest(format!(
                    "base URL `{}` is not an absolute URL",
                    self.base_url
                ))
            })?;
        let agent = http::HeaderValue::from_str(&self.user_agent)
            .map_err(|_| Error::InvalidRequest("user agent is not a valid header value".into()))?;
        self.default_headers
            .entry(http::header::USER_AGENT)
            .or_insert(agent);
        let transport = match self.transport {
            Some(t) => t,
            None => Arc::new(ReqwestTransport::new(self.timeout, self.max_redirects)?),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                base_url: self.base_url,
                api_version: self.api_version,
                transport,
                token: self.token,
                default_headers: self.default_headers,
                retry: self.retry,
            }),
        })
    }
}
