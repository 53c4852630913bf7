//! Loading translations: parsing `.ftl` text and checking it against the catalog before it can
//! be used ([`LoadError`] says where and what).

use super::keys;
use crate::catalog::Catalog;
use crate::catalog::locales::OwnIds;
use fluent_syntax::ast;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why translations could not be loaded: the file and line (1-based; 0 when the mistake is not
/// in a file, such as a malformed language tag or two codes with one Fluent id), and what is
/// wrong.
///
/// ```
/// # #[cfg(feature = "fluent")] {
/// use apierror::locale::{LoadErrorKind, Translations};
/// use apierror::Catalog;
///
/// let err = Translations::new("en", Catalog::EMPTY)
///     .unwrap()
///     .with_ftl("fr", "fr.ftl", "NOPE = Non\n")
///     .unwrap_err();
/// assert_eq!(err.kind(), LoadErrorKind::UnknownCode);
/// assert_eq!(err.to_string(), "fr.ftl:1: `NOPE` is no code of the catalog and none of apierror's own messages");
/// # }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct LoadError {
    kind: LoadErrorKind,
    file: String,
    line: usize,
    message: String,
}

/// What kind of mistake a [`LoadError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The text is not Fluent syntax.
    Syntax,
    /// A message translates no code of the catalog and none of apierror's own texts, or an
    /// attribute of one (`.empty`) names a detail code its error does not have.
    UnknownCode,
    /// A translation uses a variable its `#[message]` does not name.
    UnknownPlaceholder,
    /// A message is defined twice for one language.
    Duplicate,
    /// A language tag is not BCP 47, or names the default language.
    BadLocale,
    /// Two codes of the catalog have the same Fluent id (`a.b` and `a-b`), or a code has one
    /// of apierror's own.
    Collision,
    /// The translation uses what apierror does not offer: a function call (`NUMBER(...)`), a
    /// number literal of more than 15 digits.
    Unsupported,
    /// A message is keyed by the code of a framework error (`NOT_FOUND`), which is translated
    /// by the `apierror-*` id of its sentence (`apierror-status-404`) and never by its code;
    /// the error names the id to write.
    FrameworkCode,
}

impl LoadError {
    pub(crate) fn new(
        kind: LoadErrorKind,
        file: &str,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }

    /// What kind of mistake it is.
    pub fn kind(&self) -> LoadErrorKind {
        self.kind
    }

    /// The file name given with the text (empty when the mistake is not in a file).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The line of the mistake, 1-based (0 when it is not in a file).
    pub fn line(&self) -> usize {
        self.line
    }

    /// What is wrong, without the place.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.line) {
            (true, _) => f.write_str(&self.message),
            (false, 0) => write!(f, "{}: {}", self.file, self.message),
            (false, line) => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

impl fmt::Debug for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for LoadError {}

/// What the checks know about each Fluent id of a catalog: the variables its translation may
/// use (the `#[message]`'s placeholders), and the code it stands for.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    by_id: HashMap<String, Entry>,
}

#[derive(Debug)]
struct Entry {
    code: &'static str,
    /// The catalog entry, for the codes of its details.
    spec: &'static crate::catalog::ErrorSpec,
    variables: Vec<String>,
    /// Only a framework's catalog has the code: the entry (its `defined_in`, and the ids that
    /// translate its message).
    framework: Option<(&'static str, OwnIds)>,
}

impl Ids {
    /// The ids of `catalog`'s codes; `Err` when two codes share one, or a code has one of
    /// apierror's own.
    pub(crate) fn of(catalog: Catalog) -> Result<Self, LoadError> {
        let mut by_id: HashMap<String, Entry> = HashMap::new();
        let mut specs = catalog.iter();
        while let Some(spec) = specs.next() {
            let framework = specs
                .in_framework()
                .then(|| (spec.defined_in, OwnIds::of(spec)));
            let id = keys::id_of(spec.code).into_owned();
            if keys::is_own(&id) || id.starts_with(keys::PREFIX) {
                return Err(LoadError::new(
                    LoadErrorKind::Collision,
                    "",
                    0,
                    format!(
                        "code `{}` has the Fluent id `{id}`, which apierror keeps for its own messages",
                        spec.code
                    ),
                ));
            }
            let variables = spec
                .message_template
                .map(|template| {
                    keys::placeholders(template)
                        .into_iter()
                        .map(|name| name.into_owned())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(other) = by_id.get_mut(&id)
                && other.code == spec.code
            {
                // The same code again: a user's entry wins over a framework's.
                if framework.is_none() {
                    other.framework = None;
                    other.spec = spec;
                }
                continue;
            }
            if let Some(other) = by_id.get(&id)
                && other.code != spec.code
            {
                return Err(LoadError::new(
                    LoadErrorKind::Collision,
                    "",
                    0,
                    format!(
                        "codes `{}` and `{}` both have the Fluent id `{id}` (`.` is written `-`); rename one",
                        other.code, spec.code
                    ),
                ));
            }
            by_id.insert(
                id,
                Entry {
                    code: spec.code,
                    spec,
                    variables,
                    framework,
                },
            );
        }
        Ok(Self { by_id })
    }

    /// The variables a translation of `id` may use, or `None` when `id` is unknown (or a
    /// framework error's code, which is translated by another id: [`framework`](Self::framework)).
    pub(crate) fn variables(&self, id: &str) -> Option<&[String]> {
        if keys::is_own(id) {
            return Some(&[]);
        }
        self.by_id
            .get(id)
            .filter(|entry| entry.framework.is_none())
            .map(|entry| entry.variables.as_slice())
    }

    /// Why the attribute `attribute` of `id` names no detail of that code's error (the
    /// reason of a detail code it does not have), or `None` when it may.
    pub(crate) fn unknown_attribute(&self, id: &str, attribute: &str) -> Option<String> {
        let spec = self.by_id.get(id)?.spec;
        if spec.names_detail(attribute) != Some(false) {
            return None;
        }
        let has = match spec.detail_codes {
            Some(codes) if !codes.is_empty() => {
                let codes: Vec<String> = codes.iter().map(|code| format!("`{code}`")).collect();
                format!("its details' codes: {}", codes.join(", "))
            }
            _ if spec.has_details => "none of its details has a code".to_owned(),
            _ => "it has no details".to_owned(),
        };
        Some(format!(
            "`{id}.{attribute}` translates the reason of a detail whose code is `{attribute}`, and `{}` has no such detail ({has})",
            spec.code
        ))
    }

    /// What to say of a translation keyed by `id` when `id` is a code only a framework's
    /// catalog has: that catalog, and the ids to write instead.
    pub(crate) fn framework(&self, id: &str) -> Option<(&'static str, OwnIds)> {
        self.by_id.get(id).and_then(|entry| entry.framework)
    }
}

/// Checks parsed Fluent text against `ids`: every message translates a known id, uses only
/// its placeholders (a detail reason, an attribute, only `$field`), no function, no long
/// number literal, and no id twice in one language (`seen` holds the ids of earlier files).
pub(crate) fn check<'r>(
    entries: impl Iterator<Item = &'r ast::Entry<&'r str>>,
    source: &str,
    file: &str,
    ids: &Ids,
    seen: &mut HashSet<String>,
    loaded: &mut Vec<Loaded>,
) -> Result<(), LoadError> {
    for entry in entries {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(message) => (
                message.id.name,
                message.value.as_ref(),
                message.attributes.as_slice(),
            ),
            ast::Entry::Term(term) => {
                // A term (`-brand`) is shared wording; it may use no variable of its own.
                let line = line_of(source, &format!("-{}", term.id.name));
                let checker = Checker {
                    file,
                    line,
                    id: term.id.name,
                    allowed: &[],
                    detail: None,
                    attribute: "",
                };
                checker.pattern(&term.value)?;
                for attribute in &term.attributes {
                    checker.pattern(&attribute.value)?;
                }
                continue;
            }
            _ => continue,
        };
        let line = line_of(source, id);
        if let Some((catalog, own)) = ids.framework(id) {
            return Err(LoadError::new(
                LoadErrorKind::FrameworkCode,
                file,
                line,
                format!(
                    "`{id}` is the code of a framework error ({catalog}), whose message is one of apierror's own sentences and is translated by its id: write {own} instead"
                ),
            ));
        }
        let Some(allowed) = ids.variables(id) else {
            return Err(LoadError::new(
                LoadErrorKind::UnknownCode,
                file,
                line,
                format!("`{id}` is no code of the catalog and none of apierror's own messages"),
            ));
        };
        if !seen.insert(id.to_owned()) {
            // Defined in an earlier file, or earlier in this one.
            let again = line_of_nth(source, id, 1);
            return Err(LoadError::new(
                LoadErrorKind::Duplicate,
                file,
                if again == 0 { line } else { again },
                format!("`{id}` is translated twice for this language"),
            ));
        }
        let checker = Checker {
            file,
            line,
            id,
            allowed,
            detail: None,
            attribute: "",
        };
        if let Some(value) = value {
            checker.pattern(value)?;
            let mut variables = Vec::new();
            variables_of(value, &mut variables);
            loaded.push(Loaded {
                file: file.to_owned(),
                line,
                id: id.to_owned(),
                variables,
                #[cfg(feature = "docs")]
                text: text_of(source, line),
            });
        }
        for attribute in attributes {
            if let Some(what) = ids.unknown_attribute(id, attribute.id.name) {
                return Err(LoadError::new(LoadErrorKind::UnknownCode, file, line, what));
            }
            let detail = Checker {
                detail: Some(keys::rule_params(id, attribute.id.name)),
                attribute: attribute.id.name,
                ..checker
            };
            detail.pattern(&attribute.value)?;
        }
    }
    Ok(())
}

/// One message as loaded: where it is, its id and the variables its value uses (for
/// [`Catalog::check_locales`](crate::Catalog::check_locales), against another catalog).
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) id: String,
    pub(crate) variables: Vec<String>,
    /// The value as written, on one line (`La tâche { $id } est introuvable`), for documents.
    #[cfg(feature = "docs")]
    pub(crate) text: String,
}

#[cfg(feature = "docs")]
/// The value of the message defined on 1-based `line` of `source`, as written: the text after
/// `=` and the indented lines that continue it (not its attributes, `.name = ...`), joined with
/// spaces.
fn text_of(source: &str, line: usize) -> String {
    let mut lines = source.lines().skip(line.saturating_sub(1));
    let first = lines
        .next()
        .and_then(|first| first.split_once('='))
        .map_or("", |(_, value)| value.trim());
    let mut parts = vec![first.to_owned()];
    for next in lines {
        let trimmed = next.trim();
        let indented = next.starts_with([' ', '\t']);
        // An attribute, or the next entry; a select's closing brace may stand at column 0.
        if (indented && trimmed.starts_with('.')) || (!indented && trimmed != "}") {
            break;
        }
        if !trimmed.is_empty() {
            parts.push(trimmed.to_owned());
        }
        if !indented {
            break;
        }
    }
    parts.retain(|part| !part.is_empty());
    parts.join(" ")
}

/// The variables `pattern` uses, in order of appearance, each once.
fn variables_of(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    fn expression(expression: &ast::Expression<&str>, out: &mut Vec<String>) {
        match expression {
            ast::Expression::Inline(value) => inline(value, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for variant in variants {
                    variables_of(&variant.value, out);
                }
            }
        }
    }
    fn inline(inline: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id }
                if !out.iter().any(|seen| seen == id.name) =>
            {
                out.push(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression: inner } => expression(inner, out),
            _ => {}
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression: inner } = element {
            expression(inner, out);
        }
    }
}

/// The 1-based line where `id` is defined (`id =` at the start of a line), else 0.
fn line_of(source: &str, id: &str) -> usize {
    line_of_nth(source, id, 0)
}

/// The 1-based line of the `nth` (0-based) definition of `id`, else 0.
fn line_of_nth(source: &str, id: &str, nth: usize) -> usize {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(nth)
        .map_or(0, |(index, _)| index + 1)
}

/// The 1-based line of byte `offset` in `source`.
pub(crate) fn line_at(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes().get(..end).map_or(0, |before| {
        before.iter().filter(|&&byte| byte == b'\n').count() + 1
    })
}

/// Walks one message's patterns.
#[derive(Clone, Copy)]
struct Checker<'a> {
    file: &'a str,
    line: usize,
    id: &'a str,
    allowed: &'a [String],
    /// When the pattern is a detail reason (an attribute): the variables it may use beside
    /// `$field` (a validation rule's values).
    detail: Option<&'static [&'static str]>,
    /// The attribute's name, for a detail reason.
    attribute: &'a str,
}

impl Checker<'_> {
    fn pattern(&self, pattern: &ast::Pattern<&str>) -> Result<(), LoadError> {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression)?;
            }
        }
        Ok(())
    }

    fn expression(&self, expression: &ast::Expression<&str>) -> Result<(), LoadError> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector)?;
                for variant in variants {
                    self.pattern(&variant.value)?;
                }
                Ok(())
            }
        }
    }

    fn inline(&self, inline: &ast::InlineExpression<&str>) -> Result<(), LoadError> {
        match inline {
            ast::InlineExpression::VariableReference { id } => self.variable(id.name),
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::FunctionReference { id, .. } => Err(self.error(
                LoadErrorKind::Unsupported,
                format!(
                    "`{}` calls the function `{}`; translations may use variables, plurals and terms, not functions",
                    self.id, id.name
                ),
            )),
            ast::InlineExpression::NumberLiteral { value } if value.len() > 15 => {
                Err(self.error(
                    LoadErrorKind::Unsupported,
                    format!(
                        "`{}` has a number literal of more than 15 digits, which Fluent cannot select on",
                        self.id
                    ),
                ))
            }
            ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for argument in &arguments.positional {
                    self.inline(argument)?;
                }
                for argument in &arguments.named {
                    self.inline(&argument.value)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn variable(&self, name: &str) -> Result<(), LoadError> {
        let known = match self.detail {
            Some(params) => name == keys::DETAIL_FIELD || params.contains(&name),
            None => self.allowed.iter().any(|allowed| allowed == name),
        };
        if known {
            return Ok(());
        }
        let message = match self.detail {
            Some(params) => {
                let names: Vec<String> = std::iter::once(keys::DETAIL_FIELD)
                    .chain(params.iter().copied())
                    .map(|name| format!("`${name}`"))
                    .collect();
                format!(
                    "`{}.{}` uses the variable `${name}`, which a detail reason does not name (it names: {})",
                    self.id,
                    self.attribute,
                    names.join(", ")
                )
            }
            None => {
                let names = if self.allowed.is_empty() {
                    "none".to_owned()
                } else {
                    self.allowed
                        .iter()
                        .map(|name| format!("`${name}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!(
                    "`{}` uses the variable `${name}`, which its `#[message]` does not name (it names: {names})",
                    self.id
                )
            }
        };
        Err(self.error(LoadErrorKind::UnknownPlaceholder, message))
    }

    fn error(&self, kind: LoadErrorKind, message: String) -> LoadError {
        LoadError::new(kind, self.file, self.line, message)
    }
}
