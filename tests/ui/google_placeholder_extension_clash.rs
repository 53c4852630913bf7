use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "tasks.example.com")]
enum E {
    #[status(409)]
    #[message("A task titled {title} exists already")]
    #[error("exists")]
    Exists {
        title: String,
        #[extension("title")]
        other_title: String,
    },
}

fn main() {}
