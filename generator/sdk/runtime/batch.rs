//! JSON batching (`POST /$batch`): up to 20 requests built with the ordinary builders in one round
//! trip, each answer read back into its operation's typed result.

use ::std::collections::BTreeMap;
use ::std::marker::PhantomData;

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::client::Client;
use super::error::Error;
use super::operation::Operation;
use super::request::RequestSpec;

/// The most requests Graph accepts in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// A batch being assembled.
#[derive(Debug)]
pub struct Batch {
    client: Client,
    steps: ::std::vec::Vec<Step>,
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

#[derive(Debug, Serialize)]
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
        }
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

    fn spec(&self) -> RequestSpec {
        #[derive(Serialize)]
        struct Body<'a> {
            requests: &'a [Step],
        }
        RequestSpec::new(&self.client, http::Method::POST, "/$batch".to_owned()).json_body(&Body {
            requests: &self.steps,
        })
    }

    /// The `POST /$batch` request, without authentication; nothing is sent.
    pub fn to_http_request(&self) -> Result<http::Request<::std::vec::Vec<u8>>, Error> {
        self.spec().to_http_request()
    }

    /// Sends the batch. A failing request inside it is not an error here: read it with
    /// [`BatchResponse::get`].
    pub async fn send(self) -> Result<BatchResponse, Error> {
        let response = self.spec().send().await?;
        BatchResponse::parse(response)
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

    /// The HTTP status of one request of the batch.
    pub fn status<O>(&self, item: &BatchItem<O>) -> Option<http::StatusCode> {
        self.responses.get(&item.id).map(|r| r.status())
    }
}
