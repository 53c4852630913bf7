//! Translating one error: its message (with the values of its placeholders as Fluent
//! variables), its detail reasons and its status's reason phrase, each falling back to the
//! default text when there is no translation or it fails to format.

use super::{Language, Locale, keys};
use crate::api_error::ApiError;
use crate::detail::{Detail, Param};
use crate::message::{Captured, MessageWriter};
use crate::parts::StaticParts;
use fluent_bundle::{FluentArgs, FluentValue};
use http::StatusCode;
use std::borrow::Cow;

/// What a body shows in the request's language, where a translation exists: made before the
/// body is written, read by the envelopes.
#[derive(Debug)]
pub(crate) struct Localized<'l> {
    /// The language's tag.
    pub(crate) locale: &'l str,
    /// The translated message.
    pub(crate) message: Option<String>,
    /// The translated reason phrase (RFC 9457's `title`).
    pub(crate) title: Option<String>,
    /// The details with their reasons translated, when any was (envelopes that translate in
    /// place).
    pub(crate) details: Option<Vec<Detail>>,
    /// Each detail's translated reason, by the detail's index, when any was (`Google`, whose
    /// `description` stays in the default language and whose violation carries the
    /// translation as its `localizedMessage`).
    pub(crate) reasons: Option<Vec<Option<String>>>,
    /// How many of `reasons` there are and their bytes, for the body's capacity.
    pub(crate) reasons_len: (usize, usize),
    /// Whether the body shows these in place of the default texts (every envelope but
    /// `Google`, which keeps the default and adds a `LocalizedMessage`).
    pub(crate) in_place: bool,
}

impl Locale {
    /// What `err`'s body shows in this language. `title`: the envelope shows the reason phrase;
    /// `details`: the error may have details.
    pub(crate) fn localize(
        &self,
        err: &dyn ApiError,
        known: Option<&'static StaticParts>,
        status: StatusCode,
        in_place: bool,
        title: bool,
    ) -> Localized<'_> {
        let mut localized = Localized {
            locale: self.tag(),
            message: None,
            title: None,
            details: None,
            reasons: None,
            reasons_len: (0, 0),
            in_place,
        };
        let Some(language) = self.language() else {
            return localized;
        };
        localized.message = message(language, err, known, status);
        if in_place && title {
            localized.title = language.format(&keys::status_id(status.as_u16()), None, None);
        }
        if known.is_none_or(|parts| parts.spec.has_details) {
            let details = err.details();
            let Some(reasons) = reasons(language, err, known, &details) else {
                return localized;
            };
            if in_place {
                localized.details = Some(
                    details
                        .iter()
                        .zip(reasons)
                        .map(|(detail, reason)| {
                            let mut detail = detail.clone();
                            if let Some(reason) = reason {
                                detail.reason = Cow::Owned(reason);
                            }
                            detail
                        })
                        .collect(),
                );
            } else {
                let translated = reasons.iter().flatten();
                localized.reasons_len = (
                    translated.clone().count(),
                    translated.map(String::len).sum(),
                );
                localized.reasons = Some(reasons);
            }
        }
        localized
    }

    /// The translated reason of each of `err`'s details (by index, `None` where there is
    /// none), when this language translates any (`None` in the default language): what a
    /// gRPC `FieldViolation.localized_message` carries.
    #[cfg(feature = "tonic")]
    pub(crate) fn detail_reasons(&self, err: &dyn ApiError) -> Option<Vec<Option<String>>> {
        let language = self.language()?;
        let known = err.__message_parts();
        if known.is_some_and(|parts| !parts.spec.has_details) {
            return None;
        }
        reasons(language, err, known, &err.details())
    }
}

/// The translated message of `err`, if there is one that formats.
pub(super) fn message(
    language: &Language,
    err: &dyn ApiError,
    known: Option<&'static StaticParts>,
    status: StatusCode,
) -> Option<String> {
    let Some(parts) = known else {
        // Not derived: apierror's own sentences are translated wherever they appear.
        let message = err.message();
        let id = keys::sentence_id(&message, status)?;
        return language.format(&id, None, None);
    };
    let spec = parts.spec;
    let Some(template) = spec.message_template else {
        if status.is_server_error() {
            let id = match status.as_u16() {
                502..=504 => keys::UNAVAILABLE,
                _ => keys::INTERNAL,
            };
            return language.format(id, None, None);
        }
        return language.format(&keys::id_of(spec.code), None, None);
    };
    let names = keys::placeholders(template);
    let id = keys::id_of(spec.code);
    if names.is_empty() {
        // A message that is one of apierror's sentences (a 5xx's generic one, say) is
        // translated by its code, else as that sentence.
        return language.format(&id, None, None).or_else(|| {
            let own = keys::sentence_id(template, status)?;
            language.format(&own, None, None)
        });
    }
    let values = capture(err);
    // A template whose text holds braces that look like placeholders is ambiguous: keep the
    // default text rather than name the values wrongly.
    if values.len() != names.len() {
        return None;
    }
    let mut args = FluentArgs::with_capacity(names.len());
    for (name, value) in names.into_iter().zip(values) {
        args.set(name, value);
    }
    language.format(&id, None, Some(&args))
}

/// The translated message of the catalog entry `spec` whose default text, with example
/// values in place of its placeholders, is `example` (what an OpenAPI example shows), if
/// there is a translation that formats: the same ids as [`message`] chooses for the error,
/// with the values read back from `example` (numbers as Fluent numbers).
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub(super) fn example_message(
    language: &Language,
    spec: &crate::catalog::ErrorSpec,
    example: &str,
) -> Option<String> {
    let status = spec.status_code();
    let id = keys::id_of(spec.code);
    let Some(template) = spec.message_template else {
        if status.is_server_error() {
            let id = match status.as_u16() {
                502..=504 => keys::UNAVAILABLE,
                _ => keys::INTERNAL,
            };
            return language.format(id, None, None);
        }
        return language.format(&id, None, None);
    };
    let names = keys::placeholders(template);
    if names.is_empty() {
        return language.format(&id, None, None).or_else(|| {
            let own = keys::sentence_id(template, status)?;
            language.format(&own, None, None)
        });
    }
    let values = keys::values_in(template, example)?;
    let mut args = FluentArgs::with_capacity(names.len());
    for (name, value) in names.into_iter().zip(values) {
        args.set(name, example_value(value));
    }
    language.format(&id, None, Some(&args))
}

/// An example value as a Fluent value: a number where the text is one an `f64` holds (so
/// plural rules apply), else the text.
#[cfg(any(feature = "utoipa", feature = "aide"))]
fn example_value(text: &str) -> FluentValue<'static> {
    match text.parse::<f64>() {
        Ok(number) if number.is_finite() && number.abs() <= EXACT as f64 => {
            FluentValue::from(number)
        }
        _ => FluentValue::from(text.to_owned()),
    }
}

/// The values `err` hands its message, in placeholder order.
fn capture(err: &dyn ApiError) -> Vec<FluentValue<'static>> {
    let mut scratch = Vec::new();
    let mut captured = Vec::new();
    // Without a template of its own, so that the derived code's values reach
    // `capture_template` rather than the fast path.
    let mut writer = MessageWriter::capture(&mut scratch, &mut captured);
    err.__message_json(&mut writer);
    captured.into_iter().map(fluent_value).collect()
}

/// The largest integer an `f64` (a Fluent number) holds exactly.
const EXACT: u128 = 1 << 53;

/// An integer as a Fluent number (so plural rules apply), unless an `f64` cannot hold it
/// exactly: then its digits.
fn fluent_value(value: Captured) -> FluentValue<'static> {
    match value {
        Captured::UInt(value) if value <= EXACT => FluentValue::from(value as f64),
        Captured::Int(value) if value.unsigned_abs() <= EXACT => FluentValue::from(value as f64),
        Captured::UInt(value) => FluentValue::from(value.to_string()),
        Captured::Int(value) => FluentValue::from(value.to_string()),
        Captured::Text(text) => FluentValue::from(text),
    }
}

/// The reason of each of `details` (`err`'s, by index) translated where the error's message has
/// an attribute named after the detail's code; `None` when none was.
fn reasons(
    language: &Language,
    err: &dyn ApiError,
    known: Option<&'static StaticParts>,
    details: &[Detail],
) -> Option<Vec<Option<String>>> {
    if details.iter().all(|detail| detail.code.is_none()) {
        return None;
    }
    let code = known.map_or_else(
        || Cow::Borrowed(err.code()),
        |parts| Cow::Borrowed(parts.code()),
    );
    let id = keys::id_of(&code);
    if !language.bundle.has_message(&id) {
        return None;
    }
    let reasons: Vec<Option<String>> = details
        .iter()
        .map(|detail| {
            let code = detail.code.as_deref()?;
            let mut args = FluentArgs::new();
            if let Some(field) = detail.field.as_deref() {
                args.set(keys::DETAIL_FIELD, field.to_owned());
            }
            for (name, value) in detail.params() {
                match value {
                    Param::Number(number) => args.set(*name, *number),
                    Param::Text(text) => args.set(*name, text.clone().into_owned()),
                }
            }
            language.format(&id, Some(&keys::id_of(code)), Some(&args))
        })
        .collect();
    reasons.iter().any(Option::is_some).then_some(reasons)
}

impl Language {
    /// Message `id` (or its `attribute`) formatted with `args`; `None` when it is missing,
    /// fails to format (a variable without a value, say) or comes out empty.
    pub(super) fn format(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs<'_>>,
    ) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = match attribute {
            Some(attribute) => message.get_attribute(attribute)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        (errors.is_empty() && !text.is_empty()).then(|| text.into_owned())
    }
}
