use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[transparent]
    #[error("nothing")]
    Nothing,
}

fn main() {}
