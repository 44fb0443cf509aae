//! Retrying throttled (429) and unavailable (503, 504) responses.

use ::std::time::{Duration, Instant};

use super::error::Error;

/// How a request is retried. Bodies are held in memory, so every request can be replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// No retry starts after this much time has passed since the first attempt.
    pub max_elapsed: Duration,
    /// The first backoff when the server gives no `Retry-After`; it doubles on each attempt.
    pub base_delay: Duration,
    /// The longest single wait, whatever `Retry-After` says.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_elapsed: Duration::from_secs(120),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before attempt `attempt + 1` (1-based `attempt` just failed).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_delay);
        }
        let exponential = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let capped = exponential.min(self.max_delay);
        // Full jitter on the upper half keeps clients that were throttled together apart.
        let half = capped / 2;
        half + Duration::from_nanos(fastrand::u64(
            0..=half.as_nanos().min(u64::MAX as u128) as u64,
        ))
    }
}

/// Whether a response with `status` is worth sending again: throttled or unavailable.
pub(crate) fn is_retryable(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503 | 504)
}

/// `Retry-After` as seconds or as an HTTP date.
pub fn retry_after(headers: &http::HeaderMap, now: ::std::time::SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Sends `request` until it is neither throttled nor unavailable, or the policy says stop; the
/// last response comes back with the number of attempts made. `send` is one attempt: a whole
/// body or a stream of one; a retried response's body is dropped unread.
pub(crate) async fn send_with_retries<B, F, Fut>(
    send: F,
    request: http::Request<::std::vec::Vec<u8>>,
    policy: &RetryPolicy,
) -> Result<(http::Response<B>, u32), Error>
where
    F: Fn(http::Request<::std::vec::Vec<u8>>) -> Fut,
    Fut: ::std::future::Future<Output = Result<http::Response<B>, Error>>,
{
    let started = Instant::now();
    let mut attempt = 1;
    loop {
        let mut this_try = clone_request(&request);
        if attempt > 1 {
            this_try
                .headers_mut()
                .insert("retry-attempt", http::HeaderValue::from(attempt - 1));
        }
        let response = send(this_try).await?;
        if !is_retryable(response.status()) || attempt >= policy.max_attempts.max(1) {
            return Ok((response, attempt));
        }
        let wait = policy.delay(
            attempt,
            retry_after(response.headers(), ::std::time::SystemTime::now()),
        );
        if started.elapsed() + wait > policy.max_elapsed {
            return Ok((response, attempt));
        }
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

fn clone_request(
    request: &http::Request<::std::vec::Vec<u8>>,
) -> http::Request<::std::vec::Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::RETRY_AFTER,
            http::HeaderValue::from_static("7"),
        );
        let now = ::std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        headers.insert(http::header::RETRY_AFTER, later.parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            ..RetryPolicy::default()
        };
        let first = policy.delay(1, None);
        assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
        let third = policy.delay(3, None);
        assert!(third >= Duration::from_millis(150) && third <= Duration::from_millis(300));
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(9))),
            Duration::from_millis(300)
        );
    }
}
