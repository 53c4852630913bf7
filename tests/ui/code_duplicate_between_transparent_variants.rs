// Two wrapped types define one code: the error points at the second variant.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum AuthError {
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[error("no token")]
    Missing,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum SessionError {
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[error("expired")]
    Expired,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum ServiceError {
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
    #[status(404)]
    #[error("missing")]
    NotFound,
    #[transparent]
    #[error(transparent)]
    Session(SessionError),
}

fn main() {}
