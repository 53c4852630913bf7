//! The axum_layer target's request and checks through actix-web's `ErrorMiddleware`, with
//! `actix_web::test` (no socket).
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use actix_web::dev::Service as _;
use actix_web::{App, HttpResponse, test, web};
use apierror::Format;
use apierror::actix::ErrorMiddleware;
use apierror::locale::Translations;
use common::*;
use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

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

thread_local! {
    static SYSTEM: std::cell::RefCell<actix_web::rt::SystemRunner> =
        std::cell::RefCell::new(actix_web::rt::System::new());
}

fn handler_response(handler: &Handler) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(handler.status()).unwrap();
    let mut response = HttpResponse::build(status);
    for (name, value) in handler.headers() {
        response.append_header((
            name,
            actix_web::http::header::HeaderValue::from_bytes(&value).unwrap(),
        ));
    }
    response.body(handler.body().to_vec())
}

fuzz_target!(|input: Input| {
    let Ok(method) = actix_web::http::Method::from_bytes(&input.method) else {
        return;
    };
    // The routes: as given, `/n/{id}` (real rejections: `Path<u64>`, `Json`), `/t/{*rest}`.
    let mut path = match input.install % 3 {
        0 => b"/".to_vec(),
        1 => b"/n/".to_vec(),
        _ => b"/t/".to_vec(),
    };
    path.extend_from_slice(&input.path);
    let Ok(path) = String::from_utf8(path) else {
        return;
    };
    // actix-web's test request parses the URI with http 0.2; skip what it refuses.
    if path.parse::<actix_web::http::Uri>().is_err() {
        return;
    }
    let mut request = test::TestRequest::default()
        .method(method.clone())
        .uri(&path)
        .set_payload(input.request_body.clone());
    let mut sent_ids = Vec::new();
    for id in input.request_ids.iter().take(3) {
        if let Ok(value) = actix_web::http::header::HeaderValue::from_bytes(id) {
            request = request.append_header(("x-request-id", value));
            sent_ids.push(id.clone());
        }
    }
    let mut accept = Vec::new();
    for value in input.accept.iter().take(3) {
        if let Ok(header) = actix_web::http::header::HeaderValue::from_bytes(value) {
            request = request.append_header(("accept", header));
            accept.push(value.clone());
        }
    }
    for value in input.accept_language.iter().take(3) {
        if let Ok(header) = actix_web::http::header::HeaderValue::from_bytes(value) {
            request = request.append_header(("accept-language", header));
        }
    }
    if let Some(value) = &input.content_type
        && let Ok(header) = actix_web::http::header::HeaderValue::from_bytes(value)
    {
        request = request.insert_header(("content-type", header));
    }
    let request = request.to_request();

    let layer_format = Format::ALL[usize::from(input.format) % Format::ALL.len()];
    let mut middleware = ErrorMiddleware::new().with_format(layer_format);
    if input.translations {
        middleware = middleware.with_translations(Arc::clone(&TRANSLATIONS));
    }
    let reached = Arc::new(AtomicBool::new(false));
    let spec = Arc::new(Handler {
        status: input.handler.status,
        content_type: input.handler.content_type.clone(),
        body: input.handler.body().to_vec(),
        retry_after: input.handler.retry_after.clone(),
        vary: input.handler.vary.clone(),
        allow: input.handler.allow.clone(),
        content_encoding: input.handler.content_encoding.clone(),
    });
    let handler = {
        let reached = Arc::clone(&reached);
        move || {
            let reached = Arc::clone(&reached);
            let spec = Arc::clone(&spec);
            async move {
                reached.store(true, Ordering::SeqCst);
                handler_response(&spec)
            }
        }
    };

    let (status, headers, body) = SYSTEM.with(|system| {
        system.borrow().block_on(async {
            let app = test::init_service(
                App::new()
                    .wrap(middleware)
                    .service(
                        web::resource("/n/{id}")
                            .route(web::get().to(|id: web::Path<u64>| async move { id.to_string() }))
                            .route(web::post().to(
                                |_id: web::Path<u64>, v: web::Json<serde_json::Value>| async move {
                                    v.to_string()
                                },
                            )),
                    )
                    .default_service(web::to(handler)),
            )
            .await;
            match app.call(request).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let headers = response.headers().clone();
                    let body = test::read_body(response).await;
                    (status, headers, body)
                }
                Err(error) => {
                    let response = error.error_response();
                    let status = response.status().as_u16();
                    let headers = response.headers().clone();
                    let body = actix_web::body::to_bytes(response.into_body())
                        .await
                        .unwrap_or_default();
                    (status, headers, body)
                }
            }
        })
    });

    let answer = Answer {
        status,
        headers: headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        body: body.to_vec(),
    };
    check_answer(
        &answer,
        &Asked {
            input: &input,
            head: method == actix_web::http::Method::HEAD,
            reached: reached.load(Ordering::SeqCst),
            sent_ids: &sent_ids,
            accept: &accept,
            layer_format,
        },
    );
});
