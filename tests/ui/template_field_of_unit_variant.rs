use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[message("Task {id} not found")]
    #[error("gone")]
    Gone,
}

fn main() {}
