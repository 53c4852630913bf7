use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    #[status(404)]
    #[error("missing")]
    NotFound,
    #[status(401)]
    #[error("who")]
    Unauthorized,
}

apierror::responses!(pub GetUserErrors = [UserError::{NotFound, Forbidden}]);

fn main() {}
