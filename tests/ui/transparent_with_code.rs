use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(401)]
struct Inner;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[transparent]
    #[code("WRAPPED")]
    #[error(transparent)]
    Wrapped(Inner),
}

fn main() {}
