//! The six envelopes: everything one wire format means lives in one file of this module, and
//! [`of`] is the one place that maps a [`Format`] to it.
//!
//! Each `<format>.rs` owns its envelope whole: its member names, its general body writer, its
//! static body (the fast path for an error the derive described completely) and the templated
//! body joined from the same pieces around a filled message template, its capacity estimate, its JSON Schema, its name and content type, and its reader (what a client reads
//! back from such a body, into a [`Found`]), published as one [`Envelope`] value. Adding an
//! envelope means adding a file and an arm to [`of`] (and the `Format` variant, and its place
//! in `remote`'s detection order).
//!
//! This module holds what the envelopes share: the general writer's helpers ([`Body`]), what
//! they read about an error ([`Parts`]) and its request ([`Request`]), the static-body pieces
//! ([`StaticBody`], `join!`, [`Piece`]), the detail member lists ([`DetailPart`]), the schema
//! helpers, and
//! `Format`'s methods that describe an envelope (`as_str`, content type, `FromStr`, `Display`,
//! serde's `Serialize` and `Deserialize` by name).
//!
//! Bodies are written into one buffer sized up front: keys and punctuation are static bytes,
//! the message arrives pre-escaped from the derive where it can, and only run-time values are
//! escaped.

/// The pieces joined, with one allocation of their length: exactly, when every piece is a
/// `&str`; a filled template ([`Filled`]) counts as many bytes as it may take.
///
/// A macro rather than a function over `[&str; N]`: written out piece by piece, the keys, whose
/// lengths are constants, are copied with plain moves, where a loop over `Problem`'s 17 pieces
/// stayed a loop of `memcpy` calls and took half as long again. Each piece is a literal or a
/// local (a [`Piece`]), as it is read twice (for its length, then its bytes). Defined before
/// the envelope modules, which use it by textual scope.
///
/// Each piece is appended only after a check that it fits ([`Piece::append_to`]), which always
/// passes (the capacity is the pieces' total) and, written out, lets the compiler drop
/// `extend_from_slice`'s own check and its call to grow the buffer, so that the buffer stays in
/// registers (see BENCHMARKS.md, "issue #24, session 9"). Were it ever to fail, the body is
/// empty (declined) and written the general way, to the same bytes.
macro_rules! join {
    ($($piece:tt),+ $(,)?) => {{
        let mut body =
            ::std::vec::Vec::with_capacity(0 $(+ $crate::envelope::Piece::len($piece))+);
        if $($crate::envelope::Piece::append_to($piece, &mut body))&&+ {
            body
        } else {
            ::std::vec::Vec::new()
        }
    }};
}

/// An envelope's `static_in_context`: its `static_body` joiner (a path) with the request read
/// from the context in place (no phrase), as a function pointer. A macro, so that the joiner
/// is called directly (and inlined) in each envelope's function.
macro_rules! in_context {
    ($joiner:path) => {
        in_context!($joiner, always)
    };
    ($joiner:path, $inline:ident) => {{
        #[inline($inline)]
        fn static_in_context(
            parts: &'static $crate::parts::StaticParts,
            ctx: &$crate::context::Context,
            request_id: &str,
        ) -> ::std::vec::Vec<u8> {
            let request = $crate::envelope::Request::of(ctx, request_id, None);
            match $crate::envelope::StaticBody::of(parts, &request) {
                Some(body) => $joiner(body),
                None => ::std::vec::Vec::new(),
            }
        }
        static_in_context
    }};
}

/// A [`DetailMembers`]: each JSON key of a detail object and the detail part it shows, in
/// order, and the writer of a list of details as a JSON array of such objects (absent members
/// omitted; the reason is always there).
///
/// A macro so that the writer is written out member by member: each member's key is joined
/// at compile time with the punctuation around it (`","reason":"`, or `{"field":"` for the
/// first) into one constant piece, copied with plain stores, and there is no loop over the
/// members nor a branch on which part each one shows.
macro_rules! detail_members {
    ($($key:literal => $part:ident),+ $(,)?) => {
        $crate::envelope::DetailMembers {
            members: &[$(($key, $crate::envelope::DetailPart::$part)),+],
            write: {
                fn write(out: &mut ::std::vec::Vec<u8>, details: &[$crate::detail::Detail]) {
                    out.push(b'[');
                    for (index, detail) in details.iter().enumerate() {
                        if index > 0 {
                            out.push(b',');
                        }
                        let mut first = true;
                        $(
                            if let Some(value) = $crate::envelope::DetailPart::$part.of(detail) {
                                if first {
                                    out.extend_from_slice(concat!("{\"", $key, "\":\"").as_bytes());
                                } else {
                                    out.extend_from_slice(
                                        concat!("\",\"", $key, "\":\"").as_bytes(),
                                    );
                                }
                                first = false;
                                $crate::json::escape_into(out, value);
                            }
                        )+
                        out.extend_from_slice(if first { b"{}" } else { b"\"}" });
                    }
                    out.push(b']');
                }
                write
            },
        }
    };
}

mod error_list;
mod flat;
mod google;
#[cfg(any(feature = "tonic", feature = "docs"))]
pub(crate) use google::grpc_status;
#[cfg(feature = "tonic")]
pub(crate) use google::{GRPC_CODES, MAX_DURATION_SECS, grpc_code_number};
mod nested;
mod problem;
mod simple;

use crate::api_error::ApiError;
use crate::context::{Context, Limits};
use crate::detail::Detail;
use crate::extension::ExtensionError;
use crate::format::{Format, UnknownFormat};
use crate::json;
use crate::message::{Arg, Filled, MessageWriter, Template};
use crate::parts::StaticParts;
#[cfg(feature = "client")]
use crate::remote::found::Found;
#[cfg(feature = "client")]
use crate::remote::ordered::Object;
use http::StatusCode;
#[cfg(feature = "docs")]
use serde_json::{Value, json};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// One envelope: what a body in one format looks like, and how to write, size and describe it.
/// Each envelope module has one, `ENVELOPE`; [`of`] picks it.
pub(crate) struct Envelope {
    /// The name in `#[api_error(format = "...")]`, `FromStr` and `Display`.
    pub(crate) name: &'static str,
    /// The `Content-Type` of a body.
    pub(crate) content_type: &'static str,
    /// Where a client finds the code, in a sentence (the Markdown reference).
    #[cfg(feature = "docs")]
    pub(crate) code_location: &'static str,
    /// Whether the body shows the request id (so `to_json` resolves one).
    pub(crate) shows_request_id: bool,
    /// Whether the body shows the support phrase of a 5xx.
    pub(crate) shows_phrase: bool,
    /// Whether the body shows the docs URL (so an error without static parts is asked for it).
    pub(crate) shows_docs_url: bool,
    /// Whether the body shows the domain (likewise).
    pub(crate) shows_domain: bool,
    /// The general writer: any error, any context.
    write: fn(&mut Body<'_>) -> Result<(), ExtensionError>,
    /// The body of an error that is all static text, joined from its pieces; empty (no
    /// allocation) when a value from the context or the error keeps it from being static after
    /// all. A bare `Vec` rather than a `Result`: it is returned straight into the caller's
    /// place, where an `Option` or `Result` around it was copied out through memory on every
    /// render (see BENCHMARKS.md, "issue #24, session 7").
    static_body: fn(StaticBody<'_>) -> Vec<u8>,
    /// The same body for a request with no phrase (as `to_json` renders it), taking the request
    /// as it arrives (`StaticParts`, `Context`, resolved id: three registers and a length) and
    /// reading from it only what the envelope shows: no `Request` or `StaticBody` is built in
    /// the caller's memory (see BENCHMARKS.md, "issue #24, session 9"). Each envelope's is
    /// [`in_context!`] of its `static_body`.
    static_in_context: fn(&'static StaticParts, &Context, &str) -> Vec<u8>,
    /// The body of an error whose only run-time part is its message (`StaticParts`'
    /// `message_only`): the same pieces as `static_body`'s joined around the filled template;
    /// empty when a value from the context keeps it from being joined. `None`: the envelope
    /// shows more of the values than the message (Google's `ErrorInfo.metadata`), so such a
    /// body is written the general way.
    templated_body: Option<fn(StaticBody<'_>, Filled<'_>) -> Vec<u8>>,
    /// The envelope's share of the capacity: its keys and punctuation and what only it shows,
    /// given the length of the message as written (the Google envelope repeats its values).
    capacity: fn(&Parts<'_>, &[Detail], &Request<'_>, usize) -> usize,
    /// The body's JSON Schema, given the schemas of the code and of the numeric status.
    #[cfg(feature = "docs")]
    schema: fn(code: &Value, status: &Value) -> Value,
    /// The reader: what a body in this format holds, or `None` when the body does not have the
    /// format's shape. `typed`: the response's content type is this envelope's own (see
    /// [`is_typed_by`](Envelope::is_typed_by)), so any object is a body of it.
    #[cfg(feature = "client")]
    read: fn(body: &Object, typed: bool) -> Option<Found>,
}

/// The content type of every envelope but `Problem`.
const JSON: &str = "application/json";

/// Where the code is, for the envelopes with a `code` member.
#[cfg(feature = "docs")]
const CODE_MEMBER: &str = "The `code` member identifies the error; the codes are listed below.";

/// The envelope of `format`: the one dispatch over formats.
#[inline]
pub(crate) const fn of(format: Format) -> &'static Envelope {
    match format {
        Format::Flat => &flat::ENVELOPE,
        Format::Nested => &nested::ENVELOPE,
        Format::ErrorList => &error_list::ENVELOPE,
        Format::Problem => &problem::ENVELOPE,
        Format::Google => &google::ENVELOPE,
        Format::Simple => &simple::ENVELOPE,
    }
}

impl Envelope {
    /// The body of `err` with `parts`, written the general way.
    // Not inlined: keeps the callers' frames small for the static path.
    #[inline(never)]
    pub(crate) fn write(
        &self,
        err: &dyn ApiError,
        parts: &Parts<'_>,
        request: &Request<'_>,
    ) -> Result<Vec<u8>, ExtensionError> {
        let details = if parts.details {
            bounded(parts.own_details(err), request.limits.max_details())
        } else {
            Cow::Borrowed(&[][..])
        };
        let limit = request.limits.max_message_len();
        let template = match (parts.message, parts.template) {
            (None, Some(template)) if parts.translated_message().is_none() => template,
            _ => {
                let message_len = parts.message_capacity(limit);
                return self.write_sized(err, parts, &details, request, message_len, None);
            }
        };
        // A template's values decide the message's length: the error hands them to a
        // measuring writer, which writes the body from inside the call with the values at hand
        // (the error is asked for them once). A variant that writes its message itself (text
        // JSON escapes) is measured instead, then written.
        let mut written = None;
        let mut then = |args: &[Arg<'_>], message_len: usize, uncut: bool| {
            let values = Values { args, uncut };
            written =
                Some(self.write_sized(err, parts, &details, request, message_len, Some(values)));
        };
        let mut unused = Vec::new();
        let mut measuring = MessageWriter::measuring_then(&mut unused, limit, template, &mut then);
        err.__message_json(&mut measuring);
        let message_len = measuring.measured();
        match written {
            Some(body) => body,
            None => self.write_sized(err, parts, &details, request, message_len, None),
        }
    }

    /// The body, in a buffer sized for a message of `message_len` bytes; `args`: the values of
    /// the template in `parts`, when the error handed them over already.
    fn write_sized(
        &self,
        err: &dyn ApiError,
        parts: &Parts<'_>,
        details: &[Detail],
        request: &Request<'_>,
        message_len: usize,
        args: Option<Values<'_>>,
    ) -> Result<Vec<u8>, ExtensionError> {
        let mut out = Vec::with_capacity(capacity(self, parts, message_len, details, request));
        let mut body = Body {
            out: &mut out,
            err,
            parts,
            details,
            request,
            args,
        };
        (self.write)(&mut body)?;
        Ok(out)
    }

    /// The body of the error the derive described with `parts`, when it is all static text;
    /// else empty (no allocation: a body is never empty).
    #[inline]
    pub(crate) fn static_body(
        &self,
        parts: &'static StaticParts,
        request: &Request<'_>,
    ) -> Vec<u8> {
        match StaticBody::of(parts, request) {
            Some(body) => (self.static_body)(body),
            None => Vec::new(),
        }
    }

    /// The body of the error the derive described with `parts` in `ctx`, with the resolved
    /// `request_id` and no phrase, when it is all static text; else empty (no allocation).
    #[inline(always)]
    pub(crate) fn static_in_context(
        &self,
        parts: &'static StaticParts,
        ctx: &Context,
        request_id: &str,
    ) -> Vec<u8> {
        (self.static_in_context)(parts, ctx, request_id)
    }

    /// The body of `err`, whose parts the derive described with `parts`, in the context
    /// `ctx` with the resolved `request_id`, when its only run-time part is its message (`StaticParts::message_only`): the error hands its
    /// template's values to a measuring writer, whose continuation joins the envelope's static
    /// pieces around the filled template, in one allocation sized with the values at hand
    /// (the error is asked for them once). Empty (no allocation) when the envelope joins no
    /// such body, a value from the context keeps it from being joined, or the error writes its
    /// message itself (a template with literal braces): render it the general way.
    ///
    /// Out of line, so that `to_json`'s frame stays what the static path needs.
    #[inline(never)]
    pub(crate) fn templated_body(
        &self,
        err: &dyn ApiError,
        parts: &'static StaticParts,
        ctx: &Context,
        request_id: &str,
    ) -> Vec<u8> {
        let (Some(join), true, Some(template)) =
            (self.templated_body, parts.message_only, parts.template())
        else {
            return Vec::new();
        };
        // No phrase: the caller declines a 5xx where the envelope shows one.
        let request = Request::of(ctx, request_id, None);
        let limit = request.limits.max_message_len();
        let around = StaticBody {
            code: parts.spec.code,
            message: "",
            parts,
            request: &request,
        };
        let mut body = Vec::new();
        let mut then = |args: &[Arg<'_>], len: usize, uncut: bool| {
            body = join(around, Filled::new(template, args, len, uncut, limit));
        };
        let mut unused = Vec::new();
        let mut measuring = MessageWriter::measuring_then(&mut unused, limit, template, &mut then);
        err.__message_json(&mut measuring);
        body
    }

    /// Whether the envelope joins a templated body around its message
    /// ([`templated_body`](Self::templated_body)); Google does not.
    #[inline]
    pub(crate) fn joins_templates(&self) -> bool {
        self.templated_body.is_some()
    }

    /// The JSON Schema of a body, with the code restricted to `codes` and the numeric status
    /// to `status` where the envelope carries them (OpenAPI documents one schema per status).
    #[cfg(feature = "docs")]
    pub(crate) fn schema(&self, codes: Option<&[&str]>, status: Option<u16>) -> Value {
        (self.schema)(&code_schema(codes), &status_schema(status))
    }

    /// What `body` holds read in this format, or `None` when it does not have the format's
    /// shape; `typed` says the response's content type named this format.
    #[cfg(feature = "client")]
    pub(crate) fn read(&self, body: &Object, typed: bool) -> Option<Found> {
        (self.read)(body, typed)
    }

    /// Whether a response's media type (parameters removed) says its body is in this format:
    /// it is this envelope's content type, ASCII case aside, and that is not the plain
    /// `application/json` every other envelope shares.
    #[cfg(feature = "client")]
    pub(crate) fn is_typed_by(&self, media_type: &str) -> bool {
        self.content_type != JSON && media_type.eq_ignore_ascii_case(self.content_type)
    }
}

impl Format {
    /// The envelope's name, as `#[api_error(format = "...")]`, `FromStr` and `Display` spell
    /// it (`flat`, `error_list`).
    pub const fn as_str(self) -> &'static str {
        of(self).name
    }

    /// The `Content-Type` of a body in this envelope.
    pub const fn content_type(self) -> &'static str {
        of(self).content_type
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str() == name)
            .ok_or_else(|| UnknownFormat::new(name))
    }
}

/// A format serializes as its name, the string `Display` writes (`"error_list"`).
impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A format deserializes from its name, as `FromStr` reads it; any other string is an error
/// carrying [`UnknownFormat`]'s message, anything but a string an invalid type.
impl<'de> serde::Deserialize<'de> for Format {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FormatName)
    }
}

/// Reads a [`Format`] from its name.
struct FormatName;

impl serde::de::Visitor<'_> for FormatName {
    type Value = Format;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the name of an error format")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Format, E> {
        name.parse().map_err(E::custom)
    }
}

/// What one response knows about its request, resolved once.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    /// Resolved by [`ResolvedId`](crate::request_id::ResolvedId): valid, so it never needs
    /// escaping (empty when the body does not show it).
    pub(crate) request_id: &'a str,
    pub(crate) instance: Option<&'a str>,
    pub(crate) phrase: Option<&'a str>,
    pub(crate) limits: Limits,
}

impl<'a> Request<'a> {
    /// The request as `ctx` holds it (instance, limits), with its resolved id and phrase.
    #[inline]
    pub(crate) fn of(ctx: &'a Context, request_id: &'a str, phrase: Option<&'a str>) -> Self {
        Self {
            request_id,
            instance: ctx.instance(),
            phrase,
            limits: ctx.limits(),
        }
    }
}

/// What the body writers read about an error, resolved once: from the derive's
/// [`StaticParts`] where it has them, else from the trait's methods (only those the format
/// shows), with every "may have" flag set.
#[derive(Clone, Copy)]
pub(crate) struct Parts<'a> {
    status: StatusCode,
    /// Whether `code`, `docs_url` and `domain` need no JSON escaping.
    plain: bool,
    code: &'a str,
    /// The message, when it is static and needs no JSON escaping.
    message: Option<&'a str>,
    /// About how long the message is, for the capacity.
    message_len: usize,
    docs_url: Option<&'a str>,
    domain: Option<&'a str>,
    /// Whether `details()` may return any.
    details: bool,
    /// Whether `extensions()` may visit any.
    extensions: bool,
    /// Whether `retry_after()` may return a delay.
    retry_after: bool,
    /// The message template, as the derive described it, for the error's `__message_json`
    /// to fill.
    template: Option<Template>,
    /// What the body shows in the request's language (see [`Parts::with_localized`]).
    #[cfg(feature = "fluent")]
    localized: Option<&'a crate::locale::Localized<'a>>,
    /// The gRPC code `#[grpc(code)]` gives the error, in place of its status's.
    grpc_code: Option<&'static str>,
}

impl<'a> Parts<'a> {
    /// The parts the derive described.
    pub(crate) fn known(parts: &'static StaticParts) -> Parts<'static> {
        let spec = parts.spec;
        Parts {
            status: parts.status,
            plain: parts.plain,
            code: spec.code,
            message: parts.message.filter(|_| parts.plain_message),
            message_len: parts.message_len(),
            docs_url: spec.docs_url,
            domain: spec.domain,
            details: spec.has_details,
            extensions: !spec.extensions.is_empty(),
            retry_after: spec.retry_after,
            template: parts.template(),
            #[cfg(feature = "fluent")]
            localized: None,
            grpc_code: spec.grpc_code,
        }
    }

    /// The parts of an error without static parts: asked from its methods. `docs_url` is the
    /// error's docs URL where `envelope` shows it.
    pub(crate) fn asked(
        err: &'a dyn ApiError,
        status: StatusCode,
        envelope: &Envelope,
        docs_url: Option<&'a str>,
    ) -> Self {
        Parts {
            status,
            plain: false,
            code: err.code(),
            message: None,
            message_len: err.__message_json_len(),
            docs_url,
            domain: if envelope.shows_domain {
                err.domain()
            } else {
                None
            },
            details: true,
            extensions: true,
            retry_after: true,
            // The wrapped error's template, for a wrapper whose domain kept its static parts.
            template: err.__message_parts().and_then(StaticParts::template),
            #[cfg(feature = "fluent")]
            localized: None,
            grpc_code: err.__grpc_code(),
        }
    }

    /// These parts shown in the request's language: a translated message replaces the
    /// default (the static one too) where the envelope shows it in place, as do the title and
    /// the details' reasons.
    #[cfg(feature = "fluent")]
    pub(crate) fn with_localized(mut self, localized: &'a crate::locale::Localized<'a>) -> Self {
        if localized.in_place && localized.message.is_some() {
            self.message = None;
        }
        self.localized = Some(localized);
        self
    }

    /// How long the written message is, escaped, for the capacity: a translation's measured,
    /// else the estimate (a template's values are measured by [`Envelope::write`]).
    #[inline]
    fn message_capacity(&self, limit: usize) -> usize {
        match self.translated_message() {
            Some(text) => {
                let mut unused = Vec::new();
                let mut measuring = MessageWriter::measuring(&mut unused, limit);
                measuring.push_str(text);
                measuring.measured()
            }
            None => self.message_len,
        }
    }

    /// The translated message to show in place of the default, if any.
    #[inline]
    fn translated_message(&self) -> Option<&'a str> {
        #[cfg(feature = "fluent")]
        if let Some(localized) = self.localized.filter(|localized| localized.in_place) {
            return localized.message.as_deref();
        }
        None
    }

    /// The reason phrase of the status (RFC 9457's `title`), translated where it is, and
    /// whether it needs no JSON escaping (the untranslated phrase: letters, digits, spaces,
    /// hyphens and an apostrophe).
    #[inline]
    fn title(&self) -> Option<(&'a str, bool)> {
        #[cfg(feature = "fluent")]
        if let Some(title) = self
            .localized
            .filter(|localized| localized.in_place)
            .and_then(|localized| localized.title.as_deref())
        {
            return Some((title, false));
        }
        self.status.canonical_reason().map(|title| (title, true))
    }

    /// The error's details, with their reasons translated where they are.
    #[inline]
    fn own_details<'e>(&self, err: &'e dyn ApiError) -> Cow<'e, [Detail]>
    where
        'a: 'e,
    {
        #[cfg(feature = "fluent")]
        if let Some(details) = self
            .localized
            .filter(|localized| localized.in_place)
            .and_then(|localized| localized.details.as_deref())
        {
            return Cow::Borrowed(details);
        }
        err.details()
    }

    /// The details' translated reasons (by index) and their locale, for the `localizedMessage`
    /// of Google's field violations, when the envelope keeps the default reasons in place.
    #[cfg(feature = "fluent")]
    fn localized_reasons(&self) -> Option<(&'a str, &'a [Option<String>])> {
        let localized = self.localized.filter(|localized| !localized.in_place)?;
        Some((localized.locale, localized.reasons.as_deref()?))
    }

    /// The message translated for a `google.rpc.LocalizedMessage`: its locale and text, when
    /// the envelope keeps the default message in place.
    #[cfg(feature = "fluent")]
    fn localized_message(&self) -> Option<(&'a str, &'a str)> {
        let localized = self.localized.filter(|localized| !localized.in_place)?;
        Some((localized.locale, localized.message.as_deref()?))
    }
}

/// Whether an envelope shows translations in place of the default texts: every one but
/// `Google`, whose `message` stays in the default language (AIP-193) and which adds a
/// `google.rpc.LocalizedMessage` instead.
#[cfg(feature = "fluent")]
pub(crate) fn localizes_in_place(format: Format) -> bool {
    format != Format::Google
}

/// At most `max` details, then one that says how many were left out.
fn bounded(details: Cow<'_, [Detail]>, max: usize) -> Cow<'_, [Detail]> {
    if details.len() <= max {
        return details;
    }
    let omitted = details.len() - max;
    let mut kept: Vec<Detail> = details.iter().take(max).cloned().collect();
    kept.push(Detail::reason_only(format!(
        "… {omitted} more details omitted"
    )));
    Cow::Owned(kept)
}

/// A close overestimate of the body's length, so the buffer is allocated once: the code, the
/// message, the details, and the envelope's own share (its keys and punctuation, and whatever
/// only it shows: the request id, the docs URL, the phrase...). Extension members are not
/// counted.
#[inline]
fn capacity(
    envelope: &Envelope,
    parts: &Parts<'_>,
    message_len: usize,
    details: &[Detail],
    request: &Request<'_>,
) -> usize {
    let detail_len: usize = details
        .iter()
        .map(|detail| {
            64 + detail.reason.len()
                + [
                    &detail.field,
                    &detail.location,
                    &detail.resource,
                    &detail.code,
                ]
                .into_iter()
                .flatten()
                .map(|text| text.len() + 16)
                .sum::<usize>()
        })
        .sum();
    (envelope.capacity)(parts, details, request, message_len)
        + parts.code.len()
        + message_len
        + detail_len
}

/// One body being written: the buffer and everything the envelope writers read.
pub(crate) struct Body<'b> {
    out: &'b mut Vec<u8>,
    err: &'b dyn ApiError,
    parts: &'b Parts<'b>,
    details: &'b [Detail],
    request: &'b Request<'b>,
    /// The values of the message's template, when the error handed them over already.
    args: Option<Values<'b>>,
}

/// The values of a message's template as the error handed them over, and whether the template
/// filled with them is within the length limit (so nothing is cut).
#[derive(Clone, Copy)]
struct Values<'b> {
    args: &'b [Arg<'b>],
    uncut: bool,
}

impl Body<'_> {
    /// Static JSON text: keys and punctuation.
    #[inline]
    fn raw(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    /// A JSON string.
    #[inline]
    fn string(&mut self, text: &str) {
        json::push_string(self.out, text);
    }

    /// A JSON string of text that needs no escaping (the resolved request id).
    #[inline]
    fn plain_string(&mut self, text: &str) {
        debug_assert!(json::needs_no_escaping(text), "{text:?} needs escaping");
        json::push_escaped_string(self.out, text);
    }

    #[inline]
    fn number(&mut self, value: u64) {
        json::push_u64(self.out, value);
    }

    /// The HTTP status as a JSON number.
    #[inline]
    fn status(&mut self) {
        let status = self.parts.status;
        self.raw(status.as_str());
    }

    /// A JSON string of one of the parts: plain text, or escaped here.
    #[inline]
    fn text(&mut self, text: &str) {
        if self.parts.plain {
            json::push_escaped_string(self.out, text);
        } else {
            json::push_string(self.out, text);
        }
    }

    /// The code as a JSON string.
    #[inline]
    fn code(&mut self) {
        let code = self.parts.code;
        self.text(code);
    }

    /// `,"key":"value"` when there is a value.
    fn optional_text(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.out.push(b',');
            json::push_key(self.out, key);
            self.text(value);
        }
    }

    /// The public message as a JSON string.
    #[inline]
    fn message(&mut self) {
        let limit = self.request.limits.max_message_len();
        match self.parts.message {
            Some(message) if message.len() <= limit => {
                json::push_escaped_string(self.out, message);
            }
            _ => self.message_from_error(limit),
        }
    }

    /// The public message as a JSON string, recording where each placeholder's value went
    /// (byte offsets into the body, escaped) into `values`.
    #[inline(never)]
    fn message_recording(&mut self, values: &mut crate::message::Recorded) {
        let limit = self.request.limits.max_message_len();
        if let Some(message) = self.parts.message.filter(|message| message.len() <= limit) {
            json::push_escaped_string(self.out, message);
            return;
        }
        self.out.push(b'"');
        let mut writer = MessageWriter::recording(self.out, limit, &mut *values)
            .with_template(self.parts.template);
        self.err.__message_json(&mut writer);
        writer.finish();
        match values.region() {
            None => self.out.push(b'"'),
            // Before the values' own copies of a cut message, which the caller removes.
            Some(_) => values.close_message(self.out, b"\""),
        }
    }

    /// The message the error writes, cut at `limit`.
    #[inline(never)]
    fn message_from_error(&mut self, limit: usize) {
        self.out.push(b'"');
        // Values are handed over only for the default message (`Envelope::write`).
        if let (Some(values), Some(template)) = (self.args, self.parts.template)
            && values.uncut
            && template.write_json(self.out, values.args)
        {
            self.out.push(b'"');
            return;
        }
        let mut writer = MessageWriter::new(self.out, limit).with_template(self.parts.template);
        match (
            self.parts.translated_message(),
            self.args,
            self.parts.template,
        ) {
            (Some(text), _, _) => writer.push_str(text),
            (None, Some(values), Some(template)) => {
                writer.push_template(template.text, template.places, template.plain, values.args);
            }
            _ => self.err.__message_json(&mut writer),
        }
        writer.finish();
        self.out.push(b'"');
    }

    /// A string member after the first: `open` is its comma, key and opening quote
    /// (`,"title":"`), written with the value and the closing quote; the value is escaped
    /// unless `plain`. Inlined, so that `open` is copied as a constant.
    #[inline(always)]
    fn member(&mut self, open: &'static str, value: &str, plain: bool) {
        self.out.extend_from_slice(open.as_bytes());
        if plain {
            self.out.extend_from_slice(value.as_bytes());
        } else {
            json::escape_into(self.out, value);
        }
        self.out.push(b'"');
    }

    /// `,"key":"value"` when there is a value.
    fn optional(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.out.push(b',');
            json::push_key(self.out, key);
            self.string(value);
        }
    }

    /// Each extension member as `,"name":value`, in field order. `first` says whether the
    /// first member opens an object (no leading comma); returns whether any was written.
    ///
    /// `written` names the members the envelope wrote in the same object: an extension of
    /// that name is left out, so no object has a key twice (the envelope's own member wins).
    /// A derived type cannot have such an extension (a compile error); an error made at run
    /// time can: a [`RemoteError`](crate::RemoteError) keeps the members it did not map
    /// (Stripe's `type`, Twilio's `status`), and passing it on in another envelope must not
    /// write them over that envelope's own.
    #[inline]
    fn extensions(&mut self, first: bool, written: &[&str]) -> Result<bool, ExtensionError> {
        if !self.parts.extensions {
            return Ok(false);
        }
        self.visit_extensions(first, written)
    }

    #[inline(never)]
    fn visit_extensions(
        &mut self,
        mut first: bool,
        written: &[&str],
    ) -> Result<bool, ExtensionError> {
        let out = &mut *self.out;
        let mut result = Ok(());
        let mut any = false;
        self.err.extensions(&mut |name, value| {
            if result.is_err() || written.contains(&name) {
                return;
            }
            let mark = out.len();
            if !first {
                out.push(b',');
            }
            json::push_string(out, name);
            out.push(b':');
            let value_at = out.len();
            result = value.write_json(out);
            // A member with no value (`None`, `()`) is omitted, as every member is.
            if result.is_ok() && out.get(value_at..) == Some(b"null".as_slice()) {
                out.truncate(mark);
                return;
            }
            first = false;
            any = true;
        });
        result.map(|()| any)
    }

    /// `,"key":[detail,...]` when there are details.
    #[inline]
    fn detail_array(&mut self, key: &str, members: &DetailMembers) {
        if !self.details.is_empty() {
            self.out.push(b',');
            json::push_key(self.out, key);
            self.detail_list(members);
        }
    }

    /// The details as a JSON array of objects with `members`.
    #[inline]
    fn detail_list(&mut self, members: &DetailMembers) {
        (members.write)(self.out, self.details);
    }
}

/// The members of the objects an envelope lists details as: see `detail_members!`.
pub(crate) struct DetailMembers {
    /// Each JSON key and the detail part it shows, in order (for the schema).
    #[cfg_attr(not(feature = "docs"), allow(dead_code))]
    members: &'static [(&'static str, DetailPart)],
    /// Writes details as a JSON array of objects with these members.
    write: fn(&mut Vec<u8>, &[Detail]),
}

/// Which part of a [`Detail`] a JSON member shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DetailPart {
    Field,
    Reason,
    Location,
    Resource,
    Code,
}

impl DetailPart {
    fn of(self, detail: &Detail) -> Option<&str> {
        match self {
            DetailPart::Field => detail.field.as_deref(),
            DetailPart::Reason => Some(&detail.reason),
            DetailPart::Location => detail.location.as_deref(),
            DetailPart::Resource => detail.resource.as_deref(),
            DetailPart::Code => detail.code.as_deref(),
        }
    }
}

/// Details as `Nested`'s `fields` and `Problem`'s `errors` list them.
const ALL_DETAIL_PARTS: DetailMembers = detail_members!(
    "field" => Field,
    "reason" => Reason,
    "location" => Location,
    "resource" => Resource,
    "code" => Code,
);

/// What a static body shows, every string valid inside a JSON string as it is.
///
/// An error the derive described completely (a static message within the limit, no details, no
/// extension members) has a body made only of text known before rendering starts: its code,
/// message and docs URL, already valid inside a JSON string, the format's keys, and at most a
/// request id, an instance or a phrase. Such a body is the concatenation of those pieces, so it
/// is written with one exact allocation (`join!`) and one copy per piece, skipping the general
/// writers' checks. Each envelope lists its pieces next to its general writer; tests hold the
/// two to the same bytes for every format.
///
/// An error whose only run-time part is its message (`StaticParts::message_only`) is joined
/// from the same pieces around its filled template ([`Envelope::templated_body`]): each
/// envelope writes its pieces once, in a function generic over the message's [`Piece`].
#[derive(Clone, Copy)]
struct StaticBody<'a> {
    code: &'static str,
    /// The static message, within the request's limit (empty for a templated body, whose
    /// message is the [`Filled`] piece passed beside it).
    message: &'static str,
    /// The rest of what the derive knows, read where an envelope shows it.
    parts: &'static StaticParts,
    request: &'a Request<'a>,
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
        Some(StaticBody {
            code: parts.spec.code,
            message,
            parts,
            request,
        })
    }

    fn status(&self) -> &'static StatusCode {
        &self.parts.status
    }

    fn docs_url(&self) -> Option<&'static str> {
        self.parts.spec.docs_url
    }

    fn domain(&self) -> Option<&'static str> {
        self.parts.spec.domain
    }

    /// Whether the variant has a `#[retry_after]` field (which `Google` shows in its body).
    fn retry_after(&self) -> bool {
        self.parts.spec.retry_after
    }

    /// The gRPC code `#[grpc(code)]` gives the error (which `Google` shows as its `status`).
    fn grpc_code(&self) -> Option<&'static str> {
        self.parts.spec.grpc_code
    }

    /// The context's instance, if it has one; `Err` when it would need escaping.
    fn instance(&self) -> Result<Option<&'a str>, NotStatic> {
        plain(self.request.instance)
    }

    /// The phrase, if the response has one; `Err` when it would need escaping.
    fn phrase(&self) -> Result<Option<&'a str>, NotStatic> {
        plain(self.request.phrase)
    }
}

/// One piece of a joined body (`join!`): static text, or the filled template of a
/// templated body.
pub(crate) trait Piece: Copy {
    /// Its length in bytes; at most, for a filled template.
    fn len(self) -> usize;
    /// Appends it to `out`; `false` (nothing appended) when `out` has no room for it.
    fn append_to(self, out: &mut Vec<u8>) -> bool;
}

impl Piece for &str {
    #[inline(always)]
    fn len(self) -> usize {
        str::len(self)
    }

    #[inline(always)]
    fn append_to(self, out: &mut Vec<u8>) -> bool {
        // The same test as `extend_from_slice`'s, which the compiler then drops.
        if out.capacity() - out.len() < self.len() {
            return false;
        }
        out.extend_from_slice(self.as_bytes());
        true
    }
}

impl Piece for Filled<'_> {
    #[inline(always)]
    fn len(self) -> usize {
        Filled::len(&self)
    }

    #[inline(always)]
    fn append_to(self, out: &mut Vec<u8>) -> bool {
        // Sized by `len`, an upper bound, so the pieces after it fit too.
        self.write_json(out);
        true
    }
}

/// Why a body that looked static is written the general way after all: a value from the
/// context needs escaping, or the format shows something only the error can say.
#[derive(Debug)]
struct NotStatic;

fn plain(text: Option<&str>) -> Result<Option<&str>, NotStatic> {
    match text {
        Some(text) if !json::needs_no_escaping(text) => Err(NotStatic),
        text => Ok(text),
    }
}

/// An optional string member: its opening (comma, key, opening quote), its value and its
/// closing quote, or three empty pieces.
#[inline(always)]
fn member<'a>(open: &'static str, value: Option<&'a str>) -> [&'a str; 3] {
    match value {
        Some(value) => [open, value, "\""],
        None => ["", "", ""],
    }
}

/// The schema of an array of details with `members`: every member a string, the one that
/// shows the reason required, no other member allowed.
#[cfg(feature = "docs")]
fn details_schema(members: &DetailMembers) -> Value {
    let members = members.members;
    let properties: serde_json::Map<String, Value> = members
        .iter()
        .map(|(key, _)| ((*key).to_owned(), json!({"type": "string"})))
        .collect();
    let required = members
        .iter()
        .find(|(_, part)| *part == DetailPart::Reason)
        .map_or("reason", |(key, _)| key);
    json!({
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": [required],
            "properties": properties,
            "additionalProperties": false,
        },
    })
}

#[cfg(feature = "docs")]
fn code_schema(codes: Option<&[&str]>) -> Value {
    match codes {
        Some(codes) => json!({"type": "string", "enum": codes}),
        None => json!({"type": "string"}),
    }
}

#[cfg(feature = "docs")]
fn status_schema(status: Option<u16>) -> Value {
    match status {
        Some(status) => json!({"type": "integer", "enum": [status]}),
        None => json!({"type": "integer", "minimum": 400, "maximum": 599}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorSpec;

    const SPEC: ErrorSpec = ErrorSpec::new("TASK_NOT_FOUND", 404)
        .with_message_template("Task not found")
        .with_docs_url("https://e.com/#TASK_NOT_FOUND")
        .with_domain("e.com");
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
        let body = of(format).static_body(parts, request);
        (!body.is_empty()).then(|| String::from_utf8_lossy(&body).into_owned())
    }

    #[test]
    fn reason_phrases_need_no_escaping() {
        // `Parts::title` copies the untranslated phrase as it is.
        for code in 100..=999 {
            let status = StatusCode::from_u16(code).unwrap();
            let phrase = status.canonical_reason().unwrap_or_default();
            assert!(json::needs_no_escaping(phrase), "{phrase:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.as_str().parse::<Format>(), Ok(format));
            assert_eq!(format.to_string(), format.as_str());
        }
        assert!("xml".parse::<Format>().is_err());
        assert!("Flat".parse::<Format>().is_err());
    }

    #[test]
    fn serde_reads_and_writes_the_name() {
        let names = [
            "\"flat\"",
            "\"nested\"",
            "\"error_list\"",
            "\"problem\"",
            "\"google\"",
            "\"simple\"",
        ];
        for (format, name) in Format::ALL.into_iter().zip(names) {
            assert_eq!(serde_json::to_string(&format).unwrap(), name);
            assert_eq!(serde_json::from_str::<Format>(name).unwrap(), format);
        }
        // A name read from an owned string (serde_json hands escaped strings over that way).
        assert_eq!(
            serde_json::from_str::<Format>("\"error\\u005flist\"").unwrap(),
            Format::ErrorList
        );
        assert_eq!(
            serde_json::from_str::<Format>("\"xml\"")
                .unwrap_err()
                .to_string(),
            "unknown error format `xml`; expected one of flat, nested, error_list, problem, \
             google, simple at line 1 column 5"
        );
        assert_eq!(
            serde_json::from_str::<Format>("4").unwrap_err().to_string(),
            "invalid type: integer `4`, expected the name of an error format at line 1 column 1"
        );
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
                r#"{"error":{"code":404,"message":"Task not found","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_NOT_FOUND","domain":"e.com"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"TASK_NOT_FOUND","url":"https://e.com/#TASK_NOT_FOUND"}]}]}}"#,
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
            &StaticParts::of(&ErrorSpec::new("CLOSED", 499).with_message_template("Closed"));
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
        const DETAILS: &StaticParts = &StaticParts::of(&SPEC.with_details(true));
        const EXTENSIONS: &StaticParts = &StaticParts::of(&SPEC.with_extensions(&["sync"]));
        const TEMPLATE: &StaticParts =
            &StaticParts::of(&SPEC.with_message_template("Task {id} not found"));
        const ESCAPED_MESSAGE: &StaticParts =
            &StaticParts::of(&SPEC.with_message_template("Task \"1\" not found"));
        const ESCAPED_URL: &StaticParts =
            &StaticParts::of(&SPEC.with_docs_url("https://e.com/\"x\""));
        const NO_MESSAGE: &StaticParts = &StaticParts::of(&ErrorSpec::new("BAD", 400));
        const RETRY: &StaticParts = &StaticParts::of(&SPEC.with_retry_after(true));
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
