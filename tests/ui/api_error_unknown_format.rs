use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "xml")]
enum E {
    #[status(404)]
    #[error("gone")]
    Gone,
}

fn main() {}
