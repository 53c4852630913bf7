use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google")]
enum E {
    #[status(404)]
    #[error("missing")]
    Missing,
}

fn main() {}
