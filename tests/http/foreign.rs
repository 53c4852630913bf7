//! Error responses apierror did not make — framework rejections, unmatched routes, 405, 413,
//! timeouts, panics — put into the envelope: in the layer's default format (flat), in a
//! configured one (problem) and in a negotiated one (problem), each with the request's id.

use super::*;

/// One foreign error: the request that causes it and the exact reply in each format.
struct Foreign {
    method: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    status: u16,
    /// Headers besides `content-type` and `x-request-id`.
    headers: &'static [(&'static str, &'static str)],
    flat: &'static str,
    problem: &'static str,
}

/// 17 bytes, one over the upload limit of both apps.
const TOO_LARGE: &str = "seventeen bytes!!";

const AXUM: &[Foreign] = &[
    Foreign {
        method: "POST",
        path: "/json",
        content_type: Some("application/json"),
        body: r#"{"title":"#,
        status: 400,
        headers: &[],
        flat: r#"{"code":"BAD_REQUEST","message":"The request body is not valid JSON.","details":[{"field":"title","reason":"EOF while parsing a value","location":"body"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request body is not valid JSON.","instance":"/json","code":"BAD_REQUEST","errors":[{"field":"title","reason":"EOF while parsing a value","location":"body"}]}"#,
    },
    Foreign {
        method: "POST",
        path: "/json",
        content_type: Some("text/plain"),
        body: r#"{"title":"x"}"#,
        status: 415,
        headers: &[],
        flat: r#"{"code":"UNSUPPORTED_MEDIA_TYPE","message":"The request body's content type is not supported.","details":[{"field":"content-type","reason":"expected `application/json`","location":"header"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Unsupported Media Type","status":415,"detail":"The request body's content type is not supported.","instance":"/json","code":"UNSUPPORTED_MEDIA_TYPE","errors":[{"field":"content-type","reason":"expected `application/json`","location":"header","code":"unsupported_media_type"}]}"#,
    },
    Foreign {
        method: "POST",
        path: "/json",
        content_type: Some("application/json"),
        body: r#"{"name":"x"}"#,
        status: 422,
        headers: &[],
        flat: r#"{"code":"UNPROCESSABLE_ENTITY","message":"The request body is invalid.","details":[{"field":"title","reason":"missing field `title`","location":"body"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request body is invalid.","instance":"/json","code":"UNPROCESSABLE_ENTITY","errors":[{"field":"title","reason":"missing field `title`","location":"body","code":"missing_field"}]}"#,
    },
    Foreign {
        method: "GET",
        path: "/items/abc",
        content_type: None,
        body: "",
        status: 400,
        headers: &[],
        flat: r#"{"code":"BAD_REQUEST","message":"The request path is invalid.","details":[{"field":"id","reason":"Cannot parse `abc` to a `u32`","location":"path"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request path is invalid.","instance":"/items/abc","code":"BAD_REQUEST","errors":[{"field":"id","reason":"Cannot parse `abc` to a `u32`","location":"path","code":"invalid_value"}]}"#,
    },
    Foreign {
        method: "GET",
        path: "/search?limit=many",
        content_type: None,
        body: "",
        status: 400,
        headers: &[],
        flat: r#"{"code":"BAD_REQUEST","message":"The query string is invalid.","details":[{"field":"limit","reason":"invalid digit found in string","location":"query"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The query string is invalid.","instance":"/search","code":"BAD_REQUEST","errors":[{"field":"limit","reason":"invalid digit found in string","location":"query"}]}"#,
    },
    Foreign {
        method: "GET",
        path: "/nowhere",
        content_type: None,
        body: "",
        status: 404,
        headers: &[],
        flat: r#"{"code":"NOT_FOUND","message":"Not Found","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere","code":"NOT_FOUND"}"#,
    },
    Foreign {
        method: "POST",
        path: "/ok",
        content_type: None,
        body: "",
        status: 405,
        headers: &[("allow", "GET,HEAD")],
        flat: r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/ok","code":"METHOD_NOT_ALLOWED"}"#,
    },
    Foreign {
        method: "POST",
        path: "/upload",
        content_type: None,
        body: TOO_LARGE,
        status: 413,
        headers: &[],
        flat: r#"{"code":"PAYLOAD_TOO_LARGE","message":"The request body is too large.","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Payload Too Large","status":413,"detail":"The request body is too large.","instance":"/upload","code":"PAYLOAD_TOO_LARGE"}"#,
    },
    Foreign {
        method: "GET",
        path: "/slow",
        content_type: None,
        body: "",
        status: 408,
        headers: &[],
        flat: r#"{"code":"REQUEST_TIMEOUT","message":"Request Timeout","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Request Timeout","status":408,"detail":"Request Timeout","instance":"/slow","code":"REQUEST_TIMEOUT"}"#,
    },
    Foreign {
        method: "GET",
        path: "/slow-upstream",
        content_type: None,
        body: "",
        status: 504,
        headers: &[],
        flat: r#"{"code":"GATEWAY_TIMEOUT","message":"The service is temporarily unavailable. Please try again later.","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Gateway Timeout","status":504,"detail":"The service is temporarily unavailable. Please try again later.","instance":"/slow-upstream","code":"GATEWAY_TIMEOUT"}"#,
    },
    Foreign {
        method: "GET",
        path: "/panic",
        content_type: None,
        body: "",
        status: 500,
        headers: &[],
        flat: r#"{"code":"INTERNAL_SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred. Please try again later.","instance":"/panic","code":"INTERNAL_SERVER_ERROR"}"#,
    },
];

/// actix-web's own extractors, with the statuses, codes and messages axum's get: a wrong content
/// type is a 415, a JSON body of the wrong shape a 422, a path that does not parse a 400. Their
/// errors carry no path: a nested field or a query parameter that does not parse is not named
/// (apierror's `actix::{Json, Query}` name it, tests/http/framework_errors.rs).
const ACTIX: &[Foreign] = &[
    Foreign {
        method: "POST",
        path: "/json",
        content_type: Some("application/json"),
        body: r#"{"title":"#,
        status: 400,
        headers: &[],
        flat: r#"{"code":"BAD_REQUEST","message":"The request body is not valid JSON.","details":[{"reason":"EOF while parsing a value","location":"body"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request body is not valid JSON.","instance":"/json","code":"BAD_REQUEST","errors":[{"reason":"EOF while parsing a value","location":"body"}]}"#,
    },
    Foreign {
        method: "POST",
        path: "/json",
        content_type: Some("text/plain"),
        body: r#"{"title":"x"}"#,
        status: 415,
        headers: &[],
        flat: r#"{"code":"UNSUPPORTED_MEDIA_TYPE","message":"The request body's content type is not supported.","details":[{"field":"content-type","reason":"expected `application/json`","location":"header"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Unsupported Media Type","status":415,"detail":"The request body's content type is not supported.","instance":"/json","code":"UNSUPPORTED_MEDIA_TYPE","errors":[{"field":"content-type","reason":"expected `application/json`","location":"header","code":"unsupported_media_type"}]}"#,
    },
    Foreign {
        method: "POST",
        path: "/json",
        content_type: Some("application/json"),
        body: r#"{"name":"x"}"#,
        status: 422,
        headers: &[],
        flat: r#"{"code":"UNPROCESSABLE_ENTITY","message":"The request body is invalid.","details":[{"field":"title","reason":"missing field `title`","location":"body"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request body is invalid.","instance":"/json","code":"UNPROCESSABLE_ENTITY","errors":[{"field":"title","reason":"missing field `title`","location":"body","code":"missing_field"}]}"#,
    },
    Foreign {
        method: "GET",
        path: "/items/abc",
        content_type: None,
        body: "",
        status: 400,
        headers: &[],
        flat: r#"{"code":"BAD_REQUEST","message":"The request path is invalid.","details":[{"field":"id","reason":"can not parse \"abc\" to a u32","location":"path"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request path is invalid.","instance":"/items/abc","code":"BAD_REQUEST","errors":[{"field":"id","reason":"can not parse \"abc\" to a u32","location":"path","code":"invalid_value"}]}"#,
    },
    Foreign {
        method: "GET",
        path: "/search?limit=many",
        content_type: None,
        body: "",
        status: 400,
        headers: &[],
        flat: r#"{"code":"BAD_REQUEST","message":"The query string is invalid.","details":[{"reason":"invalid digit found in string","location":"query"}],"requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The query string is invalid.","instance":"/search","code":"BAD_REQUEST","errors":[{"reason":"invalid digit found in string","location":"query"}]}"#,
    },
    Foreign {
        method: "GET",
        path: "/nowhere",
        content_type: None,
        body: "",
        status: 404,
        headers: &[],
        flat: r#"{"code":"NOT_FOUND","message":"Not Found","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere","code":"NOT_FOUND"}"#,
    },
    Foreign {
        method: "POST",
        path: "/ok",
        content_type: None,
        body: "",
        status: 405,
        headers: &[("allow", "GET")],
        flat: r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/ok","code":"METHOD_NOT_ALLOWED"}"#,
    },
    Foreign {
        method: "POST",
        path: "/upload",
        content_type: None,
        body: TOO_LARGE,
        status: 413,
        headers: &[],
        flat: r#"{"code":"PAYLOAD_TOO_LARGE","message":"The request body is too large.","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Payload Too Large","status":413,"detail":"The request body is too large.","instance":"/upload","code":"PAYLOAD_TOO_LARGE"}"#,
    },
    Foreign {
        method: "GET",
        path: "/panic",
        content_type: None,
        body: "",
        status: 500,
        headers: &[],
        flat: r#"{"code":"INTERNAL_SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"req-foreign"}"#,
        problem: r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred. Please try again later.","instance":"/panic","code":"INTERNAL_SERVER_ERROR"}"#,
    },
];

/// Sends `row`'s request, with `Accept` when given, and checks the reply in `format`.
async fn check(
    framework: &str,
    row: &Foreign,
    addr: SocketAddr,
    accept: Option<&str>,
    format: Format,
) {
    let mut request = support::client()
        .request(
            row.method.parse().unwrap(),
            format!("http://{addr}{}", row.path),
        )
        .header("x-request-id", "req-foreign")
        .body(row.body);
    if let Some(content_type) = row.content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let reply = support::send(request).await;

    let (content_type, body) = match format {
        Format::Problem => ("application/problem+json", row.problem),
        _ => ("application/json", row.flat),
    };
    let mut headers: Vec<(String, String)> = row
        .headers
        .iter()
        .chain(&[
            ("content-type", content_type),
            ("vary", "Accept"),
            ("x-request-id", "req-foreign"),
        ])
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    headers.sort();
    let expected = Reply {
        status: row.status,
        headers,
        body: body.to_owned(),
    };
    assert_eq!(
        reply, expected,
        "{framework}: {} {} as {format} (Accept {accept:?})",
        row.method, row.path
    );
}

#[tokio::test]
async fn foreign_errors_are_put_into_the_envelope() {
    let flat = Servers::start(Format::Flat).await;
    let problem = Servers::start(Format::Problem).await;
    let frameworks = [
        ("axum", AXUM, flat.axum, problem.axum),
        ("actix", ACTIX, flat.actix.addr, problem.actix.addr),
    ];
    for (framework, rows, flat_addr, problem_addr) in frameworks {
        for row in rows {
            check(framework, row, flat_addr, None, Format::Flat).await;
            check(framework, row, problem_addr, None, Format::Problem).await;
            let negotiated = Some("application/problem+json");
            check(framework, row, flat_addr, negotiated, Format::Problem).await;
        }
    }
}

#[tokio::test]
async fn apierror_responses_and_successes_are_left_alone() {
    // The layer's format is for foreign errors only: derived errors keep their own.
    let servers = Servers::start(Format::Problem).await;
    for (framework, addr) in servers.each() {
        let reply = support::get(
            addr,
            "/errors/simple/not_found",
            &[("x-request-id", "req-own")],
        )
        .await;
        assert_eq!(
            reply,
            Reply {
                status: 404,
                headers: vec![
                    ("content-type".into(), "application/json".into()),
                    ("vary".into(), "Accept".into()),
                    ("x-request-id".into(), "req-own".into()),
                ],
                body: r#"{"code":404,"message":"Task with ID 456 could not be found","cause":"TASK_NOT_FOUND"}"#.into(),
            },
            "{framework}"
        );
        let reply = support::get(addr, "/ok", &[("x-request-id", "req-own")]).await;
        assert_eq!(
            reply,
            Reply {
                status: 200,
                headers: vec![
                    ("content-type".into(), "text/plain; charset=utf-8".into()),
                    ("x-request-id".into(), "req-own".into()),
                ],
                body: "hello req-own".into(),
            },
            "{framework}"
        );
    }
}

#[tokio::test]
async fn a_panic_over_a_raw_socket_is_a_well_formed_500() {
    let servers = Servers::start(Format::Flat).await;
    for (framework, addr) in servers.each() {
        let raw = raw(addr, &raw_get("/panic", b"x-request-id: req-panic\r\n")).await;
        assert_eq!(
            raw.status_line, "HTTP/1.1 500 Internal Server Error",
            "{framework}"
        );
        assert_eq!(
            raw.reply.body,
            r#"{"code":"INTERNAL_SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"req-panic"}"#,
            "{framework}"
        );
        assert!(!raw.head.contains("hunter2"), "{framework}: {}", raw.head);
        // The server is still there for the next request.
        let reply = support::get(addr, "/ok", &[("x-request-id", "req-after")]).await;
        assert_eq!(reply.body, "hello req-after", "{framework}");
    }
}

#[tokio::test]
async fn actix_inner_middleware_errors_are_rendered_in_the_requests_context() {
    let server = actix_app::start(Format::Flat);
    let headers = [("x-request-id", "req-guard")];
    let foreign = support::get(server.addr, "/guarded/foreign", &headers).await;
    assert_eq!(
        foreign,
        Reply {
            status: 403,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("vary".into(), "Accept".into()),
                ("x-request-id".into(), "req-guard".into()),
            ],
            body: r#"{"code":"FORBIDDEN","message":"no entry","requestId":"req-guard"}"#.into(),
        }
    );
    // The derived error sees the negotiated format, the path and the id.
    let headers = [
        ("x-request-id", "req-guard"),
        ("accept", "application/problem+json"),
    ];
    let derived = support::get(server.addr, "/guarded/derived", &headers).await;
    assert_eq!(
        derived,
        Reply {
            status: 401,
            headers: vec![
                ("content-type".into(), "application/problem+json".into()),
                ("vary".into(), "Accept".into()),
                ("www-authenticate".into(), "Bearer realm=\"tasks\"".into()),
                ("x-request-id".into(), "req-guard".into()),
            ],
            body: r#"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Authentication is required to access this resource","instance":"/guarded/derived","code":"UNAUTHORIZED"}"#.into(),
        }
    );
    let through = support::get(
        server.addr,
        "/guarded/open",
        &[("x-request-id", "req-guard")],
    )
    .await;
    assert_eq!(through.body, "let through");
    assert_eq!(through.header("x-request-id"), "req-guard");
}

/// Both apps' `/busy`: a foreign 503 whose `Retry-After` is the request's
/// `x-upstream-retry-after`, as an upstream or a load-shedding layer would send it; and
/// `/range`: a 416 to a range past the end, with the `Content-Range` RFC 9110 §15.5.17 asks for.
async fn busy_servers() -> (SocketAddr, ActixServer) {
    use axum::http::HeaderMap;

    async fn axum_busy(headers: HeaderMap) -> Response {
        let mut response = (StatusCode::SERVICE_UNAVAILABLE, "busy").into_response();
        if let Some(value) = headers.get("x-upstream-retry-after") {
            response.headers_mut().insert("retry-after", value.clone());
        }
        response
    }
    async fn actix_busy(request: actix_web::HttpRequest) -> actix_web::HttpResponse {
        let mut response = actix_web::HttpResponse::ServiceUnavailable();
        if let Some(value) = request.headers().get("x-upstream-retry-after") {
            response.insert_header(("retry-after", value.clone()));
        }
        response.body("busy")
    }
    const RANGE_HEADERS: [(&str, &str); 3] = [
        ("content-range", "bytes */1234"),
        ("accept-ranges", "bytes"),
        ("content-type", "text/plain"),
    ];
    async fn axum_range() -> Response {
        (StatusCode::RANGE_NOT_SATISFIABLE, RANGE_HEADERS, "").into_response()
    }
    async fn actix_range() -> actix_web::HttpResponse {
        let mut response = actix_web::HttpResponse::RangeNotSatisfiable();
        for header in RANGE_HEADERS {
            response.insert_header(header);
        }
        response.finish()
    }

    let axum_addr = support::serve_axum(
        axum::Router::new()
            .route("/busy", axum::routing::get(axum_busy))
            .route("/range", axum::routing::get(axum_range))
            .layer(apierror::axum::ErrorLayer::new()),
    )
    .await;
    let actix = ActixServer::start(|listener| {
        Ok(actix_web::HttpServer::new(|| {
            actix_web::App::new()
                .wrap(apierror::actix::ErrorMiddleware::new())
                .route("/busy", actix_web::web::get().to(actix_busy))
                .route("/range", actix_web::web::get().to(actix_range))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    (axum_addr, actix)
}

/// A foreign 416 keeps its `Content-Range` (the representation's length, which a client
/// resumes with), while `Accept-Ranges` and the old body's `Content-Type` go with the body.
#[tokio::test]
async fn a_416_keeps_its_content_range() {
    let (axum_addr, actix) = busy_servers().await;
    for (framework, addr) in [("axum", axum_addr), ("actix", actix.addr)] {
        let reply = support::get(
            addr,
            "/range",
            &[("x-request-id", "req-range"), ("range", "bytes=5000-")],
        )
        .await;
        let expected = Reply {
            status: 416,
            headers: vec![
                ("content-range".into(), "bytes */1234".into()),
                ("content-type".into(), "application/json".into()),
                ("vary".into(), "Accept".into()),
                ("x-request-id".into(), "req-range".into()),
            ],
            body: r#"{"code":"RANGE_NOT_SATISFIABLE","message":"Range Not Satisfiable","requestId":"req-range"}"#.into(),
        };
        assert_eq!(reply, expected, "{framework}");
    }
}

/// A foreign `Retry-After` reaches the client in whole seconds, never shorter than the
/// upstream asked: delay-seconds as they are, a decimal number of seconds rounded up, an HTTP
/// date as the seconds left; what cannot be read is dropped.
#[tokio::test]
async fn foreign_retry_after_is_sent_in_whole_seconds_never_shorter() {
    let (axum_addr, actix) = busy_servers().await;
    let in_a_minute = actix_web::http::header::HttpDate::from(
        std::time::SystemTime::now() + std::time::Duration::from_secs(60),
    )
    .to_string();
    let cases = [
        ("7", Some("7")),
        ("0", Some("0")),
        ("1.5", Some("2")),
        ("0.001", Some("1")),
        ("2.0", Some("2")),
        ("29.999", Some("30")),
        ("soon", None),
        ("-1.5", None),
    ];
    for (framework, addr) in [("axum", axum_addr), ("actix", actix.addr)] {
        for (sent, expected) in cases {
            let reply = support::get(
                addr,
                "/busy",
                &[
                    ("x-request-id", "req-retry"),
                    ("x-upstream-retry-after", sent),
                ],
            )
            .await;
            let mut headers = vec![
                ("content-type".to_owned(), "application/json".to_owned()),
                ("vary".to_owned(), "Accept".to_owned()),
                ("x-request-id".to_owned(), "req-retry".to_owned()),
            ];
            headers.extend(expected.map(|secs| ("retry-after".to_owned(), secs.to_owned())));
            headers.sort();
            let expected = Reply {
                status: 503,
                headers,
                body: r#"{"code":"SERVICE_UNAVAILABLE","message":"The service is temporarily unavailable. Please try again later.","requestId":"req-retry"}"#.into(),
            };
            assert_eq!(reply, expected, "{framework}: Retry-After {sent:?}");
        }

        let dated = support::get(
            addr,
            "/busy",
            &[("x-upstream-retry-after", in_a_minute.as_str())],
        )
        .await;
        let secs: u64 = dated.header("retry-after").parse().unwrap();
        assert!(
            (59..=61).contains(&secs),
            "{framework}: {in_a_minute} -> {secs}"
        );
    }
}

/// The error `/mark/apierror` renders: a code and message of its own, so that a rewrite (which
/// would make it `NOT_FOUND` with the status's message) shows.
fn marked_error() -> HttpError {
    HttpError::new(StatusCode::NOT_FOUND)
        .with_code("TASK_GONE")
        .with_message("The task is gone.")
}

/// A handler's own JSON 404.
const OWN_JSON: &str = r#"{"error":"mine"}"#;

/// Both apps with the routes of the content-type mark: apierror's own 404, and a handler's own
/// JSON 404 whose `application/json` comes from its own literal (copied into the header value),
/// or from `HeaderValue::from_static` of its own literal (the literal's bytes, not copied).
async fn mark_servers() -> (SocketAddr, ActixServer) {
    use axum::http::HeaderValue;
    use axum::http::header::CONTENT_TYPE;

    let axum_addr = support::serve_axum(
        axum::Router::new()
            .route(
                "/mark/apierror",
                axum::routing::get(|| async { marked_error() }),
            )
            .route(
                "/mark/copied",
                axum::routing::get(|| async {
                    let value = HeaderValue::from_str("application/json").unwrap();
                    (StatusCode::NOT_FOUND, [(CONTENT_TYPE, value)], OWN_JSON)
                }),
            )
            .route(
                "/mark/static",
                axum::routing::get(|| async {
                    let value = HeaderValue::from_static("application/json");
                    (StatusCode::NOT_FOUND, [(CONTENT_TYPE, value)], OWN_JSON)
                }),
            )
            .layer(apierror::axum::ErrorLayer::new()),
    )
    .await;
    let actix = ActixServer::start(|listener| {
        use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
        Ok(actix_web::HttpServer::new(|| {
            actix_web::App::new()
                .wrap(apierror::actix::ErrorMiddleware::new())
                .route(
                    "/mark/apierror",
                    actix_web::web::get()
                        .to(|| async { Err::<actix_web::HttpResponse, _>(marked_error()) }),
                )
                .route(
                    "/mark/copied",
                    actix_web::web::get().to(|| async {
                        actix_web::HttpResponse::NotFound()
                            .content_type("application/json")
                            .body(OWN_JSON)
                    }),
                )
                .route(
                    "/mark/static",
                    actix_web::web::get().to(|| async {
                        actix_web::HttpResponse::NotFound()
                            .insert_header((
                                CONTENT_TYPE,
                                HeaderValue::from_static("application/json"),
                            ))
                            .body(OWN_JSON)
                    }),
                )
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    (axum_addr, actix)
}

/// The layer knows apierror's responses by their `Content-Type` value's bytes (apierror's own
/// static): its own JSON and problem+json responses pass untouched, and a handler's own JSON
/// 404 with the same content type text, from its own literal or `from_static`, is still put
/// into the envelope.
#[tokio::test]
async fn apierrors_content_type_marks_its_responses_and_a_handlers_equal_one_does_not() {
    let (axum_addr, actix) = mark_servers().await;
    let id = [("x-request-id", "req-mark")];
    let ctx = apierror::Context::default()
        .with_request_id("req-mark")
        .with_instance("/mark/apierror");
    let reply = |content_type: &str, body: Vec<u8>| Reply {
        status: 404,
        headers: vec![
            ("content-type".to_owned(), content_type.to_owned()),
            ("vary".to_owned(), "Accept".to_owned()),
            ("x-request-id".to_owned(), "req-mark".to_owned()),
        ],
        body: String::from_utf8(body).unwrap(),
    };
    for (framework, addr) in [("axum", axum_addr), ("actix", actix.addr)] {
        // apierror's own, in each content type: untouched (a rewrite would say NOT_FOUND).
        let own = support::get(addr, "/mark/apierror", &id).await;
        let flat = apierror::to_json(&marked_error(), Format::Flat, &ctx);
        assert_eq!(own, reply("application/json", flat), "{framework}");
        let problem_accept = [id[0], ("accept", "application/problem+json")];
        let own = support::get(addr, "/mark/apierror", &problem_accept).await;
        let problem = apierror::to_json(&marked_error(), Format::Problem, &ctx);
        assert_eq!(
            own,
            reply("application/problem+json", problem),
            "{framework}"
        );
        assert!(own.body.contains(r#""code":"TASK_GONE""#), "{framework}");

        // A handler's own, with equal text: rewritten.
        for path in ["/mark/copied", "/mark/static"] {
            let theirs = support::get(addr, path, &id).await;
            // The handler's own text kept (its `error` member, as a client reads it).
            let rewritten = r#"{"code":"NOT_FOUND","message":"mine","requestId":"req-mark"}"#;
            assert_eq!(
                theirs,
                reply("application/json", rewritten.into()),
                "{framework} {path}"
            );
        }
    }
}

/// A foreign error response whose body streams: its first chunk is waited for (a proxied
/// upstream's body may lag its head), then only what is ready is read, so a body that never
/// ends is answered with the text it had ready, not waited on (it hung the answer).
#[tokio::test]
async fn a_streaming_error_body_is_read_to_its_first_chunk_then_as_far_as_ready() {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// What a scripted body does when polled.
    #[derive(Clone, Copy)]
    enum Step {
        /// Not ready yet, and wakes the task at once (a chunk on its way).
        Lag,
        Chunk(&'static str),
        /// Not ready, never again (no waker kept).
        Stall,
    }
    struct Scripted(std::collections::VecDeque<Step>);
    impl Scripted {
        fn new(steps: &[Step]) -> Self {
            Self(steps.iter().copied().collect())
        }
        fn next(&mut self, cx: &Context<'_>) -> Poll<Option<bytes::Bytes>> {
            match self.0.front().copied() {
                None => Poll::Ready(None),
                Some(Step::Stall) => Poll::Pending,
                Some(Step::Lag) => {
                    self.0.pop_front();
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
                Some(Step::Chunk(text)) => {
                    self.0.pop_front();
                    Poll::Ready(Some(bytes::Bytes::from_static(text.as_bytes())))
                }
            }
        }
    }
    impl http_body::Body for Scripted {
        type Data = bytes::Bytes;
        type Error = std::io::Error;
        fn poll_frame(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
        ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, std::io::Error>>> {
            self.next(cx)
                .map(|chunk| chunk.map(|chunk| Ok(http_body::Frame::data(chunk))))
        }
    }
    impl actix_web::body::MessageBody for Scripted {
        type Error = std::io::Error;
        fn size(&self) -> actix_web::body::BodySize {
            actix_web::body::BodySize::Stream
        }
        fn poll_next(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
        ) -> Poll<Option<Result<bytes::Bytes, std::io::Error>>> {
            self.next(cx).map(|chunk| chunk.map(Ok))
        }
    }
    use Step::{Chunk, Lag, Stall};
    /// Per path: the body's script and the message the answer has.
    const CASES: &[(&str, &[Step], &str)] = &[
        // Never ends after its first chunk: what it had ready.
        (
            "/stalls",
            &[Chunk("upstream says no"), Stall],
            "upstream says no",
        ),
        // Lags its head, then comes whole: all of it.
        (
            "/lags",
            &[Lag, Lag, Chunk("quota exceeded"), Lag],
            "quota exceeded",
        ),
        // Ready at once in two chunks.
        (
            "/chunked",
            &[Chunk("the whole "), Chunk("text")],
            "the whole text",
        ),
    ];
    fn script(path: &str) -> Scripted {
        let (_, steps, _) = CASES.iter().find(|(p, _, _)| *p == path).unwrap();
        Scripted::new(steps)
    }

    let mut router = axum::Router::new();
    for (path, _, _) in CASES {
        router = router.route(
            path,
            axum::routing::get(move || async move {
                (
                    StatusCode::BAD_REQUEST,
                    [(http::header::CONTENT_TYPE, "text/plain")],
                    axum::body::Body::new(script(path)),
                )
                    .into_response()
            }),
        );
    }
    let axum_addr = support::serve_axum(router.layer(apierror::axum::ErrorLayer::new())).await;
    let actix = ActixServer::start(|listener| {
        Ok(actix_web::HttpServer::new(|| {
            let mut app = actix_web::App::new().wrap(apierror::actix::ErrorMiddleware::new());
            for (path, _, _) in CASES {
                app = app.route(
                    path,
                    actix_web::web::get().to(move || async move {
                        actix_web::HttpResponse::BadRequest()
                            .content_type("text/plain")
                            .body(script(path))
                    }),
                );
            }
            app
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    for addr in [axum_addr, actix.addr] {
        for (path, _, message) in CASES {
            // Waiting on a body to its end, `/stalls` would hang until the client's timeout.
            let reply = support::get(addr, path, &[("x-request-id", "req-stream")]).await;
            assert_eq!(reply.status, 400, "{path}");
            assert_eq!(
                reply.body,
                format!(
                    r#"{{"code":"BAD_REQUEST","message":"{message}","requestId":"req-stream"}}"#
                ),
                "{path}"
            );
        }
    }
}
