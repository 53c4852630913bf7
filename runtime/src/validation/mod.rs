//! Validation reports as details: validator's `ValidationErrors` (feature `validator`) and
//! garde's `Report` (feature `garde`) become [`Violations`], one [`Detail`] per violated rule,
//! usable wherever `#[details]` is; [`ValidationFailed`] is the 422 `VALIDATION_FAILED` error
//! that carries them, and a catalog entry for `catalog!` and OpenAPI.
//!
//! - **Fields** are paths written as the README's "Field paths" says: `size.width`,
//!   `items[0].name`, `labels["env.prod"]`. They are the **Rust** field names the libraries
//!   report (a raw identifier's `r#` dropped): neither library sees serde's `rename`, so a
//!   `#[serde(rename_all = "camelCase")]` type's details name `last_name`, not `lastName`.
//! - **Order** is stable, by path, for both libraries: at each level the errors about the
//!   level itself first (validator's struct-level `__all__`), then the fields by name, list
//!   entries by ascending index, map entries by key; one field's rules stay in the order the
//!   library checked them. Neither report has a stable order of its own: validator keeps each
//!   level in a `HashMap`, and garde's follows its derive (fields sorted as written, `r#type`
//!   after `password`) and a `HashMap`'s iteration.
//! - **Codes.** validator's rule code (`length`, `email`, a custom rule's code) is the detail's
//!   `code`. garde reports carry no code (0.23 parses `#[garde(code(..))]` and drops it), so
//!   its details have none.
//! - **Reasons.** The rule's message when it has one (garde always has; validator's `message =
//!   ".."`); otherwise, for validator, a sentence made from the rule and its configuration:
//!   `Must be at least 3 characters`, `Must be between 18 and 130`, `Must be a valid email
//!   address`, `Is required`, and `Is invalid` for a custom rule or a code it does not know.
//! - **Never sent.** validator copies the rejected value into every error's params (`value`),
//!   and `must_match` the other field's value (`other`): no reason is built from them, and no
//!   param reaches a detail, a header, a log record or the error's `Display`. Only the rule's
//!   configuration (`min`, `max`, `equal`, `exclusive_min`, `exclusive_max`, `needle`) is
//!   read, and whether `value` is a list (`items` rather than `characters`), never its content.
//! - **Struct-level errors** (validator's `schema` functions, stored under `__all__`) are
//!   details without a field at the top level, and with the nested struct's path below it.
//! - **Bounds.** A report of any size converts; the renderer sends at most
//!   [`Limits::max_details`](crate::Limits) of them and a last detail saying how many more
//!   were left out.
//! - **Location.** None by default; [`Violations::with_location`] sets one on every detail (the
//!   extractors set `body` or `query`).
//!
//! ```
//! use apierror::validation::{ValidationFailed, Violations};
//! use apierror::{ApiError, Detail};
//!
//! let violations = Violations::from(vec![
//!     Detail::new("name", "Must be at least 3 characters").with_code("length"),
//! ])
//! .with_location("body");
//! let err = ValidationFailed::from(violations);
//! assert_eq!(err.status(), 422);
//! assert_eq!(err.code(), "VALIDATION_FAILED");
//! assert_eq!(err.details()[0].location.as_deref(), Some("body"));
//! ```

use crate::detail::Detail;
use std::borrow::Cow;
use std::fmt;

#[cfg(any(feature = "validator", feature = "garde"))]
mod extract;
#[cfg(feature = "garde")]
mod garde;
#[cfg(feature = "validator")]
mod validator;

#[cfg(feature = "garde")]
pub use self::extract::Garde;
#[cfg(feature = "validator")]
pub use self::extract::Valid;
#[cfg(all(
    any(feature = "validator", feature = "garde"),
    any(feature = "axum", feature = "actix")
))]
pub(crate) use self::extract::rejection;
#[cfg(feature = "garde")]
pub use self::garde::GardeExt;
#[cfg(feature = "validator")]
pub use self::validator::ValidatorExt;

/// The violations of one validation report, one [`Detail`] per violated rule, in a stable
/// order (see the [module docs](self)).
///
/// It is what a `#[details]` field holds (it is `AsRef<[Detail]>`), and an error with
/// thiserror's `#[from]`: `From<validator::ValidationErrors>` (feature `validator`) and
/// `From<garde::Report>` (feature `garde`) convert a report.
///
/// ```
/// use apierror::Detail;
/// use apierror::validation::Violations;
///
/// let violations: Violations = vec![Detail::new("age", "Must be at least 18")].into();
/// assert_eq!(violations.len(), 1);
/// assert_eq!(violations.to_string(), "1 validation error: age: Must be at least 18");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Violations(Vec<Detail>);

impl Violations {
    /// No violations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets where every detail's field was found: `body`, `query`, `path`, `header`.
    #[must_use]
    pub fn with_location(mut self, location: impl Into<Cow<'static, str>>) -> Self {
        let location = location.into();
        for detail in &mut self.0 {
            detail.location = Some(location.clone());
        }
        self
    }

    /// The details.
    pub fn into_vec(self) -> Vec<Detail> {
        self.0
    }
}

impl std::ops::Deref for Violations {
    type Target = [Detail];

    fn deref(&self) -> &[Detail] {
        &self.0
    }
}

impl AsRef<[Detail]> for Violations {
    fn as_ref(&self) -> &[Detail] {
        &self.0
    }
}

impl From<Vec<Detail>> for Violations {
    fn from(details: Vec<Detail>) -> Self {
        Self(details)
    }
}

impl From<Violations> for Vec<Detail> {
    fn from(violations: Violations) -> Self {
        violations.0
    }
}

impl FromIterator<Detail> for Violations {
    fn from_iter<I: IntoIterator<Item = Detail>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl IntoIterator for Violations {
    type Item = Detail;
    type IntoIter = std::vec::IntoIter<Detail>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Detail;
    type IntoIter = std::slice::Iter<'a, Detail>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// How many violations `Display` lists before saying how many more there are.
const DISPLAYED: usize = 10;

/// `2 validation errors: name: Must be at least 3 characters; age: Must be at least 18`: the
/// count, then up to ten `field: reason` pairs. Only fields and reasons, which hold no
/// rejected value; it is what a log record of the error says.
impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(
            f,
            "{count} validation error{}",
            if count == 1 { "" } else { "s" }
        )?;
        for (index, detail) in self.0.iter().take(DISPLAYED).enumerate() {
            f.write_str(if index == 0 { ": " } else { "; " })?;
            if let Some(field) = &detail.field {
                write!(f, "{field}: ")?;
            }
            f.write_str(&detail.reason)?;
        }
        if count > DISPLAYED {
            write!(f, "; and {} more", count - DISPLAYED)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// The input did not pass validation.
///
/// The details name each violated rule: the field, why it was rejected, and the rule's code.
/// 422 `VALIDATION_FAILED`, in the Flat envelope (unless `Accept` negotiates Problem; your own
/// type with `From<Violations>` sends another).
///
/// ```
/// # #[cfg(feature = "validator")] {
/// use apierror::validation::{ValidationFailed, Violations};
/// use apierror::{ApiError, Context, Format};
/// use validator::Validate;
///
/// #[derive(Validate)]
/// struct Signup {
///     #[validate(length(min = 3))]
///     name: String,
/// }
///
/// let report = Signup { name: "Al".into() }.validate().unwrap_err();
/// let err = ValidationFailed::from(Violations::from(report));
/// assert_eq!(err.status(), 422);
/// let ctx = Context::default().with_request_id("req-1");
/// let body = String::from_utf8(apierror::to_json(&err, Format::Flat, &ctx)).unwrap();
/// assert_eq!(
///     body,
///     r#"{"code":"VALIDATION_FAILED","message":"The request failed validation.","details":[{"field":"name","reason":"Must be at least 3 characters"}],"requestId":"req-1"}"#
/// );
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, crate::ApiError)]
#[api_error(crate = "crate")]
#[status(422)]
#[code("VALIDATION_FAILED")]
#[message("The request failed validation.")]
pub struct ValidationFailed {
    #[details]
    violations: Violations,
}

impl ValidationFailed {
    /// The error carrying `violations`.
    pub fn new(violations: Violations) -> Self {
        Self { violations }
    }

    /// The violations it carries.
    pub fn violations(&self) -> &Violations {
        &self.violations
    }

    /// The violations, consuming the error.
    pub fn into_violations(self) -> Violations {
        self.violations
    }
}

impl From<Violations> for ValidationFailed {
    fn from(violations: Violations) -> Self {
        Self::new(violations)
    }
}

impl fmt::Display for ValidationFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "validation failed: {}", self.violations)
    }
}

impl std::error::Error for ValidationFailed {}

/// A field or map key as a path segment: a raw identifier's `r#` dropped (both libraries
/// report `r#type` for a field named `r#type`).
#[cfg_attr(not(any(feature = "validator", feature = "garde")), allow(dead_code))]
fn unraw(name: &str) -> &str {
    match name.strip_prefix("r#") {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.chars().all(|c| c.is_alphanumeric() || c == '_') =>
        {
            rest
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_identifiers_lose_their_prefix_only() {
        assert_eq!(unraw("r#type"), "type");
        assert_eq!(unraw("r#"), "r#");
        assert_eq!(unraw("r#1"), "r#1");
        assert_eq!(unraw("r#a b"), "r#a b");
        assert_eq!(unraw("type"), "type");
    }

    #[test]
    fn display_lists_ten_then_counts() {
        let many: Violations = (0..12)
            .map(|index| Detail::new(format!("f{index}"), "bad"))
            .collect();
        let text = many.to_string();
        assert!(text.starts_with("12 validation errors: f0: bad; f1: bad"));
        assert!(text.ends_with("f9: bad; and 2 more"), "{text}");
        assert_eq!(Violations::new().to_string(), "0 validation errors");
        let top: Violations = vec![Detail::reason_only("Passwords differ")].into();
        assert_eq!(top.to_string(), "1 validation error: Passwords differ");
    }
}
