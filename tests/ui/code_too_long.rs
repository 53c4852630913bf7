use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[code("THIS_CODE_IS_MUCH_TOO_LONG_FOR_ANY_CLIENT_TO_SWITCH_ON_COMFORTABLY")]
    #[error("gone")]
    Gone,
}

fn main() {}
