//! Properties that hold for every input: each format's body is valid JSON holding exactly the
//! strings it was given, and 5xx internals never appear in a response.

use apierror::{ApiError, Context, Detail, Format};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://example.com/errors/{code}", domain = "example.com")]
enum Arbitrary {
    #[status(422)]
    #[message("before {text} after")]
    #[detail(field = "{field}", reason = "static reason")]
    #[error("arbitrary")]
    Strings {
        text: String,
        field: String,
        #[details]
        details: Vec<Detail>,
        #[extension("ext")]
        extension: String,
        #[extension("nested")]
        nested: Vec<String>,
    },
    #[status(400)]
    #[error("{0}")]
    Displayed(String),
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Internal {
    #[status(500)]
    #[error("{0}")]
    Failed(String, #[source] std::io::Error),
    #[status(503)]
    #[error("unavailable: {reason}")]
    Unavailable { reason: String },
    #[status(502)]
    #[message("Upstream failed")]
    #[error("upstream said {0}")]
    Upstream(String),
}

#[path = "support/strategies.rs"]
mod strategies;

use strategies::{detail, tricky};

fn message_of(body: &Value, format: Format) -> Option<&str> {
    match format {
        Format::Flat | Format::Simple => body["message"].as_str(),
        Format::Nested | Format::Google => body["error"]["message"].as_str(),
        Format::Problem => body["detail"].as_str(),
        Format::ErrorList => body["errors"][0]["message"].as_str(),
        other => panic!("unknown format {other}"),
    }
}

/// Every string value anywhere in a JSON document.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
        Value::Object(map) => map.values().for_each(|item| strings(item, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_format_is_valid_json_holding_the_same_strings(
        text in tricky(),
        field in tricky(),
        details in proptest::collection::vec(detail(), 0..4),
        extension in tricky(),
        nested in proptest::collection::vec(tricky(), 0..3),
        request_id in "[A-Za-z0-9._-]{1,128}",
        instance in tricky(),
    ) {
        let err = Arbitrary::Strings {
            text: text.clone(),
            field: field.clone(),
            details: details.clone(),
            extension: extension.clone(),
            nested: nested.clone(),
        };
        let ctx = Context::default()
            .with_request_id(request_id.clone())
            .with_instance(instance.clone());
        let message = format!("before {text} after");
        for format in Format::ALL {
            let bytes = apierror::to_json(&err, format, &ctx);
            let body: Value = serde_json::from_slice(&bytes)
                .map_err(|e| TestCaseError::fail(format!("{format}: {e}: {}", String::from_utf8_lossy(&bytes))))?;
            let mut found = Vec::new();
            strings(&body, &mut found);
            if format != Format::ErrorList {
                prop_assert_eq!(message_of(&body, format), Some(message.as_str()), "{}", format);
            }
            for detail in &details {
                // The reason as a whole string (ErrorList: after its field and ": ").
                let reason = detail.reason.as_ref();
                let listed = detail.field.as_ref().map(|field| format!("{field}: {reason}"));
                prop_assert!(
                    found.iter().any(|s| s == reason || Some(s) == listed.as_ref()),
                    "{} lost a reason", format
                );
            }
            let ext = Value::String(extension.clone());
            match format {
                Format::Flat | Format::ErrorList | Format::Problem | Format::Simple => {
                    prop_assert_eq!(&body["ext"], &ext);
                    prop_assert_eq!(&body["nested"], &serde_json::json!(nested));
                }
                Format::Nested => prop_assert_eq!(&body["error"]["details"]["ext"], &ext),
                Format::Google => prop_assert_eq!(&body["error"]["details"][0]["metadata"]["ext"], &ext),
                other => panic!("unknown format {other}"),
            }
            if format == Format::Flat {
                prop_assert_eq!(body["requestId"].as_str(), Some(request_id.as_str()));
            }
            if format == Format::Problem {
                prop_assert_eq!(body["instance"].as_str(), Some(instance.as_str()));
            }
            // As long as serde_json's text of the same document (member order aside).
            prop_assert_eq!(serde_json::to_vec(&body).unwrap().len(), bytes.len());
        }
        // Flat byte for byte: every value as serde_json writes it, in the documented order.
        let json = |value: &str| serde_json::to_string(value).unwrap();
        let listed = std::iter::once(Detail::new(field.clone(), "static reason")).chain(details.iter().cloned());
        let details_json: Vec<String> = listed
            .map(|detail| {
                let mut members = Vec::new();
                if let Some(field) = &detail.field {
                    members.push(format!("\"field\":{}", json(field)));
                }
                members.push(format!("\"reason\":{}", json(&detail.reason)));
                if let Some(location) = &detail.location {
                    members.push(format!("\"location\":{}", json(location)));
                }
                format!("{{{}}}", members.join(","))
            })
            .collect();
        let expected = format!(
            "{{\"code\":\"STRINGS\",\"message\":{},\"details\":[{}],\"requestId\":{},\"ext\":{},\"nested\":{}}}",
            json(&message),
            details_json.join(","),
            json(&request_id),
            json(&extension),
            serde_json::to_string(&nested).unwrap(),
        );
        let flat = apierror::to_json(&err, Format::Flat, &ctx);
        prop_assert_eq!(String::from_utf8(flat).unwrap(), expected);
    }

    #[test]
    fn display_text_of_a_4xx_is_escaped_like_any_value(text in tricky()) {
        let err = Arbitrary::Displayed(text.clone());
        for format in Format::ALL {
            let body: Value = serde_json::from_slice(&apierror::to_json(&err, format, &Context::default())).unwrap();
            prop_assert_eq!(message_of(&body, format), Some(text.as_str()));
        }
    }

    #[test]
    fn five_hundreds_never_leak(secret in "[a-zA-Z0-9 ]{0,20}", format_index in 0usize..6) {
        let format = Format::ALL[format_index];
        let marker = format!("SECRET-{secret}");
        let errors = [
            Internal::Failed(marker.clone(), std::io::Error::other(marker.clone())),
            Internal::Unavailable { reason: marker.clone() },
            Internal::Upstream(marker.clone()),
        ];
        for err in &errors {
            let response = apierror::to_response(err, format, &Context::default());
            prop_assert!(response.status().is_server_error());
            let body = String::from_utf8_lossy(response.body());
            prop_assert!(!body.contains("SECRET"), "{}", body);
            for (name, value) in response.headers() {
                prop_assert!(!value.as_bytes().windows(6).any(|w| w == b"SECRET"), "{}", name);
            }
        }
    }
}
