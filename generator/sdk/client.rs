//! The crate's [`Client`]: the runtime's client, with one method per top-level API area (the
//! generated `impl Client` blocks in `api`). A type of this crate because those methods are
//! inherent; everything else is the runtime client's, through `Deref`.

use ::graph_typed_runtime as runtime;

/// A handle on Graph: cheap to clone, shared by every request built from it. Its methods
/// follow the URL of each documented operation; the transport, token and retry settings are
/// the runtime client's (see [`runtime::Client`], which it dereferences to).
#[derive(Clone, Debug)]
pub struct Client(runtime::Client);

/// Settings for a [`Client`], starting from the API version of this crate's pages.
pub type ClientBuilder = runtime::ClientBuilder<Client>;

impl Client {
    /// A client for the public cloud that sends `token` with every request.
    pub fn new(token: impl Into<::std::string::String>) -> Result<Self, runtime::Error> {
        Client::builder().token(token).build()
    }

    /// Configures a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default().api_version(crate::API_VERSION)
    }
}

impl From<runtime::Client> for Client {
    fn from(client: runtime::Client) -> Self {
        Client(client)
    }
}

impl ::std::ops::Deref for Client {
    type Target = runtime::Client;

    fn deref(&self) -> &runtime::Client {
        &self.0
    }
}

// The offline client, for tests. A build script's output without example tests leaves it out:
// the crate that includes it may have no `testing` feature.
#[cfg(any(test, feature = "testing"))]
impl Client {
    /// A client that performs no I/O, for tests that only build requests.
    pub fn offline() -> Self {
        Client::builder()
            .transport(runtime::testing::NoTransport)
            .build()
            .expect("the default configuration is valid")
    }
}
