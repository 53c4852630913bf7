//! "Rendering".


use super::tasks::TaskError;

#[test]
fn rendering() {
    let err = TaskError::NotFound { id: 456 };

    use apierror::{Context, Format};

    let ctx = Context::default()
        .with_request_id("req-f8d31a62-e789-4856-9452-5efa50223c7a") // from the request, if any
        .with_instance("/tasks/456");                                // Problem's `instance`

    let body: Vec<u8> = apierror::to_json(&err, Format::Flat, &ctx);
    let response: http::Response<Vec<u8>> = apierror::to_response(&err, Format::Problem, &ctx);

    assert_eq!(
        body,
        br#"{"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found","requestId":"req-f8d31a62-e789-4856-9452-5efa50223c7a"}"#
    );
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = serde_json::from_slice(response.body()).expect("JSON");
    assert_eq!(problem["instance"], "/tasks/456");
    assert_eq!(problem["status"], 404);
}
