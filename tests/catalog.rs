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

/// `catalog!` over a `problem` type beside Flat ones: the Markdown reference documents each
/// type's codes in its own format (a type listed and also wrapped by another listed type, as
/// `AuthError` is by `TaskError`, in both: it is sent in each).
#[test]
fn the_markdown_reference_shows_each_types_format() {
    let doc = SERVICE_ERRORS.to_markdown();
    assert!(!doc.contains("All errors use"), "{doc}");
    assert!(
        doc.contains(
            "### The `problem` format\n\n`Content-Type: application/problem+json`, \
             for `TASK_NOT_FOUND`, `UNAUTHORIZED`:\n"
        ),
        "{doc}"
    );
    assert!(
        doc.contains(
            "### The `flat` format\n\n`Content-Type: application/json`, for `UNAUTHORIZED`, \
             `USER_NOT_FOUND`:\n"
        ),
        "{doc}"
    );
    // A type's own catalog keeps the single section.
    assert!(
        UserError::catalog()
            .to_markdown()
            .contains("All errors use the `flat` format")
    );
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
        WITH_FRAMEWORK,
        apierror::axum::FrameworkErrors::CATALOG,
        apierror::actix::FrameworkErrors::CATALOG,
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

/// Errors of a service that also defines two codes a framework catalog lists: one with the same
/// status (it stands for both), one of its own.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ApiFailure {
    /// The body failed validation (the service's own words).
    #[status(422)]
    #[code("UNPROCESSABLE_ENTITY")]
    #[error("invalid")]
    Invalid,
    /// The service's own validation code.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[error("validation failed")]
    ValidationFailed,
}

apierror::catalog!(
    /// The framework's catalog first: the user's entries still stand for shared codes.
    pub WITH_FRAMEWORK = [apierror::axum::FrameworkErrors, ApiFailure, apierror::actix::FrameworkErrors, TaskError]
);

#[test]
fn framework_catalogs_merge_with_the_services_own_entries() {
    let framework = apierror::axum::FrameworkErrors::CATALOG;
    let framework_codes: Vec<&str> = framework.iter().map(|spec| spec.code).collect();
    assert_eq!(
        framework_codes,
        [
            "BAD_REQUEST",
            "NOT_FOUND",
            "METHOD_NOT_ALLOWED",
            "REQUEST_TIMEOUT",
            "PAYLOAD_TOO_LARGE",
            "UNSUPPORTED_MEDIA_TYPE",
            "UNPROCESSABLE_ENTITY",
            "INTERNAL_SERVER_ERROR",
            "BAD_GATEWAY",
            "SERVICE_UNAVAILABLE",
            "GATEWAY_TIMEOUT",
        ]
    );
    assert_eq!(
        apierror::actix::FrameworkErrors::CATALOG.len(),
        framework.len()
    );

    // Each code once: the user's UNPROCESSABLE_ENTITY in place of both frameworks', and the
    // two framework catalogs (same codes, same statuses) as one.
    let codes: Vec<&str> = WITH_FRAMEWORK.iter().map(|spec| spec.code).collect();
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "{codes:?}");
    assert_eq!(WITH_FRAMEWORK.len(), framework.len() - 1 + 2 + 2);
    let shared = WITH_FRAMEWORK.find("UNPROCESSABLE_ENTITY").unwrap();
    assert!(shared.defined_in.ends_with("ApiFailure"), "{shared:?}");
    assert_eq!(
        shared.description,
        "The body failed validation (the service's own words)."
    );
    assert!(!codes[..framework.len() - 1].contains(&"UNPROCESSABLE_ENTITY"));
    let bad_request = WITH_FRAMEWORK.find("BAD_REQUEST").unwrap();
    assert_eq!(bad_request.defined_in, "apierror::axum::FrameworkErrors");
    assert!(bad_request.has_details);
    // The documents' format is the first user type's, not the framework's.
    assert_eq!(WITH_FRAMEWORK.format(), Format::Flat);

    // Documents and the lock show the merged view.
    let markdown = WITH_FRAMEWORK.to_markdown();
    assert_eq!(
        markdown.matches("| `UNPROCESSABLE_ENTITY` |").count(),
        1,
        "{markdown}"
    );
    assert!(markdown.contains("| `METHOD_NOT_ALLOWED` |"));
}

/// A code the framework's catalog has with another status. (A `catalog!` of the two fails to
/// build; trybuild cannot show it, since its copy of the workspace builds apierror without
/// features, so the check runs here at run time, where its compile error is a panic, and in a
/// `compile_fail` doctest of `apierror::axum::FrameworkErrors`.)
#[derive(Debug, thiserror::Error, ApiError)]
pub enum OtherStatus {
    /// A 422 named like the framework's 400.
    #[status(422)]
    #[code("BAD_REQUEST")]
    #[error("bad")]
    BadTask,
}

#[test]
fn a_framework_code_with_another_status_is_the_usual_conflict() {
    use apierror::__private::{CatalogNode, CatalogTree, HasCatalog, check_tree, find_conflict};
    static TREE: CatalogTree = CatalogTree::new(
        "catalog::CONFLICT",
        Format::Flat,
        &[
            CatalogNode::Nested(<OtherStatus as HasCatalog>::TREE),
            CatalogNode::Nested(<apierror::axum::FrameworkErrors as HasCatalog>::TREE),
        ],
    );
    assert!(find_conflict(&TREE).is_some());
    let panic = std::panic::catch_unwind(|| check_tree(&TREE)).unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert_eq!(
        message,
        "apierror: error code `BAD_REQUEST` has two statuses: 422 in `catalog::OtherStatus` and \
         400 in `apierror::axum::FrameworkErrors`: one code must mean one status; give one of \
         them another #[code], or the same #[status]"
    );
}
