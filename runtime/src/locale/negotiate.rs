//! Reading `Accept-Language` (RFC 9110, section 12.5.4) into language ranges by preference,
//! with bounded work: a header that is too long, has too many ranges or holds anything but
//! visible ASCII, spaces and tabs is read as no preference at all (the default language).
//!
//! The matching itself (`fr-CA` finds `fr`) is fluent-langneg's. Its own `Accept-Language`
//! parser is not used: it ignores q-values. Nor is the `accept-language` crate: it sorts by an
//! `f32` order that is not total (`q=NaN`), which `sort` may panic on, and keeps `q=0`, which
//! means "not acceptable".

use unic_langid::LanguageIdentifier;

/// The longest `Accept-Language` read, in bytes, all values together; a longer one is
/// malformed and gets the default language.
pub const MAX_HEADER_LEN: usize = 512;

/// The most language ranges read; a header with more is malformed and gets the default
/// language.
pub const MAX_RANGES: usize = 32;

/// The ranges of the `Accept-Language` values `values` (several headers mean the same as one
/// joined with commas), most preferred first (by q-value, then order), without `q=0` ones.
/// `*` stands for each of the `available` languages (the default first) that no other range
/// matches, in its place and with its q-value (RFC 9110: `*` matches the tags no other range
/// matches, so `en;q=0, *` does not bring `en` back but finds another language, while
/// `en-GB;q=0, *` still stands for `en`). A tag with extensions or a private use part
/// (`ja-JP-u-ca-japanese`, `fr-x-a`) is read up to them (`ja-JP`). `None`: malformed (too
/// long, too many ranges, a byte that is not visible ASCII, space or tab), or empty.
pub(crate) fn ranges<'h>(
    values: impl IntoIterator<Item = &'h [u8]>,
    available: &[LanguageIdentifier],
) -> Option<Vec<LanguageIdentifier>> {
    let mut total = 0;
    let mut count = 0;
    let mut parts: Vec<&str> = Vec::new();
    for value in values {
        total += value.len() + 1;
        if total > MAX_HEADER_LEN + 1 {
            return None;
        }
        if !value
            .iter()
            .all(|&byte| byte == b'\t' || (0x20..0x7f).contains(&byte))
        {
            return None;
        }
        count += value.iter().filter(|&&byte| byte == b',').count() + 1;
        if count > MAX_RANGES {
            return None;
        }
        // Visible ASCII, so UTF-8.
        parts.push(std::str::from_utf8(value).ok()?);
    }
    let mut weighted: Vec<(u16, LanguageIdentifier)> = Vec::with_capacity(count);
    let mut star = None;
    // Every range named, refused (`q=0`) or not: `*` stands for none of what they match.
    let mut named: Vec<LanguageIdentifier> = Vec::with_capacity(count);
    for range in parts.iter().flat_map(|value| value.split(',')) {
        let mut pieces = range.split(';');
        let tag = pieces.next().unwrap_or_default().trim();
        if tag.is_empty() {
            continue;
        }
        let Some(q) = quality(pieces) else {
            continue;
        };
        if tag == "*" {
            star = Some((weighted.len(), q));
            continue;
        }
        let Some(language) = language_of(tag) else {
            continue;
        };
        if q != 0 {
            weighted.push((q, language.clone()));
        }
        named.push(language);
    }
    if let Some((at, q)) = star.filter(|&(_, q)| q != 0) {
        // A range matches a language it is a prefix of, as lookup matches (`en` or `en-US`
        // for `en-US`), not merely its language (`en-GB;q=0` leaves `en` to `*`).
        let unnamed = available.iter().filter(|language| {
            !named
                .iter()
                .any(|range| language.matches(range, false, true))
        });
        let at = at.min(weighted.len());
        weighted.splice(at..at, unnamed.map(|language| (q, language.clone())));
    }
    // Stable: equal q-values keep the client's order.
    weighted.sort_by_key(|(q, _)| std::cmp::Reverse(*q));
    let ranges: Vec<LanguageIdentifier> = weighted.into_iter().map(|(_, tag)| tag).collect();
    (!ranges.is_empty()).then_some(ranges)
}

/// The language a range names: its tag, read up to its extensions or private use part (the
/// first single-character subtag), which the matching does not use; `None` when it is no tag.
fn language_of(tag: &str) -> Option<LanguageIdentifier> {
    tag.parse().ok().or_else(|| {
        let end = tag.match_indices('-').map(|(at, _)| at).find(|&at| {
            tag[at + 1..]
                .split('-')
                .next()
                .is_some_and(|subtag| subtag.len() == 1)
        })?;
        tag[..end].parse().ok()
    })
}

/// The q-value of a range's parameters, in thousandths (RFC 9110 `qvalue`: `0`, `0.5`, `1`,
/// `1.000`); 1000 without one; `None` when it is malformed (the range is skipped).
fn quality<'a>(params: impl Iterator<Item = &'a str>) -> Option<u16> {
    let mut q = 1000;
    for param in params {
        let param = param.trim();
        let Some(value) = param
            .strip_prefix("q=")
            .or_else(|| param.strip_prefix("Q="))
        else {
            continue;
        };
        q = parse_qvalue(value.trim())?;
    }
    Some(q)
}

fn parse_qvalue(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (index, byte) in fraction.bytes().enumerate() {
        let scale = [100, 10, 1].get(index).copied().unwrap_or(0);
        thousandths += u16::from(byte - b'0') * scale;
    }
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(header: &str) -> Option<Vec<String>> {
        read_with(header, &["en"])
    }

    /// `available`: the default first.
    fn read_with(header: &str, available: &[&str]) -> Option<Vec<String>> {
        let available: Vec<LanguageIdentifier> =
            available.iter().map(|tag| tag.parse().unwrap()).collect();
        ranges([header.as_bytes()], &available)
            .map(|ranges| ranges.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn ranges_are_ordered_by_q_then_position() {
        assert_eq!(
            read("de;q=0.5, fr-CA, en;q=0.9, it;q=0.9").unwrap(),
            ["fr-CA", "en", "it", "de"]
        );
        assert_eq!(read("fr;q=0, de").unwrap(), ["de"]);
        assert_eq!(read("*;q=0.1, fr").unwrap(), ["fr", "en"]);
        // `*` does not stand for a language another range names (refused or not).
        assert_eq!(read("en;q=0, fr;q=0.5, *").unwrap(), ["fr"]);
        assert_eq!(read("en-GB;q=0.2, *").unwrap(), ["en", "en-GB"]);
        assert_eq!(read("en-GB;q=0, fr;q=0.5, *").unwrap(), ["en", "fr"]);
        assert_eq!(read("*, fr;q=0.5").unwrap(), ["en", "fr"]);
        // Extensions and private use parts are read past.
        assert_eq!(
            read("ja-JP-u-ca-japanese, fr-x-private;q=0.5").unwrap(),
            ["ja-JP", "fr"]
        );
        assert_eq!(read("fr;Q=0.5;x=y, de;q=0.6").unwrap(), ["de", "fr"]);
    }

    #[test]
    fn a_star_stands_for_every_language_no_other_range_matches() {
        let available = ["en", "fr", "de-DE", "pt-BR"];
        // `en` refused: `*` finds the others, in the order they were loaded.
        assert_eq!(
            read_with("en;q=0, *", &available).unwrap(),
            ["fr", "de-DE", "pt-BR"]
        );
        // In its place by q-value; a language named (even refused) is not one of `*`'s.
        assert_eq!(
            read_with("ja, *;q=0.5, fr;q=0, de;q=0.8", &available).unwrap(),
            ["ja", "de", "en", "pt-BR"]
        );
        // A range is a prefix of what it matches: `de` names `de-DE`, `pt-PT` not `pt-BR`.
        assert_eq!(
            read_with("de;q=0, pt-PT;q=0, *", &available).unwrap(),
            ["en", "fr", "pt-BR"]
        );
        assert_eq!(read_with("*;q=0, fr", &available).unwrap(), ["fr"]);
    }

    #[test]
    fn malformed_ranges_are_skipped() {
        assert_eq!(
            read("fr;q=2, de;q=NaN, es;q=0.1234, it;q=-1, x y z, pt;q=1.0").unwrap(),
            ["pt"]
        );
        assert_eq!(read(""), None);
        assert_eq!(read(" , ;q=1"), None);
    }

    #[test]
    fn malformed_headers_are_no_preference() {
        assert_eq!(read(&"fr,".repeat(3_400)), None, "10 KB");
        assert_eq!(read(&vec!["fr"; 1_000].join(",")), None, "1,000 ranges");
        assert_eq!(read(&vec!["fr"; MAX_RANGES + 1].join(",")), None);
        assert!(read(&vec!["fr"; MAX_RANGES].join(",")).is_some());
        assert_eq!(read("fr\r\nx-injected: 1"), None, "control characters");
        assert_eq!(read("fr\u{0}"), None);
        assert_eq!(read("fré"), None, "non-ASCII");
        // Several values count together.
        let default: [LanguageIdentifier; 1] = ["en".parse().unwrap()];
        let half = "a".repeat(MAX_HEADER_LEN / 2);
        assert!(ranges([half.as_bytes(), half.as_bytes()], &default).is_none());
        assert_eq!(
            ranges([b"fr;q=0.5".as_slice(), b"de".as_slice()], &default)
                .unwrap()
                .len(),
            2
        );
    }
}
