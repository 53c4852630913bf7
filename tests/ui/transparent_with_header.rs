use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(401)]
struct Inner;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[transparent]
    #[header("WWW-Authenticate", "Bearer")]
    #[error(transparent)]
    Wrapped(Inner),
}

fn main() {}
