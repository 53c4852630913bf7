//! What the derive knows about one variant at compile time ([`StaticParts`]): the contract
//! between generated code and the renderer, so it depends on neither. Generated code names it
//! as `apierror::__private::StaticParts`.

use crate::catalog::{CatalogNode, CatalogTree, ErrorSpec};
use crate::json;
use crate::message::{Placeholders, Template};
use http::StatusCode;

/// What the derive knows about one variant at compile time, for
/// [`ApiError::__static_parts`]: its catalog entry, from which a body is written as static
/// text, asking the error only for what varies (an interpolated message, details, extension
/// members). The derive's own methods read it too. Not public API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct StaticParts {
    pub(crate) spec: &'static ErrorSpec,
    pub(crate) status: StatusCode,
    /// The message, when it is static: the entry's template has no placeholder (nor brace).
    pub(crate) message: Option<&'static str>,
    /// Whether the code, the docs URL and the domain need no JSON escaping.
    pub(crate) plain: bool,
    /// Whether the message template (so also `message`) needs no JSON escaping.
    pub(crate) plain_message: bool,
    /// Where the template's placeholders are (`None` for a static message, or one to scan).
    pub(crate) placeholders: Option<Placeholders>,
    /// Whether the whole body is static text: `plain` and `plain_message` hold, the message
    /// is static, and there are no details and no extension members.
    pub(crate) all_static: bool,
    /// Whether the message is the body's only run-time part: as `all_static`, but the message
    /// is a template whose placeholders were found at compile time (`placeholders`), so the
    /// body is the envelope's static pieces joined around the filled template.
    pub(crate) message_only: bool,
}

impl StaticParts {
    /// Parts for an error the derive did not describe; never used for one it did.
    pub const UNKNOWN: StaticParts = StaticParts::of(&ErrorSpec::new("SERVER_ERROR", 500));

    /// The parts of the variant `spec` describes.
    pub const fn of(spec: &'static ErrorSpec) -> Self {
        let message = match spec.message_template {
            Some(template) if !has_brace(template) => Some(template),
            _ => None,
        };
        let plain = json::is_plain(spec.code)
            && is_plain_option(spec.docs_url)
            && is_plain_option(spec.domain);
        let plain_message = is_plain_option(spec.message_template);
        let placeholders = match (spec.message_template, message) {
            (Some(template), None) => Placeholders::find(template),
            _ => None,
        };
        let nothing_else =
            plain && plain_message && !spec.has_details && spec.extensions.is_empty();
        Self {
            spec,
            status: status_code(spec.status),
            message,
            plain,
            plain_message,
            placeholders,
            all_static: nothing_else && message.is_some(),
            message_only: nothing_else && placeholders.is_some(),
        }
    }

    /// The parts of each node of `tree` (`None` for a nested tree, a transparent variant):
    /// `N` is the number of nodes.
    #[allow(clippy::indexing_slicing)] // evaluated at compile time
    pub const fn table<const N: usize>(tree: &'static CatalogTree) -> [Option<Self>; N] {
        let mut table = [None; N];
        let mut index = 0;
        while index < N && index < tree.nodes.len() {
            if let CatalogNode::Spec(spec) = &tree.nodes[index] {
                table[index] = Some(Self::of(spec));
            }
            index += 1;
        }
        table
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code.
    pub fn code(&self) -> &'static str {
        self.spec.code
    }

    /// The docs URL.
    pub fn docs_url(&self) -> Option<&'static str> {
        self.spec.docs_url
    }

    /// The message, when it is static.
    pub fn message(&self) -> Option<&'static str> {
        self.message
    }

    /// The message template with what is known about it, for a [`MessageWriter`] to fill
    /// (`None` without a template).
    ///
    /// [`MessageWriter`]: crate::message::MessageWriter
    pub(crate) fn template(&'static self) -> Option<Template> {
        Some(Template {
            text: self.spec.message_template?,
            places: self.placeholders.as_ref(),
            plain: self.plain_message,
        })
    }

    /// About how long the message is: a static one exactly, a template with room for its
    /// values.
    pub fn message_len(&self) -> usize {
        match (self.message, self.spec.message_template) {
            (Some(message), _) => message.len(),
            (None, Some(template)) => template.len() + 32,
            (None, None) => 64,
        }
    }
}

const fn is_plain_option(text: Option<&str>) -> bool {
    match text {
        Some(text) => json::is_plain(text),
        None => true,
    }
}

#[allow(clippy::indexing_slicing)] // evaluated at compile time
const fn has_brace(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if matches!(bytes[index], b'{' | b'}') {
            return true;
        }
        index += 1;
    }
    false
}

/// A status the derive has already checked to be in 400..=599 (as `__private::status_code`).
const fn status_code(status: u16) -> StatusCode {
    match StatusCode::from_u16(status) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
