//! A whole request through axum with `ErrorLayer` (tower `oneshot`, no socket): arbitrary
//! method, path bytes, `x-request-id`, `Accept`, `Accept-Language` and `Content-Type`, and an
//! arbitrary handler response (status 100-999, content type, body up to 8 KiB, `Retry-After`,
//! `Vary`, `Allow`). No panic; a response that is not an error is the handler's (status and
//! body); an error's body is valid JSON of the negotiated envelope; `x-request-id` is valid per
//! DESIGN.md §4.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use apierror::Format;
use apierror::axum::ErrorLayer;
use apierror::locale::Translations;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::{any, get};
use axum::{Json, Router};
use common::*;
use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use tower::{Layer as _, ServiceExt as _};

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread().build().unwrap()
});

static TRANSLATIONS: LazyLock<Arc<Translations>> = LazyLock::new(|| {
    Arc::new(
        Translations::new("en", apierror::Catalog::EMPTY)
            .unwrap()
            .with_ftl("fr", "fr.ftl", "apierror-status-404 = Introuvable\napierror-internal = Erreur\napierror-malformed-body = Corps invalide\n")
            .unwrap()
            .with_ftl("de-DE", "de-DE.ftl", "apierror-status-404 = Nicht gefunden\n")
            .unwrap(),
    )
});

fn handler_response(handler: &Handler) -> Response {
    let mut response = Response::new(Body::from(handler.body().to_vec()));
    *response.status_mut() = http::StatusCode::from_u16(handler.status()).unwrap();
    for (name, value) in handler.headers() {
        response
            .headers_mut()
            .append(name, http::HeaderValue::from_bytes(&value).unwrap());
    }
    response
}

fuzz_target!(|input: Input| {
    let Ok(method) = http::Method::from_bytes(&input.method) else {
        return;
    };
    // The routes: as given, `/n/{id}` (real rejections: `Path<u64>`, `Json`), `/t/{*rest}`.
    let mut path = match (input.install / 2) % 3 {
        0 => b"/".to_vec(),
        1 => b"/n/".to_vec(),
        _ => b"/t/".to_vec(),
    };
    path.extend_from_slice(&input.path);
    let Ok(uri) = http::Uri::from_maybe_shared(path) else {
        return;
    };
    let mut request = http::Request::builder()
        .method(method.clone())
        .uri(uri)
        .body(Body::from(input.request_body.clone()))
        .unwrap();
    let headers = request.headers_mut();
    let mut sent_ids = Vec::new();
    for id in input.request_ids.iter().take(3) {
        if let Ok(value) = http::HeaderValue::from_bytes(id) {
            headers.append("x-request-id", value);
            sent_ids.push(id.clone());
        }
    }
    let mut accept = Vec::new();
    for value in input.accept.iter().take(3) {
        if let Ok(header) = http::HeaderValue::from_bytes(value) {
            headers.append("accept", header);
            accept.push(value.clone());
        }
    }
    for value in input.accept_language.iter().take(3) {
        if let Ok(header) = http::HeaderValue::from_bytes(value) {
            headers.append("accept-language", header);
        }
    }
    let mut request_type = None;
    if let Some(value) = &input.content_type
        && let Ok(header) = http::HeaderValue::from_bytes(value)
    {
        headers.insert("content-type", header);
        request_type = Some(value.clone());
    }

    let layer_format = Format::ALL[usize::from(input.format) % Format::ALL.len()];
    let mut layer = ErrorLayer::new().with_format(layer_format);
    if input.translations {
        layer = layer.with_translations(Arc::clone(&TRANSLATIONS));
    }

    let reached = Arc::new(AtomicBool::new(false));
    let handler = {
        let reached = Arc::clone(&reached);
        let response = Arc::new(input.handler.body().to_vec());
        let _ = response;
        let spec = Arc::new(Handler {
            status: input.handler.status,
            content_type: input.handler.content_type.clone(),
            body: input.handler.body().to_vec(),
            retry_after: input.handler.retry_after.clone(),
            vary: input.handler.vary.clone(),
            allow: input.handler.allow.clone(),
            content_encoding: input.handler.content_encoding.clone(),
        });
        move || {
            let reached = Arc::clone(&reached);
            let spec = Arc::clone(&spec);
            async move {
                reached.store(true, Ordering::SeqCst);
                handler_response(&spec)
            }
        }
    };
    let router = Router::new()
        .route("/n/{id}", get(|Path(id): Path<u64>| async move { id.to_string() })
            .post(|Path(_id): Path<u64>, Json(v): Json<serde_json::Value>| async move { v.to_string() }))
        .route("/t/{*rest}", any(handler.clone()))
        .fallback(handler);

    let response = RUNTIME.block_on(async {
        match input.install % 2 {
            0 => router.layer(layer).oneshot(request).await.unwrap(),
            _ => layer.layer(router).oneshot(request).await.unwrap(),
        }
    });
    let (parts, body) = response.into_parts();
    let body = RUNTIME.block_on(axum::body::to_bytes(body, usize::MAX)).unwrap();

    // A gRPC request passes through untouched.
    if names_grpc(request_type.as_deref()) {
        return;
    }
    let answer = Answer {
        status: parts.status.as_u16(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        body: body.to_vec(),
    };
    check_answer(
        &answer,
        &Asked {
            input: &input,
            head: method == http::Method::HEAD,
            reached: reached.load(Ordering::SeqCst),
            sent_ids: &sent_ids,
            accept: &accept,
            layer_format,
        },
    );
});
