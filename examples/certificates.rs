//! Lists, creates, updates (clearing a property with `null`) and deletes enterprise code-signing
//! certificates.
//!
//! ```sh
//! cargo run --example certificates -- https://graph.microsoft.com "$TOKEN"
//! ```

use graph_typed::models::{CertificateStatus, EnterpriseCodeSigningCertificate};
use graph_typed::runtime::Binary;
use graph_typed::{Client, Error, Nullable, With};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(token)) = (args.next(), args.next()) else {
        eprintln!(
            "usage: certificates <base URL, e.g. https://graph.microsoft.com> <access token>"
        );
        std::process::exit(2);
    };
    let client = Client::builder().base_url(base_url).token(token).build()?;
    let certificates = client
        .device_app_management()
        .enterprise_code_signing_certificates();

    let page = certificates.list().send().await?;
    println!("{} certificates", page.value.len());
    for certificate in &page.value {
        println!(
            "  {:?} {:?}",
            certificate.id.value(),
            certificate.subject_name.value()
        );
    }

    let new = EnterpriseCodeSigningCertificate::default().with(|c| {
        c.content = Binary(b"certificate bytes".to_vec()).into();
        c.status = CertificateStatus::NotProvisioned.into();
    });
    let created = certificates.create(&new).send().await?;
    let Some(id) = created.id.value().cloned() else {
        eprintln!("the service returned no id");
        std::process::exit(1);
    };
    println!("created {id}");

    // Once the service has read the file, drop it: `Null` is sent as `null`.
    let patch = EnterpriseCodeSigningCertificate::default().with(|c| c.content = Nullable::Null);
    certificates.by_id(&id).update(&patch).send().await?;
    println!("cleared the content of {id}");

    certificates.by_id(&id).delete().send().await?;
    println!("deleted {id}");
    Ok(())
}
