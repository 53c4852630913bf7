use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(400)]
    #[detail(field = "email", reason = "Invalid", severity = "high")]
    #[error("bad")]
    Bad,
}

fn main() {}
