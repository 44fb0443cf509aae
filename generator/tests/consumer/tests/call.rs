//! The generated API against a server on 127.0.0.1: a list, then a PATCH that clears a property.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use consumer::{models, Client, Nullable, With};

/// What the server saw of one request: its request line and its body.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

/// Answers the requests of any connection with `answers`, in order.
fn serve(answers: Vec<&'static str>) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Seen = Arc::default();
    let record = seen.clone();
    std::thread::spawn(move || {
        let mut answers = answers.into_iter();
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    reader.read_line(&mut header).unwrap();
                    if header.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse().unwrap();
                        }
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let body = String::from_utf8(body).unwrap();
                record.lock().unwrap().push((line.trim().to_owned(), body));
                let Some(answer) = answers.next() else { return };
                stream.write_all(answer.as_bytes()).unwrap();
            }
        }
    });
    (url, seen)
}

const PAGE: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 73\r\n\r\n\
{\"value\":[{\"id\":\"c1\",\"subjectName\":\"CN=Contoso\",\"status\":\"provisioned\"}]}";
const NO_CONTENT: &str = "HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n";

#[tokio::test]
async fn the_generated_api_lists_and_updates() {
    let (url, seen) = serve(vec![PAGE, NO_CONTENT]);
    let client = Client::builder().base_url(url).token("t").build().unwrap();
    let certificates = client
        .device_app_management()
        .enterprise_code_signing_certificates();
    let page = certificates.list().top(1).send().await.unwrap();
    let first = &page.value[0];
    assert_eq!(first.subject_name.value().map(String::as_str), Some("CN=Contoso"));
    assert!(matches!(
        first.status.value(),
        Some(models::CertificateStatus::Provisioned)
    ));
    let patch =
        models::EnterpriseCodeSigningCertificate::default().with(|c| c.content = Nullable::Null);
    let answer = certificates.by_id("c1").update(&patch).send().await.unwrap();
    assert!(answer.is_none(), "204: no body");
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen[0].0,
        "GET /v1.0/deviceAppManagement/enterpriseCodeSigningCertificates?$top=1 HTTP/1.1"
    );
    assert_eq!(
        seen[1],
        (
            "PATCH /v1.0/deviceAppManagement/enterpriseCodeSigningCertificates/c1 HTTP/1.1"
                .to_owned(),
            "{\"content\":null}".to_owned()
        )
    );
}
