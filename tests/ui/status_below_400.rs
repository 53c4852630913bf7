use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(200)]
    #[error("fine")]
    Fine,
}

fn main() {}
