//! "Checked at compile time": `locales!` over a directory of `.ftl` files, and the
//! translations in OpenAPI.

use super::TaskError;
use apierror::ApiError;
use apierror::locale::Translations;
use std::error::Error;
use std::sync::Arc;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required")]
    #[error("no bearer token")]
    Unauthorized,
}

#[utoipa::path(get, path = "/tasks/{id}", responses(TaskError))]
#[allow(dead_code)]
async fn get_task() {}

#[derive(utoipa::OpenApi)]
#[openapi(paths(get_task))]
struct ApiDoc;

#[test]
#[allow(unused_variables)] // the README's first `responses` is shadowed by its second
fn translations_embedded_and_listed_in_openapi() -> Result<(), Box<dyn Error>> {
    use utoipa::OpenApi as _;

    apierror::locales!(
        /// The service's translations.
        pub LOCALES = [TaskError, AuthError, apierror::axum::FrameworkErrors],
        "locales",          // relative to this file, as include_str! reads paths
        default = "en",     // the language of the #[message]s (the default)
        complete            // every code needs a translation in every file
    );

    let translations = Arc::new(Translations::from_embedded(&LOCALES)?);

    // The responses of one set, for utoipa or aide:
    let responses = apierror::openapi::responses_of_with::<TaskError>(&translations);
    let responses = apierror::aide::responses_of_with::<TaskError>(&translations);
    // A whole document (what `#[utoipa::path(responses(TaskError))]` or aide's inference wrote):
    let mut doc = ApiDoc::openapi();
    apierror::openapi::list_translations(&mut doc, &translations); // aide::list_translations too

    let statuses: Vec<u16> = responses.iter().map(|(status, _)| *status).collect();
    assert_eq!(statuses, [404, 422, 429]);
    let doc = serde_json::to_value(&doc)?;
    let not_found = doc["paths"]["/tasks/{id}"]["get"]["responses"]["404"].to_string();
    assert!(not_found.contains("La tâche 42 est introuvable"), "{not_found}");
    Ok(())
}
