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

/// A `fmt::Write` that escapes everything written to it into a JSON string.
pub(crate) struct Escaper<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.0, s);
        Ok(())
    }
}

/// Writes the `Display` text of `value` escaped. A `Display` impl that fails leaves nothing
/// behind: whatever it wrote before failing is removed.
pub(crate) fn push_display_escaped<T: fmt::Display + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let mark = out.len();
    if write!(Escaper(out), "{value}").is_err() {
        out.truncate(mark);
    }
}

/// Writes the inside of a JSON string for a public message.
///
/// Generated code hands it the static parts of a message already escaped and the interpolated
/// values as they are; this type escapes the values.
#[derive(Debug)]
pub struct MessageWriter<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> MessageWriter<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>) -> Self {
        Self { out }
    }

    /// A static piece: `escaped` is `raw` already escaped by the derive.
    #[inline]
    pub fn push_static(&mut self, raw: &'static str, escaped: &'static str) {
        let _ = raw;
        self.out.extend_from_slice(escaped.as_bytes());
    }

    /// A run-time string, escaped here.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        escape_into(self.out, s);
    }

    /// An unsigned integer (digits never need escaping).
    #[inline]
    pub fn push_u64(&mut self, value: u64) {
        push_u64(self.out, value);
    }

    /// A signed integer.
    #[inline]
    pub fn push_i64(&mut self, value: i64) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// An integer of up to 128 bits.
    #[inline]
    pub fn push_i128(&mut self, value: i128) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// An unsigned integer of up to 128 bits.
    #[inline]
    pub fn push_u128(&mut self, value: u128) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// Any `Display` value; a failing `Display` leaves nothing behind.
    #[inline]
    pub fn push_display<T: fmt::Display + ?Sized>(&mut self, value: &T) {
        push_display_escaped(self.out, value);
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

    #[test]
    fn failing_display_leaves_nothing() {
        struct Fails;
        impl fmt::Display for Fails {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("partial")?;
                Err(fmt::Error)
            }
        }
        let mut out = b"before ".to_vec();
        push_display_escaped(&mut out, &Fails);
        assert_eq!(out, b"before ");
    }
}
