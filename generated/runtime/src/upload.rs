//! Large files through an upload session (`createUploadSession` of a drive item, a mail or event
//! attachment): the file goes in pieces to a pre-authenticated URL, each with `Content-Range`,
//! and an upload that loses its connection or meets a 5xx resumes where the service says.

use ::std::time::SystemTime;

use bytes::{Bytes, BytesMut};
use serde::de::DeserializeOwned;
use tokio::io::{AsyncRead, AsyncReadExt};

use super::client::Client;
use super::error::Error;
use super::retry::{retry_after, RetryPolicy};

/// Every piece but the last is a multiple of this many bytes (320 KiB), as the service requires.
pub const UPLOAD_CHUNK_UNIT: usize = 320 * 1024;
/// The largest piece the service takes (60 MiB).
pub const MAX_UPLOAD_CHUNK: usize = 60 * 1024 * 1024;

/// How far an upload has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes the service has acknowledged.
    pub uploaded: u64,
    /// The size of the file.
    pub total: u64,
}

type ProgressFn = ::std::boxed::Box<dyn Fn(UploadProgress) + Send + Sync>;

/// An upload of one file through an upload session's URL.
pub struct LargeFileUpload {
    client: Client,
    upload_url: ::std::string::String,
    total: u64,
    chunk_size: usize,
    retry: RetryPolicy,
    progress: Option<ProgressFn>,
}

impl ::std::fmt::Debug for LargeFileUpload {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        // The upload URL is a credential of its own: it is not shown.
        f.debug_struct("LargeFileUpload")
            .field("total", &self.total)
            .field("chunk_size", &self.chunk_size)
            .finish_non_exhaustive()
    }
}

/// What the piece that completed the file was answered with.
#[derive(Clone, Debug)]
pub struct Uploaded<T> {
    /// The created item, when the answer carries it (drive items do; attachments answer
    /// `201 Created` with only a `Location`).
    pub item: Option<T>,
    /// The `Location` header, when there is one.
    pub location: Option<::std::string::String>,
}

impl<T> Uploaded<T> {
    /// The created item, or an error when the answer carried none.
    pub fn into_item(self) -> Result<T, Error> {
        self.item.ok_or_else(|| {
            Error::InvalidRequest(
                "the upload finished without the created item in its answer".into(),
            )
        })
    }
}

impl LargeFileUpload {
    /// An upload of `total` bytes to `upload_url` (an upload session's `uploadUrl`), in pieces
    /// of 10 MiB, retried by the client's policy. The URL is pre-authenticated: requests to it
    /// never carry the client's token.
    pub fn new(client: &Client, upload_url: impl Into<::std::string::String>, total: u64) -> Self {
        LargeFileUpload {
            client: client.clone(),
            upload_url: upload_url.into(),
            total,
            chunk_size: 32 * UPLOAD_CHUNK_UNIT,
            retry: client.retry_policy().clone(),
            progress: None,
        }
    }

    /// The size of each piece: a multiple of 320 KiB ([`UPLOAD_CHUNK_UNIT`]), at most 60 MiB.
    pub fn chunk_size(mut self, bytes: usize) -> Result<Self, Error> {
        if bytes == 0 || bytes % UPLOAD_CHUNK_UNIT != 0 || bytes > MAX_UPLOAD_CHUNK {
            return Err(Error::InvalidRequest(format!(
                "a piece of {bytes} bytes is not a multiple of 320 KiB up to 60 MiB"
            )));
        }
        self.chunk_size = bytes;
        Ok(self)
    }

    /// How often a piece is tried again after a dropped connection or a 5xx, and how long to wait.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Called after every piece the service acknowledged.
    pub fn on_progress(mut self, report: impl Fn(UploadProgress) + Send + Sync + 'static) -> Self {
        self.progress = Some(::std::boxed::Box::new(report));
        self
    }

    /// Uploads bytes borrowed from memory, copying one piece at a time.
    pub async fn upload_bytes<T: DeserializeOwned>(
        self,
        bytes: &[u8],
    ) -> Result<Uploaded<T>, Error> {
        self.upload(bytes).await
    }

    /// Uploads bytes owned in memory: every piece is a view of them, nothing is copied.
    pub async fn upload_shared<T: DeserializeOwned>(
        self,
        bytes: Bytes,
    ) -> Result<Uploaded<T>, Error> {
        let pending = Pending {
            start: 0,
            read: bytes.len() as u64,
            segments: ::std::collections::VecDeque::from([bytes]),
        };
        self.send_pieces(pending, tokio::io::empty()).await
    }

    /// Uploads what `reader` yields (a file, a socket), holding one piece in memory at a time.
    pub async fn upload<T: DeserializeOwned, R: AsyncRead + Unpin>(
        self,
        reader: R,
    ) -> Result<Uploaded<T>, Error> {
        self.send_pieces(Pending::default(), reader).await
    }

    async fn send_pieces<T: DeserializeOwned, R: AsyncRead + Unpin>(
        self,
        mut pending: Pending,
        mut reader: R,
    ) -> Result<Uploaded<T>, Error> {
        let mut offset = 0u64;
        let mut failures = 0u32;
        loop {
            let end = (offset + self.chunk_size as u64).min(self.total);
            pending.acknowledge(offset)?;
            pending.fill(&mut reader, end).await?;
            let piece = pending.slice(offset, end);
            // The next piece is read while this one is on the wire.
            let next_end = (end + self.chunk_size as u64).min(self.total);
            let (outcome, read_ahead) = futures_util::future::join(
                self.put(piece, offset, end),
                pending.fill(&mut reader, next_end),
            )
            .await;
            read_ahead?;
            match outcome? {
                Answer::Done(done) => return read_done(done),
                Answer::Next(next) => {
                    failures = 0;
                    offset = next.unwrap_or(end);
                    self.report(offset);
                }
                Answer::Resume(wait) => {
                    failures += 1;
                    if failures >= self.retry.max_attempts.max(1) {
                        return Err(Error::InvalidRequest(format!(
                            "the upload stopped at byte {offset} of {} after {failures} failed attempts",
                            self.total
                        )));
                    }
                    tokio::time::sleep(self.retry.delay(failures, wait)).await;
                    offset = self.resume_point(offset).await;
                }
            }
        }
    }

    /// The byte ranges the service is still missing: `(start, end)`, `end` open when absent.
    pub async fn missing_ranges(&self) -> Result<::std::vec::Vec<(u64, Option<u64>)>, Error> {
        let request = http::Request::get(&self.upload_url)
            .body(Bytes::new())
            .map_err(|e| Error::InvalidRequest(format!("upload URL: {e}")))?;
        let response = self.client.send_unauthenticated(request).await?;
        let body: RangesBody = super::response::json(response)?;
        Ok(body
            .next_expected_ranges
            .iter()
            .filter_map(|r| parse_range(r))
            .collect())
    }

    /// Ends the session; the service drops what it received.
    pub async fn cancel(self) -> Result<(), Error> {
        let request = http::Request::delete(&self.upload_url)
            .body(Bytes::new())
            .map_err(|e| Error::InvalidRequest(format!("upload URL: {e}")))?;
        super::response::empty(self.client.send_unauthenticated(request).await?)
    }

    async fn put(&self, piece: Bytes, start: u64, end: u64) -> Result<Answer, Error> {
        let range = if end > start {
            format!("bytes {start}-{}/{}", end - 1, self.total)
        } else {
            format!("bytes */{}", self.total)
        };
        let request = http::Request::put(&self.upload_url)
            .header(http::header::CONTENT_RANGE, range)
            .body(piece)
            .map_err(|e| Error::InvalidRequest(format!("upload URL: {e}")))?;
        let response = match self.client.send_unauthenticated(request).await {
            Ok(response) => response,
            Err(Error::Transport { .. } | Error::Timeout(_)) => return Ok(Answer::Resume(None)),
            Err(other) => return Err(other),
        };
        let status = response.status();
        let wait = retry_after(response.headers(), SystemTime::now());
        match status.as_u16() {
            200 | 201 => Ok(Answer::Done(response)),
            202 => {
                let body: RangesBody = super::response::json(response).unwrap_or_default();
                let next = body
                    .next_expected_ranges
                    .first()
                    .and_then(|r| parse_range(r));
                Ok(Answer::Next(next.map(|(start, _)| start)))
            }
            // 416: the service already has this range; ask where it stands.
            416 | 429 | 500..=599 => Ok(Answer::Resume(wait)),
            _ => Err(super::response::failure(&response)),
        }
    }

    /// Where to go on after a failure: the first missing byte, as the service says; where we
    /// were when the service cannot be asked.
    async fn resume_point(&self, fallback: u64) -> u64 {
        match self.missing_ranges().await {
            Ok(ranges) => ranges.first().map_or(fallback, |(start, _)| *start),
            Err(_) => fallback,
        }
    }

    fn report(&self, uploaded: u64) {
        if let Some(report) = &self.progress {
            report(UploadProgress {
                uploaded,
                total: self.total,
            });
        }
    }
}

enum Answer {
    Done(http::Response<Bytes>),
    Next(Option<u64>),
    Resume(Option<::std::time::Duration>),
}

fn read_done<T: DeserializeOwned>(response: http::Response<Bytes>) -> Result<Uploaded<T>, Error> {
    let location = response
        .headers()
        .get(http::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let item = super::response::json_or_empty(response)?;
    Ok(Uploaded { item, location })
}

#[derive(Default, serde::Deserialize)]
struct RangesBody {
    #[serde(rename = "nextExpectedRanges", default)]
    next_expected_ranges: ::std::vec::Vec<::std::string::String>,
}

/// `"26-"` or `"0-1023"`.
fn parse_range(text: &str) -> Option<(u64, Option<u64>)> {
    let (start, end) = text.trim().split_once('-')?;
    let start = start.trim().parse().ok()?;
    let end = match end.trim() {
        "" => None,
        end => Some(end.parse().ok()?),
    };
    Some((start, end))
}

/// The bytes read from the source and not yet acknowledged, as the pieces they were read for:
/// a piece is sent (and sent again after a failure) as a view of its segment, without a copy.
#[derive(Default)]
struct Pending {
    /// The file offset of the first byte held.
    start: u64,
    /// How far the source has been read.
    read: u64,
    segments: ::std::collections::VecDeque<Bytes>,
}

impl Pending {
    /// Drops what comes before `offset`, which the service has.
    fn acknowledge(&mut self, offset: u64) -> Result<(), Error> {
        if offset < self.start {
            return Err(Error::InvalidRequest(format!(
                "the service asks for byte {offset} again, which the source has already passed"
            )));
        }
        while let Some(front) = self.segments.front_mut() {
            let len = front.len() as u64;
            if self.start + len <= offset {
                self.start += len;
                self.segments.pop_front();
            } else {
                *front = front.slice((offset - self.start) as usize..);
                break;
            }
        }
        self.start = offset;
        Ok(())
    }

    /// Reads the source up to `offset` (skipping what the service already has), as one segment.
    async fn fill<R: AsyncRead + Unpin>(
        &mut self,
        reader: &mut R,
        offset: u64,
    ) -> Result<(), Error> {
        let from = self.read.max(self.start);
        if offset <= from {
            return Ok(());
        }
        let skip = from - self.read;
        let mut more = BytesMut::with_capacity((skip + offset - from) as usize);
        while (more.len() as u64) < skip + offset - from {
            let read = reader
                .read_buf(&mut more)
                .await
                .map_err(|e| Error::transport("could not read the file being uploaded", e))?;
            if read == 0 {
                return Err(Error::InvalidRequest(format!(
                    "the source ended at byte {} of the {offset} announced",
                    self.read + more.len() as u64
                )));
            }
        }
        self.read = offset;
        self.segments
            .push_back(more.freeze().slice(skip as usize..));
        Ok(())
    }

    /// Bytes `from..to` (held since `fill`): a view of one segment, or a copy when a resumed
    /// offset makes the piece span two.
    fn slice(&self, from: u64, to: u64) -> Bytes {
        let wanted = (to - from) as usize;
        let skip = (from - self.start) as usize;
        match self.segments.front() {
            Some(first) if first.len() >= skip + wanted => first.slice(skip..skip + wanted),
            _ => {
                let mut joined = BytesMut::with_capacity(wanted);
                for segment in &self.segments {
                    joined.extend_from_slice(segment);
                }
                joined.freeze().slice(skip..skip + wanted)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading from a slice never waits, so no runtime is needed (standalone crates have none
    /// in their tests).
    fn fill(pending: &mut Pending, reader: &mut &[u8], offset: u64) {
        use futures_util::FutureExt as _;
        pending
            .fill(reader, offset)
            .now_or_never()
            .expect("a slice is read at once")
            .unwrap();
    }

    #[test]
    fn pieces_are_views_and_a_resume_inside_a_piece_is_served_from_what_was_read() {
        let data: ::std::vec::Vec<u8> = (0..100u8).collect();
        let mut reader = &data[..];
        let mut pending = Pending::default();
        fill(&mut pending, &mut reader, 40);
        fill(&mut pending, &mut reader, 80);
        assert_eq!(&pending.slice(0, 40)[..], &data[..40]);
        // The service kept 30 bytes of the first piece: the next piece spans two segments.
        pending.acknowledge(30).unwrap();
        assert_eq!(&pending.slice(30, 70)[..], &data[30..70]);
        assert!(pending.acknowledge(10).is_err());
        // The service has more than was read: the source is skipped up to it.
        pending.acknowledge(90).unwrap();
        fill(&mut pending, &mut reader, 100);
        assert_eq!(&pending.slice(90, 100)[..], &data[90..]);
    }

    /// Attachments answer the last piece with `201 Created`, a `Location` and no body.
    #[test]
    fn a_finished_upload_without_a_body_gives_its_location() {
        let mut response = http::Response::new(Bytes::new());
        *response.status_mut() = http::StatusCode::CREATED;
        response.headers_mut().insert(
            http::header::LOCATION,
            http::HeaderValue::from_static(
                "https://graph.example/v1.0/me/messages/m/attachments/a",
            ),
        );
        let done: Uploaded<serde_json::Value> = read_done(response).unwrap();
        assert!(done.item.is_none());
        assert!(done.location.unwrap().ends_with("/attachments/a"));
        let empty: Uploaded<serde_json::Value> = Uploaded {
            item: None,
            location: None,
        };
        assert!(empty.into_item().is_err());
    }

    #[test]
    fn ranges_are_read_open_or_closed() {
        assert_eq!(parse_range("26-"), Some((26, None)));
        assert_eq!(parse_range(" 0-1023 "), Some((0, Some(1023))));
        assert_eq!(parse_range("x-"), None);
    }
}
