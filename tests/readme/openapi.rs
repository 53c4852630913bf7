//! "OpenAPI: unions and per-route lists" (utoipa) and "OpenAPI with aide".

use apierror::ApiError;
use axum::Json;
use axum::extract::Path;
use serde_json::Value;

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct User {
    id: u64,
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum UserError {
    /// No user has this id.
    #[status(404)]
    #[code("USER_NOT_FOUND")]
    #[message("User {id} does not exist")]
    #[error("no user {id}")]
    NotFound { id: u64 },

    /// Authentication is required.
    #[status(401)]
    #[error("no bearer token")]
    Unauthorized,

    /// Another user has this email.
    #[status(409)]
    #[error("email taken")]
    EmailTaken,
}

// A union: merged by status, code enums united, every example kept.
apierror::responses!(pub UserApiErrors = [UserError, apierror::axum::FrameworkErrors]);

// What one route can return: some variants of an enum, some codes of a framework's catalog
// (or of any type), whole types.
apierror::responses!(pub GetUserErrors = [
    UserError::{NotFound, Unauthorized},
    apierror::axum::FrameworkErrors::{"BAD_REQUEST"},
]);

#[utoipa::path(get, path = "/users/{id}", responses((status = 200, body = User), GetUserErrors))]
async fn get_user(Path(id): Path<u64>) -> Result<Json<User>, UserError> {
    Err(UserError::NotFound { id })
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(get_user))]
struct ApiDoc;

/// The codes each documented status of `/users/{id}`'s GET names in its examples.
fn codes_by_status(document: &Value, path: &str) -> Vec<(String, Vec<String>)> {
    let responses = document["paths"][path]["get"]["responses"].as_object().expect("responses");
    responses
        .iter()
        .map(|(status, response)| {
            let examples = response["content"]["application/json"]["examples"].as_object();
            let codes = examples.map_or_else(Vec::new, |examples| examples.keys().cloned().collect());
            (status.clone(), codes)
        })
        .collect()
}

#[tokio::test]
async fn utoipa_documents_the_routes_list() {
    use utoipa::OpenApi as _;

    let document = serde_json::to_value(ApiDoc::openapi()).expect("JSON");
    let statuses: Vec<String> =
        codes_by_status(&document, "/users/{id}").into_iter().map(|(status, _)| status).collect();
    assert_eq!(statuses, ["200", "400", "401", "404"]);
    let union = apierror::openapi::responses_of::<UserApiErrors>();
    let statuses: Vec<&str> = union.keys().map(String::as_str).collect();
    assert!(statuses.contains(&"409") && statuses.contains(&"405"), "{statuses:?}");
    assert!(matches!(get_user(Path(7)).await, Err(UserError::NotFound { id: 7 })));
}

mod with_aide {
    use super::{Json, Path};
    use apierror::ApiError;

    #[derive(serde::Serialize, schemars::JsonSchema)]
    pub struct Task {
        id: u64,
    }

    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum TaskError {
        /// The requested task does not exist.
        #[status(404)]
        #[code("TASK_NOT_FOUND")]
        #[message("Task with ID {id} could not be found")]
        #[error("task {id} missing from store")]
        NotFound { id: u64 },

        /// The store failed.
        #[status(500)]
        #[error("store failed")]
        Store,

        /// The title is taken.
        #[status(409)]
        #[error("title taken")]
        Duplicate,
    }

    async fn get_task_plain(Path(id): Path<u64>) -> Result<Json<Task>, TaskError> {
        Err(TaskError::NotFound { id })
    }

    #[test]
    fn aide_documents_the_routes_list() {
        use aide::openapi::OpenApi;

        use aide::axum::{ApiRouter, routing::get_with};
        use apierror::aide::{Listed, only};

        apierror::responses!(pub GetTaskErrors = [
            TaskError::{NotFound, Store},
            apierror::axum::FrameworkErrors::{"BAD_REQUEST"},
        ]);

        // The return type: documents `GetTaskErrors`, responds as `TaskError` (`?` converts).
        async fn get_task(Path(id): Path<u64>) -> Result<Json<Task>, Listed<GetTaskErrors, TaskError>> {
            Err(TaskError::NotFound { id })?
        }

        // Or a transform: the operation's 4xx and 5xx become exactly the list's.
        let app = ApiRouter::new()
            .api_route("/tasks/{id}", get_with(get_task_plain, only::<GetTaskErrors>));

        let mut api = OpenApi::default();
        let _: axum::Router = app
            .api_route("/listed/{id}", aide::axum::routing::get(get_task))
            .finish_api(&mut api);
        let document = serde_json::to_value(&api).expect("JSON");
        for path in ["/tasks/{id}", "/listed/{id}"] {
            let statuses: Vec<&String> =
                document["paths"][path]["get"]["responses"].as_object().expect("responses").keys().collect();
            assert_eq!(statuses, ["200", "400", "404", "500"], "{path}");
        }
    }
}
