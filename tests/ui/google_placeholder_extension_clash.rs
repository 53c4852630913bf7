use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "tasks.example.com")]
enum E {
    #[status(409)]
    #[message("The task is locked by {owner}")]
    #[error("locked")]
    Locked {
        owner: String,
        #[extension("owner")]
        locked_by: String,
    },
}

fn main() {}
