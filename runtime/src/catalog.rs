//! The catalog of errors a type (or a whole service) can return.
//!
//! Every derived type carries a const tree of [`ErrorSpec`]s: its own entries in declaration
//! order, and for each `#[transparent]` variant a link to the wrapped type's tree. Because the
//! tree is a constant, the compiler can walk it to reject conflicting codes, and because it
//! links rather than copies, it works for generic types too.

// Reached through `__private` only, so that diagnostics name `apierror::__private::HasCatalog`.
pub(crate) mod check;
mod count;
pub(crate) mod google;
pub(crate) mod locales;

pub use locales::{EmbeddedFile, EmbeddedLocales};
mod detail_doc;
mod field;
mod set;

pub use detail_doc::DetailDoc;

pub use field::{FieldDoc, FieldSchema, SchemaKind};
#[doc(hidden)]
pub use field::{Probe, ProbeAny, ProbeSchemars, ProbeUtoipa};
pub use set::ErrorSet;
#[doc(hidden)]
pub use set::{Pick, Selection, check_codes, check_variants, select, select_with_formats};

use check::HasCatalog;

use crate::format::Format;
#[cfg(feature = "docs")]
use std::collections::BTreeMap;
use std::collections::HashSet;
use std::fmt;

/// Everything documents and clients need to know about one error code.
///
/// The derive writes one per variant; all members are `'static` so a spec is a constant.
///
/// ```
/// use apierror::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum TaskError {
///     /// The task does not exist.
///     #[status(404)]
///     #[message("Task {id} could not be found")]
///     #[error("task {id} missing")]
///     NotFound { id: u64 },
/// }
///
/// let spec = TaskError::catalog().find("NOT_FOUND").unwrap();
/// assert_eq!(spec.status, 404);
/// assert_eq!(spec.status_code(), http::StatusCode::NOT_FOUND);
/// assert_eq!(spec.title, "The task does not exist.");
/// assert_eq!(spec.message_template, Some("Task {id} could not be found"));
/// assert_eq!(spec.variant, "NotFound");
///
/// // By hand, as a constant (the framework catalogs are made so):
/// const GONE: apierror::ErrorSpec = apierror::ErrorSpec::new("GONE", 410).with_title("Gone for good");
/// assert_eq!(GONE.code, "GONE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ErrorSpec {
    /// The machine-readable code (`TASK_NOT_FOUND`).
    pub code: &'static str,
    /// The HTTP status, 400..=599.
    pub status: u16,
    /// A short title: the first line of the doc comment, or the variant name in words.
    pub title: &'static str,
    /// The whole doc comment (empty when there is none).
    pub description: &'static str,
    /// The public message as written, placeholders kept (`Task with ID {id} could not be
    /// found`); `None` when the message is the error's `Display` text.
    pub message_template: Option<&'static str>,
    /// The message in template syntax (`{id}` a placeholder, `{{` and `}}` a literal brace)
    /// where [`message_template`](Self::message_template) does not say it: a `#[message]` with
    /// a literal brace (`Write {{name}} for {id}`), for documents to tell it from a
    /// placeholder, or a 4xx's `#[error("...")]` literal, whose `Display` text is its message.
    /// `None` otherwise. See [`message_source`](Self::message_source).
    pub template_source: Option<&'static str>,
    /// The path of the type that defines the code (`my_service::errors::TaskError`).
    pub defined_in: &'static str,
    /// The Rust name of the variant (or of the struct).
    pub variant: &'static str,
    /// Whether responses carry a `Retry-After` header.
    pub retry_after: bool,
    /// The delay in seconds OpenAPI examples show for [`retry_after`](Self::retry_after): the
    /// `#[retry_after]` field's integer `#[example]`; `None` when it has none, and examples
    /// show 42 (the value [`example_message`](Self::example_message) shows for an integer
    /// field without `#[example]`), so the example's message, body and `Retry-After` agree.
    pub example_retry_after: Option<u64>,
    /// Names of the extra headers (`#[header]`) the error sends.
    pub headers: &'static [&'static str],
    /// Names of the extension members (`#[extension]`) the error adds to the body.
    pub extensions: &'static [&'static str],
    /// Whether the error lists field-level details.
    pub has_details: bool,
    /// The codes of the error's details, when they are all known before it is made: the
    /// derive sets them for `#[detail(code = "...")]` attributes without a `#[details]` field
    /// (a field's details, and a templated code, are made at run time: `None`). A translation's
    /// attribute `.c` of this code is then the reason of one of these (README, "Localized
    /// messages"); an error without details has none at all.
    pub detail_codes: Option<&'static [&'static str]>,
    /// The error's static `#[detail(...)]`s, in the order written (the body's order), as
    /// examples show them (placeholders filled with examples); empty when it has none.
    /// Details a `#[details]` field adds at run time follow them in the body. The framework
    /// catalogs (`FrameworkErrors`), whose details are all made at run time, hold here the
    /// detail of one typical request instead (a query string that does not parse), so their
    /// examples are bodies the layer sends.
    pub static_details: &'static [DetailDoc],
    /// Whether a `#[details]` field adds details at run time (after the static ones).
    pub details_field: bool,
    /// Where the error is documented (`#[api_error(docs_url)]` with the code filled in).
    pub docs_url: Option<&'static str>,
    /// The service's domain (`#[api_error(domain)]`).
    pub domain: Option<&'static str>,
    /// The `#[extension]` fields, with their examples and types, for documents.
    pub fields: &'static [FieldDoc],
    /// The message as OpenAPI examples show it: the template with each placeholder of a field
    /// that is not an extension member filled with its example (`#[example]`, else `42`,
    /// `1.5` or `true` for a primitive number or `bool`, else the field's name); a member's
    /// placeholder is kept, for documents to fill with the member's example. `None` when the
    /// template has no placeholder. For a 4xx without a template (it sends its `Display`
    /// text), thiserror's `#[error("...")]` literal filled the same way, placeholders or not,
    /// when it is a plain template (`{name}`/`{0}`, no format spec, no format arguments);
    /// `None` otherwise (examples then show the [`title`](Self::title)).
    pub example_message: Option<&'static str>,
    /// The gRPC status code `#[grpc(code = "...")]` gives the error (`ALREADY_EXISTS`), in
    /// place of the canonical one for its HTTP status; `None` without the attribute.
    pub grpc_code: Option<&'static str>,
    /// FNV-1a of [`code`](Self::code), which the compile-time checks of catalogs look codes up
    /// by (`catalog/check.rs`): the derive computes it in the macro, so const evaluation does
    /// not hash every code of a large catalog byte by byte.
    code_hash: u64,
}

impl ErrorSpec {
    /// A spec with the given code and status and nothing else.
    pub const fn new(code: &'static str, status: u16) -> Self {
        Self::__hashed(code, status, check::code_hash(code))
    }

    /// [`new`](Self::new) with the code's hash computed by the derive (FNV-1a, as
    /// `check::code_hash` computes it; `macros/src/expand/catalog.rs`).
    #[doc(hidden)]
    pub const fn __hashed(code: &'static str, status: u16, code_hash: u64) -> Self {
        Self {
            code_hash,
            code,
            status,
            title: "",
            description: "",
            message_template: None,
            template_source: None,
            defined_in: "",
            variant: "",
            retry_after: false,
            example_retry_after: None,
            headers: &[],
            extensions: &[],
            has_details: false,
            detail_codes: None,
            static_details: &[],
            details_field: false,
            docs_url: None,
            domain: None,
            fields: &[],
            example_message: None,
            grpc_code: None,
        }
    }

    /// Sets [`title`](Self::title).
    #[must_use]
    pub const fn with_title(mut self, title: &'static str) -> Self {
        self.title = title;
        self
    }

    /// Sets [`description`](Self::description).
    #[must_use]
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = description;
        self
    }

    /// Sets [`message_template`](Self::message_template).
    #[must_use]
    pub const fn with_message_template(mut self, template: &'static str) -> Self {
        self.message_template = Some(template);
        self
    }

    /// Sets [`template_source`](Self::template_source).
    #[must_use]
    pub const fn with_template_source(mut self, source: &'static str) -> Self {
        self.template_source = Some(source);
        self
    }

    /// The message documents show, in template syntax with its placeholders kept (`{id}` a
    /// placeholder, `{{` and `}}` a literal brace, DESIGN.md §5): the `#[message]` template,
    /// a 4xx's `#[error("...")]` literal, or a 5xx's generic message; `None` when the message
    /// is a `Display` text the derive could not read.
    pub fn message_source(&self) -> Option<&'static str> {
        self.template_source.or(self.message_template)
    }

    /// Sets [`defined_in`](Self::defined_in).
    #[must_use]
    pub const fn with_defined_in(mut self, path: &'static str) -> Self {
        self.defined_in = path;
        self
    }

    /// Sets [`variant`](Self::variant).
    #[must_use]
    pub const fn with_variant(mut self, name: &'static str) -> Self {
        self.variant = name;
        self
    }

    /// Sets [`retry_after`](Self::retry_after).
    #[must_use]
    pub const fn with_retry_after(mut self, retry_after: bool) -> Self {
        self.retry_after = retry_after;
        self
    }

    /// Sets [`example_retry_after`](Self::example_retry_after), in seconds.
    #[must_use]
    pub const fn with_example_retry_after(mut self, seconds: u64) -> Self {
        self.example_retry_after = Some(seconds);
        self
    }

    /// Sets [`headers`](Self::headers).
    #[must_use]
    pub const fn with_headers(mut self, names: &'static [&'static str]) -> Self {
        self.headers = names;
        self
    }

    /// Sets [`extensions`](Self::extensions).
    #[must_use]
    pub const fn with_extensions(mut self, names: &'static [&'static str]) -> Self {
        self.extensions = names;
        self
    }

    /// Sets [`has_details`](Self::has_details): whether the error lists field-level details.
    #[must_use]
    pub const fn with_details(mut self, has_details: bool) -> Self {
        self.has_details = has_details;
        self
    }

    /// Sets [`detail_codes`](Self::detail_codes): every code the error's details can have.
    #[must_use]
    pub const fn with_detail_codes(mut self, codes: &'static [&'static str]) -> Self {
        self.detail_codes = Some(codes);
        self
    }

    /// Whether `attribute` (a translation's attribute of this code, `.empty`) can name a
    /// detail of this error: `None` when the codes are made at run time, else whether one of
    /// [`detail_codes`](Self::detail_codes) has that Fluent id.
    pub(crate) const fn names_detail(&self, attribute: &str) -> Option<bool> {
        let codes: &[&str] = match self.detail_codes {
            Some(codes) => codes,
            None if self.has_details => return None,
            None => &[],
        };
        let mut rest = codes;
        while let [code, tail @ ..] = rest {
            if locales::id_eq(code, attribute) {
                return Some(true);
            }
            rest = tail;
        }
        Some(false)
    }

    /// Sets [`docs_url`](Self::docs_url).
    #[must_use]
    pub const fn with_docs_url(mut self, url: &'static str) -> Self {
        self.docs_url = Some(url);
        self
    }

    /// Sets [`domain`](Self::domain).
    #[must_use]
    pub const fn with_domain(mut self, domain: &'static str) -> Self {
        self.domain = Some(domain);
        self
    }

    /// Sets [`details_field`](Self::details_field).
    #[must_use]
    pub const fn with_details_field(mut self, details_field: bool) -> Self {
        self.details_field = details_field;
        self
    }

    /// Sets [`static_details`](Self::static_details).
    #[must_use]
    pub const fn with_static_details(mut self, details: &'static [DetailDoc]) -> Self {
        self.static_details = details;
        self
    }

    /// Sets [`fields`](Self::fields).
    #[must_use]
    pub const fn with_fields(mut self, fields: &'static [FieldDoc]) -> Self {
        self.fields = fields;
        self
    }

    /// Sets [`example_message`](Self::example_message).
    #[must_use]
    pub const fn with_example_message(mut self, message: &'static str) -> Self {
        self.example_message = Some(message);
        self
    }

    /// Sets [`grpc_code`](Self::grpc_code): one of the 16 gRPC error code names (the derive
    /// checks `#[grpc(code)]` against them).
    #[must_use]
    pub const fn with_grpc_code(mut self, code: &'static str) -> Self {
        self.grpc_code = Some(code);
        self
    }

    /// The status as an [`http::StatusCode`] (500 should the spec hold an invalid number).
    pub fn status_code(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// What documents call the error: its title, else its variant's name.
    #[cfg(feature = "docs")]
    pub(crate) fn summary(&self) -> &'static str {
        if self.title.is_empty() {
            self.variant
        } else {
            self.title
        }
    }
}

/// The reason phrase of a status number (`404` -> `Not Found`), else its class's name
/// (`message::reason_or_class`: `Client Error`, `Server Error`).
#[cfg(feature = "docs")]
pub(crate) fn reason_phrase(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .map(crate::message::reason_or_class)
        .unwrap_or("Error")
}

/// One node of a catalog tree.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
// The nodes live in statics the derive writes, never on a stack: the size of a `Nested` node
// costs nothing at run time (see `Spec`).
#[allow(clippy::large_enum_variant)]
pub enum CatalogNode {
    /// An error defined by the tree's own type. Held by value: the derive writes one array of
    /// nodes, and a borrow per entry would cost compile time.
    Spec(ErrorSpec),
    /// All errors of another type (a `#[transparent]` variant, or a type listed in `catalog!`).
    Nested(&'static CatalogTree),
}

/// The const tree behind a [`Catalog`].
#[doc(hidden)]
#[derive(Debug)]
pub struct CatalogTree {
    /// The path of the type (or catalog) the tree belongs to.
    pub name: &'static str,
    /// The format of the type (`#[api_error(format)]`), for documents.
    pub format: Format,
    pub nodes: &'static [CatalogNode],
    /// How many entries [`Iter`] yields, counted when the tree is built.
    len: usize,
    /// A framework's catalog (`apierror::axum::FrameworkErrors`): its entries yield to a user
    /// type's entry with the same code and status, which documents show in their place.
    pub yields: bool,
    /// The stand-in of a type whose derive reported an error ([`FAILED`](Self::FAILED)).
    failed: bool,
    /// A union of listed types (`catalog!`, `responses!`), each of whose entries is sent in
    /// its listed type's format, not in the union's.
    union: bool,
}

impl CatalogTree {
    pub const EMPTY: CatalogTree = CatalogTree::new("", Format::Flat, &[]);

    /// The tree of a type whose derive failed (the stub of `macros/src/fallback.rs`): empty,
    /// and marked so that `locales!`'s checks do not call its codes unknown, which would
    /// repeat the derive's error once per translation.
    pub const FAILED: CatalogTree = CatalogTree {
        failed: true,
        ..CatalogTree::EMPTY
    };

    /// Counts the entries in const evaluation: the derive and `catalog!` call this in a
    /// constant.
    pub const fn new(name: &'static str, format: Format, nodes: &'static [CatalogNode]) -> Self {
        Self {
            name,
            format,
            nodes,
            len: count::entries(nodes, false),
            yields: false,
            failed: false,
            union: false,
        }
    }

    /// The tree of a union of listed types (`catalog!`, `responses!`): `format` is the
    /// union's (its first listed type's, a framework's catalog aside, for documents that show
    /// one), while each entry is sent in its listed type's (see [`Catalog::with_formats`]).
    pub const fn union(name: &'static str, format: Format, nodes: &'static [CatalogNode]) -> Self {
        Self {
            union: true,
            ..Self::new(name, format, nodes)
        }
    }

    /// The tree of a framework's catalog, whose entries yield to the user's (see
    /// [`yields`](Self::yields)).
    pub const fn yielding(name: &'static str, nodes: &'static [CatalogNode]) -> Self {
        Self {
            name,
            format: Format::Flat,
            nodes,
            len: count::entries(nodes, true),
            yields: true,
            failed: false,
            union: false,
        }
    }

    /// The tree of a type whose codes are made at run time (`RemoteError`, `HttpError`): no
    /// entries, and, as a framework's catalog, no format of its own, so a `catalog!` listing
    /// the type first is documented in the next type's format.
    pub const fn made_at_run_time(name: &'static str) -> Self {
        Self::yielding(name, &[])
    }

    /// Whether this tree or one it links to is a failed derive's stand-in.
    pub(crate) const fn has_failed(&self) -> bool {
        if self.failed {
            return true;
        }
        let mut nodes = self.nodes;
        while let [node, rest @ ..] = nodes {
            if let CatalogNode::Nested(tree) = node
                && tree.has_failed()
            {
                return true;
            }
            nodes = rest;
        }
        false
    }

    /// Whether this tree or one it links to yields.
    fn has_yielding(&self) -> bool {
        self.yields
            || self.nodes.iter().any(|node| match node {
                CatalogNode::Nested(tree) => tree.has_yielding(),
                CatalogNode::Spec(_) => false,
            })
    }
}

/// The errors a type (or a whole service) can return.
///
/// A `Copy` view over a constant tree. [`iter`](Self::iter) yields every entry once, in
/// declaration order, with the entries of `#[transparent]` variants in place.
///
/// Get one from a derived type (`TaskError::catalog()`, through [`ApiError::catalog`](crate::ApiError::catalog)), from
/// several (`apierror::catalog!(pub SERVICE_ERRORS = [TaskError, UserError]);`, a static
/// checked at compile time for a code with two statuses or two defining types), or for the errors the axum and actix-web integrations make themselves
/// (`apierror::axum::FrameworkErrors::CATALOG`, `apierror::actix::FrameworkErrors::CATALOG`).
///
/// ```
/// use apierror::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum TaskError {
///     /// The task does not exist.
///     #[status(404)]
///     #[code("TASK_NOT_FOUND")]
///     #[message("Task {id} could not be found")]
///     #[error("task {id} missing")]
///     NotFound { id: u64 },
///     #[status(409)]
///     #[error("locked")]
///     Locked,
/// }
///
/// let catalog = TaskError::catalog();
/// assert_eq!(catalog.len(), 2);
/// let codes: Vec<&str> = catalog.iter().map(|spec| spec.code).collect();
/// assert_eq!(codes, ["TASK_NOT_FOUND", "LOCKED"]);
/// let spec = catalog.find("TASK_NOT_FOUND").unwrap();
/// assert_eq!((spec.status, spec.title), (404, "The task does not exist."));
/// assert_eq!(spec.message_template, Some("Task {id} could not be found"));
/// ```
#[derive(Clone, Copy)]
pub struct Catalog {
    tree: &'static CatalogTree,
}

impl Catalog {
    /// A catalog with no entries.
    pub const EMPTY: Catalog = Catalog {
        tree: &CatalogTree::EMPTY,
    };

    #[doc(hidden)]
    pub const fn from_tree(tree: &'static CatalogTree) -> Self {
        Self { tree }
    }

    /// The catalog of a derived type.
    pub const fn of<T: HasCatalog + ?Sized>() -> Self {
        Self { tree: T::TREE }
    }

    /// The path of the type or catalog this is the catalog of.
    pub fn name(&self) -> &'static str {
        self.tree.name
    }

    /// The envelope the type renders in (`#[api_error(format)]`; `Flat` by default).
    pub fn format(&self) -> Format {
        self.tree.format
    }

    /// Every entry once, in declaration order. An entry of a framework's catalog
    /// (`apierror::axum::FrameworkErrors`) whose code a user type also defines is left out:
    /// the user's entry stands for both.
    pub fn iter(&self) -> Iter {
        let root = (self.tree.nodes.iter(), self.tree.yields, self.tree.format);
        let yielded = self.tree.has_yielding().then(|| {
            let own = Iter {
                stack: vec![root.clone()],
                seen: None,
                yielded: None,
                own_only: true,
                union: self.tree.union,
            };
            own.map(|spec| spec.code).collect()
        });
        Iter {
            stack: vec![root],
            seen: None,
            yielded,
            own_only: false,
            union: self.tree.union,
        }
    }

    /// [`iter`](Self::iter)'s entries, each with the envelope it is sent in when the error
    /// renders in its type's format: a derived type's, every entry in its format (a
    /// `#[transparent]` variant's too); a union's (`catalog!`, `responses!`), each entry in its
    /// listed type's. A framework's catalog has no format of its own: its errors are answered
    /// by the layer, in the layer's envelope (`with_format(..)`, `Flat` by default), so each of
    /// its entries is listed in the union's format (a layer set up as the service's types are)
    /// and, when that is another, in `Flat` too (a layer left as it comes).
    pub fn with_formats(&self) -> Vec<(&'static ErrorSpec, Format)> {
        let mut entries = self.iter();
        let mut out = Vec::with_capacity(self.len());
        while let Some(spec) = entries.next() {
            let format = entries.format();
            out.push((spec, format));
            if entries.in_framework() && format != Format::Flat {
                out.push((spec, Format::Flat));
            }
        }
        out
    }

    /// The number of entries [`iter`](Self::iter) yields, counted when the catalog was built
    /// (at compile time).
    pub const fn len(&self) -> usize {
        self.tree.len
    }

    /// Whether the catalog has no entries.
    pub const fn is_empty(&self) -> bool {
        self.tree.len == 0
    }

    /// The entry for `code`, if the catalog has one.
    pub fn find(&self, code: &str) -> Option<&'static ErrorSpec> {
        self.iter().find(|spec| spec.code == code)
    }

    /// The formats the catalog's errors render in, each with the codes in it, in order of first
    /// appearance: one for a type's catalog; for `catalog!`, each listed type's own format
    /// (a framework's catalog has none of its own: its codes go with the first listed type's),
    /// every one of them for a code two listed types send (a type listed on its own and
    /// wrapped by another listed type's `#[transparent]` variant).
    #[cfg(feature = "docs")]
    pub(crate) fn formats(&self) -> Vec<(Format, Vec<&'static str>)> {
        let formats_of = |code: &str| {
            let listed: Vec<Format> = self
                .tree
                .nodes
                .iter()
                .filter_map(|node| match node {
                    CatalogNode::Nested(tree)
                        if !tree.yields && Catalog::from_tree(tree).find(code).is_some() =>
                    {
                        Some(tree.format)
                    }
                    _ => None,
                })
                .collect();
            if listed.is_empty() {
                vec![self.tree.format]
            } else {
                listed
            }
        };
        let mut formats: Vec<(Format, Vec<&'static str>)> = Vec::new();
        for spec in self.iter() {
            for format in formats_of(spec.code) {
                match formats.iter_mut().find(|(taken, _)| *taken == format) {
                    Some((_, codes)) if codes.contains(&spec.code) => {}
                    Some((_, codes)) => codes.push(spec.code),
                    None => formats.push((format, vec![spec.code])),
                }
            }
        }
        if formats.is_empty() {
            formats.push((self.tree.format, Vec::new()));
        }
        formats
    }

    /// The entries grouped by status, statuses ascending, entries in declaration order.
    #[cfg(feature = "docs")]
    pub(crate) fn by_status(&self) -> BTreeMap<u16, Vec<&'static ErrorSpec>> {
        let mut by_status: BTreeMap<u16, Vec<&'static ErrorSpec>> = BTreeMap::new();
        for spec in self.iter() {
            by_status.entry(spec.status).or_default().push(spec);
        }
        by_status
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("name", &self.tree.name)
            .field("codes", &DebugCodes(*self))
            .finish()
    }
}

struct DebugCodes(Catalog);

impl fmt::Debug for DebugCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|spec| spec.code))
            .finish()
    }
}

impl IntoIterator for Catalog {
    type Item = &'static ErrorSpec;
    type IntoIter = Iter;

    fn into_iter(self) -> Iter {
        self.iter()
    }
}

impl IntoIterator for &Catalog {
    type Item = &'static ErrorSpec;
    type IntoIter = Iter;

    fn into_iter(self) -> Iter {
        self.iter()
    }
}

/// Iterator over a [`Catalog`]'s entries; once it returns `None` it always does.
#[derive(Debug, Clone)]
pub struct Iter {
    /// The nodes left at each level, whether that level belongs to a yielding tree, and the
    /// format its entries are sent in.
    stack: Vec<(std::slice::Iter<'static, CatalogNode>, bool, Format)>,
    // Entries reached a second time through the same defining type are skipped; the set is
    // made only once a nested tree is entered, since a flat tree cannot repeat itself.
    seen: Option<HashSet<(&'static str, &'static str)>>,
    /// With a framework's catalog in the tree: the codes a yielding entry must not repeat (the
    /// user's codes, then each yielded one).
    yielded: Option<HashSet<&'static str>>,
    /// Yields only entries of non-yielding trees (used to collect the user's codes).
    own_only: bool,
    /// The root is a union: a listed type's entries are sent in its format.
    union: bool,
}

impl Iter {
    /// The format the entry `next` returned last is sent in (see [`Catalog::with_formats`]).
    pub(crate) fn format(&self) -> Format {
        self.stack
            .last()
            .map_or(Format::Flat, |(_, _, format)| *format)
    }

    /// Whether the entry `next` returned last came from a framework's catalog (a yielding
    /// tree).
    pub(crate) fn in_framework(&self) -> bool {
        self.stack.last().is_some_and(|(_, yields, _)| *yields)
    }
}

/// An exhausted `Iter` has an empty stack, which `next` never fills again.
impl std::iter::FusedIterator for Iter {}

impl Iterator for Iter {
    type Item = &'static ErrorSpec;

    fn next(&mut self) -> Option<&'static ErrorSpec> {
        loop {
            let depth = self.stack.len();
            let (top, yields, format) = self.stack.last_mut()?;
            let (yields, format) = (*yields, *format);
            match top.next() {
                None => {
                    self.stack.pop();
                }
                Some(CatalogNode::Nested(tree)) => {
                    self.seen.get_or_insert_with(HashSet::new);
                    // A union's listed type sends its entries in its own format (a framework's
                    // catalog has none: the union's); anything deeper is sent as its parent.
                    let format = if self.union && depth == 1 && !tree.yields {
                        tree.format
                    } else {
                        format
                    };
                    self.stack
                        .push((tree.nodes.iter(), yields || tree.yields, format));
                }
                Some(CatalogNode::Spec(spec)) => {
                    if yields && self.own_only {
                        continue;
                    }
                    let first_time = match &mut self.seen {
                        Some(seen) => seen.insert((spec.defined_in, spec.code)),
                        None => true,
                    };
                    let first_time = match &mut self.yielded {
                        Some(yielded) if yields => first_time && yielded.insert(spec.code),
                        _ => first_time,
                    };
                    if first_time {
                        return Some(spec);
                    }
                }
            }
        }
    }
}

/// Builds one static catalog of a whole service's errors, checked at compile time.
///
/// ```
/// use apierror::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum TaskError {
///     #[status(404)]
///     #[error("missing")]
///     TaskNotFound,
/// }
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum UserError {
///     #[status(404)]
///     #[error("missing")]
///     UserNotFound,
/// }
///
/// apierror::catalog!(pub SERVICE_ERRORS = [TaskError, UserError]);
///
/// assert_eq!(SERVICE_ERRORS.len(), 2);
/// assert!(SERVICE_ERRORS.find("USER_NOT_FOUND").is_some());
/// ```
///
/// The build fails, naming the code and both types, when two different types define one code
/// or one code has two statuses. A type reached twice (listed, and also wrapped by another
/// listed type's `#[transparent]` variant) counts once. The catalog's format
/// ([`Catalog::format`], for documents that show one) is that of the first type listed (a
/// framework's catalog aside); each entry is sent in its listed type's
/// ([`Catalog::with_formats`]), as OpenAPI documents it.
///
/// A framework's catalog (`apierror::axum::FrameworkErrors`, `apierror::actix::FrameworkErrors`)
/// lists the codes its layer writes for rejections, unmatched routes and panics. Listed beside
/// the user's types, an entry of it yields to a user type's entry with the same code and status
/// (documents show the user's); the same code with another status is the usual compile error.
#[macro_export]
macro_rules! catalog {
    ($(#[$meta:meta])* $vis:vis $name:ident = [$($ty:ty),+ $(,)?]) => {
        $(#[$meta])*
        $vis static $name: $crate::Catalog = {
            const TREE: &'static $crate::__private::CatalogTree = &$crate::__private::CatalogTree::union(
                ::core::concat!(::core::module_path!(), "::", ::core::stringify!($name)),
                $crate::__private::first_format(&[$(<$ty as $crate::__private::HasCatalog>::TREE),+]),
                &[$($crate::__private::CatalogNode::Nested(<$ty as $crate::__private::HasCatalog>::TREE)),+],
            );
            const _: () = $crate::__private::check_tree(TREE);
            $crate::Catalog::from_tree(TREE)
        };
    };
}
