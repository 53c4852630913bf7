//! The HTTP header rules the server side and the client side share: the request-id header
//! (the one apierror sets, and the ones a client reads an id from), which headers apierror
//! manages itself, and how a `Retry-After` value is read.
//!
//! Neutral ground: rendering ([`render`](crate::render)), the client (`remote`, feature
//! `client`) and the framework integrations import from here, and this module imports none of
//! them. What only a reader of responses needs (the request-id headers a client reads,
//! `Retry-After` parsing) is compiled with the client or an integration.

use crate::format::Format;
use crate::request_id;
#[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
use crate::retry::RetryAfter as _;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderName, HeaderValue};
#[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
use std::time::SystemTime;

/// The headers a client reads a request id from when the body has none, in order (documented
/// as [`RemoteError::REQUEST_ID_HEADERS`](crate::RemoteError::REQUEST_ID_HEADERS)): this
/// crate's own, then `request-id` (Azure, Stripe), `x-correlation-id` and `x-amzn-requestid`
/// (AWS).
#[cfg(feature = "client")]
pub(crate) const REQUEST_ID_HEADERS: [&str; 4] = [
    request_id::HEADER_NAME,
    "request-id",
    "x-correlation-id",
    "x-amzn-requestid",
];

/// The bytes of the `Content-Type` of every response apierror renders with a JSON envelope, in a
/// `static` of this crate's own. A static has one address (a string literal or a `const` may
/// share its bytes with another crate's equal literal), so a header value made from these bytes
/// (`HeaderValue::from_static` keeps the pointer, and so do its clones) is apierror's mark on the
/// responses it renders: the layer and the middleware recognise their own by the value's byte
/// pointer ([`is_rendered_content_type`]), with no allocation. Private: a handler can produce
/// that pointer only by carrying apierror's own header over. [`Format::content_type`] returns
/// equal text from a literal, which is not the mark.
static JSON: [u8; 16] = *b"application/json";
/// [`JSON`]'s twin for [`Format::Problem`].
static PROBLEM_JSON: [u8; 24] = *b"application/problem+json";
/// [`JSON`] as text (checked when compiling; the same address).
static JSON_TEXT: &str = text(&JSON);
/// [`PROBLEM_JSON`] as text.
static PROBLEM_JSON_TEXT: &str = text(&PROBLEM_JSON);

/// `bytes` as text, checked when compiling (a static's initializer): no run-time check, no
/// `unsafe`. Both statics are ASCII, so never empty (a test compares them with the formats'
/// content types).
const fn text(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => "",
    }
}

/// The `Content-Type` text of a response rendered in `format` (the same text as
/// [`Format::content_type`]), backed by apierror's own statics: a header value made from it with
/// `from_static` (`http` 1 or actix-web's `http` 0.2) marks the response as apierror's (see
/// [`is_rendered_content_type`]).
pub(crate) fn rendered_content_type(format: Format) -> &'static str {
    match format {
        Format::Problem => PROBLEM_JSON_TEXT,
        _ => JSON_TEXT,
    }
}

/// Whether a `Content-Type` value's bytes are apierror's own statics (see
/// [`rendered_content_type`]): the same address and length, not merely equal text. A handler's
/// `application/json`, from its own literal, `HeaderValue::from_static` or a copy, is not.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) fn is_rendered_content_type(value: &[u8]) -> bool {
    as_rendered_content_type(value).is_some()
}

/// The static text a `Content-Type` value's bytes are (see [`is_rendered_content_type`]), to
/// carry the mark over into another crate's header type (actix-web's `http` 0.2).
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) fn as_rendered_content_type(value: &[u8]) -> Option<&'static str> {
    [JSON_TEXT, PROBLEM_JSON_TEXT]
        .into_iter()
        .find(|ours| std::ptr::eq(value, ours.as_bytes()))
}

/// The `Vary` value of a response whose envelope the request's `Accept` chose.
pub(crate) const VARY_ACCEPT: &str = "Accept";

/// The `Vary` value of a response whose language the request's `Accept-Language` chose.
#[cfg(any(feature = "fluent", feature = "actix"))]
pub(crate) const VARY_ACCEPT_LANGUAGE: &str = "Accept-Language";

/// Appends `Vary: name` (one of the two above) unless a `Vary` the response has already lists it
/// or `*` (a foreign error's own, kept by the layer): a field line of its own, after those.
/// `others` says whether the response may hold a `Vary` apierror did not write (only then are
/// they looked up).
pub(crate) fn add_vary(headers: &mut http::HeaderMap, name: &'static str, others: bool) {
    let listed = others
        && headers.get_all(http::header::VARY).iter().any(|value| {
            value.as_bytes().split(|&byte| byte == b',').any(|member| {
                let member = member.trim_ascii();
                member == b"*" || member.eq_ignore_ascii_case(name.as_bytes())
            })
        });
    if !listed {
        headers.append(http::header::VARY, HeaderValue::from_static(name));
    }
}

/// The static text a `Vary` value apierror sets is (one of the two above), to carry it into
/// another crate's header type without copying it (actix-web's `http` 0.2).
#[cfg(feature = "actix")]
pub(crate) fn as_static_vary(value: &[u8]) -> Option<&'static str> {
    [VARY_ACCEPT, VARY_ACCEPT_LANGUAGE]
        .into_iter()
        .find(|ours| ours.as_bytes() == value)
}

/// Headers apierror sets itself; an error's `headers()` cannot override them.
pub(crate) fn is_managed(name: &HeaderName) -> bool {
    name == CONTENT_TYPE
        || name == CONTENT_LENGTH
        || name == RETRY_AFTER
        || name == request_id::HEADER
}

/// `Retry-After` in seconds from `now`: delay-seconds as written (too many digits for a `u64`
/// saturate), a decimal number of seconds (`1.5`, which RFC 9110 does not allow but some
/// servers send) rounded up so a client never waits less than asked, an HTTP date as the
/// seconds left until it, rounded up, and 0 once it has passed. Anything else (a negative
/// delay, an exponent, a unit) is `None`.
#[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
pub(crate) fn retry_after_secs(value: &str, now: SystemTime) -> Option<u64> {
    let value = value.trim();
    if let Some(seconds) = decimal_secs(value) {
        return Some(seconds);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(match date.duration_since(now) {
        Ok(left) => left.retry_after_secs().unwrap_or(u64::MAX),
        Err(_) => 0,
    })
}

/// A non-negative decimal number of seconds, `DIGITS [ "." DIGITS ]` (`30`, `1.5`), rounded
/// up to whole seconds; too many digits for a `u64` saturate. Anything else is `None`.
#[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
pub(crate) fn decimal_secs(number: &str) -> Option<u64> {
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (number, ""),
    };
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    // All digits: only overflow fails.
    let seconds: u64 = whole.parse().unwrap_or(u64::MAX);
    Some(if fraction.bytes().any(|digit| digit != b'0') {
        seconds.saturating_add(1)
    } else {
        seconds
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
    use std::time::Duration;

    #[test]
    fn vary_is_added_once_after_what_the_response_lists() {
        let vary = |pairs: &[&'static str]| {
            let mut headers = http::HeaderMap::new();
            for value in pairs {
                headers.append(http::header::VARY, HeaderValue::from_static(value));
            }
            add_vary(&mut headers, VARY_ACCEPT, !pairs.is_empty());
            let values: Vec<_> = headers.get_all(http::header::VARY).iter().collect();
            values
                .iter()
                .map(|value| value.to_str().unwrap())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        assert_eq!(vary(&[]), "Accept");
        assert_eq!(vary(&["Origin"]), "Origin | Accept");
        assert_eq!(vary(&["origin, accept"]), "origin, accept");
        assert_eq!(vary(&["Origin", " ACCEPT "]), "Origin |  ACCEPT ");
        assert_eq!(vary(&["*"]), "*");
        assert_eq!(vary(&["Accept-Language"]), "Accept-Language | Accept");
        assert_eq!(
            vary(&["Accept-Encoding, Accept-Language"]),
            "Accept-Encoding, Accept-Language | Accept"
        );
    }

    #[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
    #[test]
    fn retry_after_as_seconds_or_as_a_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let table = [
            ("30", Some(30)),
            ("0", Some(0)),
            (" 120 ", Some(120)),
            ("99999999999999999999999", Some(u64::MAX)),
            ("Sun, 06 Nov 1994 08:50:07 GMT", Some(30)),
            ("Sunday, 06-Nov-94 08:50:07 GMT", Some(30)),
            ("Sun Nov  6 08:50:07 1994", Some(30)),
            ("Sun, 06 Nov 1994 08:49:37 GMT", Some(0)),
            ("Sun, 06 Nov 1994 08:00:00 GMT", Some(0)),
            ("-5", None),
            ("", None),
            ("soon", None),
            ("Sun, 06 Nov 1994 25:00:00 GMT", None),
        ];
        for (value, expected) in table {
            assert_eq!(retry_after_secs(value, now), expected, "{value:?}");
        }
        let later = now + Duration::from_millis(500);
        assert_eq!(
            retry_after_secs("Sun, 06 Nov 1994 08:50:07 GMT", later),
            Some(30),
            "a part second left is a whole one"
        );
    }

    #[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
    #[test]
    fn fractional_retry_after_rounds_up() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let table = [
            ("1.5", Some(2)),
            ("0.5", Some(1)),
            ("0.001", Some(1)),
            ("2.0", Some(2)),
            ("2.000", Some(2)),
            ("0.0", Some(0)),
            (" 1.5 ", Some(2)),
            ("29.999999999999", Some(30)),
            ("99999999999999999999999.5", Some(u64::MAX)),
            ("18446744073709551615.5", Some(u64::MAX)),
            ("-1.5", None),
            ("1.", None),
            (".5", None),
            ("1.5.5", None),
            ("1,5", None),
            ("1.5s", None),
            ("1e3", None),
            ("+1.5", None),
        ];
        for (value, expected) in table {
            assert_eq!(retry_after_secs(value, now), expected, "{value:?}");
        }
    }

    #[test]
    fn rendered_content_types_are_the_formats_and_in_apierrors_statics() {
        for format in Format::ALL {
            let ours = rendered_content_type(format);
            assert_eq!(ours, format.content_type(), "{format}");
            let statics: [&[u8]; 2] = [&JSON, &PROBLEM_JSON];
            assert!(
                statics
                    .iter()
                    .any(|bytes| std::ptr::eq(ours.as_bytes(), *bytes))
            );
        }
    }

    #[cfg(any(feature = "axum", feature = "actix"))]
    #[test]
    fn rendered_content_types_are_marked_by_address() {
        for format in Format::ALL {
            let ours = rendered_content_type(format);
            assert!(is_rendered_content_type(ours.as_bytes()), "{format}");
            // Equal text elsewhere is not the mark: the public literal, a copy, a prefix.
            assert!(!is_rendered_content_type(format.content_type().as_bytes()));
            assert!(!is_rendered_content_type(ours.to_owned().as_bytes()));
            let prefix = ours.as_bytes().get(..4).unwrap();
            assert!(!is_rendered_content_type(prefix));
            // Kept through `http`'s header values and their clones.
            let value = http::HeaderValue::from_static(ours);
            assert!(is_rendered_content_type(value.clone().as_bytes()));
            assert_eq!(as_rendered_content_type(value.as_bytes()), Some(ours));
            let literal = http::HeaderValue::from_static("application/json");
            assert!(!is_rendered_content_type(literal.as_bytes()));
            assert_eq!(as_rendered_content_type(literal.as_bytes()), None);
        }
    }

    #[test]
    fn managed_headers() {
        assert!(is_managed(&request_id::HEADER));
        assert!(is_managed(&CONTENT_TYPE));
        assert!(!is_managed(&http::header::WWW_AUTHENTICATE));
    }

    #[cfg(feature = "client")]
    #[test]
    fn a_client_reads_this_crates_request_id_header_first() {
        assert_eq!(
            REQUEST_ID_HEADERS.first(),
            Some(&request_id::HEADER.as_str())
        );
    }
}
