use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum AuthError {
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[error("no token")]
    Missing,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(403)]
    #[code("UNAUTHORIZED")]
    #[error("not yours")]
    NotYours,
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

fn main() {}
