//! One `graph_request` span per request, with what an operator needs and never the token.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{certificate, certificates, client, COLLECTION, TOKEN};

type Fields = BTreeMap<String, String>;

/// Keeps each span's fields, by span, in the order spans were opened.
#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<Vec<(u64, String, Fields)>>>,
}

struct Recorder<'a>(&'a mut Fields);

impl Visit for Recorder<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: tracing::Subscriber> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut Recorder(&mut fields));
        let name = attrs.metadata().name().to_owned();
        self.spans
            .lock()
            .unwrap()
            .push((id.into_u64(), name, fields));
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut spans = self.spans.lock().unwrap();
        if let Some((_, _, fields)) = spans.iter_mut().find(|(s, _, _)| *s == id.into_u64()) {
            values.record(&mut Recorder(fields));
        }
    }
}

impl Capture {
    fn requests(&self) -> Vec<Fields> {
        let spans = self.spans.lock().unwrap();
        spans
            .iter()
            .filter(|(_, name, _)| name == "graph_request")
            .map(|(_, _, f)| f.clone())
            .collect()
    }
}

#[tokio::test]
async fn a_request_span_names_the_template_status_attempts_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{COLLECTION}/abc")))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{COLLECTION}/abc")))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("request-id", "7f1c-request")
                .set_body_json(certificate("abc")),
        )
        .mount(&server)
        .await;
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let _guard = tracing::subscriber::set_default(subscriber);
    // The id is a caller's value: the span carries the documented template, not the id.
    certificates(&client(&server))
        .by_id("abc")
        .get()
        .send()
        .await
        .unwrap();
    let spans = capture.requests();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let span = &spans[0];
    assert_eq!(span["http.request.method"], "GET");
    assert_eq!(
        span["url.template"],
        "/deviceAppManagement/enterpriseCodeSigningCertificates/{enterpriseCodeSigningCertificateId}"
    );
    assert_eq!(span["http.response.status_code"], "200");
    assert_eq!(span["attempts"], "2");
    assert_eq!(span["request_id"], "7f1c-request");
    assert!(span["elapsed_ms"].parse::<u64>().is_ok(), "{span:?}");
    assert!(!span.contains_key("error"));
    let everything = format!("{spans:?}");
    assert!(
        !everything.contains(TOKEN) && !everything.contains("abc"),
        "{everything}"
    );
}

#[tokio::test]
async fn a_failed_exchange_is_recorded_and_a_quiet_subscriber_sees_nothing() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let guard = tracing::subscriber::set_default(subscriber);
    // Nothing listens on port 9 of 127.0.0.1 (discard).
    let client = common::client_at("http://127.0.0.1:9");
    let list = certificates(&client).list();
    list.clone().send().await.unwrap_err();
    let spans = capture.requests();
    assert_eq!(
        spans[0]["url.template"],
        "/deviceAppManagement/enterpriseCodeSigningCertificates"
    );
    assert!(spans[0]["error"].contains("could not connect"), "{spans:?}");
    drop(guard);

    // A subscriber that only wants warnings never gets the span.
    let quiet = Capture::default();
    let subscriber = tracing_subscriber::registry().with(
        quiet
            .clone()
            .with_filter(tracing_subscriber::filter::LevelFilter::WARN),
    );
    let _guard = tracing::subscriber::set_default(subscriber);
    list.send().await.unwrap_err();
    assert!(quiet.requests().is_empty());
}
