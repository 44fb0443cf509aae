//! Uploading 100 MB through the upload session helper vs one plain `reqwest` PUT of the same
//! bytes, both to a loopback server that discards what it receives.
//!
//! `cargo bench --bench transfer`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use graph_typed::models::DriveItem;
use graph_typed::runtime::LargeFileUpload;
use graph_typed::Client;

#[path = "support/sink_server.rs"]
mod sink_server;

const SIZE: usize = 100 * 1024 * 1024;

fn upload(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let base = runtime.block_on(sink_server::start());
    // Both send the same bytes without copying them (a `Bytes` clone is a count).
    let shared = bytes::Bytes::from(vec![0xA5u8; SIZE]);
    let client = Client::builder().base_url(&base).build().unwrap();
    let plain = reqwest::Client::new();
    let url = format!("{base}/up/session");

    let mut group = c.benchmark_group("upload_100MB");
    group.throughput(Throughput::Bytes(SIZE as u64));
    group.sample_size(10);
    group.bench_function("session_helper_10MiB_pieces", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let done = LargeFileUpload::new(&client, url.clone(), SIZE as u64)
                    .upload_shared::<DriveItem>(shared.clone())
                    .await
                    .unwrap();
                assert!(done.item.is_some());
            })
        })
    });
    group.bench_function("session_helper_from_reader", |b| {
        b.iter(|| {
            runtime.block_on(async {
                // Read piece by piece, as from a file: one copy of every byte.
                let done = LargeFileUpload::new(&client, url.clone(), SIZE as u64)
                    .upload::<DriveItem, _>(&shared[..])
                    .await
                    .unwrap();
                assert!(done.item.is_some());
            })
        })
    });
    group.bench_function("plain_reqwest_put", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let response = plain
                    .put(&url)
                    .header("content-range", format!("bytes 0-{}/{SIZE}", SIZE - 1))
                    .body(shared.clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 201);
            })
        })
    });
    group.finish();
}

criterion_group!(benches, upload);
criterion_main!(benches);
