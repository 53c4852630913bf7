use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(400)]
    #[detail(field = "email", location = "body")]
    #[error("bad")]
    Bad,
}

fn main() {}
