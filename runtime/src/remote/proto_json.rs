//! Google's error details (`google.rpc`, the ten messages of `error_details.proto` that
//! tonic-types models) between their proto3 JSON form, as a Google body's `details` carries
//! them, and their protobuf form, as a `google.rpc.Status` in `grpc-status-details-bin` does:
//! what lets an upstream error passed on from JSON to gRPC, or from gRPC to JSON, keep the
//! details apierror does not read (`QuotaFailure`, `PreconditionFailure`, `ResourceInfo`,
//! `DebugInfo`, ...).
//!
//! The mapping is proto3's (protobuf.dev, "ProtoJSON Format"): members named in lowerCamelCase
//! (the proto names are read too), `int64` as a decimal string (a JSON number is read too),
//! `google.protobuf.Duration` as seconds with 0, 3, 6 or 9 fractional digits and an `s`
//! (`"1.500s"`), maps as objects, `null` as the default value, default values left out when
//! written. Written members follow the message's field numbers, the order Google's own
//! examples write them in; map entries and repeated values keep the order they came in (a
//! `HashMap`, as tonic-types' messages hold maps, would not).
//!
//! Each message is described once, as a table of its fields ([`TYPES`]); reading and writing
//! both walk it. A detail whose type is not one of them, or whose JSON holds a member the
//! message does not have or a value of the wrong kind, is not converted (`None`): nothing of
//! it is dropped on the way. (prost-reflect could walk tonic-types' descriptor set instead,
//! but holds maps in a `HashMap`, so the bytes would change from run to run.)

use super::ordered::{Object, Value};
use prost::encoding::{self, WireType};
use prost_types::Any;

/// What a field holds.
#[derive(Clone, Copy)]
enum Kind {
    /// `string`.
    Str,
    /// `repeated string`.
    Strs,
    /// `map<string, string>`.
    Map,
    /// `int64`.
    Int64,
    /// `optional int64`: written when set, even to 0.
    OptionalInt64,
    /// `google.protobuf.Duration`.
    Duration,
    /// A message.
    Message(&'static [Field]),
    /// `repeated` of a message.
    Messages(&'static [Field]),
}

/// One field of a message: its number, its JSON and proto names, what it holds.
struct Field {
    number: u32,
    json: &'static str,
    proto: &'static str,
    kind: Kind,
}

const fn field(number: u32, json: &'static str, proto: &'static str, kind: Kind) -> Field {
    Field {
        number,
        json,
        proto,
        kind,
    }
}

const LOCALIZED_MESSAGE: &[Field] = &[
    field(1, "locale", "locale", Kind::Str),
    field(2, "message", "message", Kind::Str),
];

const FIELD_VIOLATION: &[Field] = &[
    field(1, "field", "field", Kind::Str),
    field(2, "description", "description", Kind::Str),
    field(3, "reason", "reason", Kind::Str),
    field(
        4,
        "localizedMessage",
        "localized_message",
        Kind::Message(LOCALIZED_MESSAGE),
    ),
];

const QUOTA_VIOLATION: &[Field] = &[
    field(1, "subject", "subject", Kind::Str),
    field(2, "description", "description", Kind::Str),
    field(3, "apiService", "api_service", Kind::Str),
    field(4, "quotaMetric", "quota_metric", Kind::Str),
    field(5, "quotaId", "quota_id", Kind::Str),
    field(6, "quotaDimensions", "quota_dimensions", Kind::Map),
    field(7, "quotaValue", "quota_value", Kind::Int64),
    field(
        8,
        "futureQuotaValue",
        "future_quota_value",
        Kind::OptionalInt64,
    ),
];

const PRECONDITION_VIOLATION: &[Field] = &[
    field(1, "type", "type", Kind::Str),
    field(2, "subject", "subject", Kind::Str),
    field(3, "description", "description", Kind::Str),
];

const LINK: &[Field] = &[
    field(1, "description", "description", Kind::Str),
    field(2, "url", "url", Kind::Str),
];

/// The messages tonic-types models (`tonic_types::pb`), by full name, with their fields.
const TYPES: [(&str, &[Field]); 10] = [
    (
        "google.rpc.ErrorInfo",
        &[
            field(1, "reason", "reason", Kind::Str),
            field(2, "domain", "domain", Kind::Str),
            field(3, "metadata", "metadata", Kind::Map),
        ],
    ),
    (
        "google.rpc.RetryInfo",
        &[field(1, "retryDelay", "retry_delay", Kind::Duration)],
    ),
    (
        "google.rpc.DebugInfo",
        &[
            field(1, "stackEntries", "stack_entries", Kind::Strs),
            field(2, "detail", "detail", Kind::Str),
        ],
    ),
    (
        "google.rpc.QuotaFailure",
        &[field(
            1,
            "violations",
            "violations",
            Kind::Messages(QUOTA_VIOLATION),
        )],
    ),
    (
        "google.rpc.PreconditionFailure",
        &[field(
            1,
            "violations",
            "violations",
            Kind::Messages(PRECONDITION_VIOLATION),
        )],
    ),
    (
        "google.rpc.BadRequest",
        &[field(
            1,
            "fieldViolations",
            "field_violations",
            Kind::Messages(FIELD_VIOLATION),
        )],
    ),
    (
        "google.rpc.RequestInfo",
        &[
            field(1, "requestId", "request_id", Kind::Str),
            field(2, "servingData", "serving_data", Kind::Str),
        ],
    ),
    (
        "google.rpc.ResourceInfo",
        &[
            field(1, "resourceType", "resource_type", Kind::Str),
            field(2, "resourceName", "resource_name", Kind::Str),
            field(3, "owner", "owner", Kind::Str),
            field(4, "description", "description", Kind::Str),
        ],
    ),
    (
        "google.rpc.Help",
        &[field(1, "links", "links", Kind::Messages(LINK))],
    ),
    ("google.rpc.LocalizedMessage", LOCALIZED_MESSAGE),
];

/// The fields of the message a type URL names (`type.googleapis.com/google.rpc.QuotaFailure`:
/// the name after the last `/`), when tonic-types models it.
fn fields_of(type_url: &str) -> Option<&'static [Field]> {
    let name = type_url.rsplit_once('/').map_or(type_url, |(_, name)| name);
    TYPES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, fields)| *fields)
}

/// The protobuf `Any` of one entry of a Google body's `details`
/// (`{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[...]}`), its type URL
/// as the entry names it; `None` when tonic-types does not model the type or a member does not
/// fit the message (an unknown member, a value of another kind, an `int64` out of range, a
/// malformed duration).
pub(crate) fn to_any(entry: &Value) -> Option<Any> {
    let object = entry.as_object()?;
    let type_url = object.str("@type")?;
    let fields = fields_of(type_url)?;
    let mut value = Vec::new();
    encode(fields, object, true, &mut value)?;
    Some(Any {
        type_url: type_url.to_owned(),
        value,
    })
}

/// `object` as the message of `fields`, its fields in number order (prost's); `with_type`: the
/// object also has its `@type`.
fn encode(fields: &[Field], object: &Object, with_type: bool, out: &mut Vec<u8>) -> Option<()> {
    let mut matched = usize::from(with_type);
    for field in fields {
        let by_json = object.get(field.json);
        let by_proto = (field.proto != field.json)
            .then(|| object.get(field.proto))
            .flatten();
        let value = match (by_json, by_proto) {
            (Some(_), Some(_)) => return None,
            (Some(value), None) | (None, Some(value)) => value,
            (None, None) => continue,
        };
        matched += 1;
        encode_field(field, value, out)?;
    }
    (matched == object.len()).then_some(())
}

fn encode_field(field: &Field, value: &Value, out: &mut Vec<u8>) -> Option<()> {
    let number = field.number;
    if matches!(value, Value::Null) {
        return Some(());
    }
    match field.kind {
        Kind::Str => put_str(number, value.as_str()?, out),
        Kind::Strs => {
            let Value::Array(items) = value else {
                return None;
            };
            for item in items {
                put_bytes(number, item.as_str()?.as_bytes(), out);
            }
        }
        Kind::Map => {
            for (key, value) in value.as_object()?.iter() {
                let mut entry = Vec::new();
                put_str(1, key, &mut entry);
                put_str(2, value.as_str()?, &mut entry);
                put_bytes(number, &entry, out);
            }
        }
        Kind::Int64 | Kind::OptionalInt64 => {
            let number_value = int64(value)?;
            if number_value != 0 || matches!(field.kind, Kind::OptionalInt64) {
                encoding::int64::encode(number, &number_value, out);
            }
        }
        Kind::Duration => {
            let (seconds, nanos) = parse_duration(value.as_str()?)?;
            let mut message = Vec::new();
            if seconds != 0 {
                encoding::int64::encode(1, &seconds, &mut message);
            }
            if nanos != 0 {
                encoding::int32::encode(2, &nanos, &mut message);
            }
            put_bytes(number, &message, out);
        }
        Kind::Message(fields) => {
            let mut message = Vec::new();
            encode(fields, value.as_object()?, false, &mut message)?;
            put_bytes(number, &message, out);
        }
        Kind::Messages(fields) => {
            let Value::Array(items) = value else {
                return None;
            };
            for item in items {
                let mut message = Vec::new();
                encode(fields, item.as_object()?, false, &mut message)?;
                put_bytes(number, &message, out);
            }
        }
    }
    Some(())
}

/// A string field, left out when empty (proto3).
fn put_str(number: u32, value: &str, out: &mut Vec<u8>) {
    if !value.is_empty() {
        put_bytes(number, value.as_bytes(), out);
    }
}

/// A length-delimited field, written even when empty (a repeated value, a message that is set).
fn put_bytes(number: u32, value: &[u8], out: &mut Vec<u8>) {
    encoding::encode_key(number, WireType::LengthDelimited, out);
    encoding::encode_varint(value.len() as u64, out);
    out.extend_from_slice(value);
}

/// An `int64` in JSON: a decimal string or an integer number.
fn int64(value: &Value) -> Option<i64> {
    match value {
        Value::String(text) => text.parse().ok(),
        Value::Number(number) => number.as_i64(),
        _ => None,
    }
}

/// The largest number of seconds a `google.protobuf.Duration` may hold (10,000 years).
const MAX_DURATION_SECS: i64 = 315_576_000_000;

/// A `google.protobuf.Duration` in JSON (`"1.5s"`, `"-0.25s"`, `"30s"`): seconds and nanos,
/// of the same sign. At most 9 fractional digits, within ±[`MAX_DURATION_SECS`].
fn parse_duration(text: &str) -> Option<(i64, i32)> {
    let text = text.strip_suffix('s')?;
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(whole) {
        return None;
    }
    let seconds: i64 = whole.parse().ok().filter(|&s| s <= MAX_DURATION_SECS)?;
    let nanos = match fraction {
        None => 0,
        Some(fraction) if digits(fraction) && fraction.len() <= 9 => {
            let scale = 10_i32.pow(9 - fraction.len() as u32);
            fraction.parse::<i32>().ok()? * scale
        }
        Some(_) => return None,
    };
    Some(if negative {
        (-seconds, -nanos)
    } else {
        (seconds, nanos)
    })
}

/// `any` as an entry of a Google body's `details`, appended to `out`: `{"@type":...}` then the
/// message's members in proto3 JSON. `None` (and `out` as it was) when tonic-types does not
/// model the type or the bytes do not decode as it (what prost would refuse: a malformed field,
/// a string that is not UTF-8, a field of another wire type).
pub(crate) fn write_json(any: &Any, out: &mut Vec<u8>) -> Option<()> {
    let fields = fields_of(&any.type_url)?;
    let mark = out.len();
    out.extend_from_slice(b"{\"@type\":");
    crate::json::push_string(out, &any.type_url);
    let written = write_members(fields, &any.value, out, true);
    if written.is_none() {
        out.truncate(mark);
        return None;
    }
    out.push(b'}');
    Some(())
}

/// The fields of one message read from `bytes`: each field's number and its value.
fn read_fields(mut bytes: &[u8]) -> Option<Vec<(u32, Wire<'_>)>> {
    let mut read = Vec::new();
    while !bytes.is_empty() {
        let key = encoding::decode_varint(&mut bytes).ok()?;
        let number = u32::try_from(key >> 3).ok().filter(|&number| number > 0)?;
        let wire = match key & 7 {
            0 => Wire::Varint(encoding::decode_varint(&mut bytes).ok()?),
            1 => take(&mut bytes, 8).map(|_| Wire::Other)?,
            2 => {
                let len = usize::try_from(encoding::decode_varint(&mut bytes).ok()?).ok()?;
                Wire::Bytes(take(&mut bytes, len)?)
            }
            5 => take(&mut bytes, 4).map(|_| Wire::Other)?,
            _ => return None,
        };
        read.push((number, wire));
    }
    Some(read)
}

/// A field's value on the wire.
#[derive(Clone, Copy)]
enum Wire<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// A fixed-width value, which none of these messages has (an unknown field).
    Other,
}

fn take<'a>(bytes: &mut &'a [u8], len: usize) -> Option<&'a [u8]> {
    let (taken, rest) = bytes.split_at_checked(len)?;
    *bytes = rest;
    Some(taken)
}

/// The members of the message of `fields` in `bytes`, each after a comma when `after_type`
/// (or when one was written before it). Unknown fields are skipped, as prost skips them.
fn write_members(
    fields: &[Field],
    bytes: &[u8],
    out: &mut Vec<u8>,
    after_type: bool,
) -> Option<()> {
    let read = read_fields(bytes)?;
    let mut first = !after_type;
    for field in fields {
        let values = || {
            read.iter()
                .filter(move |(number, _)| *number == field.number)
                .map(|(_, wire)| *wire)
        };
        // A singular field sent twice: the last value counts, as in protobuf.
        let last = values().next_back();
        let Some(last) = last else { continue };
        let mut member = |out: &mut Vec<u8>| {
            if !std::mem::take(&mut first) {
                out.push(b',');
            }
            crate::json::push_string(out, field.json);
            out.push(b':');
        };
        match field.kind {
            Kind::Str => {
                let text = utf8(bytes_of(last)?)?;
                if !text.is_empty() {
                    member(out);
                    crate::json::push_string(out, text);
                }
            }
            Kind::Strs => {
                member(out);
                out.push(b'[');
                for (index, wire) in values().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    crate::json::push_string(out, utf8(bytes_of(wire)?)?);
                }
                out.push(b']');
            }
            Kind::Map => {
                // A key sent twice keeps its first place and its last value.
                let mut entries: Vec<(&str, &str)> = Vec::new();
                for wire in values() {
                    let (mut key, mut value) = ("", "");
                    for (number, wire) in read_fields(bytes_of(wire)?)? {
                        match number {
                            1 => key = utf8(bytes_of(wire)?)?,
                            2 => value = utf8(bytes_of(wire)?)?,
                            _ => {}
                        }
                    }
                    match entries.iter_mut().find(|(seen, _)| *seen == key) {
                        Some(seen) => seen.1 = value,
                        None => entries.push((key, value)),
                    }
                }
                member(out);
                out.push(b'{');
                for (index, (key, value)) in entries.into_iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    crate::json::push_string(out, key);
                    out.push(b':');
                    crate::json::push_string(out, value);
                }
                out.push(b'}');
            }
            Kind::Int64 | Kind::OptionalInt64 => {
                let Wire::Varint(raw) = last else { return None };
                // Two's complement, as int64 travels.
                let number = raw as i64;
                if number != 0 || matches!(field.kind, Kind::OptionalInt64) {
                    member(out);
                    out.push(b'"');
                    out.extend_from_slice(number.to_string().as_bytes());
                    out.push(b'"');
                }
            }
            Kind::Duration => {
                let text = duration_text(bytes_of(last)?)?;
                member(out);
                crate::json::push_string(out, &text);
            }
            Kind::Message(fields) => {
                member(out);
                out.push(b'{');
                write_members(fields, bytes_of(last)?, out, false)?;
                out.push(b'}');
            }
            Kind::Messages(fields) => {
                member(out);
                out.push(b'[');
                for (index, wire) in values().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    out.push(b'{');
                    write_members(fields, bytes_of(wire)?, out, false)?;
                    out.push(b'}');
                }
                out.push(b']');
            }
        }
    }
    Some(())
}

fn bytes_of(wire: Wire<'_>) -> Option<&[u8]> {
    match wire {
        Wire::Bytes(bytes) => Some(bytes),
        _ => None,
    }
}

fn utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// A `google.protobuf.Duration`'s bytes in JSON: `"30s"`, `"1.500s"`, `"-0.000001s"`; `None`
/// for one out of range or with seconds and nanos of different signs.
fn duration_text(bytes: &[u8]) -> Option<String> {
    let (mut seconds, mut nanos) = (0_i64, 0_i64);
    for (number, wire) in read_fields(bytes)? {
        match (number, wire) {
            (1, Wire::Varint(raw)) => seconds = raw as i64,
            // int32 travels sign-extended to 64 bits.
            (2, Wire::Varint(raw)) => nanos = i64::from(raw as i32),
            (1 | 2, _) => return None,
            _ => {}
        }
    }
    if seconds.abs() > MAX_DURATION_SECS
        || nanos.abs() >= 1_000_000_000
        || (seconds > 0 && nanos < 0)
        || (seconds < 0 && nanos > 0)
    {
        return None;
    }
    let sign = if seconds < 0 || nanos < 0 { "-" } else { "" };
    let (seconds, nanos) = (seconds.unsigned_abs(), nanos.unsigned_abs());
    let fraction = if nanos == 0 {
        String::new()
    } else if nanos % 1_000_000 == 0 {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    };
    Some(format!("{sign}{seconds}{fraction}s"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message as _;
    use tonic_types::pb;

    fn entry(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    /// Each type, from JSON to protobuf (as tonic-types decodes it) and back to the same JSON.
    #[test]
    fn every_type_goes_to_protobuf_and_back() {
        let quota = r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:123","description":"Read requests per minute <= 60","apiService":"sheets.googleapis.com","quotaMetric":"sheets.googleapis.com/read_requests","quotaId":"ReadRequestsPerMinutePerUser","quotaDimensions":{"zone":"b","region":"a"},"quotaValue":"60","futureQuotaValue":"0"}]}"#;
        let any = to_any(&entry(quota)).unwrap();
        let decoded = pb::QuotaFailure::decode(any.value.as_slice()).unwrap();
        let violation = &decoded.violations[0];
        assert_eq!(violation.subject, "project:123");
        assert_eq!(violation.quota_dimensions["region"], "a");
        assert_eq!(violation.quota_value, 60);
        assert_eq!(violation.future_quota_value, Some(0));
        let mut json = Vec::new();
        write_json(&any, &mut json).unwrap();
        assert_eq!(String::from_utf8(json).unwrap(), quota);

        for (json, durations) in [
            (
                r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"}"#,
                Some((1, 500_000_000)),
            ),
            (
                r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"}"#,
                Some((30, 0)),
            ),
            (
                r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"-0.000001s"}"#,
                Some((0, -1000)),
            ),
            (
                r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.000000001s"}"#,
                Some((0, 1)),
            ),
            (
                r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0s"}"#,
                Some((0, 0)),
            ),
        ] {
            let any = to_any(&entry(json)).unwrap();
            let info = pb::RetryInfo::decode(any.value.as_slice()).unwrap();
            let delay = info.retry_delay.unwrap();
            assert_eq!(Some((delay.seconds, delay.nanos)), durations, "{json}");
            let mut again = Vec::new();
            write_json(&any, &mut again).unwrap();
            assert_eq!(String::from_utf8(again).unwrap(), json);
        }

        for json in [
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","domain":"d","metadata":{"z":"1","a":"2"}}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.DebugInfo","stackEntries":["a","","b"],"detail":"d"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.PreconditionFailure","violations":[{"type":"TOS","subject":"google.com/cloud","description":"Terms of service not accepted"}]}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a","description":"b","reason":"C","localizedMessage":{"locale":"fr","message":"m"}}]}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"r","servingData":"s"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"t","resourceName":"n","owner":"o","description":"d"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"a","url":"https://a"},{"url":"https://b"}]}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"m"}"#,
        ] {
            let any = to_any(&entry(json)).unwrap_or_else(|| panic!("{json}"));
            let mut again = Vec::new();
            write_json(&any, &mut again).unwrap();
            assert_eq!(String::from_utf8(again).unwrap(), json);
        }
        // prost's bytes, for a message without a map.
        let any = to_any(&entry(r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"t","resourceName":"n","owner":"o","description":"d"}"#)).unwrap();
        let prost = pb::ResourceInfo {
            resource_type: "t".into(),
            resource_name: "n".into(),
            owner: "o".into(),
            description: "d".into(),
        };
        assert_eq!(any.value, prost.encode_to_vec());
    }

    /// Proto names, `null`, numbers for int64 are read as proto3 JSON says; defaults are not
    /// written again.
    #[test]
    fn proto_names_nulls_and_defaults() {
        let any = to_any(&entry(r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resource_type":"t","owner":null,"description":""}"#)).unwrap();
        let mut json = Vec::new();
        write_json(&any, &mut json).unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"t"}"#
        );
        let any = to_any(&entry(
            r#"{"@type":"x/google.rpc.QuotaFailure","violations":[{"quota_value":7}]}"#,
        ))
        .unwrap();
        let decoded = pb::QuotaFailure::decode(any.value.as_slice()).unwrap();
        assert_eq!(decoded.violations[0].quota_value, 7);
        assert_eq!(any.type_url, "x/google.rpc.QuotaFailure");
    }

    /// What does not fit is not converted: it would lose something.
    #[test]
    fn what_does_not_fit_is_not_converted() {
        for json in [
            r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"s","extra":"x"}]}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaValue":"1.5"}]}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":{"subject":"s"}}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.0000000001s"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"315576000001s"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":".5s"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","owner":1}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"a","resource_type":"b"}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","metadata":{"a":1}}"#,
            r#"{"@type":"type.googleapis.com/google.rpc.DebugInfo","stackEntries":[null]}"#,
            r#"{"@type":"type.googleapis.com/acme.Custom","a":"b"}"#,
            r#"{"violations":[]}"#,
            r#"["@type"]"#,
        ] {
            assert!(to_any(&entry(json)).is_none(), "{json}");
        }
        // Bytes that are not the message: nothing written.
        let mut out = b"[".to_vec();
        for (type_url, value) in [
            (
                "type.googleapis.com/google.rpc.ResourceInfo",
                vec![0x0a, 0x01, 0xff],
            ),
            (
                "type.googleapis.com/google.rpc.ResourceInfo",
                vec![0x0a, 0x05],
            ),
            (
                "type.googleapis.com/google.rpc.QuotaFailure",
                vec![0x08, 0x01],
            ),
            ("type.googleapis.com/acme.Custom", Vec::new()),
        ] {
            let any = Any {
                type_url: type_url.into(),
                value,
            };
            assert!(write_json(&any, &mut out).is_none());
        }
        assert_eq!(out, b"[");
    }
}
