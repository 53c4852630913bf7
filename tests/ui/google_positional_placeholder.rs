use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(domain = "tasks.example.com")]
#[grpc(code = "INVALID_ARGUMENT")]
enum E {
    #[status(400)]
    #[message("Value {0} is out of range")]
    #[error("out of range")]
    OutOfRange(u32),
}

fn main() {}
