//! The example service's documents: its Markdown error reference (golden), its catalog held
//! against the committed `errors.lock.json`, and its `/openapi.json` — valid OpenAPI 3.1, and
//! every error response the service really sends matching the schema documented for it.

#[allow(dead_code)] // the example's `main` and helpers the tests do not call
#[path = "../examples/tasks_api.rs"]
mod service;

use serde_json::Value;
use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn markdown_reference_of_the_service() {
    let path = root().join("tests/golden/tasks_api_reference.md");
    let actual = service::SERVICE_ERRORS.to_markdown();
    if std::env::var_os("APIERROR_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), actual);
}

#[test]
fn the_service_catalog_matches_its_lock_file() {
    service::SERVICE_ERRORS
        .check_lock(root().join("errors.lock.json"))
        .unwrap_or_else(|error| panic!("{error}"));
}

async fn start(creates_per_minute: u32) -> (SocketAddr, service::AppState) {
    let state = service::AppState::new(service::Config {
        token: "test-token".into(),
        creates_per_minute,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = service::router(state.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, state)
}

/// Validates an OpenAPI document with the `openapi-spec-validator` package (installed from
/// PyPI when missing), which checks it against the official OpenAPI 3.1 schema.
fn validate_openapi_31(document: &Value) {
    let python = "python3";
    let has_validator = |python: &str| {
        Command::new(python)
            .args(["-c", "import openapi_spec_validator"])
            .status()
            .is_ok_and(|status| status.success())
    };
    if !has_validator(python) {
        let installed = Command::new(python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "openapi-spec-validator==0.9.*",
            ])
            .status()
            .is_ok_and(|status| status.success());
        assert!(
            installed && has_validator(python),
            "this test needs python3 with the openapi-spec-validator package (pip install openapi-spec-validator)"
        );
    }
    let path = std::env::temp_dir().join(format!("apierror-openapi-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_vec_pretty(document).unwrap()).unwrap();
    let output = Command::new(python)
        .args(["-m", "openapi_spec_validator", "--schema", "3.1"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "not valid OpenAPI 3.1:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn openapi_document_is_valid_and_describes_every_error_sent() {
    let (addr, state) = start(1).await;
    let client = reqwest::Client::new();
    let base = format!("http://{addr}");
    let document = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let document: Value = serde_json::from_slice(&document).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    let validator_doc = document.clone();
    tokio::task::spawn_blocking(move || validate_openapi_31(&validator_doc))
        .await
        .unwrap();

    // Provoke every error of the service's catalog, then check each response against the
    // schema the document gives for its path, method and status.
    let create = |title: &str| {
        client
            .post(format!("{base}/tasks"))
            .header("content-type", "application/json")
            .body(format!(r#"{{"title":"{title}"}}"#))
    };
    let created = create("write docs").send().await.unwrap();
    assert_eq!(created.status(), 201);
    let cases = vec![
        ("/tasks", "get", client.get(format!("{base}/tasks?limit=0"))),
        (
            "/tasks/{id}",
            "get",
            client.get(format!("{base}/tasks/999")),
        ),
        ("/tasks", "post", create("write docs")), // rate limited: one create a minute
        (
            "/tasks/{id}",
            "put",
            client
                .put(format!("{base}/tasks/1"))
                .header("content-type", "application/json")
                .header("if-match", "\"7\"")
                .body(r#"{"title":"new"}"#),
        ),
        (
            "/tasks/{id}",
            "put",
            client
                .put(format!("{base}/tasks/1"))
                .header("content-type", "application/json")
                .body(r#"{"title":"   ","priority":9}"#),
        ),
        (
            "/tasks/{id}",
            "delete",
            client.delete(format!("{base}/tasks/1")),
        ),
        (
            "/tasks/{id}",
            "delete",
            client
                .delete(format!("{base}/tasks/1"))
                .header("authorization", "Bearer wrong"),
        ),
    ];
    // axum's rejections, rewritten by the layer: documented as the framework's entries.
    let rejections = [
        client
            .post(format!("{base}/tasks"))
            .header("content-type", "application/json")
            .body(r#"{"title":1}"#),
        client
            .post(format!("{base}/tasks"))
            .body(r#"{"title":"x"}"#),
        client
            .post(format!("{base}/tasks"))
            .header("content-type", "application/json")
            .body("{"),
    ];
    let cases = cases
        .into_iter()
        .chain(rejections.map(|request| ("/tasks", "post", request)))
        .chain([(
            "/tasks",
            "get",
            client.get(format!("{base}/tasks?limit=ten")),
        )]);
    let mut statuses = Vec::new();
    for (path, method, request) in cases {
        let response = request.send().await.unwrap();
        statuses.push(response.status().as_u16());
        check_documented(&document, path, method, response).await;
    }
    assert_eq!(
        statuses,
        [400, 404, 429, 412, 422, 401, 401, 422, 415, 400, 400]
    );

    // A duplicate title (409), then a poisoned store (500).
    let (addr, state2) = start(10).await;
    let base2 = format!("http://{addr}");
    for expected in [201, 409] {
        let response = client
            .post(format!("{base2}/tasks"))
            .header("content-type", "application/json")
            .body(r#"{"title":"same"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected);
        if expected == 409 {
            check_documented(&document, "/tasks", "post", response).await;
        }
    }
    drop(state2);
    let store = state.store.clone();
    let _ = std::thread::spawn(move || {
        let _guard = store.write().unwrap();
        panic!("poison the store");
    })
    .join();
    let response = client.get(format!("{base}/tasks/1")).send().await.unwrap();
    assert_eq!(response.status(), 500);
    check_documented(&document, "/tasks/{id}", "get", response).await;
}

async fn check_documented(document: &Value, path: &str, method: &str, response: reqwest::Response) {
    let status = response.status().as_u16().to_string();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    let documented = &document["paths"][path][method]["responses"][&status];
    assert!(
        documented.is_object(),
        "{method} {path} does not document {status}"
    );
    let schema = &documented["content"][&content_type]["schema"];
    assert!(
        schema.is_object(),
        "{method} {path} {status}: no {content_type} schema"
    );
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {status}: {body} does not match its documented schema: {errors:?}"
    );
    let code = body["code"].as_str().unwrap();
    assert!(
        documented["content"][&content_type]["examples"][code].is_object(),
        "{method} {path} {status}: no example for {code}"
    );
}
