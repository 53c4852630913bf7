//! The derive and the runtime's macros in crates of older editions: `2018/` and `2021/` build
//! this one file (most crates are 2021). The names in the derive's output resolve where it is
//! called, in that crate's prelude: a name only a later prelude has (2021's `TryFrom`, 2024's
//! `Future` and `IntoFuture`) would fail here, without an absolute path. Every attribute, a
//! generic type, a wrapper, `catalog!` and `responses!`, rendered, with warnings denied.
#![deny(warnings)]

use apierror::ApiError;

/// The errors `#[transparent]` wraps.
#[derive(Debug, thiserror::Error, ApiError)]
#[status(401)]
pub enum AuthError {
    /// No credentials.
    #[code("UNAUTHENTICATED")]
    #[header("WWW-Authenticate", "Bearer realm=\"{realm}\"")]
    #[error("no credentials")]
    Unauthenticated {
        /// The realm named in the challenge.
        realm: String,
    },
}

/// Every attribute once.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    format = "problem",
    docs_url = "https://example.com/errors#{code}",
    domain = "example.com"
)]
#[status(400)]
pub enum TaskError {
    /// The task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task missing")]
    NotFound {
        /// The task's id.
        id: u64,
    },
    /// A field of the wrong length.
    #[message("The `{field}` field must be between {min} and {max} characters")]
    #[detail(field = "{field}", reason = "Invalid length", location = "body")]
    #[error("bad length")]
    InvalidLength {
        /// The field.
        field: String,
        /// At least.
        min: u32,
        /// At most.
        max: u32,
    },
    /// A positional field.
    #[status(404)]
    #[message("User {0} could not be found")]
    #[error("user missing")]
    UserNotFound(u64),
    /// Details from a field.
    #[status(422)]
    #[error("validation failed")]
    Validation {
        /// The problems.
        #[details]
        problems: Vec<apierror::Detail>,
    },
    /// Retry later.
    #[status(429)]
    #[message("Try again in {secs} seconds")]
    #[grpc(code = "RESOURCE_EXHAUSTED")]
    #[error("rate limited")]
    RateLimited {
        /// Seconds to wait.
        #[retry_after]
        secs: u64,
    },
    /// An extension member.
    #[status(409)]
    #[error("conflict")]
    Conflict {
        /// The existing resource.
        #[extension("existingId")]
        #[example(42)]
        existing: u64,
        /// An optional member.
        #[extension]
        hint: Option<String>,
    },
    /// A 5xx with a source.
    #[status(503)]
    #[error("database: {0}")]
    Database(#[source] std::io::Error),
    /// Another type's errors.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

/// A generic error.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Generic<T: std::fmt::Display + std::fmt::Debug> {
    /// With a value.
    #[status(400)]
    #[message("value {0}")]
    #[error("generic")]
    Value(T),
}

/// A struct error.
#[derive(Debug, thiserror::Error, ApiError)]
#[status(410)]
#[code("GONE")]
#[error("gone")]
pub struct Gone;

apierror::catalog!(
    /// The crate's catalog.
    pub ERRORS = [TaskError, Gone]
);

apierror::responses!(
    /// Some errors of a route.
    pub RouteErrors = [TaskError::{NotFound, RateLimited}, Gone]
);

#[cfg(test)]
mod tests {
    use super::*;
    use apierror::{Context, Format};

    fn body(err: &dyn ApiError, format: Format) -> String {
        let ctx = Context::default()
            .with_request_id("req-1")
            .with_instance("/tasks/7");
        String::from_utf8(apierror::to_json(err, format, &ctx)).unwrap()
    }

    #[test]
    fn every_attribute_renders() {
        assert_eq!(
            body(&TaskError::NotFound { id: 7 }, Format::Problem),
            r#"{"type":"https://example.com/errors#TASK_NOT_FOUND","title":"Not Found","status":404,"detail":"Task 7 could not be found","instance":"/tasks/7","code":"TASK_NOT_FOUND"}"#
        );
        let length = TaskError::InvalidLength {
            field: "title".into(),
            min: 1,
            max: 5,
        };
        assert_eq!(
            body(&length, Format::Flat),
            r#"{"code":"INVALID_LENGTH","message":"The `title` field must be between 1 and 5 characters","details":[{"field":"title","reason":"Invalid length","location":"body"}],"requestId":"req-1"}"#
        );
        assert_eq!(
            body(&TaskError::UserNotFound(3), Format::Simple),
            r#"{"code":404,"message":"User 3 could not be found","cause":"USER_NOT_FOUND"}"#
        );
        let conflict = TaskError::Conflict {
            existing: 42,
            hint: None,
        };
        assert_eq!(
            body(&conflict, Format::Flat),
            r#"{"code":"CONFLICT","message":"conflict","requestId":"req-1","existingId":42}"#
        );
        let down = TaskError::Database(std::io::Error::other("10.0.0.7 refused"));
        assert!(!body(&down, Format::Flat).contains("10.0.0.7"));
        let auth = TaskError::Auth(AuthError::Unauthenticated {
            realm: "api".into(),
        });
        let response = apierror::to_response(&auth, auth.format(), &Context::default());
        assert_eq!(response.status(), 401);
        assert_eq!(
            response.headers()["www-authenticate"],
            "Bearer realm=\"api\""
        );
        let retry = TaskError::RateLimited { secs: 30 };
        assert_eq!(retry.retry_after(), Some(30));
        assert_eq!(Generic::Value(5u8).message(), "value 5");
        assert_eq!(Gone.status(), 410);
    }

    #[test]
    fn the_catalogs_hold_every_code() {
        let codes: Vec<&str> = ERRORS.iter().map(|spec| spec.code).collect();
        assert_eq!(
            codes,
            [
                "TASK_NOT_FOUND",
                "INVALID_LENGTH",
                "USER_NOT_FOUND",
                "VALIDATION",
                "RATE_LIMITED",
                "CONFLICT",
                "DATABASE",
                "UNAUTHENTICATED",
                "GONE"
            ]
        );
        let listed = <RouteErrors as apierror::catalog::ErrorSet>::errors();
        let codes: Vec<&str> = listed.iter().map(|spec| spec.code).collect();
        assert_eq!(codes, ["TASK_NOT_FOUND", "RATE_LIMITED", "GONE"]);
    }
}
