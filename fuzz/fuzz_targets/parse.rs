//! The client parser on arbitrary bytes: never panics, and whatever it reads renders again.
#![no_main]

use apierror::{ApiError, Context, RemoteError};
use http::{HeaderMap, HeaderValue, StatusCode};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [&str; 4] = [
    "application/json",
    "application/problem+json",
    "text/html",
    "application/json; charset=utf-8",
];

fuzz_target!(|data: &[u8]| {
    let [status_byte, type_byte, rest @ ..] = data else {
        return;
    };
    let status = StatusCode::from_u16(400 + u16::from(*status_byte) % 200)
        .unwrap_or(StatusCode::BAD_REQUEST);
    let mut headers = HeaderMap::new();
    let content_type = CONTENT_TYPES[usize::from(*type_byte) % CONTENT_TYPES.len()];
    headers.insert("content-type", HeaderValue::from_static(content_type));
    match RemoteError::parse(status, &headers, rest) {
        Ok(remote) => {
            let format = remote.format();
            let again = apierror::to_json(&remote, format, &Context::default());
            let _: serde_json::Value = serde_json::from_slice(&again).expect("re-rendered JSON");
        }
        Err(error) => {
            let fallback = error.into_fallback();
            assert_eq!(fallback.status(), status);
            assert!(fallback.message().len() <= 512);
        }
    }
});
