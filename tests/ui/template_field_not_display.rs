use apierror::ApiError;

#[derive(Debug)]
struct Hint;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(400)]
    #[message("Bad: {hint}")]
    #[error("bad")]
    Bad { hint: Option<String> },

    #[status(400)]
    #[detail(field = "{hint}", reason = "Bad")]
    #[header("X-Hint", "{hint}")]
    #[error("worse")]
    Worse { hint: Hint },
}

fn main() {}
