use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "tasks.example.com")]
enum E {
    #[status(400)]
    #[message("Value {x} is out of range")]
    #[error("out of range")]
    OutOfRange { x: u32 },
}

fn main() {}
