//! validator's `ValidationErrors` as [`Violations`] (feature `validator`).

use super::{ValidationFailed, Violations, unraw};
use crate::detail::{Detail, Param};
use crate::field_path::FieldPath;
use ::validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;

/// The key validator stores struct-level (`schema`) errors under.
const STRUCT_LEVEL: &str = "__all__";

impl From<ValidationErrors> for Violations {
    fn from(errors: ValidationErrors) -> Self {
        Self::from(&errors)
    }
}

impl From<&ValidationErrors> for Violations {
    fn from(errors: &ValidationErrors) -> Self {
        let mut details = Vec::new();
        walk(errors, &FieldPath::new(), &mut details);
        Self(details)
    }
}

impl From<ValidationErrors> for ValidationFailed {
    fn from(errors: ValidationErrors) -> Self {
        Self::new(Violations::from(&errors))
    }
}

/// `validate()` with the report as [`Violations`], so that `?` reaches an error type holding
/// them with thiserror's `#[from]`.
///
/// ```
/// use apierror::validation::{ValidatorExt as _, Violations};
/// use validator::Validate;
///
/// #[derive(Validate)]
/// struct Signup {
///     #[validate(length(min = 3))]
///     name: String,
/// }
///
/// fn check(signup: &Signup) -> Result<(), Violations> {
///     signup.check()?;
///     Ok(())
/// }
///
/// let violations = check(&Signup { name: "ab".into() }).unwrap_err();
/// assert_eq!(violations[0].field.as_deref(), Some("name"));
/// assert_eq!(violations[0].reason, "Must be at least 3 characters");
/// assert_eq!(violations[0].code.as_deref(), Some("length"));
/// ```
pub trait ValidatorExt: Validate {
    /// Validates, and converts a failure's report into [`Violations`].
    ///
    /// # Errors
    ///
    /// The [`Violations`] of validator's report, one per failed rule, sorted by field.
    fn check(&self) -> Result<(), Violations> {
        self.validate().map_err(Violations::from)
    }
}

impl<T: Validate + ?Sized> ValidatorExt for T {}

/// Appends the details of `errors`, found at `at`: struct-level errors first, then the fields
/// by name.
fn walk(errors: &ValidationErrors, at: &FieldPath, out: &mut Vec<Detail>) {
    let mut entries: Vec<(&str, &ValidationErrorsKind)> = errors
        .errors()
        .iter()
        .map(|(key, kind)| (unraw(key), kind))
        .collect();
    entries
        .sort_unstable_by(|(a, _), (b, _)| (*a != STRUCT_LEVEL, *a).cmp(&(*b != STRUCT_LEVEL, *b)));
    for (name, kind) in entries {
        let mut here = at.clone();
        if name != STRUCT_LEVEL {
            here.field(name);
        }
        match kind {
            ValidationErrorsKind::Field(errors) => {
                let field = here.finish();
                out.extend(errors.iter().map(|error| detail(&field, error)));
            }
            ValidationErrorsKind::Struct(inner) => walk(inner, &here, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    let mut item = here.clone();
                    item.index(*index);
                    walk(inner, &item, out);
                }
            }
        }
    }
}

/// One error of the field at `field` (`""`: the struct itself) as a detail.
fn detail(field: &str, error: &ValidationError) -> Detail {
    let reason = match &error.message {
        Some(message) => message.clone(),
        None => default_reason(&error.code, &error.params),
    };
    let mut detail = if field.is_empty() {
        Detail::reason_only(reason)
    } else {
        Detail::new(field.to_owned(), reason)
    };
    for name in named(&error.code, &error.params) {
        let value = match error.params.get(name) {
            Some(Value::Number(number)) => number.as_f64().map(Param::Number),
            Some(Value::String(text)) => Some(Param::Text(Cow::Owned(text.clone()))),
            _ => None,
        };
        if let Some(value) = value {
            detail = detail.with_param(name, value);
        }
    }
    detail.with_code(error.code.clone())
}

/// The configuration values the default reason of rule `code` names, in the order it names
/// them (their names are the Fluent variables a translation of the reason may use: the key
/// scheme's `RULE_PARAMS`): `length`'s `equal`, else its `min` and `max`; `range`'s lower and
/// upper bounds; `contains`' and `does_not_contain`'s `needle`.
fn named(code: &str, params: &Params) -> Vec<&'static str> {
    let has = |name: &str| param(params, name).is_some();
    let mut names = Vec::new();
    match code {
        "length" if has("equal") => names.push("equal"),
        "length" => names.extend(["min", "max"].into_iter().filter(|name| has(name))),
        "range" if has("min") && has("max") => names.extend(["min", "max"]),
        "range" => {
            names.extend(["min", "exclusive_min"].into_iter().find(|name| has(name)));
            names.extend(["max", "exclusive_max"].into_iter().find(|name| has(name)));
        }
        "contains" | "does_not_contain" if has("needle") => names.push("needle"),
        _ => {}
    }
    names
}

type Params = HashMap<Cow<'static, str>, Value>;

/// The reason of an error without a message, from its rule's code and configuration. The
/// rejected value (`value`, `other`) is never read, but for whether `value` is a list.
fn default_reason(code: &str, params: &Params) -> Cow<'static, str> {
    let text = |name: &str| param(params, name);
    match code {
        "length" => length(params).map_or(Cow::Borrowed(INVALID), Cow::Owned),
        "range" => range(params).map_or(Cow::Borrowed(INVALID), Cow::Owned),
        "email" => Cow::Borrowed("Must be a valid email address"),
        "url" => Cow::Borrowed("Must be a valid URL"),
        "ip" => Cow::Borrowed("Must be a valid IP address"),
        "credit_card" => Cow::Borrowed("Must be a valid credit card number"),
        "non_control_character" => Cow::Borrowed("Must not contain control characters"),
        "required" => Cow::Borrowed("Is required"),
        // `other` is the other field's value, not its name: nothing names the field.
        "must_match" => Cow::Borrowed("Must match the other field"),
        "regex" => Cow::Borrowed("Has an invalid format"),
        "contains" => text("needle").map_or(Cow::Borrowed(INVALID), |needle| {
            Cow::Owned(format!("Must contain `{needle}`"))
        }),
        "does_not_contain" => text("needle").map_or(Cow::Borrowed(INVALID), |needle| {
            Cow::Owned(format!("Must not contain `{needle}`"))
        }),
        _ => Cow::Borrowed(INVALID),
    }
}

/// The reason of a custom rule without a message, or of a code not known here.
const INVALID: &str = "Is invalid";

/// A configuration param as text: a number as JSON writes it, a string as it is.
fn param(params: &Params, name: &str) -> Option<String> {
    match params.get(name)? {
        Value::Number(number) => Some(number.to_string()),
        Value::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// `Must be at least 3 characters`, `... at most 5 items`, `... between 3 and 5 characters`,
/// `... exactly 4 characters`.
fn length(params: &Params) -> Option<String> {
    // Only the kind of the value, never its content: a list counts items, anything else
    // (a string) characters.
    let list = matches!(
        params.get("value"),
        Some(Value::Array(_) | Value::Object(_))
    );
    let unit = |count: &str| match (list, count == "1") {
        (true, true) => "item",
        (true, false) => "items",
        (false, true) => "character",
        (false, false) => "characters",
    };
    let [min, max, equal] = ["min", "max", "equal"].map(|name| param(params, name));
    Some(match (equal, min, max) {
        (Some(equal), _, _) => format!("Must be exactly {equal} {}", unit(&equal)),
        (None, Some(min), Some(max)) => format!("Must be between {min} and {max} {}", unit("")),
        (None, Some(min), None) => format!("Must be at least {min} {}", unit(&min)),
        (None, None, Some(max)) => format!("Must be at most {max} {}", unit(&max)),
        (None, None, None) => return None,
    })
}

/// `Must be at least 18`, `... less than 10`, `... between 1 and 5`, `... greater than 0 and
/// at most 1`.
fn range(params: &Params) -> Option<String> {
    let [min, max, exclusive_min, exclusive_max] =
        ["min", "max", "exclusive_min", "exclusive_max"].map(|name| param(params, name));
    let lower = min
        .as_ref()
        .map(|min| format!("at least {min}"))
        .or_else(|| exclusive_min.map(|min| format!("greater than {min}")));
    let upper = max
        .as_ref()
        .map(|max| format!("at most {max}"))
        .or_else(|| exclusive_max.map(|max| format!("less than {max}")));
    Some(match (min, max, lower, upper) {
        (Some(min), Some(max), _, _) => format!("Must be between {min} and {max}"),
        (_, _, Some(lower), Some(upper)) => format!("Must be {lower} and {upper}"),
        (_, _, Some(bound), None) | (_, _, None, Some(bound)) => format!("Must be {bound}"),
        (_, _, None, None) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reason(code: &str, params: Value) -> Cow<'static, str> {
        let Value::Object(map) = params else {
            panic!("not an object")
        };
        let params: Params = map
            .into_iter()
            .map(|(key, value)| (Cow::Owned(key), value))
            .collect();
        default_reason(code, &params)
    }

    #[test]
    fn default_reasons_from_rule_and_configuration() {
        let table = [
            (
                "length",
                json!({"min": 3, "value": "ab"}),
                "Must be at least 3 characters",
            ),
            (
                "length",
                json!({"min": 1, "value": ""}),
                "Must be at least 1 character",
            ),
            (
                "length",
                json!({"max": 2, "value": [1, 2, 3]}),
                "Must be at most 2 items",
            ),
            (
                "length",
                json!({"min": 1, "value": []}),
                "Must be at least 1 item",
            ),
            (
                "length",
                json!({"min": 3, "max": 5, "value": "ab"}),
                "Must be between 3 and 5 characters",
            ),
            (
                "length",
                json!({"equal": 4, "value": "ab"}),
                "Must be exactly 4 characters",
            ),
            ("length", json!({"value": "ab"}), "Is invalid"),
            (
                "range",
                json!({"min": 18, "value": 3}),
                "Must be at least 18",
            ),
            (
                "range",
                json!({"max": 1.5, "value": 3}),
                "Must be at most 1.5",
            ),
            (
                "range",
                json!({"min": 1, "max": 5}),
                "Must be between 1 and 5",
            ),
            (
                "range",
                json!({"exclusive_min": 0}),
                "Must be greater than 0",
            ),
            (
                "range",
                json!({"exclusive_max": 10}),
                "Must be less than 10",
            ),
            (
                "range",
                json!({"exclusive_min": 0, "max": 1}),
                "Must be greater than 0 and at most 1",
            ),
            (
                "email",
                json!({"value": "x"}),
                "Must be a valid email address",
            ),
            ("url", json!({}), "Must be a valid URL"),
            ("ip", json!({}), "Must be a valid IP address"),
            (
                "credit_card",
                json!({}),
                "Must be a valid credit card number",
            ),
            (
                "non_control_character",
                json!({}),
                "Must not contain control characters",
            ),
            ("required", json!({"value": null}), "Is required"),
            (
                "must_match",
                json!({"value": "hunter2", "other": "hunter3"}),
                "Must match the other field",
            ),
            ("regex", json!({"value": "x"}), "Has an invalid format"),
            ("contains", json!({"needle": "@"}), "Must contain `@`"),
            (
                "does_not_contain",
                json!({"needle": "admin"}),
                "Must not contain `admin`",
            ),
            ("contains", json!({}), "Is invalid"),
            (
                "my_rule",
                json!({"value": "secret", "min": 3}),
                "Is invalid",
            ),
        ];
        for (code, params, expected) in table {
            assert_eq!(reason(code, params.clone()), expected, "{code} {params}");
        }
    }

    fn named_of(code: &str, params: Value) -> Vec<&'static str> {
        let Value::Object(map) = params else {
            panic!("not an object")
        };
        let params: Params = map
            .into_iter()
            .map(|(key, value)| (Cow::Owned(key), value))
            .collect();
        named(code, &params)
    }

    /// The values a reason's translation gets are those its default text names.
    #[test]
    fn the_values_each_default_reason_names() {
        let table = [
            ("length", json!({"min": 3, "value": "ab"}), vec!["min"]),
            ("length", json!({"min": 3, "max": 5}), vec!["min", "max"]),
            ("length", json!({"equal": 4, "min": 1}), vec!["equal"]),
            ("range", json!({"min": 1, "max": 5}), vec!["min", "max"]),
            (
                "range",
                json!({"exclusive_min": 0, "max": 1}),
                vec!["exclusive_min", "max"],
            ),
            ("range", json!({"exclusive_max": 10}), vec!["exclusive_max"]),
            ("contains", json!({"needle": "@"}), vec!["needle"]),
            ("email", json!({"value": "x"}), vec![]),
            ("my_rule", json!({"min": 3}), vec![]),
        ];
        for (code, params, expected) in table {
            assert_eq!(named_of(code, params.clone()), expected, "{code} {params}");
        }
    }

    /// Every value named is one the key scheme lets a translation of the rule use.
    #[cfg(feature = "fluent")]
    #[test]
    fn the_values_named_are_the_key_schemes() {
        use crate::locale::keys::RULE_PARAMS;
        for (rule, names) in RULE_PARAMS {
            let all: serde_json::Map<String, Value> = names
                .iter()
                .map(|name| ((*name).to_owned(), json!(1)))
                .collect();
            for name in named_of(rule, Value::Object(all)) {
                assert!(names.contains(&name), "{rule} {name}");
            }
        }
        let every = json!({"min": 1, "max": 2, "equal": 3, "exclusive_min": 0, "exclusive_max": 9, "needle": "x"});
        for rule in ["length", "range", "contains", "does_not_contain"] {
            let names = RULE_PARAMS.iter().find(|(r, _)| *r == rule).unwrap().1;
            for name in named_of(rule, every.clone()) {
                assert!(names.contains(&name), "{rule} {name}");
            }
        }
    }
}
