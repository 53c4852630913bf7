use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    #[status(409)]
    #[message("A user with email {email} already exists")]
    #[error("taken")]
    EmailTaken {
        #[example(user@example.com)]
        email: String,
    },
}

fn main() {}
