// The wrapped error of a `#[transparent]` variant documents itself.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum AuthError {
    #[status(401)]
    #[error("no token")]
    Missing,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum ServiceError {
    #[transparent]
    #[error(transparent)]
    Auth(#[example("token")] AuthError),
}

fn main() {}
