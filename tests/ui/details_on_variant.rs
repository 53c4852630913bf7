use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(422)]
    #[details]
    #[error("invalid")]
    Invalid,
}

fn main() {}
