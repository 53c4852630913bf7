use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(401)]
    #[header("WWW Authenticate", "Bearer")]
    #[error("no token")]
    Unauthorized,
}

fn main() {}
