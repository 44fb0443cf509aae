//! Long-running operations: a request answered `202 Accepted` with a `Location` (or
//! `Operation-Location`) header is awaited by polling that URL, honouring `Retry-After`, until
//! the operation ends or a deadline passes (copying a drive item, cloning a team).

use ::std::time::{Duration, Instant};

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::client::Client;
use super::error::Error;
use super::retry::retry_after;

/// What sending a request that may run long gave: its result, or a monitor to await.
#[derive(Debug)]
pub enum Started<T> {
    /// The service finished at once.
    Done(T),
    /// The service accepted the work (`202`); await it with the monitor.
    Accepted(Monitor),
}

/// Where an operation's progress is read.
#[derive(Clone, Debug)]
pub struct Monitor {
    client: Client,
    url: ::std::string::String,
    first_wait: Option<Duration>,
    interval: Duration,
}

/// How far an operation got, as its monitor says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperationState {
    /// `notStarted`.
    NotStarted,
    /// `inProgress`, `running`, `waiting`: still going.
    Running,
    /// `succeeded` or `completed`.
    Succeeded,
    /// `failed`, `cancelled`.
    Failed,
    /// A state no rule knows; treated as still going.
    Other(::std::string::String),
}

impl OperationState {
    fn from_text(text: &str) -> OperationState {
        match text.to_ascii_lowercase().as_str() {
            "notstarted" => OperationState::NotStarted,
            "inprogress" | "running" | "waiting" | "updating" => OperationState::Running,
            "succeeded" | "completed" => OperationState::Succeeded,
            "failed" | "cancelled" | "canceled" => OperationState::Failed,
            _ => OperationState::Other(text.to_owned()),
        }
    }

    /// Whether the operation is over, one way or the other.
    pub fn is_final(&self) -> bool {
        matches!(self, OperationState::Succeeded | OperationState::Failed)
    }
}

/// One reading of a monitor.
#[derive(Clone, Debug)]
pub struct OperationStatus {
    /// The state.
    pub state: OperationState,
    /// `percentageComplete`, when the service gives it.
    pub percentage_complete: Option<f64>,
    /// `resourceId`: the id of what the operation made (a copied drive item).
    pub resource_id: Option<::std::string::String>,
    /// `resourceLocation` or `targetResourceLocation`, or a `303`'s `Location`: where the result is.
    pub resource_location: Option<::std::string::String>,
    /// The monitor's whole body; the result itself when the monitor answered with it.
    pub body: serde_json::Value,
    retry_after: Option<Duration>,
}

impl Monitor {
    /// The monitor a `202 Accepted` names in `Location` or `Operation-Location`; `None` for any
    /// other response.
    pub fn from_response(client: &Client, response: &http::Response<Bytes>) -> Option<Monitor> {
        if response.status() != http::StatusCode::ACCEPTED {
            return None;
        }
        let headers = response.headers();
        let location = headers
            .get("operation-location")
            .or_else(|| headers.get(http::header::LOCATION))?
            .to_str()
            .ok()?;
        Some(Monitor {
            client: client.clone(),
            url: absolute_url(client, location),
            first_wait: retry_after(headers, ::std::time::SystemTime::now()),
            interval: Duration::from_secs(2),
        })
    }

    /// A monitor for a URL saved earlier.
    pub fn resume(client: &Client, url: &str) -> Monitor {
        Monitor {
            client: client.clone(),
            url: absolute_url(client, url),
            first_wait: None,
            interval: Duration::from_secs(2),
        }
    }

    /// The URL being polled (pre-authenticated monitors get no token: they are not Graph's host).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The wait between polls when the service gives no `Retry-After` (default 2 s).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Reads the monitor once.
    pub async fn poll(&self) -> Result<OperationStatus, Error> {
        let response = get(&self.client, &self.url).await?;
        read_status(&self.client, response)
    }

    /// Polls until the operation ends: its final status when it succeeded,
    /// [`Error::OperationFailed`] when it failed, [`Error::Timeout`] when `deadline` passes first.
    pub async fn wait(self, deadline: Duration) -> Result<OperationStatus, Error> {
        let started = Instant::now();
        let mut wait = self.first_wait.unwrap_or(Duration::ZERO);
        loop {
            let remaining = deadline.saturating_sub(started.elapsed());
            if wait > remaining {
                return Err(Error::Timeout(deadline));
            }
            tokio::time::sleep(wait).await;
            let status = self.poll().await?;
            match status.state {
                OperationState::Succeeded => return Ok(status),
                OperationState::Failed => return Err(failure(&status)),
                _ => wait = status.retry_after.unwrap_or(self.interval),
            }
        }
    }

    /// [`Monitor::wait`], then reads what the operation made as `T`.
    pub async fn wait_for<T: DeserializeOwned>(self, deadline: Duration) -> Result<T, Error> {
        let client = self.client.clone();
        self.wait(deadline).await?.resource(&client).await
    }
}

impl OperationStatus {
    /// What the operation made: fetched from its location, or read from the monitor's body when
    /// the monitor answered with the result itself.
    pub async fn resource<T: DeserializeOwned>(&self, client: &Client) -> Result<T, Error> {
        if let Some(location) = &self.resource_location {
            let response = get(client, &absolute_url(client, location)).await?;
            return super::response::json(response);
        }
        if self.body.get("status").is_none() && self.body.is_object() {
            return serde_json::from_value(self.body.clone()).map_err(|source| {
                Error::Deserialize {
                    type_name: ::std::any::type_name::<T>(),
                    path: ::std::string::String::new(),
                    source,
                }
            });
        }
        Err(Error::InvalidRequest(format!(
            "the operation gives no location for its result{}; read it by id",
            self.resource_id
                .as_deref()
                .map(|id| format!(" (resource id `{id}`)"))
                .unwrap_or_default()
        )))
    }
}

/// A `GET` of `url` through the client: the token goes only to Graph's host.
async fn get(client: &Client, url: &str) -> Result<http::Response<Bytes>, Error> {
    let request = http::Request::get(url)
        .header(http::header::ACCEPT, "application/json")
        .body(::std::vec::Vec::new())
        .map_err(|e| Error::InvalidRequest(format!("URL `{url}`: {e}")))?;
    client.execute(request, None).await
}

fn read_status(client: &Client, response: http::Response<Bytes>) -> Result<OperationStatus, Error> {
    let retry_after = retry_after(response.headers(), ::std::time::SystemTime::now());
    if response.status().is_redirection() {
        // `303 See Other` to the result, when the transport does not follow it itself.
        let location = response
            .headers()
            .get(http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(|l| absolute_url(client, l));
        return Ok(OperationStatus {
            state: OperationState::Succeeded,
            percentage_complete: None,
            resource_id: None,
            resource_location: location,
            body: serde_json::Value::Null,
            retry_after,
        });
    }
    let body: serde_json::Value = if response.body().iter().all(u8::is_ascii_whitespace) {
        super::response::empty(response).map(|()| serde_json::Value::Null)?
    } else {
        super::response::json(response)?
    };
    let text = |name: &str| body.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let state = match text("status") {
        Some(status) => OperationState::from_text(&status),
        // A body without a status is the result itself; no body means not done yet.
        None if body.is_object() => OperationState::Succeeded,
        None => OperationState::Running,
    };
    Ok(OperationStatus {
        state,
        percentage_complete: body.get("percentageComplete").and_then(|v| v.as_f64()),
        resource_id: text("resourceId"),
        resource_location: text("resourceLocation").or_else(|| text("targetResourceLocation")),
        retry_after,
        body,
    })
}

fn failure(status: &OperationStatus) -> Error {
    let error = status.body.get("error");
    let message = error
        .and_then(|e| e.get("message").or_else(|| e.get("code")))
        .and_then(|m| m.as_str())
        .map(str::to_owned);
    let state = status
        .body
        .get("status")
        .and_then(|s| s.as_str())
        .unwrap_or("failed");
    Error::OperationFailed {
        status: state.to_owned(),
        message,
    }
}

/// An absolute URL for a `Location` the service gave: absolute already, below the version
/// root (`/teams('x')/operations('y')`), or below the host (`/v1.0/...`).
fn absolute_url(client: &Client, location: &str) -> ::std::string::String {
    if location.starts_with("http://") || location.starts_with("https://") {
        return location.to_owned();
    }
    let path = location.trim_start_matches('/');
    let version = client.api_version();
    if path.starts_with(&format!("{version}/")) {
        format!("{}/{path}", client.base_url())
    } else {
        format!("{}/{version}/{path}", client.base_url())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::builder()
            .base_url("https://graph.example")
            .build()
            .unwrap()
    }

    /// A transport that does not follow redirects hands the monitor a `303`: the operation is
    /// done and the result is where it points.
    #[test]
    fn a_see_other_is_success_with_the_result_location() {
        let mut response = http::Response::new(Bytes::new());
        *response.status_mut() = http::StatusCode::SEE_OTHER;
        response.headers_mut().insert(
            http::header::LOCATION,
            http::HeaderValue::from_static("/drives/d/items/new"),
        );
        let status = read_status(&client(), response).unwrap();
        assert_eq!(status.state, OperationState::Succeeded);
        assert_eq!(
            status.resource_location.as_deref(),
            Some("https://graph.example/v1.0/drives/d/items/new")
        );
    }

    #[test]
    fn locations_are_made_absolute_once() {
        let c = client();
        assert_eq!(
            absolute_url(&c, "https://up.example/m"),
            "https://up.example/m"
        );
        assert_eq!(
            absolute_url(&c, "/v1.0/ops/1"),
            "https://graph.example/v1.0/ops/1"
        );
        assert_eq!(
            absolute_url(&c, "ops/1"),
            "https://graph.example/v1.0/ops/1"
        );
        assert_eq!(
            OperationState::from_text("notStarted"),
            OperationState::NotStarted
        );
        assert!(!OperationState::from_text("queued").is_final());
    }
}
