//! "Validation": `check()` with `#[from]`, the extractor, an error type of your own.

use apierror::ApiError;
use axum::Json;
use axum::body::Body;
use http::{Request, StatusCode};
use serde::Deserialize;
use tower::ServiceExt as _;

use apierror::validation::{ValidatorExt as _, Violations};  // GardeExt for garde
use validator::Validate;

#[derive(Debug, thiserror::Error, ApiError)]
enum SignupError {
    /// The signup form is invalid.
    #[status(422)]
    #[code("INVALID_SIGNUP")]
    #[message("The signup form is invalid.")]
    #[error("invalid signup: {0}")]
    Invalid(#[from] #[details] Violations),
}

#[derive(Deserialize, Validate)]
struct Signup {
    #[validate(length(min = 3))]
    name: String,
    #[validate(nested)]
    items: Vec<Item>,
}

async fn signup(Json(form): Json<Signup>) -> Result<String, SignupError> {
    form.check()?;   // or: form.validate().map_err(Violations::from)?
    Ok(format!("welcome {}", form.name))
}

#[derive(Deserialize, Validate)]
struct Item {
    #[validate(range(min = 1))]
    qty: u32,
}

mod extractor {
    use super::{INVALID, Signup, details, post};
    use axum::Json;
    use http::StatusCode;

    use apierror::axum::Valid;   // on actix-web: apierror::actix::{Json, Valid}; with garde: Garde

    async fn signup(Valid(Json(form), _): Valid<Json<Signup>>) -> String {
        format!("welcome {}", form.name)
    }

    #[tokio::test]
    async fn the_extractor() {
        let (status, body) = post(signup, INVALID).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            body,
            serde_json::json!({
                "code": "VALIDATION_FAILED",
                "message": "The request failed validation.",
                "details": details(),
                "requestId": "req-1",
            })
        );
    }
}

mod own_error {
    use super::{INVALID, Signup, details, post};
    use http::StatusCode;
    use apierror::ApiError;
    use apierror::axum::Valid;
    use apierror::validation::Violations;
    use axum::Json;

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

    async fn signup(Valid(Json(form), _): Valid<Json<Signup>, InvalidInput>) -> String {
        format!("welcome {}", form.name)
    }

    #[tokio::test]
    async fn an_error_type_of_your_own() {
        let (status, body) = post(signup, INVALID).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["code"], "INVALID_INPUT");
        assert_eq!(body["message"], "The input is invalid.");
        assert_eq!(body["details"], details());
    }
}

/// POSTs `body` to `route` at `/signup` behind `ErrorLayer`; the status and the JSON body.
async fn post<H, T>(route: H, body: &str) -> (StatusCode, serde_json::Value)
where
    H: axum::handler::Handler<T, ()>,
    T: 'static,
{
    let app = axum::Router::new()
        .route("/signup", axum::routing::post(route))
        .layer(apierror::axum::ErrorLayer::new());
    let request = Request::post("/signup")
        .header("content-type", "application/json")
        .header("x-request-id", "req-1")
        .body(Body::from(body.to_owned()))
        .expect("a request");
    let response = app.oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.expect("the body");
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, json)
}

const INVALID: &str = r#"{"name":"ab","items":[{"qty":1},{"qty":0}]}"#;

fn details() -> serde_json::Value {
    serde_json::json!([
        {"field": "items[1].qty", "reason": "Must be at least 1", "location": "body"},
        {"field": "name", "reason": "Must be at least 3 characters", "location": "body"},
    ])
}

#[tokio::test]
async fn one_question_mark_is_enough() {
    let (status, body) = post(signup, r#"{"name":"Ada","items":[]}"#).await;
    assert_eq!((status, body), (StatusCode::OK, serde_json::Value::Null));
    let (status, body) = post(signup, INVALID).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "INVALID_SIGNUP");
    // `check()` keeps each rule's code; the extractor's body below says the same without them.
    let fields: Vec<_> = body["details"].as_array().expect("details").iter().map(|d| d["field"].clone()).collect();
    assert_eq!(fields, ["items[1].qty", "name"]);
}
