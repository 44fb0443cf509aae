//! The runtime against real HTTP servers on 127.0.0.1 (wiremock, and a raw socket where a
//! misbehaving server is needed).

use std::time::Duration;

use futures_util::StreamExt;
use graph_typed::models::{CertificateStatus, EnterpriseCodeSigningCertificate};
use graph_typed::runtime::{Batch, ClientCredentials, RetryPolicy};
use graph_typed::{Client, Error, Nullable, With};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

use common::{certificate, certificates, client, COLLECTION, TOKEN};

/// A client on `server` that takes its tokens from `credentials`.
fn client_with(server: &MockServer, credentials: ClientCredentials) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token_provider(credentials)
        .build()
        .unwrap()
}

#[tokio::test]
async fn sends_the_bearer_token_and_reads_the_typed_entity() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{COLLECTION}/abc")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(query_param("$select", "id,status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(certificate("abc")))
        .expect(1)
        .mount(&server)
        .await;
    let cert = certificates(&client(&server))
        .by_id("abc")
        .get()
        .select(["id", "status"])
        .send()
        .await
        .unwrap();
    assert_eq!(cert.id, Nullable::Value("abc".to_owned()));
    assert_eq!(cert.status, Nullable::Value(CertificateStatus::Provisioned));
    assert!(cert.content.is_absent());
}

/// The client asks for gzip and reads a compressed answer, as Kiota's compression handler does.
#[tokio::test]
async fn gzip_responses_are_asked_for_and_read() {
    let server = MockServer::start().await;
    let plain = serde_json::to_vec(&certificate("abc")).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, &plain).unwrap();
    let compressed = encoder.finish().unwrap();
    assert!(compressed.len() < plain.len() && compressed[..2] == [0x1f, 0x8b]);
    Mock::given(method("GET"))
        .and(path(format!("{COLLECTION}/abc")))
        .and(header("accept-encoding", "gzip"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-encoding", "gzip")
                .insert_header("content-type", "application/json")
                .set_body_bytes(compressed),
        )
        .expect(1)
        .mount(&server)
        .await;
    let cert = certificates(&client(&server))
        .by_id("abc")
        .get()
        .send()
        .await
        .unwrap();
    assert_eq!(cert.id, Nullable::Value("abc".to_owned()));
    assert_eq!(cert.status, Nullable::Value(CertificateStatus::Provisioned));
}

#[tokio::test]
async fn patch_sends_null_for_a_cleared_property_and_nothing_for_absent_ones() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{COLLECTION}/abc")))
        .respond_with(ResponseTemplate::new(200).set_body_json(certificate("abc")))
        .mount(&server)
        .await;
    let patch = EnterpriseCodeSigningCertificate::default().with(|c| {
        c.content = Nullable::Null;
        c.subject_name = "CN=New".into();
    });
    certificates(&client(&server))
        .by_id("abc")
        .update(&patch)
        .send()
        .await
        .unwrap();
    let sent: Vec<Request> = server.received_requests().await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(body, json!({"content": null, "subjectName": "CN=New"}));
}

#[tokio::test]
async fn retries_a_429_after_retry_after_with_a_retry_attempt_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(COLLECTION))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(COLLECTION))
        .and(header("retry-attempt", "1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"value": [certificate("a")]})),
        )
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let page = certificates(&client(&server)).list().send().await.unwrap();
    assert_eq!(page.value.len(), 1);
    // Retry-After said 1 s; the policy caps a wait at 50 ms, so the test stays fast.
    assert!(started.elapsed() < Duration::from_millis(900));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn exhausted_retries_give_the_last_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503).set_body_json(
                json!({"error": {"code": "serviceNotAvailable", "message": "busy"}}),
            ),
        )
        .mount(&server)
        .await;
    let error = certificates(&client(&server))
        .list()
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        error.service_error().unwrap().code.as_deref(),
        Some("serviceNotAvailable")
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn pages_are_followed_lazily_and_a_delta_link_is_handed_back() {
    let server = MockServer::start().await;
    let next = |n: u32| format!("{}{COLLECTION}?$skiptoken={n}", server.uri());
    Mock::given(method("GET"))
        .and(path(COLLECTION))
        .and(query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"value": [certificate("c"), certificate("d")], "@odata.nextLink": next(3)}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(COLLECTION))
        .and(query_param("$skiptoken", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [certificate("e")], "@odata.deltaLink": "https://graph.example/delta?token=9"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(COLLECTION))
        .and(query_param("$top", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"value": [certificate("a"), certificate("b")], "@odata.nextLink": next(2)}),
        ))
        .mount(&server)
        .await;
    let list = certificates(&client(&server)).list().top(2);

    // Lazily: taking two items reads one page only.
    let first_two: Vec<_> = list.clone().pages().into_stream().take(2).collect().await;
    assert_eq!(first_two.len(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let all = list.pages().collect_all().await.unwrap();
    let ids: Vec<_> = all
        .items
        .iter()
        .map(|c| c.id.value().cloned().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        all.delta_link.as_deref(),
        Some("https://graph.example/delta?token=9")
    );
    // Next links on the Graph host carry the token.
    for request in server.received_requests().await.unwrap() {
        assert!(request.headers.get("authorization").is_some());
    }
}

#[tokio::test]
async fn graph_error_bodies_are_typed_and_displayed() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": {
                "code": "ResourceNotFound",
                "message": "No certificate with that id.",
                "innerError": {"request-id": "req-1", "client-request-id": "client-2", "date": "2024-01-01T00:00:00"},
                "details": [{"code": "x", "message": "y", "target": "id"}]
            }
        })))
        .mount(&server)
        .await;
    let error = certificates(&client(&server))
        .by_id("missing")
        .delete()
        .send()
        .await
        .unwrap_err();
    let service = error.service_error().expect("a service error");
    assert_eq!(service.code.as_deref(), Some("ResourceNotFound"));
    assert_eq!(service.request_id.as_deref(), Some("req-1"));
    assert_eq!(service.client_request_id.as_deref(), Some("client-2"));
    assert_eq!(service.details[0].target.as_deref(), Some("id"));
    let shown = error.to_string();
    for part in [
        "404",
        "ResourceNotFound",
        "No certificate with that id.",
        "req-1",
    ] {
        assert!(shown.contains(part), "{shown}");
    }
    assert!(!shown.contains(TOKEN) && !format!("{error:?}").contains(TOKEN));
}

#[tokio::test]
async fn html_pages_and_bad_json_are_typed_errors() {
    let server = MockServer::start().await;
    Mock::given(path(format!("{COLLECTION}/html")))
        .respond_with(
            ResponseTemplate::new(502)
                .set_body_raw("<html><body>Bad gateway</body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    Mock::given(path(format!("{COLLECTION}/truncated")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("{\"id\": \"a\", \"status\": ", "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(path(format!("{COLLECTION}/wrong")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "a", "expirationDateTime": "not a date"})),
        )
        .mount(&server)
        .await;
    let items = certificates(&client(&server));
    let html = items.by_id("html").get().send().await.unwrap_err();
    assert_eq!(html.status(), Some(http::StatusCode::BAD_GATEWAY));
    assert!(html.to_string().contains("Bad gateway"), "{html}");
    let truncated = items.by_id("truncated").get().send().await.unwrap_err();
    assert!(
        matches!(truncated, Error::Deserialize { .. }),
        "{truncated:?}"
    );
    let wrong = items.by_id("wrong").get().send().await.unwrap_err();
    let Error::Deserialize {
        type_name, path, ..
    } = &wrong
    else {
        panic!("{wrong:?}")
    };
    assert!(
        type_name.ends_with("EnterpriseCodeSigningCertificate"),
        "{type_name}"
    );
    assert_eq!(path, "expirationDateTime");
}

#[tokio::test]
async fn a_batch_round_trip_with_a_failing_step() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .and(body_string_contains("\"dependsOn\":[\"1\"]"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "responses": [
                {"id": "2", "status": 404, "headers": {"content-type": "application/json"},
                 "body": {"error": {"code": "ResourceNotFound", "message": "gone"}}},
                {"id": "1", "status": 201, "body": certificate("new")}
            ]
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let items = certificates(&client);
    let mut batch = Batch::new(&client);
    let created = batch
        .add(&items.create(&EnterpriseCodeSigningCertificate::default()))
        .unwrap();
    let fetched = batch
        .add_after(&items.by_id("old").get(), &[created.id()])
        .unwrap();
    let sent: serde_json::Value =
        serde_json::from_slice(batch.to_http_request().unwrap().body()).unwrap();
    assert_eq!(sent["requests"][0]["method"], "POST");
    assert_eq!(
        sent["requests"][0]["url"],
        "/deviceAppManagement/enterpriseCodeSigningCertificates"
    );
    assert_eq!(
        sent["requests"][0]["headers"]["content-type"],
        "application/json"
    );
    assert_eq!(
        sent["requests"][1]["url"],
        "/deviceAppManagement/enterpriseCodeSigningCertificates/old"
    );
    let answers = batch.send().await.unwrap();
    assert_eq!(
        answers
            .get(&created)
            .unwrap()
            .id
            .value()
            .map(String::as_str),
        Some("new")
    );
    let error = answers.get(&fetched).unwrap_err();
    assert_eq!(
        error.service_error().unwrap().code.as_deref(),
        Some("ResourceNotFound")
    );
}

#[tokio::test]
async fn a_batch_holds_at_most_twenty_requests() {
    let client = Client::builder().token(TOKEN).build().unwrap();
    let items = certificates(&client);
    let mut batch = Batch::new(&client);
    for _ in 0..20 {
        batch.add(&items.list()).unwrap();
    }
    let error = batch.add(&items.list()).unwrap_err();
    assert!(error.to_string().contains("at most 20"), "{error}");
    assert!(batch.add_after(&items.list(), &["99"]).is_err());
}

#[tokio::test]
async fn hostile_ids_cannot_change_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let items = certificates(&client(&server));
    for id in ["../x", "a/b?c#d", "ünï/cödé", "%2e%2e", "."] {
        if id == "." {
            // URL parsers resolve `.` and `..` however they are encoded: refused, never sent.
            let error = items.by_id(id).delete().send().await.unwrap_err();
            assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
            assert!(items.by_id("..").delete().to_http_request().is_err());
            continue;
        }
        items.by_id(id).delete().send().await.unwrap();
    }
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    for p in &paths {
        let below = p
            .strip_prefix(&format!("{COLLECTION}/"))
            .unwrap_or_else(|| panic!("{p} left the collection"));
        assert!(
            !below.contains('/'),
            "{p}: the id became more than one segment"
        );
        assert!(below != ".." && below != ".", "{p}");
    }
    assert!(server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .all(|r| r.url.query().is_none()));
    let decoded: Vec<String> = paths
        .iter()
        .map(|p| {
            percent_encoding::percent_decode_str(p.rsplit('/').next().unwrap())
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(decoded, ["../x", "a/b?c#d", "ünï/cödé", "%2e%2e"]);
}

#[tokio::test]
async fn tokens_never_show_in_debug_or_errors() {
    let client = Client::builder().token(TOKEN).build().unwrap();
    assert!(!format!("{client:?}").contains(TOKEN));
    let credentials = ClientCredentials::new("tenant", "app", "client-secret-5678").unwrap();
    assert!(!format!("{credentials:?}").contains("client-secret-5678"));
    assert!(!format!("{:?}", graph_typed::runtime::AccessToken::new(TOKEN)).contains(TOKEN));
    // A request that cannot connect: the error names no secret.
    let offline = Client::builder()
        .base_url("http://127.0.0.1:9")
        .token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = certificates(&offline).list().send().await.unwrap_err();
    assert!(!format!("{error} {error:?}").contains(TOKEN));
}

#[tokio::test]
async fn a_redirect_to_another_host_drops_the_authorization_header() {
    let graph = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/landing", elsewhere.uri()).as_str()),
        )
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(path("/landing"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .mount(&elsewhere)
        .await;
    let page = certificates(&client(&graph)).list().send().await.unwrap();
    assert!(page.value.is_empty());
    assert!(graph.received_requests().await.unwrap()[0]
        .headers
        .get("authorization")
        .is_some());
    let landed = elsewhere.received_requests().await.unwrap();
    assert_eq!(landed.len(), 1);
    assert!(
        landed[0].headers.get("authorization").is_none(),
        "the token followed the redirect"
    );
}

#[tokio::test]
async fn next_links_to_another_host_are_sent_without_the_token() {
    let graph = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"value": [], "@odata.nextLink": format!("{}/page2", elsewhere.uri())}),
        ))
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .mount(&elsewhere)
        .await;
    certificates(&client(&graph))
        .list()
        .pages()
        .collect_all()
        .await
        .unwrap();
    assert!(elsewhere.received_requests().await.unwrap()[0]
        .headers
        .get("authorization")
        .is_none());
}

#[tokio::test]
async fn a_slow_server_times_out_with_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = certificates(&client).list().send().await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_a_transport_error() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = [0u8; 4096];
        let _ = socket.read(&mut buffer).await.unwrap();
        socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"value\": [")
            .await
            .unwrap();
        socket.shutdown().await.ok();
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = tokio::time::timeout(Duration::from_secs(10), certificates(&client).list().send())
        .await
        .expect("no hang")
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    // `Display` carries the cause chain, down to what the connection did.
    let shown = error.to_string();
    assert!(
        shown.starts_with("the request could not be completed: the connection failed"),
        "{shown}"
    );
    assert!(
        shown.matches(": ").count() >= 2,
        "no cause chain in {shown}"
    );
    server.await.unwrap();
}

#[tokio::test]
async fn client_credentials_are_fetched_once_and_cached() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tenant/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=app"))
        .and(body_string_contains(
            "scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
        ))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "app-token", "expires_in": 3600, "token_type": "Bearer"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer app-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .expect(2)
        .mount(&server)
        .await;
    let credentials = ClientCredentials::new("tenant", "app", "s3cret")
        .unwrap()
        .token_url(format!("{}/tenant/token", server.uri()));
    let client = client_with(&server, credentials);
    let list = certificates(&client).list();
    list.clone().send().await.unwrap();
    list.send().await.unwrap();
}

#[tokio::test]
async fn a_token_close_to_expiry_is_renewed_and_failures_hide_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/short/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "short", "expires_in": 60})),
        )
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/bad/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .mount(&server)
        .await;
    let short = ClientCredentials::new("t", "app", "s3cret")
        .unwrap()
        .token_url(format!("{}/short/token", server.uri()));
    let client = client_with(&server, short);
    let list = certificates(&client).list();
    list.clone().send().await.unwrap();
    list.send().await.unwrap();

    let bad = ClientCredentials::new("t", "app", "s3cret")
        .unwrap()
        .token_url(format!("{}/bad/token", server.uri()));
    let client = client_with(&server, bad);
    let error = certificates(&client).list().send().await.unwrap_err();
    let shown = error.to_string();
    assert!(matches!(error, Error::Auth(_)));
    assert!(
        shown.contains("invalid_client") && shown.contains("401"),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"));
}

#[test]
fn national_clouds_and_versions_are_configurable() {
    let client = Client::builder()
        .base_url("https://graph.microsoft.us/")
        .api_version("beta")
        .build()
        .unwrap();
    let request = certificates(&client)
        .list()
        .header("ConsistencyLevel", "eventual")
        .to_http_request()
        .unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://graph.microsoft.us/beta/deviceAppManagement/enterpriseCodeSigningCertificates"
    );
    assert_eq!(request.headers()["consistencylevel"], "eventual");
    assert!(
        request.headers().get("authorization").is_none(),
        "sans-I/O requests carry no token"
    );
    assert!(Client::builder().base_url("not a url").build().is_err());
}

#[test]
fn base_typed_values_are_read_as_the_type_their_odata_type_names() {
    use graph_typed::models::AnyEntity;
    let json = json!({"value": [
        {"@odata.type": "#microsoft.graph.enterpriseCodeSigningCertificate", "id": "first", "status": "provisioned"},
        {"id": "later", "@odata.type": "#microsoft.graph.enterpriseCodeSigningCertificate", "subjectName": "CN=x"},
        {"@odata.type": "#microsoft.graph.somethingNew", "id": "unknown", "extra": [1, 2]},
        {"id": "untyped"}
    ]});
    let page: graph_typed::Page<AnyEntity> = serde_json::from_value(json.clone()).unwrap();
    let kinds: Vec<&str> = page
        .value
        .iter()
        .map(|v| match v {
            AnyEntity::EnterpriseCodeSigningCertificate(c) => c.id.value().unwrap().as_str(),
            AnyEntity::Entity(e) => e.id.value().unwrap().as_str(),
            other => panic!("no drive item in this page: {other:?}"),
        })
        .collect();
    assert_eq!(kinds, ["first", "later", "unknown", "untyped"]);
    assert!(
        matches!(&page.value[0], AnyEntity::EnterpriseCodeSigningCertificate(c) if c.status == Nullable::Value(CertificateStatus::Provisioned))
    );
    assert!(matches!(
        &page.value[1],
        AnyEntity::EnterpriseCodeSigningCertificate(_)
    ));
    assert!(
        matches!(&page.value[2], AnyEntity::Entity(e) if e.additional_properties.contains_key("extra"))
    );
    // Written back as read, `@odata.type` included.
    assert_eq!(serde_json::to_value(&page).unwrap(), json);
}

#[test]
fn request_types_carry_their_pages_permissions() {
    use graph_typed::api::{
        GetEnterpriseCodeSigningCertificateRequest as Get,
        UpdateEnterpriseCodeSigningCertificateRequest as Update,
    };
    use graph_typed::runtime::{least_privileged, PermissionKind};
    assert_eq!(
        Get::PERMISSIONS.application,
        [
            "DeviceManagementApps.Read.All",
            "DeviceManagementApps.ReadWrite.All"
        ]
    );
    assert!(Get::PERMISSIONS.delegated_personal.is_empty());
    let read_only = least_privileged(PermissionKind::Application, &[Get::PERMISSIONS]);
    assert_eq!(read_only.permissions, ["DeviceManagementApps.Read.All"]);
    let both = least_privileged(
        PermissionKind::DelegatedWork,
        &[Get::PERMISSIONS, Update::PERMISSIONS],
    );
    assert_eq!(both.permissions, ["DeviceManagementApps.ReadWrite.All"]);
    let personal = least_privileged(PermissionKind::DelegatedPersonal, &[Get::PERMISSIONS]);
    assert_eq!(personal.unsupported, [0]);
    assert_eq!(
        Get::PATHS,
        ["/deviceAppManagement/enterpriseCodeSigningCertificates/{enterpriseCodeSigningCertificateId}"]
    );
}

/// `$select` and `$orderby` from the result's field enum, mixed with a string where the pages
/// document nothing.
#[tokio::test]
async fn typed_query_options_go_over_the_wire_as_their_names() {
    use graph_typed::models::EnterpriseCodeSigningCertificateField as Field;
    use graph_typed::runtime::Field as _;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(COLLECTION))
        .and(query_param("$select", "id,subjectName"))
        .and(query_param("$orderby", "expirationDateTime desc"))
        .and(query_param("$expand", "somethingUndocumented"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"value": [certificate("a")]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = certificates(&client(&server))
        .list()
        .select([Field::Id, Field::SubjectName])
        .orderby([Field::ExpirationDateTime.desc()])
        .expand(["somethingUndocumented"])
        .send()
        .await
        .unwrap();
    assert_eq!(page.value.len(), 1);
}

/// Requests, downloads, uploads and monitors can be spawned on a multi-threaded runtime.
#[test]
fn request_futures_are_send() {
    fn spawnable<T: Send + 'static>(_: T) {}
    let client = Client::builder().token(TOKEN).build().unwrap();
    spawnable(certificates(&client).list().send());
    spawnable(certificates(&client).list().pages().into_stream());
    spawnable(
        client
            .me()
            .drive()
            .items()
            .by_id("x")
            .content()
            .get()
            .stream(),
    );
    let upload = graph_typed::runtime::LargeFileUpload::new(&client, "https://up.example", 10);
    spawnable(upload.upload_shared::<graph_typed::models::DriveItem>(bytes::Bytes::new()));
    spawnable(
        graph_typed::runtime::Monitor::resume(&client, "/operations/x")
            .wait(Duration::from_secs(1)),
    );
}

#[test]
fn the_unknown_future_value_sentinel_is_read_whether_or_not_the_page_lists_it() {
    use graph_typed::runtime::UNKNOWN_FUTURE_VALUE;
    // `certificateStatus` does not list the sentinel: it reads as an unrecognized value whose
    // text is the sentinel's.
    let status: CertificateStatus = serde_json::from_value(json!("unknownFutureValue")).unwrap();
    assert!(matches!(&status, CertificateStatus::Unrecognized(_)));
    assert_eq!(status.as_str(), UNKNOWN_FUTURE_VALUE);
    assert_eq!(
        serde_json::to_value(&status).unwrap(),
        json!("unknownFutureValue")
    );
    // Asking for the members added after it.
    let client = Client::builder().build().unwrap();
    let request = certificates(&client)
        .list()
        .include_unknown_enum_members()
        .to_http_request()
        .unwrap();
    assert_eq!(request.headers()["prefer"], "include-unknown-enum-members");
}

#[test]
fn flags_values_split_into_members_and_join_back() {
    use graph_typed::runtime::{join_flags, split_flags};
    // `certificateStatus` is not a flags enum; its text still shows how a combined value reads.
    let combined: CertificateStatus =
        serde_json::from_value(json!("notProvisioned, provisioned")).unwrap();
    assert!(matches!(&combined, CertificateStatus::Unrecognized(_)));
    let members = split_flags(&combined);
    assert_eq!(
        members,
        [
            CertificateStatus::NotProvisioned,
            CertificateStatus::Provisioned
        ]
    );
    let joined = join_flags(&members);
    assert_eq!(
        serde_json::to_value(&joined).unwrap(),
        json!("notProvisioned,provisioned")
    );
    assert!(split_flags(&CertificateStatus::from("")).is_empty());
}
