use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[code("NOT_FOUND")]
    #[error("task")]
    TaskMissing,
    #[status(404)]
    #[code("NOT_FOUND")]
    #[error("user")]
    UserMissing,
}

fn main() {}
