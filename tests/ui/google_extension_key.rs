use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "tasks.example.com")]
enum E {
    #[status(409)]
    #[error("exists")]
    Exists {
        #[extension("Existing.Id")]
        existing: u64,
    },
}

fn main() {}
