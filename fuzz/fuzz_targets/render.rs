//! Rendering with arbitrary strings in every format: the body is valid JSON that holds the
//! same strings, and nothing panics.
#![no_main]

use apierror::{ApiError, Context, Detail, Format};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://example.com/errors/{code}", domain = "example.com")]
enum Fuzzed {
    #[status(422)]
    #[message("before {text} after {number}")]
    #[detail(field = "{field}", reason = "static")]
    #[header("X-Field", "{field}")]
    #[error("fuzzed")]
    Strings {
        text: String,
        number: i64,
        field: String,
        #[details]
        details: Vec<Detail>,
        #[extension("ext")]
        extension: String,
        #[retry_after]
        retry: Option<u32>,
    },
    #[status(503)]
    #[error("{0}")]
    Hidden(String),
}

#[derive(Debug, arbitrary::Arbitrary)]
struct Input {
    text: String,
    number: i64,
    field: String,
    details: Vec<(Option<String>, String, Option<String>)>,
    extension: String,
    retry: Option<u32>,
    request_id: String,
    instance: String,
    hidden: String,
}

fuzz_target!(|input: Input| {
    let details = input
        .details
        .iter()
        .take(8)
        .map(|(field, reason, location)| {
            let detail = match field {
                Some(field) => Detail::new(field.clone(), reason.clone()),
                None => Detail::reason_only(reason.clone()),
            };
            match location {
                Some(location) => detail.with_location(location.clone()),
                None => detail,
            }
        })
        .collect();
    let err = Fuzzed::Strings {
        text: input.text.clone(),
        number: input.number,
        field: input.field.clone(),
        details,
        extension: input.extension.clone(),
        retry: input.retry,
    };
    let ctx = Context::default()
        .with_request_id(input.request_id.clone())
        .with_instance(input.instance.clone());
    let message = format!("before {} after {}", input.text, input.number);
    for format in Format::ALL {
        let response = apierror::to_response(&err, format, &ctx);
        let body: serde_json::Value =
            serde_json::from_slice(response.body()).expect("every body is JSON");
        let text = body.to_string();
        if format != Format::ErrorList && message.len() <= 4096 {
            let expected = serde_json::Value::String(message.clone()).to_string();
            assert!(text.contains(&expected), "{format} lost the message");
        }
        let extension = serde_json::Value::String(input.extension.clone()).to_string();
        assert!(text.contains(&extension), "{format} lost the extension");

        // A 5xx's Display text never reaches the response.
        let hidden = Fuzzed::Hidden(format!("SECRET{}", input.hidden));
        let response = apierror::to_response(&hidden, format, &ctx);
        assert!(!String::from_utf8_lossy(response.body()).contains("SECRET"));
    }
});
