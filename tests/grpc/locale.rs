//! Localized messages over gRPC (features `tonic` and `fluent`): a real tonic server behind
//! `ErrorLayer::with_translations` with French translations, called by a real tonic client
//! with `accept-language` metadata.

use super::service::{self, GetTask, Task, TaskError};
use apierror::tonic::ErrorLayer;
use apierror::{ApiError, RemoteError};
use http::uri::PathAndQuery;
use prost::Message as _;
use std::net::SocketAddr;
use std::sync::Arc;
use tonic::transport::Server;
use tonic::{Code, Status};
use tonic_prost::ProstCodec;
use tonic_types::{ErrorDetail, StatusExt as _};

const FR: &str = "\
TASK_NOT_FOUND = La tâche { $task_id } est introuvable
VALIDATION_FAILED = La tâche est invalide
";

fn translations() -> Arc<apierror::locale::Translations> {
    Arc::new(
        apierror::locale::Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl("fr", "fr.ftl", FR)
            .unwrap(),
    )
}

async fn start() -> tonic::transport::Channel {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    tokio::spawn(
        Server::builder()
            .layer(ErrorLayer::new().with_translations(translations()))
            .add_service(service::TasksServer)
            .serve_with_incoming(incoming),
    );
    super::connect(addr).await
}

/// `scenario`'s status, asked for with `accept-language` values.
async fn status(channel: &tonic::transport::Channel, scenario: &str, languages: &[&str]) -> Status {
    let mut client = tonic::client::Grpc::new(channel.clone());
    client.ready().await.unwrap();
    let mut request = tonic::Request::new(GetTask {
        id: 7,
        scenario: scenario.to_owned(),
    });
    for language in languages {
        request
            .metadata_mut()
            .append("accept-language", language.parse().unwrap());
    }
    client
        .unary(
            request,
            PathAndQuery::from_static(service::GET),
            ProstCodec::<GetTask, Task>::default(),
        )
        .await
        .expect_err(scenario)
}

/// The `@type`s of the details, in order.
fn types(status: &Status) -> Vec<String> {
    tonic_types::pb::Status::decode(status.details())
        .unwrap()
        .details
        .into_iter()
        .map(|any| any.type_url)
        .collect()
}

fn localized(status: &Status) -> Option<(String, String)> {
    status
        .check_error_details_vec()
        .unwrap()
        .into_iter()
        .find_map(|detail| match detail {
            ErrorDetail::LocalizedMessage(localized) => Some((localized.locale, localized.message)),
            _ => None,
        })
}

#[tokio::test]
async fn a_french_client_gets_a_localized_message_after_help() {
    let channel = start().await;
    let status = status(&channel, "not_found", &["fr-CA, en;q=0.5"]).await;
    assert_eq!(status.code(), Code::NotFound);
    // The status's own message stays in the default language.
    assert_eq!(status.message(), "Task 7 could not be found");
    assert_eq!(
        localized(&status),
        Some(("fr".to_owned(), "La tâche 7 est introuvable".to_owned()))
    );
    assert_eq!(
        types(&status),
        [
            "type.googleapis.com/google.rpc.ErrorInfo",
            "type.googleapis.com/google.rpc.Help",
            "type.googleapis.com/google.rpc.LocalizedMessage",
            "type.googleapis.com/google.rpc.RequestInfo",
        ]
    );
    assert!(status.metadata().get("content-language").is_none());
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(
        remote.localized_message(),
        Some(("fr", "La tâche 7 est introuvable"))
    );
    assert_eq!(&*remote.message(), "Task 7 could not be found");
    assert_eq!(remote.code(), "TASK_NOT_FOUND");
}

#[tokio::test]
async fn the_values_of_several_headers_are_read_together() {
    let channel = start().await;
    let status = status(&channel, "not_found", &["de", "fr;q=0.5"]).await;
    assert_eq!(localized(&status).unwrap().0, "fr");
}

#[tokio::test]
async fn no_header_another_language_or_no_translation_adds_no_localized_message() {
    let channel = start().await;
    for languages in [&[][..], &["de"][..], &["en, fr;q=0.1"][..]] {
        let status = status(&channel, "not_found", languages).await;
        assert_eq!(
            status.message(),
            "Task 7 could not be found",
            "{languages:?}"
        );
        assert_eq!(localized(&status), None, "{languages:?}");
        assert_eq!(types(&status).len(), 3, "{languages:?}");
        let remote = RemoteError::from_status(&status).unwrap();
        assert_eq!(remote.localized_message(), None, "{languages:?}");
    }
    // French asked for, but the message has no French translation.
    let status = status(&channel, "rate_limited", &["fr"]).await;
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(localized(&status), None);
}

#[tokio::test]
async fn a_malformed_ten_kilobyte_header_gets_the_default() {
    let channel = start().await;
    let ten_kb = format!("fr, {}", "x".repeat(10 * 1024));
    let status = status(&channel, "not_found", &[&ten_kb]).await;
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "Task 7 could not be found");
    assert_eq!(localized(&status), None);
}

#[tokio::test]
async fn the_localized_message_is_counted_in_the_header_budget() {
    let channel = start().await;
    let kept = |status: &Status| {
        status
            .get_details_bad_request()
            .unwrap()
            .field_violations
            .len()
    };
    // 500 violations: BadRequest is cut to fit next to every other detail.
    let default = status(&channel, "many", &[]).await;
    let french = status(&channel, "many", &["fr"]).await;
    assert_eq!(french.message(), "The task is invalid");
    assert_eq!(
        types(&french),
        [
            "type.googleapis.com/google.rpc.ErrorInfo",
            "type.googleapis.com/google.rpc.BadRequest",
            "type.googleapis.com/google.rpc.Help",
            "type.googleapis.com/google.rpc.LocalizedMessage",
            "type.googleapis.com/google.rpc.RequestInfo",
        ]
    );
    assert_eq!(
        localized(&french),
        Some(("fr".to_owned(), "La tâche est invalide".to_owned()))
    );
    let block = super::header_bytes(&french);
    let date = french.metadata().get("date").unwrap().len() + "date".len() + 32;
    assert!(
        block - date <= apierror::tonic::MAX_STATUS_HEADER_BYTES,
        "{block}"
    );
    // The LocalizedMessage's bytes are taken from BadRequest's room.
    assert!(
        kept(&french) < kept(&default),
        "{} {}",
        kept(&french),
        kept(&default)
    );
}

#[test]
fn the_localized_message_is_cut_at_the_limit() {
    let locale = translations().locale("fr").unwrap();
    let ctx = apierror::Context::default()
        .with_request_id("req-1")
        .with_locale(locale)
        .with_limits(apierror::Limits::default().with_max_message_len(8));
    let status = apierror::tonic::to_status(&TaskError::NotFound { task_id: 7 }, &ctx);
    assert_eq!(status.message(), "Task 7 c… [truncated]");
    assert_eq!(
        localized(&status),
        Some(("fr".to_owned(), "La tâch… [truncated]".to_owned()))
    );
}
