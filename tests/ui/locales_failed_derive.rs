use apierror::ApiError;

// The derive reports its error; `locales!` over the type stays quiet about the translations
// of its codes (`TASK_LOCKED` in locales/ok/fr.ftl) and about coverage (`complete`).
#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task {id} missing")]
    NotFound { id: u64 },

    #[status(700)]
    #[code("TASK_LOCKED")]
    #[message("The task is locked")]
    #[error("locked")]
    Locked,
}

apierror::locales!(LOCALES = [TaskError], "locales/ok", complete);

fn main() {}
