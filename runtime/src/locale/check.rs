//! Holding loaded translations against a catalog at test time
//! ([`Catalog::check_locales`](crate::Catalog::check_locales)), for codes spread over crates:
//! per language, the codes without a translation, the translated ids that are no code, the
//! variables a `#[message]` does not name.

use super::Translations;
use super::load::Ids;
use crate::catalog::Catalog;
use std::fmt;

/// Whether [`Catalog::check_locales`] asks for a translation of every code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coverage {
    /// A code without a translation is sent in the default language: not a failure.
    Partial,
    /// Every code of the catalog (a framework catalog's aside, whose sentences have
    /// `apierror-*` ids) needs a translation in every language.
    Complete,
}

/// What [`Catalog::check_locales`] found, per language: codes without a translation (with
/// [`Coverage::Complete`]), translations of codes the catalog does not have, and variables a
/// `#[message]` does not name. `Display` lists them all, with files and lines; so does
/// `Debug`, so that an `.unwrap()` in a test prints the list (`{:#?}` prints the fields), as
/// [`LockError`](crate::lock::LockError)'s does.
#[derive(Clone, PartialEq, Eq)]
pub struct LocalesError {
    reports: Vec<LocaleReport>,
}

/// What [`Catalog::check_locales`] found in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocaleReport {
    locale: String,
    missing: Vec<String>,
    /// Per code of `missing`, the `apierror-*` id of the generic 5xx sentence its message is
    /// (`apierror-internal`, `apierror-unavailable`), which covers it too.
    missing_generic: Vec<Option<&'static str>>,
    unknown_codes: Vec<String>,
    unknown_placeholders: Vec<String>,
}

impl LocaleReport {
    /// The language.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The codes without a translation. A code whose message is a generic 5xx sentence is
    /// also covered by that sentence's id (`apierror-internal`, `apierror-unavailable`), which
    /// `Display` names beside it.
    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    /// The translated ids that are no code of the catalog, as `file:line: id`.
    pub fn unknown_codes(&self) -> &[String] {
        &self.unknown_codes
    }

    /// The variables a `#[message]` does not name, as `file:line: id uses $name`.
    pub fn unknown_placeholders(&self) -> &[String] {
        &self.unknown_placeholders
    }

    fn is_empty(&self) -> bool {
        self.missing.is_empty()
            && self.unknown_codes.is_empty()
            && self.unknown_placeholders.is_empty()
    }
}

impl LocalesError {
    /// One report per language with something to fix, in the order the languages were added.
    pub fn reports(&self) -> &[LocaleReport] {
        &self.reports
    }
}

impl fmt::Display for LocalesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("translations do not match the catalog")?;
        for report in &self.reports {
            write!(f, "\n{}:", report.locale)?;
            if !report.missing.is_empty() {
                f.write_str("\n  missing codes: ")?;
                for (index, code) in report.missing.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(code)?;
                    if let Some(Some(id)) = report.missing_generic.get(index) {
                        // One line covers every error that says the generic sentence.
                        write!(f, " (or `{id}`)")?;
                    }
                }
            }
            for unknown in &report.unknown_codes {
                write!(f, "\n  unknown code: {unknown}")?;
            }
            for unknown in &report.unknown_placeholders {
                write!(f, "\n  unknown placeholder: {unknown}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for LocalesError {
    /// The `Display` text; with `{:#?}`, the fields.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_struct("LocalesError")
                .field("reports", &self.reports)
                .finish()
        } else {
            fmt::Display::fmt(self, f)
        }
    }
}

impl std::error::Error for LocalesError {}

impl Catalog {
    /// Holds `translations` against this catalog, at test time, as
    /// [`check_lock`](Catalog::check_lock) holds the codes: for translations loaded against
    /// another catalog (codes spread over crates, a shared file), what
    /// [`Translations::with_ftl`] and `apierror::locales!` check against their own. Lists, per
    /// language, the translated ids that are no code of this catalog, the variables a
    /// `#[message]` does not name, and with [`Coverage::Complete`] the codes without a
    /// translation.
    ///
    /// ```
    /// # #[cfg(feature = "fluent")] {
    /// use apierror::locale::{Coverage, Translations};
    /// use apierror::ApiError;
    /// use std::sync::Arc;
    ///
    /// #[derive(Debug, thiserror::Error, ApiError)]
    /// enum TaskError {
    ///     #[status(404)]
    ///     #[message("Task {id} could not be found")]
    ///     #[error("missing")]
    ///     NotFound { id: u64 },
    ///     #[status(409)]
    ///     #[error("locked")]
    ///     Locked,
    /// }
    ///
    /// let translations = Translations::new("en", TaskError::catalog())?
    ///     .with_ftl("fr", "fr.ftl", "NOT_FOUND = La tâche { $id } est introuvable\n")?;
    /// let catalog = TaskError::catalog();
    /// assert!(catalog.check_locales(&translations, Coverage::Partial).is_ok());
    /// let err = catalog.check_locales(&translations, Coverage::Complete).unwrap_err();
    /// assert_eq!(err.to_string(), "translations do not match the catalog\nfr:\n  missing codes: LOCKED");
    /// # }
    /// # Ok::<(), apierror::locale::LoadError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`LocalesError`] listing every problem of every language.
    pub fn check_locales(
        &self,
        translations: &Translations,
        coverage: Coverage,
    ) -> Result<(), LocalesError> {
        let ids = Ids::of(*self).unwrap_or_default();
        let specs = self.translatable();
        let mut reports = Vec::new();
        for (index, language) in translations.languages.iter().enumerate() {
            let mut report = LocaleReport {
                locale: translations
                    .tags
                    .get(index + 1)
                    .cloned()
                    .unwrap_or_default(),
                ..LocaleReport::default()
            };
            let defined: Vec<&str> = language
                .loaded
                .iter()
                .map(|loaded| loaded.id.as_str())
                .collect();
            for loaded in &language.loaded {
                let place = format!("{}:{}", loaded.file, loaded.line);
                let Some(allowed) = ids.variables(&loaded.id) else {
                    report.unknown_codes.push(format!("{place}: {}", loaded.id));
                    continue;
                };
                for variable in &loaded.variables {
                    if !allowed.contains(variable) {
                        report
                            .unknown_placeholders
                            .push(format!("{place}: {} uses ${variable}", loaded.id));
                    }
                }
            }
            if coverage == Coverage::Complete {
                for spec in specs
                    .iter()
                    .filter(|spec| !crate::catalog::locales::is_covered(spec, &defined))
                {
                    report.missing.push(spec.code.to_owned());
                    report
                        .missing_generic
                        .push(crate::catalog::locales::generic_id(spec));
                }
            }
            if !report.is_empty() {
                reports.push(report);
            }
        }
        if reports.is_empty() {
            Ok(())
        } else {
            Err(LocalesError { reports })
        }
    }
}
