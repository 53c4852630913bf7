//! Building a `::tonic::Status` from an error: the code, the public message, Google's error
//! details (encoded with tonic-types' messages and prost) trimmed to fit the header block,
//! and the metadata (`x-request-id`, `x-http-code`).

use crate::api_error::{ApiError, sent_status};
use crate::context::Context;
use crate::detail::Detail;
use crate::envelope::{GRPC_CODES, MAX_DURATION_SECS, grpc_code_number, grpc_status};
use crate::extension::ExtensionError;
use crate::metadata::{self, MessageAndMetadata, UnreadDetails};
use ::tonic::metadata::{MetadataMap, MetadataValue};
use ::tonic::{Code, Status};
use bytes::Bytes;
use http::StatusCode;
use prost::Message as _;
use prost::encoding::{self, WireType};
use prost_types::Any;
use std::borrow::Cow;
use tonic_types::pb;

/// The response metadata key carrying the HTTP status of a status apierror made (`404`), as
/// grpc-gateway reads it to answer HTTP clients: `RemoteError::from_status` reads it back.
pub const HTTP_STATUS_KEY: &str = "x-http-code";

/// The most bytes the headers of an error status may take, counted as HTTP/2 counts a header
/// list (name + value + 32 per entry): `content-type`, `grpc-status`, `grpc-message`,
/// `grpc-status-details-bin` (base64), `x-http-code` and `x-request-id`. 7 KiB, leaving 1 KiB of
/// the 8 KiB grpc-java (and grpc-go, and tonic's default) accept for other metadata.
pub const MAX_STATUS_HEADER_BYTES: usize = 7 * 1024;

/// The `@type`s of the details.
const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";
const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
const HELP: &str = "type.googleapis.com/google.rpc.Help";
const LOCALIZED_MESSAGE: &str = "type.googleapis.com/google.rpc.LocalizedMessage";
const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";

/// What one error became: the status, and why the error's own could not be built (the
/// fallback was sent) for the log.
pub(crate) struct Built {
    pub(crate) status: Status,
    /// The HTTP status the gRPC status stands for (500 for the fallback).
    pub(crate) http_status: StatusCode,
    pub(crate) failure: Option<ExtensionError>,
}

/// The `::tonic::Code` of the gRPC code `name`; `Unknown` for a name that is none.
pub(crate) fn code_named(name: &str) -> Code {
    grpc_code_number(name).map_or(Code::Unknown, Code::from_i32)
}

/// The name of a gRPC code (`NOT_FOUND`).
pub(crate) fn name_of(code: Code) -> &'static str {
    usize::try_from(code as i32)
        .ok()
        .and_then(|index| GRPC_CODES.get(index))
        .map_or("UNKNOWN", |(name, _)| name)
}

/// The gRPC code of `err`: its own (`#[grpc(code)]`, or the one a `RemoteError` was read
/// with), else the canonical one of its HTTP status.
pub(crate) fn grpc_code_of(err: &dyn ApiError, status: StatusCode) -> &'static str {
    err.__grpc_code().unwrap_or_else(|| grpc_status(status))
}

/// Builds the status of `err` with `request_id` (already valid) in `ctx` (its limits and
/// language): see the module docs of `apierror::tonic` for what it carries.
pub(crate) fn build(err: &dyn ApiError, request_id: &str, ctx: &Context) -> Built {
    let limits = &ctx.limits();
    let http_status = sent_status(err, err.__static_parts());
    let passed = passed_on(err);
    let unread = match &passed {
        Some(passed) => UnreadDetails::Left(passed.unread.as_deref()),
        None => UnreadDetails::AsIs,
    };
    match metadata::of(err, limits.max_message_len(), unread) {
        Ok(text) => {
            let code = grpc_code_of(err, http_status);
            let code = code_named(code);
            Built {
                status: assemble(err, http_status, code, text, request_id, ctx, passed),
                http_status,
                failure: None,
            }
        }
        Err(failure) => {
            let fallback = crate::render::fallback();
            let status = fallback.status();
            let text = MessageAndMetadata::message_only(fallback.message().into_owned());
            let code = code_named(grpc_status(status));
            Built {
                status: assemble(&fallback, status, code, text, request_id, ctx, None),
                http_status: status,
                failure: Some(failure),
            }
        }
    }
}

/// What an upstream Google body passed on adds to the details (a `RemoteError`'s
/// [`ApiError::__google_details`]): the entries tonic-types models, as its messages, and the
/// JSON text of the unread ones it does not (or whose JSON does not fit the message), which stay
/// in `ErrorInfo.metadata` under `details`.
#[derive(Debug, Default)]
struct PassedOn {
    details: Vec<Any>,
    unread: Option<String>,
}

/// The entries `err` passes on from an upstream Google body, each converted from proto3 JSON
/// where tonic-types models its type; `None` for an error that has none.
#[cfg(feature = "client")]
fn passed_on(err: &dyn ApiError) -> Option<PassedOn> {
    use crate::remote::{ordered, proto_json};
    let entries = err.__google_details()?;
    // `,{...},{...}`, as the reader wrote them.
    let array = format!("[{}]", entries.strip_prefix(',').unwrap_or(entries));
    let Ok(ordered::Value::Array(entries)) = serde_json::from_str(&array) else {
        return None;
    };
    let mut passed = PassedOn::default();
    let mut unread = Vec::new();
    for entry in &entries {
        match proto_json::to_any(entry) {
            Some(any) => passed.details.push(any),
            // As the `details` extension holds it: members in the order sent.
            None => unread.push(entry.clone()),
        }
    }
    if !unread.is_empty() {
        let mut json = Vec::new();
        ordered::Value::Array(unread).write_json(&mut json);
        passed.unread = String::from_utf8(json).ok();
    }
    Some(passed)
}

#[cfg(not(feature = "client"))]
fn passed_on(_: &dyn ApiError) -> Option<PassedOn> {
    None
}

fn assemble(
    err: &dyn ApiError,
    http_status: StatusCode,
    code: Code,
    text: MessageAndMetadata,
    request_id: &str,
    ctx: &Context,
    passed: Option<PassedOn>,
) -> Status {
    let limits = ctx.limits();
    let (reason, domain) = (err.code(), err.domain().unwrap_or_default());
    let mut details: Vec<Any> = Vec::with_capacity(6);
    details.push(Any {
        type_url: ERROR_INFO.to_owned(),
        value: error_info(reason, domain, text.entries(), None),
    });
    // The message leaves room for ErrorInfo's reason and domain (the code) next to it.
    let reserve = details_entry_len(
        ERROR_INFO,
        capped_len(reason, domain, std::iter::empty(), None),
    );
    let cut = fit_message(&text.message, reserve, request_id, http_status, code as i32);
    let message = cut.as_deref().unwrap_or(&text.message);
    let violations = err.details();
    let reasons = localized_reasons(err, ctx);
    let reasons: Reasons<'_> = &reasons;
    // BadRequest's place: it is the one detail cut to fit, once the others are known.
    let bad_request_at = details.len();
    if let Some(seconds) = err.retry_after() {
        // Within `google.protobuf.Duration`'s range, as the `google` envelope writes it.
        let seconds = seconds.min(MAX_DURATION_SECS);
        let delay = prost_types::Duration {
            seconds: i64::try_from(seconds).unwrap_or(i64::MAX),
            nanos: 0,
        };
        details.push(any(
            RETRY_INFO,
            &pb::RetryInfo {
                retry_delay: Some(delay),
            },
        ));
    }
    // An upstream's `Help` passed on as sent stands in for the one of its docs URL.
    let own_help = passed.is_none() || !err.__google_help_passed_on();
    if let Some(url) = err.docs_url().filter(|_| own_help) {
        // Described by the code, as the `google` envelope does.
        let link = pb::help::Link {
            description: err.code().to_owned(),
            url: url.into_owned(),
        };
        details.push(any(HELP, &pb::Help { links: vec![link] }));
    }
    match passed {
        // In the body's order, in the place of LocalizedMessage (one of them, when it had
        // one), as the `google` envelope writes them.
        Some(passed) => details.extend(passed.details),
        None => {
            if let Some((locale, localized)) = localized_message(err, ctx) {
                details.push(any(
                    LOCALIZED_MESSAGE,
                    &pb::LocalizedMessage {
                        locale,
                        message: localized,
                    },
                ));
            }
        }
    }
    details.push(any(
        REQUEST_INFO,
        &pb::RequestInfo {
            request_id: request_id.to_owned(),
            serving_data: String::new(),
        },
    ));

    let budget = details_budget(percent_encoded_len(message), request_id, http_status);
    let mut status = pb::Status {
        code: code as i32,
        message: String::new(),
        details,
    };
    let fitting = Fitting {
        message_len: str_field_len(2, message),
        budget,
        reason,
        domain,
        text: &text,
    };
    fit(
        &mut status,
        &fitting,
        &violations,
        reasons,
        limits.max_details(),
        bad_request_at,
    );
    status.message = cut.unwrap_or(text.message);
    let details = if status.details.is_empty() {
        Bytes::new()
    } else {
        Bytes::from(status.encode_to_vec())
    };
    let mut map = MetadataMap::new();
    if let Ok(value) = MetadataValue::try_from(request_id) {
        map.insert(crate::request_id::HEADER_NAME, value);
    }
    map.insert(HTTP_STATUS_KEY, MetadataValue::from(http_status.as_u16()));
    Status::with_details_and_metadata(code, status.message, details, map)
}

/// The `LocalizedMessage` (locale, message) of `err`, when the context's language (not the
/// default) translates its message: the slot between Help and RequestInfo, in DESIGN.md's
/// order. The status's `message` stays in the default language either way (AIP-193), as in the
/// `google` envelope's body.
#[cfg(feature = "fluent")]
fn localized_message(err: &dyn ApiError, ctx: &Context) -> Option<(String, String)> {
    let locale = ctx.locale().filter(|locale| !locale.is_default())?;
    let message = locale.message(err)?;
    let message = match crate::message::cut(&message, ctx.limits().max_message_len()) {
        std::borrow::Cow::Borrowed(_) => message,
        std::borrow::Cow::Owned(cut) => cut,
    };
    Some((locale.tag().to_owned(), message))
}

/// The translations (locale, message; by detail index) of `err`'s details' reasons: each such
/// `FieldViolation` carries its translation as `localized_message` (field 4), its
/// `description` staying in the default language (AIP-193), as in the `google` envelope's
/// body, which picks them the same way: those of the context's language when it translates
/// any, else those an upstream error passed on was sent with (`ApiError::__localized_reasons`).
fn localized_reasons<'e>(
    err: &'e dyn ApiError,
    ctx: &Context,
) -> Cow<'e, [Option<(String, String)>]> {
    match translated_reasons(err, ctx) {
        Some(translated) => Cow::Owned(translated),
        None => Cow::Borrowed(err.__localized_reasons()),
    }
}

/// The reasons of `err`'s details in the context's language, when it is not the default one
/// and translates any.
#[cfg(feature = "fluent")]
fn translated_reasons(err: &dyn ApiError, ctx: &Context) -> Option<Vec<Option<(String, String)>>> {
    let locale = ctx.locale().filter(|locale| !locale.is_default())?;
    let reasons = locale.detail_reasons(err)?;
    let tag = locale.tag();
    Some(
        reasons
            .into_iter()
            .map(|reason| reason.map(|reason| (tag.to_owned(), reason)))
            .collect(),
    )
}

#[cfg(not(feature = "fluent"))]
fn translated_reasons(
    _err: &dyn ApiError,
    _ctx: &Context,
) -> Option<Vec<Option<(String, String)>>> {
    None
}

/// The translated reasons of details, by index, each with its locale.
type Reasons<'r> = &'r [Option<(String, String)>];

/// The locale and translated reason of the detail at `index`, if it has one.
fn reason_at(reasons: Reasons<'_>, index: usize) -> Option<(&str, &str)> {
    let (locale, reason) = reasons.get(index)?.as_ref()?;
    Some((locale, reason))
}

/// Without translations every message is the default language's: no `LocalizedMessage`.
#[cfg(not(feature = "fluent"))]
fn localized_message(_err: &dyn ApiError, _ctx: &Context) -> Option<(String, String)> {
    None
}

/// A detail as an `Any`.
fn any(type_url: &str, message: &impl prost::Message) -> Any {
    Any {
        type_url: type_url.to_owned(),
        value: message.encode_to_vec(),
    }
}

/// `google.rpc.ErrorInfo` with its metadata entries in their order (a protobuf map is a
/// repeated entry message, so the bytes are the same in every run; prost's `HashMap` would
/// not keep them so). `cap`: each value longer than it is cut (see [`shortened`]).
fn error_info<'t>(
    reason: &str,
    domain: &str,
    entries: impl Iterator<Item = (&'t str, &'t str)>,
    cap: Option<usize>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    put_str(1, reason, &mut out);
    put_str(2, domain, &mut out);
    for (key, value) in entries {
        let (kept, marker) = shortened(value, cap);
        let value_len = kept.len() + marker.len();
        let entry_len = str_field_len(1, key) + pieces_field_len(2, value_len);
        encoding::encode_key(3, WireType::LengthDelimited, &mut out);
        encoding::encode_varint(entry_len as u64, &mut out);
        put_str(1, key, &mut out);
        if value_len > 0 {
            encoding::encode_key(2, WireType::LengthDelimited, &mut out);
            encoding::encode_varint(value_len as u64, &mut out);
            out.extend_from_slice(kept.as_bytes());
            out.extend_from_slice(marker.as_bytes());
        }
    }
    out
}

/// The length of [`error_info`]'s bytes for the same arguments.
fn capped_len<'t>(
    reason: &str,
    domain: &str,
    entries: impl Iterator<Item = (&'t str, &'t str)>,
    cap: Option<usize>,
) -> usize {
    str_field_len(1, reason)
        + str_field_len(2, domain)
        + entries
            .map(|(key, value)| {
                let (kept, marker) = shortened(value, cap);
                entry_of(
                    3,
                    str_field_len(1, key) + pieces_field_len(2, kept.len() + marker.len()),
                )
            })
            .sum::<usize>()
}

/// `value` shortened to `cap` bytes: its longest prefix of at most `cap` bytes that ends at a
/// character boundary, then the message's truncation marker, when that is shorter than the
/// value; else the value whole (so a cut never makes a value longer, and the length is
/// monotonic in `cap`).
fn shortened(value: &str, cap: Option<usize>) -> (&str, &'static str) {
    let marker = crate::message::TRUNCATION_MARKER;
    match cap {
        Some(cap) if value.len() > cap => {
            let kept = crate::message::prefix_within(value, cap);
            if kept.len() + marker.len() < value.len() {
                (kept, marker)
            } else {
                (value, "")
            }
        }
        _ => (value, ""),
    }
}

/// A string field of `len` bytes, left out when empty (proto3).
fn pieces_field_len(tag: u32, len: usize) -> usize {
    if len == 0 { 0 } else { entry_of(tag, len) }
}

/// A string field, left out when empty (proto3).
fn put_str(tag: u32, value: &str, out: &mut Vec<u8>) {
    if value.is_empty() {
        return;
    }
    encoding::encode_key(tag, WireType::LengthDelimited, out);
    encoding::encode_varint(value.len() as u64, out);
    out.extend_from_slice(value.as_bytes());
}

fn str_field_len(tag: u32, value: &str) -> usize {
    if value.is_empty() {
        0
    } else {
        encoding::key_len(tag) + encoding::encoded_len_varint(value.len() as u64) + value.len()
    }
}

/// One header's share of the header list, as HTTP/2 counts it.
const fn header_cost(name: &str, value_len: usize) -> usize {
    name.len() + value_len + 32
}

/// How many bytes of `grpc-message` tonic writes for `message` (it percent-encodes controls,
/// non-ASCII bytes, space and `"#%<>?{}` and the backtick).
fn percent_encoded_len(message: &str) -> usize {
    message
        .bytes()
        .map(|byte| match byte {
            b' ' | b'"' | b'#' | b'%' | b'<' | b'>' | b'`' | b'?' | b'{' | b'}' => 3,
            0x21..=0x7e => 1,
            _ => 3,
        })
        .sum()
}

/// `message`, cut at a character boundary (then [`TRUNCATION_MARKER`]) when the status's
/// headers would not fit in [`MAX_STATUS_HEADER_BYTES`] with it: its `grpc-message` header
/// (tonic percent-encodes it, so non-ASCII text takes three times its length there: a
/// 3,000-byte message of `é` is 9,000 bytes of header) and `grpc-status-details-bin`, which
/// repeats it in base64 next to `reserve` bytes of details (ErrorInfo's reason and domain, so
/// the code always travels). `None`: the message fits whole. When even the marker alone leaves
/// no room for `reserve`, the message is cut to fit on its own (and the details are dropped,
/// see [`fit`]).
///
/// [`TRUNCATION_MARKER`]: crate::message::TRUNCATION_MARKER
fn fit_message(
    message: &str,
    reserve: usize,
    request_id: &str,
    status: StatusCode,
    code: i32,
) -> Option<String> {
    let others = header_cost("content-type", "application/grpc".len())
        + header_cost("grpc-status", 2)
        + header_cost(HTTP_STATUS_KEY, status.as_str().len())
        + header_cost(crate::request_id::HEADER_NAME, request_id.len())
        + header_cost("grpc-message", 0);
    let room = MAX_STATUS_HEADER_BYTES.saturating_sub(others);
    let code_len = status_len(code, 0);
    // Whether a message of `pct` percent-encoded and `raw` bytes fits with `reserve`.
    let fits = |pct: usize, raw: usize, reserve: usize| {
        pct <= room
            && (reserve == 0
                || code_len + pieces_field_len(2, raw) + reserve
                    <= details_budget(pct, request_id, status))
    };
    let whole_pct = percent_encoded_len(message);
    if fits(whole_pct, message.len(), reserve) {
        return None;
    }
    let marker = crate::message::TRUNCATION_MARKER;
    let marker_pct = percent_encoded_len(marker);
    let reserve = if fits(marker_pct, marker.len(), reserve) {
        reserve
    } else {
        0
    };
    let (mut pct, mut end) = (marker_pct, 0);
    let mut scratch = [0u8; 4];
    for (index, ch) in message.char_indices() {
        let next = index + ch.len_utf8();
        pct += percent_encoded_len(ch.encode_utf8(&mut scratch));
        if !fits(pct, next + marker.len(), reserve) {
            break;
        }
        end = next;
    }
    let mut cut = String::with_capacity(end + marker.len());
    cut.push_str(message.get(..end).unwrap_or_default());
    cut.push_str(marker);
    Some(cut)
}

/// The length of a `google.rpc.Status` with `code`, a message field of `message_field` bytes
/// and no details.
fn status_len(code: i32, message_field: usize) -> usize {
    pb::Status {
        code,
        message: String::new(),
        details: Vec::new(),
    }
    .encoded_len()
        + message_field
}

/// How many bytes the encoded `google.rpc.Status` (which repeats the message, `message_pct`
/// bytes percent-encoded in `grpc-message`) may take so that its base64 form fits in
/// [`MAX_STATUS_HEADER_BYTES`] next to the other headers.
fn details_budget(message_pct: usize, request_id: &str, status: StatusCode) -> usize {
    let fixed = header_cost("content-type", "application/grpc".len())
        + header_cost("grpc-status", 2)
        + header_cost("grpc-message", message_pct)
        + header_cost(HTTP_STATUS_KEY, status.as_str().len())
        + header_cost(crate::request_id::HEADER_NAME, request_id.len())
        + header_cost("grpc-status-details-bin", 0);
    // Unpadded base64 writes 4 characters per 3 bytes.
    MAX_STATUS_HEADER_BYTES.saturating_sub(fixed) / 4 * 3
}

/// The size of `detail` as an entry of `Status.details`.
fn entry_len(detail: &Any) -> usize {
    encoding::message::encoded_len(3, detail)
}

/// What [`fit`] sizes the details against: the message's field, the budget and what
/// ErrorInfo is made of, to shorten it.
struct Fitting<'a> {
    /// The encoded length of `Status.message`.
    message_len: usize,
    /// The most bytes the encoded `Status` may take.
    budget: usize,
    reason: &'a str,
    domain: &'a str,
    text: &'a MessageAndMetadata,
}

/// Puts BadRequest in at `at` with as many of `violations` as fit, at most `max` (with a last
/// violation saying how many were left out; translated reasons as `localized_message`), after making the others fit: details are dropped
/// from the end, ErrorInfo (the first) last. ErrorInfo that does not fit alone is shortened
/// first (see [`shrink_error_info`]): its longest metadata values are cut, then its metadata
/// entries dropped from the last, so the reason (the code) and the domain stay; only when they
/// alone do not fit is it dropped. The code and the message are always sent.
fn fit(
    status: &mut pb::Status,
    fitting: &Fitting<'_>,
    violations: &[Detail],
    reasons: Reasons<'_>,
    max: usize,
    at: usize,
) {
    let budget = fitting.budget;
    let base = status_len(status.code, fitting.message_len);
    let mut used = base + status.details.iter().map(entry_len).sum::<usize>();
    while used > budget && status.details.len() > 1 {
        if let Some(dropped) = status.details.pop() {
            used -= entry_len(&dropped);
        }
    }
    if used > budget {
        let room = budget.saturating_sub(base);
        match shrink_error_info(fitting, room) {
            Some(value) => {
                let info = Any {
                    type_url: ERROR_INFO.to_owned(),
                    value,
                };
                used = base + entry_len(&info);
                status.details = vec![info];
            }
            None => {
                status.details.clear();
                return;
            }
        }
    }
    if violations.is_empty() || status.details.len() < at {
        return;
    }
    let room = budget.saturating_sub(used);
    if let Some(bad_request) = bad_request(violations, reasons, max, room) {
        status.details.insert(at, bad_request);
    }
}

/// ErrorInfo's bytes shortened to fit in `room` bytes as an entry of `Status.details`: the
/// first `kept` metadata entries, every value longer than a cap cut to it (at a character
/// boundary, then the truncation marker), the longest values first; the most entries that fit
/// with a cap, and the largest cap for them. `None` when the reason and the domain alone do
/// not fit. One pass finds the entries (a running sum), a binary search the cap: linear in the
/// entries, times the logarithm of the room.
fn shrink_error_info(fitting: &Fitting<'_>, room: usize) -> Option<Vec<u8>> {
    let Fitting {
        reason,
        domain,
        text,
        ..
    } = *fitting;
    let fits = |kept: usize, cap: usize| {
        let len = capped_len(reason, domain, text.entries().take(kept), Some(cap));
        details_entry_len(ERROR_INFO, len) <= room
    };
    // The most entries that fit with every value cut to nothing: each entry only adds bytes,
    // so they are the longest prefix whose running sum fits, found in one pass.
    let fixed = str_field_len(1, reason) + str_field_len(2, domain);
    if details_entry_len(ERROR_INFO, fixed) > room {
        return None;
    }
    let (mut kept, mut len, mut longest) = (0, fixed, 0);
    for (key, value) in text.entries() {
        let grown = len + capped_len("", "", std::iter::once((key, value)), Some(0));
        if details_entry_len(ERROR_INFO, grown) > room {
            break;
        }
        (kept, len, longest) = (kept + 1, grown, longest.max(value.len()));
    }
    // No cap past the room changes anything.
    let cap = largest_cap(longest.min(room), |cap| fits(kept, cap));
    Some(error_info(
        reason,
        domain,
        text.entries().take(kept),
        Some(cap),
    ))
}

/// The largest cap in `0..=high` that `fits` (which holds for 0, and only grows false with the
/// cap, as the length only grows with it): a binary search, a logarithmic number of calls.
fn largest_cap(high: usize, fits: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, high);
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        if fits(mid) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
}

/// BadRequest with the first violations (at most `max`, as a body lists them) that fit in
/// `room` bytes (as a `Status.details` entry), in order; when some are left out, the last
/// entry says how many.
///
/// Each `FieldViolation` (`field` = 1, `description` = 2, and `localized_message` = 4 with the
/// translated reason of `reasons`) is written from the detail's own strings with prost's
/// encoding functions, the bytes prost writes for `tonic_types::pb::BadRequest` (tests/grpc.rs
/// compares them), without a `String` each.
fn bad_request(
    violations: &[Detail],
    reasons: Reasons<'_>,
    max: usize,
    room: usize,
) -> Option<Any> {
    let listed = violations.get(..max).unwrap_or(violations);
    let lens: Vec<usize> = listed
        .iter()
        .enumerate()
        .map(|(index, detail)| violation_len(detail, reason_at(reasons, index)))
        .collect();
    let whole: usize = lens.iter().map(|&len| entry_of(1, len)).sum();
    if listed.len() == violations.len() && details_entry_len(BAD_REQUEST, whole) <= room {
        return Some(encode_violations(listed, reasons, &lens, None, whole));
    }
    // The longest prefix that fits together with the marker naming what is left out.
    let marker_entry = |omitted: usize| entry_of(1, str_field_len(2, &marker_text(omitted)));
    let (mut kept, mut value) = (0, 0);
    while let Some(&next) = lens.get(kept) {
        let grown = value + entry_of(1, next);
        let omitted = violations.len() - kept - 1;
        let total = match omitted {
            0 => grown,
            _ => grown + marker_entry(omitted),
        };
        if details_entry_len(BAD_REQUEST, total) > room {
            break;
        }
        (kept, value) = (kept + 1, grown);
    }
    // Something is left out here: all of them would have been the whole list.
    let marker = marker_text(violations.len() - kept);
    let total = value + entry_of(1, str_field_len(2, &marker));
    if details_entry_len(BAD_REQUEST, total) > room {
        return None;
    }
    Some(encode_violations(
        listed.get(..kept).unwrap_or_default(),
        reasons,
        lens.get(..kept).unwrap_or_default(),
        Some(&marker),
        total,
    ))
}

/// The encoded length of one `FieldViolation` of `detail`, with its translated reason.
fn violation_len(detail: &Detail, localized: Option<(&str, &str)>) -> usize {
    str_field_len(1, detail.field.as_deref().unwrap_or_default())
        + str_field_len(2, &detail.reason)
        + localized.map_or(0, |(locale, reason)| {
            entry_of(4, localized_message_len(locale, reason))
        })
}

/// The encoded length of a `LocalizedMessage` (`locale` = 1, `message` = 2).
fn localized_message_len(locale: &str, message: &str) -> usize {
    str_field_len(1, locale) + str_field_len(2, message)
}

/// A length-delimited field of `len` bytes with `tag`, as its parent counts it.
fn entry_of(tag: u32, len: usize) -> usize {
    encoding::key_len(tag) + encoding::encoded_len_varint(len as u64) + len
}

/// The size of an `Any` of `type_url` whose value is `value_len` bytes, as an entry of
/// `Status.details`.
fn details_entry_len(type_url: &str, value_len: usize) -> usize {
    let value = if value_len == 0 {
        0
    } else {
        entry_of(2, value_len)
    };
    entry_of(3, str_field_len(1, type_url) + value)
}

/// `BadRequest` of `violations` (whose encoded lengths are `lens`) and a last, field-less
/// violation saying `marker`; `len` is the value's length.
fn encode_violations(
    violations: &[Detail],
    reasons: Reasons<'_>,
    lens: &[usize],
    marker: Option<&str>,
    len: usize,
) -> Any {
    let mut value = Vec::with_capacity(len);
    for (index, (detail, &violation_len)) in violations.iter().zip(lens).enumerate() {
        encoding::encode_key(1, WireType::LengthDelimited, &mut value);
        encoding::encode_varint(violation_len as u64, &mut value);
        put_str(1, detail.field.as_deref().unwrap_or_default(), &mut value);
        put_str(2, &detail.reason, &mut value);
        if let Some((locale, reason)) = reason_at(reasons, index) {
            encoding::encode_key(4, WireType::LengthDelimited, &mut value);
            encoding::encode_varint(localized_message_len(locale, reason) as u64, &mut value);
            put_str(1, locale, &mut value);
            put_str(2, reason, &mut value);
        }
    }
    if let Some(marker) = marker {
        encoding::encode_key(1, WireType::LengthDelimited, &mut value);
        encoding::encode_varint(str_field_len(2, marker) as u64, &mut value);
        put_str(2, marker, &mut value);
    }
    Any {
        type_url: BAD_REQUEST.to_owned(),
        value,
    }
}

/// The last violation of a cut list: `… 93 more details omitted`, as a body says it.
fn marker_text(omitted: usize) -> String {
    format!("… {omitted} more details omitted")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `shrink_error_info` as it was (quadratic in the entries: each count of entries tried
    /// summed them all again), kept to check the linear one gives the same bytes.
    #[cfg(feature = "client")]
    fn shrink_error_info_quadratic(fitting: &Fitting<'_>, room: usize) -> Option<Vec<u8>> {
        let Fitting {
            reason,
            domain,
            text,
            ..
        } = *fitting;
        let fits = |kept: usize, cap: usize| {
            let len = capped_len(reason, domain, text.entries().take(kept), Some(cap));
            details_entry_len(ERROR_INFO, len) <= room
        };
        let total = text.entries().count();
        let kept = (0..=total).rev().find(|&kept| fits(kept, 0))?;
        let longest = text
            .entries()
            .map(|(_, value)| value.len())
            .max()
            .unwrap_or(0);
        let cap = largest_cap(longest, |cap| fits(kept, cap));
        Some(error_info(
            reason,
            domain,
            text.entries().take(kept),
            Some(cap),
        ))
    }

    /// Metadata of `count` entries read from a Flat body's extension members, their values of
    /// lengths spread from empty to 300 bytes (some with multi-byte characters), in no order.
    #[cfg(feature = "client")]
    fn many_entries(count: usize) -> MessageAndMetadata {
        let mut body = String::from(r#"{"code":"C","message":"m""#);
        for index in 0..count {
            let len = (index * 7919) % 301;
            let value: String = if index % 5 == 0 {
                "é".repeat(len / 2)
            } else {
                "v".repeat(len)
            };
            body.push_str(&format!(r#","key{index}":"{value}""#));
        }
        body.push('}');
        let remote = crate::RemoteError::parse(
            StatusCode::CONFLICT,
            &http::HeaderMap::new(),
            body.as_bytes(),
        )
        .unwrap();
        metadata::of(&remote, 1024, UnreadDetails::AsIs).unwrap()
    }

    /// The linear `shrink_error_info` gives the old one's bytes for many entries and every
    /// room from too small for the reason to more than all of them need.
    #[cfg(feature = "client")]
    #[test]
    fn shrinking_error_info_in_one_pass_gives_the_old_bytes() {
        for (count, domain) in [
            (0, ""),
            (1, "d.example.com"),
            (40, ""),
            (500, "tasks.example.com"),
        ] {
            let text = many_entries(count);
            assert_eq!(text.entries().count(), count);
            let fitting = Fitting {
                message_len: 0,
                budget: 0,
                reason: "TASK_EXISTS",
                domain,
                text: &text,
            };
            let whole = capped_len("TASK_EXISTS", domain, text.entries(), None);
            // Every small room, then 40 spread up to past the whole ErrorInfo.
            let step = (whole + 200) / 40 + 1;
            let rooms = (0..64)
                .chain((64..whole + 200).step_by(step))
                .chain([MAX_STATUS_HEADER_BYTES, whole + 64]);
            for room in rooms {
                let linear = shrink_error_info(&fitting, room);
                assert_eq!(
                    linear,
                    shrink_error_info_quadratic(&fitting, room),
                    "{count} {room}"
                );
                if let Some(bytes) = &linear {
                    assert!(details_entry_len(ERROR_INFO, bytes.len()) <= room);
                }
            }
        }
    }

    #[test]
    fn every_code_has_its_name() {
        for number in 0..=16 {
            let code = Code::from_i32(number);
            assert_eq!(code_named(name_of(code)), code);
        }
        assert_eq!(name_of(Code::AlreadyExists), "ALREADY_EXISTS");
        assert_eq!(code_named("NOPE"), Code::Unknown);
    }

    fn violations(n: usize) -> Vec<Detail> {
        (0..n)
            .map(|i| Detail::new(format!("f{i}"), "is wrong"))
            .collect()
    }

    fn read(any: &Any) -> Vec<(String, String)> {
        pb::BadRequest::decode(any.value.as_slice())
            .unwrap()
            .field_violations
            .into_iter()
            .map(|v| (v.field, v.description))
            .collect()
    }

    #[test]
    fn bad_request_keeps_a_prefix_and_says_how_many_are_left_out() {
        let all = violations(5);
        let whole = bad_request(&all, &[], 100, 10_000).unwrap();
        assert_eq!(read(&whole).len(), 5);
        assert_eq!(
            entry_len(&whole),
            details_entry_len(BAD_REQUEST, whole.value.len())
        );
        // At most `max`, then the marker, as a body.
        let capped = read(&bad_request(&all, &[], 3, 10_000).unwrap());
        assert_eq!(capped.len(), 4);
        assert_eq!(
            capped[3],
            (String::new(), "… 2 more details omitted".to_owned())
        );
        // Every room size: the longest prefix that fits with its marker, as prost sizes it.
        let prost_size = |k: usize| {
            let mut field_violations: Vec<_> = all[..k]
                .iter()
                .map(|d| pb::bad_request::FieldViolation {
                    field: d.field.as_deref().unwrap().to_owned(),
                    description: d.reason.to_string(),
                    ..Default::default()
                })
                .collect();
            field_violations.push(pb::bad_request::FieldViolation {
                description: marker_text(5 - k),
                ..Default::default()
            });
            entry_len(&any(BAD_REQUEST, &pb::BadRequest { field_violations }))
        };
        for room in 0..entry_len(&whole) {
            let expected = (0..5).rev().find(|&k| prost_size(k) <= room);
            let cut = bad_request(&all, &[], 100, room);
            assert_eq!(
                cut.as_ref().map(|cut| read(cut).len() - 1),
                expected,
                "{room}"
            );
            if let (Some(cut), Some(k)) = (cut, expected) {
                assert_eq!(entry_len(&cut), prost_size(k), "{room}");
                let read = read(&cut);
                assert_eq!(read[k].1, format!("… {} more details omitted", 5 - k));
            }
        }
    }

    #[test]
    fn values_are_shortened_at_a_character_with_the_marker_never_longer() {
        let marker = crate::message::TRUNCATION_MARKER;
        assert_eq!(
            shortened("short", Some(3)),
            ("short", ""),
            "the cut would be longer"
        );
        let long = "é".repeat(20);
        // 40 bytes; a cap of 5 keeps two `é` (4 bytes), at a character boundary.
        assert_eq!(shortened(&long, Some(5)), ("éé", marker));
        assert_eq!(shortened(&long, Some(0)), ("", marker));
        assert_eq!(shortened(&long, Some(40)), (long.as_str(), ""));
        assert_eq!(shortened(&long, None), (long.as_str(), ""));
        // The encoded length follows `shortened`, and only grows with the cap.
        let entries = [("title", long.as_str()), ("id", "7")];
        let mut last = 0;
        for cap in 0..=45 {
            let bytes = error_info("R", "d", entries.into_iter(), Some(cap));
            assert_eq!(
                bytes.len(),
                capped_len("R", "d", entries.into_iter(), Some(cap))
            );
            assert!(bytes.len() >= last, "{cap}");
            last = bytes.len();
        }
    }

    #[test]
    fn percent_encoding_is_counted_as_tonic_writes_it() {
        assert_eq!(percent_encoded_len("abc"), 3);
        assert_eq!(percent_encoded_len("a b"), 5);
        assert_eq!(percent_encoded_len("é"), 6);
        assert_eq!(percent_encoded_len("100%"), 6);
    }
}
