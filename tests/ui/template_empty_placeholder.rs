use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[message("Task {} not found")]
    #[error("gone")]
    Gone(u64),
}

fn main() {}
