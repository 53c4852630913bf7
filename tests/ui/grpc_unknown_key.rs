use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(409)]
    #[grpc(status = "ALREADY_EXISTS")]
    #[error("exists")]
    Exists,
}

fn main() {}
