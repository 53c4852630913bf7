use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(200)]
    #[error("one")]
    One,
    #[status(404)]
    #[code("")]
    #[error("two")]
    Two,
    #[status(404)]
    #[message("{missing}")]
    #[error("three")]
    Three,
}

fn main() {}
