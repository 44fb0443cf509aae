//! OAuth 2.0 client credentials: an app's own token, cached until shortly before it expires.

use ::std::sync::Arc;
use ::std::time::{Duration, Instant};

use serde::Deserialize;

use super::client::{AccessToken, BoxFuture, ReqwestTransport, TokenProvider, Transport};
use super::error::Error;

/// `application/x-www-form-urlencoded` leaves alphanumerics and `*-._` as they are.
const FORM_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// A token is renewed this long before the service says it expires.
const RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(120);

/// Gets tokens from the Microsoft identity platform (or any OAuth 2.0 token endpoint) with a
/// client id and secret. The secret never appears in `Debug` output or errors.
pub struct ClientCredentials {
    token_url: ::std::string::String,
    client_id: ::std::string::String,
    client_secret: ::std::string::String,
    scope: ::std::string::String,
    transport: Arc<dyn Transport>,
    cache: tokio::sync::Mutex<Option<(AccessToken, Instant)>>,
}

impl ::std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: ::std::string::String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct TokenError {
    #[serde(default)]
    error: Option<::std::string::String>,
    #[serde(default)]
    error_description: Option<::std::string::String>,
}

impl ClientCredentials {
    /// Credentials for `tenant_id` against the public cloud's token endpoint and Graph's
    /// `.default` scope.
    pub fn new(
        tenant_id: &str,
        client_id: impl Into<::std::string::String>,
        client_secret: impl Into<::std::string::String>,
    ) -> Result<Self, Error> {
        Ok(ClientCredentials {
            token_url: format!("https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token"),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scope: "https://graph.microsoft.com/.default".to_owned(),
            transport: Arc::new(ReqwestTransport::new(Duration::from_secs(30), 0)?),
            cache: tokio::sync::Mutex::new(None),
        })
    }

    /// Another token endpoint: a national cloud's, or a test server's.
    pub fn token_url(mut self, url: impl Into<::std::string::String>) -> Self {
        self.token_url = url.into();
        self
    }

    /// Another scope (`https://graph.microsoft.us/.default` for US Government).
    pub fn scope(mut self, scope: impl Into<::std::string::String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// Another transport for the token requests.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Arc::new(transport);
        self
    }

    async fn fetch(&self) -> Result<(AccessToken, Instant), Error> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.as_str()),
            ("scope", self.scope.as_str()),
        ];
        let body: ::std::vec::Vec<::std::string::String> = form
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    percent_encoding::utf8_percent_encode(v, FORM_VALUE)
                )
            })
            .collect();
        let request = http::Request::builder()
            .method(http::Method::POST)
            .uri(&self.token_url)
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(http::header::ACCEPT, "application/json")
            .body(body.join("&").into_bytes())
            .map_err(|e| Error::Auth(format!("the token URL is not valid: {e}")))?;
        let started = Instant::now();
        let response = self.transport.send(request).await?;
        if !response.status().is_success() {
            let detail = serde_json::from_slice::<TokenError>(response.body())
                .ok()
                .map(|e| {
                    let code = e.error.unwrap_or_default();
                    let text = e.error_description.unwrap_or_default();
                    format!("{code}: {}", text.lines().next().unwrap_or_default())
                })
                .unwrap_or_else(|| "no OAuth error in the body".to_owned());
            return Err(Error::Auth(format!(
                "the token endpoint answered {} ({detail})",
                response.status()
            )));
        }
        let token: TokenResponse = serde_json::from_slice(response.body()).map_err(|e| {
            Error::Auth(format!(
                "the token endpoint's answer is not a token response: {e}"
            ))
        })?;
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(3600));
        let renew_at = started + lifetime.saturating_sub(RENEW_BEFORE_EXPIRY);
        Ok((AccessToken::new(token.access_token), renew_at))
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        ::std::boxed::Box::pin(async move {
            // One request refreshes at a time; the others wait for its token.
            let mut cache = self.cache.lock().await;
            if let Some((token, renew_at)) = cache.as_ref() {
                if Instant::now() < *renew_at {
                    return Ok(token.clone());
                }
            }
            let (token, renew_at) = self.fetch().await?;
            *cache = Some((token.clone(), renew_at));
            Ok(token)
        })
    }
}
