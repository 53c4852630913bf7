use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[error("gone")]
    Gone {
        #[status(410)]
        id: u64,
    },
}

fn main() {}
