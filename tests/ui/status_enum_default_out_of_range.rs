use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[status(302)]
enum E {
    #[error("moved")]
    Moved,
}

fn main() {}
