use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(409)]
    #[grpc(code = "ALREADY_EXIST")]
    #[error("exists")]
    Exists,
}

fn main() {}
