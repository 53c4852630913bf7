use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[status(409)]
#[grpc]
#[error("exists")]
struct Exists;

fn main() {}
