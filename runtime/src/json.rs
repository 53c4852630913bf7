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
/// Inlined for its fast path, a string with nothing to escape (field names, reasons, codes):
/// eight bytes at a time, each word tested at once (see [`escape_mask`]) and appended with one
/// 8-byte store; the last word overlaps the one before it, whose bytes were appended as they
/// are, so the length is set back to where it starts. A string shorter than 8 bytes is read
/// into one padded word ([`tail_word`]). No `memcpy` call, no byte loop. A string with a byte
/// to escape continues out of line from the word that has it ([`escape_from`]).
#[inline]
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let base = out.len();
    let Some(last) = bytes.len().checked_sub(8) else {
        let word = tail_word(bytes);
        if escape_mask(u64::from_le_bytes(word)) == 0 {
            push_prefix(out, word, bytes.len());
        } else {
            escape_from(out, bytes, base, 0);
        }
        return;
    };
    let mut offset = 0;
    loop {
        let start = offset.min(last);
        let word = word_at(bytes, start);
        if escape_mask(u64::from_le_bytes(word)) != 0 {
            return escape_from(out, bytes, base, start);
        }
        // A no-op but for the last word, which overlaps bytes appended already.
        out.truncate(base + start);
        out.extend_from_slice(&word);
        if start == last {
            return;
        }
        offset += 8;
    }
}

/// [`escape_into`] from `bytes[start..]`, the bytes before `start` being plain and appended
/// from `out[base..]` on (and maybe some after it, which are cut off).
#[inline(never)]
fn escape_from(out: &mut Vec<u8>, bytes: &[u8], base: usize, start: usize) {
    out.truncate(base + start);
    let mut rest = bytes.get(start..).unwrap_or_default();
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        let mask = escape_mask(u64::from_le_bytes(*chunk));
        if mask == 0 {
            out.extend_from_slice(chunk);
            rest = tail;
        } else {
            rest = escape_at(out, rest, *chunk, mask);
        }
    }
    while !rest.is_empty() {
        let word = tail_word(rest);
        let mask = escape_mask(u64::from_le_bytes(word));
        if mask == 0 {
            push_prefix(out, word, rest.len());
            return;
        }
        rest = escape_at(out, rest, word, mask);
    }
}

/// Appends the plain bytes of `word` (the first bytes of `rest`) before its first byte to
/// escape, flagged in `mask`, then that byte escaped; returns what follows it.
#[inline]
fn escape_at<'r>(out: &mut Vec<u8>, rest: &'r [u8], word: [u8; 8], mask: u64) -> &'r [u8] {
    // Little-endian: the lowest flagged byte is the first to escape (exact, see
    // `escape_mask`), and it is one of `rest`'s (padding is plain).
    let at = (mask.trailing_zeros() / 8) as usize;
    push_prefix(out, word, at);
    match rest.get(at..).and_then(<[u8]>::split_first) {
        Some((&byte, tail)) => {
            push_escape(out, byte);
            tail
        }
        None => &[],
    }
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

/// The first bytes of `bytes` (at most 8; all of them when fewer) as a little-endian word,
/// the bytes past them filled with spaces (which need no escape). Two overlapping loads
/// instead of a loop: the bytes where they overlap are the same.
#[inline(always)]
fn tail_word(bytes: &[u8]) -> [u8; 8] {
    const SPACES: u64 = ONES * 0x20;
    let len = bytes.len().min(8);
    let word = if let (Some(low), Some(high)) = (
        bytes.first_chunk::<4>(),
        bytes.get(..len).and_then(<[u8]>::last_chunk::<4>),
    ) {
        u64::from(u32::from_le_bytes(*low))
            | u64::from(u32::from_le_bytes(*high)) << (8 * (len - 4))
    } else if let (Some(low), Some(high)) = (
        bytes.first_chunk::<2>(),
        bytes.get(..len).and_then(<[u8]>::last_chunk::<2>),
    ) {
        u64::from(u16::from_le_bytes(*low))
            | u64::from(u16::from_le_bytes(*high)) << (8 * (len - 2))
    } else {
        bytes.first().map_or(0, |&byte| u64::from(byte))
    };
    let padding = SPACES.checked_shl(8 * len as u32).unwrap_or(0);
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
