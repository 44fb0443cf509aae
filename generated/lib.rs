//! A typed Microsoft Graph SDK, generated from the Graph API reference pages.
//!
//! Models are plain structs with serde; every property distinguishes absent, `null` and a value
//! ([`runtime::Nullable`]). Requests are built by following the URL from a [`Client`], and each
//! can be sent (`send().await`) or turned into a plain `http::Request` without any I/O.
//!
//! ```no_run
//! # async fn demo() -> Result<(), graph_typed::Error> {
//! use graph_typed::{models, Client, Nullable};
//!
//! let client = Client::new("access token")?;
//! let page = client
//!     .device_app_management()
//!     .enterprise_code_signing_certificates()
//!     .list()
//!     .top(10)
//!     .send()
//!     .await?;
//! for certificate in &page.value {
//!     println!("{:?}", certificate.subject_name);
//! }
//! // Clear a property with PATCH: `Null` is sent as `null`, absent properties are left alone.
//! let patch = models::EnterpriseCodeSigningCertificate {
//!     content: Nullable::Null,
//!     ..Default::default()
//! };
//! client
//!     .device_app_management()
//!     .enterprise_code_signing_certificates()
//!     .by_id("certificate id")
//!     .update(&patch)
//!     .send()
//!     .await?;
//! # Ok(())
//! # }
//! ```
// Warnings are denied by CI's flags, not here: a new lint in a later Rust must not break the
// builds of crates that depend on this one.
#![warn(missing_docs)]

pub mod runtime;

pub use runtime::{Client, ClientBuilder, Error, Nullable, Page};

// BEGIN README DOCTEST (not carried into standalone crates, which have no README)
/// The README's usage example, compiled as a doc test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
// END README DOCTEST

include!(concat!(env!("OUT_DIR"), "/graph.rs"));
