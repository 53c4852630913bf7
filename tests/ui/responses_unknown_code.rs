use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    #[status(404)]
    #[code("USER_NOT_FOUND")]
    #[error("missing")]
    NotFound,
}

apierror::responses!(pub GetUserErrors = [UserError::{"USER_NOT_FOUND", "USER_GONE"}]);

fn main() {}
