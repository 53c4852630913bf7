// A field neither the message names nor an extension member is never shown: its example
// would be unused.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[message("Task {id} does not exist")]
    #[error("missing task {id} in {table}")]
    NotFound {
        #[example(7)]
        id: u64,
        #[example("tasks")]
        table: String,
    },
}

fn main() {}
