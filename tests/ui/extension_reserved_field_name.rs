use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(412)]
    #[error("stale")]
    Stale {
        #[extension]
        code: String,
    },
}

fn main() {}
