//! A loopback HTTP/1.1 server for the transfer benchmarks: it takes PUT bodies as fast as the
//! socket delivers them (counting, not keeping, the bytes) and answers as an upload session
//! does, and it serves GETs with a body of any size generated on the fly. Keep-alive, so that
//! neither side pays for new connections.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Starts the server; returns its `http://127.0.0.1:port`.
pub async fn start() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            socket.set_nodelay(true).ok();
            tokio::spawn(serve(socket));
        }
    });
    url
}

async fn serve(mut socket: TcpStream) {
    let mut buffer = vec![0u8; 256 * 1024];
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let head_end = loop {
            if let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => pending.extend_from_slice(&buffer[..n]),
            }
        };
        let head = String::from_utf8_lossy(&pending[..head_end]).into_owned();
        pending.drain(..head_end + 4);
        let header = |name: &str| {
            head.lines().skip(1).find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_owned())
            })
        };
        let length: u64 = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut remaining = length.saturating_sub(pending.len() as u64);
        pending.clear();
        while remaining > 0 {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => remaining = remaining.saturating_sub(n as u64),
            }
        }
        let ok = if head.starts_with("GET") {
            let size = head
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.rsplit('/').nth(1))
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(0);
            send_body(&mut socket, size).await
        } else {
            socket
                .write_all(upload_answer(header("content-range")).as_bytes())
                .await
                .is_ok()
        };
        if !ok {
            return;
        }
    }
}

/// `202` with the next range until the piece that ends the file, then `201` with an item.
fn upload_answer(range: Option<String>) -> String {
    let (end, total) = range
        .as_deref()
        .and_then(|r| r.strip_prefix("bytes "))
        .and_then(|r| r.split_once('/'))
        .and_then(|(span, total)| {
            Some((
                span.split_once('-')?.1.parse::<u64>().ok()?,
                total.parse::<u64>().ok()?,
            ))
        })
        .unwrap_or((0, 0));
    let (status, body) = if total > 0 && end + 1 < total {
        (202, format!(r#"{{"nextExpectedRanges":["{}-"]}}"#, end + 1))
    } else {
        (201, r#"{"id":"01NEW","name":"big.bin"}"#.to_owned())
    };
    format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// `GET .../{size}/content`: `size` bytes, written 256 KiB at a time from one buffer.
async fn send_body(socket: &mut TcpStream, size: u64) -> bool {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {size}\r\n\r\n"
    );
    if socket.write_all(head.as_bytes()).await.is_err() {
        return false;
    }
    let block = vec![0x5Au8; 256 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        if socket.write_all(&block[..n]).await.is_err() {
            return false;
        }
        left -= n as u64;
    }
    true
}
