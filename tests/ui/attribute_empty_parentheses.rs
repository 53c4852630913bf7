use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status()]
    #[error("a")]
    A,

    #[status(400)]
    #[code()]
    #[message()]
    #[error("b")]
    B {
        #[extension()]
        note: String,
        #[example()]
        hint: String,
    },
}

fn main() {}
