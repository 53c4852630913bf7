//! Public messages: the generic sentences a 5xx sends in place of its internals, and the
//! marker of a message cut at the length limit ([`Limits`](crate::Limits)).
//!
//! Inside, the machinery that fills a message in: `MessageWriter`, which the generated code and
//! the body writers write a message through (escaped for JSON or plain, cut at the length
//! limit), the values the derive hands over (`Arg`), and catalog templates with their
//! placeholders (`template`). Those are not public API.

/// Where an error body's message is looked for, in order, when the body has no member of its
/// own format (DESIGN.md §7 amended): the top-level `message`, `detail`, `title` and `error`,
/// the first that is a string and not blank. One rule for the client reading a foreign error
/// (`remote`) and for the layers reading a handler's own JSON 4xx (`integration`).
#[cfg(any(feature = "client", feature = "axum", feature = "actix"))]
pub(crate) const FALLBACK_MESSAGE_MEMBERS: [&str; 4] = ["message", "detail", "title", "error"];

mod template;

#[cfg(feature = "fluent")]
use template::scan_count;
pub(crate) use template::{Filled, Placeholders, Template, next_placeholder};

use crate::json::{self, escape_into};
use core::fmt::{self, Write as _};

use http::StatusCode;

/// The generic public message of a 502, 503 or 504 without `#[message]`.
pub const UNAVAILABLE: &str = "The service is temporarily unavailable. Please try again later.";

/// The generic public message of every other 5xx without `#[message]`.
pub const INTERNAL: &str = "An unexpected error occurred. Please try again later.";

/// The reason phrase of `status` (`Not Found`), else the name of its class in RFC 9110 §15:
/// `Client Error` for a 4xx status, `Server Error` for a 5xx one (`Error` for any other), so a
/// status without a phrase (499, 599) still says what kind of failure it is.
pub(crate) fn reason_or_class(status: StatusCode) -> &'static str {
    match status.canonical_reason() {
        Some(reason) => reason,
        None if status.is_client_error() => "Client Error",
        None if status.is_server_error() => "Server Error",
        None => "Error",
    }
}

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

/// `text` cut as a [`MessageWriter`] cuts a message at `limit` bytes: unchanged when it fits,
/// else its longest prefix of at most `limit` bytes that ends at a character boundary, then
/// [`TRUNCATION_MARKER`]. For texts written outside a `MessageWriter` (a translation in
/// Google's `LocalizedMessage`, in a JSON body or a gRPC status).
#[cfg(feature = "fluent")]
pub(crate) fn cut(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= limit {
        return std::borrow::Cow::Borrowed(text);
    }
    let kept = prefix_within(text, limit);
    let mut cut = String::with_capacity(kept.len() + TRUNCATION_MARKER.len());
    cut.push_str(kept);
    cut.push_str(TRUNCATION_MARKER);
    std::borrow::Cow::Owned(cut)
}

/// The longest prefix of `text` of at most `limit` bytes that ends at a character boundary.
pub(crate) fn prefix_within(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

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
    /// Where a writer made by [`capture`](Self::capture) keeps the values instead.
    #[cfg(feature = "fluent")]
    captured: Option<&'a mut Vec<Captured>>,
    /// Whether the writer only counts what it would write (see [`measuring`](Self::measuring)).
    measure: bool,
    /// The bytes counted so far when measuring.
    measured: usize,
    /// What a measuring writer hands a template's values to instead of counting them (see
    /// [`with_then`](Self::with_then)).
    then: Then<'a>,
    /// Where each interpolated value was written (byte offsets into `out`), when the caller
    /// wants the values ([`recording`](Self::recording), `plain_with_values`).
    values: Option<&'a mut Recorded>,
}

/// Where the values of a message's placeholders were written (byte offsets into the output),
/// and which placeholder of the template each filled: inline for up to [`Recorded::INLINE`] of
/// them (no allocation), all of them in a `Vec` when there are more.
#[derive(Debug, Default)]
pub(crate) struct Recorded {
    values: [RecordedValue; Recorded::INLINE],
    len: usize,
    /// Every value, once there were more than `INLINE`.
    spilled: Vec<RecordedValue>,
    /// How far into the template's text the message is written: the derived code of a
    /// template it writes itself hands over its text piece by piece (`push_static`), so the
    /// next value's placeholder starts here; the runtime's own filling sets it to each
    /// placeholder's `{`.
    cursor: usize,
    /// The message's length limit, which each value's own copy is cut at.
    limit: usize,
    /// Where the values the message does not show whole (it was cut in or before them) are
    /// written again, each on its own, cut at `limit` with the truncation marker: the metadata
    /// holds the value itself, not the message's cut of it (DESIGN.md section 4). The copies
    /// go into the output itself, after the cut message (which takes no more text once cut),
    /// so no buffer is allocated; `start..end` of the output, removed by the caller
    /// ([`region`](Self::region)) once the metadata is written.
    region: Option<(usize, usize)>,
}

/// One value of a message, as [`Recorded`] keeps it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct RecordedValue {
    /// Where the value is in the output, escaped as the output has it: in the message, or,
    /// when the message does not show it whole, its own copy in [`Recorded`]'s region.
    pub(crate) span: (usize, usize),
    /// Where its placeholder is in the template's text: the byte offsets of its `{` and `}`
    /// (`None` when the writer had no template, or the template has no placeholder there).
    place: Option<(u32, u32)>,
}

impl RecordedValue {
    /// The placeholder's name in `template` (`owner_name` for `{owner_name}`).
    pub(crate) fn name(&self, template: &'static str) -> Option<&'static str> {
        let (open, close) = self.place?;
        template.get(usize::try_from(open).ok()? + 1..usize::try_from(close).ok()?)
    }
}

impl Recorded {
    /// The most values kept without an allocation.
    pub(crate) const INLINE: usize = 8;

    fn push(&mut self, value: RecordedValue) {
        if let Some(slot) = self.values.get_mut(self.len) {
            *slot = value;
            self.len += 1;
            return;
        }
        if self.spilled.is_empty() {
            self.spilled.extend_from_slice(&self.values);
        }
        self.spilled.push(value);
    }

    /// The message is cut in or before `arg`: writes its own copy, cut on its own at the
    /// limit (then the marker), after the message in `out` (which takes no more text now),
    /// and returns where it is.
    #[cold]
    fn own_copy(&mut self, out: &mut Vec<u8>, arg: Arg<'_>, escape: bool) -> (usize, usize) {
        let from = out.len();
        let mut writer = MessageWriter::new(out, self.limit);
        writer.escape = escape;
        writer.write_arg(arg);
        writer.finish();
        let to = out.len();
        let start = self.region.map_or(from, |(start, _)| start);
        self.region = Some((start, to));
        (from, to)
    }

    /// The bytes of the output after the message that hold the values' own copies: the caller
    /// removes them once it has copied the values (`None`: the message shows every value
    /// whole).
    pub(crate) fn region(&self) -> Option<(usize, usize)> {
        self.region
    }

    /// Puts `tail` (the truncation marker, a closing quote) at the end of the message, before
    /// the values' own copies that follow it in `out`, moving them (in place) after it.
    #[cold]
    pub(crate) fn close_message(&mut self, out: &mut Vec<u8>, tail: &[u8]) {
        let Some((start, end)) = self.region else {
            out.extend_from_slice(tail);
            return;
        };
        out.extend_from_slice(tail);
        if let Some(moved) = out.get_mut(start..) {
            moved.rotate_right(tail.len());
        }
        self.region = Some((start + tail.len(), end + tail.len()));
        let values: &mut [RecordedValue] = if self.spilled.is_empty() {
            self.values.get_mut(..self.len).unwrap_or_default()
        } else {
            &mut self.spilled
        };
        // The own copies moved; the values the message shows did not.
        for value in values.iter_mut().filter(|value| value.span.0 >= start) {
            value.span = (value.span.0 + tail.len(), value.span.1 + tail.len());
        }
    }

    /// The values, in order.
    pub(crate) fn values(&self) -> &[RecordedValue] {
        if self.spilled.is_empty() {
            self.values.get(..self.len).unwrap_or_default()
        } else {
            &self.spilled
        }
    }

    /// Whether every value's placeholder is known (a value whose placeholder is not would be
    /// misnamed: the caller leaves the names out then).
    pub(crate) fn all_placed(&self) -> bool {
        self.values().iter().all(|value| value.place.is_some())
    }

    /// The placeholder in `template` at the cursor, and the cursor moved past it.
    fn place_at_cursor(&mut self, template: Option<&'static str>) -> Option<(u32, u32)> {
        let rest = template?.as_bytes().get(self.cursor..)?;
        if rest.first() != Some(&b'{') {
            return None;
        }
        let close = self.cursor + rest.iter().position(|&byte| byte == b'}')?;
        let place = (u32::try_from(self.cursor).ok()?, u32::try_from(close).ok()?);
        self.cursor = close + 1;
        Some(place)
    }
}

/// A measuring writer's continuation (see [`MessageWriter::with_then`]).
struct Then<'a>(Option<&'a mut ThenFn<'a>>);

/// What [`MessageWriter::measuring_then`] hands a template's values and length to.
/// The length is [`filled_len`]'s, the flag whether the filled template is within the limit
/// (nothing is cut).
pub(crate) type ThenFn<'a> = dyn FnMut(&[Arg<'_>], usize, bool) + 'a;

impl fmt::Debug for Then<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Then(..)" } else { "None" })
    }
}

/// A message's value as [`MessageWriter::capture`] keeps it, for a translation to use.
#[cfg(feature = "fluent")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Captured {
    Int(i128),
    UInt(u128),
    Text(String),
}

impl<'a> MessageWriter<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>, limit: usize) -> Self {
        Self {
            out,
            remaining: limit,
            truncated: false,
            escape: true,
            template: None,
            #[cfg(feature = "fluent")]
            captured: None,
            measure: false,
            measured: 0,
            then: Then(None),
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
            #[cfg(feature = "fluent")]
            captured: None,
            measure: false,
            measured: 0,
            then: Then(None),
            values: None,
        }
    }

    /// A writer that keeps the values of the message's placeholders, in order, in `captured`
    /// (what a translation fills in) and writes only static text into `out`.
    #[cfg(feature = "fluent")]
    pub(crate) fn capture(out: &'a mut Vec<u8>, captured: &'a mut Vec<Captured>) -> Self {
        Self {
            out,
            remaining: usize::MAX,
            truncated: false,
            escape: false,
            template: None,
            captured: Some(captured),
            measure: false,
            measured: 0,
            then: Then(None),
            values: None,
        }
    }

    /// Keeps the values `template` takes from `args` when capturing (a capturing writer has no
    /// template of its own, so [`fill_template`](Self::fill_template), the fast path, never
    /// gets here); `false` when writing.
    #[cfg(feature = "fluent")]
    pub(crate) fn capture_template(&mut self, template: &Template, args: &[Arg<'_>]) -> bool {
        if self.captured.is_none() {
            return false;
        }
        let count = template
            .places
            .map_or_else(|| scan_count(template.text), |places| places.count());
        for &arg in args.iter().take(count) {
            self.keep(arg);
        }
        true
    }

    /// Keeps `arg` when capturing; `false` when writing.
    #[cfg(feature = "fluent")]
    #[cold]
    fn keep(&mut self, arg: Arg<'_>) -> bool {
        let Some(captured) = self.captured.as_deref_mut() else {
            return false;
        };
        captured.push(match arg {
            Arg::U64(value) => Captured::UInt(u128::from(value)),
            Arg::U128(value) => Captured::UInt(value),
            Arg::I64(value) => Captured::Int(i128::from(value)),
            Arg::I128(value) => Captured::Int(value),
            Arg::Str(value) => Captured::Text(value.to_owned()),
            Arg::Display(value) => {
                let mut text = String::new();
                if write!(text, "{value}").is_err() {
                    text.clear();
                }
                Captured::Text(text)
            }
        });
        true
    }

    /// A writer that writes nothing and counts at least as many bytes as a writer made by
    /// [`new`](Self::new) with the same `limit` would write: text and strings exactly, with
    /// what their escapes add (all of a string's, also when it is cut), 20 bytes for a 64-bit
    /// integer and 40 for a 128-bit one. Read the count with
    /// [`measured`](Self::measured). The body's capacity is sized with it, so that a templated
    /// message is written into one allocation whatever its values' lengths.
    pub(crate) fn measuring(out: &'a mut Vec<u8>, limit: usize) -> Self {
        Self {
            measure: true,
            ..Self::new(out, limit)
        }
    }

    /// [`new`](Self::new), recording where each placeholder's value went (escaped, as the
    /// body has it) into `values`: the Google envelope repeats them in `ErrorInfo.metadata`.
    pub(crate) fn recording(out: &'a mut Vec<u8>, limit: usize, values: &'a mut Recorded) -> Self {
        values.limit = limit;
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
        values.limit = limit;
        Self {
            remaining: limit,
            values: Some(values),
            ..Self::plain(out)
        }
    }

    /// A [`measuring`](Self::measuring) writer holding `template`, which hands `then` the
    /// template's values and the filled message's length (see [`filled_len`]) when the error
    /// fills it (the derived `__message_json` of a variant whose template the runtime
    /// writes), instead of counting them: the body is then written inside `then`, sized with
    /// the values at hand, and the error is asked for them once. A variant that writes its
    /// message itself is counted as by `measuring`, and `then` is not called.
    pub(crate) fn measuring_then(
        out: &'a mut Vec<u8>,
        limit: usize,
        template: Template,
        then: &'a mut ThenFn<'a>,
    ) -> Self {
        Self {
            out,
            remaining: limit,
            truncated: false,
            escape: true,
            template: Some(template),
            #[cfg(feature = "fluent")]
            captured: None,
            measure: true,
            measured: 0,
            then: Then(Some(then)),
            values: None,
        }
    }

    /// What a [`measuring`](Self::measuring) writer counted, the truncation marker included.
    pub(crate) fn measured(&self) -> usize {
        if self.truncated {
            self.measured + TRUNCATION_MARKER.len()
        } else {
            self.measured
        }
    }

    /// Counts `len` message bytes that a writing writer would write, cut at the limit, and
    /// the `extra` bytes their escapes add (all of them, even when the text is cut: an
    /// overestimate).
    #[cold]
    fn count(&mut self, len: usize, extra: usize) {
        let fitting = len.min(self.remaining);
        self.remaining -= fitting;
        self.measured += fitting + extra;
        if fitting < len {
            self.truncated = true;
        }
    }

    /// A measuring writer's [`fill_template`](Self::fill_template): hands `args` to the
    /// continuation, else counts `template` filled with them (see [`template_len`]).
    #[inline(never)]
    fn measure_template(&mut self, template: &Template, args: &[Arg<'_>]) {
        match self.then.0.take() {
            Some(then) => {
                let (len, uncut) = filled_len(template, args, self.remaining);
                then(args, len, uncut);
            }
            None => {
                let (len, extra) = template_len(template, args);
                self.count(len, extra);
            }
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
        if self.measure {
            self.measure_template(&template, args);
            return true;
        }
        self.push_template(template.text, template.places, template.plain, args);
        true
    }

    /// Appends the truncation marker if the message was cut.
    pub(crate) fn finish(self) {
        if self.truncated {
            match self.values {
                // The values' own copies follow the cut message: the marker goes before them.
                Some(values) => values.close_message(self.out, TRUNCATION_MARKER.as_bytes()),
                None => escape_into(self.out, TRUNCATION_MARKER),
            }
        }
    }

    /// The longest prefix of `text` that fits, and records a cut.
    fn fit<'t>(&mut self, text: &'t str) -> &'t str {
        if text.len() <= self.remaining {
            self.remaining -= text.len();
            return text;
        }
        let kept = prefix_within(text, self.remaining);
        self.remaining = 0;
        self.truncated = true;
        kept
    }

    /// A static piece: `escaped` is `raw` already escaped by the derive.
    #[inline]
    pub fn push_static(&mut self, raw: &'static str, escaped: &'static str) {
        if let Some(values) = &mut self.values {
            values.cursor += raw.len();
        }
        if self.measure {
            return self.count(raw.len(), escaped.len() - raw.len());
        }
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
        if self.measure {
            return self.count(s.len(), json::escaped_extra(s));
        }
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
        if self.measure {
            return self.count(s.len(), 0);
        }
        let fitting = self.fit(s);
        self.out.extend_from_slice(fitting.as_bytes());
    }

    /// An integer (digits and a minus sign never need escaping).
    #[inline]
    fn push_int<I: itoa::Integer>(&mut self, value: I) {
        self.push_plain(itoa::Buffer::new().format(value));
    }

    /// An interpolated value (generated code calls this for templates it writes itself).
    #[inline]
    pub fn push_arg(&mut self, arg: Arg<'_>) {
        #[cfg(feature = "fluent")]
        if self.captured.is_some() && self.keep(arg) {
            return;
        }
        self.put_arg(arg);
    }

    /// An interpolated value, written, and its place recorded when the caller wants the
    /// values (see [`recording`](Self::recording)).
    #[inline]
    pub(crate) fn put_arg(&mut self, arg: Arg<'_>) {
        if self.values.is_some() {
            self.put_arg_recorded(arg);
        } else {
            self.write_arg(arg);
        }
    }

    /// [`put_arg`](Self::put_arg), recording where the value went: out of the way of bodies
    /// with no Google metadata to fill, which never record.
    #[cold]
    #[inline(never)]
    fn put_arg_recorded(&mut self, arg: Arg<'_>) {
        let start = self.out.len();
        self.write_arg(arg);
        let template = self.template.map(|template| template.text);
        let (escape, cut) = (self.escape, self.truncated && !self.measure);
        if let Some(values) = &mut self.values {
            let place = values.place_at_cursor(template);
            let mut span = (start, self.out.len());
            if cut {
                span = values.own_copy(self.out, arg, escape);
            }
            values.push(RecordedValue { span, place });
        }
    }

    /// Where the next value's placeholder starts in the template, when recording: the
    /// runtime's own filling knows each placeholder's place.
    pub(crate) fn at_placeholder(&mut self, open: usize) {
        if let Some(values) = &mut self.values {
            values.cursor = open;
        }
    }

    /// An interpolated value, written.
    #[inline]
    pub(crate) fn write_arg(&mut self, arg: Arg<'_>) {
        if self.measure {
            let (len, extra) = arg.measure();
            return self.count(len, extra);
        }
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
        let mark = (
            self.out.len(),
            self.remaining,
            self.truncated,
            self.measured,
        );
        if write!(LimitedEscaper(self), "{value}").is_err() {
            self.out.truncate(mark.0);
            self.remaining = mark.1;
            self.truncated = mark.2;
            self.measured = mark.3;
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

impl Arg<'_> {
    /// At most how many bytes the value is written as before escaping, and how many its
    /// escapes add: a string's length, 20 for a 64-bit integer, 40 for a 128-bit one, and
    /// what `Display` writes (formatted here to count it).
    #[inline]
    fn measure(self) -> (usize, usize) {
        match self {
            Self::U64(_) | Self::I64(_) => (20, 0),
            Self::U128(_) | Self::I128(_) => (40, 0),
            Self::Str(value) => (value.len(), escape_room(value.len())),
            Self::Display(value) => measure_display(value),
        }
    }
}

impl Arg<'_> {
    /// Appends the value as it is written inside a JSON string: integers as digits, strings
    /// escaped, anything else its `Display` text escaped. No length limit (see
    /// [`Template::write_json`]).
    #[inline]
    fn write_json(self, out: &mut Vec<u8>) {
        match self {
            Self::U64(value) => out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes()),
            Self::I64(value) => out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes()),
            Self::U128(value) => {
                out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
            }
            Self::I128(value) => {
                out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
            }
            Self::Str(value) => escape_into(out, value),
            Self::Display(value) => MessageWriter::new(out, usize::MAX).push_display(value),
        }
    }
}

/// The room left for what escaping adds to a value of `len` bytes, without scanning it:
/// the worst case (five bytes per byte, `\u00xx`) up to 24 bytes, a quarter of its length
/// beyond (scanning a long value costs as much as escaping it). A longer value whose escapes
/// add more than a quarter makes the body's buffer grow once.
#[inline]
fn escape_room(len: usize) -> usize {
    if len <= 24 { len * 5 } else { len / 4 }
}

/// What `value` is written as: its length and what escaping adds to it (formatted to count).
#[inline(never)]
fn measure_display(value: &dyn fmt::Display) -> (usize, usize) {
    let mut counter = Counter(0, 0);
    if write!(counter, "{value}").is_err() {
        return (0, 0);
    }
    (counter.0, counter.1)
}

/// At most how long `template` filled with `args` is before escaping (its text, braces
/// included, and every value), and how many bytes escaping the values adds.
#[inline]
fn template_len(template: &Template, args: &[Arg<'_>]) -> (usize, usize) {
    let mut len = template.text.len();
    let mut extra = 0;
    for &arg in args {
        let (arg_len, arg_extra) = arg.measure();
        len += arg_len;
        extra += arg_extra;
    }
    (len, extra)
}

/// At most how many bytes a message `template` filled with `args` is written as, escaped and
/// cut at `limit` bytes of text (the truncation marker included): what the body's buffer
/// leaves room for; and whether it is within the limit by that count (so nothing is cut).
#[inline]
pub(crate) fn filled_len(template: &Template, args: &[Arg<'_>], limit: usize) -> (usize, bool) {
    let (len, extra) = template_len(template, args);
    if len > limit {
        (limit + extra + TRUNCATION_MARKER.len(), false)
    } else {
        (len + extra, true)
    }
}

/// Counts the bytes written through `fmt::Write` (what a `Display` value is written as), and
/// what JSON escaping adds to them.
struct Counter(usize, usize);

impl fmt::Write for Counter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.len();
        self.1 += escape_room(s.len());
        Ok(())
    }
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

    /// What a measuring writer counts for `write`, and what a writing one writes.
    fn measured_and_written(
        limit: usize,
        write: impl Fn(&mut MessageWriter<'_>),
    ) -> (usize, usize) {
        let mut unused = Vec::new();
        let mut measuring = MessageWriter::measuring(&mut unused, limit);
        write(&mut measuring);
        let measured = measuring.measured();
        assert!(unused.is_empty(), "a measuring writer writes nothing");
        (measured, message(limit, write).len())
    }

    #[test]
    fn measuring_counts_at_least_what_is_written_and_exactly_for_text() {
        let escapes = "q\"n\n c\u{1} é";
        for limit in [0, 1, 5, 12, 100] {
            let (measured, written) = measured_and_written(limit, |w| {
                w.push_static("a\"b", "a\\\"b");
                w.push_str(escapes);
                w.push_arg(Arg::U64(u64::MAX));
                w.push_arg(Arg::I128(i128::MIN));
                w.push_arg(Arg::Str(escapes));
                w.push_arg(Arg::Display(&escapes));
                w.push_display(&Fails);
            });
            assert!(measured >= written, "limit {limit}: {measured} < {written}");
        }
        // Text and strings are counted exactly, escapes and the marker included.
        assert_eq!(measured_and_written(100, |w| w.push_str(escapes)), (17, 17));
        assert_eq!(measured_and_written(3, |w| w.push_str("abcdef")), (18, 18));
        assert_eq!(
            measured_and_written(100, |w| w.push_display(&escapes)),
            (17, 17)
        );
    }
}
