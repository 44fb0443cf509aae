//! Uploads a large file to OneDrive through an upload session: the session is created on Graph,
//! the pieces go to its pre-authenticated URL (without the token), and a dropped connection or a
//! 5xx resumes where the service says it stands.
//!
//! ```sh
//! cargo run --example upload_large_file -- https://graph.microsoft.com "$TOKEN" ./video.mp4 Videos/video.mp4
//! ```
//!
//! The token needs `Files.ReadWrite` (delegated); `graphgen permissions` prints the least
//! privileged set for any selection.

use graph_typed::api::DriveItemCreateUploadSessionBody;
use graph_typed::models::{DriveItem, DriveItemUploadableProperties};
use graph_typed::runtime::{LargeFileUpload, UPLOAD_CHUNK_UNIT};
use graph_typed::{Client, Error, With};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base_url, token, local, remote] = args.as_slice() else {
        eprintln!(
            "usage: upload_large_file <base URL> <access token> <local file> <path in OneDrive>"
        );
        std::process::exit(2);
    };
    let file = tokio::fs::File::open(local).await.unwrap_or_else(|e| {
        eprintln!("cannot open {local}: {e}");
        std::process::exit(2);
    });
    let size = file.metadata().await.map(|m| m.len()).unwrap_or(0);
    let client = Client::builder().base_url(base_url).token(token).build()?;

    let name = remote.rsplit('/').next().unwrap_or(remote);
    let item = DriveItemUploadableProperties::default().with(|item| {
        item.name = name.into();
        item.file_size = (size as i64).into();
    });
    let body = DriveItemCreateUploadSessionBody::default().with(|body| body.item = item.into());
    let session = client
        .me()
        .drive()
        .items()
        .by_id_path("root", remote)
        .create_upload_session()
        .post(&body)
        .send()
        .await?;
    let Some(upload_url) = session.upload_url.value() else {
        eprintln!("the service returned no upload URL");
        std::process::exit(1);
    };

    // 32 x 320 KiB = 10 MiB a piece; the file is read one piece at a time.
    let uploaded = LargeFileUpload::new(&client, upload_url.clone(), size)
        .chunk_size(32 * UPLOAD_CHUNK_UNIT)?
        .on_progress(|p| eprintln!("{} of {} bytes", p.uploaded, p.total))
        .upload::<DriveItem, _>(file)
        .await?;
    let item = uploaded.into_item()?;
    println!(
        "uploaded {:?} ({:?} bytes) as {:?}",
        item.name.value(),
        item.size.value(),
        item.id.value()
    );
    Ok(())
}
