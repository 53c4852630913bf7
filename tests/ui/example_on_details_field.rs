// `#[example]` on the `#[details]` field documents nothing: details have the envelope's schema.
use apierror::{ApiError, Detail};

#[derive(Debug, thiserror::Error, ApiError)]
enum OrderError {
    #[status(422)]
    #[message("The order is invalid")]
    #[error("invalid order")]
    Invalid {
        #[details]
        #[example("quantity")]
        violations: Vec<Detail>,
    },
}

fn main() {}
