//! Reads twenty certificates in one `$batch` round trip. Steps that Graph throttles on their own
//! are sent again in a smaller batch after the largest `Retry-After`; each typed result is the
//! final answer of its step.
//!
//! ```sh
//! cargo run --example batch_reads -- https://graph.microsoft.com "$TOKEN" ID1 ID2 ... ID20
//! ```

use graph_typed::runtime::{Batch, MAX_BATCH_REQUESTS};
use graph_typed::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(token)) = (args.next(), args.next()) else {
        eprintln!("usage: batch_reads <base URL> <access token> <certificate id>...");
        std::process::exit(2);
    };
    let ids: Vec<String> = args.take(MAX_BATCH_REQUESTS).collect();
    let client = Client::builder().base_url(base_url).token(token).build()?;
    let certificates = client
        .device_app_management()
        .enterprise_code_signing_certificates();

    let mut batch = Batch::new(&client);
    let mut reads = Vec::new();
    for id in &ids {
        reads.push((id, batch.add(&certificates.by_id(id).get())?));
    }
    let answers = batch.send().await?;
    for (id, item) in &reads {
        match answers.get(item) {
            Ok(certificate) => println!("{id}: {:?}", certificate.subject_name.value()),
            Err(error) => println!("{id}: {error}"),
        }
    }
    Ok(())
}
