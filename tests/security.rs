//! The guarantees of README's "Security" section that are not tested elsewhere: bounded
//! output and hostile values. Each test names the guarantee it shows.

use apierror::message::TRUNCATION_MARKER;
use apierror::{ApiError, Context, Detail, Format, Limits};
use serde_json::Value;

#[derive(Debug, thiserror::Error, ApiError)]
enum Big {
    #[status(422)]
    #[message("{text}")]
    #[error("big")]
    Message { text: String },
    #[status(422)]
    #[message("static prefix, then {text}")]
    #[error("big")]
    Details {
        text: String,
        #[details]
        details: Vec<Detail>,
    },
}

fn message_of(body: &Value, format: Format) -> String {
    let message = match format {
        Format::Flat | Format::Simple => &body["message"],
        Format::Nested | Format::Google => &body["error"]["message"],
        Format::Problem => &body["detail"],
        _ => &body["errors"][0]["message"],
    };
    message.as_str().unwrap().to_owned()
}

fn render(err: &dyn ApiError, format: Format, ctx: &Context) -> Value {
    serde_json::from_slice(&apierror::to_json(err, format, ctx)).unwrap()
}

#[test]
fn messages_longer_than_the_limit_are_cut_with_a_marker() {
    let text = "é".repeat(3000); // 6,000 bytes of two-byte characters
    let err = Big::Message { text: text.clone() };
    for format in Format::ALL {
        let message = message_of(&render(&err, format, &Context::default()), format);
        let kept = message.strip_suffix(TRUNCATION_MARKER).expect("marker");
        assert_eq!(kept.len(), Limits::DEFAULT_MAX_MESSAGE_LEN, "{format}");
        assert!(text.starts_with(kept));
    }
    // A message at the limit is untouched.
    let exact = Big::Message {
        text: "a".repeat(Limits::DEFAULT_MAX_MESSAGE_LEN),
    };
    let message = message_of(
        &render(&exact, Format::Flat, &Context::default()),
        Format::Flat,
    );
    assert_eq!(message.len(), Limits::DEFAULT_MAX_MESSAGE_LEN);
}

#[test]
fn the_message_limit_is_configurable_and_counts_static_parts() {
    let ctx = Context::default().with_limits(Limits::default().with_max_message_len(10));
    let err = Big::Details {
        text: "x".repeat(50),
        details: vec![],
    };
    let message = message_of(&render(&err, Format::Flat, &ctx), Format::Flat);
    assert_eq!(message, format!("static pre{TRUNCATION_MARKER}"));
}

#[test]
fn more_details_than_the_limit_are_cut_with_a_marker_detail() {
    let details: Vec<Detail> = (0..250)
        .map(|i| Detail::new(format!("field{i}"), "Is required"))
        .collect();
    let err = Big::Details {
        text: "t".into(),
        details,
    };
    let flat = render(&err, Format::Flat, &Context::default());
    let listed = flat["details"].as_array().unwrap();
    assert_eq!(listed.len(), Limits::DEFAULT_MAX_DETAILS + 1);
    assert_eq!(listed[99]["field"], "field99");
    assert_eq!(
        listed[100],
        serde_json::json!({"reason": "… 150 more details omitted"})
    );

    let ctx = Context::default().with_limits(Limits::default().with_max_details(2));
    for format in Format::ALL {
        let body = render(&err, format, &ctx);
        let text = body.to_string();
        assert!(
            text.contains("248 more details omitted"),
            "{format}: {text}"
        );
        assert!(!text.contains("field2\""), "{format}: {text}");
    }
}

// ----- leaks --------------------------------------------------------------------------------

/// A cause whose text must never reach a client.
#[derive(Debug, thiserror::Error)]
#[error("LEAK-cause: connection to db-7.internal:5432 refused")]
struct SecretCause;

/// 5xx errors holding secrets everywhere an error can hold them.
#[derive(Debug, thiserror::Error, ApiError)]
enum Leaky {
    /// No `#[message]`: Display, source chain and fields stay internal.
    #[status(500)]
    #[error("LEAK-display {query}")]
    Database {
        query: String,
        #[source]
        cause: SecretCause,
    },
    /// 503 without `#[message]`.
    #[status(503)]
    #[error("LEAK-display {0}")]
    Unavailable(String, #[source] SecretCause),
    /// A `#[message]` that names one field shows that field and nothing else.
    #[status(502)]
    #[message("Upstream {upstream} failed")]
    #[error("LEAK-display {upstream} {token}")]
    Upstream { upstream: String, token: String },
}

fn leaky_errors() -> Vec<Leaky> {
    vec![
        Leaky::Database {
            query: "LEAK-field SELECT * FROM users".into(),
            cause: SecretCause,
        },
        Leaky::Unavailable("LEAK-field tuple".into(), SecretCause),
        Leaky::Upstream {
            upstream: "billing".into(),
            token: "LEAK-field sk_live_123".into(),
        },
    ]
}

/// Everything a client receives: status line, headers and body.
fn wire_text(response: &http::Response<Vec<u8>>) -> String {
    let mut text = format!("{:?}\n", response.status());
    for (name, value) in response.headers() {
        text.push_str(&format!(
            "{name}: {}\n",
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
    text.push_str(&String::from_utf8_lossy(response.body()));
    text
}

#[test]
fn five_hundreds_leak_nothing_in_any_format() {
    for err in leaky_errors() {
        for format in Format::ALL {
            let response = apierror::to_response(&err, format, &Context::default());
            let text = wire_text(&response);
            assert!(!text.contains("LEAK"), "{format}: {text}");
        }
    }
}

#[test]
fn a_message_naming_a_field_shows_only_that_field() {
    let err = &leaky_errors()[2];
    for format in Format::ALL {
        let response = apierror::to_response(err, format, &Context::default());
        let text = wire_text(&response);
        assert!(text.contains("Upstream billing failed"), "{format}: {text}");
        assert!(!text.contains("sk_live"), "{format}: {text}");
    }
}
