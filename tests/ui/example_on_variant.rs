use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    #[status(404)]
    #[example(42)]
    #[message("User {id} does not exist")]
    #[error("missing")]
    NotFound { id: u64 },
}

fn main() {}
