//! Localized messages (README "Localized messages", `apierror::locale`): loading and its
//! errors, the key scheme, every envelope's bytes in another language, plurals, fallbacks,
//! negotiation and its bounds, reading a localized response back.

use apierror::locale::{Coverage, LoadErrorKind, Locale, Translations};
use apierror::{ApiError, Catalog, Context, Detail, Format, HttpError, RemoteError};
use http::{HeaderMap, StatusCode};
use std::sync::Arc;

/// A catalog with one of each kind of message.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://e.com/errors#{code}", domain = "tasks.example.com")]
enum TaskError {
    /// The task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task {id} missing")]
    NotFound { id: u64 },

    /// Too many open tasks.
    #[status(409)]
    #[code("TOO_MANY_TASKS")]
    #[message("You have {count} open tasks")]
    #[error("{count} open")]
    TooMany { count: u32 },

    /// The task is locked.
    #[status(423)]
    #[code("tasks.locked")]
    #[message("The task is locked")]
    #[error("locked")]
    Locked,

    /// The title is invalid.
    #[status(422)]
    #[code("INVALID_TITLE")]
    #[message("The title {0} is invalid")]
    #[detail(field = "title", reason = "Must not be empty", code = "empty")]
    #[error("bad title")]
    InvalidTitle(String),

    /// Unexpected failure.
    #[status(500)]
    #[error("database: {0}")]
    Database(String),
}

const FR: &str = "\
TASK_NOT_FOUND = La tâche { $id } est introuvable
TOO_MANY_TASKS = { $count ->
    [one] Vous avez { $count } tâche ouverte
   *[other] Vous avez { $count } tâches ouvertes
}
tasks-locked = La tâche est verrouillée
INVALID_TITLE = Le titre { $arg0 } est invalide
    .empty = Le champ { $field } ne doit pas être vide
apierror-internal = Une erreur inattendue s'est produite. Veuillez réessayer plus tard.
apierror-status-404 = Introuvable
apierror-status-422 = Entité non traitable
";

fn translations() -> Arc<Translations> {
    Arc::new(
        Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl("fr", "fr.ftl", FR)
            .unwrap(),
    )
}

fn fr() -> Locale {
    translations().locale("fr").unwrap()
}

fn body(err: &dyn ApiError, format: Format, ctx: &Context) -> String {
    String::from_utf8(apierror::to_json(err, format, ctx)).unwrap()
}

fn ctx() -> Context {
    Context::default()
        .with_request_id("req-1")
        .with_instance("/tasks/7")
        .with_phrase("7 calm cats cook carefully")
}

#[test]
fn translations_are_send_sync_and_shared() {
    fn shared<T: Send + Sync + 'static>() {}
    shared::<Translations>();
    shared::<Locale>();
    shared::<Context>();
}

#[test]
fn every_envelope_localizes_where_its_standard_says() {
    let err = TaskError::NotFound { id: 7 };
    let ctx = ctx().with_locale(fr());
    let expected = [
        (
            Format::Flat,
            r#"{"code":"TASK_NOT_FOUND","message":"La tâche 7 est introuvable","requestId":"req-1"}"#,
        ),
        (
            Format::Nested,
            r#"{"error":{"code":"TASK_NOT_FOUND","message":"La tâche 7 est introuvable"}}"#,
        ),
        (
            Format::ErrorList,
            r#"{"errors":[{"message":"La tâche 7 est introuvable","help":"For more information on API status codes and how to handle them, read the docs on errors: https://e.com/errors#TASK_NOT_FOUND"}]}"#,
        ),
        (
            Format::Problem,
            r#"{"type":"https://e.com/errors#TASK_NOT_FOUND","title":"Introuvable","status":404,"detail":"La tâche 7 est introuvable","instance":"/tasks/7","code":"TASK_NOT_FOUND"}"#,
        ),
        // Google keeps `message` in the default language and adds a LocalizedMessage, last (after
        // ErrorInfo with the placeholder values and Help: DESIGN.md section 4).
        (
            Format::Google,
            r#"{"error":{"code":404,"message":"Task 7 could not be found","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_NOT_FOUND","domain":"tasks.example.com","metadata":{"id":"7"}},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"TASK_NOT_FOUND","url":"https://e.com/errors#TASK_NOT_FOUND"}]},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"fr","message":"La tâche 7 est introuvable"}]}}"#,
        ),
        (
            Format::Simple,
            r#"{"code":404,"message":"La tâche 7 est introuvable","cause":"TASK_NOT_FOUND"}"#,
        ),
    ];
    for (format, bytes) in expected {
        assert_eq!(body(&err, format, &ctx), bytes, "{format}");
    }
}

#[test]
fn the_default_language_renders_exactly_as_without_translations() {
    let en = translations().locale("en").unwrap();
    assert!(en.is_default());
    let errors: Vec<Box<dyn ApiError>> = vec![
        Box::new(TaskError::NotFound { id: 7 }),
        Box::new(TaskError::TooMany { count: 1 }),
        Box::new(TaskError::Locked),
        Box::new(TaskError::InvalidTitle("x".into())),
        Box::new(TaskError::Database("disk".into())),
        Box::new(HttpError::new(StatusCode::NOT_FOUND)),
    ];
    for err in &errors {
        for format in Format::ALL {
            assert_eq!(
                body(&**err, format, &ctx().with_locale(en.clone())),
                body(&**err, format, &ctx()),
                "{format}"
            );
        }
    }
    // Nor is a Google body given a LocalizedMessage in the default language.
    assert!(!body(&*errors[0], Format::Google, &ctx().with_locale(en)).contains("Localized"));
}

#[test]
fn integers_are_fluent_numbers_so_plurals_apply() {
    let ctx = ctx().with_locale(fr());
    assert_eq!(
        body(&TaskError::TooMany { count: 1 }, Format::Simple, &ctx),
        r#"{"code":409,"message":"Vous avez 1 tâche ouverte","cause":"TOO_MANY_TASKS"}"#
    );
    assert_eq!(
        body(&TaskError::TooMany { count: 12 }, Format::Simple, &ctx),
        r#"{"code":409,"message":"Vous avez 12 tâches ouvertes","cause":"TOO_MANY_TASKS"}"#
    );
}

#[test]
fn dotted_codes_positional_placeholders_and_detail_reasons() {
    let ctx = ctx().with_locale(fr());
    assert_eq!(
        body(&TaskError::Locked, Format::Simple, &ctx),
        r#"{"code":423,"message":"La tâche est verrouillée","cause":"tasks.locked"}"#
    );
    assert_eq!(
        body(
            &TaskError::InvalidTitle("\"x\"".into()),
            Format::Problem,
            &ctx
        ),
        r#"{"type":"https://e.com/errors#INVALID_TITLE","title":"Entité non traitable","status":422,"detail":"Le titre \"x\" est invalide","instance":"/tasks/7","code":"INVALID_TITLE","errors":[{"field":"title","reason":"Le champ title ne doit pas être vide","code":"empty"}]}"#
    );
}

/// Google's `FieldViolation` under a locale (AIP-193, DESIGN.md §4): `description` stays in
/// the default language, as `message` does, and a violation whose reason was translated
/// carries it as `localizedMessage` (`FieldViolation.localized_message`, field 4), in the JSON
/// body (protobuf JSON's lowerCamelCase) and in the gRPC status; both read back.
#[test]
fn google_field_violations_carry_their_translation_as_a_localized_message() {
    use prost::Message as _;
    use tonic_types::pb;

    let err = TaskError::InvalidTitle("x".into());
    let ctx = ctx().with_locale(fr());
    let json = body(&err, Format::Google, &ctx);
    assert_eq!(
        json,
        concat!(
            r#"{"error":{"code":422,"message":"The title x is invalid","status":"INVALID_ARGUMENT","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_TITLE","domain":"tasks.example.com","metadata":{"0":"x"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"title","description":"Must not be empty","localizedMessage":{"locale":"fr","message":"Le champ title ne doit pas être vide"}}]},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"INVALID_TITLE","url":"https://e.com/errors#INVALID_TITLE"}]},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"fr","message":"Le titre x est invalide"}]}}"#,
        )
    );
    // It is a `google.rpc.Status` by Google's own protos, written back the same, and the
    // format's JSON Schema describes it.
    assert_eq!(as_google_rpc_status(&json), google_error_member(&json));
    let schema = jsonschema::validator_for(&Format::Google.json_schema()).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let errors: Vec<String> = schema.iter_errors(&parsed).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut wrong = parsed.clone();
    wrong["error"]["details"][1]["fieldViolations"][0]["localizedMessage"]["extra"] = "x".into();
    assert!(!schema.is_valid(&wrong));

    // Over gRPC: the same violation, field 4 filled; the bytes are prost's for tonic-types'
    // messages.
    let status = apierror::tonic::to_status(&err, &ctx);
    let details = pb::Status::decode(status.details()).unwrap().details;
    let bad_request = details
        .iter()
        .find(|any| any.type_url == "type.googleapis.com/google.rpc.BadRequest")
        .unwrap();
    let expected = pb::BadRequest {
        field_violations: vec![pb::bad_request::FieldViolation {
            field: "title".into(),
            description: "Must not be empty".into(),
            reason: String::new(),
            localized_message: Some(pb::LocalizedMessage {
                locale: "fr".into(),
                message: "Le champ title ne doit pas être vide".into(),
            }),
        }],
    };
    assert_eq!(bad_request.value, expected.encode_to_vec());

    // Read back, the detail's reason is the `description` (the default language, as the
    // message is), with the translation beside it; the message stays the default, with its
    // LocalizedMessage beside it.
    let response = apierror::to_response(&err, Format::Google, &ctx);
    let from_json =
        RemoteError::parse(response.status(), response.headers(), response.body()).unwrap();
    let from_grpc = RemoteError::from_status(&status).unwrap();
    for remote in [&from_json, &from_grpc] {
        assert_eq!(
            remote.details().into_owned(),
            [Detail::new("title", "Must not be empty")]
        );
        assert_eq!(
            remote.localized_reason(0),
            Some(("fr", "Le champ title ne doit pas être vide"))
        );
        assert_eq!(remote.localized_reason(1), None);
        assert_eq!(remote.message(), "The title x is invalid");
        assert_eq!(
            remote.localized_message(),
            Some(("fr", "Le titre x est invalide"))
        );
        // Read, not kept as an unread detail.
        assert_eq!(remote.extension("details"), None);
    }

    // A violation whose `localizedMessage` holds anything else is not one: kept verbatim.
    let odd = br#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a","description":"d","localizedMessage":{"locale":"fr","message":"x","extra":"y"}}]}]}}"#;
    let remote = RemoteError::parse(StatusCode::BAD_REQUEST, &HeaderMap::new(), odd).unwrap();
    assert!(remote.details().is_empty());
    assert!(remote.extension("details").is_some());
}

/// A list cut at `Limits::max_details` ends with a marker, which carries no translation; the
/// violations before it carry theirs, in JSON as over gRPC.
#[test]
fn a_cut_violation_list_translates_only_the_kept_violations() {
    use prost::Message as _;
    use tonic_types::pb;

    // Not derived: translated by its code all the same; the second detail has no code.
    let err = HttpError::new(StatusCode::UNPROCESSABLE_ENTITY)
        .with_code("INVALID_TITLE")
        .with_detail(Detail::new("a", "Must not be empty").with_code("empty"))
        .with_detail(Detail::new("b", "Too long"))
        .with_detail(Detail::new("c", "Must not be empty").with_code("empty"));
    let ctx = ctx()
        .with_locale(fr())
        .with_limits(apierror::Limits::default().with_max_details(2));
    let json = body(&err, Format::Google, &ctx);
    assert!(
        json.contains(concat!(
            r#""fieldViolations":[{"field":"a","description":"Must not be empty","localizedMessage":{"locale":"fr","message":"Le champ a ne doit pas être vide"}},"#,
            r#"{"field":"b","description":"Too long"},"#,
            r#"{"description":"… 1 more details omitted"}]}"#,
        )),
        "{json}"
    );
    let status = apierror::tonic::to_status(&err, &ctx);
    let violations = pb::BadRequest::decode(bad_request_of(&status).as_slice())
        .unwrap()
        .field_violations;
    let localized: Vec<Option<String>> = violations
        .iter()
        .map(|violation| {
            violation
                .localized_message
                .as_ref()
                .map(|m| m.message.clone())
        })
        .collect();
    assert_eq!(
        localized,
        [
            Some("Le champ a ne doit pas être vide".to_owned()),
            None,
            None
        ]
    );
    assert_eq!(violations[2].description, "… 1 more details omitted");
}

/// Untranslated bodies keep their bytes: a reason without a translation in the language, and
/// every reason in the default language, give no `localizedMessage`.
#[test]
fn untranslated_field_violations_are_written_as_before() {
    let err = TaskError::InvalidTitle("x".into());
    let default = body(&err, Format::Google, &ctx());
    assert_eq!(
        default,
        concat!(
            r#"{"error":{"code":422,"message":"The title x is invalid","status":"INVALID_ARGUMENT","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_TITLE","domain":"tasks.example.com","metadata":{"0":"x"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"title","description":"Must not be empty"}]},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"INVALID_TITLE","url":"https://e.com/errors#INVALID_TITLE"}]}]}}"#,
        )
    );
    // French without the `.empty` attribute: the message is translated, the reason is not.
    let translations = Arc::new(
        Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl(
                "fr",
                "fr.ftl",
                "INVALID_TITLE = Le titre { $arg0 } est invalide\n",
            )
            .unwrap(),
    );
    let ctx_fr = ctx().with_locale(translations.locale("fr").unwrap());
    let french = body(&err, Format::Google, &ctx_fr);
    assert!(!french.contains("localizedMessage"), "{french}");
    assert!(
        french
            .contains(r#""fieldViolations":[{"field":"title","description":"Must not be empty"}]"#),
        "{french}"
    );
    let status = apierror::tonic::to_status(&err, &ctx_fr);
    assert_eq!(
        bad_request_of(&status),
        bad_request_of(&apierror::tonic::to_status(&err, &ctx()))
    );
}

/// The `BadRequest` entry of a status's details, as encoded.
fn bad_request_of(status: &tonic::Status) -> Vec<u8> {
    use prost::Message as _;
    tonic_types::pb::Status::decode(status.details())
        .unwrap()
        .details
        .into_iter()
        .find(|any| any.type_url == "type.googleapis.com/google.rpc.BadRequest")
        .unwrap()
        .value
}

/// The `error` member of a Google body, without `status` (a `google.rpc.Code` name, not
/// `google.rpc.Status`'s).
fn google_error_member(json: &str) -> serde_json::Value {
    let body: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut error = body["error"].clone();
    error.as_object_mut().unwrap().remove("status");
    error
}

/// `json`'s `error` read as a `google.rpc.Status` through Google's vendored protos and written
/// back under protobuf's JSON mapping (as tests/envelopes.rs checks the goldens).
fn as_google_rpc_status(json: &str) -> serde_json::Value {
    use prost_reflect::{DescriptorPool, DynamicMessage};
    let protos = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/proto");
    let files = protox::compile(
        ["google/rpc/status.proto", "google/rpc/error_details.proto"],
        [&protos],
    )
    .unwrap();
    let pool = DescriptorPool::from_file_descriptor_set(files).unwrap();
    let status = pool.get_message_by_name("google.rpc.Status").unwrap();
    let message = DynamicMessage::deserialize(status, &google_error_member(json))
        .unwrap_or_else(|err| panic!("not a google.rpc.Status: {err}\n{json}"));
    serde_json::to_value(&message).unwrap()
}

#[test]
fn generic_5xx_sentences_and_reason_phrases_are_translated() {
    let ctx = ctx().with_locale(fr());
    assert_eq!(
        body(
            &TaskError::Database("disk on fire".into()),
            Format::Simple,
            &ctx
        ),
        r#"{"code":500,"message":"Une erreur inattendue s'est produite. Veuillez réessayer plus tard.","cause":"DATABASE"}"#
    );
    // An error made at run time whose message is one of apierror's sentences.
    assert_eq!(
        body(&HttpError::new(StatusCode::NOT_FOUND), Format::Simple, &ctx),
        r#"{"code":404,"message":"Introuvable","cause":"NOT_FOUND"}"#
    );
    // Its own text stays as it is.
    let own = HttpError::new(StatusCode::NOT_FOUND).with_message("Gone fishing");
    assert_eq!(
        body(&own, Format::Simple, &ctx),
        r#"{"code":404,"message":"Gone fishing","cause":"NOT_FOUND"}"#
    );
}

#[test]
fn a_missing_or_failing_translation_keeps_the_default_text() {
    let translations = Arc::new(
        Translations::new("en", TaskError::catalog())
            .unwrap()
            // A reference to a message that does not exist fails to format.
            .with_ftl(
                "de",
                "de.ftl",
                "TASK_NOT_FOUND = { missing-message } { $id }\n",
            )
            .unwrap(),
    );
    let de = translations.locale("de").unwrap();
    let de_ctx = ctx().with_locale(de.clone());
    assert_eq!(
        body(&TaskError::NotFound { id: 7 }, Format::Simple, &de_ctx),
        r#"{"code":404,"message":"Task 7 could not be found","cause":"TASK_NOT_FOUND"}"#
    );
    assert_eq!(de.message(&TaskError::NotFound { id: 7 }), None);
    // Not translated at all.
    assert_eq!(
        body(&TaskError::Locked, Format::Simple, &de_ctx),
        r#"{"code":423,"message":"The task is locked","cause":"tasks.locked"}"#
    );
    // A Google body adds no LocalizedMessage when the message was not translated.
    assert!(!body(&TaskError::Locked, Format::Google, &de_ctx).contains("LocalizedMessage"));
    // An empty translation is no translation.
    let empty = Arc::new(
        Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl("de", "de.ftl", "tasks-locked = { \"\" }\n")
            .unwrap(),
    );
    let ctx = ctx().with_locale(empty.locale("de").unwrap());
    assert_eq!(
        body(&TaskError::Locked, Format::Simple, &ctx),
        r#"{"code":423,"message":"The task is locked","cause":"tasks.locked"}"#
    );
}

#[test]
fn bodies_carry_no_isolation_marks() {
    let text = body(
        &TaskError::NotFound { id: 7 },
        Format::Flat,
        &ctx().with_locale(fr()),
    );
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text}");
}

#[test]
fn translated_messages_are_cut_at_the_limit() {
    let ctx = ctx()
        .with_locale(fr())
        .with_limits(apierror::Limits::default().with_max_message_len(8));
    assert_eq!(
        body(&TaskError::NotFound { id: 7 }, Format::Simple, &ctx),
        r#"{"code":404,"message":"La tâch… [truncated]","cause":"TASK_NOT_FOUND"}"#
    );
}

#[test]
fn translated_messages_are_cut_at_the_limit_in_googles_localized_message() {
    let ctx = ctx()
        .with_locale(fr())
        .with_limits(apierror::Limits::default().with_max_message_len(8));
    let body = body(&TaskError::NotFound { id: 7 }, Format::Google, &ctx);
    assert_eq!(
        body,
        concat!(
            r#"{"error":{"code":404,"message":"Task 7 c… [truncated]","status":"NOT_FOUND","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_NOT_FOUND","domain":"tasks.example.com","metadata":{"id":"7"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"TASK_NOT_FOUND","url":"https://e.com/errors#TASK_NOT_FOUND"}]},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"fr","message":"La tâch… [truncated]"}]}}"#,
        )
    );
}

fn load_error(ftl: &str) -> (LoadErrorKind, String) {
    let err = Translations::new("en", TaskError::catalog())
        .unwrap()
        .with_ftl("fr", "locales/fr.ftl", ftl)
        .unwrap_err();
    (err.kind(), err.to_string())
}

#[test]
fn a_file_with_a_byte_order_mark_loads_and_a_2xx_reason_phrase_is_no_id() {
    let bom = "\u{feff}TASK_NOT_FOUND = La tâche { $id } est introuvable\n";
    let translations = Arc::new(
        Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl("fr", "locales/fr.ftl", bom)
            .unwrap(),
    );
    let fr = translations.locale("fr").unwrap();
    assert_eq!(
        fr.message(&TaskError::NotFound { id: 7 }).as_deref(),
        Some("La tâche 7 est introuvable")
    );
    // apierror sends the reason phrases of error statuses only, as `locales!` checks.
    assert_eq!(
        load_error("apierror-status-200 = OK\n").0,
        LoadErrorKind::UnknownCode
    );
}

#[test]
fn bad_translations_are_load_errors_naming_file_and_line() {
    assert_eq!(
        load_error("TASK_NOT_FOUND = ok { $id }\nTOO_MANY_TASKS { $count }\ntasks-locked = x\n"),
        (
            LoadErrorKind::Syntax,
            "locales/fr.ftl:2: not Fluent syntax: Expected a token starting with \"=\"".to_owned()
        )
    );
    assert_eq!(
        load_error("# comment\nTASK_NOT_FUND = Introuvable\n"),
        (
            LoadErrorKind::UnknownCode,
            "locales/fr.ftl:2: `TASK_NOT_FUND` is no code of the catalog and none of apierror's own messages".to_owned()
        )
    );
    assert_eq!(
        load_error("\n\nTASK_NOT_FOUND = La tâche { $id } de { $owner }\n"),
        (
            LoadErrorKind::UnknownPlaceholder,
            "locales/fr.ftl:3: `TASK_NOT_FOUND` uses the variable `$owner`, which its `#[message]` does not name (it names: `$id`)".to_owned()
        )
    );
    // A 5xx's generic sentence names nothing: a translation cannot show a hidden field.
    assert_eq!(
        load_error("apierror-internal = Erreur { $source }\n").0,
        LoadErrorKind::UnknownPlaceholder
    );
    assert_eq!(
        load_error("INVALID_TITLE = Titre\n    .empty = { $arg0 } vide\n"),
        (
            LoadErrorKind::UnknownPlaceholder,
            "locales/fr.ftl:1: `INVALID_TITLE.empty` uses the variable `$arg0`, which a detail reason does not name (it names: `$field`)".to_owned()
        )
    );
    assert_eq!(
        load_error("TASK_NOT_FOUND = { NUMBER($id) }\n").0,
        LoadErrorKind::Unsupported
    );
    assert_eq!(
        load_error("TASK_NOT_FOUND = { 12345678901234567890 }\n").0,
        LoadErrorKind::Unsupported
    );
    // Variables hidden in selectors and variants count too.
    assert_eq!(
        load_error("TOO_MANY_TASKS = { $n ->\n   *[other] { $count }\n}\n").0,
        LoadErrorKind::UnknownPlaceholder
    );
    assert_eq!(
        load_error("TOO_MANY_TASKS = { $count ->\n   *[other] { $n }\n}\n").0,
        LoadErrorKind::UnknownPlaceholder
    );
    // Defined twice, in one file or across files.
    assert_eq!(
        load_error("tasks-locked = a\ntasks-locked = b\n"),
        (
            LoadErrorKind::Duplicate,
            "locales/fr.ftl:2: `tasks-locked` is translated twice for this language".to_owned()
        )
    );
    let twice = Translations::new("en", TaskError::catalog())
        .unwrap()
        .with_ftl("fr", "a.ftl", "tasks-locked = a\n")
        .unwrap()
        .with_ftl("fr", "b.ftl", "tasks-locked = b\n")
        .unwrap_err();
    assert_eq!(twice.kind(), LoadErrorKind::Duplicate);
    assert_eq!(twice.file(), "b.ftl");
    // Languages.
    let err = Translations::new("en", TaskError::catalog())
        .unwrap()
        .with_ftl("en", "en.ftl", "")
        .unwrap_err();
    assert_eq!(err.kind(), LoadErrorKind::BadLocale);
    let err = Translations::new("en", TaskError::catalog())
        .unwrap()
        .with_ftl("not a tag", "x.ftl", "")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.ftl: `not a tag` is not a BCP 47 language tag (`en`, `fr`, `pt-BR`)"
    );
    assert_eq!(
        Translations::new("", Catalog::EMPTY).unwrap_err().kind(),
        LoadErrorKind::BadLocale
    );
}

/// An attribute is the reason of a detail code of its message's error: one the error cannot
/// have is the same mistake as an unknown code (tests/ui/locales_unknown_detail_code.rs at
/// compile time). Errors whose details are made at run time (a `#[details]` field, such as
/// `VALIDATION_FAILED`'s) take any attribute.
#[test]
fn an_attribute_for_a_detail_code_the_error_does_not_have_is_a_load_error() {
    assert_eq!(
        load_error("INVALID_TITLE = Titre\n    .empty = Vide\n    .emtpy = Vide\n"),
        (
            LoadErrorKind::UnknownCode,
            "locales/fr.ftl:1: `INVALID_TITLE.emtpy` translates the reason of a detail whose code is `emtpy`, and `INVALID_TITLE` has no such detail (its details' codes: `empty`)".to_owned()
        )
    );
    assert_eq!(
        load_error("\nTASK_NOT_FOUND = Introuvable\n    .empty = Vide\n"),
        (
            LoadErrorKind::UnknownCode,
            "locales/fr.ftl:2: `TASK_NOT_FOUND.empty` translates the reason of a detail whose code is `empty`, and `TASK_NOT_FOUND` has no such detail (it has no details)".to_owned()
        )
    );
    assert_eq!(
        TaskError::catalog()
            .iter()
            .map(|spec| (spec.code, spec.detail_codes))
            .collect::<Vec<_>>(),
        [
            ("TASK_NOT_FOUND", None),
            ("TOO_MANY_TASKS", None),
            ("tasks.locked", None),
            ("INVALID_TITLE", Some(&["empty"][..])),
            ("DATABASE", None),
        ]
    );
    // Details made at run time: any attribute (a rule's name, a custom code).
    Translations::new("en", apierror::validation::ValidationFailed::catalog())
        .unwrap()
        .with_ftl(
            "fr",
            "fr.ftl",
            "VALIDATION_FAILED = Invalide\n    .required = Obligatoire\n    .my_rule = Non\n",
        )
        .unwrap();
}

/// A tag the language-tag parser would rewrite (`_` for `-`, case, variant order) is refused
/// with the spelling to write, at load time as in `locales!` (tests/ui/locales_bad_tag.rs).
#[test]
fn a_tag_that_is_not_written_as_bcp47_is_a_load_error_naming_the_tag_to_write() {
    let with = |tag: &str| {
        Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl(tag, "locales/x.ftl", "")
            .map(|translations| translations.locales().last().map(str::to_owned))
            .map_err(|err| (err.kind(), err.to_string()))
    };
    assert_eq!(
        with("pt_BR"),
        Err((
            LoadErrorKind::BadLocale,
            "locales/x.ftl: `pt_BR` is not a BCP 47 language tag: its subtags are separated by `-`, never `_`; write `pt-BR`".to_owned()
        ))
    );
    assert_eq!(
        with("PT-br"),
        Err((
            LoadErrorKind::BadLocale,
            "locales/x.ftl: `PT-br` is not written as BCP 47 writes it (language in lower case, script in title case, region in upper case, variants once each and sorted); write `pt-BR`".to_owned()
        ))
    );
    assert_eq!(
        with("sr-latn-RS").unwrap_err().1,
        "locales/x.ftl: `sr-latn-RS` is not written as BCP 47 writes it (language in lower case, script in title case, region in upper case, variants once each and sorted); write `sr-Latn-RS`"
    );
    assert_eq!(
        with("de-1996-1901").unwrap_err().1,
        "locales/x.ftl: `de-1996-1901` is not written as BCP 47 writes it (language in lower case, script in title case, region in upper case, variants once each and sorted); write `de-1901-1996`"
    );
    // Tags as BCP 47 writes them load, and are kept as written.
    for tag in ["pt-BR", "sr-Latn-RS", "de-1901-1996", "es-419", "fr"] {
        assert_eq!(with(tag), Ok(Some(tag.to_owned())), "{tag}");
    }
    // The default language too.
    let err = Translations::new("en_US", TaskError::catalog()).unwrap_err();
    assert_eq!(
        (err.kind(), err.to_string()),
        (
            LoadErrorKind::BadLocale,
            "`en_US` is not a BCP 47 language tag: its subtags are separated by `-`, never `_`; write `en-US`".to_owned()
        )
    );
}

#[test]
fn codes_whose_fluent_ids_collide_are_a_load_error() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[allow(dead_code)]
    enum Clash {
        #[status(400)]
        #[code("a.b")]
        #[error("x")]
        Dotted,
        #[status(400)]
        #[code("a-b")]
        #[error("y")]
        Hyphenated,
    }
    let err = Translations::new("en", Clash::catalog()).unwrap_err();
    assert_eq!(err.kind(), LoadErrorKind::Collision);
    assert_eq!(
        err.to_string(),
        "codes `a.b` and `a-b` both have the Fluent id `a-b` (`.` is written `-`); rename one"
    );
}

#[test]
fn negotiation_follows_q_values_and_falls_back() {
    let translations = translations();
    let tag = |header: &str| translations.negotiate(header).tag().to_owned();
    assert_eq!(tag("fr"), "fr");
    assert_eq!(tag("fr-CA"), "fr");
    assert_eq!(tag("de, fr-CA;q=0.8, en;q=0.5"), "fr");
    assert_eq!(tag("en;q=0.9, fr"), "fr");
    assert_eq!(tag("fr;q=0.4, en;q=0.9"), "en");
    assert_eq!(tag("fr;q=0, de"), "en");
    assert_eq!(tag("*"), "en");
    assert_eq!(tag(""), "en");
    assert_eq!(tag("zz-ZZ, garbage;;;q=x"), "en");
    // RFC 9110: `*` matches what no other range names, so it does not bring back a refused
    // default; a tag's extensions and private use part do not hide its language.
    assert_eq!(tag("en;q=0, fr;q=0.5, *"), "fr");
    // ... but finds a language no range names.
    assert_eq!(tag("en;q=0, *"), "fr");
    assert_eq!(tag("en;q=0, fr;q=0, *"), "en");
    // A refused region leaves the default's own tag to `*`.
    assert_eq!(tag("en-GB;q=0, fr;q=0.5, *"), "en");
    assert_eq!(tag("fr-CA-u-ca-gregory"), "fr");
    assert_eq!(tag("fr-x-private, en;q=0.5"), "fr");
    let default = translations.negotiate("de");
    assert!(default.is_default());
    assert_eq!(default.translations().default_locale(), "en");
    assert_eq!(translations.locales().collect::<Vec<_>>(), ["en", "fr"]);
}

#[test]
fn malformed_accept_language_gets_the_default_with_bounded_work() {
    let translations = translations();
    let ten_kb = format!("fr, {}", "x".repeat(10 * 1024));
    assert!(translations.negotiate(&ten_kb).is_default());
    let thousand = vec!["fr"; 1_000].join(",");
    assert!(translations.negotiate(&thousand).is_default());
    assert!(translations.negotiate("fr\u{7}").is_default());
    assert!(translations.negotiate("fr\r\nx: y").is_default());
    assert!(
        translations
            .negotiate_values([&[b'f', b'r', 0xff][..]])
            .is_default()
    );
    // Within the bounds, the same ranges are read.
    let many = vec!["de"; apierror::locale::MAX_RANGES - 1].join(",") + ",fr";
    assert_eq!(translations.negotiate(&many).tag(), "fr");
}

#[test]
fn a_locale_translates_a_message_directly() {
    let fr = fr();
    assert_eq!(
        fr.message(&TaskError::NotFound { id: 3 }).as_deref(),
        Some("La tâche 3 est introuvable")
    );
    assert_eq!(
        translations()
            .locale("en")
            .unwrap()
            .message(&TaskError::Locked),
        None
    );
    assert_eq!(format!("{fr:?}"), "Locale(\"fr\")");
    assert_eq!(fr, fr.clone());
    assert_ne!(
        fr,
        translations().locale("fr").unwrap(),
        "other translations"
    );
}

#[test]
fn responses_carry_content_language_and_vary() {
    let response = apierror::to_response(
        &TaskError::NotFound { id: 7 },
        Format::Flat,
        &ctx().with_locale(fr()),
    );
    assert_eq!(response.headers()["content-language"], "fr");
    assert_eq!(response.headers()["vary"], "Accept-Language");
    // A message left in the default language says so.
    let untranslated = Arc::new(
        Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl("de", "de.ftl", "")
            .unwrap(),
    );
    let de = ctx().with_locale(untranslated.locale("de").unwrap());
    let response = apierror::to_response(&TaskError::Locked, Format::Flat, &de);
    assert_eq!(response.headers()["content-language"], "en");
    // Without a locale in the context, neither header.
    let response = apierror::to_response(&TaskError::Locked, Format::Flat, &ctx());
    assert!(response.headers().get("content-language").is_none());
    assert!(response.headers().get("vary").is_none());
}

#[test]
fn remote_errors_read_content_language_and_localized_messages_back() {
    let ctx = ctx().with_locale(fr());
    let response = apierror::to_response(&TaskError::NotFound { id: 7 }, Format::Flat, &ctx);
    let remote =
        RemoteError::parse(response.status(), response.headers(), response.body()).unwrap();
    assert_eq!(remote.content_language(), Some("fr"));
    assert_eq!(remote.message(), "La tâche 7 est introuvable");
    assert_eq!(remote.localized_message(), None);

    let response = apierror::to_response(&TaskError::NotFound { id: 7 }, Format::Google, &ctx);
    let remote =
        RemoteError::parse(response.status(), response.headers(), response.body()).unwrap();
    assert_eq!(remote.message(), "Task 7 could not be found");
    assert_eq!(
        remote.localized_message(),
        Some(("fr", "La tâche 7 est introuvable"))
    );
    // Read, not kept as an unread detail.
    assert_eq!(remote.extension("details"), None);
    assert_eq!(remote.content_language(), Some("en"));

    // A LocalizedMessage without its locale is kept verbatim.
    let body = br#"{"error":{"code":404,"message":"m","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","message":"x"}]}}"#;
    let remote = RemoteError::parse(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap();
    assert_eq!(remote.localized_message(), None);
    assert!(remote.extension("details").is_some());
}

#[test]
fn validation_reasons_are_translated_by_rule() {
    let translations = Arc::new(
        Translations::new("en", apierror::validation::ValidationFailed::catalog())
            .unwrap()
            .with_ftl(
                "fr",
                "fr.ftl",
                "VALIDATION_FAILED = La requête est invalide\n    .required = Obligatoire\n",
            )
            .unwrap(),
    );
    let err =
        apierror::validation::ValidationFailed::new(apierror::validation::Violations::from(vec![
            Detail::new("name", "Is required").with_code("required"),
            Detail::new("email", "Must be a valid email address").with_code("email"),
        ]));
    let ctx = ctx().with_locale(translations.locale("fr").unwrap());
    let text = body(&err, Format::Flat, &ctx);
    assert!(
        text.contains(r#""message":"La requête est invalide""#),
        "{text}"
    );
    assert!(
        text.contains(r#"{"field":"name","reason":"Obligatoire"}"#),
        "{text}"
    );
    assert!(
        text.contains(r#"{"field":"email","reason":"Must be a valid email address"}"#),
        "{text}"
    );
}

proptest::proptest! {
    /// Whatever the values, a translated body is the JSON serde_json writes for the translated
    /// text: escaped the same, never empty, never a panic; the plural follows the number.
    #[test]
    fn translated_bodies_are_valid_json_for_any_values(id in proptest::num::u64::ANY, count in 0u32..5, title in ".*") {
        let ctx = Context::default().with_request_id("r").with_locale(fr());
        let body = apierror::to_json(&TaskError::NotFound { id }, Format::Flat, &ctx);
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        // Every digit, beyond 2^53 too (passed as text there, where an f64 would round).
        proptest::prop_assert_eq!(&value["message"], &serde_json::json!(format!("La tâche {id} est introuvable")));

        let body = apierror::to_json(&TaskError::TooMany { count }, Format::Flat, &ctx);
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        // French's `one` is 0 and 1 (CLDR), so the rule is Fluent's, not `== 1`.
        let expected = if count <= 1 {
            format!("Vous avez {count} tâche ouverte")
        } else {
            format!("Vous avez {count} tâches ouvertes")
        };
        proptest::prop_assert_eq!(&value["message"], &serde_json::json!(expected));

        let body = apierror::to_json(&TaskError::InvalidTitle(title.clone()), Format::Flat, &ctx);
        let expected = serde_json::json!({
            "code": "INVALID_TITLE",
            "message": format!("Le titre {title} est invalide"),
            "details": [{"field": "title", "reason": "Le champ title ne doit pas être vide"}],
            "requestId": "r",
        });
        proptest::prop_assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).unwrap(), expected);
    }

    /// Whatever a violation's field and default reason, a Google body and a gRPC status in
    /// French keep the reason as `description` and carry the translation, escaped as serde_json
    /// escapes it; both read back to the default reason with the translation beside it.
    #[test]
    fn translated_violations_round_trip_for_any_text(field in ".*", reason in ".*") {
        use prost::Message as _;
        let err = HttpError::new(StatusCode::UNPROCESSABLE_ENTITY)
            .with_code("INVALID_TITLE")
            .with_detail(Detail::new(field.clone(), reason.clone()).with_code("empty"));
        let ctx = Context::default().with_request_id("r").with_locale(fr());
        let translated = format!("Le champ {field} ne doit pas être vide");
        let body = apierror::to_json(&err, Format::Google, &ctx);
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        proptest::prop_assert_eq!(
            &value["error"]["details"][1]["fieldViolations"],
            &serde_json::json!([{
                "field": field,
                "description": reason,
                "localizedMessage": {"locale": "fr", "message": translated},
            }])
        );
        let status = apierror::tonic::to_status(&err, &ctx);
        let violations = tonic_types::pb::BadRequest::decode(bad_request_of(&status).as_slice())
            .unwrap()
            .field_violations;
        proptest::prop_assert_eq!(violations.len(), 1);
        proptest::prop_assert_eq!(&violations[0].description, &reason);
        proptest::prop_assert_eq!(
            violations[0].localized_message.as_ref().map(|m| (m.locale.as_str(), m.message.as_str())),
            Some(("fr", translated.as_str()))
        );
        let response = apierror::to_response(&err, Format::Google, &ctx);
        let remote = RemoteError::parse(response.status(), response.headers(), response.body()).unwrap();
        let from_grpc = RemoteError::from_status(&status).unwrap();
        for remote in [remote, from_grpc] {
            let details = remote.details();
            proptest::prop_assert_eq!(details.len(), 1);
            proptest::prop_assert_eq!(&*details[0].reason, reason.as_str());
            proptest::prop_assert_eq!(remote.localized_reason(0), Some(("fr", translated.as_str())));
        }
    }
}

apierror::locales!(
    /// The same French as `FR`, embedded at compile time and checked against `TaskError`.
    EMBEDDED = [TaskError],
    "fixtures/locales/tasks",
    complete
);

#[test]
fn embedded_translations_are_the_files_and_render_the_same() {
    let files = EMBEDDED.files();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].locale(), "fr");
    assert_eq!(files[0].path(), "fixtures/locales/tasks/fr.ftl");
    assert_eq!(files[0].text(), FR);
    assert_eq!(EMBEDDED.default_locale(), "en");
    assert_eq!(EMBEDDED.catalog().len(), TaskError::catalog().len());
    let embedded = Arc::new(Translations::from_embedded(&EMBEDDED).unwrap());
    let ctx = ctx().with_locale(embedded.locale("fr").unwrap());
    let err = TaskError::NotFound { id: 7 };
    for format in Format::ALL {
        assert_eq!(
            body(&err, format, &ctx),
            body(&err, format, &self::ctx().with_locale(fr())),
            "{format}"
        );
    }
}

/// Another crate's view of the same codes: `TASK_NOT_FOUND` names `{name}`, and there is a
/// code the French file does not translate.
#[derive(Debug, thiserror::Error, ApiError)]
#[allow(dead_code)]
enum Elsewhere {
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {name} could not be found")]
    #[error("missing")]
    NotFound { name: String },

    #[status(410)]
    #[code("TASK_GONE")]
    #[message("The task is gone")]
    #[error("gone")]
    Gone,
}

#[test]
fn check_locales_lists_what_each_language_gets_wrong() {
    let translations = Translations::from_embedded(&EMBEDDED).unwrap();
    // Against its own catalog: nothing, even when every code is required.
    TaskError::catalog()
        .check_locales(&translations, Coverage::Complete)
        .unwrap();
    let err = Elsewhere::catalog()
        .check_locales(&translations, Coverage::Complete)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "translations do not match the catalog
fr:
  missing codes: TASK_GONE
  unknown code: fixtures/locales/tasks/fr.ftl:2: TOO_MANY_TASKS
  unknown code: fixtures/locales/tasks/fr.ftl:6: tasks-locked
  unknown code: fixtures/locales/tasks/fr.ftl:7: INVALID_TITLE
  unknown placeholder: fixtures/locales/tasks/fr.ftl:1: TASK_NOT_FOUND uses $id"
    );
    // `Debug` is the same list, so an `.unwrap()` in a test reads as it; `{:#?}` the fields.
    assert_eq!(format!("{err:?}"), err.to_string());
    assert!(format!("{err:#?}").starts_with("LocalesError {\n    reports: ["));
    let report = &err.reports()[0];
    assert_eq!(report.locale(), "fr");
    assert_eq!(report.missing(), ["TASK_GONE"]);
    // A partial translation may leave codes out, not get them wrong.
    let partial = Elsewhere::catalog()
        .check_locales(&translations, Coverage::Partial)
        .unwrap_err();
    assert!(partial.reports()[0].missing().is_empty());
    assert_eq!(partial.reports()[0].unknown_codes().len(), 3);
}

/// Two 5xx that say the generic sentences, one 5xx with its own message.
#[derive(Debug, thiserror::Error, ApiError)]
#[allow(dead_code)]
enum Outages {
    #[status(500)]
    #[code("DB_DOWN")]
    #[error("database down")]
    DbDown,

    #[status(503)]
    #[code("MAINTENANCE")]
    #[error("maintenance")]
    Maintenance,

    #[status(502)]
    #[code("UPSTREAM")]
    #[message("The payment provider did not answer")]
    #[error("upstream")]
    Upstream,
}

#[test]
fn check_locales_names_the_generic_sentence_that_covers_a_missing_5xx() {
    let translations = Translations::new("en", Outages::catalog())
        .unwrap()
        .with_ftl(
            "fr",
            "fr.ftl",
            "UPSTREAM = Le prestataire de paiement n'a pas répondu\n",
        )
        .unwrap()
        .with_ftl("de", "de.ftl", "apierror-status-404 = Nicht gefunden\n")
        .unwrap();
    let err = Outages::catalog()
        .check_locales(&translations, Coverage::Complete)
        .unwrap_err();
    // `missing()` stays a list of codes; the text says which id covers each generic one.
    assert_eq!(err.reports()[0].missing(), ["DB_DOWN", "MAINTENANCE"]);
    assert_eq!(
        err.reports()[1].missing(),
        ["DB_DOWN", "MAINTENANCE", "UPSTREAM"]
    );
    assert_eq!(
        err.to_string(),
        "translations do not match the catalog
fr:
  missing codes: DB_DOWN (or `apierror-internal`), MAINTENANCE (or `apierror-unavailable`)
de:
  missing codes: DB_DOWN (or `apierror-internal`), MAINTENANCE (or `apierror-unavailable`), UPSTREAM"
    );
}

#[test]
fn the_lock_file_is_unaffected_by_wording() {
    let dir = std::env::temp_dir().join(format!("apierror-locale-lock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lock = dir.join("errors.lock.json");
    TaskError::catalog().write_lock(&lock).unwrap();
    let text = std::fs::read_to_string(&lock).unwrap();
    // Codes and statuses only: neither the `#[message]`s nor their translations.
    assert!(
        !text.contains("could not be found") && !text.contains("introuvable"),
        "{text}"
    );
    TaskError::catalog().compare_with_lock(&lock).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The Markdown reference in French: each code's translation as written, the default text
/// (marked `(en)`) where there is none; held to `tests/golden/reference_fr.md`.
#[test]
fn the_markdown_reference_per_locale() {
    let translations = Arc::new(Translations::from_embedded(&EMBEDDED).unwrap());
    let french = TaskError::catalog().to_markdown_in(&translations.locale("fr").unwrap());
    let golden =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/reference_fr.md");
    if std::env::var_os("APIERROR_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &french).unwrap();
    }
    assert_eq!(french, std::fs::read_to_string(&golden).unwrap());
    // The default language is the plain reference under a heading naming it.
    let english = TaskError::catalog().to_markdown_in(&translations.locale("en").unwrap());
    assert_eq!(
        english.replacen("# Error reference (en)", "# Error reference", 1),
        TaskError::catalog().to_markdown()
    );
}

apierror::catalog!(TASKS_AND_AXUM = [TaskError, apierror::axum::FrameworkErrors]);

/// A translation keyed by a framework error's code would never be used (those errors are
/// translated by their sentence's `apierror-*` id): a load error naming the id to write.
#[test]
fn a_framework_errors_code_is_a_load_error_naming_the_id_to_write() {
    let load = |ftl: &str| {
        let err = Translations::new("en", TASKS_AND_AXUM)
            .unwrap()
            .with_ftl("fr", "locales/fr.ftl", ftl)
            .unwrap_err();
        (err.kind(), err.to_string())
    };
    let says = |line: usize, code: &str, write: &str| {
        (
            LoadErrorKind::FrameworkCode,
            format!(
                "locales/fr.ftl:{line}: `{code}` is the code of a framework error (apierror::axum::FrameworkErrors), whose message is one of apierror's own sentences and is translated by its id: write {write} instead"
            ),
        )
    };
    assert_eq!(
        load("TASK_NOT_FOUND = La tâche { $id } est introuvable\nNOT_FOUND = Introuvable\n"),
        says(2, "NOT_FOUND", "`apierror-status-404`")
    );
    let cases = [
        (
            "BAD_REQUEST",
            "`apierror-malformed-body`, `apierror-invalid-query` or `apierror-invalid-path`",
        ),
        ("METHOD_NOT_ALLOWED", "`apierror-status-405`"),
        ("REQUEST_TIMEOUT", "`apierror-status-408`"),
        ("PAYLOAD_TOO_LARGE", "`apierror-payload-too-large`"),
        (
            "UNSUPPORTED_MEDIA_TYPE",
            "`apierror-unsupported-media-type`",
        ),
        ("UNPROCESSABLE_ENTITY", "`apierror-invalid-body`"),
        ("INTERNAL_SERVER_ERROR", "`apierror-internal`"),
        ("BAD_GATEWAY", "`apierror-unavailable`"),
        ("SERVICE_UNAVAILABLE", "`apierror-unavailable`"),
        ("GATEWAY_TIMEOUT", "`apierror-unavailable`"),
    ];
    // Every code of the framework's catalog is covered.
    assert_eq!(
        cases.len() + 1,
        apierror::axum::FrameworkErrors::CATALOG.len()
    );
    for (code, write) in cases {
        assert_eq!(
            load(&format!("{code} = x\n")),
            says(1, code, write),
            "{code}"
        );
    }
    // The ids it names are accepted.
    Translations::new("en", TASKS_AND_AXUM)
        .unwrap()
        .with_ftl(
            "fr",
            "locales/fr.ftl",
            "apierror-status-404 = Introuvable\napierror-invalid-body = Le corps n'est pas valide.\n",
        )
        .unwrap();

    // A user's type with a framework's code owns it: its translation is used.
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Routes {
        #[status(404)]
        #[code("NOT_FOUND")]
        #[message("No route for {path}")]
        #[error("no route")]
        Missing { path: String },
    }
    apierror::catalog!(OWN_NOT_FOUND = [Routes, apierror::axum::FrameworkErrors]);
    let translations = Arc::new(
        Translations::new("en", OWN_NOT_FOUND)
            .unwrap()
            .with_ftl("fr", "fr.ftl", "NOT_FOUND = Aucune route pour { $path }\n")
            .unwrap(),
    );
    let ctx = Context::default()
        .with_request_id("req-1")
        .with_locale(translations.locale("fr").unwrap());
    let err = Routes::Missing {
        path: "/x".to_owned(),
    };
    assert_eq!(
        body(&err, Format::Flat, &ctx),
        r#"{"code":"NOT_FOUND","message":"Aucune route pour /x","requestId":"req-1"}"#
    );
}

/// A validator form whose rules have values.
#[derive(validator::Validate)]
struct Signup {
    #[validate(length(min = 3, max = 20))]
    name: String,
    #[validate(length(min = 1))]
    tags: Vec<String>,
    #[validate(range(min = 18))]
    age: u32,
    #[validate(range(exclusive_min = 0.0, max = 1.5))]
    ratio: f64,
    #[validate(contains(pattern = "@"))]
    handle: String,
}

const RULES_FR: &str = "\
VALIDATION_FAILED = La requête est invalide
    .length = { $min ->
        [one] Au moins { $min } élément
       *[other] Entre { $min } et { $max } caractères
    }
    .range = { $field } doit valoir au moins { $min }
    .contains = Doit contenir « { $needle } »
";

/// #22/#23: a rule's reason translated with the values its default reason names (numbers as
/// Fluent numbers, so `[one]` selects on `$min`); a translation using a value the reason does
/// not have leaves the default text (`ratio`'s range has `$exclusive_min`, not `$min`).
#[test]
fn validation_reasons_get_their_rules_values() {
    use apierror::validation::{ValidationFailed, ValidatorExt as _};
    let translations = Arc::new(
        Translations::new("en", ValidationFailed::catalog())
            .unwrap()
            .with_ftl("fr", "fr.ftl", RULES_FR)
            .unwrap(),
    );
    let signup = Signup {
        name: "ab".to_owned(),
        tags: Vec::new(),
        age: 3,
        ratio: 0.0,
        handle: "ada".to_owned(),
    };
    let err = ValidationFailed::new(signup.check().unwrap_err());
    let ctx = Context::default()
        .with_request_id("req-1")
        .with_locale(translations.locale("fr").unwrap());
    assert_eq!(
        body(&err, Format::Flat, &ctx),
        concat!(
            r#"{"code":"VALIDATION_FAILED","message":"La requête est invalide","details":["#,
            r#"{"field":"age","reason":"age doit valoir au moins 18"},"#,
            r#"{"field":"handle","reason":"Doit contenir « @ »"},"#,
            r#"{"field":"name","reason":"Entre 3 et 20 caractères"},"#,
            r#"{"field":"ratio","reason":"Must be greater than 0.0 and at most 1.5"},"#,
            r#"{"field":"tags","reason":"Au moins 1 élément"}],"requestId":"req-1"}"#
        )
    );
}

/// A rule's reason may use only `$field` and the values the key scheme gives that rule.
#[test]
fn a_rule_reason_with_an_unknown_variable_is_a_load_error() {
    let err = Translations::new("en", apierror::validation::ValidationFailed::catalog())
        .unwrap()
        .with_ftl(
            "fr",
            "locales/fr.ftl",
            "VALIDATION_FAILED = Invalide\n    .length = Au moins { $minimum }\n",
        )
        .unwrap_err();
    assert_eq!(err.kind(), LoadErrorKind::UnknownPlaceholder);
    assert_eq!(
        err.to_string(),
        "locales/fr.ftl:1: `VALIDATION_FAILED.length` uses the variable `$minimum`, which a detail reason does not name (it names: `$field`, `$min`, `$max`, `$equal`)"
    );
    // `.email` has no values.
    let err = Translations::new("en", apierror::validation::ValidationFailed::catalog())
        .unwrap()
        .with_ftl(
            "fr",
            "locales/fr.ftl",
            "VALIDATION_FAILED = Invalide\n    .email = { $min }\n",
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "locales/fr.ftl:1: `VALIDATION_FAILED.email` uses the variable `$min`, which a detail reason does not name (it names: `$field`)"
    );
}

/// A Google body with translations read back and passed on is the same body, byte for byte
/// (DESIGN.md §7: a gateway passes an upstream error on unchanged): every default text
/// (`message`, each violation's `description`) and both translation members, each violation's
/// `localizedMessage` and the `LocalizedMessage` detail; the translations are read beside the
/// default texts (`localized_message`, `localized_reason`).
#[test]
fn a_translated_google_body_passed_on_is_the_same_body() {
    let err = TaskError::InvalidTitle("x".into());
    let translated = body(&err, Format::Google, &ctx().with_locale(fr()));
    let remote = RemoteError::parse(
        StatusCode::UNPROCESSABLE_ENTITY,
        &HeaderMap::new(),
        translated.as_bytes(),
    )
    .unwrap();
    assert_eq!(
        remote.localized_reason(0),
        Some(("fr", "Le champ title ne doit pas être vide"))
    );
    assert_eq!(
        remote.localized_message(),
        Some(("fr", "Le titre x est invalide"))
    );
    assert_eq!(body(&remote, Format::Google, &ctx()), translated);
    // Without its translation members, it is the error rendered untranslated.
    let without_translations = translated
        .replace(
            r#","localizedMessage":{"locale":"fr","message":"Le champ title ne doit pas être vide"}"#,
            "",
        )
        .replace(
            r#",{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"fr","message":"Le titre x est invalide"}"#,
            "",
        );
    assert_ne!(without_translations, translated);
    assert_eq!(without_translations, body(&err, Format::Google, &ctx()));
}

/// An error wrapped by a `#[transparent]` variant is translated as it is on its own, in every
/// envelope (issue #22: translations "cover every text apierror sends"), with Google's
/// `ErrorInfo.metadata` naming its placeholders' values: through a wrapper without a domain,
/// one with a domain of its own around an error with one (whose domain applies), and one with
/// a domain around an error without (whose domain is then the wrapper's).
#[test]
fn a_wrapped_error_is_translated_as_it_is_on_its_own() {
    /// The same messages, without a domain.
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Plain {
        /// The task does not exist.
        #[status(404)]
        #[code("TASK_NOT_FOUND")]
        #[message("Task {id} could not be found")]
        #[error("task {id} missing")]
        NotFound { id: u64 },
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    enum NoDomain {
        #[transparent]
        #[error(transparent)]
        Task(TaskError),
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(domain = "gateway.example.com")]
    enum OwnDomain {
        #[transparent]
        #[error(transparent)]
        Task(TaskError),
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(domain = "gateway.example.com")]
    enum OwnDomainPlain {
        #[transparent]
        #[error(transparent)]
        Plain(Plain),
        /// The gateway has no route to the tasks service.
        #[status(502)]
        #[error("no route")]
        NoRoute,
    }
    let ctx = ctx().with_locale(fr());
    let inner = TaskError::NotFound { id: 7 };
    for format in Format::ALL {
        let alone = body(&inner, format, &ctx);
        assert!(alone.contains("La tâche 7 est introuvable"), "{alone}");
        let wrapped = [
            body(&NoDomain::Task(TaskError::NotFound { id: 7 }), format, &ctx),
            body(
                &OwnDomain::Task(TaskError::NotFound { id: 7 }),
                format,
                &ctx,
            ),
        ];
        for wrapped in wrapped {
            assert_eq!(wrapped, alone, "{format}");
        }
        // The error without a domain: its own body, but for Google's domain, the wrapper's.
        let alone = body(&Plain::NotFound { id: 7 }, format, &ctx);
        let wrapped = body(
            &OwnDomainPlain::Plain(Plain::NotFound { id: 7 }),
            format,
            &ctx,
        );
        let expected = alone.replace(
            r#""reason":"TASK_NOT_FOUND","metadata""#,
            r#""reason":"TASK_NOT_FOUND","domain":"gateway.example.com","metadata""#,
        );
        assert_eq!(wrapped, expected, "{format}");
    }
    let google = body(
        &OwnDomainPlain::Plain(Plain::NotFound { id: 7 }),
        Format::Google,
        &ctx,
    );
    assert!(
        google.contains(r#""domain":"gateway.example.com","metadata":{"id":"7"}"#),
        "{google}"
    );
    assert!(google.contains("La tâche 7 est introuvable"), "{google}");
    // The locale's own `message` and the gRPC status say the same.
    let locale = fr();
    assert_eq!(
        locale
            .message(&OwnDomainPlain::Plain(Plain::NotFound { id: 7 }))
            .as_deref(),
        Some("La tâche 7 est introuvable")
    );
    let status =
        apierror::tonic::to_status(&OwnDomainPlain::Plain(Plain::NotFound { id: 7 }), &ctx);
    assert_eq!(status.message(), "Task 7 could not be found");
    let info = tonic_types::StatusExt::get_details_error_info(&status).unwrap();
    assert_eq!(
        (
            info.domain.as_str(),
            info.metadata.get("id").map(String::as_str)
        ),
        ("gateway.example.com", Some("7"))
    );
    let localized = tonic_types::StatusExt::get_details_localized_message(&status).unwrap();
    assert_eq!(localized.message, "La tâche 7 est introuvable");
    // Two levels down: a type without a domain around the wrapper with one around the error
    // without: the same body, status and translation as the wrapper's.
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Edge {
        #[transparent]
        #[error(transparent)]
        Gateway(OwnDomainPlain),
    }
    let twice = || Edge::Gateway(OwnDomainPlain::Plain(Plain::NotFound { id: 7 }));
    for format in Format::ALL {
        for ctx in [ctx.clone(), self::ctx()] {
            assert_eq!(
                body(&twice(), format, &ctx),
                body(
                    &OwnDomainPlain::Plain(Plain::NotFound { id: 7 }),
                    format,
                    &ctx
                ),
                "{format}"
            );
        }
    }
    assert_eq!(
        locale.message(&twice()).as_deref(),
        Some("La tâche 7 est introuvable")
    );
    let status = apierror::tonic::to_status(&twice(), &ctx);
    let info = tonic_types::StatusExt::get_details_error_info(&status).unwrap();
    assert_eq!(
        (
            info.domain.as_str(),
            info.metadata.get("id").map(String::as_str)
        ),
        ("gateway.example.com", Some("7"))
    );
    // The wrapper's own variant keeps its own parts.
    let own = body(&OwnDomainPlain::NoRoute, Format::Google, &ctx);
    assert!(
        own.contains(r#""reason":"NO_ROUTE","domain":"gateway.example.com"}"#),
        "{own}"
    );
}

/// A passed-on error's violation translations: the JSON body and the gRPC status pick them
/// the same way, the context's language first (the gateway translates the upstream's code and
/// the violation's reason code), else the upstream's own.
#[test]
fn a_passed_on_violation_is_translated_alike_in_json_and_grpc() {
    use tonic_types::StatusExt as _;
    let body = r#"{"error":{"code":422,"message":"Invalid","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_TITLE","domain":"up.example.com"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"title","description":"Must not be empty","reason":"empty","localizedMessage":{"locale":"de","message":"Darf nicht leer sein"}}]}]}}"#;
    let upstream = RemoteError::parse(
        StatusCode::UNPROCESSABLE_ENTITY,
        &HeaderMap::new(),
        body.as_bytes(),
    )
    .unwrap();
    let translated = |ctx: &Context| {
        let json: serde_json::Value =
            serde_json::from_slice(&apierror::to_json(&upstream, Format::Google, ctx)).unwrap();
        let in_json = json["error"]["details"][1]["fieldViolations"][0]["localizedMessage"].clone();
        let status = apierror::tonic::to_status(&upstream, ctx);
        let in_status = status.get_details_bad_request().unwrap().field_violations[0]
            .localized_message
            .clone()
            .map(|m| serde_json::json!({"locale": m.locale, "message": m.message}))
            .unwrap_or_default();
        assert_eq!(in_json, in_status);
        in_json
    };
    assert_eq!(
        translated(&ctx().with_locale(fr())),
        serde_json::json!({"locale": "fr", "message": "Le champ title ne doit pas être vide"})
    );
    assert_eq!(
        translated(&ctx()),
        serde_json::json!({"locale": "de", "message": "Darf nicht leer sein"})
    );
}
