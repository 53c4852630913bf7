//! The example service's documents: its Markdown error reference (golden), its catalog held
//! against the committed `errors.lock.json`, and its `/openapi.json` — valid OpenAPI 3.1, each
//! route documenting exactly the errors it can return, and every error response the service
//! really sends matching the schema documented for its route, status and media type.

#[allow(dead_code)] // the example's `main` and helpers the tests do not call
#[path = "../examples/tasks_api.rs"]
mod service;

#[path = "support/openapi31.rs"]
mod openapi31;
use openapi31::validate_openapi_31;

use serde_json::Value;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

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

async fn start(creates_per_minute: u32, timeout: Duration) -> (SocketAddr, service::AppState) {
    let state = service::AppState::new(service::Config {
        token: "test-token".into(),
        creates_per_minute,
        timeout,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = service::router(state.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, state)
}

/// The media types a client can ask for: the service's own (Flat) and RFC 9457's.
const ACCEPTS: [&str; 2] = ["application/json", "application/problem+json"];

/// One response as the test reads it.
struct Sent {
    status: u16,
    content_type: String,
    body: Value,
}

async fn send(request: reqwest::RequestBuilder) -> Sent {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    Sent {
        status,
        content_type,
        body,
    }
}

/// A request whose JSON body never finishes arriving (its `Content-Length` promises more), on a
/// raw socket: the server's timeout answers it.
async fn send_slow_body(addr: SocketAddr, method: &str, path: &str, accept: &str) -> Sent {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\naccept: {accept}\r\n\
         content-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"title\""
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    let (head, body) = loop {
        let read = socket.read(&mut buffer).await.unwrap();
        assert!(read > 0, "connection closed before a response");
        received.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|line| {
                    line.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(str::to_owned)
                })
                .unwrap()
                .parse()
                .unwrap();
            if body.len() >= length {
                break (head.to_owned(), body[..length].to_owned());
            }
        }
    };
    let status = head[9..12].parse().unwrap();
    let content_type = head
        .lines()
        .find_map(|line| {
            line.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_owned)
        })
        .unwrap();
    Sent {
        status,
        content_type,
        body: serde_json::from_str(&body).unwrap(),
    }
}

/// Every route, with each error its documentation lists, sent over a socket in both media
/// types: each response matches the schema documented for its route, status and media type,
/// and has an example; and the errors sent are exactly the errors documented, route by route.
#[tokio::test(flavor = "multi_thread")]
async fn openapi_document_is_valid_and_each_route_documents_exactly_its_errors() {
    let ten = Duration::from_secs(10);
    let (limited, _) = start(1, ten).await;
    let (open, open_state) = start(1000, ten).await;
    let (slow, _) = start(1000, Duration::from_millis(300)).await;
    let client = reqwest::Client::new();
    let document = client
        .get(format!("http://{open}/openapi.json"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let document: Value = serde_json::from_slice(&document).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    // #23: the examples are English, each listing its French message.
    let examples = &document["paths"]["/tasks/{id}"]["get"]["responses"]["404"]["content"]["application/json"]
        ["examples"];
    assert_eq!(
        examples["TASK_NOT_FOUND"]["description"],
        "Other languages (`Accept-Language`; this example is `en`):\n\n\
         - `fr`: La tâche d'identifiant 42 est introuvable"
    );
    assert_eq!(
        examples["TASK_NOT_FOUND"]["value"]["message"],
        "Task with ID 42 could not be found"
    );
    let validator_doc = document.clone();
    tokio::task::spawn_blocking(move || validate_openapi_31(&validator_doc))
        .await
        .unwrap();

    let json_body = |request: reqwest::RequestBuilder, body: &str| {
        request
            .header("content-type", "application/json")
            .body(body.to_owned())
    };
    let at = |addr: SocketAddr, path: &str| format!("http://{addr}{path}");
    // Task 1 exists on `open`; `limited` has used its one create.
    for addr in [open, limited] {
        let created = json_body(client.post(at(addr, "/tasks")), r#"{"title":"write docs"}"#);
        assert_eq!(send(created).await.status, 201);
    }
    let too_large = format!(r#"{{"title":"{}"}}"#, "x".repeat(20 * 1024));
    let bearer = "Bearer test-token";

    let mut sent: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut check = |method: &str, path: &str, response: Sent| {
        let code = check_documented(&document, path, method, &response);
        sent.insert((method.to_owned(), path.to_owned(), code));
    };
    for accept in ACCEPTS {
        let get = |addr, path: &str| client.get(at(addr, path)).header("accept", accept);
        let post = |addr, path: &str| client.post(at(addr, path)).header("accept", accept);
        let put = |addr, path: &str| client.put(at(addr, path)).header("accept", accept);
        let delete = |addr, path: &str| client.delete(at(addr, path)).header("accept", accept);
        // GET /tasks
        check("get", "/tasks", send(get(open, "/tasks?limit=0")).await);
        check("get", "/tasks", send(get(open, "/tasks?limit=ten")).await);
        // POST /tasks
        let cases = [
            json_body(post(limited, "/tasks"), r#"{"title":"more"}"#),
            json_body(post(open, "/tasks"), r#"{"title":"  ","priority":9}"#),
            json_body(post(open, "/tasks"), r#"{"title":"write docs"}"#),
            json_body(post(open, "/tasks"), "{"),
            post(open, "/tasks").body(r#"{"title":"x"}"#),
            json_body(post(open, "/tasks"), r#"{"title":1}"#),
            json_body(post(open, "/tasks"), &too_large),
        ];
        for request in cases {
            check("post", "/tasks", send(request).await);
        }
        check(
            "post",
            "/tasks",
            send_slow_body(slow, "POST", "/tasks", accept).await,
        );
        // GET /tasks/{id}
        check("get", "/tasks/{id}", send(get(open, "/tasks/999")).await);
        check("get", "/tasks/{id}", send(get(open, "/tasks/abc")).await);
        // PUT /tasks/{id}
        let cases = [
            json_body(put(open, "/tasks/1"), r#"{"title":"  ","priority":9}"#),
            json_body(put(open, "/tasks/999"), r#"{"title":"new"}"#),
            json_body(put(open, "/tasks/1"), r#"{"title":"new"}"#).header("if-match", "\"7\""),
            json_body(put(open, "/tasks/1"), "{"),
            put(open, "/tasks/1").body(r#"{"title":"x"}"#),
            json_body(put(open, "/tasks/1"), r#"{"title":1}"#),
            json_body(put(open, "/tasks/1"), &too_large),
        ];
        for request in cases {
            check("put", "/tasks/{id}", send(request).await);
        }
        check(
            "put",
            "/tasks/{id}",
            send_slow_body(slow, "PUT", "/tasks/1", accept).await,
        );
        // DELETE /tasks/{id}
        let cases = [
            delete(open, "/tasks/999").header("authorization", bearer),
            delete(open, "/tasks/1"),
            delete(open, "/tasks/1").header("authorization", "Bearer wrong"),
            delete(open, "/tasks/abc"),
        ];
        for request in cases {
            check("delete", "/tasks/{id}", send(request).await);
        }
    }

    // A poisoned store: every route's 500.
    let store = open_state.store.clone();
    let _ = std::thread::spawn(move || {
        let _guard = store.write().unwrap();
        panic!("poison the store");
    })
    .join();
    for accept in ACCEPTS {
        let cases = [
            ("get", "/tasks", client.get(at(open, "/tasks"))),
            (
                "post",
                "/tasks",
                json_body(client.post(at(open, "/tasks")), r#"{"title":"late"}"#),
            ),
            ("get", "/tasks/{id}", client.get(at(open, "/tasks/1"))),
            (
                "put",
                "/tasks/{id}",
                json_body(client.put(at(open, "/tasks/1")), r#"{"title":"late"}"#),
            ),
            (
                "delete",
                "/tasks/{id}",
                client
                    .delete(at(open, "/tasks/1"))
                    .header("authorization", bearer),
            ),
        ];
        for (method, path, request) in cases {
            let response = send(request.header("accept", accept)).await;
            assert_eq!(response.status, 500);
            check(method, path, response);
        }
    }

    // What the document lists, route by route: exactly what was sent.
    let mut documented = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                if !status.starts_with('4') && !status.starts_with('5') {
                    continue;
                }
                let schema = &response["content"]["application/json"]["schema"];
                for code in schema["properties"]["code"]["enum"].as_array().unwrap() {
                    let code = code.as_str().unwrap().to_owned();
                    documented.insert((method.clone(), path.clone(), code));
                }
            }
        }
    }
    assert_eq!(sent, documented);
    assert_eq!(documented.len(), 3 + 9 + 3 + 9 + 5);
}

/// Checks one response against the schema its route documents for its status and media type,
/// and that the document has an example of its code there; returns the code.
fn check_documented(document: &Value, path: &str, method: &str, response: &Sent) -> String {
    let Sent {
        status,
        content_type,
        body,
    } = response;
    let documented = &document["paths"][path][method]["responses"][status.to_string()];
    assert!(
        documented.is_object(),
        "{method} {path} does not document {status}: {body}"
    );
    let content = &documented["content"][content_type.as_str()];
    let schema = &content["schema"];
    assert!(
        schema.is_object(),
        "{method} {path} {status}: no {content_type} schema"
    );
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(body).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {status}: {body} does not match its documented schema: {errors:?}"
    );
    let code = body["code"].as_str().unwrap();
    assert!(
        content["examples"][code].is_object(),
        "{method} {path} {status}: no example for {code}"
    );
    code.to_owned()
}
