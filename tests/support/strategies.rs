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

/// A detail's field: any string, or a field path as DESIGN.md's "Field paths" writes one, a
/// name then a bracketed key (a JSON string, whatever it holds: `": "`, whitespace, U+2028)
/// or index, then maybe a dotted name: `labels["a: b"].x`, `items[3]`.
pub fn field() -> impl Strategy<Value = String> {
    let name = "[a-z_][a-zA-Z0-9_]{0,8}";
    let bracketed = prop_oneof![
        tricky().prop_map(|key| format!("[{}]", serde_json::to_string(&key).unwrap())),
        any::<u32>().prop_map(|index| format!("[{index}]")),
    ];
    prop_oneof![
        tricky(),
        (name, bracketed, proptest::option::of(name)).prop_map(|(name, bracketed, tail)| {
            match tail {
                Some(tail) => format!("{name}{bracketed}.{tail}"),
                None => format!("{name}{bracketed}"),
            }
        }),
    ]
}

pub fn detail() -> impl Strategy<Value = Detail> {
    (
        proptest::option::of(field()),
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
