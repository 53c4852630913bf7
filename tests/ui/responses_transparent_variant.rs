use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum AuthError {
    #[status(401)]
    #[error("who")]
    Unauthorized,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[error("missing")]
    NotFound,
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

apierror::responses!(pub DeleteTaskErrors = [TaskError::{NotFound, Auth}]);

fn main() {}
