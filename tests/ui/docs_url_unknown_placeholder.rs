use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://example.com/errors/{name}")]
enum E {
    #[status(404)]
    #[error("gone")]
    Gone,
}

fn main() {}
