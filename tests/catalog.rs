//! `catalog!`: one static catalog of a service, checked at compile time.

use apierror::{ApiError, Format};

/// Authentication errors.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[error("unauthorized")]
    Unauthorized,
}

/// Task errors.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "problem")]
pub enum TaskError {
    /// Task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[error("task missing")]
    NotFound,
    /// Authentication errors.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

/// User errors.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum UserError {
    /// User does not exist.
    #[status(404)]
    #[code("USER_NOT_FOUND")]
    #[error("user missing")]
    NotFound,
}

apierror::catalog!(
    /// Every error of the service.
    pub SERVICE_ERRORS = [TaskError, UserError, AuthError]
);

#[test]
fn a_service_catalog_lists_each_entry_once_in_order() {
    let codes: Vec<&str> = SERVICE_ERRORS.iter().map(|spec| spec.code).collect();
    // AuthError is listed and also wrapped by TaskError: its entry counts once.
    assert_eq!(codes, ["TASK_NOT_FOUND", "UNAUTHORIZED", "USER_NOT_FOUND"]);
    assert_eq!(SERVICE_ERRORS.len(), 3);
    assert!(SERVICE_ERRORS.name().ends_with("catalog::SERVICE_ERRORS"));
    assert_eq!(SERVICE_ERRORS.format(), Format::Problem);
    assert_eq!(SERVICE_ERRORS.find("USER_NOT_FOUND").unwrap().status, 404);
}

/// 5,000 codes spread over types: the const check must stay linear (a pairwise check trips
/// `long_running_const_eval` near 250 codes).
mod large {
    macro_rules! big_enum {
        ($name:ident, $($variant:ident)*) => {
            #[derive(Debug, thiserror::Error, apierror::ApiError)]
            #[status(400)]
            #[allow(dead_code)] // only the catalog is used
            pub enum $name {
                $(
                    #[error("e")]
                    $variant,
                )*
            }
        };
    }
    include!("support/large_catalog.rs");
}

#[test]
fn five_thousand_codes_are_checked_at_compile_time() {
    assert_eq!(large::LARGE.len(), 5000);
}
