use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[message("Task {1} not found")]
    #[error("gone")]
    Gone(u64),
}

fn main() {}
