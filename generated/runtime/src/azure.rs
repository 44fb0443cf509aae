//! Any credential of the Azure SDK for Rust (`azure_identity` 1.x: client secret, certificate,
//! managed identity, Azure CLI, workload identity, or a chain of them) as a [`TokenProvider`].
//! The credential caches and renews its tokens itself; this asks it for one per request.

use ::std::sync::Arc;

use azure_core::credentials::TokenCredential;

use super::client::{AccessToken, BoxFuture, TokenProvider};
use super::error::Error;

/// The scope that asks Entra ID for every permission the app was granted on Graph.
pub const GRAPH_DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

/// An `azure_core` [`TokenCredential`] used for Graph.
#[derive(Clone, Debug)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scopes: ::std::vec::Vec<::std::string::String>,
}

impl AzureCredential {
    /// Tokens from `credential` for the public cloud's Graph (`.default` scope).
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential {
            credential,
            scopes: vec![GRAPH_DEFAULT_SCOPE.to_owned()],
        }
    }

    /// Other scopes: a national cloud's Graph (`https://graph.microsoft.us/.default`), or
    /// delegated scopes (`User.Read`).
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<::std::string::String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }
}

impl TokenProvider for AzureCredential {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        ::std::boxed::Box::pin(async move {
            let scopes: ::std::vec::Vec<&str> = self.scopes.iter().map(String::as_str).collect();
            let token = self
                .credential
                .get_token(&scopes, None)
                .await
                // azure_core's errors name the credential and what failed, never the secret.
                .map_err(|e| Error::Auth(format!("the Azure credential gave no token: {e}")))?;
            Ok(AccessToken::new(token.token.secret()))
        })
    }
}
