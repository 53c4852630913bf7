//! The public API follows the Rust API guidelines where a test can hold it to them: error
//! types are `std::error::Error + Send + Sync + 'static` with lowercase messages (C-GOOD-ERR,
//! C-SEND-SYNC), conversions named `into_*` take `self` (C-CONV), builders are `with_*`, and
//! the crate root holds only the core.

#[path = "support/log_capture.rs"]
mod log_capture;

use apierror::catalog::Iter;
use apierror::client::{JsonType, ParseErrorKind};
use apierror::extension::{Extension, ExtensionError};
use apierror::format::UnknownFormat;
use apierror::lock::{LockChange, LockError};
use apierror::validation::{ValidationFailed, Violations};
use apierror::{
    ApiError, Catalog, Context, Detail, ErrorSpec, Format, HttpError, Limits, ParseError,
    RemoteError,
};
use http::{HeaderMap, StatusCode};

const fn is_error<T: std::error::Error + Send + Sync + 'static>() {}
const fn is_send_sync<T: Send + Sync + 'static>() {}

// Checked when the test compiles.
const _: () = {
    is_error::<HttpError>();
    is_error::<RemoteError>();
    is_error::<ParseError>();
    is_error::<LockError>();
    is_error::<ExtensionError>();
    is_error::<UnknownFormat>();
    is_error::<Violations>();
    is_error::<ValidationFailed>();
    is_send_sync::<Catalog>();
    is_send_sync::<ErrorSpec>();
    is_send_sync::<Iter>();
    is_send_sync::<Detail>();
    is_send_sync::<Format>();
    is_send_sync::<Context>();
    is_send_sync::<Limits>();
    is_send_sync::<ParseErrorKind>();
    is_send_sync::<JsonType>();
    is_send_sync::<LockChange>();
    is_error::<apierror::locale::LoadError>();
    is_send_sync::<apierror::locale::Translations>();
    is_send_sync::<apierror::locale::Locale>();
    is_send_sync::<apierror::locale::LoadErrorKind>();
    is_error::<apierror::locale::LocalesError>();
    is_send_sync::<apierror::locale::Coverage>();
    is_send_sync::<apierror::catalog::EmbeddedLocales>();
};

/// `Display` of each error type the crate makes: lowercase (or a number, a path), no
/// trailing period.
#[test]
fn error_messages_are_lowercase_without_a_trailing_period() {
    let parse_error =
        RemoteError::parse(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>").unwrap_err();
    let extension_error = {
        struct Fails;
        impl serde::Serialize for Fails {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no"))
            }
        }
        Fails.write_json(&mut Vec::new()).unwrap_err()
    };
    let lock_error = Catalog::EMPTY
        .compare_with_lock("/nonexistent/errors.lock.json")
        .unwrap_err();
    let messages = [
        HttpError::new(StatusCode::NOT_FOUND).to_string(),
        parse_error.to_string(),
        extension_error.to_string(),
        "xml".parse::<Format>().unwrap_err().to_string(),
        lock_error.to_string(),
        Violations::from(vec![Detail::new("age", "Must be at least 18")]).to_string(),
        ValidationFailed::from(Violations::new()).to_string(),
        apierror::locale::Translations::new("en", Catalog::EMPTY)
            .unwrap()
            .with_ftl("fr", "fr.ftl", "NOPE = non")
            .unwrap_err()
            .to_string(),
        apierror::locale::Translations::new("xx yy", Catalog::EMPTY)
            .unwrap_err()
            .to_string(),
        Catalog::EMPTY
            .check_locales(
                &apierror::locale::Translations::new("en", Catalog::EMPTY)
                    .unwrap()
                    .with_ftl("fr", "fr.ftl", "apierror-internal = Erreur")
                    .unwrap(),
                apierror::locale::Coverage::Complete,
            )
            .map_or_else(|err| err.to_string(), |()| "ok".to_owned()),
    ];
    for message in messages {
        let first = message.chars().next().unwrap();
        assert!(!first.is_uppercase(), "{message}");
        assert!(!message.ends_with('.'), "{message}");
    }
}

#[test]
fn http_errors_compare_by_value() {
    let err = HttpError::new(StatusCode::CONFLICT).with_message("taken");
    assert_eq!(err.clone(), err);
    assert_ne!(err, HttpError::new(StatusCode::CONFLICT));
    assert_eq!(HttpError::code_for(StatusCode::CONFLICT), err.code());
}

/// `fallback` borrows and leaves the parse error whole; `into_fallback` moves it out. Both give
/// the same error.
#[test]
fn a_fallback_borrowed_or_moved_is_the_same_error() {
    let error =
        RemoteError::parse(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"oops").unwrap_err();
    let borrowed = error.fallback();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::NotJson {
            reason: "expected value at line 1 column 1".to_owned(),
            start: "oops".to_owned(),
        }
    );
    assert_eq!(error.into_fallback(), borrowed);
}

/// A hand-written impl needs three methods: the catalog defaults to an empty one.
#[test]
fn a_hand_written_impl_needs_no_catalog() {
    #[derive(Debug, thiserror::Error)]
    #[error("gone")]
    struct Gone;
    impl ApiError for Gone {
        fn status(&self) -> StatusCode {
            StatusCode::GONE
        }
        fn code(&self) -> &str {
            "GONE"
        }
        fn message(&self) -> std::borrow::Cow<'_, str> {
            "Gone for good".into()
        }
    }
    assert!(Gone::catalog().is_empty());
    let body = apierror::to_json(
        &Gone,
        Format::Flat,
        &Context::new().with_request_id("req-1"),
    );
    assert_eq!(
        String::from_utf8(body).unwrap(),
        r#"{"code":"GONE","message":"Gone for good","requestId":"req-1"}"#
    );
}

/// A hand-written impl whose `status` is no error status (the derive refuses one at compile
/// time) is sent as a 500 everywhere the status shows, as `HttpError::new` makes one: the
/// response, the bodies that carry a status, actix-web's `ResponseError`, the gRPC code; and
/// its log record says so.
#[test]
fn a_hand_written_impl_with_no_error_status_is_sent_as_a_500() {
    #[derive(Debug, thiserror::Error)]
    #[error("fine")]
    struct Fine(StatusCode);
    impl ApiError for Fine {
        fn status(&self) -> StatusCode {
            self.0
        }
        fn code(&self) -> &str {
            "NOT_AN_ERROR"
        }
        fn message(&self) -> std::borrow::Cow<'_, str> {
            "Nothing went wrong".into()
        }
    }
    log_capture::capture_logs();
    for status in [100, 200, 204, 304, 399, 600, 999] {
        let err = Fine(StatusCode::from_u16(status).unwrap());
        let ctx = Context::new()
            .with_request_id(format!("req-status-{status}"))
            .with_phrase("fix-me");
        let response = apierror::to_response(&err, Format::Problem, &ctx);
        assert_eq!(response.status(), 500, "{status}");
        assert_eq!(
            String::from_utf8(response.into_body()).unwrap(),
            r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Nothing went wrong","code":"NOT_AN_ERROR"}"#,
            "{status}"
        );
        let id = format!("req-status-{status}");
        let status_text = status.to_string();
        let expected = log_capture::record(
            tracing::Level::ERROR,
            &[
                (
                    "message",
                    "apierror: the error's status is not 4xx or 5xx; sent 500",
                ),
                ("code", "NOT_AN_ERROR"),
                ("status", &status_text),
                ("sent", "500"),
                ("request_id", &id),
                ("phrase", "fix-me"),
                ("error", "fine"),
            ],
        );
        // One record, from `to_response` (`to_json` logs nothing; the gRPC status below logs its own).
        assert_eq!(log_capture::records_of(&id), [expected], "{status}");
        let google = apierror::to_json(&err, Format::Google, &ctx);
        assert!(
            google.starts_with(
                br#"{"error":{"code":500,"message":"Nothing went wrong","status":"INTERNAL","#
            ),
            "{status}: {}",
            String::from_utf8_lossy(&google)
        );
        assert_eq!(apierror::actix::status_code(&err).as_u16(), 500, "{status}");
        let grpc = apierror::tonic::to_status(&err, &ctx);
        assert_eq!(grpc.code(), tonic::Code::Internal, "{status}");
    }
}

/// `axum::into_response` consumes the error (C-CONV); `axum::response_for` borrows it. Both
/// answer alike.
#[test]
fn axum_into_response_consumes_and_response_for_borrows() {
    let err = HttpError::new(StatusCode::NOT_FOUND);
    let borrowed = apierror::axum::response_for(&err);
    let consumed = apierror::axum::into_response(err);
    assert_eq!(borrowed.status(), consumed.status());
    assert_eq!(
        borrowed.headers().get("content-type"),
        consumed.headers().get("content-type")
    );
}

/// Every function that renders or reads one error takes what `to_json` takes (DESIGN.md §3:
/// "`Box<dyn ApiError + Send + Sync>` renders"): a sized error, a boxed one, a trait object.
#[test]
fn every_function_taking_one_error_takes_a_boxed_one() {
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(HttpError::new(StatusCode::NOT_FOUND));
    let object: &dyn ApiError = &*boxed;
    let ctx = Context::default().with_request_id("req-1");
    assert_eq!(ctx.format_for(&boxed), Format::Flat);
    assert_eq!(ctx.format_for(object), Format::Flat);
    let sync: &(dyn ApiError + Sync) = &HttpError::new(StatusCode::NOT_FOUND);
    assert_eq!(
        apierror::tonic::status_for(sync).code(),
        tonic::Code::NotFound
    );
    assert_eq!(apierror::axum::response_for(&boxed).status(), 404);
    assert_eq!(apierror::axum::response_for(object).status(), 404);
    assert_eq!(apierror::actix::status_code(&boxed).as_u16(), 404);
    assert_eq!(
        apierror::actix::error_response(&boxed).status().as_u16(),
        404
    );
    assert_eq!(
        apierror::tonic::status_for(&boxed).code(),
        tonic::Code::NotFound
    );
    assert_eq!(
        apierror::tonic::to_status(&boxed, &ctx)
            .metadata()
            .get("x-request-id")
            .unwrap(),
        "req-1"
    );
    // The same bytes as the sized error's.
    let sized = HttpError::new(StatusCode::NOT_FOUND);
    assert_eq!(
        apierror::to_json(&boxed, ctx.format_for(&boxed), &ctx),
        apierror::to_json(&sized, ctx.format_for(&sized), &ctx)
    );
}

/// The validating extractors' common traits ask of the extractor only, not of the rejection
/// type (`ValidationFailed` is neither `Copy` nor `Default`).
#[test]
fn validating_extractors_are_copy_and_default_when_their_extractor_is() {
    fn copy_default_clone_debug<T: Copy + Default + Clone + std::fmt::Debug>() {}
    copy_default_clone_debug::<apierror::axum::Valid<u8>>();
    copy_default_clone_debug::<apierror::axum::Garde<u8>>();
    copy_default_clone_debug::<apierror::actix::Valid<u8>>();
    let valid = apierror::axum::Valid::<u8>(7, std::marker::PhantomData);
    assert_eq!(format!("{valid:?}"), "Valid(7)");
    assert_eq!(valid.into_inner(), 7);
}

#[test]
fn builders_are_named_with() {
    let detail = Detail::new("title", "Too long")
        .with_location("body")
        .with_resource("Task")
        .with_code("too_long");
    assert_eq!(detail.location.as_deref(), Some("body"));
    assert_eq!(detail.resource.as_deref(), Some("Task"));
    assert_eq!(detail.code.as_deref(), Some("too_long"));
    // DESIGN.md §3's names still build the same detail, deprecated for one release.
    #[allow(deprecated)]
    let design = Detail::new("title", "Too long")
        .location("body")
        .resource("Task")
        .code("too_long");
    assert_eq!(design, detail);

    let spec = ErrorSpec::new("TASK_NOT_FOUND", 404)
        .with_title("Task not found")
        .with_description("The task does not exist.")
        .with_message_template("Task {id} not found")
        .with_defined_in("tasks::TaskError")
        .with_variant("NotFound")
        .with_retry_after(true)
        .with_headers(&["x-a"])
        .with_extensions(&["hint"])
        .with_details(true)
        .with_docs_url("https://example.com/TASK_NOT_FOUND")
        .with_domain("example.com");
    assert_eq!(spec.title, "Task not found");
    assert!(spec.has_details && spec.retry_after);
    assert_eq!(spec.domain, Some("example.com"));

    let _ = apierror::axum::ErrorLayer::new().with_format(Format::Problem);
    let _ = apierror::actix::ErrorMiddleware::new().with_format(Format::Problem);
    assert_eq!(Format::ErrorList.as_str(), "error_list");
}
