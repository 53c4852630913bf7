use apierror::ApiError;
use apierror::__private::{CatalogNode, CatalogTree, ErrorSpec, HasCatalog};

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task {id} missing")]
    NotFound { id: u64 },
}

/// A framework's catalog as `apierror::axum::FrameworkErrors` builds it (a yielding tree; the
/// ui cases build the runtime without its `axum` feature): the unmatched route's `NOT_FOUND`,
/// whose message is the reason phrase.
struct FrameworkErrors;

impl HasCatalog for FrameworkErrors {
    const TREE: &'static CatalogTree = &CatalogTree::yielding(
        "apierror::axum::FrameworkErrors",
        &[CatalogNode::Spec(
            ErrorSpec::new("NOT_FOUND", 404)
                .with_message_template("Not Found")
                .with_defined_in("apierror::axum::FrameworkErrors"),
        )],
    );
}

// `NOT_FOUND = ...` would never be used: the unmatched route is translated by
// `apierror-status-404`.
apierror::locales!(LOCALES = [TaskError, FrameworkErrors], "locales/framework_code");

fn main() {}
