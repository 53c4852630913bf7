use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(700)]
    #[error("gone")]
    Gone,
}

fn uses_the_trait(err: &E) -> u16 {
    err.status().as_u16() + E::catalog().len() as u16
}

fn main() {}
