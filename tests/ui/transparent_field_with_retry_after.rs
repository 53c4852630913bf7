use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(429)]
struct Inner;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[transparent]
    #[error(transparent)]
    Wrapped(#[retry_after] Inner),
}

fn main() {}
