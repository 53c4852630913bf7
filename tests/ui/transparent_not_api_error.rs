use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[transparent]
    #[error(transparent)]
    Io(std::io::Error),
}

fn main() {}
