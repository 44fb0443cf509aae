//! What the runtime's test files share: a client on a local server with fast retries, and the
//! seed's certificate collection.
#![allow(dead_code)]

pub mod upload_server;

use std::time::Duration;

use graph_typed::runtime::RetryPolicy;
use graph_typed::Client;
use serde_json::json;
use wiremock::MockServer;

pub const TOKEN: &str = "secret-token-1234";
pub const COLLECTION: &str = "/v1.0/deviceAppManagement/enterpriseCodeSigningCertificates";

/// Three attempts, waits of at most 50 ms.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        max_elapsed: Duration::from_secs(5),
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(50),
    }
}

pub fn client(server: &MockServer) -> Client {
    client_at(&server.uri())
}

/// A client for the server at `base_url` (`http://127.0.0.1:port`).
pub fn client_at(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .token(TOKEN)
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// `/deviceAppManagement/enterpriseCodeSigningCertificates` on `client`.
pub fn certificates(
    client: &Client,
) -> graph_typed::api::EnterpriseCodeSigningCertificatesRequestBuilder {
    client
        .device_app_management()
        .enterprise_code_signing_certificates()
}

pub fn certificate(id: &str) -> serde_json::Value {
    json!({
        "@odata.type": "#microsoft.graph.enterpriseCodeSigningCertificate",
        "id": id,
        "status": "provisioned",
        "subjectName": "CN=Contoso",
        "expirationDateTime": "2016-12-31T23:57:57.2481234-08:00"
    })
}

/// The JSON bodies of the requests `server` received, in order.
pub async fn received_bodies(server: &MockServer) -> Vec<serde_json::Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null))
        .collect()
}
