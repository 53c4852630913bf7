//! JSON string output that matches `serde_json` byte for byte.
//!
//! Bodies are written straight into one buffer: static pieces arrive already escaped (the derive
//! escapes them at compile time with the same rules), run-time values are escaped here.

use core::fmt::{self, Write as _};

// What each byte turns into inside a JSON string: 0 = itself, otherwise the escape letter
// (`u` = `\u00xx`). The same table serde_json uses, so the bytes are identical.
const U: u8 = b'u';
#[allow(clippy::indexing_slicing)] // evaluated at compile time
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = U;
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` escaped as the inside of a JSON string (no surrounding quotes).
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut rest = bytes;
    // Copy runs of plain bytes in one go; stop only at bytes that need an escape.
    while let Some(position) = rest.iter().position(|&b| needs_escape(b)) {
        let (plain, tail) = rest.split_at(position);
        out.extend_from_slice(plain);
        let Some((&byte, tail)) = tail.split_first() else {
            break;
        };
        push_escape(out, byte);
        rest = tail;
    }
    out.extend_from_slice(rest);
}

#[inline]
fn needs_escape(byte: u8) -> bool {
    escape_letter(byte) != 0
}

#[inline]
fn escape_letter(byte: u8) -> u8 {
    // `ESCAPE` has 256 entries, so every `u8` is in bounds.
    ESCAPE.get(usize::from(byte)).copied().unwrap_or(0)
}

fn push_escape(out: &mut Vec<u8>, byte: u8) {
    match escape_letter(byte) {
        U => {
            let hi = HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0');
            let lo = HEX.get(usize::from(byte & 0xf)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hi, lo]);
        }
        letter => out.extend_from_slice(&[b'\\', letter]),
    }
}

/// Appends `s` as a complete JSON string, quotes included.
pub(crate) fn push_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

/// Appends `"key":` for a key that is known not to need escaping.
#[inline]
pub(crate) fn push_key(out: &mut Vec<u8>, key: &str) {
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
}

pub(crate) fn push_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Appended to a message cut at the length limit (see [`Limits`](crate::Limits)).
pub const TRUNCATION_MARKER: &str = "… [truncated]";

/// Writes the inside of a JSON string for a public message, at most `limit` bytes of message
/// text (cut at a character boundary, then [`TRUNCATION_MARKER`]).
///
/// Generated code hands it the static parts of a message already escaped and the interpolated
/// values as they are; this type escapes the values.
#[derive(Debug)]
pub struct MessageWriter<'a> {
    out: &'a mut Vec<u8>,
    /// Message bytes (unescaped) that may still be written.
    remaining: usize,
    truncated: bool,
}

impl<'a> MessageWriter<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>, limit: usize) -> Self {
        Self {
            out,
            remaining: limit,
            truncated: false,
        }
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
            self.out.extend_from_slice(escaped.as_bytes());
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
        escape_into(self.out, fitting);
    }

    /// An unsigned integer (digits never need escaping).
    #[inline]
    pub fn push_u64(&mut self, value: u64) {
        self.push_str(itoa::Buffer::new().format(value));
    }

    /// A signed integer.
    #[inline]
    pub fn push_i64(&mut self, value: i64) {
        self.push_str(itoa::Buffer::new().format(value));
    }

    /// An integer of up to 128 bits.
    #[inline]
    pub fn push_i128(&mut self, value: i128) {
        self.push_str(itoa::Buffer::new().format(value));
    }

    /// An unsigned integer of up to 128 bits.
    #[inline]
    pub fn push_u128(&mut self, value: u128) {
        self.push_str(itoa::Buffer::new().format(value));
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

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        push_string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn matches_serde_json_for_every_char_class() {
        let samples = [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "\u{8}\u{c}\n\r\t",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "\u{2028}\u{2029} non-BMP 🦀 é",
            "</script>",
        ];
        for sample in samples {
            assert_eq!(escaped(sample), serde_json::to_string(sample).unwrap());
        }
        for byte in 0u8..=127 {
            let s = char::from(byte).to_string();
            assert_eq!(
                escaped(&s),
                serde_json::to_string(&s).unwrap(),
                "byte {byte}"
            );
        }
    }

    struct Fails;

    impl fmt::Display for Fails {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("partial")?;
            Err(fmt::Error)
        }
    }

    fn message(limit: usize, write: impl FnOnce(&mut MessageWriter<'_>)) -> String {
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
        assert_eq!(message(3, |w| w.push_u64(123_456)), "123… [truncated]");
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
