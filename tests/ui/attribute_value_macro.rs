// The derive reads its attributes before macros expand: a macro where it needs a literal is
// an error that says so (a doc attribute may be one).
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(400)]
    #[message(concat!("Task ", "{id}"))]
    #[error("e")]
    Task { id: u64 },
}

fn main() {}
