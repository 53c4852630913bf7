//! Request ids: the [`HEADER`] they travel in, the rule a supplied one must meet to be echoed
//! ([`is_valid`]), and the generator of fresh ones ([`new`]): `req-` plus a UUID v4 when none is
//! supplied; a supplied one only when it is safe to echo into a header, a body and a log line.
//!
//! The axum and actix-web integrations resolve each request's id this way; their `RequestId`
//! extractors hand it to handlers.

use http::HeaderName;
use std::fmt;

/// The name of the request-id header, as text (for actix-web's `http` 0.2 types).
pub(crate) const HEADER_NAME: &str = "x-request-id";

/// The `x-request-id` header: read from a request, set on every response the integrations
/// answer, and the first header a client reads an id from.
pub const HEADER: HeaderName = HeaderName::from_static(HEADER_NAME);

/// The longest request id accepted from outside.
pub const MAX_LEN: usize = 128;

/// Whether `id` may be used as a request id: 1..=128 characters of `[A-Za-z0-9._-]`.
///
/// Anything else (CR/LF, spaces, non-ASCII, 10 KB of junk) is replaced by a fresh id, never
/// echoed, so a client cannot inject headers or log lines through it.
///
/// ```
/// use apierror::request_id;
///
/// assert!(request_id::is_valid("req-1"));
/// assert!(!request_id::is_valid("a\r\nSet-Cookie: x"));
/// assert!(!request_id::is_valid(""));
/// ```
pub fn is_valid(id: &str) -> bool {
    is_valid_id_bytes(id.as_bytes())
}

/// [`is_valid`] of a header value's bytes (a valid id is ASCII, so no UTF-8 check first).
pub(crate) fn is_valid_id_bytes(bytes: &[u8]) -> bool {
    if !(1..=MAX_LEN).contains(&bytes.len()) {
        return false;
    }
    // Every response checks its id, so this is on the request path: 16 bytes at a time,
    // without branches, which the compiler turns into vector compares. The last chunk
    // overlaps the one before it rather than being copied out.
    match bytes.len().checked_sub(16) {
        Some(last) => {
            let mut valid = true;
            let mut chunks = bytes.chunks_exact(16);
            for chunk in &mut chunks {
                valid &= chunk_is_valid(chunk);
            }
            if !chunks.remainder().is_empty() {
                valid &= chunk_is_valid(bytes.get(last..).unwrap_or_default());
            }
            valid
        }
        None => {
            let mut padded = [b'a'; 16];
            for (to, &from) in padded.iter_mut().zip(bytes) {
                *to = from;
            }
            chunk_is_valid(&padded)
        }
    }
}

/// Whether all 16 bytes are `[A-Za-z0-9._-]`. Out of line, so the compiler vectorizes within
/// one chunk (a handful of SSE2 instructions) rather than across chunks.
#[inline(never)]
fn chunk_is_valid(chunk: &[u8]) -> bool {
    let Ok(chunk) = <&[u8; 16]>::try_from(chunk) else {
        return false;
    };
    chunk.iter().fold(true, |all, &b| {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        all & (letter | digit | (b == b'.') | (b == b'_') | (b == b'-'))
    })
}

/// A fresh request id: `req-` and a lowercase hyphenated UUID v4.
///
/// ```
/// let id = apierror::request_id::new();
/// assert!(id.starts_with("req-") && id.len() == 40);
/// ```
pub fn new() -> String {
    ResolvedId::generate().as_str().to_owned()
}

const GENERATED_LEN: usize = 40;

/// A fresh id's text, `req-` and a lowercase hyphenated UUID v4, in a 40-byte array (no
/// allocation): the integrations share it between the request's and the response's header.
pub(crate) fn generated() -> [u8; GENERATED_LEN] {
    let mut bytes = [0u8; GENERATED_LEN];
    let (prefix, uuid) = bytes.split_at_mut(4);
    prefix.copy_from_slice(b"req-");
    uuid::Uuid::new_v4().hyphenated().encode_lower(uuid);
    bytes
}

/// The request id of one response: the supplied one when valid, else a generated one kept
/// inline (no allocation). Not the integrations' public `RequestId` extractor, which holds
/// the id a request was resolved to for its handlers.
pub(crate) enum ResolvedId<'a> {
    Supplied(&'a str),
    Generated([u8; GENERATED_LEN]),
}

impl<'a> ResolvedId<'a> {
    pub(crate) fn resolve(supplied: Option<&'a str>) -> Self {
        match supplied {
            Some(id) if is_valid(id) => ResolvedId::Supplied(id),
            _ => ResolvedId::generate(),
        }
    }

    fn generate() -> Self {
        ResolvedId::Generated(generated())
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            ResolvedId::Supplied(id) => id,
            // Always ASCII: a prefix and a hyphenated UUID.
            ResolvedId::Generated(bytes) => std::str::from_utf8(bytes).unwrap_or("req-"),
        }
    }
}

impl fmt::Debug for ResolvedId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        let long = "a".repeat(MAX_LEN);
        for valid in ["a", "req-1", "A.b_c-9", long.as_str()] {
            assert!(is_valid(valid), "{valid}");
        }
        let too_long = "a".repeat(MAX_LEN + 1);
        for invalid in [
            "",
            too_long.as_str(),
            "a b",
            "a\r\nb",
            "a\0b",
            "é",
            "a/b",
            "a\"b",
        ] {
            assert!(!is_valid(invalid), "{invalid:?}");
        }
    }

    #[test]
    fn every_byte_at_every_position_is_classified_as_the_rule_says() {
        for len in [1, 7, 8, 9, 15, 16, 17, 36, 40, 127, 128] {
            for position in 0..len {
                for byte in 0..=u8::MAX {
                    let mut id = vec![b'a'; len];
                    id[position] = byte;
                    let expected = byte.is_ascii_alphanumeric() || b".-_".contains(&byte);
                    assert_eq!(is_valid_id_bytes(&id), expected, "{id:?}");
                }
            }
        }
        // Multi-byte characters, in words and in the remainder.
        for id in ["é", "aaaaaaaé", "aaaaaaaaé", "req-\u{2028}-1", "🦀🦀🦀🦀"] {
            assert!(!is_valid(id), "{id:?}");
        }
    }

    #[test]
    fn generated_ids_are_req_uuid_v4() {
        let id = new();
        let uuid = id.strip_prefix("req-").unwrap();
        let parsed = uuid::Uuid::parse_str(uuid).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(uuid, parsed.hyphenated().to_string());
        assert_ne!(new(), new());
        assert!(is_valid(&id));
    }

    #[test]
    fn supplied_ids_are_used_only_when_valid() {
        assert_eq!(ResolvedId::resolve(Some("req-1")).as_str(), "req-1");
        let replaced = ResolvedId::resolve(Some("bad\nid"));
        assert!(replaced.as_str().starts_with("req-"));
        assert_eq!(replaced.as_str().len(), 40);
        assert!(ResolvedId::resolve(None).as_str().starts_with("req-"));
    }
}
