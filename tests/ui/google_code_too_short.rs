use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "tasks.example.com")]
enum E {
    #[status(404)]
    #[code("A")]
    #[error("missing")]
    Missing,
}

fn main() {}
