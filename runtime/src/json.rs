//! JSON string output that matches `serde_json` byte for byte: escaping, and the strings, keys
//! and numbers the body writers append.
//!
//! Bodies are written straight into one buffer: static pieces arrive already escaped (the derive
//! escapes them at compile time with the same rules), run-time values are escaped here. Filling
//! in a message is [`message`](crate::message)'s.

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
///
/// Inlined for its fast path, a string of at most 16 bytes with nothing to escape (field
/// names, reasons, codes): read as at most two words, both tested at once (see
/// [`escape_mask`]) and appended with 8-byte stores (the second overlaps the first, so the
/// length is set back before it); a string shorter than 8 bytes is read into one padded word
/// ([`tail_word`]). No `memcpy` call, no loop. Longer strings, and strings with a byte to
/// escape, are written out of line ([`escape_from`]).
#[inline(always)]
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let len = bytes.len();
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        let plain =
            escape_mask(u64::from_le_bytes(*first)) | escape_mask(u64::from_le_bytes(*last));
        if len <= 16 && plain == 0 {
            let end = out.len() + len;
            out.extend_from_slice(first);
            out.truncate(end - 8);
            out.extend_from_slice(last);
            return;
        }
    } else {
        let word = tail_word(bytes);
        if escape_mask(u64::from_le_bytes(word)) == 0 {
            push_prefix(out, word, len);
            return;
        }
    }
    escape_from(out, bytes);
}

/// [`escape_into`]'s general case: runs of plain bytes found eight at a time
/// ([`find_escape`]) and copied in one go, the bytes between them escaped.
#[inline(never)]
fn escape_from(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut rest = bytes;
    while let Some(position) = find_escape(rest) {
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

/// Appends the first `len` (at most 8) bytes of `word`.
#[inline(always)]
fn push_prefix(out: &mut Vec<u8>, word: [u8; 8], len: usize) {
    if out.capacity() - out.len() >= word.len() {
        // One fixed-size store, then the length set back: no `memcpy` call.
        let end = out.len() + len;
        out.extend_from_slice(&word);
        out.truncate(end);
    } else {
        out.extend_from_slice(word.get(..len).unwrap_or(&word));
    }
}

/// The bytes of `bytes` (fewer than 8) as a little-endian word, the bytes past them filled
/// with spaces (which need no escape). Two overlapping loads instead of a loop: the bytes
/// where they overlap are the same.
#[inline(always)]
fn tail_word(bytes: &[u8]) -> [u8; 8] {
    const SPACES: u64 = ONES * 0x20;
    let len = bytes.len();
    let word = if let (Some(low), Some(high)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>())
    {
        u64::from(u32::from_le_bytes(*low))
            | u64::from(u32::from_le_bytes(*high)) << (8 * (len - 4))
    } else if let (Some(low), Some(high)) = (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*low))
            | u64::from(u16::from_le_bytes(*high)) << (8 * (len - 2))
    } else {
        bytes.first().map_or(0, |&byte| u64::from(byte))
    };
    let padding = u32::try_from(8 * len)
        .ok()
        .and_then(|shift| SPACES.checked_shl(shift))
        .unwrap_or(0);
    (word | padding).to_le_bytes()
}

/// How many bytes escaping `s` adds to its length: one for each byte escaped with a letter
/// (`\n`, `\"`), five for each written `\u00xx`.
pub(crate) fn escaped_extra(s: &str) -> usize {
    let mut rest = s.as_bytes();
    let mut extra = 0;
    while let Some(position) = find_escape(rest) {
        let Some((&byte, tail)) = rest.get(position..).and_then(<[u8]>::split_first) else {
            break;
        };
        extra += if escape_letter(byte) == U { 5 } else { 1 };
        rest = tail;
    }
    extra
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The position of the first byte of `bytes` that needs an escape.
///
/// Eight bytes at a time: for each byte of a word, the high bit of [`escape_mask`] says
/// whether it needs an escape, so one test covers eight plain bytes. The last word overlaps
/// the one before it (whose bytes are plain, or the search would have stopped there).
#[inline]
fn find_escape(bytes: &[u8]) -> Option<usize> {
    let Some(last) = bytes.len().checked_sub(8) else {
        return bytes.iter().position(|&b| needs_escape(b));
    };
    let mut offset = 0;
    loop {
        let start = offset.min(last);
        let mask = escape_mask(u64::from_le_bytes(word_at(bytes, start)));
        if mask != 0 {
            // Little-endian: the lowest set bit belongs to the first flagged byte.
            return Some(start + (mask.trailing_zeros() / 8) as usize);
        }
        if start == last {
            return None;
        }
        offset += 8;
    }
}

/// The eight bytes at `start` (`start + 8 <= bytes.len()`; zeros, which are escaped, if not).
#[inline(always)]
fn word_at(bytes: &[u8], start: usize) -> [u8; 8] {
    bytes
        .get(start..)
        .and_then(<[u8]>::first_chunk::<8>)
        .copied()
        .unwrap_or([0; 8])
}

/// High bit set in each byte of `word` that is a control character, a quote or a backslash.
///
/// The classic "has a byte less than n" test: `(x - 0x01..01 * n) & !x & 0x80..80` sets the
/// high bit of every byte below `n` (which must be at most 128); a borrow can also flag a
/// byte above one that was rightly flagged, never one below it, so the lowest flagged byte is
/// exact. Equality with a quote or a backslash is "less than 1" after an XOR.
#[inline]
fn escape_mask(word: u64) -> u64 {
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | quote | backslash) & HIGH_BITS
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

/// Appends `escaped`, the inside of a JSON string already escaped (by the derive, or text
/// that needs no escaping), as a complete JSON string, quotes included.
#[inline]
pub(crate) fn push_escaped_string(out: &mut Vec<u8>, escaped: &str) {
    out.push(b'"');
    out.extend_from_slice(escaped.as_bytes());
    out.push(b'"');
}

/// Whether `s` is its own JSON-escaped form.
pub(crate) fn needs_no_escaping(s: &str) -> bool {
    find_escape(s.as_bytes()).is_none()
}

/// [`needs_no_escaping`] for compile time (the derive's static text), byte by byte.
#[allow(clippy::indexing_slicing)] // `ESCAPE` has 256 entries; evaluated at compile time
pub(crate) const fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if ESCAPE[bytes[index] as usize] != 0 {
            return false;
        }
        index += 1;
    }
    true
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    fn find_escape_finds_the_first_byte_at_every_position() {
        for len in 0..40 {
            // Every byte value at every position, after plain bytes and before bytes that
            // need escaping (which must not be found first).
            for position in 0..len {
                for byte in 0..=u8::MAX {
                    let mut bytes = vec![b'a'; len];
                    bytes[position] = byte;
                    for after in bytes.iter_mut().skip(position + 1).step_by(3) {
                        *after = b'"';
                    }
                    let expected = bytes.iter().position(|&b| needs_escape(b));
                    assert_eq!(find_escape(&bytes), expected, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn matches_serde_json_for_mixed_text() {
        let samples = [
            "a\u{0}b\u{1f}c\"d\\e\u{7f}f\u{80}g\u{ff}",
            "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}",
            "0123456789abcdef\"0123456789abcdef\\",
            "ÿþýüûúùø\u{7}ÿþýüûúùø",
            "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}",
        ];
        for sample in samples {
            assert_eq!(escaped(sample), serde_json::to_string(sample).unwrap());
        }
    }

    /// Strings of 0 to 64 characters around the 8- and 16-byte words: every control byte,
    /// quotes, backslashes, DEL, two-, three- and four-byte characters, plain ASCII, and any
    /// character at all.
    fn tricky_string() -> impl Strategy<Value = String> {
        let char = prop_oneof![
            4 => prop::char::range('a', 'z'),
            2 => prop::char::range('\u{0}', '\u{1f}'),
            1 => Just('"'),
            1 => Just('\\'),
            1 => Just('\u{7f}'),
            1 => Just('é'),
            1 => Just('\u{2028}'),
            1 => Just('🦀'),
            1 => any::<char>(),
        ];
        prop::collection::vec(char, 0..64).prop_map(String::from_iter)
    }

    proptest! {
        /// `escape_into` writes what serde_json writes, whatever the buffer holds before and
        /// however much room it has: exactly the room the escaped string needs (the 8-byte
        /// stores must not make it grow), or more.
        #[test]
        fn escaping_matches_serde_json(
            s in tricky_string(),
            prefix in 0usize..24,
            slack in prop_oneof![Just(0usize), 0usize..16],
        ) {
            let expected = serde_json::to_string(&s).unwrap();
            let inner = &expected[1..expected.len() - 1];
            let mut out = Vec::with_capacity(prefix + inner.len() + slack);
            out.resize(prefix, b'x');
            let capacity = out.capacity();
            escape_into(&mut out, &s);
            prop_assert!(out[..prefix].iter().all(|&byte| byte == b'x'));
            prop_assert_eq!(std::str::from_utf8(&out[prefix..]).unwrap(), inner);
            prop_assert_eq!(out.capacity(), capacity, "the buffer grew");
            prop_assert_eq!(escaped_extra(&s), inner.len() - s.len());
            prop_assert_eq!(needs_no_escaping(&s), inner.len() == s.len());
        }
    }

    #[test]
    fn escaped_extra_is_what_escaping_adds() {
        let mut samples: Vec<String> = (0u8..=127)
            .map(|byte| char::from(byte).to_string())
            .collect();
        samples.extend(
            [
                "",
                "plain text longer than eight bytes",
                "a\u{0}b\u{1f}c\"d\\e\u{7f}f\u{80}g\u{ff}",
                "0123456789abcdef\"0123456789abcdef\\",
                "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}",
            ]
            .map(String::from),
        );
        for sample in samples {
            let mut out = Vec::new();
            escape_into(&mut out, &sample);
            assert_eq!(
                sample.len() + escaped_extra(&sample),
                out.len(),
                "{sample:?}"
            );
        }
    }
}
