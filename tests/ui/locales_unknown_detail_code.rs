use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task {id} missing")]
    NotFound { id: u64 },

    #[status(422)]
    #[code("INVALID_TITLE")]
    #[message("The title is invalid")]
    #[detail(field = "title", reason = "Must not be empty", code = "empty")]
    #[error("bad title")]
    InvalidTitle,
}

// `.emtpy` (line 4) translates the reason of a detail code INVALID_TITLE does not have.
apierror::locales!(LOCALES = [TaskError], "locales/unknown_detail_code");

fn main() {}
