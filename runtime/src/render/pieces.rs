//! Bodies that are all static text, joined from their pieces with one exact allocation.
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

/// What a static body shows, every string valid inside a JSON string as it is.
#[derive(Clone, Copy)]
pub(super) struct StaticBody<'a> {
    pub(super) status: StatusCode,
    pub(super) code: &'static str,
    /// The static message, within the request's limit.
    pub(super) message: &'static str,
    pub(super) docs_url: Option<&'static str>,
    pub(super) domain: Option<&'static str>,
    /// Whether the variant has a `#[retry_after]` field (which `Google` shows in its body).
    pub(super) retry_after: bool,
    pub(super) request: &'a Request<'a>,
}

impl<'a> StaticBody<'a> {
    /// What the body of the error with `parts` shows, if it is all static text.
    #[inline]
    fn of(parts: &'static StaticParts, request: &'a Request<'a>) -> Option<Self> {
        if !parts.all_static {
            return None;
        }
        let message = parts
            .message
            .filter(|message| message.len() <= request.limits.max_message_len())?;
        let spec = parts.spec;
        Some(StaticBody {
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

/// Why a body that looked static is written the general way after all: a value from the
/// context needs escaping, or the format shows something only the error can say.
#[derive(Debug)]
pub(super) struct NotStatic;

fn plain(text: Option<&str>) -> Result<Option<&str>, NotStatic> {
    match text {
        Some(text) if !json::needs_no_escaping(text) => Err(NotStatic),
        text => Ok(text),
    }
}

/// The body of the error the derive described with `parts`, in `format`, when it is all
/// static text.
#[inline]
pub(super) fn static_body(
    parts: &'static StaticParts,
    format: Format,
    request: &Request<'_>,
) -> Option<Vec<u8>> {
    let body = StaticBody::of(parts, request)?;
    match format {
        Format::Flat => Ok(flat::static_body(body)),
        Format::Nested => Ok(nested::static_body(body)),
        Format::ErrorList => error_list::static_body(body),
        Format::Problem => problem::static_body(body),
        Format::Google => google::static_body(body),
        Format::Simple => Ok(simple::static_body(body)),
    }
    .ok()
}

/// The pieces joined, with one allocation of exactly their length.
///
/// A macro rather than a function over `[&str; N]`: written out piece by piece, the keys, whose
/// lengths are constants, are copied with plain moves, where a loop over `Problem`'s 17 pieces
/// stayed a loop of `memcpy` calls and took half as long again. Each piece is a literal or a
/// local, as it is read twice (for its length, then its bytes).
macro_rules! join {
    ($($piece:tt),+ $(,)?) => {{
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorSpec;
    use crate::context::Limits;

    const SPEC: ErrorSpec = ErrorSpec::new("TASK_NOT_FOUND", 404)
        .message_template("Task not found")
        .docs_url("https://e.com/#TASK_NOT_FOUND")
        .domain("e.com");
    const PARTS: &StaticParts = &StaticParts::of(&SPEC);

    fn request<'a>(instance: Option<&'a str>, phrase: Option<&'a str>) -> Request<'a> {
        Request {
            request_id: "req-1",
            instance,
            phrase,
            limits: Limits::default(),
        }
    }

    fn text(parts: &'static StaticParts, format: Format, request: &Request<'_>) -> Option<String> {
        static_body(parts, format, request).map(|body| String::from_utf8_lossy(&body).into_owned())
    }

    #[test]
    fn every_format_joins_a_static_body() {
        let request = request(Some("/tasks/1"), None);
        let expected = [
            (
                Format::Flat,
                r#"{"code":"TASK_NOT_FOUND","message":"Task not found","requestId":"req-1"}"#,
            ),
            (
                Format::Nested,
                r#"{"error":{"code":"TASK_NOT_FOUND","message":"Task not found"}}"#,
            ),
            (
                Format::ErrorList,
                r#"{"errors":[{"message":"Task not found","help":"For more information on API status codes and how to handle them, read the docs on errors: https://e.com/#TASK_NOT_FOUND"}]}"#,
            ),
            (
                Format::Problem,
                r#"{"type":"https://e.com/#TASK_NOT_FOUND","title":"Not Found","status":404,"detail":"Task not found","instance":"/tasks/1","code":"TASK_NOT_FOUND"}"#,
            ),
            (
                Format::Google,
                r#"{"error":{"code":404,"message":"Task not found","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_NOT_FOUND","domain":"e.com"}]}}"#,
            ),
            (
                Format::Simple,
                r#"{"code":404,"message":"Task not found","cause":"TASK_NOT_FOUND"}"#,
            ),
        ];
        for (format, body) in expected {
            assert_eq!(
                text(PARTS, format, &request).as_deref(),
                Some(body),
                "{format}"
            );
        }
    }

    #[test]
    fn optional_members_are_left_out() {
        const BARE: &StaticParts =
            &StaticParts::of(&ErrorSpec::new("CLOSED", 499).message_template("Closed"));
        let request = request(None, Some("2 odd owls obey openly"));
        assert_eq!(
            text(BARE, Format::Problem, &request).as_deref(),
            Some(r#"{"type":"about:blank","status":499,"detail":"Closed","code":"CLOSED"}"#)
        );
        assert_eq!(
            text(BARE, Format::Google, &request).as_deref(),
            Some(
                r#"{"error":{"code":499,"message":"Closed","status":"CANCELLED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CLOSED"}]}}"#
            )
        );
        // The phrase is there when the caller drew one (a 5xx).
        assert_eq!(
            text(BARE, Format::ErrorList, &request).as_deref(),
            Some(r#"{"errors":[{"message":"Closed","phrase":"2 odd owls obey openly"}]}"#)
        );
    }

    #[test]
    fn bodies_that_are_not_all_static_text_are_declined() {
        const DETAILS: &StaticParts = &StaticParts::of(&SPEC.has_details(true));
        const EXTENSIONS: &StaticParts = &StaticParts::of(&SPEC.extensions(&["sync"]));
        const TEMPLATE: &StaticParts =
            &StaticParts::of(&SPEC.message_template("Task {id} not found"));
        const ESCAPED_MESSAGE: &StaticParts =
            &StaticParts::of(&SPEC.message_template("Task \"1\" not found"));
        const ESCAPED_URL: &StaticParts = &StaticParts::of(&SPEC.docs_url("https://e.com/\"x\""));
        const NO_MESSAGE: &StaticParts = &StaticParts::of(&ErrorSpec::new("BAD", 400));
        const RETRY: &StaticParts = &StaticParts::of(&SPEC.retry_after(true));
        let plain = request(Some("/tasks/1"), Some("1 a b c d"));
        for parts in [
            DETAILS,
            EXTENSIONS,
            TEMPLATE,
            ESCAPED_MESSAGE,
            ESCAPED_URL,
            NO_MESSAGE,
        ] {
            for format in Format::ALL {
                assert_eq!(text(parts, format, &plain), None, "{format}");
            }
        }
        // A message over the limit is cut by the general writer.
        let limited = Request {
            limits: Limits::default().with_max_message_len(4),
            ..request(None, None)
        };
        assert_eq!(text(PARTS, Format::Nested, &limited), None);
        // Only `Google` shows a retry delay in its body.
        assert_eq!(text(RETRY, Format::Google, &plain), None);
        assert!(text(RETRY, Format::Nested, &plain).is_some());
        // Context values that need escaping, where the format shows them.
        let escaped = request(Some("/tasks/\"1\""), Some("a \"quoted\" phrase"));
        assert_eq!(text(PARTS, Format::Problem, &escaped), None);
        assert_eq!(text(PARTS, Format::ErrorList, &escaped), None);
        assert!(text(PARTS, Format::Flat, &escaped).is_some());
    }
}
