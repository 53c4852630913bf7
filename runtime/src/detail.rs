//! Field-level details of an error (which input was wrong, and why).

use std::borrow::Cow;

/// One field-level detail of an error: which input was wrong, and why.
///
/// Every envelope that lists details renders the members it has a place for (see the README's
/// table); absent members are omitted.
///
/// ```
/// use apierror::Detail;
///
/// let detail = Detail::new("lastName", "Is required").with_location("body");
/// assert_eq!(detail.field.as_deref(), Some("lastName"));
/// assert_eq!(detail.reason, "Is required");
/// assert_eq!(detail.location.as_deref(), Some("body"));
/// assert_eq!(detail.resource, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Detail {
    /// The field this detail is about, if it names one (`lastName`).
    pub field: Option<Cow<'static, str>>,
    /// Why the field was rejected (`Is required`).
    pub reason: Cow<'static, str>,
    /// Where the field was found: `body`, `query`, `path`, `header`.
    pub location: Option<Cow<'static, str>>,
    /// The kind of resource the field belongs to (`Issue`).
    pub resource: Option<Cow<'static, str>>,
    /// A machine-readable code for this detail (`missing_field`).
    pub code: Option<Cow<'static, str>>,
    /// What the reason was made from (a validation rule's `min`, `max`), for its translations.
    params: Params,
}

/// The values a detail's reason was made from: a validation rule's configuration (`min`,
/// `max`, `needle`), which a translation of the reason gets as Fluent variables (numbers as
/// Fluent numbers). No envelope writes them, and they are not part of the detail's identity
/// (equality, hash): the reason says the same in the default language.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params(Vec<(&'static str, Param)>);

/// One value of [`Params`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "validator"), allow(dead_code))]
pub(crate) enum Param {
    Number(f64),
    Text(Cow<'static, str>),
}

impl PartialEq for Params {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Params {}

impl std::hash::Hash for Params {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl Detail {
    /// A detail about `field`.
    pub fn new(field: impl Into<Cow<'static, str>>, reason: impl Into<Cow<'static, str>>) -> Self {
        Self {
            field: Some(field.into()),
            reason: reason.into(),
            location: None,
            resource: None,
            code: None,
            params: Params(Vec::new()),
        }
    }

    /// A detail that names no field.
    pub fn reason_only(reason: impl Into<Cow<'static, str>>) -> Self {
        Self {
            field: None,
            reason: reason.into(),
            location: None,
            resource: None,
            code: None,
            params: Params(Vec::new()),
        }
    }

    /// Sets where the field was found: `body`, `query`, `path`, `header`.
    #[must_use]
    pub fn with_location(mut self, location: impl Into<Cow<'static, str>>) -> Self {
        self.location = Some(location.into());
        self
    }

    /// Sets the kind of resource the field belongs to (`Issue`, `Task`).
    #[must_use]
    pub fn with_resource(mut self, resource: impl Into<Cow<'static, str>>) -> Self {
        self.resource = Some(resource.into());
        self
    }

    /// Sets a machine-readable code for this detail (`missing_field`).
    #[must_use]
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// The name DESIGN.md §3 gives [`with_location`](Self::with_location) (`Detail::new(..)
    /// .location("body")`); renamed for one builder convention (`with_*`) across the crate.
    #[must_use]
    #[deprecated(since = "0.1.0", note = "renamed to `with_location`")]
    pub fn location(self, location: impl Into<Cow<'static, str>>) -> Self {
        self.with_location(location)
    }

    /// The name DESIGN.md §3 gives [`with_resource`](Self::with_resource); renamed for one
    /// builder convention (`with_*`) across the crate.
    #[must_use]
    #[deprecated(since = "0.1.0", note = "renamed to `with_resource`")]
    pub fn resource(self, resource: impl Into<Cow<'static, str>>) -> Self {
        self.with_resource(resource)
    }

    /// The name DESIGN.md §3 gives [`with_code`](Self::with_code); renamed for one builder
    /// convention (`with_*`) across the crate.
    #[must_use]
    #[deprecated(since = "0.1.0", note = "renamed to `with_code`")]
    pub fn code(self, code: impl Into<Cow<'static, str>>) -> Self {
        self.with_code(code)
    }

    /// Adds a value the reason was made from (see [`Params`]).
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn with_param(mut self, name: &'static str, value: Param) -> Self {
        self.params.0.push((name, value));
        self
    }

    /// The values the reason was made from, in the order they were added.
    #[cfg_attr(not(feature = "fluent"), allow(dead_code))]
    pub(crate) fn params(&self) -> &[(&'static str, Param)] {
        &self.params.0
    }

    /// A detail made of static strings, for `const` and `static` items (the derive uses it).
    #[doc(hidden)]
    pub const fn from_static(
        field: Option<&'static str>,
        reason: &'static str,
        location: Option<&'static str>,
        resource: Option<&'static str>,
        code: Option<&'static str>,
    ) -> Self {
        const fn borrowed(value: Option<&'static str>) -> Option<Cow<'static, str>> {
            match value {
                Some(value) => Some(Cow::Borrowed(value)),
                None => None,
            }
        }
        Self {
            field: borrowed(field),
            reason: Cow::Borrowed(reason),
            location: borrowed(location),
            resource: borrowed(resource),
            code: borrowed(code),
            params: Params(Vec::new()),
        }
    }

    /// A detail from its parts (the derive uses it for templated `#[detail]`s).
    #[doc(hidden)]
    pub fn from_parts(
        field: Option<Cow<'static, str>>,
        reason: Cow<'static, str>,
        location: Option<Cow<'static, str>>,
        resource: Option<Cow<'static, str>>,
        code: Option<Cow<'static, str>>,
    ) -> Self {
        Self {
            field,
            reason,
            location,
            resource,
            code,
            params: Params(Vec::new()),
        }
    }
}
