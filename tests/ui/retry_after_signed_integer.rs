use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(429)]
    #[error("slow down")]
    RateLimited {
        #[retry_after]
        seconds: i64,
    },
}

fn main() {}
