use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[code("NOT_FOUND")]
    #[error("task missing")]
    TaskMissing,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    #[status(410)]
    #[code("NOT_FOUND")]
    #[error("user gone")]
    UserGone,
}

apierror::responses!(pub GetErrors = [TaskError::{TaskMissing}, UserError]);

fn main() {}
