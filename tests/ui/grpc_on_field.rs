use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[status(409)]
#[error("exists")]
struct Exists {
    #[grpc(code = "ALREADY_EXISTS")]
    id: u64,
}

fn main() {}
