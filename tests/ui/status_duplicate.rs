use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[status(410)]
    #[error("gone")]
    Gone,
}

fn main() {}
