//! Batches whose steps Graph throttles on their own: what is sent again, when, and what each
//! step's typed result finally is. Servers on 127.0.0.1.

use std::time::{Duration, Instant};

use graph_typed::models::EnterpriseCodeSigningCertificate;
use graph_typed::runtime::{Batch, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{certificate, certificates, client, received_bodies};

/// Answers the next `POST /$batch` with `responses`, once.
async fn answer_once(server: &MockServer, responses: Value) {
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "responses": responses })))
        .up_to_n_times(1)
        .mount(server)
        .await;
}

fn throttled(retry_after: &str) -> Value {
    json!({"status": 429, "headers": {"Retry-After": retry_after, "content-type": "application/json"},
           "body": {"error": {"code": "TooManyRequests", "message": "throttled"}}})
}

fn with_id(id: &str, mut answer: Value) -> Value {
    answer["id"] = json!(id);
    answer
}

/// The ids a sent batch carried, with each step's `dependsOn` and `retry-attempt` header.
fn steps(batch: &Value) -> Vec<(String, Value, Value)> {
    batch["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r.get("dependsOn").cloned().unwrap_or(json!([])),
                r["headers"]["retry-attempt"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_step_throttled_once_is_sent_again_alone_after_the_largest_retry_after() {
    let server = MockServer::start().await;
    answer_once(
        &server,
        json!([
            {"id": "1", "status": 200, "body": certificate("a")},
            with_id("2", throttled("1")),
            with_id("3", throttled("0")),
        ]),
    )
    .await;
    answer_once(
        &server,
        json!([
            {"id": "2", "status": 200, "body": certificate("b")},
            {"id": "3", "status": 200, "body": certificate("c")},
        ]),
    )
    .await;
    let client = client(&server);
    let items = certificates(&client);
    // Waits of up to 5 s are allowed, so the step's `Retry-After: 1` is what sets the wait.
    let policy = RetryPolicy {
        max_delay: Duration::from_secs(5),
        ..common::fast_retries()
    };
    let mut batch = Batch::new(&client).retry_policy(policy);
    let a = batch.add(&items.by_id("a").get()).unwrap();
    let b = batch.add(&items.by_id("b").get()).unwrap();
    let c = batch.add(&items.by_id("c").get()).unwrap();
    let started = Instant::now();
    let answers = batch.send().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After ignored"
    );
    for (item, id) in [(&a, "a"), (&b, "b"), (&c, "c")] {
        let cert = answers.get(item).unwrap();
        assert_eq!(cert.id.value().map(String::as_str), Some(id));
    }
    let sent = received_bodies(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(steps(&sent[0]).len(), 3);
    assert_eq!(
        steps(&sent[1]),
        vec![
            ("2".to_owned(), json!([]), json!("1")),
            ("3".to_owned(), json!([]), json!("1")),
        ]
    );
    assert_eq!(sent[1]["requests"][0]["url"], sent[0]["requests"][1]["url"]);
}

#[tokio::test]
async fn a_step_throttled_past_the_policy_keeps_its_last_answer() {
    let server = MockServer::start().await;
    answer_once(
        &server,
        json!([{"id": "1", "status": 201, "body": certificate("new")}, with_id("2", throttled("0"))]),
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"responses": [with_id("2", throttled("0"))]})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let items = certificates(&client);
    let mut batch = Batch::new(&client);
    let created = batch
        .add(&items.create(&EnterpriseCodeSigningCertificate::default()))
        .unwrap();
    let listed = batch.add(&items.list()).unwrap();
    let answers = batch.send().await.unwrap();
    assert!(answers.get(&created).is_ok());
    let error = answers.get(&listed).unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(
        error.service_error().unwrap().code.as_deref(),
        Some("TooManyRequests")
    );
    // The policy allows three attempts: the batch and two retries of step 2 alone.
    let sent = received_bodies(&server).await;
    assert_eq!(sent.len(), 3);
    assert_eq!(
        steps(&sent[2]),
        vec![("2".to_owned(), json!([]), json!("2"))]
    );
}

#[tokio::test]
async fn a_step_that_depends_on_a_throttled_one_waits_for_it() {
    let server = MockServer::start().await;
    let failed_dependency = json!({"status": 424, "body": {"error": {"code": "FailedDependency", "message": "1 failed"}}});
    answer_once(
        &server,
        json!([
            with_id("1", throttled("0")),
            with_id("2", failed_dependency),
            {"id": "3", "status": 200, "body": certificate("c")},
            with_id("4", throttled("0")),
        ]),
    )
    .await;
    answer_once(
        &server,
        json!([
            {"id": "1", "status": 201, "body": certificate("new")},
            {"id": "2", "status": 200, "body": certificate("new")},
            {"id": "4", "status": 200, "body": certificate("d")},
        ]),
    )
    .await;
    let client = client(&server);
    let items = certificates(&client);
    let mut batch = Batch::new(&client);
    let created = batch
        .add(&items.create(&EnterpriseCodeSigningCertificate::default()))
        .unwrap();
    let read_back = batch
        .add_after(&items.by_id("new").get(), &[created.id()])
        .unwrap();
    let other = batch.add(&items.by_id("c").get()).unwrap();
    let after_other = batch
        .add_after(&items.by_id("d").get(), &[other.id()])
        .unwrap();
    let answers = batch.send().await.unwrap();
    for (item, id) in [(&read_back, "new"), (&other, "c"), (&after_other, "d")] {
        let cert = answers.get(item).unwrap();
        assert_eq!(cert.id.value().map(String::as_str), Some(id));
    }
    assert_eq!(answers.status(&created), Some(http::StatusCode::CREATED));
    let sent = received_bodies(&server).await;
    assert_eq!(sent.len(), 2);
    // Step 2 still waits for step 1; step 4's dependency (3) already succeeded.
    assert_eq!(
        steps(&sent[1]),
        vec![
            ("1".to_owned(), json!([]), json!("1")),
            ("2".to_owned(), json!(["1"]), json!("1")),
            ("4".to_owned(), json!([]), json!("1")),
        ]
    );
    assert!(
        sent[1]["requests"][0]["body"].is_object(),
        "the create body was not sent again"
    );
}
