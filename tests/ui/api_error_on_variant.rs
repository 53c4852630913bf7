use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[api_error(format = "flat")]
    #[error("gone")]
    Gone,
}

fn main() {}
