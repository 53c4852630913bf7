//! Proptest strategies shared by the property tests: strings rich in what JSON must escape,
//! and details made of them.

#![allow(dead_code)] // each test takes what it needs

use apierror::Detail;
use proptest::prelude::*;

/// Strings rich in what JSON must escape: quotes, backslashes, control characters, U+2028,
/// non-BMP characters, plus anything at all.
pub fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just('"'),
                Just('\\'),
                Just('/'),
                Just(':'),
                Just(' '),
                Just('\n'),
                Just('\r'),
                Just('\t'),
                Just('\u{0}'),
                Just('\u{1f}'),
                Just('\u{7f}'),
                Just('\u{2028}'),
                Just('\u{2029}'),
                Just('🦀'),
                Just('é'),
                any::<char>(),
            ],
            0..24
        )
        .prop_map(|chars| chars.into_iter().collect()),
    ]
}

pub fn detail() -> impl Strategy<Value = Detail> {
    (
        proptest::option::of(tricky()),
        tricky(),
        proptest::option::of(tricky()),
        proptest::option::of(tricky()),
        proptest::option::of(tricky()),
    )
        .prop_map(|(field, reason, location, resource, code)| {
            let mut detail = match field {
                Some(field) => Detail::new(field, reason),
                None => Detail::reason_only(reason),
            };
            if let Some(location) = location {
                detail = detail.with_location(location);
            }
            if let Some(resource) = resource {
                detail = detail.with_resource(resource);
            }
            if let Some(code) = code {
                detail = detail.with_code(code);
            }
            detail
        })
}
