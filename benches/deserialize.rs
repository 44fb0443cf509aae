//! Deserializing a 10,000-item list response into the typed models vs into `serde_json::Value`.
//!
//! `cargo bench --bench deserialize`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use graph_typed::models::{AnyEntity, EnterpriseCodeSigningCertificate};
use graph_typed::Page;

fn list_response(items: usize) -> String {
    let item = |i: usize| {
        format!(
            r##"{{"@odata.type":"#microsoft.graph.enterpriseCodeSigningCertificate","id":"b20d3703-3703-b20d-0337-{i:012}","content":"Y29udGVudA==","status":"provisioned","subjectName":"CN=Contoso {i}","subject":"Subject value","issuerName":"Issuer Name value","issuer":"Issuer value","expirationDateTime":"2016-12-31T23:57:57.2481234-08:00","uploadDateTime":"2016-12-31T23:58:46.5747426-08:00"}}"##
        )
    };
    let items: Vec<String> = (0..items).map(item).collect();
    format!(
        r#"{{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#x","value":[{}]}}"#,
        items.join(",")
    )
}

fn deserialize(c: &mut Criterion) {
    let body = list_response(10_000);
    let mut group = c.benchmark_group("list_10k");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(20);
    group.bench_function("typed", |b| {
        b.iter(|| {
            let page: Page<EnterpriseCodeSigningCertificate> = serde_json::from_str(&body).unwrap();
            assert_eq!(page.value.len(), 10_000);
            page
        })
    });
    group.bench_function("value", |b| {
        b.iter(|| {
            let value: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(value["value"].as_array().unwrap().len(), 10_000);
            value
        })
    });
    group.finish();

    // The same items read through a base type: each is dispatched on its `@odata.type`.
    let mut group = c.benchmark_group("list_10k_polymorphic");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(20);
    group.bench_function("plain", |b| {
        b.iter(|| {
            let page: Page<EnterpriseCodeSigningCertificate> = serde_json::from_str(&body).unwrap();
            page
        })
    });
    group.bench_function("dispatched", |b| {
        b.iter(|| {
            let page: Page<AnyEntity> = serde_json::from_str(&body).unwrap();
            assert!(matches!(
                page.value[0],
                AnyEntity::EnterpriseCodeSigningCertificate(_)
            ));
            page
        })
    });
    group.finish();
}

criterion_group!(benches, deserialize);
criterion_main!(benches);
