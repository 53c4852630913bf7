use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(style = "flat")]
enum E {
    #[status(404)]
    #[error("gone")]
    Gone,
}

fn main() {}
