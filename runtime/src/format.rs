//! Choosing an envelope: the [`Format`] that names one, `Accept` negotiation, and
//! [`UnknownFormat`], the error of parsing a name that is none.
//!
//! An *envelope* is the JSON shape of an error body; a `Format` is the value that selects one.
//! What each envelope is (its name, content type, body and schema) lives with the envelope
//! itself, inside the crate, which also implements [`Format::as_str`],
//! [`Format::content_type`], `Display`, `FromStr` and serde's `Serialize`/`Deserialize` (by
//! name, so a service can read its format from a configuration file).

use std::fmt;

/// Names the envelope of an error body: the JSON shape it is written in.
///
/// Each envelope is byte-for-byte fixed: member order as shown, members without a value
/// omitted (empty arrays and objects too), compact JSON, strings escaped as serde_json escapes
/// them. Every content type is exactly the one given, without a charset.
///
/// ```
/// use apierror::Format;
///
/// let format: Format = "problem".parse()?;
/// assert_eq!(format, Format::Problem);
/// assert_eq!(format.as_str(), "problem");
/// assert_eq!(format.content_type(), "application/problem+json");
/// assert_eq!(Format::default(), Format::Flat);
/// assert!("xml".parse::<Format>().is_err());
/// # Ok::<(), apierror::format::UnknownFormat>(())
/// ```
///
/// It serializes as that name, so a service can read it from its configuration:
///
/// ```
/// use apierror::Format;
///
/// #[derive(serde::Deserialize)]
/// struct Config {
///     error_format: Format,
/// }
///
/// let config: Config = serde_json::from_str(r#"{"error_format":"error_list"}"#)?;
/// assert_eq!(config.error_format, Format::ErrorList);
/// assert_eq!(serde_json::to_string(&Format::Problem)?, r#""problem""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// `application/json`:
    /// `{"code":"TASK_NOT_FOUND","message":"...","details":[{"field","reason","location"}],"requestId":"req-..."}`
    /// then extension members. `requestId` is always present.
    #[default]
    Flat,
    /// `application/json`:
    /// `{"error":{"code":"TASK_NOT_FOUND","message":"...","details":{...extension members...,"fields":[{"field","reason","location","resource","code"}]}}}`.
    Nested,
    /// `application/json`: `{"errors":[{"message":"...","help":"...","phrase":"..."}]}` then
    /// extension members; one entry per detail (`"field: reason"`), else one with the message.
    ErrorList,
    /// `application/problem+json`, RFC 9457 problem details (§3.1 members, then §3.2
    /// extensions): `{"type","title","status","detail","instance","code","errors":[...]}`.
    Problem,
    /// `application/json`, Google AIP-193:
    /// `{"error":{"code":404,"message":"...","status":"NOT_FOUND","details":[ErrorInfo, BadRequest, RetryInfo, Help, ...]}}`.
    Google,
    /// `application/json`: `{"code":404,"message":"...","cause":"TASK_NOT_FOUND","errors":[{"resource","field","code","message"}]}`:
    /// the numeric status as `code`.
    Simple,
}

impl Format {
    /// Every format, in declaration order.
    pub const ALL: [Format; 6] = [
        Format::Flat,
        Format::Nested,
        Format::ErrorList,
        Format::Problem,
        Format::Google,
        Format::Simple,
    ];

    /// Picks `Problem` when the `Accept` header (RFC 9110 §12.5.1) prefers
    /// `application/problem+json` at least as much as any other JSON range it accepts
    /// (`application/json`, `application/*`, `*/*`; a range with `q=0` is refused); otherwise
    /// `None` (use the type's own format). Other `+json` types (`application/vnd.x+json`) do
    /// not count.
    ///
    /// ```
    /// use apierror::Format;
    ///
    /// assert_eq!(Format::from_accept("application/problem+json"), Some(Format::Problem));
    /// assert_eq!(
    ///     Format::from_accept("application/json, application/problem+json;q=0.5"),
    ///     None
    /// );
    /// assert_eq!(Format::from_accept("*/*"), None);
    /// ```
    pub fn from_accept(accept: &str) -> Option<Format> {
        // Only a range naming `application/problem+json` can choose it: most requests (`*/*`,
        // `application/json`, a browser's list) are answered without parsing their ranges.
        if !names_problem_json(accept.as_bytes()) {
            return None;
        }
        let mut problem: Option<u16> = None;
        let mut other = 0u16;
        for range in accept.split(',') {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or_default().trim();
            let mut quality = 1000;
            for param in parts {
                let Some((name, value)) = param.split_once('=') else {
                    continue;
                };
                if name.trim().eq_ignore_ascii_case("q") {
                    quality = parse_quality(value.trim()).unwrap_or(0);
                }
            }
            if media.eq_ignore_ascii_case("application/problem+json") {
                problem = Some(problem.map_or(quality, |q| q.max(quality)));
            } else if media.eq_ignore_ascii_case("application/json")
                || media.eq_ignore_ascii_case("application/*")
                || media == "*/*"
            {
                other = other.max(quality);
            }
        }
        match problem {
            Some(q) if q > 0 && q >= other => Some(Format::Problem),
            _ => None,
        }
    }
}

/// The error of parsing a name that names no envelope (`"xml".parse::<Format>()`).
///
/// ```
/// use apierror::Format;
///
/// let error = "xml".parse::<Format>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "unknown error format `xml`; expected one of flat, nested, error_list, problem, google, simple"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(String);

impl UnknownFormat {
    pub(crate) fn new(name: &str) -> Self {
        Self(name.to_owned())
    }

    /// The name that was not recognized.
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown error format `{}`; expected one of flat, nested, error_list, problem, google, simple",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

/// An RFC 9110 qvalue in thousandths: `1`, `0.5`, `0.125`.
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0u16, |acc, digit| acc * 10 + u16::from(digit - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// Whether `accept` contains `problem+json` (ASCII case-insensitive), checked at each `+`
/// only: a browser's long `Accept` (`text/html,application/xhtml+xml,...`) is scanned once for
/// `+` rather than compared with the phrase at every offset. Raw bytes, so a request's
/// header values are checked before any UTF-8 validation.
pub(crate) fn names_problem_json(accept: &[u8]) -> bool {
    accept
        .iter()
        .enumerate()
        .filter(|&(_, &byte)| byte == b'+')
        .any(|(plus, _)| {
            let before = plus
                .checked_sub(7)
                .and_then(|start| accept.get(start..plus));
            let after = accept.get(plus + 1..plus + 5);
            before.is_some_and(|word| word.eq_ignore_ascii_case(b"problem"))
                && after.is_some_and(|word| word.eq_ignore_ascii_case(b"json"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_negotiation() {
        let cases = [
            ("application/problem+json", Some(Format::Problem)),
            ("Application/Problem+JSON", Some(Format::Problem)),
            (
                "application/problem+json, application/json",
                Some(Format::Problem),
            ),
            (
                "application/json;q=0.9, application/problem+json",
                Some(Format::Problem),
            ),
            ("application/json, application/problem+json;q=0.9", None),
            (
                "*/*;q=0.1, application/problem+json;q=0.2",
                Some(Format::Problem),
            ),
            ("application/*, application/problem+json;q=0.999", None),
            ("application/problem+json;q=0", None),
            ("application/problem+json;q=1.5", None),
            ("application/problem+json; q=0.5", Some(Format::Problem)),
            (
                "text/html, application/problem+json;q=0.1",
                Some(Format::Problem),
            ),
            ("application/json", None),
            ("", None),
            (",,;;==", None),
            // Case-insensitive, as the ranges are, also in the check that skips parsing.
            ("APPLICATION/PROBLEM+JSON", Some(Format::Problem)),
            (
                "Application/Problem+Json;q=0.5, text/html",
                Some(Format::Problem),
            ),
            ("problem+json", None),
            ("*/*", None),
        ];
        for (accept, expected) in cases {
            assert_eq!(Format::from_accept(accept), expected, "{accept}");
        }
    }

    #[test]
    fn quality_values() {
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("0.125"), Some(125));
        assert_eq!(parse_quality("0"), Some(0));
        assert_eq!(parse_quality("1.5"), None);
        assert_eq!(parse_quality("0.1234"), None);
        assert_eq!(parse_quality("abc"), None);
        assert_eq!(parse_quality("0.-1"), None);
    }

    #[test]
    fn problem_json_is_found_at_each_plus_as_a_scan_at_every_offset_finds_it() {
        let scan = |accept: &[u8]| {
            accept
                .windows(12)
                .any(|window| window.eq_ignore_ascii_case(b"problem+json"))
        };
        let pieces: [&[u8]; 9] = [
            b"problem",
            b"PROBLEM",
            b"+",
            b"json",
            b"JsOn",
            b"+xml",
            b"application/",
            b",",
            b"prob",
        ];
        // Every sequence of up to four pieces, so the phrase appears at every place, cut, cased
        // and next to other `+`s.
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let longer: Vec<Vec<u8>> = inputs
                .iter()
                .flat_map(|start| {
                    pieces
                        .iter()
                        .map(move |piece| [start.as_slice(), piece].concat())
                })
                .collect();
            inputs.extend(longer);
        }
        for input in &inputs {
            assert_eq!(
                names_problem_json(input),
                scan(input),
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
        assert!(names_problem_json(
            b"text/html,application/problem+json;q=0.9"
        ));
        assert!(!names_problem_json(
            b"text/html,application/xhtml+xml,*/*;q=0.8"
        ));
    }
}
