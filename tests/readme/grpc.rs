//! "gRPC": a status with Google's details, and the layer on a tonic server.

#[path = "../grpc/service.rs"]
#[allow(dead_code)]
mod service;

#[test]
fn a_status_with_googles_details() {
    use apierror::ApiError;
    use tonic_types::StatusExt as _;

    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(domain = "tasks.example.com")]
    enum TaskError {
        /// A task with this title exists already.
        #[status(409)]
        #[grpc(code = "ALREADY_EXISTS")]
        #[message("A task titled {title} exists already")]
        #[error("duplicate title {title}")]
        Duplicate { title: String },
    }

    let status = tonic::Status::from(TaskError::Duplicate { title: "Write docs".into() });
    assert_eq!(status.code(), tonic::Code::AlreadyExists);
    assert_eq!(status.message(), "A task titled Write docs exists already");
    assert_eq!(status.metadata().get("x-http-code").unwrap(), "409");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "DUPLICATE");
    assert_eq!(info.domain, "tasks.example.com");
    assert_eq!(info.metadata["title"], "Write docs");
}

/// "Passing a Google error on": an upstream's `QuotaFailure` (a type apierror does not read)
/// is that message in the status, not text in `ErrorInfo.metadata`.
#[test]
fn a_google_error_passed_on_over_grpc() {
    use apierror::RemoteError;
    use tonic_types::StatusExt as _;

    let body = br#"{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com"},{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:123","description":"Read requests per minute <= 60"}]}]}}"#;
    let upstream = RemoteError::parse(http::StatusCode::TOO_MANY_REQUESTS, &http::HeaderMap::new(), body).unwrap();
    let status = tonic::Status::from(upstream);
    assert_eq!(status.code(), tonic::Code::ResourceExhausted);
    let quota = status.get_details_quota_failure().unwrap();
    assert_eq!(quota.violations[0].subject, "project:123");
    // Nothing left in the metadata.
    let info = status.get_details_error_info().unwrap();
    assert!(info.metadata.is_empty());
    assert_eq!(quota.violations[0].description, "Read requests per minute <= 60");
}

/// Serves the test service behind the layer at `addr` until the server fails.
async fn serve(addr: std::net::SocketAddr) -> Result<(), Box<dyn std::error::Error>> {
    let tasks_service = service::TasksServer;

    tonic::transport::Server::builder()
        .layer(apierror::tonic::ErrorLayer::new())
        .add_service(tasks_service)
        .serve(addr)
        .await?;

    Ok(())
}

#[tokio::test]
async fn the_layer_on_a_server() {
    // The address is taken, so the server returns its error instead of serving for ever.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let error = serve(taken.local_addr().expect("an address")).await.expect_err("in use");
    assert!(error.to_string().contains("transport error"), "{error}");
}
