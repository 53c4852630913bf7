use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("gone")]
    Gone,
}

fn main() {}
