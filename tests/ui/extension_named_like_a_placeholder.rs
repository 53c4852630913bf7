use apierror::ApiError;

// Not Google's profile: the type still renders as Google's `ErrorInfo` and as a gRPC status,
// whose metadata holds `channelId` for the placeholder; the extension would be lost there.
#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[status(404)]
    #[message("No channel {channel_id}")]
    #[error("no channel")]
    UnknownChannel {
        channel_id: u64,
        #[extension("channelId")]
        requested: String,
    },
}

// The same field under both is one value: no error.
#[derive(Debug, thiserror::Error, ApiError)]
enum F {
    #[status(404)]
    #[message("No task {id}")]
    #[error("no task")]
    NotFound {
        #[extension]
        id: u64,
    },
}

fn main() {}
