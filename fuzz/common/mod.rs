//! What the two server targets share: the input, and the checks of an answer.
#![allow(dead_code)]

use apierror::Format;
use arbitrary::Arbitrary;

pub const LANGUAGES: [&str; 3] = ["en", "fr", "de-DE"];

#[derive(Arbitrary, Debug)]
pub struct Handler {
    /// 100..=999 after `100 + status % 900`.
    pub status: u16,
    pub content_type: Option<Vec<u8>>,
    pub body: Vec<u8>,
    pub retry_after: Option<Vec<u8>>,
    pub vary: Option<Vec<u8>>,
    pub allow: Option<Vec<u8>>,
    pub content_encoding: Option<Vec<u8>>,
}

impl Handler {
    pub fn status(&self) -> u16 {
        100 + self.status % 900
    }
    pub fn body(&self) -> &[u8] {
        &self.body[..self.body.len().min(8192)]
    }
    /// `(name, value)` of each header it sends, those that are header values.
    pub fn headers(&self) -> Vec<(&'static str, Vec<u8>)> {
        let mut out = Vec::new();
        for (name, value) in [
            ("content-type", &self.content_type),
            ("retry-after", &self.retry_after),
            ("vary", &self.vary),
            ("allow", &self.allow),
            ("content-encoding", &self.content_encoding),
        ] {
            if let Some(value) = value
                && http::HeaderValue::from_bytes(value).is_ok()
            {
                out.push((name, value.clone()));
            }
        }
        out
    }
    pub fn content_type(&self) -> Option<Vec<u8>> {
        self.headers()
            .into_iter()
            .find(|(name, _)| *name == "content-type")
            .map(|(_, value)| value)
    }
}

#[derive(Arbitrary, Debug)]
pub struct Input {
    pub method: Vec<u8>,
    pub path: Vec<u8>,
    pub request_ids: Vec<Vec<u8>>,
    pub accept: Vec<Vec<u8>>,
    pub accept_language: Vec<Vec<u8>>,
    pub content_type: Option<Vec<u8>>,
    pub request_body: Vec<u8>,
    /// Which install: `Router::layer`, around the whole router, ...
    pub install: u8,
    /// The layer's own format (`with_format`).
    pub format: u8,
    pub translations: bool,
    pub handler: Handler,
}

/// DESIGN.md §4: "a valid supplied one is used verbatim; only the first `x-request-id` value
/// counts"; else `req-` and a lowercase hyphenated UUID v4.
pub fn check_request_id(sent: &[Vec<u8>], got: &[&[u8]]) -> String {
    assert_eq!(got.len(), 1, "x-request-id values: {got:?}");
    let got = std::str::from_utf8(got[0]).expect("ASCII id");
    let valid = |id: &[u8]| {
        (1..=128).contains(&id.len())
            && id
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    };
    match sent.first() {
        Some(first) if valid(first) => assert_eq!(got.as_bytes(), &first[..], "the client's id"),
        _ => {
            let uuid = got.strip_prefix("req-").unwrap_or_else(|| panic!("fresh id {got:?}"));
            let parsed = uuid::Uuid::parse_str(uuid).expect("a UUID");
            assert_eq!(parsed.get_version_num(), 4, "{got}");
            assert_eq!(parsed.hyphenated().to_string(), uuid, "lowercase hyphenated {got}");
        }
    }
    got.to_owned()
}

/// The envelope the request negotiates, else the layer's.
pub fn negotiated(accept: &[Vec<u8>], layer: Format) -> Format {
    let values: Vec<&str> = accept
        .iter()
        .filter(|v| http::HeaderValue::from_bytes(v).is_ok())
        .filter_map(|v| std::str::from_utf8(v).ok())
        .collect();
    if values.is_empty() {
        return layer;
    }
    Format::from_accept(&values.join(",")).unwrap_or(layer)
}

pub const MARKER: &str = "… [truncated]";

/// A rewritten error's body: valid JSON of `format`, its request id `id` where the envelope
/// has one, its status `status`, its message within the limit.
pub fn check_body(body: &[u8], format: Format, status: u16, id: &str) {
    let json: serde_json::Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(body)));
    let message = match format {
        Format::Flat => {
            assert!(json["code"].is_string(), "{json}");
            assert_eq!(json["requestId"].as_str(), Some(id), "{json}");
            json["message"].as_str().map(str::to_owned)
        }
        Format::Nested => {
            assert!(json["error"]["code"].is_string(), "{json}");
            json["error"]["message"].as_str().map(str::to_owned)
        }
        Format::ErrorList => {
            let errors = json["errors"].as_array().expect("errors");
            assert!(!errors.is_empty());
            errors[0]["message"].as_str().map(str::to_owned)
        }
        Format::Problem => {
            assert_eq!(json["status"].as_u64(), Some(u64::from(status)), "{json}");
            assert!(json["type"].is_string(), "{json}");
            assert!(json["code"].is_string(), "{json}");
            json["detail"].as_str().map(str::to_owned)
        }
        Format::Google => {
            assert_eq!(json["error"]["code"].as_u64(), Some(u64::from(status)), "{json}");
            json["error"]["message"].as_str().map(str::to_owned)
        }
        Format::Simple => {
            assert_eq!(json["code"].as_u64(), Some(u64::from(status)), "{json}");
            assert!(json["cause"].is_string(), "{json}");
            json["message"].as_str().map(str::to_owned)
        }
        _ => None,
    };
    let message = message.unwrap_or_else(|| panic!("no message in {json}"));
    assert!(!message.is_empty(), "empty message in {json}");
    assert!(
        message.len() <= 4096 + MARKER.len(),
        "message of {} bytes",
        message.len()
    );
}

/// `Retry-After` is whole seconds; `Vary` names `Accept`.
pub fn check_error_headers(retry_after: &[&[u8]], vary: &[&[u8]], languages: bool) {
    assert!(retry_after.len() <= 1, "Retry-After values: {retry_after:?}");
    if let Some(value) = retry_after.first() {
        assert!(
            !value.is_empty() && value.iter().all(u8::is_ascii_digit),
            "Retry-After {:?}",
            String::from_utf8_lossy(value)
        );
    }
    let tokens: Vec<String> = vary
        .iter()
        .flat_map(|v| String::from_utf8_lossy(v).split(',').map(|t| t.trim().to_ascii_lowercase()).collect::<Vec<_>>())
        .collect();
    assert!(tokens.iter().any(|t| t == "accept" || t == "*"), "Vary {tokens:?}");
    if languages {
        assert!(
            tokens.iter().any(|t| t == "accept-language" || t == "*"),
            "Vary {tokens:?}"
        );
    }
}

/// The seconds a client reads from a foreign `Retry-After` (delay-seconds only: a date's
/// reading depends on the clock).
pub fn retry_secs(value: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(value).ok()?;
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

pub fn names_grpc(content_type: Option<&[u8]>) -> bool {
    content_type.is_some_and(|v| v.starts_with(b"application/grpc"))
}

/// With `FUZZ_TRACE` set, names the branch an input reached (to see what a corpus covers).
pub fn trace(what: &str) {
    static ON: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("FUZZ_TRACE").is_some());
    if *ON {
        eprintln!("TRACE {what}");
    }
}

/// What a layer answered, in plain values (axum's and actix-web's header types differ).
pub struct Answer {
    pub status: u16,
    /// Every header field line, its name lowercase.
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// Every value of the header `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&[u8]> {
        self.headers
            .iter()
            .filter(|(field, _)| field == name)
            .map(|(_, value)| value.as_slice())
            .collect()
    }
}

/// What was asked of the layer: the request's parts the checks compare with.
pub struct Asked<'a> {
    pub input: &'a Input,
    pub head: bool,
    /// Whether the handler ran.
    pub reached: bool,
    pub sent_ids: &'a [Vec<u8>],
    pub accept: &'a [Vec<u8>],
    pub layer_format: Format,
}

/// The checks of one whole request through a layer: one valid `x-request-id`; a success (or a
/// gRPC answer) is the handler's as made; an error keeps the handler's status (a body timeout's
/// 400 is the 408), is in the negotiated envelope with a valid body, and its `Retry-After`,
/// `Vary` and `Content-Language` are right.
pub fn check_answer(answer: &Answer, asked: &Asked<'_>) {
    let Asked { input, head, reached, sent_ids, accept, layer_format } = *asked;
    let id = check_request_id(sent_ids, &answer.all("x-request-id"));
    let status = answer.status;
    let handler_status = input.handler.status();
    let handler_type = input.handler.content_type();
    let passes_as_made =
        !(400..=599).contains(&handler_status) || names_grpc(handler_type.as_deref());
    if reached && passes_as_made {
        assert_eq!(status, handler_status, "the handler's status");
        if !head {
            assert_eq!(&answer.body[..], input.handler.body(), "the handler's body");
        }
        trace("passed");
        return;
    }
    if !(400..=599).contains(&status) {
        trace("router-success");
        // A route of the router's own that answered (the `/n/{id}` routes).
        assert!(!reached);
        return;
    }
    if reached {
        let text = String::from_utf8_lossy(input.handler.body());
        let timeout = handler_status == 400 && status == 408;
        assert!(status == handler_status || timeout, "{handler_status} became {status} ({text:?})");
    }
    let format = negotiated(accept, layer_format);
    let content_type = answer.all("content-type");
    assert_eq!(content_type, [format.content_type().as_bytes()], "negotiated {format}");
    check_body(&answer.body, format, status, &id);
    trace(if reached { "rewritten" } else { "router-error" });
    let retry = answer.all("retry-after");
    check_error_headers(&retry, &answer.all("vary"), input.translations);
    if reached && let Some(asked) = input.handler.retry_after.as_deref().and_then(retry_secs) {
        let sent = retry.first().and_then(|v| retry_secs(v));
        assert!(sent.is_some_and(|sent| sent >= asked), "Retry-After {asked} became {sent:?}");
    }
    if input.translations {
        let language = answer.all("content-language");
        assert!(
            language.len() == 1 && LANGUAGES.iter().any(|l| l.as_bytes() == language[0]),
            "{language:?}"
        );
    }
}
