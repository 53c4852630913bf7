use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[grpc(code = "OK")]
enum E {
    #[status(409)]
    #[error("exists")]
    Exists,
}

fn main() {}
