//! Large file uploads through an upload session, against a local server acting as the
//! pre-authenticated upload URL.

use std::sync::{Arc, Mutex};

use graph_typed::api::DriveItemCreateUploadSessionBody;
use graph_typed::models::{DriveItem, DriveItemUploadableProperties};
use graph_typed::runtime::{LargeFileUpload, UploadProgress, With, UPLOAD_CHUNK_UNIT};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::upload_server::UploadServer;
use common::{client, client_at, TOKEN};

fn file(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn created_item(size: usize) -> serde_json::Value {
    json!({"@odata.type": "#microsoft.graph.driveItem", "id": "01NEW", "name": "big.bin", "size": size})
}

/// The session is created on Graph with the token; the pieces go to the upload URL without it,
/// a dropped connection and a 503 are resumed from what the service says it has.
#[tokio::test]
async fn a_file_goes_up_in_pieces_and_survives_a_dropped_connection_and_a_503() {
    let size = 3 * UPLOAD_CHUNK_UNIT + 1000;
    let data = file(size);
    let upload = UploadServer::start(created_item(size)).await;
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(
            "/v1.0/me/drive/items/root:/big.bin:/createUploadSession",
        ))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "uploadUrl": upload.url,
            "expirationDateTime": "2030-01-01T00:00:00Z",
            "nextExpectedRanges": ["0-"]
        })))
        .expect(1)
        .mount(&graph)
        .await;
    let client = client(&graph);
    let body = DriveItemCreateUploadSessionBody::default().with(|body| {
        body.item = DriveItemUploadableProperties::default()
            .with(|item| item.name = "big.bin".into())
            .into()
    });
    let session = client
        .me()
        .drive()
        .items()
        .by_id_path("root", "big.bin")
        .create_upload_session()
        .post(&body)
        .send()
        .await
        .unwrap();
    let upload_url = session.upload_url.value().unwrap().clone();
    let progress: Arc<Mutex<Vec<UploadProgress>>> = Arc::default();
    let seen = progress.clone();
    let state = upload.state.clone();
    let uploader = LargeFileUpload::new(&client, upload_url, size as u64)
        .chunk_size(UPLOAD_CHUNK_UNIT)
        .unwrap()
        // Once the first piece is in, the next loses its connection part way; once the
        // second is in, the next meets a 503.
        .on_progress(move |p| {
            seen.lock().unwrap().push(p);
            let mut state = state.lock().unwrap();
            match p.uploaded as usize / UPLOAD_CHUNK_UNIT {
                1 => state.drop_next_put_after = Some(100_000),
                2 => state.fail_next_put = true,
                _ => {}
            }
        });
    let item: DriveItem = uploader
        .upload_bytes(&data)
        .await
        .unwrap()
        .into_item()
        .unwrap();
    assert_eq!(item.id.value().map(String::as_str), Some("01NEW"));

    let state = upload.state.lock().unwrap();
    assert!(state.received == data, "the file arrived changed");
    let seen: Vec<(String, Option<String>)> = state
        .seen
        .iter()
        .map(|s| (s.method.clone(), s.content_range.clone()))
        .collect();
    let range = |a: usize, b: usize| Some(format!("bytes {a}-{}/{size}", b - 1));
    let u = UPLOAD_CHUNK_UNIT;
    assert_eq!(
        seen,
        vec![
            ("PUT".into(), range(0, u)),
            ("PUT".into(), range(u, 2 * u)), // dropped after 100,000 bytes
            ("GET".into(), None),            // where does the service stand?
            ("PUT".into(), range(u, 2 * u)),
            ("PUT".into(), range(2 * u, 3 * u)), // 503
            ("GET".into(), None),
            ("PUT".into(), range(2 * u, 3 * u)),
            ("PUT".into(), range(3 * u, size)),
        ]
    );
    assert!(state.seen[1].body_len >= 100_000 && state.seen[1].body_len < u);
    assert!(
        state.seen.iter().all(|s| s.authorization.is_none()),
        "the token went to the upload URL"
    );
    let reported: Vec<u64> = progress
        .lock()
        .unwrap()
        .iter()
        .map(|p| p.uploaded)
        .collect();
    assert_eq!(reported, [u as u64, 2 * u as u64, 3 * u as u64]);
}

#[tokio::test]
async fn pieces_must_be_multiples_of_320_kib_and_a_short_source_is_an_error() {
    let client = client_at("http://127.0.0.1:9");
    for bad in [0, 1000, UPLOAD_CHUNK_UNIT + 1, 61 * 1024 * 1024] {
        assert!(LargeFileUpload::new(&client, "http://127.0.0.1:9/up", 10)
            .chunk_size(bad)
            .is_err());
    }
    let upload = UploadServer::start(created_item(10)).await;
    let error = LargeFileUpload::new(&client, upload.url.clone(), 5000)
        .upload_bytes::<DriveItem>(&file(10))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("ended at byte 10"), "{error}");
    // Cancelling ends the session with a DELETE to the upload URL, without the token.
    LargeFileUpload::new(&client, upload.url.clone(), 5000)
        .cancel()
        .await
        .unwrap();
    let state = upload.state.lock().unwrap();
    let last = state.seen.last().unwrap();
    assert_eq!(last.method, "DELETE");
    assert!(last.authorization.is_none());
}

/// A source that is not in memory: read piece by piece from a stream.
#[tokio::test]
async fn a_stream_is_uploaded_without_being_read_whole() {
    let size = 2 * UPLOAD_CHUNK_UNIT + 7;
    let data = file(size);
    let upload = UploadServer::start(created_item(size)).await;
    let client = client_at("http://127.0.0.1:9");
    let (mut writer, reader) = tokio::io::duplex(64 * 1024);
    let source = data.clone();
    let feeding = tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        for piece in source.chunks(50_000) {
            writer.write_all(piece).await.unwrap();
        }
    });
    let done = LargeFileUpload::new(&client, upload.url.clone(), size as u64)
        .chunk_size(UPLOAD_CHUNK_UNIT)
        .unwrap()
        .upload::<DriveItem, _>(reader)
        .await
        .unwrap();
    feeding.await.unwrap();
    assert!(done.item.is_some());
    assert!(upload.state.lock().unwrap().received == data);
}
