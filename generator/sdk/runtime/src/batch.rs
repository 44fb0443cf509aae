//! JSON batching (`POST /$batch`): up to 20 requests built with the ordinary builders in one round
//! trip, each answer read back into its operation's typed result. Graph throttles the steps of a
//! batch on their own, so a throttled step (and what failed only because it depended on one) is
//! sent again in a smaller batch, within the retry policy.

use ::std::collections::{BTreeMap, BTreeSet};
use ::std::marker::PhantomData;
use ::std::time::{Duration, Instant};

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::client::Client;
use super::error::Error;
use super::operation::Operation;
use super::request::RequestSpec;
use super::retry::{is_retryable, retry_after, RetryPolicy};

/// The most requests Graph accepts in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// A batch being assembled.
#[derive(Debug)]
pub struct Batch {
    client: Client,
    steps: ::std::vec::Vec<Step>,
    retry: Option<RetryPolicy>,
}

/// A request's place in a batch; read its result from the [`BatchResponse`] with it.
#[derive(Debug)]
pub struct BatchItem<O> {
    id: ::std::string::String,
    _operation: PhantomData<fn() -> O>,
}

impl<O> BatchItem<O> {
    /// The request's `id` in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

#[derive(Clone, Debug, Serialize)]
struct Step {
    id: ::std::string::String,
    method: ::std::string::String,
    url: ::std::string::String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<::std::string::String, ::std::string::String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<serde_json::Value>,
    #[serde(rename = "dependsOn", skip_serializing_if = "<[_]>::is_empty")]
    depends_on: ::std::vec::Vec<::std::string::String>,
}

impl Batch {
    /// An empty batch sent through `client`.
    pub fn new(client: &Client) -> Self {
        Batch {
            client: client.clone(),
            steps: ::std::vec::Vec::new(),
            retry: None,
        }
    }

    /// Retries throttled steps (and the whole batch) by `policy` instead of the client's policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// How many requests the batch holds.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether the batch holds no request.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Adds a request. Fails past [`MAX_BATCH_REQUESTS`]: send this batch and start another.
    pub fn add<O: Operation>(&mut self, operation: &O) -> Result<BatchItem<O>, Error> {
        self.add_after(operation, &[])
    }

    /// Adds a request that Graph runs only after `depends_on` (ids of earlier items) succeeded.
    pub fn add_after<O: Operation>(
        &mut self,
        operation: &O,
        depends_on: &[&str],
    ) -> Result<BatchItem<O>, Error> {
        if self.steps.len() >= MAX_BATCH_REQUESTS {
            return Err(Error::InvalidRequest(format!(
                "a batch holds at most {MAX_BATCH_REQUESTS} requests; send this one and start another"
            )));
        }
        if let Some(missing) = depends_on
            .iter()
            .find(|d| !self.steps.iter().any(|s| s.id == **d))
        {
            return Err(Error::InvalidRequest(format!(
                "`dependsOn` names `{missing}`, which is not in the batch"
            )));
        }
        let request = operation.to_http_request()?;
        let id = (self.steps.len() + 1).to_string();
        self.steps.push(self.step(&id, request, depends_on)?);
        Ok(BatchItem {
            id,
            _operation: PhantomData,
        })
    }

    fn step(
        &self,
        id: &str,
        request: http::Request<::std::vec::Vec<u8>>,
        depends_on: &[&str],
    ) -> Result<Step, Error> {
        let root = format!("{}/{}", self.client.base_url(), self.client.api_version());
        let url = request.uri().to_string();
        let relative = url
            .strip_prefix(&root)
            .ok_or_else(|| {
                Error::InvalidRequest(format!(
                    "`{url}` is not below `{root}`; a batch cannot carry it"
                ))
            })?
            .to_owned();
        let headers = request
            .headers()
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "authorization" | "user-agent" | "accept"))
            .filter_map(|(name, value)| {
                Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
            })
            .collect();
        let body = if request.body().is_empty() {
            None
        } else {
            Some(
                serde_json::from_slice(request.body()).map_err(|e| Error::Serialize {
                    source: ::std::sync::Arc::new(e),
                })?,
            )
        };
        Ok(Step {
            id: id.to_owned(),
            method: request.method().as_str().to_owned(),
            url: relative,
            headers,
            body,
            depends_on: depends_on.iter().map(|d| (*d).to_owned()).collect(),
        })
    }

    fn spec(&self, steps: &[Step]) -> RequestSpec {
        #[derive(Serialize)]
        struct Body<'a> {
            requests: &'a [Step],
        }
        let spec = RequestSpec::new(&self.client, http::Method::POST, "/$batch".to_owned())
            .json_body(&Body { requests: steps });
        match &self.retry {
            Some(policy) => spec.retry_policy(policy.clone()),
            None => spec,
        }
    }

    /// The `POST /$batch` request, without authentication; nothing is sent.
    pub fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        self.spec(&self.steps).to_http_request()
    }

    /// Sends the batch. A failing request inside it is not an error here: read it with
    /// [`BatchResponse::get`].
    ///
    /// Steps answered 429, 503 or 504 are sent again in a new batch after the largest
    /// `Retry-After` among them, together with the steps that failed (424) only because they
    /// depend on one; a step keeps its id, so its [`BatchItem`] reads the final answer. Attempts
    /// and total time follow the retry policy; past it, a step's answer is its last one.
    pub async fn send(self) -> Result<BatchResponse, Error> {
        let policy = self
            .retry
            .clone()
            .unwrap_or_else(|| self.client.retry_policy().clone());
        let started = Instant::now();
        let mut answers = self.send_steps(&self.steps).await?;
        let mut attempt = 1;
        loop {
            let again = self.steps_to_retry(&answers, attempt);
            if again.is_empty() || attempt >= policy.max_attempts.max(1) {
                return Ok(answers);
            }
            let wait = policy.delay(attempt, answers.largest_retry_after(&again));
            if started.elapsed() + wait > policy.max_elapsed {
                return Ok(answers);
            }
            tokio::time::sleep(wait).await;
            let retried = self.send_steps(&again).await?;
            answers.responses.extend(retried.responses);
            attempt += 1;
        }
    }

    async fn send_steps(&self, steps: &[Step]) -> Result<BatchResponse, Error> {
        let response = self.spec(steps).send().await?;
        BatchResponse::parse(response)
    }

    /// The throttled steps and, after them, the steps that failed because they depend on one;
    /// `dependsOn` keeps only what is sent again, since the rest already succeeded.
    fn steps_to_retry(&self, answers: &BatchResponse, attempt: u32) -> ::std::vec::Vec<Step> {
        let mut chosen = BTreeSet::new();
        for step in &self.steps {
            let status = answers.responses.get(&step.id).map(|r| r.status());
            let throttled = status.is_some_and(is_retryable);
            let blocked = status == Some(http::StatusCode::FAILED_DEPENDENCY)
                && step.depends_on.iter().any(|d| chosen.contains(d));
            if throttled || blocked {
                chosen.insert(step.id.clone());
            }
        }
        self.steps
            .iter()
            .filter(|s| chosen.contains(&s.id))
            .map(|s| {
                let mut step = s.clone();
                step.depends_on.retain(|d| chosen.contains(d));
                step.headers
                    .insert("retry-attempt".to_owned(), attempt.to_string());
                step
            })
            .collect()
    }
}

#[derive(Deserialize)]
struct ResponsesBody {
    responses: ::std::vec::Vec<StepResponse>,
}

#[derive(Deserialize)]
struct StepResponse {
    id: ::std::string::String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<::std::string::String, ::std::string::String>,
    #[serde(default)]
    body: Option<serde_json::Value>,
}

/// The answers of a batch, by request.
#[derive(Debug)]
pub struct BatchResponse {
    responses: BTreeMap<::std::string::String, http::Response<Bytes>>,
}

impl BatchResponse {
    /// Reads the answer to a `POST /$batch`.
    pub fn parse(response: http::Response<Bytes>) -> Result<Self, Error> {
        let body: ResponsesBody = super::response::json(response)?;
        let mut responses = BTreeMap::new();
        for step in body.responses {
            let bytes = match step.body {
                None | Some(serde_json::Value::Null) => Bytes::new(),
                Some(value) => {
                    Bytes::from(serde_json::to_vec(&value).map_err(|e| Error::Serialize {
                        source: ::std::sync::Arc::new(e),
                    })?)
                }
            };
            let mut response = http::Response::new(bytes);
            *response.status_mut() = http::StatusCode::from_u16(step.status).map_err(|_| {
                Error::InvalidRequest(format!(
                    "batch answer `{}` has status {}",
                    step.id, step.status
                ))
            })?;
            for (name, value) in &step.headers {
                if let (Ok(n), Ok(v)) = (
                    http::HeaderName::try_from(name.as_str()),
                    http::HeaderValue::try_from(value.as_str()),
                ) {
                    response.headers_mut().insert(n, v);
                }
            }
            responses.insert(step.id, response);
        }
        Ok(BatchResponse { responses })
    }

    /// The typed result of one request of the batch: its output, or its error.
    pub fn get<O: Operation>(&self, item: &BatchItem<O>) -> Result<O::Output, Error> {
        let response = self.responses.get(&item.id).ok_or_else(|| {
            Error::InvalidRequest(format!(
                "the batch answer has no response for request `{}`",
                item.id
            ))
        })?;
        let mut copy = http::Response::new(response.body().clone());
        *copy.status_mut() = response.status();
        *copy.headers_mut() = response.headers().clone();
        O::parse_response(copy)
    }

    /// The longest `Retry-After` among the answers to `steps`.
    fn largest_retry_after(&self, steps: &[Step]) -> Option<Duration> {
        let now = ::std::time::SystemTime::now();
        steps
            .iter()
            .filter_map(|s| retry_after(self.responses.get(&s.id)?.headers(), now))
            .max()
    }

    /// The HTTP status of one request of the batch.
    pub fn status<O>(&self, item: &BatchItem<O>) -> Option<http::StatusCode> {
        self.responses.get(&item.id).map(|r| r.status())
    }
}
