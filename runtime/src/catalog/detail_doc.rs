//! What documents know about an error's static `#[detail(...)]`s: each one as the example body
//! shows it.

/// One `#[detail(...)]` of an error, as examples show it: the texts the error sends
/// (DESIGN.md §3's detail: `field`, `reason`, `location`, `resource`, `code`), each placeholder
/// filled with its field's example (`#[example]`, else `42`, `1.5` or `true` for a primitive
/// number or `bool`, else the field's name), as in [`ErrorSpec::example_message`]; the
/// placeholder of an extension member's field is kept (`{existing}`), for documents to fill
/// with the member's example.
///
/// The derive writes one per `#[detail]`; [`ErrorSpec::static_details`] lists them in the order
/// they are written, the order the body lists them in.
///
/// [`ErrorSpec::example_message`]: super::ErrorSpec::example_message
/// [`ErrorSpec::static_details`]: super::ErrorSpec::static_details
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DetailDoc {
    /// The field the detail is about (`title`); `None` when it names none.
    pub field: Option<&'static str>,
    /// Why the field was rejected (`is missing`): the detail's message.
    pub reason: &'static str,
    /// Where the field is (`body`, `query`, `header`, `path`).
    pub location: Option<&'static str>,
    /// The resource the field belongs to (`Issue`).
    pub resource: Option<&'static str>,
    /// A machine-readable code for the detail (`missing_field`).
    pub code: Option<&'static str>,
}

impl DetailDoc {
    /// A detail with the given reason and nothing else.
    pub const fn new(reason: &'static str) -> Self {
        Self {
            field: None,
            reason,
            location: None,
            resource: None,
            code: None,
        }
    }

    /// Sets [`field`](Self::field).
    #[must_use]
    pub const fn with_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    /// Sets [`location`](Self::location).
    #[must_use]
    pub const fn with_location(mut self, location: &'static str) -> Self {
        self.location = Some(location);
        self
    }

    /// Sets [`resource`](Self::resource).
    #[must_use]
    pub const fn with_resource(mut self, resource: &'static str) -> Self {
        self.resource = Some(resource);
        self
    }

    /// Sets [`code`](Self::code).
    #[must_use]
    pub const fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }
}
