//! A tasks API's errors: statuses, codes and public messages, then one error in every envelope.
//!
//! Run with `cargo run --example quickstart`.

use apierror::{ApiError, Context, Detail, Format};

/// Authentication errors, shared by several services.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required to access this resource")]
    #[header("WWW-Authenticate", "Bearer realm=\"tasks\"")]
    #[error("no bearer token")]
    Unauthorized,

    /// The token has expired.
    #[status(401)]
    #[code("EXPIRED_TOKEN")]
    #[message("The authentication token has expired")]
    #[error("token expired at {expired_at}")]
    Expired { expired_at: String },
}

/// Errors of the tasks API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    format = "flat",
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
pub enum TaskError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing from store")]
    NotFound { id: u64 },

    /// A field value is invalid.
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[message("The field `{field}` must be a valid email address")]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("bad email in {field}")]
    InvalidField { field: String },

    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },

    /// The sync token is missing or expired.
    #[status(412)]
    #[code("SYNC_TOKEN_INVALID")]
    #[error("stale sync token")]
    SyncExpired {
        #[extension("sync")]
        token: String,
    },

    /// Several fields failed validation.
    #[status(422)]
    #[error("validation failed")]
    Validation {
        #[details]
        problems: Vec<Detail>,
    },

    /// Unexpected failure; the cause is logged, never sent.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("database: {0}")]
    Database(#[source] std::io::Error),

    /// Authentication errors, documented and rendered by `AuthError` itself.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

fn main() {
    let errors = [
        TaskError::NotFound { id: 456 },
        TaskError::InvalidField {
            field: "contactEmail".into(),
        },
        TaskError::RateLimited { secs: 30 },
        TaskError::SyncExpired {
            token: "de4774f6915eae04714ca93bb2f5ee81".into(),
        },
        TaskError::Validation {
            problems: vec![Detail::new("lastName", "Is required").with_location("body")],
        },
        TaskError::Database(std::io::Error::other("connection refused by 10.0.0.7")),
        TaskError::Auth(AuthError::Unauthorized),
    ];

    println!("{:<6} {:<22} message", "status", "code");
    for err in &errors {
        println!(
            "{:<6} {:<22} {}",
            err.status().as_u16(),
            err.code(),
            err.message()
        );
    }

    println!("\nThe catalog ({} codes):", TaskError::catalog().len());
    for spec in TaskError::catalog() {
        println!("  {} {:<22} {}", spec.status, spec.code, spec.title);
    }

    let ctx = Context::default()
        .with_request_id("req-f8d31a62-e789-4856-9452-5efa50223c7a")
        .with_instance("/tasks/456")
        .with_phrase("6 sad squid snuggle softly");
    let err = TaskError::InvalidField {
        field: "contactEmail".into(),
    };
    println!("\n{} in every format:", err.code());
    for format in Format::ALL {
        let body = apierror::to_json(&err, format, &ctx);
        println!("  {format:<10} {}", String::from_utf8_lossy(&body));
    }

    let response = apierror::to_response(&TaskError::RateLimited { secs: 30 }, Format::Flat, &ctx);
    println!("\nA full response:\nHTTP {}", response.status());
    for (name, value) in response.headers() {
        println!("{name}: {}", value.to_str().unwrap_or("?"));
    }
    println!("\n{}", String::from_utf8_lossy(response.body()));
}
