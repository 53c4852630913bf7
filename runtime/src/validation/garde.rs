//! garde's `Report` as [`Violations`] (feature `garde`).
//!
//! A `garde::Path`'s components are read with its `#[doc(hidden)]` `__iter()` (leaf first),
//! which is why the dependency is held to 0.23: the public alternative, garde's `serde`
//! feature, would serialize every path into a value to read it back. `tests/validation.rs`
//! holds this reading to the serde form.

use super::{ValidationFailed, Violations, unraw};
use crate::detail::Detail;
use crate::field_path::FieldPath;
use ::garde::error::Kind;
use ::garde::{Report, Validate};

impl From<Report> for Violations {
    fn from(report: Report) -> Self {
        Self::from(&report)
    }
}

impl From<&Report> for Violations {
    fn from(report: &Report) -> Self {
        let mut found: Vec<(Vec<Segment<'_>>, &::garde::Error)> = report
            .iter()
            .map(|(path, error)| (segments(path), error))
            .collect();
        // Stable: one path's errors keep the order garde checked its rules in.
        found.sort_by(|(a, _), (b, _)| a.cmp(b));
        found
            .into_iter()
            .map(|(segments, error)| {
                let reason = error.message().to_owned();
                if segments.is_empty() {
                    return Detail::reason_only(reason);
                }
                let mut field = FieldPath::new();
                for segment in &segments {
                    match *segment {
                        Segment::Index(index) => field.index(index),
                        Segment::Key(key) => field.key(key),
                    };
                }
                Detail::new(field.finish(), reason)
            })
            .collect()
    }
}

impl From<Report> for ValidationFailed {
    fn from(report: Report) -> Self {
        Self::new(Violations::from(&report))
    }
}

/// `validate()` with the report as [`Violations`], so that `?` reaches an error type holding
/// them with thiserror's `#[from]`.
///
/// ```
/// use apierror::validation::{GardeExt as _, Violations};
/// use garde::Validate;
///
/// #[derive(Validate)]
/// struct Signup {
///     #[garde(length(min = 3))]
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
/// assert_eq!(violations[0].reason, "length is lower than 3");
/// assert_eq!(violations[0].code, None);
/// ```
pub trait GardeExt: Validate {
    /// Validates with the default context, and converts a failure's report into
    /// [`Violations`].
    ///
    /// # Errors
    ///
    /// The [`Violations`] of garde's report, one per failed rule, sorted by field.
    fn check(&self) -> Result<(), Violations>
    where
        Self::Context: Default,
    {
        self.validate().map_err(Violations::from)
    }

    /// Validates with `context`, and converts a failure's report into [`Violations`].
    ///
    /// # Errors
    ///
    /// As [`check`](Self::check).
    fn check_with(&self, context: &Self::Context) -> Result<(), Violations> {
        self.validate_with(context).map_err(Violations::from)
    }
}

impl<T: Validate + ?Sized> GardeExt for T {}

/// One component of a path, ordered as the details are: indices by number, before keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Segment<'a> {
    Index(usize),
    Key(&'a str),
}

/// A garde path's components, root first: keys as members (`r#` dropped), indices as numbers,
/// and the components of `Option` and newtypes (`Kind::None`) left out, as garde's `Display`
/// does.
fn segments(path: &::garde::error::Path) -> Vec<Segment<'_>> {
    path.__iter()
        .rev()
        .filter_map(|(kind, component)| match kind {
            Kind::Key => Some(Segment::Key(unraw(component))),
            Kind::Index => Some(
                component
                    .parse()
                    .map_or(Segment::Key(component.as_str()), Segment::Index),
            ),
            Kind::None => None,
        })
        .collect()
}
