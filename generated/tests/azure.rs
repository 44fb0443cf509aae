//! The `azure-identity` feature: an `azure_core` credential (what every `azure_identity` 1.x
//! credential implements) supplies the token of each request. Run with
//! `cargo test --features azure-identity --test azure`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use graph_typed::runtime::azure_core;

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use graph_typed::runtime::{AzureCredential, GRAPH_DEFAULT_SCOPE};
use graph_typed::{Client, Error};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{certificate, certificates, COLLECTION};

/// A credential as `azure_identity`'s are: it hands out a token, counting and recording scopes.
#[derive(Debug, Default)]
struct FakeCredential {
    calls: AtomicUsize,
    scopes: Mutex<Vec<String>>,
    fail: bool,
}

#[async_trait::async_trait]
impl TokenCredential for FakeCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        *self.scopes.lock().unwrap() = scopes.iter().map(|s| s.to_string()).collect();
        if self.fail {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Credential,
                "no managed identity endpoint",
            ));
        }
        Ok(AccessToken::new(
            format!("azure-token-{n}"),
            azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1),
        ))
    }
}

fn client_with(server: &MockServer, credential: AzureCredential) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token_provider(credential)
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_azure_credential_supplies_the_bearer_token_for_graphs_default_scope() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{COLLECTION}/abc")))
        .and(header("authorization", "Bearer azure-token-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(certificate("abc")))
        .expect(1)
        .mount(&server)
        .await;
    let fake = Arc::new(FakeCredential::default());
    let client = client_with(&server, AzureCredential::new(fake.clone()));
    certificates(&client)
        .by_id("abc")
        .get()
        .send()
        .await
        .unwrap();
    assert_eq!(*fake.scopes.lock().unwrap(), [GRAPH_DEFAULT_SCOPE]);

    let scoped = AzureCredential::new(fake.clone()).with_scopes(["User.Read", "Mail.Send"]);
    let client = client_with(&server, scoped);
    let _ = certificates(&client).by_id("abc").get().send().await;
    assert_eq!(*fake.scopes.lock().unwrap(), ["User.Read", "Mail.Send"]);
}

#[tokio::test]
async fn a_credential_failure_is_an_auth_error_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let fake = Arc::new(FakeCredential {
        fail: true,
        ..FakeCredential::default()
    });
    let client = client_with(&server, AzureCredential::new(fake));
    let error = certificates(&client).list().send().await.unwrap_err();
    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    assert!(
        error.to_string().contains("no managed identity endpoint"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
