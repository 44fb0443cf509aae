//! Downloading 200 MB as a stream from a loopback server and reporting the process's peak
//! resident memory, which must stay under 50 MB: the body is never whole in memory.
//!
//! `cargo bench --bench download_rss` (Linux: reads `VmHWM` from `/proc/self/status`)

use futures_util::StreamExt;
use graph_typed::Client;

#[path = "support/sink_server.rs"]
mod sink_server;

const SIZE: u64 = 200 * 1024 * 1024;
const LIMIT_KB: u64 = 50 * 1024;

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing else to choose.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (received, elapsed) = runtime.block_on(async {
        let base = sink_server::start().await;
        let client = Client::builder().base_url(base).build().unwrap();
        let started = std::time::Instant::now();
        let mut stream = client
            .me()
            .drive()
            .items()
            .by_id(SIZE.to_string())
            .content()
            .get()
            .stream()
            .await
            .unwrap();
        let mut received = 0u64;
        while let Some(piece) = stream.next().await {
            received += piece.unwrap().len() as u64;
        }
        (received, started.elapsed())
    });
    assert_eq!(received, SIZE);
    let peak = peak_rss_kb();
    println!(
        "download_rss: {} MB streamed in {:.2} s ({:.0} MB/s); peak RSS {} (limit {} MB)",
        SIZE / (1024 * 1024),
        elapsed.as_secs_f64(),
        SIZE as f64 / (1024.0 * 1024.0) / elapsed.as_secs_f64(),
        peak.map_or("unknown".to_owned(), |kb| format!(
            "{:.1} MB",
            kb as f64 / 1024.0
        )),
        LIMIT_KB / 1024
    );
    if let Some(kb) = peak {
        assert!(kb <= LIMIT_KB, "peak RSS {kb} kB is over {LIMIT_KB} kB");
    }
}
