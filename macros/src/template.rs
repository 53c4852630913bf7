//! The `#[message]` / `#[detail]` / `#[header]` template language.
//!
//! A template is text with `{name}` and `{0}` placeholders; `{{` and `}}` stand for literal
//! braces. Nothing else is accepted: format specs (`{id:04}`), empty `{}` and stray braces are
//! errors, because a public message must say exactly what its author wrote.
//!
//! This module depends on `std` alone so that the fuzz targets can include it by path.

use std::fmt;

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text, with `{{` / `}}` already unescaped.
    Text(String),
    /// `{name}`: a named field (a leading `r#` is removed).
    Named(String),
    /// `{0}`: a positional field.
    Index(usize),
}

/// Why a template was rejected, and where (a byte offset into the template).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub offset: usize,
    pub kind: TemplateErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateErrorKind {
    /// A `{` without its closing `}`.
    UnclosedBrace,
    /// A `}` that closes nothing.
    UnmatchedClose,
    /// `{}`.
    EmptyPlaceholder,
    /// `{name:spec}` or `{name!r}` and the like.
    FormatSpec(String),
    /// Something that is neither an identifier nor a number.
    InvalidPlaceholder(String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            TemplateErrorKind::UnclosedBrace => f.write_str(
                "unbalanced `{` in template: close the placeholder with `}`, or write `{{` for a literal brace",
            ),
            TemplateErrorKind::UnmatchedClose => {
                f.write_str("unbalanced `}` in template: write `}}` for a literal brace")
            }
            TemplateErrorKind::EmptyPlaceholder => f.write_str(
                "empty placeholder `{}`: name the field, as in `{id}`, or its position, as in `{0}`",
            ),
            TemplateErrorKind::FormatSpec(name) => write!(
                f,
                "format specs are not supported in templates: write `{{{name}}}` and format the value in its `Display` impl"
            ),
            TemplateErrorKind::InvalidPlaceholder(text) => write!(
                f,
                "invalid placeholder `{{{text}}}`: a placeholder is a field name like `{{id}}` or a position like `{{0}}`"
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

/// Parses a template into pieces. Adjacent text is merged into one `Text` piece.
///
/// Scans bytes for braces (ASCII, so never inside a multi-byte character) and copies the text
/// between them in runs: the derive runs unoptimized, and this reads every template.
pub fn parse(template: &str) -> Result<Vec<Piece>, TemplateError> {
    let bytes = template.as_bytes();
    let mut pieces = Vec::new();
    let mut text = String::new();
    // The start of the text not yet copied, and the byte looked at.
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte != b'{' && byte != b'}' {
            at += 1;
            continue;
        }
        text.push_str(template.get(run..at).unwrap_or_default());
        if bytes.get(at + 1) == Some(&byte) {
            text.push(char::from(byte));
            at += 2;
            run = at;
            continue;
        }
        let offset = at;
        if byte == b'}' {
            return Err(TemplateError {
                offset,
                kind: TemplateErrorKind::UnmatchedClose,
            });
        }
        let mut end = offset + 1;
        loop {
            match bytes.get(end) {
                Some(b'}') => break,
                Some(b'{') | None => {
                    return Err(TemplateError {
                        offset,
                        kind: TemplateErrorKind::UnclosedBrace,
                    });
                }
                Some(_) => end += 1,
            }
        }
        let inner = template.get(offset + 1..end).unwrap_or_default();
        let piece = placeholder(inner).map_err(|kind| TemplateError { offset, kind })?;
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        pieces.push(piece);
        at = end + 1;
        run = at;
    }
    text.push_str(template.get(run..).unwrap_or_default());
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn placeholder(inner: &str) -> Result<Piece, TemplateErrorKind> {
    if inner.is_empty() {
        return Err(TemplateErrorKind::EmptyPlaceholder);
    }
    if let Some(split) = inner.find([':', '!']) {
        let name = inner.get(..split).unwrap_or_default().trim();
        if name.is_empty() || is_identifier(name) || is_index(name) {
            return Err(TemplateErrorKind::FormatSpec(name.to_owned()));
        }
        return Err(TemplateErrorKind::InvalidPlaceholder(inner.to_owned()));
    }
    if is_index(inner) {
        return inner
            .parse()
            .map(Piece::Index)
            .map_err(|_| TemplateErrorKind::InvalidPlaceholder(inner.to_owned()));
    }
    let name = inner.strip_prefix("r#").unwrap_or(inner);
    if is_identifier(name) {
        return Ok(Piece::Named(name.to_owned()));
    }
    Err(TemplateErrorKind::InvalidPlaceholder(inner.to_owned()))
}

fn is_index(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && s != "_"
}

/// The template's text with placeholders kept as written (`{id}`), braces unescaped.
/// This is how documents show a message.
pub fn display_form(pieces: &[Piece]) -> String {
    written(pieces, false)
}

/// The pieces in template syntax again, braces in text doubled: what [`parse`] reads back as
/// the same pieces: what documents read to tell a literal brace from a placeholder
/// (`ErrorSpec::template_source`), and the round-trip property (unit tests, the fuzz target).
pub fn source_form(pieces: &[Piece]) -> String {
    written(pieces, true)
}

/// Whether the text of `pieces` has a brace (written `{{` or `}}`).
pub fn has_literal_brace(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .any(|piece| matches!(piece, Piece::Text(text) if text.contains(['{', '}'])))
}

/// The pieces as text, placeholders in braces; `escape_braces` doubles the braces of text.
fn written(pieces: &[Piece], escape_braces: bool) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) if escape_braces => {
                out.push_str(&text.replace('{', "{{").replace('}', "}}"));
            }
            Piece::Text(text) => out.push_str(text),
            Piece::Named(name) => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            Piece::Index(index) => {
                out.push('{');
                out.push_str(&index.to_string());
                out.push('}');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Piece {
        Piece::Text(s.to_owned())
    }

    #[test]
    fn plain_text_is_one_piece() {
        assert_eq!(parse("Not found").unwrap(), vec![text("Not found")]);
        assert_eq!(parse("").unwrap(), vec![]);
    }

    #[test]
    fn named_and_positional_placeholders() {
        assert_eq!(
            parse("Task with ID {id} could not be found").unwrap(),
            vec![
                text("Task with ID "),
                Piece::Named("id".into()),
                text(" could not be found")
            ]
        );
        assert_eq!(
            parse("{0}{1}").unwrap(),
            vec![Piece::Index(0), Piece::Index(1)]
        );
        assert_eq!(
            parse("{r#type}").unwrap(),
            vec![Piece::Named("type".into())]
        );
    }

    #[test]
    fn doubled_braces_are_literal() {
        assert_eq!(
            parse("{{id}} is {id}}}").unwrap(),
            vec![text("{id} is "), Piece::Named("id".into()), text("}")]
        );
    }

    #[test]
    fn errors_carry_kind_and_offset() {
        let err = |s: &str| parse(s).unwrap_err();
        assert_eq!(err("a {id").kind, TemplateErrorKind::UnclosedBrace);
        assert_eq!(err("a {id").offset, 2);
        assert_eq!(err("a {b {c}").kind, TemplateErrorKind::UnclosedBrace);
        assert_eq!(err("a } b").kind, TemplateErrorKind::UnmatchedClose);
        assert_eq!(err("a } b").offset, 2);
        assert_eq!(err("{}").kind, TemplateErrorKind::EmptyPlaceholder);
        assert_eq!(
            err("{id:04}").kind,
            TemplateErrorKind::FormatSpec("id".into())
        );
        assert_eq!(err("{0:?}").kind, TemplateErrorKind::FormatSpec("0".into()));
        assert_eq!(
            err("{a b}").kind,
            TemplateErrorKind::InvalidPlaceholder("a b".into())
        );
        assert_eq!(
            err("{_}").kind,
            TemplateErrorKind::InvalidPlaceholder("_".into())
        );
        assert_eq!(
            err("{99999999999999999999999}").kind,
            TemplateErrorKind::InvalidPlaceholder("99999999999999999999999".into())
        );
    }

    #[test]
    fn non_ascii_text_survives() {
        assert_eq!(
            parse("héllo {x} 🦀").unwrap(),
            vec![text("héllo "), Piece::Named("x".into()), text(" 🦀")]
        );
    }

    /// The parser as first written, character by character: the byte scanner must agree.
    fn reference(template: &str) -> Result<Vec<Piece>, TemplateError> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = template.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|&(_, next)| next) == Some('{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek().map(|&(_, next)| next) == Some('}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => {
                    return Err(TemplateError {
                        offset,
                        kind: TemplateErrorKind::UnmatchedClose,
                    });
                }
                '{' => {
                    let start = offset + 1;
                    let end = loop {
                        match chars.next() {
                            Some((end, '}')) => break end,
                            Some((_, '{')) | None => {
                                return Err(TemplateError {
                                    offset,
                                    kind: TemplateErrorKind::UnclosedBrace,
                                });
                            }
                            Some(_) => {}
                        }
                    };
                    let inner = template.get(start..end).unwrap_or_default();
                    let piece =
                        placeholder(inner).map_err(|kind| TemplateError { offset, kind })?;
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(piece);
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(pieces)
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scanner_agrees_with_the_reference(template in "[a-z0-9_ é🦀{}:!#r]{0,24}") {
            proptest::prop_assert_eq!(parse(&template), reference(&template));
        }
    }

    #[test]
    fn display_form_keeps_placeholders() {
        let pieces = parse("{{ {id} and {0} }}").unwrap();
        assert_eq!(display_form(&pieces), "{ {id} and {0} }");
    }
}
