use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(600)]
    #[error("odd")]
    Odd,
}

fn main() {}
