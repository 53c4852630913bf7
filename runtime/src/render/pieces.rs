//! Bodies that are all known text, joined from their pieces with one exact allocation.
//!
//! An error the derive described completely (a static message within the limit, no details, no
//! extension members) has a body made only of text known before rendering starts: its code,
//! message and docs URL, already valid inside a JSON string, the format's keys, and at most a
//! request id, an instance or a phrase. Such a body is the concatenation of those pieces, so it
//! is written with one exact allocation and one copy per piece, skipping the general writers'
//! checks. Each format module lists its pieces next to its general writer; tests hold the two to
//! the same bytes for every format.

use super::{Request, StaticParts, error_list, flat, google, nested, problem, simple};
use crate::format::Format;
use crate::json;
use http::StatusCode;

/// What a static body shows, every piece valid inside a JSON string as it is.
pub(super) struct Static<'a> {
    pub(super) status: StatusCode,
    pub(super) code: &'static str,
    /// The static message, within the request's limit.
    pub(super) message: &'static str,
    pub(super) docs_url: Option<&'static str>,
    pub(super) domain: Option<&'static str>,
    /// Whether the error may have a retry delay (which `Google` shows in its body).
    pub(super) retry_after: bool,
    pub(super) request: &'a Request<'a>,
}

impl<'a> Static<'a> {
    /// The static view of an error with these parts, if its body is all known text.
    #[inline]
    fn of(parts: &'static StaticParts, request: &'a Request<'a>) -> Option<Self> {
        if !parts.known_text {
            return None;
        }
        let message = parts
            .message
            .filter(|message| message.len() <= request.limits.max_message_len())?;
        let spec = parts.spec;
        Some(Static {
            status: parts.status,
            code: spec.code,
            message,
            docs_url: spec.docs_url,
            domain: spec.domain,
            retry_after: spec.retry_after,
            request,
        })
    }

    /// The context's instance, if it has one; `Err` when it would need escaping.
    pub(super) fn instance(&self) -> Result<Option<&'a str>, NotStatic> {
        plain(self.request.instance)
    }

    /// The phrase, if the response has one; `Err` when it would need escaping.
    pub(super) fn phrase(&self) -> Result<Option<&'a str>, NotStatic> {
        plain(self.request.phrase)
    }
}

/// A value from the context that needs escaping, so the body is written the general way.
#[derive(Debug)]
pub(super) struct NotStatic;

fn plain(text: Option<&str>) -> Result<Option<&str>, NotStatic> {
    match text {
        Some(text) if !json::needs_no_escaping(text) => Err(NotStatic),
        text => Ok(text),
    }
}

/// The body of the error the derive described with `parts`, in `format`, when it is all known
/// text.
#[inline]
pub(super) fn static_body(
    parts: &'static StaticParts,
    format: Format,
    request: &Request<'_>,
) -> Option<Vec<u8>> {
    let text = Static::of(parts, request)?;
    match format {
        Format::Flat => Ok(flat::static_body(&text)),
        Format::Nested => Ok(nested::static_body(&text)),
        Format::ErrorList => error_list::static_body(&text),
        Format::Problem => problem::static_body(&text),
        Format::Google => google::static_body(&text),
        Format::Simple => Ok(simple::static_body(&text)),
    }
    .ok()
}

/// The pieces joined, with one allocation of exactly their length. A macro, so that the copies
/// are unrolled and the format's keys, whose lengths are constants, are copied with plain
/// moves. Each piece is evaluated twice (for its length, then its bytes): pass literals and
/// plain reads.
macro_rules! join {
    ($($piece:expr),+ $(,)?) => {{
        let mut body = ::std::vec::Vec::with_capacity(0 $(+ $piece.len())+);
        $(body.extend_from_slice($piece.as_bytes());)+
        body
    }};
}
pub(super) use join;

/// An optional string member: its opening (comma, key, opening quote), its value and its
/// closing quote, or three empty pieces.
#[inline(always)]
pub(super) fn member<'a>(open: &'static str, value: Option<&'a str>) -> [&'a str; 3] {
    match value {
        Some(value) => [open, value, "\""],
        None => ["", "", ""],
    }
}
