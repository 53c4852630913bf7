//! Localized messages (feature `fluent`): translations of a catalog in
//! [Project Fluent](https://projectfluent.org) files, keyed by code, and the choice of a
//! language per request from `Accept-Language`.
//!
//! The `#[message]` texts are the default language. [`Translations`] holds the other
//! languages, each a set of `.ftl` texts checked against the catalog when loaded
//! ([`LoadError`]: file, line, what is wrong). A request's [`Locale`] comes from
//! [`Translations::negotiate`] (the axum layer and the actix-web middleware call it with the
//! request's `Accept-Language`) or [`Translations::locale`], and travels in the
//! [`Context`](crate::Context) ([`Context::with_locale`](crate::Context::with_locale)).
//!
//! # The key scheme
//!
//! | text | Fluent id |
//! |---|---|
//! | the message of code `X` | `X`, each `.` written `-` (`billing.card_declined` -> `billing-card_declined`) |
//! | the reason of a detail whose `code` is `c`, in an error of code `X` | the attribute `.c` of `X` (`.` written `-`) |
//! | the generic 5xx sentences | `apierror-internal`, `apierror-unavailable` |
//! | the reason phrase of status `N` (RFC 9457's `title`, and messages that are one) | `apierror-status-N` |
//! | the framework errors' sentences | `apierror-malformed-body`, `apierror-unsupported-media-type`, `apierror-invalid-body`, `apierror-invalid-query`, `apierror-invalid-path`, `apierror-payload-too-large` |
//!
//! Validation reports are details of `VALIDATION_FAILED` whose `code` is the rule's
//! (`required`, `email`, `length`): `VALIDATION_FAILED` attributes translate them.
//!
//! A framework error is translated by its sentence's `apierror-*` id, never by its code: a
//! message keyed by a code only a framework's catalog has (`NOT_FOUND`) is a
//! [`LoadErrorKind::FrameworkCode`] naming the id to write (`apierror-status-404`).
//!
//! # Variables
//!
//! A message's translation may use only the placeholders its `#[message]` names, as Fluent
//! variables: `{id}` is `{ $id }`, a position `{0}` is `{ $arg0 }`. Integers are Fluent
//! numbers, so plural rules apply (`{ $count -> [one] ... *[other] ... }`); an integer beyond
//! ±2^53 is passed as its digits. A detail reason may use `{ $field }`, apierror's own
//! sentences none. A validator rule's reason (an attribute of `VALIDATION_FAILED`) may also
//! use the values its default reason names, numbers as Fluent numbers: `.length` `$min`,
//! `$max`, `$equal`; `.range` `$min`, `$max`, `$exclusive_min`, `$exclusive_max`;
//! `.contains` and `.does_not_contain` `$needle`. A translation using a value its rule was not
//! given falls back to the default text. Functions (`NUMBER(...)`) are not available. Bodies carry no Unicode
//! isolation marks.
//!
//! A translation that is missing or fails to format (a variable it needs has no value) leaves
//! the default text in place: never an empty message, never a panic.
//!
//! ```
//! # #[cfg(feature = "fluent")] {
//! use apierror::locale::Translations;
//! use apierror::{ApiError, Context, Format};
//! use std::sync::Arc;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum TaskError {
//!     #[status(404)]
//!     #[code("TASK_NOT_FOUND")]
//!     #[message("Task {id} could not be found")]
//!     #[error("task {id} missing")]
//!     NotFound { id: u64 },
//! }
//!
//! let translations = Arc::new(
//!     Translations::new("en", TaskError::catalog())?
//!         .with_ftl("fr", "fr.ftl", "TASK_NOT_FOUND = La tâche { $id } est introuvable\n")?,
//! );
//! let fr = translations.negotiate("fr-CA, en;q=0.5");
//! assert_eq!(fr.tag(), "fr");
//! let ctx = Context::default().with_request_id("req-1").with_locale(fr);
//! let body = apierror::to_json(&TaskError::NotFound { id: 7 }, Format::Flat, &ctx);
//! assert_eq!(
//!     String::from_utf8(body).unwrap(),
//!     r#"{"code":"TASK_NOT_FOUND","message":"La tâche 7 est introuvable","requestId":"req-1"}"#
//! );
//! # }
//! # Ok::<(), apierror::locale::LoadError>(())
//! ```

mod check;
pub(crate) mod keys;
mod load;
mod localize;
mod negotiate;

pub use check::{Coverage, LocaleReport, LocalesError};
pub use load::{LoadError, LoadErrorKind};
pub use negotiate::{MAX_HEADER_LEN, MAX_RANGES};

pub(crate) use localize::Localized;

use crate::api_error::ApiError;
use crate::catalog::Catalog;
use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use load::Ids;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

/// The translations of a catalog: the default language (that of the `#[message]` texts) and
/// a Fluent bundle per other language. `Send + Sync`: build it once, share it in an [`Arc`].
///
/// Built from `.ftl` text (usually `include_str!`), each checked against the catalog: every
/// message translates a code of the catalog or one of apierror's own texts (see the
/// [module docs](self) for the key scheme), uses only the placeholders its `#[message]` names,
/// and is defined once per language.
pub struct Translations {
    /// The default language first, then each translated one, in the order they were added.
    available: Vec<LanguageIdentifier>,
    /// The tags of `available`, as sent in `Content-Language`.
    tags: Vec<String>,
    /// One per translated language: `available[i + 1]`.
    languages: Vec<Language>,
    ids: Ids,
    /// The catalog the translations were checked against (documents find codes in it).
    catalog: Catalog,
}

/// One translated language.
struct Language {
    bundle: FluentBundle<FluentResource>,
    /// The ids defined so far, to find one defined twice across files.
    seen: HashSet<String>,
    /// Each message as loaded, for [`Catalog::check_locales`].
    loaded: Vec<load::Loaded>,
}

impl Translations {
    /// Translations of `catalog` whose default language (the `#[message]` texts) is
    /// `default_locale`, a BCP 47 tag (`en`, `en-US`). Give a catalog holding every code the
    /// service sends (`catalog!` joins several types and the framework errors).
    ///
    /// # Errors
    ///
    /// [`LoadErrorKind::BadLocale`] when the tag is not BCP 47; [`LoadErrorKind::Collision`]
    /// when two codes have one Fluent id (`a.b` and `a-b`) or a code has one of apierror's.
    pub fn new(default_locale: &str, catalog: Catalog) -> Result<Self, LoadError> {
        let default = parse_locale(default_locale, "")?;
        Ok(Self {
            tags: vec![default.to_string()],
            available: vec![default],
            languages: Vec::new(),
            ids: Ids::of(catalog)?,
            catalog,
        })
    }

    /// Adds the Fluent text `source` of language `locale` (a BCP 47 tag such as `fr` or
    /// `pt-BR`), read from `file` (the name errors quote). A language may take several files.
    ///
    /// # Errors
    ///
    /// A [`LoadError`] naming `file` and the line: the text does not parse, a message
    /// translates no known code, uses a variable its `#[message]` does not name or a
    /// function, or is defined twice for the language; or `locale` is not BCP 47 or is the
    /// default language.
    pub fn with_ftl(mut self, locale: &str, file: &str, source: &str) -> Result<Self, LoadError> {
        let language = parse_locale(locale, file)?;
        if self.available.first() == Some(&language) {
            return Err(LoadError::new(
                LoadErrorKind::BadLocale,
                file,
                0,
                format!(
                    "`{locale}` is the default language, whose texts are the `#[message]`s; translate into another"
                ),
            ));
        }
        // A byte order mark (an editor's, on Windows) is no Fluent syntax: read past it.
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            Err((_, errors)) => {
                let first = errors.first();
                let line = first.map_or(0, |error| load::line_at(source, error.pos.start));
                let what = first.map_or_else(String::new, |error| error.kind.to_string());
                return Err(LoadError::new(
                    LoadErrorKind::Syntax,
                    file,
                    line,
                    format!("not Fluent syntax: {what}"),
                ));
            }
        };
        let index = match self.available.iter().position(|known| *known == language) {
            Some(index) => index,
            None => {
                let mut bundle = FluentBundle::new_concurrent(vec![language.clone()]);
                bundle.set_use_isolating(false);
                self.tags.push(language.to_string());
                self.available.push(language);
                self.languages.push(Language {
                    bundle,
                    seen: HashSet::new(),
                    loaded: Vec::new(),
                });
                self.available.len() - 1
            }
        };
        let Some(entry) = self.languages.get_mut(index - 1) else {
            return Err(LoadError::new(
                LoadErrorKind::BadLocale,
                file,
                0,
                "no such language",
            ));
        };
        load::check(
            resource.entries(),
            source,
            file,
            &self.ids,
            &mut entry.seen,
            &mut entry.loaded,
        )?;
        entry.bundle.add_resource(resource).map_err(|errors| {
            LoadError::new(
                LoadErrorKind::Duplicate,
                file,
                0,
                format!("{} message(s) defined twice", errors.len()),
            )
        })?;
        Ok(self)
    }

    /// The translations `apierror::locales!` embedded and checked at compile time, loaded:
    /// each file through [`with_ftl`](Self::with_ftl), against the catalog of the types the
    /// macro listed.
    ///
    /// # Errors
    ///
    /// As [`with_ftl`](Self::with_ftl); the compile-time checks leave only a default language
    /// that is not BCP 47, or a file name that is not.
    pub fn from_embedded(locales: &crate::catalog::EmbeddedLocales) -> Result<Self, LoadError> {
        let mut translations = Self::new(locales.default_locale(), locales.catalog())?;
        for file in locales.files() {
            translations = translations.with_ftl(file.locale(), file.path(), file.text())?;
        }
        Ok(translations)
    }

    /// The default language's tag (`en`).
    pub fn default_locale(&self) -> &str {
        self.tags.first().map_or("", String::as_str)
    }

    /// Every language's tag, the default first, then the translated ones in the order they
    /// were added.
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.tags.iter().map(String::as_str)
    }

    /// The catalog the translations were checked against.
    pub fn catalog(&self) -> Catalog {
        self.catalog
    }

    /// The message of the catalog entry `spec` in each translated language that has one
    /// (language tag, text), in the order the languages were added; `example` is its default
    /// text with example values in place of the placeholders, which the translations get as
    /// their variables. For OpenAPI examples.
    #[cfg(any(feature = "utoipa", feature = "aide"))]
    pub(crate) fn example_messages(
        &self,
        spec: &crate::catalog::ErrorSpec,
        example: &str,
    ) -> Vec<(&str, String)> {
        self.languages
            .iter()
            .zip(self.tags.iter().skip(1))
            .filter_map(|(language, tag)| {
                localize::example_message(language, spec, example)
                    .map(|message| (tag.as_str(), message))
            })
            .collect()
    }

    /// The language `tag` (BCP 47, exactly as loaded, or the default), if there are
    /// translations into it.
    pub fn locale(self: &Arc<Self>, tag: &str) -> Option<Locale> {
        let language: LanguageIdentifier = tag.parse().ok()?;
        let index = self.available.iter().position(|known| *known == language)?;
        Some(Locale {
            translations: Arc::clone(self),
            index,
        })
    }

    /// The language for a request whose `Accept-Language` is `header`: the most preferred
    /// range (q-values, then order) that a language matches (`fr-CA` finds `fr`, `fr` finds
    /// `fr-FR`), else the default. A malformed header (longer than [`MAX_HEADER_LEN`] bytes,
    /// more than [`MAX_RANGES`] ranges, a byte that is not visible ASCII, space or tab) gets
    /// the default, with bounded work. A gRPC layer passes the `accept-language` metadata
    /// value.
    ///
    /// ```
    /// # #[cfg(feature = "fluent")] {
    /// use apierror::locale::Translations;
    /// use apierror::Catalog;
    /// use std::sync::Arc;
    ///
    /// let translations = Arc::new(
    ///     Translations::new("en", Catalog::EMPTY)?
    ///         .with_ftl("fr", "fr.ftl", "apierror-internal = Une erreur inattendue s'est produite.\n")?,
    /// );
    /// assert_eq!(translations.negotiate("de, fr-CA;q=0.8, en;q=0.5").tag(), "fr");
    /// assert_eq!(translations.negotiate("de").tag(), "en");
    /// assert!(translations.negotiate("fr\r\n").is_default());
    /// # }
    /// # Ok::<(), apierror::locale::LoadError>(())
    /// ```
    pub fn negotiate(self: &Arc<Self>, header: &str) -> Locale {
        self.negotiate_values([header.as_bytes()])
    }

    /// [`negotiate`](Self::negotiate) over several `Accept-Language` values (a request may
    /// send the header more than once; the values mean the same as one joined with commas),
    /// as raw header bytes.
    pub fn negotiate_values<'h>(
        self: &Arc<Self>,
        values: impl IntoIterator<Item = &'h [u8]>,
    ) -> Locale {
        let index = self.best(values).unwrap_or(0);
        Locale {
            translations: Arc::clone(self),
            index,
        }
    }

    /// The index in `available` of the best match, `None` for the default.
    fn best<'h>(&self, values: impl IntoIterator<Item = &'h [u8]>) -> Option<usize> {
        if self.languages.is_empty() {
            return None;
        }
        let default = self.available.first()?;
        let requested = negotiate::ranges(values, &self.available)?;
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &self.available,
            Some(default),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        let chosen = chosen.first()?;
        self.available.iter().position(|known| known == *chosen)
    }
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translations")
            .field("locales", &self.tags)
            .finish_non_exhaustive()
    }
}

/// A BCP 47 tag (RFC 5646), written as `Content-Language` will send it: unic-langid reads
/// `pt_BR` and `PT-br` as `pt-BR` (and sorts variants), so a tag it would rewrite is refused
/// with the spelling to use, rather than sent in another form than the one given. The rules
/// are `macros/src/locales.rs`'s `canonical_tag` too (its tests hold the two equal).
fn parse_locale(tag: &str, file: &str) -> Result<LanguageIdentifier, LoadError> {
    let bad = |what: String| LoadError::new(LoadErrorKind::BadLocale, file, 0, what);
    let language: LanguageIdentifier = tag.parse().map_err(|_| {
        bad(format!(
            "`{tag}` is not a BCP 47 language tag (`en`, `fr`, `pt-BR`)"
        ))
    })?;
    let canonical = language.to_string();
    if canonical == tag {
        Ok(language)
    } else if tag.contains('_') {
        Err(bad(format!(
            "`{tag}` is not a BCP 47 language tag: its subtags are separated by `-`, never `_`; write `{canonical}`"
        )))
    } else {
        Err(bad(format!(
            "`{tag}` is not written as BCP 47 writes it (language in lower case, script in title case, region in upper case, variants once each and sorted); write `{canonical}`"
        )))
    }
}

/// The language chosen for one request, and the translations it comes from: what
/// [`Context::with_locale`](crate::Context::with_locale) carries. Cheap to clone (an
/// [`Arc`] and an index).
#[derive(Clone)]
pub struct Locale {
    translations: Arc<Translations>,
    /// 0: the default language; `i`: `translations.languages[i - 1]`.
    index: usize,
}

impl Locale {
    /// The language's BCP 47 tag (`fr`), as `Content-Language` sends it.
    pub fn tag(&self) -> &str {
        self.translations
            .tags
            .get(self.index)
            .map_or("", String::as_str)
    }

    /// Whether this is the default language, whose texts are the `#[message]`s (a body in it
    /// is exactly the one without translations; a response still names it in
    /// `Content-Language`).
    pub fn is_default(&self) -> bool {
        self.index == 0
    }

    /// The translations this language belongs to.
    pub fn translations(&self) -> &Arc<Translations> {
        &self.translations
    }

    /// `err`'s public message in this language, when there is a translation that formats
    /// (`None` in the default language): what `message`/`detail` carry in a body, and what a
    /// `google.rpc.LocalizedMessage` holds.
    pub fn message(&self, err: &dyn ApiError) -> Option<String> {
        let language = self.language()?;
        let known = err.__message_parts();
        let status = crate::api_error::sent_status(err, known);
        localize::message(language, err, known, status)
    }

    /// The translation of `spec`'s message as written in its file, on one line, if there is
    /// one (for documents): by its code, else by the apierror sentence its message is.
    #[cfg(feature = "docs")]
    pub(crate) fn source_of(&self, spec: &crate::catalog::ErrorSpec) -> Option<&str> {
        self.source_of_id(&keys::id_of(spec.code)).or_else(|| {
            let own = keys::sentence_id(spec.message_template?, spec.status_code())?;
            self.source_of_id(&own)
        })
    }

    /// The translation of the reason phrase of `status` as written, if there is one.
    #[cfg(feature = "docs")]
    pub(crate) fn status_name(&self, status: u16) -> Option<&str> {
        self.source_of_id(&keys::status_id(status))
    }

    #[cfg(feature = "docs")]
    fn source_of_id(&self, id: &str) -> Option<&str> {
        self.language()?
            .loaded
            .iter()
            .find(|loaded| loaded.id == id)
            .map(|loaded| loaded.text.as_str())
    }

    fn language(&self) -> Option<&Language> {
        self.index
            .checked_sub(1)
            .and_then(|index| self.translations.languages.get(index))
    }
}

impl PartialEq for Locale {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.translations, &other.translations) && self.index == other.index
    }
}

impl Eq for Locale {}

impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Locale").field(&self.tag()).finish()
    }
}
