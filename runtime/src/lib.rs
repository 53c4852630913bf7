//! Typed, documented, compile-time-checked HTTP API errors.
//!
//! Write one error enum, derive [`ApiError`](macro@ApiError), and get the status mapping, the
//! public message (5xx internals never leak), the JSON body in the envelope your API promised,
//! the headers, and the documentation of every error the API can return.
//!
//! ```
//! use apierror::ApiError;
//!
//! /// Errors of the tasks API.
//! #[derive(Debug, ApiError)]
//! pub enum TaskError {
//!     /// The requested task does not exist.
//!     #[status(404)]
//!     #[code("TASK_NOT_FOUND")]
//!     #[message("Task with ID {id} could not be found")]
//!     NotFound { id: u64 },
//!
//!     /// Unexpected failure; the cause is logged, never sent.
//!     #[status(500)]
//!     Database(std::io::Error),
//! }
//! # impl std::fmt::Display for TaskError {
//! #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//! #         match self {
//! #             Self::NotFound { id } => write!(f, "task {id} missing from store"),
//! #             Self::Database(e) => write!(f, "database: {e}"),
//! #         }
//! #     }
//! # }
//! # impl std::error::Error for TaskError {}
//!
//! let err = TaskError::NotFound { id: 7 };
//! assert_eq!(err.status(), http::StatusCode::NOT_FOUND);
//! assert_eq!(err.code(), "TASK_NOT_FOUND");
//! assert_eq!(err.message(), "Task with ID 7 could not be found");
//!
//! let err = TaskError::Database(std::io::Error::other("disk on fire"));
//! assert_eq!(err.code(), "DATABASE");
//! assert_eq!(err.message(), "An unexpected error occurred. Please try again later.");
//! ```
//!
//! The README documents every attribute; the derive's own documentation lists them too.
//!
//! # Where things are
//!
//! The crate root holds the core: the [`ApiError`](trait@ApiError) trait and its derive,
//! [`Detail`], [`Format`], [`Context`] and [`Limits`], [`HttpError`], the catalog
//! ([`Catalog`], [`ErrorSpec`], [`catalog!`], [`responses!`] for OpenAPI and [`locales!`] for translations), rendering ([`to_json`], [`to_response`]) and
//! reading an error back ([`RemoteError`], [`ParseError`], feature `client`). Everything else
//! lives in a module named for its concern:
//!
//! | module | what it holds |
//! |---|---|
//! | [`client`] | reading another service's error responses: what a parse failure found (feature `client`) |
//! | [`catalog`](mod@catalog) | the catalog's types, its iterator, sets of errors ([`ErrorSet`](catalog::ErrorSet)) and what documents know of fields |
//! | [`format`](mod@format) | the selector of an envelope, and the error of parsing one by name |
//! | [`message`] | public messages: the generic 5xx sentences, the truncation marker |
//! | [`extension`] | extension members (`#[extension]`) and their depth limit |
//! | [`retry`] | the values a `#[retry_after]` field may hold |
//! | [`request_id`] | request ids: the header, the validity rule, the generator |
//! | [`phrase`] | support phrases of 5xx responses |
//! | [`lock`] | holding a catalog against a committed lock file (feature `docs`) |
//! | `locale` | localized messages: Fluent translations keyed by code, `Accept-Language` negotiation (feature `fluent`) |
//! | [`validation`] | validation reports as details (features `validator`, `garde`), the 422 `VALIDATION_FAILED` error |
//! | `framework` | the errors the layer and the middleware rewrite: `FrameworkError`, its kind, each framework's catalog (features `axum`, `actix`) |
//! | `axum`, `actix`, `openapi`, `aide` | the framework integrations (features `axum`, `actix`, `utoipa`, `aide`) |
//! | `tonic` | gRPC: `tonic::Status` from errors with Google's error details, a layer for tonic servers (feature `tonic`) |
//!
//! # Features
//!
//! `client` and `docs` are on by default; a server that neither reads other services' errors
//! nor writes documents can leave them out with `default-features = false`. The README's
//! "Features" table lists every feature and what it pulls in.
//!
//! | feature | default | enables |
//! |---|---|---|
//! | `client` | yes | [`RemoteError`], [`ParseError`], [`client`] |
//! | `docs` | yes | [`Catalog::to_markdown`], [`Format::json_schema`], [`ErrorSpec::example_json`], [`lock`] |
//! | `axum`, `actix` | no | the framework integrations |
//! | `utoipa` | no | `IntoResponses` for derived types, `openapi`; implies `docs` |
//! | `aide` | no | `aide::OperationOutput` for derived types, `aide` (aide 0.15, schemars 0.9); implies `docs` |
//! | `reqwest` | no | `RemoteError::from_reqwest`; implies `client` |
//! | `tracing` | no | log records of 5xx errors and render failures |
//! | `validator`, `garde` | no | `validation::Violations` from their reports; `Valid<..>` / `Garde<..>` extractors |
//! | `fluent` | no | `locale`: localized messages, negotiated per request |
//! | `tonic` | no | `tonic::Status` from errors, `apierror::tonic`, `RemoteError::from_status` |
//!
//! An *envelope* is the JSON shape of an error body (Flat, Nested, ErrorList, Problem, Google,
//! Simple); a [`Format`] is the value that names one.
#![cfg_attr(docsrs, feature(doc_cfg))]
// The docs link the items of every feature (docs.rs builds them all, and a build with all
// features checks every link); a build without some of them has those items' names unlinked.
#![cfg_attr(
    not(all(
        feature = "client",
        feature = "docs",
        feature = "axum",
        feature = "actix",
        feature = "utoipa",
        feature = "aide",
        feature = "reqwest",
        feature = "validator",
        feature = "garde",
        feature = "fluent",
        feature = "tonic",
        feature = "tracing"
    )),
    allow(rustdoc::broken_intra_doc_links)
)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

#[cfg(feature = "actix")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix")))]
pub mod actix;
#[cfg(feature = "aide")]
#[cfg_attr(docsrs, doc(cfg(feature = "aide")))]
pub mod aide;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod catalog;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub mod client;
pub mod extension;
pub mod format;
#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub mod locale;
#[cfg(feature = "docs")]
#[cfg_attr(docsrs, doc(cfg(feature = "docs")))]
pub mod lock;
pub mod message;
#[cfg(feature = "utoipa")]
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
pub mod openapi;
pub mod phrase;
pub mod request_id;
pub mod retry;
#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub mod tonic;
pub mod validation;

mod api_error;
mod context;
mod detail;
mod envelope;
#[cfg(feature = "docs")]
mod example;
#[cfg(any(
    feature = "client",
    feature = "axum",
    feature = "actix",
    feature = "validator",
    feature = "garde"
))]
mod field_path;
#[cfg(any(feature = "axum", feature = "actix"))]
pub mod framework;
mod headers;
mod http_error;
#[cfg(any(feature = "axum", feature = "actix"))]
mod integration;
mod json;
mod log;
#[cfg(feature = "docs")]
mod markdown;
mod metadata;
mod parts;
#[cfg(any(feature = "axum", feature = "actix"))]
mod rejection;
#[cfg(feature = "client")]
mod remote;
mod render;
#[cfg(any(feature = "utoipa", feature = "aide"))]
mod response_doc;
#[cfg(feature = "docs")]
mod schema;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use api_error::{ApiError, AsApiError};
pub use catalog::{Catalog, ErrorSpec};
pub use context::{Context, Limits};
pub use detail::Detail;
pub use format::Format;
pub use http_error::HttpError;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use remote::{ParseError, RemoteError};
pub use render::{to_json, to_response};

/// Derives [`ApiError`](trait@ApiError) from attributes on an error enum or struct.
///
/// | attribute | where | meaning |
/// |---|---|---|
/// | `#[status(N)]` | variant, struct, or enum (default for its variants) | HTTP status, an integer literal in 400..=599 |
/// | `#[code("X")]` | variant, struct | the machine-readable code; default: the name in SCREAMING_SNAKE_CASE (`NotFound` -> `NOT_FOUND`) |
/// | `#[message("...")]` | variant, struct | the public message, a template: `{field}`, `{0}`, `{{`, `}}` |
/// | `#[detail(field = "...", reason = "...", location = "...", resource = "...", code = "...")]` | variant, struct; repeatable | one field-level detail; `reason` required; every value a template |
/// | `#[details]` | one field | the field (`Vec<Detail>`, any `AsRef<[Detail]>`) supplies the details |
/// | `#[retry_after]` | one field | seconds (unsigned integer, `Duration`, or an `Option` of either) sent as `Retry-After` |
/// | `#[extension("name")]` | field; repeatable | the field (any `Serialize`) becomes a body member `name` (default: the field name) |
/// | `#[transparent]` | single-field variant | everything comes from the field, itself a derived `ApiError` |
/// | `#[header("Name", "value template")]` | variant, struct; repeatable | an extra response header |
/// | `#[example(literal)]` | field (an `#[extension]` member or a field `#[message]` names) | the field's value in OpenAPI examples (`42`, `"a@b.c"`); default: made from its type |
/// | `#[api_error(...)]` | enum, struct | `format = "flat"`, `docs_url = "...{code}..."`, `domain = "..."`, `skip(axum, actix, utoipa, aide, tonic)`, `crate = "path"` |
/// | `#[grpc(code = "ALREADY_EXISTS")]` | variant, struct, or enum (default for its variants) | the gRPC status code in place of the HTTP status's canonical one (one of the 16 error codes); also the Google envelope's `status` |
/// | `///` | variant, struct | the error's description in every document |
///
/// A 5xx without `#[message]` sends a generic sentence, never its `Display` text. Mistakes are
/// compile errors at the offending token. The README has an example of each attribute.
pub use apierror_derive::ApiError;

/// Embeds the translations of a catalog at compile time and checks them against it: every
/// `.ftl` file of a directory, one per language (`fr.ftl`, `pt-BR.ftl`).
///
/// ```ignore
/// apierror::locales!(
///     /// The service's translations.
///     pub LOCALES = [TaskError, AuthError, apierror::axum::FrameworkErrors],
///     "locales", default = "en", complete
/// );
/// // With the feature `fluent`:
/// let translations = std::sync::Arc::new(apierror::locale::Translations::from_embedded(&LOCALES)?);
/// ```
///
/// The directory is relative to the file of the call, as `include_str!` reads paths; each file
/// is embedded with `include_str!`, so editing one rebuilds the crate (a new file in the
/// directory needs a rebuild of its own, `touch` the file of the call). `default` is the
/// language of the `#[message]` texts (`en` when left out). The static is an
/// [`EmbeddedLocales`](catalog::EmbeddedLocales).
///
/// Each mistake is a compile error quoting the file and line of the translation and naming the
/// code: a file that is not Fluent, a message that translates no code of the listed types'
/// catalog (nor one of apierror's own texts, `apierror-*`), a variable its `#[message]` does
/// not name, a detail reason (an attribute) using another variable than `$field`, a message
/// defined twice, a function call, a file for the default language. With `complete`, a code
/// of the catalog without a translation in some file is an error listing them (the framework
/// catalogs' codes excepted: their sentences have `apierror-*` ids). The README's "Localized
/// messages" has the key scheme.
pub use apierror_derive::locales;
