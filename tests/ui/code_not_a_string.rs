use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[code(NOT_FOUND)]
    #[error("gone")]
    Gone,
}

fn main() {}
