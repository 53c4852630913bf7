use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[message("Task {id:04} not found")]
    #[error("gone")]
    Gone { id: u64 },
}

fn main() {}
