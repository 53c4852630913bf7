//! The example service, `examples/tasks_api.rs`, built from its own router and exercised over
//! a socket: every error it can return, as a client sees it.

// `main` and the defaults only `main` uses are the example's, not the test's.
#[allow(dead_code)]
#[path = "../../examples/tasks_api.rs"]
mod service;

use super::support::{self, Reply};
use std::net::SocketAddr;

/// The example's router on a fresh port, allowing `creates_per_minute` creates, and its state.
async fn start(creates_per_minute: u32) -> (SocketAddr, service::AppState) {
    let state = service::AppState::new(service::Config {
        token: "test-token".into(),
        creates_per_minute,
        timeout: std::time::Duration::from_secs(10),
    });
    let addr = support::serve_axum(service::router(state.clone())).await;
    (addr, state)
}

/// Sends a request with `x-request-id: req-tasks`, so bodies are fixed.
async fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Reply {
    let mut request = support::client()
        .request(method.parse().unwrap(), format!("http://{addr}{path}"))
        .header("x-request-id", "req-tasks");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_owned());
    }
    support::send(request).await
}

/// The reply the service sends with `headers`, `x-request-id: req-tasks`, and on an error
/// `vary: Accept` (the layer negotiates the envelope) and, rendered in English unless the test
/// asks otherwise, `content-language: en` and `vary: Accept-Language`.
fn reply(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
    let language: &[(&str, &str)] =
        if status >= 400 && !headers.iter().any(|(name, _)| *name == "content-language") {
            &[("content-language", "en"), ("vary", "Accept-Language")]
        } else {
            &[]
        };
    let envelope: &[(&str, &str)] = if status >= 400 {
        &[("vary", "Accept")]
    } else {
        &[]
    };
    let mut headers: Vec<(String, String)> = headers
        .iter()
        .chain(&[("x-request-id", "req-tasks")])
        .chain(language)
        .chain(envelope)
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    headers.sort();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

const JSON: (&str, &str) = ("content-type", "application/json");

#[tokio::test]
async fn the_tasks_service_answers_with_its_errors() {
    let (addr, _) = start(3).await;

    let created = call(
        addr,
        "POST",
        "/tasks",
        &[],
        Some(r#"{"title":"Write the README","priority":2}"#),
    )
    .await;
    assert_eq!(
        created,
        reply(
            201,
            &[JSON, ("etag", "\"1\""), ("location", "/tasks/1")],
            r#"{"id":1,"title":"Write the README","priority":2,"done":false,"version":1}"#
        )
    );

    // 409 with an extension.
    let duplicate = call(
        addr,
        "POST",
        "/tasks",
        &[],
        Some(r#"{"title":" Write the README "}"#),
    )
    .await;
    assert_eq!(
        duplicate,
        reply(
            409,
            &[JSON],
            r#"{"code":"DUPLICATE_TITLE","message":"A task titled `Write the README` already exists","requestId":"req-tasks","existingId":1}"#
        )
    );

    // 422 with a detail per problem.
    let invalid = call(
        addr,
        "POST",
        "/tasks",
        &[],
        Some(r#"{"title":"  ","priority":9}"#),
    )
    .await;
    assert_eq!(
        invalid,
        reply(
            422,
            &[JSON],
            r#"{"code":"VALIDATION_FAILED","message":"The task is not valid","details":[{"field":"title","reason":"Must not be empty","location":"body"},{"field":"priority","reason":"Must be between 1 and 5","location":"body"}],"requestId":"req-tasks"}"#
        )
    );

    // axum's own rejections, put into the envelope by the layer; they never reach the
    // handler, so they do not count against the rate limit.
    let malformed = call(addr, "POST", "/tasks", &[], Some(r#"{"title":1}"#)).await;
    assert_eq!(
        malformed,
        reply(
            422,
            &[JSON],
            r#"{"code":"UNPROCESSABLE_ENTITY","message":"The request body is invalid.","details":[{"field":"title","reason":"invalid type: integer, expected a string","location":"body"}],"requestId":"req-tasks"}"#
        )
    );

    let untyped = support::send(
        support::client()
            .post(format!("http://{addr}/tasks"))
            .header("x-request-id", "req-tasks")
            .body(r#"{"title":"x"}"#),
    )
    .await;
    assert_eq!(
        untyped,
        reply(
            415,
            &[JSON],
            r#"{"code":"UNSUPPORTED_MEDIA_TYPE","message":"The request body's content type is not supported.","details":[{"field":"content-type","reason":"expected `application/json`","location":"header"}],"requestId":"req-tasks"}"#
        )
    );
    let huge = format!(r#"{{"title":"{}"}}"#, "x".repeat(16 * 1024));
    let too_large = call(addr, "POST", "/tasks", &[], Some(&huge)).await;
    assert_eq!(
        too_large,
        reply(
            413,
            &[JSON],
            r#"{"code":"PAYLOAD_TOO_LARGE","message":"The request body is too large.","requestId":"req-tasks"}"#
        )
    );

    // 429 with Retry-After: the fourth create within a minute.
    let limited = call(
        addr,
        "POST",
        "/tasks",
        &[],
        Some(r#"{"title":"One too many"}"#),
    )
    .await;
    let secs = limited.header("retry-after").to_owned();
    assert!(matches!(secs.as_str(), "59" | "60"), "{secs}");
    assert_eq!(
        limited,
        reply(
            429,
            &[JSON, ("retry-after", &secs)],
            &format!(
                r#"{{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded. Try again in {secs} seconds","requestId":"req-tasks"}}"#
            )
        )
    );

    let task = call(addr, "GET", "/tasks/1", &[], None).await;
    assert_eq!(
        task,
        reply(
            200,
            &[JSON, ("etag", "\"1\"")],
            r#"{"id":1,"title":"Write the README","priority":2,"done":false,"version":1}"#
        )
    );

    // 404, in the type's format and negotiated as a problem.
    let missing = call(addr, "GET", "/tasks/42", &[], None).await;
    assert_eq!(
        missing,
        reply(
            404,
            &[JSON],
            r#"{"code":"TASK_NOT_FOUND","message":"Task with ID 42 could not be found","requestId":"req-tasks"}"#
        )
    );
    let problem = call(
        addr,
        "GET",
        "/tasks/42",
        &[("accept", "application/problem+json")],
        None,
    )
    .await;
    assert_eq!(
        problem,
        reply(
            404,
            &[("content-type", "application/problem+json")],
            r#"{"type":"https://api.example.com/errors#TASK_NOT_FOUND","title":"Not Found","status":404,"detail":"Task with ID 42 could not be found","instance":"/tasks/42","code":"TASK_NOT_FOUND"}"#
        )
    );

    // 400 with a static detail, and axum's query rejection in the same envelope.
    let list = call(addr, "GET", "/tasks?limit=1", &[], None).await;
    assert_eq!(
        list,
        reply(
            200,
            &[JSON],
            r#"[{"id":1,"title":"Write the README","priority":2,"done":false,"version":1}]"#
        )
    );
    let out_of_range = call(addr, "GET", "/tasks?limit=0", &[], None).await;
    assert_eq!(
        out_of_range,
        reply(
            400,
            &[JSON],
            r#"{"code":"INVALID_PARAMETER","message":"The parameter `limit` must be between 1 and 100","details":[{"field":"limit","reason":"Out of range","location":"query"}],"requestId":"req-tasks"}"#
        )
    );
    let not_a_number = call(addr, "GET", "/tasks?limit=ten", &[], None).await;
    assert_eq!(
        not_a_number,
        reply(
            400,
            &[JSON],
            r#"{"code":"BAD_REQUEST","message":"The query string is invalid.","details":[{"field":"limit","reason":"invalid digit found in string","location":"query"}],"requestId":"req-tasks"}"#
        )
    );

    // 412 with the current version as an extension, then the update it guards.
    let body = Some(r#"{"title":"Write the README","done":true}"#);
    let stale = call(addr, "PUT", "/tasks/1", &[("if-match", "\"7\"")], body).await;
    assert_eq!(
        stale,
        reply(
            412,
            &[JSON],
            r#"{"code":"VERSION_MISMATCH","message":"The task has changed; its current version is 1","requestId":"req-tasks","currentVersion":1}"#
        )
    );
    let updated = call(addr, "PUT", "/tasks/1", &[("if-match", "\"1\"")], body).await;
    assert_eq!(
        updated,
        reply(
            200,
            &[JSON, ("etag", "\"2\"")],
            r#"{"id":1,"title":"Write the README","priority":3,"done":true,"version":2}"#
        )
    );

    // 401 from the transparent AuthError, with its WWW-Authenticate.
    let anonymous = call(addr, "DELETE", "/tasks/1", &[], None).await;
    assert_eq!(
        anonymous,
        reply(
            401,
            &[JSON, ("www-authenticate", "Bearer realm=\"tasks\"")],
            r#"{"code":"UNAUTHORIZED","message":"Authentication is required to access this resource","requestId":"req-tasks"}"#
        )
    );
    let wrong_token = call(
        addr,
        "DELETE",
        "/tasks/1",
        &[("authorization", "Bearer guess")],
        None,
    )
    .await;
    assert_eq!(
        wrong_token,
        reply(
            401,
            &[
                JSON,
                (
                    "www-authenticate",
                    "Bearer realm=\"tasks\", error=\"invalid_token\""
                )
            ],
            r#"{"code":"INVALID_TOKEN","message":"The bearer token is not valid","requestId":"req-tasks"}"#
        )
    );
    let deleted = call(
        addr,
        "DELETE",
        "/tasks/1",
        &[("authorization", "Bearer test-token")],
        None,
    )
    .await;
    assert_eq!(deleted, reply(204, &[], ""));
    assert_eq!(call(addr, "GET", "/tasks/1", &[], None).await.status, 404);

    // 405 from the router, with its Allow header.
    let wrong_method = call(addr, "PATCH", "/tasks/1", &[], None).await;
    assert_eq!(
        wrong_method,
        reply(
            405,
            &[JSON, ("allow", "GET,HEAD,PUT,DELETE")],
            r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","requestId":"req-tasks"}"#
        )
    );
}

#[tokio::test]
async fn a_poisoned_store_is_a_500_that_keeps_its_cause_to_itself() {
    let (addr, state) = start(10).await;
    let store = std::sync::Arc::clone(&state.store);
    let poisoner = std::thread::spawn(move || {
        let _write = store.write().unwrap();
        panic!("a writer died halfway");
    });
    assert!(poisoner.join().is_err());

    let failed = call(addr, "GET", "/tasks", &[], None).await;
    assert_eq!(
        failed,
        reply(
            500,
            &[JSON],
            r#"{"code":"SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"req-tasks"}"#
        )
    );
}

/// The README's French requests ("The example service"): the same bytes, in French, with
/// `content-language: fr`; the same requests without `Accept-Language` in English.
#[tokio::test]
async fn the_tasks_service_answers_in_french() {
    let (addr, _) = start(10).await;
    const FR: (&str, &str) = ("content-language", "fr");
    const VARY: (&str, &str) = ("vary", "Accept-Language");
    let problem = ("content-type", "application/problem+json");
    /// Method, path, request headers, body, and the reply.
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a [(&'a str, &'a str)],
        Option<&'a str>,
        Reply,
    );
    let cases: [Case<'_>; 5] = [
        (
            "GET",
            "/tasks/42",
            &[("accept-language", "fr")],
            None,
            reply(
                404,
                &[JSON, FR, VARY],
                r#"{"code":"TASK_NOT_FOUND","message":"La tâche d'identifiant 42 est introuvable","requestId":"req-tasks"}"#,
            ),
        ),
        (
            "POST",
            "/tasks",
            &[("accept-language", "fr-CA, en;q=0.5")],
            Some(r#"{"title":"  ","priority":9}"#),
            reply(
                422,
                &[JSON, FR, VARY],
                r#"{"code":"VALIDATION_FAILED","message":"La tâche n'est pas valide","details":[{"field":"title","reason":"Ne doit pas être vide","location":"body"},{"field":"priority","reason":"Doit être compris entre 1 et 5","location":"body"}],"requestId":"req-tasks"}"#,
            ),
        ),
        (
            "GET",
            "/tasks/42",
            &[
                ("accept", "application/problem+json"),
                ("accept-language", "fr"),
            ],
            None,
            reply(
                404,
                &[problem, FR, VARY],
                r#"{"type":"https://api.example.com/errors#TASK_NOT_FOUND","title":"Introuvable","status":404,"detail":"La tâche d'identifiant 42 est introuvable","instance":"/tasks/42","code":"TASK_NOT_FOUND"}"#,
            ),
        ),
        (
            "GET",
            "/tasks?limit=ten",
            &[("accept-language", "fr")],
            None,
            reply(
                400,
                &[JSON, FR, VARY],
                r#"{"code":"BAD_REQUEST","message":"La chaîne de requête n'est pas valide.","details":[{"field":"limit","reason":"invalid digit found in string","location":"query"}],"requestId":"req-tasks"}"#,
            ),
        ),
        // Nothing it speaks: English.
        (
            "GET",
            "/tasks/42",
            &[("accept-language", "de-CH, de;q=0.9")],
            None,
            reply(
                404,
                &[JSON],
                r#"{"code":"TASK_NOT_FOUND","message":"Task with ID 42 could not be found","requestId":"req-tasks"}"#,
            ),
        ),
    ];
    for (method, path, headers, body, expected) in cases {
        assert_eq!(
            call(addr, method, path, headers, body).await,
            expected,
            "{method} {path}"
        );
    }
}

/// Every message of the French file formats for the service's errors: a mistake in it would
/// be a load error (`translations()` is what `router` uses).
#[test]
fn the_french_translations_load() {
    let translations = service::translations();
    assert_eq!(translations.locales().collect::<Vec<_>>(), ["en", "fr"]);
}
