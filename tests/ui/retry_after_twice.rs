use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(429)]
    #[error("slow down")]
    RateLimited {
        #[retry_after]
        seconds: u64,
        #[retry_after]
        backoff: u64,
    },
}

fn main() {}
