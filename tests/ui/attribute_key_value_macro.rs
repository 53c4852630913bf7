// A macro as the value of a key in `#[api_error(...)]`.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = concat!("https://example.com/", "{code}"))]
enum E {
    #[status(400)]
    #[error("e")]
    Bad,
}

fn main() {}
