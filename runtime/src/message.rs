//! Public messages: the generic sentences a 5xx sends in place of its internals, and the
//! marker of a message cut at the length limit ([`Limits`](crate::Limits)).
//!
//! Inside, the machinery that fills a message in: `MessageWriter`, which the generated code and
//! the body writers write a message through (escaped for JSON or plain, cut at the length
//! limit), the values the derive hands over (`Arg`), and catalog templates with their
//! placeholders (`template`). Those are not public API.

mod template;

pub(crate) use template::{Placeholders, Template};

use crate::json::escape_into;
use core::fmt::{self, Write as _};

use http::StatusCode;

/// The generic public message of a 502, 503 or 504 without `#[message]`.
pub const UNAVAILABLE: &str = "The service is temporarily unavailable. Please try again later.";

/// The generic public message of every other 5xx without `#[message]`.
pub const INTERNAL: &str = "An unexpected error occurred. Please try again later.";

/// The public message of a 5xx error that has no `#[message]`: its `Display` text and source
/// chain are internal and never sent. [`UNAVAILABLE`] for 502, 503 and 504, else
/// [`INTERNAL`].
///
/// ```
/// use http::StatusCode;
///
/// assert_eq!(apierror::message::generic(StatusCode::BAD_GATEWAY), apierror::message::UNAVAILABLE);
/// assert_eq!(apierror::message::generic(StatusCode::INTERNAL_SERVER_ERROR), apierror::message::INTERNAL);
/// ```
pub fn generic(status: StatusCode) -> &'static str {
    match status.as_u16() {
        502..=504 => UNAVAILABLE,
        _ => INTERNAL,
    }
}

/// Appended to a message cut at the length limit (see [`Limits`](crate::Limits)).
pub const TRUNCATION_MARKER: &str = "… [truncated]";

/// Writes the inside of a JSON string for a public message, at most `limit` bytes of message
/// text (cut at a character boundary, then [`TRUNCATION_MARKER`]).
///
/// Generated code hands it the static parts of a message already escaped and the interpolated
/// values as they are; this type escapes the values.
#[doc(hidden)]
#[derive(Debug)]
pub struct MessageWriter<'a> {
    out: &'a mut Vec<u8>,
    /// Message bytes (unescaped) that may still be written.
    remaining: usize,
    truncated: bool,
    /// Whether text is JSON-escaped; without, the writer builds the plain message text.
    escape: bool,
    /// The template of the error being written, when the caller knows it (see
    /// [`with_template`](Self::with_template)).
    template: Option<Template>,
    /// Where each interpolated value was written (byte offsets into `out`), when the caller
    /// wants the values ([`recording`](Self::recording), `plain_with_values`).
    values: Option<&'a mut Recorded>,
}

/// Where the values of a message's placeholders were written: byte offsets into the output,
/// for at most [`Recorded::MAX`] of them, inline (no allocation).
#[derive(Debug, Default)]
pub(crate) struct Recorded {
    spans: [(usize, usize); Recorded::MAX],
    len: usize,
    /// More values were written than there is room for.
    more: bool,
}

impl Recorded {
    /// The most values recorded; a message with more has none recorded.
    pub(crate) const MAX: usize = 8;

    fn push(&mut self, span: (usize, usize)) {
        match self.spans.get_mut(self.len) {
            Some(slot) => {
                *slot = span;
                self.len += 1;
            }
            None => self.more = true,
        }
    }

    /// The values' places, in order; empty when there were more than [`MAX`](Self::MAX).
    pub(crate) fn spans(&self) -> &[(usize, usize)] {
        if self.more {
            return &[];
        }
        self.spans.get(..self.len).unwrap_or_default()
    }
}

impl<'a> MessageWriter<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>, limit: usize) -> Self {
        Self {
            out,
            remaining: limit,
            truncated: false,
            escape: true,
            template: None,
            values: None,
        }
    }

    /// A writer of the message as plain text, without escaping or a limit: what
    /// [`ApiError::message`](crate::ApiError::message) returns.
    pub(crate) fn plain(out: &'a mut Vec<u8>) -> Self {
        Self {
            out,
            remaining: usize::MAX,
            truncated: false,
            escape: false,
            template: None,
            values: None,
        }
    }

    /// [`new`](Self::new), recording where each placeholder's value went (escaped, as the
    /// body has it) into `values`: the Google envelope repeats them in `ErrorInfo.metadata`.
    pub(crate) fn recording(out: &'a mut Vec<u8>, limit: usize, values: &'a mut Recorded) -> Self {
        Self {
            values: Some(values),
            ..Self::new(out, limit)
        }
    }

    /// A writer of the plain message text cut at `limit` bytes (as a body would carry it),
    /// recording where each placeholder's value went into `values`: the message of a gRPC
    /// status and the values its `ErrorInfo` metadata repeats.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code))]
    pub(crate) fn plain_with_values(
        out: &'a mut Vec<u8>,
        limit: usize,
        values: &'a mut Recorded,
    ) -> Self {
        Self {
            out,
            remaining: limit,
            truncated: false,
            escape: false,
            template: None,
            values: Some(values),
        }
    }

    /// Hands the writer the template of the error it writes, as its `StaticParts` have it, so
    /// that [`fill_template`](Self::fill_template) need not ask the error again.
    pub(crate) fn with_template(mut self, template: Option<Template>) -> Self {
        self.template = template;
        self
    }

    /// Fills the template the caller handed over with `args`; `false` (nothing written) when
    /// there is none.
    pub(crate) fn fill_template(&mut self, args: &[Arg<'_>]) -> bool {
        let Some(template) = self.template else {
            return false;
        };
        self.push_template(template.text, template.places, template.plain, args);
        true
    }

    /// Appends the truncation marker if the message was cut.
    pub(crate) fn finish(self) {
        if self.truncated {
            escape_into(self.out, TRUNCATION_MARKER);
        }
    }

    /// The longest prefix of `text` that fits, and records a cut.
    fn fit<'t>(&mut self, text: &'t str) -> &'t str {
        if text.len() <= self.remaining {
            self.remaining -= text.len();
            return text;
        }
        let mut end = self.remaining;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.remaining = 0;
        self.truncated = true;
        text.get(..end).unwrap_or_default()
    }

    /// A static piece: `escaped` is `raw` already escaped by the derive.
    #[inline]
    pub fn push_static(&mut self, raw: &'static str, escaped: &'static str) {
        if raw.len() <= self.remaining {
            self.remaining -= raw.len();
            let text = if self.escape { escaped } else { raw };
            self.out.extend_from_slice(text.as_bytes());
        } else {
            // Cutting the escaped form could split an escape sequence; escape the cut raw text.
            let fitting = self.fit(raw);
            escape_into(self.out, fitting);
        }
    }

    /// A run-time string, escaped here.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        let fitting = self.fit(s);
        if self.escape {
            escape_into(self.out, fitting);
        } else {
            self.out.extend_from_slice(fitting.as_bytes());
        }
    }

    /// Text that needs no escaping (digits, a minus sign, a plain template's text).
    #[inline]
    fn push_plain(&mut self, s: &str) {
        let fitting = self.fit(s);
        self.out.extend_from_slice(fitting.as_bytes());
    }

    /// An integer (digits and a minus sign never need escaping).
    #[inline]
    fn push_int<I: itoa::Integer>(&mut self, value: I) {
        self.push_plain(itoa::Buffer::new().format(value));
    }

    /// An interpolated value.
    #[inline]
    pub fn push_arg(&mut self, arg: Arg<'_>) {
        if self.values.is_some() {
            self.push_arg_recorded(arg);
        } else {
            self.write_arg(arg);
        }
    }

    /// [`push_arg`](Self::push_arg), recording where the value went: out of the way of bodies,
    /// which never record.
    #[cold]
    #[inline(never)]
    fn push_arg_recorded(&mut self, arg: Arg<'_>) {
        let start = self.out.len();
        self.write_arg(arg);
        if let Some(values) = &mut self.values {
            values.push((start, self.out.len()));
        }
    }

    #[inline]
    fn write_arg(&mut self, arg: Arg<'_>) {
        match arg {
            Arg::U64(value) => self.push_int(value),
            Arg::I64(value) => self.push_int(value),
            Arg::U128(value) => self.push_int(value),
            Arg::I128(value) => self.push_int(value),
            Arg::Str(value) => self.push_str(value),
            Arg::Display(value) => self.push_display(value),
        }
    }

    /// Static text: copied when `plain`, else escaped.
    #[inline]
    pub(crate) fn push_text(&mut self, text: &str, plain: bool) {
        if plain {
            self.push_plain(text);
        } else {
            self.push_str(text);
        }
    }

    /// Any `Display` value; a failing `Display` leaves nothing behind.
    #[inline]
    pub fn push_display<T: fmt::Display + ?Sized>(&mut self, value: &T) {
        let mark = (self.out.len(), self.remaining, self.truncated);
        if write!(LimitedEscaper(self), "{value}").is_err() {
            self.out.truncate(mark.0);
            self.remaining = mark.1;
            self.truncated = mark.2;
        }
    }
}

/// An interpolated value as generated code hands it over: integers and strings are written
/// without going through `fmt` (integers with `itoa`), anything else with its `Display`.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Arg<'a> {
    /// An unsigned integer of up to 64 bits.
    U64(u64),
    /// A signed integer of up to 64 bits.
    I64(i64),
    /// An unsigned integer of up to 128 bits (or a `usize`).
    U128(u128),
    /// A signed integer of up to 128 bits (or an `isize`).
    I128(i128),
    /// A string.
    Str(&'a str),
    /// Anything else.
    Display(&'a dyn fmt::Display),
}

impl fmt::Debug for Arg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::U64(value) => f.debug_tuple("U64").field(value).finish(),
            Self::I64(value) => f.debug_tuple("I64").field(value).finish(),
            Self::U128(value) => f.debug_tuple("U128").field(value).finish(),
            Self::I128(value) => f.debug_tuple("I128").field(value).finish(),
            Self::Str(value) => f.debug_tuple("Str").field(value).finish(),
            Self::Display(_) => f.write_str("Display(..)"),
        }
    }
}

/// `fmt::Write` into a [`MessageWriter`]: escapes, and drops what is past the limit.
struct LimitedEscaper<'w, 'a>(&'w mut MessageWriter<'a>);

impl fmt::Write for LimitedEscaper<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fails;

    impl fmt::Display for Fails {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("partial")?;
            Err(fmt::Error)
        }
    }

    pub(super) fn message(limit: usize, write: impl FnOnce(&mut MessageWriter<'_>)) -> String {
        let mut out = Vec::new();
        let mut writer = MessageWriter::new(&mut out, limit);
        write(&mut writer);
        writer.finish();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn failing_display_leaves_nothing() {
        let text = message(100, |w| {
            w.push_str("before ");
            w.push_display(&Fails);
            w.push_str("after");
        });
        assert_eq!(text, "before after");
    }

    #[test]
    fn messages_are_cut_at_the_limit_with_a_marker() {
        assert_eq!(message(5, |w| w.push_str("hello")), "hello");
        assert_eq!(message(5, |w| w.push_str("hello!")), "hello… [truncated]");
        assert_eq!(
            message(4, |w| w.push_static("a\"b\nc", "a\\\"b\\nc")),
            "a\\\"b\\n… [truncated]"
        );
        // Never inside a character: é is two bytes.
        assert_eq!(message(2, |w| w.push_str("aé")), "a… [truncated]");
        assert_eq!(
            message(3, |w| w.push_display(&"abcdef")),
            "abc… [truncated]"
        );
        assert_eq!(
            message(3, |w| w.push_arg(Arg::U64(123_456))),
            "123… [truncated]"
        );
        // Nothing is written past the cut.
        assert_eq!(
            message(3, |w| {
                w.push_str("abcd");
                w.push_str("efg");
            }),
            "abc… [truncated]"
        );
    }
}
