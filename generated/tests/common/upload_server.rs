//! A server on 127.0.0.1 that acts as an upload session's URL, written on a raw socket so that
//! it can misbehave: drop a connection in the middle of a piece, or answer one piece with a 503.
//! One request per connection (`Connection: close`), which is all an upload needs.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub content_range: Option<String>,
    pub authorization: Option<String>,
    pub body_len: usize,
}

#[derive(Default)]
pub struct State {
    /// The file as received so far.
    pub received: Vec<u8>,
    pub seen: Vec<Seen>,
    /// Close the connection after reading this many bytes of the next PUT's body.
    pub drop_next_put_after: Option<usize>,
    /// Answer the next PUT with `503 Service Unavailable`, keeping nothing.
    pub fail_next_put: bool,
    /// The body of the answer to the piece that completes the file.
    pub created: String,
}

pub struct UploadServer {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

impl UploadServer {
    pub async fn start(created: serde_json::Value) -> UploadServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/up/session-1", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            created: created.to_string(),
            ..State::default()
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, shared.clone()));
            }
        });
        UploadServer { url, state }
    }
}

async fn serve(mut socket: TcpStream, state: Arc<Mutex<State>>) {
    let Some((head, mut body)) = read_head(&mut socket).await else {
        return;
    };
    let mut lines = head.lines();
    let method = lines
        .next()
        .and_then(|l| l.split(' ').next())
        .unwrap_or_default()
        .to_owned();
    let header = |name: &str| {
        head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    };
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let drop_after = if method == "PUT" {
        state.lock().unwrap().drop_next_put_after.take()
    } else {
        None
    };
    let wanted = drop_after.map_or(length, |n| n.min(length));
    while body.len() < wanted {
        let mut buffer = vec![0u8; 64 * 1024];
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => body.extend_from_slice(&buffer[..n]),
        }
    }
    state.lock().unwrap().seen.push(Seen {
        method: method.clone(),
        content_range: header("content-range"),
        authorization: header("authorization"),
        body_len: body.len(),
    });
    if drop_after.is_some() {
        // The connection dies mid-piece: nothing of it is kept, nothing is answered.
        return;
    }
    body.truncate(length);
    let answer = answer(&method, header("content-range"), &body, &state);
    let _ = socket.write_all(answer.as_bytes()).await;
    let _ = socket.shutdown().await;
}

/// The request head, and whatever part of the body came with it.
async fn read_head(socket: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut data = Vec::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).into_owned();
            return Some((head, data[end + 4..].to_vec()));
        }
        let n = socket.read(&mut buffer).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..n]);
    }
}

fn answer(method: &str, range: Option<String>, body: &[u8], state: &Mutex<State>) -> String {
    let mut state = state.lock().unwrap();
    let ranges =
        |state: &State| format!(r#"{{"nextExpectedRanges":["{}-"]}}"#, state.received.len());
    match method {
        "GET" => respond(200, &ranges(&state)),
        "DELETE" => respond(204, ""),
        "PUT" if std::mem::take(&mut state.fail_next_put) => respond(503, ""),
        "PUT" => {
            let Some((start, total)) = range.as_deref().and_then(parse_content_range) else {
                return respond(400, "");
            };
            if start != state.received.len() as u64 {
                return respond(416, &ranges(&state));
            }
            state.received.extend_from_slice(body);
            if state.received.len() as u64 == total {
                respond(201, &state.created.clone())
            } else {
                respond(202, &ranges(&state))
            }
        }
        _ => respond(405, ""),
    }
}

/// `bytes 0-327679/1000000` -> (0, 1000000).
fn parse_content_range(text: &str) -> Option<(u64, u64)> {
    let rest = text.strip_prefix("bytes ")?;
    let (span, total) = rest.split_once('/')?;
    let (start, _) = span.split_once('-')?;
    Some((start.parse().ok()?, total.parse().ok()?))
}

fn respond(status: u16, body: &str) -> String {
    format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}
