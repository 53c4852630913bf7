use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[status(404)]
#[error("gone")]
struct Gone;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[transparent]
    #[grpc(code = "NOT_FOUND")]
    #[error(transparent)]
    Gone(Gone),
}

fn main() {}
