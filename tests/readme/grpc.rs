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
