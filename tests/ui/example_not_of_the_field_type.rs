use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(409)]
    #[error("conflict")]
    Conflict {
        #[extension]
        #[example(-5)]
        count: u32,
        #[extension]
        #[example(300)]
        level: Option<u8>,
        #[extension]
        #[example(1)]
        name: String,
        #[extension]
        #[example(7)]
        fine: u64,
    },
}

fn main() {}
