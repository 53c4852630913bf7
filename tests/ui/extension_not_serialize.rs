use apierror::ApiError;

struct Opaque;

impl std::fmt::Debug for Opaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opaque")
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(412)]
    #[error("stale")]
    Stale {
        #[extension]
        opaque: Opaque,
    },
}

fn main() {}
