//! Example errors for documents: a catalog entry rendered like the real error would be, with its
//! message template as the message (placeholders kept).

use crate::api_error::ApiError;
use crate::catalog::{Catalog, ErrorSpec};
use crate::context::Context;
use crate::detail::Detail;
use crate::format::Format;
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;

/// The request id example bodies show.
pub(crate) const EXAMPLE_REQUEST_ID: &str = "req-f8d31a62-e789-4856-9452-5efa50223c7a";

/// A catalog entry standing in for the error it describes.
#[derive(Debug, Clone)]
pub(crate) struct ExampleError {
    code: &'static str,
    status: StatusCode,
    message: Cow<'static, str>,
    details: Vec<Detail>,
    retry_after: Option<u64>,
    docs_url: Option<&'static str>,
    domain: Option<&'static str>,
}

impl ExampleError {
    /// The entry as an example: its message template (or title), a sample detail when it
    /// lists details, a sample delay when it sends `Retry-After`.
    pub(crate) fn from_spec(spec: &'static ErrorSpec) -> Self {
        let status = spec.status_code();
        let message = match spec.message_template {
            Some(template) => Cow::Borrowed(template),
            None if status.is_server_error() => Cow::Borrowed(crate::message::generic(status)),
            None => Cow::Borrowed(spec.title),
        };
        let details = if spec.has_details {
            vec![Detail::new("fieldName", "specific reason").with_location("body")]
        } else {
            Vec::new()
        };
        Self {
            code: spec.code,
            status,
            message,
            details,
            retry_after: spec.retry_after.then_some(30),
            docs_url: spec.docs_url,
            domain: spec.domain,
        }
    }

    /// The generic example of a format: `ERROR_CODE`, a message, one detail.
    pub(crate) fn generic() -> Self {
        Self {
            code: "ERROR_CODE",
            status: StatusCode::BAD_REQUEST,
            message: Cow::Borrowed("Human-readable error message"),
            details: vec![Detail::new("fieldName", "specific reason").with_location("body")],
            retry_after: None,
            docs_url: None,
            domain: None,
        }
    }

    /// The example's body in `format`, compact.
    pub(crate) fn body(&self, format: Format) -> Vec<u8> {
        let ctx = Context::default()
            .with_request_id(EXAMPLE_REQUEST_ID)
            .with_phrase("6 sad squid snuggle softly");
        crate::to_json(self, format, &ctx)
    }
}

impl fmt::Display for ExampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExampleError {}

impl ApiError for ExampleError {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> &str {
        self.code
    }

    // Examples show the documented text even for a 5xx: it is the template, not internals.
    fn message(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.message)
    }

    fn details(&self) -> Cow<'_, [Detail]> {
        Cow::Borrowed(&self.details)
    }

    fn retry_after(&self) -> Option<u64> {
        self.retry_after
    }

    fn docs_url(&self) -> Option<Cow<'_, str>> {
        self.docs_url.map(Cow::Borrowed)
    }

    fn domain(&self) -> Option<&str> {
        self.domain
    }

    fn catalog() -> Catalog {
        Catalog::EMPTY
    }
}

/// Compact JSON made readable with two-space indents, member order kept (a round trip through
/// `serde_json::Value` would sort the members).
pub(crate) fn pretty(json: &[u8]) -> String {
    let text = String::from_utf8_lossy(json);
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let empty = matches!(chars.peek(), Some('}' | ']'));
                if !empty {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                if !matches!(out.chars().last(), Some('{' | '[')) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg_attr(docsrs, doc(cfg(feature = "docs")))]
impl ErrorSpec {
    /// An example body of this error in `format`: the message template as the message, a
    /// sample detail and retry delay where the error has them.
    pub fn example_json(&'static self, format: Format) -> Vec<u8> {
        ExampleError::from_spec(self).body(format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_keeps_order_and_strings() {
        let compact = br#"{"b":1,"a":[{"x":"{,:}"},[]],"c":{}}"#;
        assert_eq!(
            pretty(compact),
            "{\n  \"b\": 1,\n  \"a\": [\n    {\n      \"x\": \"{,:}\"\n    },\n    []\n  ],\n  \"c\": {}\n}"
        );
    }
}
