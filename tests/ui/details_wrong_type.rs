use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(422)]
    #[error("invalid")]
    Invalid {
        #[details]
        problems: Vec<String>,
    },
}

fn main() {}
