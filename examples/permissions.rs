//! Lists what each call of a program needs, and the least-privileged permissions that cover
//! them all, per kind: what an app registration has to grant. No network.
//!
//! ```sh
//! cargo run --example permissions
//! ```
//!
//! `graphgen permissions --specs <pages> --include-path '/me/drive/**'` prints the same for a
//! selection of the pages, before any code is written.

use graph_typed::api::{
    DeleteEnterpriseCodeSigningCertificateRequest, DownloadDriveItemContentRequest,
    DriveItemCreateUploadSessionRequest, GetEnterpriseCodeSigningCertificateRequest,
    ListEnterpriseCodeSigningCertificatesRequest,
};
use graph_typed::runtime::{least_privileged, PermissionKind, Permissions};

fn main() {
    let calls: [(&str, Permissions); 5] = [
        (
            "list certificates",
            ListEnterpriseCodeSigningCertificatesRequest::PERMISSIONS,
        ),
        (
            "read a certificate",
            GetEnterpriseCodeSigningCertificateRequest::PERMISSIONS,
        ),
        (
            "delete a certificate",
            DeleteEnterpriseCodeSigningCertificateRequest::PERMISSIONS,
        ),
        (
            "download a file",
            DownloadDriveItemContentRequest::PERMISSIONS,
        ),
        (
            "upload a large file",
            DriveItemCreateUploadSessionRequest::PERMISSIONS,
        ),
    ];
    for (call, permissions) in &calls {
        println!("{call}:");
        for kind in PermissionKind::ALL {
            let names = permissions.of(kind);
            let shown = if names.is_empty() {
                "not supported".to_owned()
            } else {
                names.join(", ")
            };
            println!("  {}: {shown}", kind.label());
        }
    }
    let all: Vec<Permissions> = calls.iter().map(|(_, p)| *p).collect();
    println!();
    for kind in PermissionKind::ALL {
        let set = least_privileged(kind, &all);
        print!("{}: grant {}", kind.label(), set.permissions.join(", "));
        if !set.unsupported.is_empty() {
            let names: Vec<&str> = set.unsupported.iter().map(|&i| calls[i].0).collect();
            print!(" (cannot: {})", names.join(", "));
        }
        println!();
    }
}
