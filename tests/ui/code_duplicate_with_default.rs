use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[error("task")]
    NotFound,
    #[status(410)]
    #[code("NOT_FOUND")]
    #[error("user")]
    UserMissing,
}

fn main() {}
