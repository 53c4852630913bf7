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

/// Wraps `TaskError` (which wraps `AuthError`) and has entries of its own on both sides.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum GatewayError {
    /// The upstream timed out.
    #[status(504)]
    #[code("UPSTREAM_TIMEOUT")]
    #[error("upstream timed out")]
    Timeout,
    /// Task errors, and through them authentication errors.
    #[transparent]
    #[error(transparent)]
    Task(TaskError),
    /// Authentication errors, a second time.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
    /// The gateway is closed.
    #[status(503)]
    #[code("GATEWAY_CLOSED")]
    #[error("closed")]
    Closed,
}

/// One generic type: its instances share a defining type, so its own entries count once.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Retried<E: ApiError + std::error::Error + 'static> {
    /// Gave up retrying.
    #[status(503)]
    #[code("RETRIES_EXHAUSTED")]
    #[error("gave up")]
    Exhausted,
    /// The error of the last attempt.
    #[transparent]
    #[error(transparent)]
    Last(E),
}

apierror::catalog!(
    /// Types listed twice, wrapped and nested, and a generic type's two instances.
    pub REPEATED = [GatewayError, AuthError, TaskError, GatewayError, Retried<UserError>, Retried<AuthError>]
);

#[test]
fn len_is_what_iter_yields_for_nested_and_repeated_trees() {
    let catalogs = [
        apierror::Catalog::EMPTY,
        AuthError::catalog(),
        TaskError::catalog(),
        GatewayError::catalog(),
        Retried::<TaskError>::catalog(),
        SERVICE_ERRORS,
        REPEATED,
        large::LARGE,
    ];
    for catalog in catalogs {
        assert_eq!(catalog.len(), catalog.iter().count(), "{catalog:?}");
        assert_eq!(catalog.is_empty(), catalog.iter().next().is_none());
    }
    let codes: Vec<&str> = REPEATED.iter().map(|spec| spec.code).collect();
    assert_eq!(
        codes,
        [
            "UPSTREAM_TIMEOUT",
            "TASK_NOT_FOUND",
            "UNAUTHORIZED",
            "GATEWAY_CLOSED",
            "RETRIES_EXHAUSTED",
            "USER_NOT_FOUND",
        ]
    );
    assert_eq!(REPEATED.len(), 6);
    assert_eq!(GatewayError::catalog().len(), 4);
}

/// The count is made in const evaluation, and follows the iterator where it is subtle: a
/// tree's own entries before its first nested tree are not remembered, so one reached again
/// afterwards is yielded again; from the first nested tree on, a repeat is skipped.
#[test]
fn len_is_counted_in_const_evaluation() {
    use apierror::__private::{Catalog, CatalogNode, CatalogTree, ErrorSpec};

    const TASK_LEN: usize = Catalog::of::<TaskError>().len();
    assert_eq!(TASK_LEN, 2);

    const SPEC: ErrorSpec = ErrorSpec::new("X", 400).with_defined_in("t::T");
    const INNER: CatalogTree =
        CatalogTree::new("t::Inner", Format::Flat, &[CatalogNode::Spec(SPEC)]);
    const OUTER: CatalogTree = CatalogTree::new(
        "t::Outer",
        Format::Flat,
        &[
            CatalogNode::Spec(SPEC),
            CatalogNode::Nested(&INNER),
            CatalogNode::Spec(SPEC),
            CatalogNode::Nested(&INNER),
        ],
    );
    let catalog = Catalog::from_tree(&OUTER);
    assert_eq!(catalog.iter().count(), 2);
    assert_eq!(catalog.len(), 2);
}
