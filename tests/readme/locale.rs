//! "Localized messages": translations loaded at run time, then embedded and checked at
//! compile time (`locale/embedded.rs`).

mod embedded;

use std::error::Error;

use super::tasks::TaskError;

#[test]
fn translations_loaded_at_run_time() -> Result<(), Box<dyn Error>> {
    use apierror::axum::ErrorLayer;
    use apierror::locale::Translations;
    use apierror::{Context, Format};
    use std::sync::Arc;

    apierror::catalog!(SERVICE_ERRORS = [TaskError, apierror::axum::FrameworkErrors]);

    // Checked against the catalog when loaded: a mistake is an error naming the file and line.
    let translations = Arc::new(
        Translations::new("en", SERVICE_ERRORS)?
            .with_ftl("fr", "locales/fr.ftl", include_str!("locales/fr.ftl"))?,
    );

    // Per request, in a server:
    let layer = ErrorLayer::new().with_translations(Arc::clone(&translations));

    // Or directly:
    let ctx = Context::default().with_locale(translations.negotiate("fr-CA, en;q=0.5"));
    let body = apierror::to_json(&TaskError::NotFound { id: 7 }, Format::Flat, &ctx);
    // {"code":"TASK_NOT_FOUND","message":"La tâche 7 est introuvable","requestId":"req-…"}

    let _: ErrorLayer = layer;
    let body: serde_json::Value = serde_json::from_slice(&body)?;
    assert_eq!(body["message"], "La tâche 7 est introuvable");
    assert!(body["requestId"].as_str().is_some_and(|id| id.starts_with("req-")));
    let body = apierror::to_json(&TaskError::TooManyTasks { count: 1 }, Format::Flat, &ctx);
    let body: serde_json::Value = serde_json::from_slice(&body)?;
    assert_eq!(body["message"], "Vous avez 1 tâche ouverte");
    let body = apierror::to_json(&TaskError::ValidationFailed, Format::Flat, &ctx);
    let body: serde_json::Value = serde_json::from_slice(&body)?;
    assert_eq!(body["details"][0]["reason"], "Obligatoire");
    Ok(())
}
