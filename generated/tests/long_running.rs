//! Long-running operations: `202 Accepted` with a monitor, polled on 127.0.0.1 until done.

use std::time::{Duration, Instant};

use graph_typed::models::EnterpriseCodeSigningCertificate;
use graph_typed::runtime::{Monitor, OperationState, Started};
use graph_typed::Error;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{certificate, certificates, client, COLLECTION, TOKEN};

async fn accept_create(server: &MockServer, location_header: &str, location: &str) {
    Mock::given(method("POST"))
        .and(path(COLLECTION))
        .respond_with(ResponseTemplate::new(202).insert_header(location_header, location))
        .expect(1)
        .mount(server)
        .await;
}

async fn start(server: &MockServer) -> Monitor {
    let started = certificates(&client(server))
        .create(&EnterpriseCodeSigningCertificate::default())
        .start()
        .await
        .unwrap();
    match started {
        Started::Accepted(monitor) => monitor,
        Started::Done(_) => panic!("a 202 is not a finished operation"),
    }
}

/// Team cloning's shape: a monitor below the version root, Graph's token on every poll,
/// `Retry-After` honoured, then the result fetched from `targetResourceLocation`.
#[tokio::test]
async fn a_relative_monitor_is_polled_after_retry_after_and_the_result_fetched() {
    let server = MockServer::start().await;
    let monitor_path = "/v1.0/deviceAppManagement/operations('op1')";
    accept_create(
        &server,
        "location",
        "/deviceAppManagement/operations('op1')",
    )
    .await;
    Mock::given(method("GET"))
        .and(path(monitor_path))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"status": "inProgress", "percentageComplete": 40})),
        )
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(monitor_path))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "succeeded",
            "targetResourceLocation": "/deviceAppManagement/enterpriseCodeSigningCertificates/new"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{COLLECTION}/new")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(certificate("new")))
        .expect(1)
        .mount(&server)
        .await;
    let monitor = start(&server).await;
    assert_eq!(monitor.url(), format!("{}{monitor_path}", server.uri()));
    let first = monitor.poll().await.unwrap();
    assert_eq!(first.state, OperationState::Running);
    assert_eq!(first.percentage_complete, Some(40.0));
    let monitor = Monitor::resume(&client(&server), monitor.url());
    let began = Instant::now();
    let created: EnterpriseCodeSigningCertificate =
        monitor.wait_for(Duration::from_secs(10)).await.unwrap();
    assert_eq!(created.id.value().map(String::as_str), Some("new"));
    // The second poll said `Retry-After: 1`; the third came no sooner.
    assert!(began.elapsed() >= Duration::from_secs(1));
    let polls: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == monitor_path)
        .collect();
    assert_eq!(polls.len(), 3);
    assert!(polls
        .iter()
        .all(|r| r.headers.get("authorization").is_some()));
}

/// Drive item copy's shape: an absolute, pre-authenticated monitor on another host gets no token.
#[tokio::test]
async fn a_monitor_on_another_host_gets_no_token_and_waits_until_completed() {
    let graph = MockServer::start().await;
    let monitor_host = MockServer::start().await;
    let monitor_url = format!("{}/monitor/abc", monitor_host.uri());
    accept_create(&graph, "location", &monitor_url).await;
    Mock::given(method("GET"))
        .and(path("/monitor/abc"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"status": "inProgress"})))
        .up_to_n_times(2)
        .mount(&monitor_host)
        .await;
    Mock::given(method("GET"))
        .and(path("/monitor/abc"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "completed", "resourceId": "01ABC"})),
        )
        .mount(&monitor_host)
        .await;
    let monitor = start(&graph).await.poll_interval(Duration::from_millis(10));
    let done = monitor.wait(Duration::from_secs(10)).await.unwrap();
    assert_eq!(done.state, OperationState::Succeeded);
    assert_eq!(done.resource_id.as_deref(), Some("01ABC"));
    let polls = monitor_host.received_requests().await.unwrap();
    assert_eq!(polls.len(), 3);
    assert!(polls
        .iter()
        .all(|r| r.headers.get("authorization").is_none()));
    // No location for the result: reading it says so, with the id to read it by.
    let error = done
        .resource::<EnterpriseCodeSigningCertificate>(&client(&graph))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("`01ABC`"), "{error}");
}

#[tokio::test]
async fn a_failed_operation_and_a_passed_deadline_are_errors() {
    let server = MockServer::start().await;
    accept_create(&server, "operation-location", "/operations/failing").await;
    Mock::given(method("GET"))
        .and(path("/v1.0/operations/failing"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"status": "failed", "error": {"code": "quotaExceeded", "message": "no room"}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/operations/slow"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "running"})))
        .mount(&server)
        .await;
    let error = start(&server)
        .await
        .wait(Duration::from_secs(10))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::OperationFailed { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the long-running operation ended as `failed`: no room"
    );
    let began = Instant::now();
    let slow = Monitor::resume(&client(&server), "/operations/slow")
        .poll_interval(Duration::from_millis(20));
    let error = slow.wait(Duration::from_millis(200)).await.unwrap_err();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert!(began.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn an_operation_that_finishes_at_once_is_done() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(COLLECTION))
        .respond_with(ResponseTemplate::new(201).set_body_json(certificate("quick")))
        .mount(&server)
        .await;
    let started = certificates(&client(&server))
        .create(&EnterpriseCodeSigningCertificate::default())
        .start()
        .await
        .unwrap();
    let Started::Done(created) = started else {
        panic!("a 201 needs no monitor")
    };
    assert_eq!(created.id.value().map(String::as_str), Some("quick"));
}
