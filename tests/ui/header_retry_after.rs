use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(429)]
    #[header("Retry-After", "30")]
    #[error("slow down")]
    RateLimited,
}

fn main() {}
