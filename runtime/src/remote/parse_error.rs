//! Why a body could not be read, and the status-only error to use instead.

use super::ordered::{Object, Value};
use super::{RemoteError, clip, status_text};
use http::StatusCode;
use std::fmt;
use std::sync::Arc;

/// A response body that is in none of the six envelopes, or a response that is not an error, with
/// what was found instead.
///
/// [`fallback`](Self::fallback) (or [`into_fallback`](Self::into_fallback), which consumes the
/// parse error) still makes an error of the response: its status, a code from the status, the
/// body's text as the message.
///
/// `{:?}` prints the same text as `{}`, so a test's `.unwrap()` reads like the README;
/// `{:#?}` prints the fields. A body whose reading failed partway
/// ([`Interrupted`](ParseErrorKind::Interrupted)) keeps the transport's error as
/// [`source`](std::error::Error::source); equality compares everything else.
///
/// ```
/// use apierror::client::ParseErrorKind;
/// use apierror::{ApiError, RemoteError};
/// use http::{HeaderMap, StatusCode};
///
/// let body = b"<html><body>502 Bad Gateway</body></html>";
/// let error = RemoteError::parse(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body).unwrap_err();
/// assert!(matches!(error.kind(), ParseErrorKind::NotJson { .. }));
/// assert_eq!(
///     error.to_string(),
///     "cannot read the error body of a 502 response: not JSON (expected value at line 1 column 1): \
///      starts with `<html><body>502 Bad Gateway</body></html>`"
/// );
///
/// let err = error.into_fallback();
/// assert_eq!(err.code(), "BAD_GATEWAY");
/// assert_eq!(err.message(), "<html><body>502 Bad Gateway</body></html>");
/// ```
#[derive(Clone)]
pub struct ParseError {
    kind: ParseErrorKind,
    /// The response's status.
    status: StatusCode,
    /// One pointer (`RemoteError` boxes what it holds), so `Result<RemoteError, ParseError>`
    /// stays small.
    fallback: RemoteError,
    /// The error that stopped reading the body (a transport error), if one did.
    source: Option<Arc<dyn std::error::Error + Send + Sync + 'static>>,
}

impl PartialEq for ParseError {
    /// Equal kind, status and fallback; the source (a transport error) is not compared.
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.status == other.status && self.fallback == other.fallback
    }
}

impl Eq for ParseError {}

impl ParseError {
    /// The longest message of a [`fallback`](Self::fallback), in bytes.
    pub const FALLBACK_MESSAGE_LEN: usize = 512;

    pub(super) fn new(kind: ParseErrorKind, status: StatusCode, fallback: RemoteError) -> Self {
        Self {
            kind,
            status,
            fallback,
            source: None,
        }
    }

    /// The same error, caused by `source` (the transport error that stopped the read).
    #[cfg_attr(not(feature = "reqwest"), allow(dead_code))]
    pub(super) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// The error of a response that is not an error, made of its head.
    pub(super) fn not_an_error(head: RemoteError) -> Self {
        let status = head.0.status;
        Self::new(
            ParseErrorKind::NotAnError { status },
            status,
            head.not_an_error(),
        )
    }

    /// What was found instead of an error body.
    pub fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }

    /// The response's status, as it came (`304` for a [`NotAnError`](ParseErrorKind::NotAnError)).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// An error made of what the response says without its body: the status, the status's
    /// reason phrase as the code (`BAD_GATEWAY`), the body's text (lossy UTF-8, clipped to
    /// [`FALLBACK_MESSAGE_LEN`](Self::FALLBACK_MESSAGE_LEN) bytes at a character boundary;
    /// the status's reason phrase when it is blank) as the message, and the request id,
    /// `Retry-After` and passed-on headers of the head.
    ///
    /// The message is the body as it came, not a message the upstream chose to show: for a
    /// 5xx it may be a proxy's page or a stack trace. A gateway that forwards errors should
    /// answer a 5xx fallback with an error of its own rather than pass this one on.
    ///
    /// A fallback is always an error status. For a response whose status is not 4xx or 5xx
    /// ([`NotAnError`](ParseErrorKind::NotAnError), and a body cut off under such a status)
    /// it is 502 Bad Gateway, code `BAD_GATEWAY`: what a gateway answers when the upstream
    /// did not answer as expected. A `NotAnError` fallback's message names the real status,
    /// not the body (which is no error text): `The upstream service answered 304 Not
    /// Modified, which is not an error`.
    ///
    /// This borrows the parse error and clones the fallback it holds; when the parse error is
    /// no longer needed, [`into_fallback`](Self::into_fallback) moves it out instead.
    pub fn fallback(&self) -> RemoteError {
        self.fallback.clone()
    }

    /// The [`fallback`](Self::fallback), moved out of the parse error without a copy.
    ///
    /// ```
    /// use apierror::{ApiError, RemoteError};
    /// use http::{HeaderMap, StatusCode};
    ///
    /// let err = RemoteError::parse(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), b"")
    ///     .unwrap_or_else(|error| error.into_fallback());
    /// assert_eq!(err.code(), "SERVICE_UNAVAILABLE");
    /// assert_eq!(err.message(), "Service Unavailable");
    /// ```
    pub fn into_fallback(self) -> RemoteError {
        self.fallback
    }
}

impl fmt::Display for ParseError {
    /// `cannot read the error body of a 502 response: empty body`, or for a response that is
    /// not an error the kind's text alone: `a 304 Not Modified response is not an error...`.
    /// A read interrupted by a transport error that is the [`source`](std::error::Error::source)
    /// does not repeat it: `...: the body could not be read to its end`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ParseErrorKind::NotAnError { .. } = self.kind {
            return fmt::Display::fmt(&self.kind, f);
        }
        if let (ParseErrorKind::Interrupted { .. }, Some(_)) = (&self.kind, &self.source) {
            // The transport's error is the source: a chain printer shows it (C-GOOD-ERR).
            return write!(
                f,
                "cannot read the error body of a {} response: the body could not be read to its end",
                self.status.as_u16()
            );
        }
        write!(
            f,
            "cannot read the error body of a {} response: {}",
            self.status.as_u16(),
            self.kind
        )
    }
}

impl fmt::Debug for ParseError {
    /// The `Display` text, with the transport's error and its causes when the read was
    /// interrupted (so that an `.unwrap()` says it all); with `{:#?}`, the fields.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_struct("ParseError")
                .field("kind", &self.kind)
                .field("status", &self.status)
                .field("fallback", &self.fallback)
                .field("source", &self.source)
                .finish()
        } else {
            fmt::Display::fmt(self, f)?;
            match (&self.kind, &self.source) {
                (ParseErrorKind::Interrupted { reason }, Some(_)) => write!(f, ": {reason}"),
                _ => Ok(()),
            }
        }
    }
}

impl std::error::Error for ParseError {
    /// The transport error that stopped reading the body
    /// ([`Interrupted`](ParseErrorKind::Interrupted)); `None` for every other kind.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let source: &(dyn std::error::Error + 'static) = self.source.as_deref()?;
        Some(source)
    }
}

/// What a body that could not be read as an error was.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The body is empty or only whitespace.
    Empty,
    /// The body is longer than [`RemoteError::MAX_BODY_LEN`]; it was not parsed.
    TooLarge {
        /// The bytes seen: the whole body, or for a streamed body those read before reading
        /// stopped (the limit plus one).
        len: usize,
    },
    /// The body is not UTF-8, so not JSON.
    NotUtf8 {
        /// How many bytes at the start are valid UTF-8.
        valid_up_to: usize,
    },
    /// The body is not JSON.
    NotJson {
        /// What serde_json says is wrong, and where.
        reason: String,
        /// How the body starts, sanitized for a log line.
        start: String,
    },
    /// The body is JSON cut short.
    Truncated {
        /// How the body ends, sanitized for a log line.
        end: String,
    },
    /// The body is JSON but not an object.
    NotAnObject {
        /// What it is instead.
        found: JsonType,
    },
    /// The body is a JSON object in none of the six envelopes.
    UnknownShape {
        /// The first [`MEMBERS_LISTED`](Self::MEMBERS_LISTED) members with the type of their
        /// value, names clipped to 64 bytes.
        members: Vec<(String, JsonType)>,
        /// How many members the object has.
        total: usize,
    },
    /// Reading the body failed partway (a reset connection, a timeout).
    Interrupted {
        /// The transport's error, with its causes.
        reason: String,
    },
    /// The response's status is not 4xx or 5xx (a `304 Not Modified`, a `200 OK`), and its
    /// body names no 4xx or 5xx status either (Problem's `status`, Simple's and Google's
    /// numeric `code`): the response is not an error, whatever its body holds.
    NotAnError {
        /// The response's status.
        status: StatusCode,
    },
}

/// How many characters of a body a parse error quotes.
const QUOTED_CHARS: usize = 48;

/// How many bytes of a member's name an unknown shape keeps.
const MEMBER_NAME_LEN: usize = 64;

impl ParseErrorKind {
    /// How many members [`UnknownShape`](Self::UnknownShape) lists.
    pub const MEMBERS_LISTED: usize = 16;

    /// Why `text` did not parse: cut short, or not JSON at all (a syntax error, nesting deeper
    /// than serde_json's limit of 127 levels, a number out of range).
    pub(super) fn from_json(error: &serde_json::Error, text: &str) -> Self {
        match error.classify() {
            serde_json::error::Category::Eof => ParseErrorKind::Truncated {
                end: quote_end(text),
            },
            _ => ParseErrorKind::NotJson {
                reason: error.to_string(),
                start: quote_start(text),
            },
        }
    }

    pub(super) fn unknown_shape(object: &Object) -> Self {
        ParseErrorKind::UnknownShape {
            members: object
                .iter()
                .take(Self::MEMBERS_LISTED)
                .map(|(name, value)| (clip(name, MEMBER_NAME_LEN).to_owned(), JsonType::of(value)))
                .collect(),
            total: object.len(),
        }
    }
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::Empty => f.write_str("empty body"),
            ParseErrorKind::TooLarge { len } => write!(
                f,
                "body too large: {len} bytes, over the limit of {}",
                RemoteError::MAX_BODY_LEN
            ),
            ParseErrorKind::NotUtf8 { valid_up_to } => {
                write!(f, "not UTF-8: invalid byte at offset {valid_up_to}")
            }
            ParseErrorKind::NotJson { reason, start } => {
                write!(f, "not JSON ({reason}): starts with `{start}`")
            }
            ParseErrorKind::Truncated { end } => write!(f, "truncated JSON: ends with `{end}`"),
            ParseErrorKind::NotAnObject { found } => {
                write!(
                    f,
                    "JSON of another shape: {} instead of an object",
                    found.with_article()
                )
            }
            ParseErrorKind::UnknownShape { members, total } => {
                if members.is_empty() {
                    return f.write_str("JSON of another shape: an empty object");
                }
                f.write_str("JSON of another shape: an object with ")?;
                for (index, (name, json_type)) in members.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}` ({json_type})", sanitize(name.chars()))?;
                }
                match total.saturating_sub(members.len()) {
                    0 => Ok(()),
                    more => write!(f, " and {more} more"),
                }
            }
            ParseErrorKind::Interrupted { reason } => {
                write!(f, "the body could not be read to its end: {reason}")
            }
            ParseErrorKind::NotAnError { status } => write!(
                f,
                "a {} response is not an error: neither its status nor its body names a 4xx or 5xx status",
                status_text(*status)
            ),
        }
    }
}

/// The type of a JSON value, as a [`ParseErrorKind`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string. (Not `String`: a public name equal to a prelude type makes rustc spell out
    /// `std::string::String` in the diagnostics of every crate that uses this one.)
    Str,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    /// The type of `value`.
    pub(super) fn of(value: &Value) -> Self {
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::Str,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn with_article(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::Str => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            JsonType::Null => "null",
            JsonType::Bool => "boolean",
            JsonType::Number => "number",
            JsonType::Str => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        })
    }
}

/// The first [`QUOTED_CHARS`] characters of `text`, sanitized, `…` when there are more.
fn quote_start(text: &str) -> String {
    let text = text.trim_start();
    let mut quoted = sanitize(text.chars().take(QUOTED_CHARS));
    if text.chars().nth(QUOTED_CHARS).is_some() {
        quoted.push('…');
    }
    quoted
}

/// The last [`QUOTED_CHARS`] characters of `text`, sanitized, `…` before them when there are
/// more.
fn quote_end(text: &str) -> String {
    let text = text.trim_end();
    let mut last: Vec<char> = text.chars().rev().take(QUOTED_CHARS).collect();
    last.reverse();
    let quoted = sanitize(last.into_iter());
    if text.chars().rev().nth(QUOTED_CHARS).is_some() {
        format!("…{quoted}")
    } else {
        quoted
    }
}

/// Text from a body made safe for one line of a log or a terminal: each run of whitespace
/// becomes one space, and control and other invisible characters (bidirectional overrides
/// among them) are escaped as Rust escapes them (`\0`, `\u{1b}`).
fn sanitize(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in chars {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            // `escape_debug` escapes quotes and backslashes too, which need no escaping here.
            '"' | '\'' | '\\' => out.push(c),
            _ => out.extend(c.escape_debug()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_short_single_line_and_escaped() {
        assert_eq!(quote_start("  <html>\r\n  <body>"), "<html> <body>");
        assert_eq!(
            quote_start(&"x".repeat(100)),
            format!("{}…", "x".repeat(48))
        );
        assert_eq!(quote_start(&"x".repeat(48)), "x".repeat(48));
        assert_eq!(
            quote_end(&format!("{}end\n", "x".repeat(100))),
            format!("…{}end", "x".repeat(45))
        );
        assert_eq!(quote_end("{\"a\":"), "{\"a\":");
        assert_eq!(
            sanitize("a\u{1b}[31m\u{202e}b\u{0}\"\\'é🦀".chars()),
            "a\\u{1b}[31m\\u{202e}b\\0\"\\'é🦀"
        );
    }

    #[test]
    fn kinds_say_what_was_found() {
        let table = [
            (ParseErrorKind::Empty, "empty body"),
            (
                ParseErrorKind::TooLarge { len: 1_048_577 },
                "body too large: 1048577 bytes, over the limit of 1048576",
            ),
            (
                ParseErrorKind::NotUtf8 { valid_up_to: 3 },
                "not UTF-8: invalid byte at offset 3",
            ),
            (
                ParseErrorKind::NotAnObject {
                    found: JsonType::Array,
                },
                "JSON of another shape: an array instead of an object",
            ),
            (
                ParseErrorKind::NotAnObject {
                    found: JsonType::Null,
                },
                "JSON of another shape: null instead of an object",
            ),
            (
                ParseErrorKind::UnknownShape {
                    members: vec![],
                    total: 0,
                },
                "JSON of another shape: an empty object",
            ),
            (
                ParseErrorKind::UnknownShape {
                    members: vec![
                        ("code".to_owned(), JsonType::Object),
                        ("a\nb".to_owned(), JsonType::Str),
                    ],
                    total: 20,
                },
                "JSON of another shape: an object with `code` (object), `a b` (string) and 18 more",
            ),
            (
                ParseErrorKind::Interrupted {
                    reason: "connection reset".to_owned(),
                },
                "the body could not be read to its end: connection reset",
            ),
            (
                ParseErrorKind::NotAnError {
                    status: StatusCode::NOT_MODIFIED,
                },
                "a 304 Not Modified response is not an error: neither its status nor its body names a 4xx or 5xx status",
            ),
            (
                ParseErrorKind::NotAnError {
                    status: StatusCode::from_u16(299).unwrap(),
                },
                "a 299 response is not an error: neither its status nor its body names a 4xx or 5xx status",
            ),
        ];
        for (kind, text) in table {
            assert_eq!(kind.to_string(), text);
        }
    }
}
