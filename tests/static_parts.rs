//! The derive hands the renderer what it knows at compile time (status, code, static message,
//! docs URL, domain, which dynamic parts a variant has) through a hidden fast path. Rendering
//! through it must give exactly what rendering from the trait's public methods gives: every
//! format, `to_json` and `to_response`, for variants that exercise each part.

use apierror::__private::StaticParts;
use apierror::{ApiError, Catalog, Context, Detail, ErrorSpec, Format, Limits};
use proptest::prelude::*;
use std::borrow::Cow;
use std::fmt;

#[path = "support/strategies.rs"]
mod strategies;

use strategies::tricky;

/// Wrapped errors, documented on their own type.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://auth.example.com/e/{code}",
    domain = "auth.example.com"
)]
enum Inner {
    /// No token.
    #[status(401)]
    #[message("Token \"missing\"")]
    #[header("WWW-Authenticate", "Bearer")]
    #[error("no token")]
    NoToken,
}

/// An inner error without a domain, for the wrapper's to apply.
#[derive(Debug, thiserror::Error, ApiError)]
enum Bare {
    /// Gone.
    #[status(410)]
    #[error("gone \"for good\"")]
    Gone,
}

/// Every kind of part, with text that needs escaping wherever the derive allows it.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors?c={code}&s={status}#\"x\"",
    domain = "tasks \"example\" \\ com"
)]
enum Mixed {
    /// Static, with quotes, a backslash, a tab, a newline, braces and non-ASCII.
    #[status(404)]
    #[code("NOT.FOUND-1")]
    #[message("Task \"{{x}}\" \\ not\tfound\n — é 🦀 \u{7f} \u{2028}")]
    #[error("missing")]
    Static,

    /// Interpolated.
    #[status(409)]
    #[message("Task {id} is locked by \"{owner}\"")]
    #[error("locked")]
    Locked { id: u64, owner: String },

    /// A 4xx whose message is its `Display` text.
    #[status(400)]
    #[error("bad \"input\" {0}")]
    Shown(u32),

    /// A 502 with the generic message.
    #[status(502)]
    #[error("upstream")]
    Upstream,

    /// A 500 with the generic message.
    #[status(500)]
    #[error("boom")]
    Internal,

    /// Static and templated details, retry, a header, extensions.
    #[status(429)]
    #[message("Slow down")]
    #[detail(field = "{field}", reason = "Too \"many\"", location = "query")]
    #[header("X-Limit", "{limit}")]
    #[error("limited")]
    Limited {
        field: String,
        #[details]
        more: Vec<Detail>,
        #[retry_after]
        secs: u64,
        #[extension]
        limit: u32,
    },

    /// A static detail only.
    #[status(422)]
    #[message("Invalid")]
    #[detail(field = "name", reason = "Is required")]
    #[error("invalid")]
    Invalid,

    /// A retry delay only.
    #[status(503)]
    #[message("Later")]
    #[error("later")]
    Later {
        #[retry_after]
        secs: Option<u64>,
    },

    /// Transparent, with this type's domain (the inner type has its own).
    #[transparent]
    #[error(transparent)]
    Wrapped(Inner),

    /// Transparent, the inner type without a domain.
    #[transparent]
    #[error(transparent)]
    WrappedBare(Bare),
}

/// A transparent wrapper whose type has no domain: the inner parts are used as they are.
#[derive(Debug, thiserror::Error, ApiError)]
enum Outer {
    /// Transparent.
    #[transparent]
    #[error(transparent)]
    Inner(Inner),

    /// Transparent over a type without a domain either.
    #[transparent]
    #[error(transparent)]
    Bare(Bare),
}

/// Static variants whose text needs no escaping: their bodies are joined from known pieces.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
enum Plain {
    /// A 4xx.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("The task could not be found")]
    #[error("missing")]
    NotFound,

    /// A 5xx: `ErrorList` shows its phrase.
    #[status(503)]
    #[message("Down for maintenance")]
    #[error("down")]
    Down,

    /// A status without a reason phrase: `Problem` has no `title`.
    #[status(499)]
    #[message("Client closed the request")]
    #[error("closed")]
    Closed,

    /// A retry delay: `Google` asks for it (`RetryInfo`), the others do not show it.
    #[status(429)]
    #[message("Slow down")]
    #[error("slow")]
    Slow {
        #[retry_after]
        secs: u64,
    },

    /// A plain template, nothing else at run time: its body is joined around the filled
    /// template (every envelope but `Google`).
    #[status(409)]
    #[code("TASK_LOCKED")]
    #[message("Task {id} is locked by {owner}")]
    #[error("locked")]
    Locked { id: u64, owner: String },

    /// A plain template of a 5xx: `ErrorList` shows its phrase, so it is written the general
    /// way there.
    #[status(500)]
    #[message("Job {job} failed at step {step}")]
    #[error("failed")]
    Failed { job: String, step: i32 },

    /// A value written through `Display`, no reason phrase (`Problem` has no `title`).
    #[status(499)]
    #[message("Closed by {peer}")]
    #[error("closed by peer")]
    ClosedBy { peer: std::net::Ipv4Addr },

    /// Literal braces: the derive writes this message itself, so the short path is declined
    /// and the body written the general way.
    #[status(400)]
    #[message("Write {{name}} for {id}")]
    #[error("braces")]
    Braces { id: u64 },
}

/// Static, without a docs URL or a domain.
#[derive(Debug, thiserror::Error, ApiError)]
enum PlainBare {
    /// Gone.
    #[status(410)]
    #[message("Gone for good")]
    #[error("gone")]
    Gone,
}

/// `err` seen only through the trait's public methods: no static parts, no pre-escaped
/// message.
struct Asked<'a>(&'a dyn ApiError);

impl fmt::Debug for Asked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Asked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for Asked<'_> {}

impl ApiError for Asked<'_> {
    fn status(&self) -> http::StatusCode {
        self.0.status()
    }
    fn code(&self) -> &str {
        self.0.code()
    }
    fn message(&self) -> Cow<'_, str> {
        self.0.message()
    }
    fn details(&self) -> Cow<'_, [Detail]> {
        self.0.details()
    }
    fn retry_after(&self) -> Option<u64> {
        self.0.retry_after()
    }
    fn headers(&self) -> http::HeaderMap {
        self.0.headers()
    }
    fn docs_url(&self) -> Option<Cow<'_, str>> {
        self.0.docs_url()
    }
    fn format(&self) -> Format {
        self.0.format()
    }
    fn domain(&self) -> Option<&str> {
        self.0.domain()
    }
    fn extensions(&self, visit: &mut dyn FnMut(&str, &dyn apierror::extension::Extension)) {
        self.0.extensions(visit);
    }
    fn catalog() -> Catalog {
        Catalog::EMPTY
    }
}

fn errors() -> Vec<Box<dyn ApiError>> {
    vec![
        Box::new(Mixed::Static),
        Box::new(Mixed::Locked {
            id: 7,
            owner: "a\"b\\c\n".into(),
        }),
        Box::new(Mixed::Shown(3)),
        Box::new(Mixed::Upstream),
        Box::new(Mixed::Internal),
        Box::new(Mixed::Limited {
            field: "q\"x".into(),
            more: vec![Detail::new("page", "Too large").with_code("max")],
            secs: 30,
            limit: 100,
        }),
        Box::new(Mixed::Invalid),
        Box::new(Mixed::Later { secs: None }),
        Box::new(Mixed::Later { secs: Some(5) }),
        Box::new(Mixed::Wrapped(Inner::NoToken)),
        Box::new(Mixed::WrappedBare(Bare::Gone)),
        Box::new(Outer::Inner(Inner::NoToken)),
        Box::new(Outer::Bare(Bare::Gone)),
        Box::new(Inner::NoToken),
        Box::new(Bare::Gone),
        Box::new(Plain::NotFound),
        Box::new(Plain::Down),
        Box::new(Plain::Closed),
        Box::new(Plain::Slow { secs: 30 }),
        Box::new(Plain::Locked {
            id: u64::MAX,
            owner: "a\"b\\c\n — é 🦀 \u{7f} \u{2028}".into(),
        }),
        Box::new(Plain::Locked {
            id: 0,
            owner: "alice".into(),
        }),
        Box::new(Plain::Failed {
            job: "nightly-export".into(),
            step: -3,
        }),
        Box::new(Plain::ClosedBy {
            peer: std::net::Ipv4Addr::LOCALHOST,
        }),
        Box::new(Plain::Braces { id: 12 }),
        Box::new(PlainBare::Gone),
    ]
}

fn response_text(response: &http::Response<Vec<u8>>) -> String {
    let mut text = format!("{}\n", response.status());
    for (name, value) in response.headers() {
        text.push_str(&format!("{name}: {value:?}\n"));
    }
    text.push_str(&String::from_utf8_lossy(response.body()));
    text
}

#[test]
fn the_fast_path_renders_what_the_methods_say() {
    let contexts = [
        Context::default()
            .with_request_id("req-1")
            .with_instance("/tasks/\"1\"")
            .with_phrase("6 sad squid snuggle softly"),
        // Values that need no escaping, and none at all: static bodies are joined from
        // pieces.
        Context::default()
            .with_request_id("req-3")
            .with_instance("/tasks/3")
            .with_phrase("2 odd owls obey openly"),
        Context::default()
            .with_request_id("req-4")
            .with_phrase("3 shy cats nap"),
        // A phrase that needs escaping.
        Context::default()
            .with_request_id("req-5")
            .with_phrase("4 \"quoted\" words"),
        // Static messages longer than the limit take the cutting path.
        Context::default()
            .with_request_id("req-2")
            .with_phrase("1 odd owl obeys openly")
            .with_limits(Limits::default().with_max_message_len(9)),
    ];
    for err in errors() {
        let err: &dyn ApiError = &*err;
        let asked = Asked(err);
        for ctx in &contexts {
            for format in Format::ALL {
                let fast = apierror::to_json(err, format, ctx);
                let slow = apierror::to_json(&asked, format, ctx);
                if format == Format::Google {
                    // The placeholders' values in ErrorInfo's metadata come from the derive's
                    // template, which the methods do not tell: compare the rest.
                    assert_eq!(
                        without_placeholder_metadata(err, &fast),
                        without_placeholder_metadata(err, &slow),
                        "{err:?} in {format}"
                    );
                    continue;
                }
                assert_eq!(
                    String::from_utf8_lossy(&fast),
                    String::from_utf8_lossy(&slow),
                    "{err:?} in {format}"
                );
                serde_json::from_slice::<serde_json::Value>(&fast).expect("valid JSON");
                let fast = apierror::to_response(err, format, ctx);
                let slow = apierror::to_response(&asked, format, ctx);
                assert_eq!(
                    response_text(&fast),
                    response_text(&slow),
                    "{err:?} in {format}"
                );
            }
        }
    }
}

#[test]
fn json_strings_of_the_fast_path_are_serde_jsons() {
    // The static message, code, docs URL and domain as serde_json writes them.
    let ctx = Context::default().with_request_id("req-1");
    let body: serde_json::Value =
        serde_json::from_slice(&apierror::to_json(&Mixed::Static, Format::Google, &ctx)).unwrap();
    assert_eq!(body["error"]["message"], Mixed::Static.message().as_ref());
    assert_eq!(body["error"]["details"][0]["reason"], "NOT.FOUND-1");
    assert_eq!(
        body["error"]["details"][0]["domain"],
        "tasks \"example\" \\ com"
    );
    let body: serde_json::Value =
        serde_json::from_slice(&apierror::to_json(&Mixed::Static, Format::Problem, &ctx)).unwrap();
    assert_eq!(
        body["type"],
        "https://api.example.com/errors?c=NOT.FOUND-1&s=404#\"x\""
    );
}

/// An error described at run time, as the derive would describe a static variant: for the
/// property test below, which needs codes, messages and URLs the derive never saw.
#[derive(Debug)]
struct Described {
    spec: &'static ErrorSpec,
    parts: &'static StaticParts,
}

impl Described {
    fn new(spec: ErrorSpec) -> Self {
        // Leaked: the fast path takes `'static` parts, as the derive's are.
        let spec: &'static ErrorSpec = Box::leak(Box::new(spec));
        let parts = Box::leak(Box::new(StaticParts::of(spec)));
        Described { spec, parts }
    }
}

impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec.code)
    }
}

impl std::error::Error for Described {}

impl ApiError for Described {
    fn status(&self) -> http::StatusCode {
        self.spec.status_code()
    }
    fn code(&self) -> &str {
        self.spec.code
    }
    fn message(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.spec.message_template.unwrap_or_default())
    }
    fn docs_url(&self) -> Option<Cow<'_, str>> {
        self.spec.docs_url.map(Cow::Borrowed)
    }
    fn domain(&self) -> Option<&str> {
        self.spec.domain
    }
    fn catalog() -> Catalog {
        Catalog::EMPTY
    }
    fn __static_parts(&self) -> Option<&'static StaticParts> {
        Some(self.parts)
    }
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// Text that needs no JSON escaping, most of the time: static bodies are joined from pieces
/// only then.
fn mostly_plain() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[ -~]{0,40}".prop_filter("no escapes", |s| !s.contains(['"', '\\'])), 1 => tricky()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn static_bodies_are_the_general_writers_bytes(
        code in "[A-Za-z][A-Za-z0-9_.-]{0,20}",
        status in 400u16..=599,
        message in mostly_plain(),
        docs_url in proptest::option::of(mostly_plain()),
        domain in proptest::option::of(mostly_plain()),
        instance in proptest::option::of(mostly_plain()),
        phrase in mostly_plain(),
        request_id in "[A-Za-z0-9._-]{1,40}",
        max_message_len in prop_oneof![Just(Limits::DEFAULT_MAX_MESSAGE_LEN), 0usize..20],
    ) {
        let mut spec = ErrorSpec::new(leak(code), status).with_message_template(leak(message.clone()));
        if let Some(url) = docs_url {
            spec = spec.with_docs_url(leak(url));
        }
        if let Some(domain) = domain {
            spec = spec.with_domain(leak(domain));
        }
        let err = Described::new(spec);
        let mut ctx = Context::default()
            .with_request_id(request_id)
            .with_phrase(phrase)
            .with_limits(Limits::default().with_max_message_len(max_message_len));
        if let Some(instance) = instance {
            ctx = ctx.with_instance(instance);
        }
        for format in Format::ALL {
            let fast = apierror::to_json(&err, format, &ctx);
            let slow = apierror::to_json(&Asked(&err), format, &ctx);
            prop_assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&slow), "{}", format);
            let body: serde_json::Value = serde_json::from_slice(&fast)
                .map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
            let shown = match format {
                Format::Flat | Format::Simple => &body["message"],
                Format::Nested | Format::Google => &body["error"]["message"],
                Format::Problem => &body["detail"],
                Format::ErrorList => &body["errors"][0]["message"],
                other => panic!("unknown format {other}"),
            };
            if message.len() <= max_message_len {
                prop_assert_eq!(shown.as_str(), Some(message.as_str()), "{}", format);
            }
            let fast = apierror::to_response(&err, format, &ctx);
            let slow = apierror::to_response(&Asked(&err), format, &ctx);
            prop_assert_eq!(response_text(&fast), response_text(&slow), "{}", format);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A body whose only run-time part is its message is joined around the filled template:
    /// the same bytes as the general writer's for any values, limit and context.
    #[test]
    fn templated_bodies_are_the_general_writers_bytes(
        id in any::<u64>(),
        owner in prop_oneof![3 => mostly_plain(), 1 => tricky()],
        job in mostly_plain(),
        step in any::<i32>(),
        instance in proptest::option::of(mostly_plain()),
        phrase in mostly_plain(),
        request_id in "[A-Za-z0-9._-]{1,40}",
        max_message_len in prop_oneof![Just(Limits::DEFAULT_MAX_MESSAGE_LEN), 0usize..60],
    ) {
        let mut ctx = Context::default()
            .with_request_id(request_id)
            .with_phrase(phrase)
            .with_limits(Limits::default().with_max_message_len(max_message_len));
        if let Some(instance) = instance {
            ctx = ctx.with_instance(instance);
        }
        let errors: [Box<dyn ApiError>; 2] = [
            Box::new(Plain::Locked { id, owner }),
            Box::new(Plain::Failed { job, step }),
        ];
        for err in &errors {
            let err: &dyn ApiError = &**err;
            for format in Format::ALL {
                if format == Format::Google {
                    // Written the general way (`ErrorInfo.metadata` repeats the values).
                    continue;
                }
                let fast = apierror::to_json(err, format, &ctx);
                let slow = apierror::to_json(&Asked(err), format, &ctx);
                prop_assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&slow), "{}", format);
                serde_json::from_slice::<serde_json::Value>(&fast)
                    .map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
            }
        }
    }
}

/// A Google body with only the extension members left in ErrorInfo's metadata.
fn without_placeholder_metadata(err: &dyn ApiError, body: &[u8]) -> serde_json::Value {
    let mut names = Vec::new();
    err.extensions(&mut |name, _| names.push(name.to_owned()));
    let mut body: serde_json::Value = match serde_json::from_slice(body) {
        Ok(body) => body,
        Err(_) => return serde_json::Value::String(String::from_utf8_lossy(body).into_owned()),
    };
    if let Some(info) = body["error"]["details"].get_mut(0)
        && let Some(metadata) = info.get_mut("metadata").and_then(|m| m.as_object_mut())
    {
        metadata.retain(|key, _| names.contains(key));
        if metadata.is_empty() {
            info.as_object_mut().unwrap().remove("metadata");
        }
    }
    body
}
