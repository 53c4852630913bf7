//! The guarantees of README's "Security" section that are not tested elsewhere: bounded
//! output and hostile values. Each test names the guarantee it shows.

use apierror::{ApiError, Context, Detail, Format, Limits, TRUNCATION_MARKER};
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
