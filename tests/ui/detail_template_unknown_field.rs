use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(400)]
    #[detail(field = "{name}", reason = "Invalid format")]
    #[error("bad")]
    Bad { field: String },
}

fn main() {}
