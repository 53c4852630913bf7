//! The validating extractors over real sockets: `Valid<Json<T>>`, `Valid<Query<T>>` (validator)
//! and `Garde<Json<T>>`, `Garde<Query<T>>` (garde) answer identically on axum and actix-web —
//! 422 `VALIDATION_FAILED` in the request's envelope and context, details located `body` or
//! `query` — or with the service's own error type; deserialization failures stay the
//! framework's, rewritten by the layer.

use super::support::{ActixServer, Reply, client, send};
use apierror::ApiError;
use apierror::validation::Violations;
use serde::Deserialize;
// validator's derive calls `validate()` on nested values with its trait in scope.
use std::net::SocketAddr;
use validator::Validate as _;

#[derive(Debug, Deserialize, validator::Validate)]
struct Signup {
    #[validate(length(min = 3))]
    name: String,
    #[validate(length(min = 8), must_match(other = "password2"))]
    password: String,
    password2: String,
    #[validate(nested)]
    items: Vec<Item>,
}

#[derive(Debug, Deserialize, validator::Validate)]
struct Item {
    #[validate(range(min = 1))]
    qty: u32,
}

#[derive(Debug, Deserialize, validator::Validate)]
struct Search {
    #[validate(length(min = 2, message = "Say a little more"))]
    q: String,
    #[validate(range(max = 100))]
    limit: u32,
}

#[derive(Debug, Deserialize, garde::Validate)]
struct GSignup {
    #[garde(length(min = 3))]
    name: String,
    #[garde(length(min = 8), matches(password2))]
    password: String,
    #[garde(skip)]
    password2: String,
    #[garde(dive)]
    items: Vec<GItem>,
}

#[derive(Debug, Deserialize, garde::Validate)]
struct GItem {
    #[garde(range(min = 1))]
    qty: u32,
}

#[derive(Debug, Deserialize, garde::Validate)]
struct GSearch {
    #[garde(length(min = 2))]
    q: String,
    #[garde(range(max = 100))]
    limit: u32,
}

/// The service's own answer to invalid input: a 400 `INVALID_INPUT`.
#[derive(Debug, thiserror::Error, ApiError)]
#[status(400)]
#[code("INVALID_INPUT")]
#[message("The input is invalid.")]
#[error("invalid input")]
struct InvalidInput {
    #[details]
    violations: Violations,
}

impl From<Violations> for InvalidInput {
    fn from(violations: Violations) -> Self {
        Self { violations }
    }
}

mod on_axum {
    use super::*;
    use apierror::axum::{ErrorLayer, Garde, Valid};
    use axum::extract::{Json, Query};
    use axum::routing::{get, post};

    async fn signup(Valid(Json(body), _): Valid<Json<Signup>>) -> String {
        format!("welcome {}", body.name)
    }

    async fn search(Valid(Query(query), _): Valid<Query<Search>>) -> String {
        format!("{} {}", query.q, query.limit)
    }

    async fn garde_signup(Garde(Json(body), _): Garde<Json<GSignup>>) -> String {
        format!("welcome {}", body.name)
    }

    async fn garde_search(Garde(Query(query), _): Garde<Query<GSearch>>) -> String {
        format!("{} {}", query.q, query.limit)
    }

    async fn own(form: Valid<Json<Signup>, InvalidInput>) -> String {
        format!("welcome {}", form.0.name)
    }

    pub async fn serve() -> SocketAddr {
        let router = axum::Router::new()
            .route("/signup", post(signup))
            .route("/search", get(search))
            .route("/garde/signup", post(garde_signup))
            .route("/garde/search", get(garde_search))
            .route("/own", post(own))
            .layer(ErrorLayer::new());
        super::super::support::serve_axum(router).await
    }
}

mod on_actix {
    use super::*;
    use actix_web::web;
    // apierror's own extractors (a body that does not deserialize names its field) for
    // validator, actix-web's for garde: the wrappers take either.
    use apierror::actix::{ErrorMiddleware, Garde, Json, Query, Valid};
    use web::{Json as WebJson, Query as WebQuery};

    async fn signup(Valid(Json(body), _): Valid<Json<Signup>>) -> String {
        format!("welcome {}", body.name)
    }

    async fn search(Valid(Query(query), _): Valid<Query<Search>>) -> String {
        format!("{} {}", query.q, query.limit)
    }

    async fn garde_signup(Garde(WebJson(body), _): Garde<WebJson<GSignup>>) -> String {
        format!("welcome {}", body.name)
    }

    async fn garde_search(Garde(WebQuery(query), _): Garde<WebQuery<GSearch>>) -> String {
        format!("{} {}", query.q, query.limit)
    }

    async fn own(form: Valid<Json<Signup>, InvalidInput>) -> String {
        format!("welcome {}", form.0.name)
    }

    pub fn serve() -> ActixServer {
        ActixServer::start(|listener| {
            Ok(actix_web::HttpServer::new(|| {
                actix_web::App::new()
                    .wrap(ErrorMiddleware::new())
                    .service(web::resource("/signup").route(web::post().to(signup)))
                    .service(web::resource("/search").route(web::get().to(search)))
                    .service(web::resource("/garde/signup").route(web::post().to(garde_signup)))
                    .service(web::resource("/garde/search").route(web::get().to(garde_search)))
                    .service(web::resource("/own").route(web::post().to(own)))
            })
            .workers(1)
            .disable_signals()
            .listen(listener)?
            .run())
        })
    }
}

async fn post(addr: SocketAddr, path: &str, body: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = client()
        .post(format!("http://{addr}{path}"))
        .header("content-type", "application/json")
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(request).await
}

async fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Reply {
    super::support::get(addr, path, headers).await
}

const BAD_SIGNUP: &str = r#"{"name":"al","password":"hunter2-SECRET","password2":"hunter3-SECRET","items":[{"qty":1},{"qty":0}]}"#;
const GOOD_SIGNUP: &str =
    r#"{"name":"alice","password":"long enough","password2":"long enough","items":[{"qty":1}]}"#;

/// Every reply both servers give to the same requests, in order.
async fn replies(addr: SocketAddr) -> Vec<Reply> {
    let id = [("x-request-id", "req-valid")];
    let problem = [
        ("x-request-id", "req-valid"),
        ("accept", "application/problem+json"),
    ];
    vec![
        post(addr, "/signup", BAD_SIGNUP, &id).await,
        post(addr, "/signup", BAD_SIGNUP, &problem).await,
        post(addr, "/signup", GOOD_SIGNUP, &id).await,
        get(addr, "/search?q=a&limit=500", &id).await,
        get(addr, "/search?q=rust&limit=5", &id).await,
        post(addr, "/garde/signup", BAD_SIGNUP, &id).await,
        get(addr, "/garde/search?q=a&limit=500", &problem).await,
        post(addr, "/own", BAD_SIGNUP, &id).await,
    ]
}

#[tokio::test]
async fn validating_extractors_answer_alike_on_both_frameworks() {
    let axum_addr = on_axum::serve().await;
    let actix = on_actix::serve();
    let from_axum = replies(axum_addr).await;
    let from_actix = replies(actix.addr).await;

    let flat = |body: &str, status: u16| Reply {
        status,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("vary".into(), "Accept".into()),
            ("x-request-id".into(), "req-valid".into()),
        ],
        body: body.into(),
    };
    let problem = |body: &str| Reply {
        status: 422,
        headers: vec![
            ("content-type".into(), "application/problem+json".into()),
            ("vary".into(), "Accept".into()),
            ("x-request-id".into(), "req-valid".into()),
        ],
        body: body.into(),
    };
    let text = |body: &str| Reply {
        status: 200,
        headers: vec![
            ("content-type".into(), "text/plain; charset=utf-8".into()),
            ("x-request-id".into(), "req-valid".into()),
        ],
        body: body.into(),
    };
    let expected = [
        flat(
            r#"{"code":"VALIDATION_FAILED","message":"The request failed validation.","details":[{"field":"items[1].qty","reason":"Must be at least 1","location":"body"},{"field":"name","reason":"Must be at least 3 characters","location":"body"},{"field":"password","reason":"Must match the other field","location":"body"}],"requestId":"req-valid"}"#,
            422,
        ),
        problem(
            r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request failed validation.","instance":"/signup","code":"VALIDATION_FAILED","errors":[{"field":"items[1].qty","reason":"Must be at least 1","location":"body","code":"range"},{"field":"name","reason":"Must be at least 3 characters","location":"body","code":"length"},{"field":"password","reason":"Must match the other field","location":"body","code":"must_match"}]}"#,
        ),
        text("welcome alice"),
        flat(
            r#"{"code":"VALIDATION_FAILED","message":"The request failed validation.","details":[{"field":"limit","reason":"Must be at most 100","location":"query"},{"field":"q","reason":"Say a little more","location":"query"}],"requestId":"req-valid"}"#,
            422,
        ),
        text("rust 5"),
        flat(
            r#"{"code":"VALIDATION_FAILED","message":"The request failed validation.","details":[{"field":"items[1].qty","reason":"lower than 1","location":"body"},{"field":"name","reason":"length is lower than 3","location":"body"},{"field":"password","reason":"does not match password2 field","location":"body"}],"requestId":"req-valid"}"#,
            422,
        ),
        problem(
            r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request failed validation.","instance":"/garde/search","code":"VALIDATION_FAILED","errors":[{"field":"limit","reason":"greater than 100","location":"query"},{"field":"q","reason":"length is lower than 2","location":"query"}]}"#,
        ),
        flat(
            r#"{"code":"INVALID_INPUT","message":"The input is invalid.","details":[{"field":"items[1].qty","reason":"Must be at least 1","location":"body"},{"field":"name","reason":"Must be at least 3 characters","location":"body"},{"field":"password","reason":"Must match the other field","location":"body"}],"requestId":"req-valid"}"#,
            400,
        ),
    ];
    for (index, expected) in expected.iter().enumerate() {
        assert_eq!(&from_axum[index], expected, "axum, reply {index}");
        assert_eq!(&from_actix[index], expected, "actix-web, reply {index}");
    }
    // The rejected password is in no reply.
    for reply in from_axum.iter().chain(&from_actix) {
        assert!(!format!("{reply:?}").contains("SECRET"), "{reply:?}");
    }
}

#[tokio::test]
async fn bodies_that_do_not_deserialize_stay_framework_errors() {
    let axum_addr = on_axum::serve().await;
    let actix = on_actix::serve();
    let id = [("x-request-id", "req-parse")];
    // `/signup` wraps axum's `Json` and apierror's actix `Json`: the same rewritten error, the
    // missing field named. `/garde/signup` on actix-web wraps `web::Json`, whose error the
    // middleware rewrites with the same status but no field (actix-web's error has no path).
    for (framework, addr) in [("axum", axum_addr), ("actix-web", actix.addr)] {
        let reply = post(addr, "/signup", r#"{"name":"alice"}"#, &id).await;
        assert_eq!(
            reply.body,
            r#"{"code":"UNPROCESSABLE_ENTITY","message":"The request body is invalid.","details":[{"field":"password","reason":"missing field `password`","location":"body"}],"requestId":"req-parse"}"#,
            "{framework}"
        );
        assert_eq!(reply.status, 422, "{framework}");
        for (path, body, status) in [
            ("/signup", "{not json", 400),
            ("/garde/signup", r#"{"name":5}"#, 422),
        ] {
            let reply = post(addr, path, body, &id).await;
            assert_eq!(reply.status, status, "{framework} {path} {body}: {reply:?}");
            let json = reply.json();
            assert_ne!(json["code"], "VALIDATION_FAILED", "{framework}: {json}");
            assert_eq!(json["requestId"], "req-parse", "{framework}: {json}");
        }
        // A value of the wrong type is not repeated: the password sent as a number, a query
        // value sent as words.
        let reply = post(
            addr,
            "/signup",
            r#"{"name":"alice","password":31415926535,"password2":"x","items":[]}"#,
            &id,
        )
        .await;
        assert_eq!(reply.status, 422, "{framework}: {reply:?}");
        assert_eq!(
            reply.json()["details"][0]["reason"],
            "invalid type: integer, expected a string",
            "{framework}"
        );
        assert!(
            !reply.body.contains("31415926535"),
            "{framework}: {reply:?}"
        );
        // What serde_json calls syntax inside well-formed JSON (a number out of range, a lone
        // surrogate) is a malformed body on both, as axum's `Json` answers it.
        let huge = format!(
            r#"{{"name":"alice","password":"x","password2":"x","items":[{{"qty":1{}}}]}}"#,
            "0".repeat(400)
        );
        let surrogate = r#"{"name":"a\ud800","password":"x","password2":"x","items":[]}"#;
        for body in [huge.as_str(), surrogate] {
            let reply = post(addr, "/signup", body, &id).await;
            assert_eq!(reply.status, 400, "{framework}: {reply:?}");
            assert_eq!(reply.json()["code"], "BAD_REQUEST", "{framework}");
        }
        let reply = get(addr, "/search?q=rust&limit=lots", &id).await;
        assert!(!reply.body.contains("lots"), "{framework}: {reply:?}");
        assert_eq!(reply.status, 400, "{framework}: {reply:?}");
        assert_eq!(reply.json()["code"], "BAD_REQUEST", "{framework}");
        assert_eq!(reply.json()["details"][0]["field"], "limit", "{framework}");
        assert_eq!(
            reply.json()["details"][0]["location"],
            "query",
            "{framework}"
        );
    }
}
