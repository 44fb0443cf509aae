//! Downloads as a stream of bytes: the body is handed over as it arrives, the redirect to the
//! pre-authenticated download URL is followed without the token.

use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{client, TOKEN};

#[tokio::test]
async fn content_streams_in_pieces_from_the_download_url_without_the_token() {
    let graph = MockServer::start().await;
    let storage = MockServer::start().await;
    let data: Vec<u8> = (0..4_000_000u32).map(|i| (i % 253) as u8).collect();
    Mock::given(method("GET"))
        .and(path("/v1.0/me/drive/items/01ABC/content"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/download/01ABC", storage.uri())),
        )
        .expect(1)
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(path("/download/01ABC"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(data.clone()))
        .expect(1)
        .mount(&storage)
        .await;
    let mut stream = client(&graph)
        .me()
        .drive()
        .items()
        .by_id("01ABC")
        .content()
        .get()
        .stream()
        .await
        .unwrap();
    let mut received = Vec::new();
    let mut pieces = 0;
    while let Some(piece) = stream.next().await {
        received.extend_from_slice(&piece.unwrap());
        pieces += 1;
    }
    assert!(received == data, "the bytes arrived changed");
    assert!(pieces > 1, "the body came as one buffer");
    let fetched = storage.received_requests().await.unwrap();
    assert!(fetched[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn a_failed_download_is_a_typed_service_error() {
    let graph = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me/drive/items/gone/content"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"error": {"code": "itemNotFound", "message": "The resource could not be found."}}),
        ))
        .mount(&graph)
        .await;
    let error = client(&graph)
        .me()
        .drive()
        .items()
        .by_id("gone")
        .content()
        .get()
        .stream()
        .await
        .err()
        .unwrap();
    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(
        error.service_error().unwrap().code.as_deref(),
        Some("itemNotFound")
    );
}
