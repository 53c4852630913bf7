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
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[error("not logged in")]
    NotLoggedIn,
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

fn main() {}
