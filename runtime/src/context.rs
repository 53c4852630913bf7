//! Per-request data a body needs: the request id, the `instance` path, a fixed phrase.

use crate::format::Format;

/// What a response knows about the request it answers.
///
/// ```
/// use apierror::Context;
///
/// let ctx = Context::default()
///     .with_request_id("req-1")
///     .with_instance("/tasks/1");
/// assert_eq!(ctx.request_id(), Some("req-1"));
/// assert_eq!(ctx.instance(), Some("/tasks/1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    request_id: Option<String>,
    instance: Option<String>,
    phrase: Option<String>,
    format: Option<Format>,
    /// The envelope was chosen by the request's `Accept` (a layer's context): the response
    /// says so with `Vary: Accept`.
    negotiated: bool,
    limits: Limits,
    #[cfg(feature = "fluent")]
    locale: Option<crate::locale::Locale>,
}

/// How long a message and how many details a body may have, whatever the error holds.
///
/// A message longer than [`max_message_len`](Self::max_message_len) bytes keeps at most that
/// many (cut at a character boundary) and then [`TRUNCATION_MARKER`](crate::message::TRUNCATION_MARKER)
/// (`… [truncated]`); more than [`max_details`](Self::max_details) details are cut to that many,
/// followed by one detail whose reason is `… N more details omitted`. (The strings inside a
/// detail and extension values are the error's own and are not cut.)
///
/// ```
/// use apierror::{Context, Detail, Format, HttpError, Limits};
/// use http::StatusCode;
///
/// let err = HttpError::new(StatusCode::BAD_REQUEST)
///     .with_message("The request could not be understood")
///     .with_detail(Detail::new("name", "is required"))
///     .with_detail(Detail::new("email", "is required"))
///     .with_detail(Detail::new("age", "is required"));
/// let limits = Limits::default().with_max_message_len(24).with_max_details(1);
/// let ctx = Context::default().with_request_id("req-1").with_limits(limits);
/// let body = String::from_utf8(apierror::to_json(&err, Format::Flat, &ctx))?;
/// assert_eq!(
///     body,
///     r#"{"code":"BAD_REQUEST","message":"The request could not be… [truncated]","details":[{"field":"name","reason":"is required"},{"reason":"… 2 more details omitted"}],"requestId":"req-1"}"#
/// );
/// # Ok::<(), std::string::FromUtf8Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_message_len: usize,
    max_details: usize,
}

impl Limits {
    /// The default message limit: 4 KiB.
    pub const DEFAULT_MAX_MESSAGE_LEN: usize = 4096;
    /// The default number of details: 100.
    pub const DEFAULT_MAX_DETAILS: usize = 100;

    /// Sets the longest message, in bytes of UTF-8 text before JSON escaping; a longer message
    /// is cut at a character boundary at or below it and the
    /// [`TRUNCATION_MARKER`](crate::message::TRUNCATION_MARKER) is added on top.
    #[must_use]
    pub const fn with_max_message_len(mut self, bytes: usize) -> Self {
        self.max_message_len = bytes;
        self
    }

    /// Sets the most details a body lists.
    #[must_use]
    pub const fn with_max_details(mut self, details: usize) -> Self {
        self.max_details = details;
        self
    }

    /// The longest message, in bytes.
    pub const fn max_message_len(&self) -> usize {
        self.max_message_len
    }

    /// The most details a body lists.
    pub const fn max_details(&self) -> usize {
        self.max_details
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_message_len: Self::DEFAULT_MAX_MESSAGE_LEN,
            max_details: Self::DEFAULT_MAX_DETAILS,
        }
    }
}

impl Context {
    /// An empty context: a request id is generated when a body is rendered.
    pub fn new() -> Self {
        Self::default()
    }

    /// The request's id. Used verbatim when it is 1..=128 characters of `[A-Za-z0-9._-]`;
    /// otherwise rendering replaces it with a fresh one.
    #[must_use]
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// The request path, for RFC 9457's `instance` (§3.1.5): only the `Problem` envelope shows
    /// it, written as given (JSON-escaped, not checked). Pass the path without the query string,
    /// which may carry what a log should not; the axum and actix-web layers set it so.
    #[must_use]
    pub fn with_instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }

    /// Fixes the support phrase of 5xx `ErrorList` bodies (for tests and replays). An upstream
    /// error passed on (a `RemoteError`) keeps the phrase it was sent with, when it has one.
    #[must_use]
    pub fn with_phrase(mut self, phrase: impl Into<String>) -> Self {
        self.phrase = Some(phrase.into());
        self
    }

    /// The format the client asked for (see [`Format::from_accept`]); it overrides the
    /// error's own format in [`Context::format_for`].
    #[must_use]
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets the size limits of bodies.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The language to render in (see [`locale`](crate::locale)): bodies carry translated
    /// texts where there are translations, and responses `Content-Language` (the language of
    /// the message) and `Vary: Accept-Language`. In the default language the body is exactly
    /// the one without a locale; the response still carries both headers (`Content-Language`
    /// naming the default language), since the language was negotiated.
    #[cfg(feature = "fluent")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
    #[must_use]
    pub fn with_locale(mut self, locale: crate::locale::Locale) -> Self {
        self.locale = Some(locale);
        self
    }

    /// Sets the language in place (see [`Context::with_locale`]).
    #[cfg(all(feature = "fluent", any(feature = "axum", feature = "actix")))]
    pub(crate) fn set_locale(&mut self, locale: Option<crate::locale::Locale>) {
        self.locale = locale;
    }

    /// The language to render in.
    #[cfg(feature = "fluent")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
    pub fn locale(&self) -> Option<&crate::locale::Locale> {
        self.locale.as_ref()
    }

    /// The size limits of bodies.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The supplied request id, as supplied.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `instance` path.
    pub fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// The fixed support phrase.
    pub fn phrase(&self) -> Option<&str> {
        self.phrase.as_deref()
    }

    /// The format the client asked for.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// Whether the request's `Accept` chose the envelope (a context the layer or middleware
    /// made): the response then carries `Vary: Accept` (RFC 9110 §12.5.5), whichever envelope
    /// it was, so a cache does not hand one client's body to another that asked otherwise.
    pub(crate) fn negotiated(&self) -> bool {
        self.negotiated
    }

    /// This context as [`Context::refill`] makes it: the envelope negotiated (tests compare
    /// a refilled context with one built).
    #[cfg(all(test, any(feature = "axum", feature = "actix")))]
    pub(crate) fn negotiating(mut self) -> Self {
        self.negotiated = true;
        self
    }

    /// Makes this context the one of a request the layer (or middleware) answers, in place:
    /// `instance` its path, its request id and the envelope its `Accept` negotiated, reusing
    /// the strings' buffers (no allocation when they are large enough). Every field is set:
    /// the phrase, limits and language are reset to their defaults.
    #[cfg(any(feature = "axum", feature = "actix"))]
    pub(crate) fn refill(
        &mut self,
        instance: &str,
        request_id: Option<&str>,
        format: Option<Format>,
    ) {
        let Context {
            request_id: kept_id,
            instance: kept_instance,
            phrase,
            format: kept_format,
            negotiated,
            limits,
            #[cfg(feature = "fluent")]
            locale,
        } = self;
        put(kept_id, request_id);
        put(kept_instance, Some(instance));
        *phrase = None;
        *kept_format = format;
        *negotiated = true;
        *limits = Limits::default();
        #[cfg(feature = "fluent")]
        {
            *locale = None;
        }
    }

    /// Empties what [`Context::refill`] put in, in place, once a render is done with it: the
    /// id, `instance` and phrase truncated (their buffers kept for the next refill, unless
    /// longer than a kept buffer may be), the negotiated format and the language dropped, so
    /// nothing of one request stays in a context kept for the next.
    #[cfg(any(feature = "axum", feature = "actix"))]
    pub(crate) fn empty(&mut self) {
        for slot in [&mut self.request_id, &mut self.instance, &mut self.phrase] {
            match slot {
                Some(kept) if kept.capacity() <= KEEP => kept.clear(),
                _ => *slot = None,
            }
        }
        self.format = None;
        self.negotiated = false;
        #[cfg(feature = "fluent")]
        {
            self.locale = None;
        }
    }

    /// The format to render `err` in: the client's choice, else the error's own. Takes what
    /// [`to_json`](crate::to_json) takes: any `ApiError`, and a `Box<dyn ApiError + Send +
    /// Sync>` or other trait object of one.
    pub fn format_for<E: crate::AsApiError + ?Sized>(&self, err: &E) -> Format {
        self.format.unwrap_or_else(|| err.as_api_error().format())
    }
}

/// The longest string [`Context::refill`] copies into a kept buffer; a longer one gets a buffer
/// of its own, so a context kept for reuse holds at most one request's long path.
#[cfg(any(feature = "axum", feature = "actix"))]
const KEEP: usize = 1024;

/// Sets `slot` to `value`, copying into the buffer it holds when there is one of at most
/// [`KEEP`] bytes.
#[cfg(any(feature = "axum", feature = "actix"))]
fn put(slot: &mut Option<String>, value: Option<&str>) {
    match (slot.as_mut(), value) {
        (Some(kept), Some(value)) if kept.capacity() <= KEEP => {
            kept.clear();
            kept.push_str(value);
        }
        (_, value) => *slot = value.map(str::to_owned),
    }
}

#[cfg(all(test, any(feature = "axum", feature = "actix")))]
mod tests {
    use super::*;

    #[test]
    fn a_refilled_context_equals_one_built_for_the_request() {
        let mut kept = Context::default()
            .with_request_id("req-old")
            .with_instance("/old")
            .with_phrase("a phrase")
            .with_format(Format::Problem)
            .with_limits(Limits::default().with_max_details(3));
        kept.refill("/tasks/1", Some("req-1"), None);
        assert_eq!(
            kept,
            Context::default()
                .with_instance("/tasks/1")
                .with_request_id("req-1")
                .negotiating()
        );
        kept.refill("/", None, Some(Format::Flat));
        assert_eq!(
            kept,
            Context::default()
                .with_instance("/")
                .with_format(Format::Flat)
                .negotiating()
        );
        // A path longer than a kept buffer may hold, then a short one again.
        let long = format!("/{}", "a".repeat(2 * KEEP));
        kept.refill(&long, Some("req-2"), None);
        assert_eq!(kept.instance(), Some(long.as_str()));
        kept.refill("/b", Some("req-3"), None);
        assert_eq!(
            kept,
            Context::default()
                .with_instance("/b")
                .with_request_id("req-3")
                .negotiating()
        );
    }

    #[test]
    fn an_emptied_context_keeps_its_buffers_and_nothing_else() {
        let mut kept = Context::default();
        kept.refill("/tasks/1", Some("req-1"), Some(Format::Problem));
        let buffers = (
            kept.request_id.as_ref().unwrap().as_ptr(),
            kept.instance.as_ref().unwrap().as_ptr(),
        );
        kept.empty();
        assert_eq!(kept.request_id(), Some(""));
        assert_eq!(kept.instance(), Some(""));
        assert_eq!(kept.phrase(), None);
        assert_eq!(kept.format(), None);
        assert!(!kept.negotiated());
        // The next request's strings go into the same buffers.
        kept.refill("/tasks/2", Some("req-2"), None);
        assert_eq!(
            (
                kept.request_id.as_ref().unwrap().as_ptr(),
                kept.instance.as_ref().unwrap().as_ptr(),
            ),
            buffers
        );
        assert_eq!(kept.instance(), Some("/tasks/2"));
        // A buffer longer than a kept one may be is let go.
        let long = format!("/{}", "a".repeat(2 * KEEP));
        kept.refill(&long, Some("req-3"), None);
        kept.empty();
        assert_eq!(kept.instance(), None);
        assert_eq!(kept.request_id(), Some(""));
    }
}
