use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[code("")]
    #[error("gone")]
    Gone,
}

fn main() {}
