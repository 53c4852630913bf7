//! "actix-web".


use super::tasks::TaskError;

#[actix_web::test]
async fn the_middleware() {
    use apierror::actix::{ErrorMiddleware, RequestId};
    use actix_web::{App, web};

    async fn get_task(id: web::Path<u64>, request_id: RequestId) -> Result<String, TaskError> {
        tracing::info!(%request_id, "looking up a task");
        Err(TaskError::NotFound { id: *id })
    }

    let app = App::new()
        .wrap(ErrorMiddleware::new())
        .service(web::resource("/tasks/{id}").route(web::get().to(get_task)));

    let app = actix_web::test::init_service(app).await;
    let request = actix_web::test::TestRequest::get()
        .uri("/tasks/7")
        .insert_header(("x-request-id", "req-7"))
        .to_request();
    let response = actix_web::test::call_service(&app, request).await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers().get("x-request-id").unwrap(), "req-7");
    let body = actix_web::test::read_body(response).await;
    assert_eq!(
        body,
        r#"{"code":"TASK_NOT_FOUND","message":"Task with ID 7 could not be found","requestId":"req-7"}"#
    );
}
