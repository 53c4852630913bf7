//! What an envelope's reader found in a body: a plain value the readers in
//! [`envelope`](crate::envelope) produce and [`RemoteError`](crate::RemoteError) takes in, so
//! that neither the readers nor this module depend on `remote.rs`.

use crate::detail::Detail;
use http::StatusCode;

/// What a format reader found in a body; the rest comes from the response's head.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// The status the body names: Problem's `status`, Simple's and Google's numeric `code`.
    pub(crate) status: Option<StatusCode>,
    pub(crate) code: Option<String>,
    /// `None` when the body has none: the status's reason phrase stands in.
    pub(crate) message: Option<String>,
    pub(crate) details: Vec<Detail>,
    pub(crate) request_id: Option<String>,
    pub(crate) retry_after: Option<u64>,
    pub(crate) docs_url: Option<String>,
    pub(crate) phrase: Option<String>,
    pub(crate) domain: Option<String>,
    /// Members not mapped, in the order sent.
    pub(crate) extensions: Vec<(String, super::ordered::Kept)>,
    /// Google's `LocalizedMessage`: locale and message.
    pub(crate) localized: Option<(String, String)>,
    /// Google's `FieldViolation.localizedMessage`s: locale and message, by detail index (no
    /// entry past the last detail that has one).
    pub(crate) localized_reasons: Vec<Option<(String, String)>>,
    /// Google's `status`: the gRPC code name, when it is one.
    pub(crate) grpc_code: Option<&'static str>,
    /// Google's `details` entries the error's own members do not say again (a
    /// `LocalizedMessage`, types the reader does not map), as compact JSON in the order sent,
    /// each after a comma: what a Google body passed on writes after its own entries.
    pub(crate) google_details: Option<String>,
    /// Whether `google_details` holds the `Help` the docs URL was read from, as sent (its link
    /// not described by the code, or several links).
    pub(crate) google_help: bool,
}
