use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[code("ALWAYS")]
enum E {
    #[status(404)]
    #[error("gone")]
    Gone,
}

fn main() {}
