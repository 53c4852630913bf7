//! Reading a `tonic::Status` back (feature `tonic`).

use super::ordered::Value;
use super::{ParseError, RemoteError};
use crate::detail::Detail;
use crate::envelope::GRPC_CODES;
use crate::format::Format;
use crate::http_error::HttpError;
use crate::metadata::UNREAD_DETAILS;
use ::tonic::{Code, Status};
use http::{HeaderMap, StatusCode};
use prost::Message as _;
use tonic_types::pb;

const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";
const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
const HELP: &str = "type.googleapis.com/google.rpc.Help";
const LOCALIZED_MESSAGE: &str = "type.googleapis.com/google.rpc.LocalizedMessage";
const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";

#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
impl RemoteError {
    /// Reads a gRPC status: what `apierror::tonic` put in it, or what any other server did.
    ///
    /// - The HTTP status is the `x-http-code` metadata apierror adds
    ///   ([`apierror::tonic::HTTP_STATUS_KEY`](crate::tonic::HTTP_STATUS_KEY)) when it holds a
    ///   4xx or 5xx, else the canonical one of the gRPC code (google.rpc.Code's table:
    ///   `NOT_FOUND` 404, `ALREADY_EXISTS` 409, `FAILED_PRECONDITION` 400, `UNKNOWN` 500, ...).
    /// - The code is `ErrorInfo.reason`; a status without one has no code of its own, so the
    ///   code is the SCREAMING_SNAKE reason phrase of the HTTP status (`CONFLICT` for an
    ///   `ALREADY_EXISTS` without `x-http-code`), as for every body without a code (DESIGN.md
    ///   §7), and [`grpc_code`](Self::grpc_code) keeps the gRPC name; the message
    ///   is the status's (the reason phrase when it is empty); the domain is `ErrorInfo`'s,
    ///   its metadata entries become extensions (string values) in the order they were sent,
    ///   as the JSON reader keeps `metadata`'s members (a key sent twice keeps its first
    ///   place and its last value, a protobuf map's rule). Placeholder values and extension
    ///   members are the same kind of entry on the wire: nothing tells them apart, so both
    ///   are extensions, and the error passed on in another format writes them as members.
    /// - `BadRequest`'s field violations are the details (an empty field is none; the reason is
    ///   the `description`, a `localized_message` is the
    ///   [`localized_reason`](Self::localized_reason)), `RetryInfo`
    ///   the retry delay (rounded up to whole seconds), `Help`'s first URL the docs URL,
    ///   `LocalizedMessage` (when its `locale` and `message` are both non-empty) the
    ///   [`localized_message`](Self::localized_message), `RequestInfo` the request id (else the
    ///   `x-request-id` metadata).
    /// - [`grpc_code`](Self::grpc_code) keeps the gRPC code, which converting the error back
    ///   into a status sends again.
    /// - The details it does not read (a second `RequestInfo`, `QuotaFailure`,
    ///   `PreconditionFailure`, `ResourceInfo`, `DebugInfo`, ...: any type tonic-types models),
    ///   its `LocalizedMessage` and a first `Help` other than the one apierror writes of a docs
    ///   URL (one link described by the code) are kept in their proto3 JSON (members in field
    ///   number order, default values left out, `int64` as a string, a duration as `"1.500s"`):
    ///   the error passed on as Google writes them after its own entries (such a `Help` in
    ///   place of the docs URL's), and the unread ones and such a `Help` are the extension
    ///   `details`, as [`parse`](Self::parse) keeps a body's. An `ErrorInfo.metadata` entry
    ///   `details` holding a JSON array of objects with an `@type` (what `apierror::tonic`
    ///   leaves there of a Google body's entries) is read as such entries, not as metadata.
    ///   Details of a type tonic-types does not model are dropped: without their schema they
    ///   have no JSON.
    ///
    /// The details (`grpc-status-details-bin`) are read only when they decode as a
    /// `google.rpc.Status` whose code and message are the status's own: details that do not
    /// decode or contradict the status are ignored, and the status's code and message win. A
    /// detail that does not decode is skipped alone. Never panics.
    ///
    /// A status whose code is `OK` is not an error: [`ParseErrorKind::NotAnError`] with the
    /// HTTP status 200, whose fallback is a 502.
    ///
    /// [`ParseErrorKind::NotAnError`]: crate::client::ParseErrorKind::NotAnError
    ///
    /// ```
    /// use apierror::{ApiError, HttpError, RemoteError};
    /// use http::StatusCode;
    ///
    /// let status = tonic::Status::from(HttpError::new(StatusCode::CONFLICT).with_code("TASK_EXISTS"));
    /// let err = RemoteError::from_status(&status).unwrap();
    /// assert_eq!(err.status(), StatusCode::CONFLICT);
    /// assert_eq!(err.code(), "TASK_EXISTS");
    /// assert_eq!(err.grpc_code(), Some("ABORTED"));
    /// assert!(err.request_id().is_some());
    ///
    /// // Another server's status, without details: the canonical mapping.
    /// let err = RemoteError::from_status(&tonic::Status::not_found("no such task")).unwrap();
    /// assert_eq!((err.status(), err.code(), &*err.message()), (StatusCode::NOT_FOUND, "NOT_FOUND", "no such task"));
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ParseError`] for an `OK` status ([`ParseErrorKind::NotAnError`](crate::client::ParseErrorKind::NotAnError)),
    /// whose [`fallback`](ParseError::fallback) still makes an error of it.
    pub fn from_status(status: &Status) -> Result<RemoteError, ParseError> {
        let code = status.code();
        let name = crate::tonic::name_of(code);
        let metadata = status.metadata();
        let mut headers = HeaderMap::new();
        if let Some(id) = metadata.get(crate::request_id::HEADER_NAME)
            && let Ok(value) = http::HeaderValue::from_bytes(id.as_bytes())
        {
            headers.insert(crate::request_id::HEADER, value);
        }
        if code == Code::Ok {
            let head = RemoteError::from_head(StatusCode::OK, &headers);
            return Err(ParseError::not_an_error(head));
        }
        let http_status = metadata
            .get(crate::tonic::HTTP_STATUS_KEY)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u16>().ok())
            .filter(|value| (400..=599).contains(value))
            .or_else(|| {
                let index = usize::try_from(code as i32).ok()?;
                GRPC_CODES.get(index).map(|(_, status)| *status)
            })
            .and_then(|value| StatusCode::from_u16(value).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut err = RemoteError::from_head(http_status, &headers);
        err.0.format = Format::Google;
        err.0.grpc_code = Some(name);
        // No code of its own until `ErrorInfo.reason` says one (below).
        err.0.code = String::new();
        err.0.message = if status.message().is_empty() {
            http_status
                .canonical_reason()
                .unwrap_or_default()
                .to_owned()
        } else {
            status.message().to_owned()
        };
        if let Some(details) = details_of(status) {
            err.read_details(&details);
        }
        if err.0.code.is_empty() {
            err.0.code = HttpError::code_for(http_status);
        }
        Ok(err)
    }

    fn read_details(&mut self, details: &[prost_types::Any]) {
        let (mut error_info, mut bad_request, mut retry_info, mut help) =
            (false, false, false, false);
        let mut request_info = false;
        // Each detail with what becomes of it, in order.
        let mut passes = Vec::with_capacity(details.len());
        let mut help_links = Vec::new();
        let mut carried = Vec::new();
        for any in details {
            let value = any.value.as_slice();
            let pass = 'read: {
                match any.type_url.as_str() {
                    ERROR_INFO if !error_info => {
                        let Some(info) = ErrorInfo::decode(value) else {
                            break 'read Pass::Unread;
                        };
                        error_info = true;
                        if !info.reason.is_empty() {
                            self.0.code = info.reason.to_owned();
                        }
                        if !info.domain.is_empty() {
                            self.0.domain = Some(info.domain.to_owned());
                        }
                        for (key, value) in info.metadata {
                            // The entries of a Google body passed on that did not become
                            // details (`apierror::tonic` keeps them here): entries again.
                            if key == UNREAD_DETAILS
                                && carried.is_empty()
                                && let Some(entries) = unread_entries(value)
                            {
                                carried = entries;
                                continue;
                            }
                            let value = Value::String(value.to_owned()).into();
                            self.0.extensions.push((key.to_owned(), value));
                        }
                        Pass::Read
                    }
                    BAD_REQUEST if !bad_request => {
                        let Ok(request) = pb::BadRequest::decode(value) else {
                            break 'read Pass::Unread;
                        };
                        bad_request = true;
                        let mut localized_reasons = Vec::new();
                        self.0.details = request
                            .field_violations
                            .into_iter()
                            .enumerate()
                            .map(|(index, violation)| {
                                // The reason is the `description` (the default language); a
                                // translation (`localized_message`, AIP-193) is kept beside it, as
                                // the JSON reader does.
                                if let Some(localized) = violation.localized_message
                                    && !localized.locale.is_empty()
                                    && !localized.message.is_empty()
                                {
                                    localized_reasons.resize(index, None);
                                    localized_reasons
                                        .push(Some((localized.locale, localized.message)));
                                }
                                let mut detail = Detail::reason_only(violation.description);
                                if !violation.field.is_empty() {
                                    detail.field = Some(violation.field.into());
                                }
                                // `FieldViolation.reason` (field 3) is the violation's code, as
                                // the JSON reader reads `fieldViolations[].reason`.
                                if !violation.reason.is_empty() {
                                    detail.code = Some(violation.reason.into());
                                }
                                detail
                            })
                            .collect();
                        self.0.localized_reasons = localized_reasons;
                        Pass::Read
                    }
                    RETRY_INFO if !retry_info => {
                        let Ok(info) = pb::RetryInfo::decode(value) else {
                            break 'read Pass::Unread;
                        };
                        retry_info = true;
                        if let Some(delay) = info.retry_delay
                            && let Ok(seconds) = u64::try_from(delay.seconds)
                        {
                            let rounded_up = seconds.saturating_add(u64::from(delay.nanos > 0));
                            self.0.retry_after = Some(rounded_up);
                        }
                        Pass::Read
                    }
                    HELP if !help => {
                        let Ok(links) = pb::Help::decode(value) else {
                            break 'read Pass::Unread;
                        };
                        help = true;
                        self.0.docs_url = links
                            .links
                            .iter()
                            .map(|link| &link.url)
                            .find(|url| !url.is_empty())
                            .cloned();
                        help_links = links.links;
                        Pass::Help
                    }
                    LOCALIZED_MESSAGE if self.0.localized.is_none() => {
                        let Ok(localized) = pb::LocalizedMessage::decode(value) else {
                            break 'read Pass::Unread;
                        };
                        if localized.locale.is_empty() || localized.message.is_empty() {
                            break 'read Pass::Unread;
                        }
                        self.0.localized = Some((localized.locale, localized.message));
                        // Passed on as Google, it is written again, as a body's is.
                        Pass::Also
                    }
                    REQUEST_INFO if !request_info => {
                        let Ok(info) = pb::RequestInfo::decode(value) else {
                            break 'read Pass::Unread;
                        };
                        request_info = true;
                        if !info.request_id.is_empty() {
                            self.0.request_id = Some(info.request_id);
                        }
                        Pass::Read
                    }
                    _ => Pass::Unread,
                }
            };
            passes.push((any, pass));
        }
        // The `Help` written from the docs URL is one link described by the code: any other is
        // passed on as sent.
        let own_help = matches!(
            help_links.as_slice(),
            [link] if !link.url.is_empty() && !self.0.code.is_empty() && link.description == self.0.code
        );
        let passed = passes.into_iter().filter(|(_, pass)| match pass {
            Pass::Read => false,
            Pass::Help => !own_help,
            Pass::Unread | Pass::Also => true,
        });
        self.pass_on(passed, &carried);
    }

    /// Keeps `details` (not read, or read and written again: a `LocalizedMessage`, a `Help`
    /// not of the docs URL alone) for the error passed on: in proto3 JSON, as a Google body's
    /// entries, where tonic-types models their type and they decode; the unread ones and such
    /// a `Help` are also the extension `details`, as the JSON reader keeps them. Other details
    /// are dropped.
    ///
    /// `carried`: the entries an `ErrorInfo.metadata` `details` entry held as JSON text,
    /// passed on after the others, and unread.
    fn pass_on<'a>(
        &mut self,
        details: impl Iterator<Item = (&'a prost_types::Any, Pass)>,
        carried: &[Value],
    ) {
        let mut passed_on = Vec::new();
        let mut unread = Vec::new();
        for (any, pass) in details {
            let start = passed_on.len();
            passed_on.push(b',');
            if crate::remote::proto_json::write_json(any, &mut passed_on).is_none() {
                passed_on.truncate(start);
                continue;
            }
            match pass {
                Pass::Help | Pass::Unread => {
                    // The docs URL says a `Help`'s first link only: kept whole as well.
                    self.0.google_help |= matches!(pass, Pass::Help);
                    let json = passed_on.get(start + 1..).unwrap_or_default();
                    if let Ok(value) = serde_json::from_slice::<Value>(json) {
                        unread.push(value);
                    }
                }
                Pass::Read | Pass::Also => {}
            }
        }
        for entry in carried {
            passed_on.push(b',');
            entry.write_json(&mut passed_on);
            unread.push(entry.clone());
        }
        if !unread.is_empty() {
            self.0
                .extensions
                .push((UNREAD_DETAILS.to_owned(), Value::Array(unread).into()));
        }
        if !passed_on.is_empty() {
            self.0.google_details = String::from_utf8(passed_on).ok();
        }
    }
}

/// The entries of an `ErrorInfo.metadata` `details` value: a JSON array of objects, each with
/// a string `@type` (what `apierror::tonic` writes there of a Google body's entries that are
/// not details of their own); `None` for any other value, which stays a metadata entry.
fn unread_entries(text: &str) -> Option<Vec<Value>> {
    let Ok(Value::Array(entries)) = serde_json::from_str(text) else {
        return None;
    };
    let entries_typed = entries.iter().all(|entry| {
        entry
            .as_object()
            .is_some_and(|entry| entry.str("@type").is_some())
    });
    (entries_typed && !entries.is_empty()).then_some(entries)
}

/// What becomes of a detail of a status read back.
#[derive(Debug, Clone, Copy)]
enum Pass {
    /// Read into the error's members, which say it again.
    Read,
    /// Read, and also written again as it was (a `LocalizedMessage`).
    Also,
    /// The first `Help`: written again as it was unless it is the one of the docs URL alone.
    Help,
    /// Not read: written again as it was.
    Unread,
}

/// The details of `status`, when they decode as a `google.rpc.Status` that agrees with the
/// status's own code and message.
fn details_of(status: &Status) -> Option<Vec<prost_types::Any>> {
    if status.details().is_empty() {
        return None;
    }
    let decoded = pb::Status::decode(status.details()).ok()?;
    (decoded.code == status.code() as i32 && decoded.message == status.message())
        .then_some(decoded.details)
}

/// `google.rpc.ErrorInfo` read from its wire bytes, its `metadata` map in the order the entries
/// were sent (tonic-types' `ErrorInfo` holds it in a `HashMap`, which loses the order).
#[derive(Debug, Default, PartialEq, Eq)]
struct ErrorInfo<'a> {
    reason: &'a str,
    domain: &'a str,
    metadata: Vec<(&'a str, &'a str)>,
}

impl<'a> ErrorInfo<'a> {
    /// `None` for bytes that are not an `ErrorInfo` (a malformed field, a string that is not
    /// UTF-8: what prost refuses); unknown fields are skipped, as prost does.
    fn decode(mut bytes: &'a [u8]) -> Option<Self> {
        let mut info = Self::default();
        // Each key's place in `metadata`: a repeated key keeps its first place and its last
        // value (as a map entry sent twice does), found without a scan per entry.
        let mut places: std::collections::HashMap<&'a str, usize> =
            std::collections::HashMap::new();
        while !bytes.is_empty() {
            match (next_field(&mut bytes)?, &mut info) {
                ((1, Field::Bytes(reason)), info) => info.reason = utf8(reason)?,
                ((2, Field::Bytes(domain)), info) => info.domain = utf8(domain)?,
                ((3, Field::Bytes(mut entry)), info) => {
                    let (mut key, mut value) = ("", "");
                    while !entry.is_empty() {
                        match next_field(&mut entry)? {
                            (1, Field::Bytes(bytes)) => key = utf8(bytes)?,
                            (2, Field::Bytes(bytes)) => value = utf8(bytes)?,
                            (1 | 2, Field::Other) => return None,
                            _ => {}
                        }
                    }
                    match places.get(key).and_then(|&at| info.metadata.get_mut(at)) {
                        Some(seen) => seen.1 = value,
                        None => {
                            places.insert(key, info.metadata.len());
                            info.metadata.push((key, value));
                        }
                    }
                }
                ((1..=3, Field::Other), _) => return None,
                _ => {}
            }
        }
        Some(info)
    }
}

/// One protobuf field's value: length-delimited bytes, or any other wire type (skipped).
enum Field<'a> {
    Bytes(&'a [u8]),
    Other,
}

/// The next field of `bytes` (its tag and value), moving past it; `None` when it is malformed.
fn next_field<'a>(bytes: &mut &'a [u8]) -> Option<(u64, Field<'a>)> {
    let key = prost::encoding::decode_varint(bytes).ok()?;
    let skip = |bytes: &mut &'a [u8], len: usize| -> Option<&'a [u8]> {
        let (taken, rest) = bytes.split_at_checked(len)?;
        *bytes = rest;
        Some(taken)
    };
    let field = match key & 7 {
        0 => prost::encoding::decode_varint(bytes)
            .ok()
            .map(|_| Field::Other)?,
        1 => skip(bytes, 8).map(|_| Field::Other)?,
        2 => {
            let len = usize::try_from(prost::encoding::decode_varint(bytes).ok()?).ok()?;
            Field::Bytes(skip(bytes, len)?)
        }
        5 => skip(bytes, 4).map(|_| Field::Other)?,
        _ => return None,
    };
    let tag = key >> 3;
    (tag != 0).then_some((tag, field))
}

fn utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever prost decodes as a `pb::ErrorInfo`, this reader decodes with the same
    /// reason, domain and metadata, the entries in the order sent.
    #[test]
    fn error_info_reads_as_prost_does_keeping_the_order() {
        let mut bytes = Vec::new();
        prost::encoding::string::encode(1, &"TASK_EXISTS".to_owned(), &mut bytes);
        prost::encoding::string::encode(2, &"tasks.example.com".to_owned(), &mut bytes);
        for (key, value) in [("zeta", "1"), ("alpha", "2"), ("zeta", "3"), ("mid", "")] {
            let mut entry = Vec::new();
            prost::encoding::string::encode(1, &key.to_owned(), &mut entry);
            prost::encoding::string::encode(2, &value.to_owned(), &mut entry);
            prost::encoding::bytes::encode(3, &entry, &mut bytes);
        }
        // An unknown varint field, skipped by both.
        prost::encoding::uint64::encode(9, &7, &mut bytes);
        let ours = ErrorInfo::decode(&bytes).unwrap();
        assert_eq!(
            ours,
            ErrorInfo {
                reason: "TASK_EXISTS",
                domain: "tasks.example.com",
                metadata: vec![("zeta", "3"), ("alpha", "2"), ("mid", "")],
            }
        );
        let prost = pb::ErrorInfo::decode(bytes.as_slice()).unwrap();
        assert_eq!(prost.reason, ours.reason);
        assert_eq!(prost.metadata.len(), ours.metadata.len());
        for (key, value) in &ours.metadata {
            assert_eq!(prost.metadata[*key], *value);
        }
        // Malformed: cut short, a string that is not UTF-8, a reason of the wrong wire type.
        assert_eq!(ErrorInfo::decode(&bytes[..bytes.len() - 3]), None);
        assert_eq!(ErrorInfo::decode(&[0x0a, 0x01, 0xff]), None);
        assert_eq!(ErrorInfo::decode(&[0x08, 0x01]), None);
        assert!(pb::ErrorInfo::decode(&[0x0a, 0x01, 0xff][..]).is_err());
    }
}
