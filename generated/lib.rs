//! A typed Microsoft Graph SDK, generated from the Graph API reference pages.
//!
//! Models are `#[non_exhaustive]` structs with serde, built with `default()` and `with_x` setters;
//! every property distinguishes absent, `null` and a value
//! ([`runtime::Nullable`]). Requests are built by following the URL from a [`Client`], and each
//! can be sent (`send().await`) or turned into a plain `http::Request` without any I/O.
//!
//! ```no_run
//! # async fn demo() -> Result<(), graph_typed::Error> {
//! use graph_typed::{models, Client, Nullable, With};
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
//! let patch =
//!     models::EnterpriseCodeSigningCertificate::default().with(|c| c.content = Nullable::Null);
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

// The generated SDK (models, request builders, the client and the `runtime` module), from
// `build.rs`.
graph_typed_runtime::include_sdk!();

// BEGIN README DOCTEST (not carried into standalone crates, which have no README)
/// The README's usage example, compiled as a doc test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The examples of `docs/using.md`, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../docs/using.md")]
pub struct UsingDoctests;

/// `$select` and `$orderby` take the fields of the type a request returns; anything else is a
/// compile error. Fields and strings, as both are accepted:
///
/// ```no_run
/// use graph_typed::models::EnterpriseCodeSigningCertificateField as Field;
/// use graph_typed::runtime::Field as _;
/// let client = graph_typed::Client::new("token").unwrap();
/// let certificates = client.device_app_management().enterprise_code_signing_certificates();
/// let _ = certificates.list().select([Field::Id, Field::Status]).orderby([Field::SubjectName.desc()]);
/// let _ = certificates.list().select(["id", "somethingUndocumented"]).orderby(["subjectName desc"]);
/// ```
///
/// A property the type does not have:
///
/// ```compile_fail,E0599
/// use graph_typed::models::EnterpriseCodeSigningCertificateField as Field;
/// let client = graph_typed::Client::new("token").unwrap();
/// let certificates = client.device_app_management().enterprise_code_signing_certificates();
/// let _ = certificates.list().select([Field::Id, Field::DisplayName]);
/// ```
///
/// A field of a type the request does not return (`$count` returns a number):
///
/// ```compile_fail,E0277
/// use graph_typed::models::EnterpriseCodeSigningCertificateField as Field;
/// let client = graph_typed::Client::new("token").unwrap();
/// let certificates = client.device_app_management().enterprise_code_signing_certificates();
/// let _ = certificates.count().get().select([Field::Id]);
/// ```
#[cfg(doctest)]
pub struct QueryFieldDoctests;
// END README DOCTEST
