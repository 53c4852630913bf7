use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(422)]
    #[error("invalid")]
    Invalid {
        #[details]
        body: Vec<apierror::Detail>,
        #[details]
        query: Vec<apierror::Detail>,
    },
}

fn main() {}
