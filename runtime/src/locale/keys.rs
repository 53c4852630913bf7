//! The key scheme: which Fluent message translates which text apierror sends.
//!
//! | text | Fluent id |
//! |---|---|
//! | the message of code `X` | `X`, each `.` written `-` (`billing.card_declined` -> `billing-card_declined`) |
//! | the reason of a detail whose `code` is `c`, in an error of code `X` | the attribute `c` of `X` (`.` written `-`) |
//! | a validator rule's reason | the attribute named after the rule of `VALIDATION_FAILED`, with the values of [`RULE_PARAMS`] its default reason names |
//! | the generic 5xx sentences | `apierror-internal`, `apierror-unavailable` |
//! | the reason phrase of status `N` (RFC 9457's `title`, and a message that is one) | `apierror-status-N` |
//! | the framework errors' sentences | `apierror-malformed-body`, `apierror-unsupported-media-type`, `apierror-invalid-body`, `apierror-invalid-query`, `apierror-invalid-path`, `apierror-payload-too-large` |
//!
//! Fluent ids are `[a-zA-Z][a-zA-Z0-9_-]*`; codes may also hold `.`, so `.` maps to `-`. Two
//! codes of one catalog that map to the same id (`a.b` and `a-b`), or a code that maps to one
//! of apierror's own ids, are a load error.

use std::borrow::Cow;

/// The prefix of every id apierror defines itself.
pub(crate) const PREFIX: &str = "apierror-";

/// The id of the generic sentence of a 5xx other than 502..=504.
pub(crate) const INTERNAL: &str = "apierror-internal";
/// The id of the generic sentence of a 502, 503 or 504.
pub(crate) const UNAVAILABLE: &str = "apierror-unavailable";
/// The prefix of a reason phrase's id (`apierror-status-404`).
pub(crate) const STATUS: &str = "apierror-status-";

/// The framework errors' sentences and their ids (the table lives with the const checks,
/// which need it without the feature `fluent`).
pub(crate) const FRAMEWORK: [(&str, &str); 6] = crate::catalog::locales::FRAMEWORK_SENTENCES;

/// The Fluent id of a code (or of a detail code, as an attribute name): `.` written `-`.
pub(crate) fn id_of(code: &str) -> Cow<'_, str> {
    if code.contains('.') {
        Cow::Owned(code.replace('.', "-"))
    } else {
        Cow::Borrowed(code)
    }
}

/// The id of the reason phrase of `status`.
pub(crate) fn status_id(status: u16) -> String {
    let mut id = String::with_capacity(STATUS.len() + 3);
    id.push_str(STATUS);
    id.push_str(itoa::Buffer::new().format(status));
    id
}

/// The id of one of apierror's own sentences, when `message` is one: the generic 5xx
/// sentences, the framework errors' sentences, the reason phrase of `status`.
pub(crate) fn sentence_id(message: &str, status: http::StatusCode) -> Option<Cow<'static, str>> {
    if message == crate::message::INTERNAL {
        return Some(Cow::Borrowed(INTERNAL));
    }
    if message == crate::message::UNAVAILABLE {
        return Some(Cow::Borrowed(UNAVAILABLE));
    }
    if let Some((id, _)) = FRAMEWORK.iter().find(|(_, sentence)| *sentence == message) {
        return Some(Cow::Borrowed(id));
    }
    (status.canonical_reason() == Some(message)).then(|| Cow::Owned(status_id(status.as_u16())))
}

/// Whether `id` is one of apierror's own ids (not a code's): a reason phrase's only for an
/// error status (400..=599), the only ones apierror sends, as `locales!` checks them.
pub(crate) fn is_own(id: &str) -> bool {
    if id == INTERNAL || id == UNAVAILABLE || FRAMEWORK.iter().any(|(own, _)| *own == id) {
        return true;
    }
    id.strip_prefix(STATUS)
        .and_then(|status| status.parse::<u16>().ok())
        .is_some_and(|status| (400..=599).contains(&status))
}

/// The placeholders of a `#[message]` template as the catalog writes it (`Task {id} of
/// {0}`), in order, as Fluent variable names: a field name as it is, a position `N` as `argN`.
/// `{{` and `}}` are literal braces.
pub(crate) fn placeholders(template: &str) -> Vec<Cow<'_, str>> {
    let mut names = Vec::new();
    let bytes = template.as_bytes();
    let mut index = 0;
    // Byte positions of ASCII braces are character boundaries.
    while let Some(&byte) = bytes.get(index) {
        if byte != b'{' {
            index += 1;
            continue;
        }
        if bytes.get(index + 1) == Some(&b'{') {
            index += 2;
            continue;
        }
        let start = index + 1;
        let Some(length) = bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b == b'}'))
        else {
            break;
        };
        names.push(variable_name(
            template.get(start..start + length).unwrap_or_default(),
        ));
        index = start + length + 1;
    }
    names
}

/// The Fluent variable of a placeholder: a field name as it is, a position `N` as `argN`.
pub(crate) fn variable_name(placeholder: &str) -> Cow<'_, str> {
    if placeholder.bytes().all(|byte| byte.is_ascii_digit()) {
        Cow::Owned(format!("arg{placeholder}"))
    } else {
        Cow::Borrowed(placeholder)
    }
}

/// The value of each placeholder of `template` (as the catalog writes it) in `message`, the
/// template filled in (an example message): the text between the template's literal parts,
/// in placeholder order. `None` when `message` is not `template` filled in, or when two
/// placeholders touch (`{a}{b}`), which leaves their values ambiguous.
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub(crate) fn values_in<'m>(template: &str, message: &'m str) -> Option<Vec<&'m str>> {
    // The literal parts, with `{{` and `}}` unescaped: one more than the placeholders.
    let mut literals = vec![String::new()];
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literals.last_mut()?.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literals.last_mut()?.push('}');
            }
            '{' => {
                chars.by_ref().find(|&c| c == '}')?;
                literals.push(String::new());
            }
            c => literals.last_mut()?.push(c),
        }
    }
    let (first, rest) = literals.split_first()?;
    let Some((last, middle)) = rest.split_last() else {
        return (message == first).then(Vec::new);
    };
    let mut rest = message.strip_prefix(first.as_str())?;
    let mut values = Vec::with_capacity(middle.len() + 1);
    for literal in middle {
        if literal.is_empty() {
            return None;
        }
        let at = rest.find(literal.as_str())?;
        values.push(rest.get(..at)?);
        rest = rest.get(at + literal.len()..)?;
    }
    values.push(rest.strip_suffix(last.as_str())?);
    Some(values)
}

/// The code of validation reports (`ValidationFailed`), whose attributes translate the rules'
/// reasons.
pub(crate) const VALIDATION: &str = "VALIDATION_FAILED";

/// The validator rules whose default reason names its configuration, and the names of those
/// values: a translation of the rule's reason (`VALIDATION_FAILED`'s attribute `.length`) may
/// use them as variables beside `$field`, numbers as Fluent numbers. Each reason gets only
/// those its default text names (`length` with `equal`: `$equal`; with `min` and `max`: both).
pub(crate) const RULE_PARAMS: [(&str, &[&str]); 4] = [
    ("length", &["min", "max", "equal"]),
    ("range", &["min", "max", "exclusive_min", "exclusive_max"]),
    ("contains", &["needle"]),
    ("does_not_contain", &["needle"]),
];

/// The variables beside `$field` that the translation of the detail reason `attribute` of
/// message `id` may use: a rule's values in `VALIDATION_FAILED`, else none.
pub(crate) fn rule_params(id: &str, attribute: &str) -> &'static [&'static str] {
    if id != VALIDATION {
        return &[];
    }
    RULE_PARAMS
        .iter()
        .find(|(rule, _)| *rule == attribute)
        .map_or(&[], |(_, names)| *names)
}

/// The variable a detail reason's translation may use: the detail's field.
pub(crate) const DETAIL_FIELD: &str = "field";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_dots_to_hyphens() {
        assert_eq!(id_of("TASK_NOT_FOUND"), "TASK_NOT_FOUND");
        assert_eq!(id_of("billing.card_declined"), "billing-card_declined");
    }

    #[test]
    fn placeholders_are_named_in_order() {
        assert_eq!(placeholders("Task {id} of {owner}"), ["id", "owner"]);
        assert_eq!(placeholders("{0} and {1}"), ["arg0", "arg1"]);
        assert_eq!(placeholders("no {{braces}} here {x}"), ["x"]);
        assert!(placeholders("plain").is_empty());
    }

    /// The sentences here are the framework errors' own, one home each.
    #[cfg(any(feature = "axum", feature = "actix"))]
    #[test]
    fn framework_sentences_are_the_framework_errors() {
        use crate::framework::message::*;
        let sentences: Vec<&str> = FRAMEWORK.iter().map(|(_, sentence)| *sentence).collect();
        assert_eq!(
            sentences,
            [
                MALFORMED_BODY,
                UNSUPPORTED_MEDIA_TYPE,
                INVALID_BODY,
                INVALID_QUERY,
                INVALID_PATH,
                PAYLOAD_TOO_LARGE
            ]
        );
    }

    #[cfg(any(feature = "utoipa", feature = "aide"))]
    #[test]
    fn values_are_read_back_from_a_filled_template() {
        assert_eq!(
            values_in("Task {id} of {owner}", "Task 42 of ana"),
            Some(vec!["42", "ana"])
        );
        assert_eq!(values_in("{0} left", "7 left"), Some(vec!["7"]));
        assert_eq!(
            values_in("`{name}` in {{braces}}: {n}", "`limit` in {braces}: 3"),
            Some(vec!["limit", "3"])
        );
        assert_eq!(values_in("plain", "plain"), Some(vec![]));
        assert_eq!(values_in("{a}{b}", "12"), None);
        assert_eq!(values_in("Task {id}", "Job 42"), None);
    }

    #[test]
    fn own_sentences_have_ids() {
        use http::StatusCode;
        let id = |message, status| sentence_id(message, status).map(Cow::into_owned);
        assert_eq!(
            id(crate::message::INTERNAL, StatusCode::INTERNAL_SERVER_ERROR).as_deref(),
            Some(INTERNAL)
        );
        assert_eq!(
            id("Not Found", StatusCode::NOT_FOUND).as_deref(),
            Some("apierror-status-404")
        );
        assert_eq!(id("Not Found", StatusCode::GONE), None);
        assert_eq!(
            id(
                "The request body is invalid.",
                StatusCode::UNPROCESSABLE_ENTITY
            )
            .as_deref(),
            Some("apierror-invalid-body")
        );
        assert!(is_own("apierror-status-404"));
        assert!(!is_own("apierror-status-999"));
        assert!(!is_own("apierror-status-200"));
        assert!(is_own("apierror-status-499"));
        assert!(!is_own("apierror-other"));
    }
}
