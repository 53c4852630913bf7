//! `Format::from_accept` on arbitrary strings: never panics, and agrees with a plain reading of
//! its documentation (DESIGN.md §4: `Problem` when `application/problem+json` has q > 0 and a q
//! at least the best among `application/json`, `application/*` and `*/*`; otherwise `None`),
//! which is also invariant under reordering the ranges and under ASCII case.
#![no_main]

use apierror::Format;
use libfuzzer_sys::fuzz_target;

/// RFC 9110 qvalue in thousandths; `None` when malformed.
fn qvalue(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    match bytes {
        [b'0'] => Some(0),
        [b'1'] => Some(1000),
        [b'0', b'.', rest @ ..] if rest.len() <= 3 && rest.iter().all(u8::is_ascii_digit) => {
            let mut value = 0u16;
            for (i, digit) in rest.iter().enumerate() {
                value += u16::from(digit - b'0') * [100, 10, 1][i];
            }
            Some(value)
        }
        [b'1', b'.', rest @ ..] if rest.len() <= 3 && rest.iter().all(|&b| b == b'0') => Some(1000),
        _ => None,
    }
}

fn reference(accept: &str) -> Option<Format> {
    let mut problem: Option<u16> = None;
    let mut other = 0u16;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut q = 1000;
        for param in parts {
            if let Some((name, value)) = param.split_once('=')
                && name.trim().eq_ignore_ascii_case("q")
            {
                // A malformed q: the range is refused (what the implementation does too).
                q = qvalue(value.trim()).unwrap_or(0);
            }
        }
        match media.as_str() {
            "application/problem+json" => problem = Some(problem.map_or(q, |p| p.max(q))),
            "application/json" | "application/*" | "*/*" => other = other.max(q),
            _ => {}
        }
    }
    match problem {
        Some(q) if q > 0 && q >= other => Some(Format::Problem),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(accept) = std::str::from_utf8(data) else {
        return;
    };
    let got = Format::from_accept(accept);
    assert!(matches!(got, None | Some(Format::Problem)));
    assert_eq!(got, reference(accept), "from_accept({accept:?})");
    // The order of the ranges does not matter.
    let mut ranges: Vec<&str> = accept.split(',').collect();
    ranges.reverse();
    let reversed = ranges.join(",");
    assert_eq!(Format::from_accept(&reversed), got, "reversed: {reversed:?}");
    // Media types and `q` are case-insensitive.
    let upper = accept.to_ascii_uppercase();
    assert_eq!(Format::from_accept(&upper), got, "upper: {upper:?}");
});
