//! Reference-style links of a doc comment (`[text][label]`, `[text][]`, `[label]`, with a
//! definition `[label]: https://...` on a line of its own, CommonMark 0.31 §4.7 and §6.3) made
//! inline, for text shown away from its definitions: a variant's title (one line of the
//! catalog, the Markdown reference's table) and the rustdoc table's cell, where a definition
//! is no longer at the start of a line and so defines nothing.

use std::borrow::Cow;

/// `text` with every reference whose label `doc` defines as a URL written inline (`[text](url)`,
/// `[text](url "title")`) and `text`'s own definition lines dropped. A reference with no
/// definition, one defined as an item path (rustdoc's intra-doc link, `[builder]:
/// crate::Builder`, which only rustdoc resolves), and code spans are left as written.
pub fn inline<'t>(text: &'t str, doc: &str) -> Cow<'t, str> {
    if !doc.contains("]:") {
        return Cow::Borrowed(text);
    }
    let definitions: Vec<Definition<'_>> = definitions(doc)
        .map(|(_, definition)| definition)
        .filter(Definition::is_url)
        .collect();
    if definitions.is_empty() {
        return Cow::Borrowed(text);
    }
    let dropped: Vec<usize> = definitions_of_urls(text).collect();
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(index, _)| !dropped.contains(index))
        .map(|(_, line)| line)
        .collect();
    let text = kept.join("\n");
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut copied = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'`' => at = after_code_span(bytes, at),
            b'[' => {
                let Some(close) = closing_bracket(bytes, at) else {
                    at += 1;
                    continue;
                };
                let link_text = &text[at + 1..close];
                let (label, end) = match bytes.get(close + 1) {
                    // An inline link or an image's: as written.
                    Some(b'(') => {
                        at = close + 1;
                        continue;
                    }
                    Some(b'[') => match closing_bracket(bytes, close + 1) {
                        Some(end) if end == close + 2 => (link_text, end + 1),
                        Some(end) => (&text[close + 2..end], end + 1),
                        None => (link_text, close + 1),
                    },
                    _ => (link_text, close + 1),
                };
                match definitions.iter().find(|definition| definition.is(label)) {
                    Some(definition) => {
                        out.push_str(&text[copied..at]);
                        out.push('[');
                        out.push_str(link_text);
                        out.push_str("](");
                        out.push_str(definition.destination);
                        if let Some(title) = definition.title {
                            out.push(' ');
                            out.push_str(title);
                        }
                        out.push(')');
                        copied = end;
                        at = end;
                    }
                    None => at += 1,
                }
            }
            _ => at += 1,
        }
    }
    if copied == 0 {
        return Cow::Owned(text);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// The line numbers of `doc`'s definitions of URLs.
fn definitions_of_urls(doc: &str) -> impl Iterator<Item = usize> + '_ {
    definitions(doc)
        .filter(|(_, definition)| definition.is_url())
        .map(|(index, _)| index)
}

/// The link reference definitions of `doc`, with their line numbers: lines that are one, outside
/// fenced code blocks, and not continuing a paragraph (a definition cannot interrupt one: it
/// follows a blank line, another definition, or starts the doc).
fn definitions(doc: &str) -> impl Iterator<Item = (usize, Definition<'_>)> {
    let mut fence: Option<&str> = None;
    let mut after_break = true;
    doc.lines().enumerate().filter_map(move |(index, line)| {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|marker| trimmed.starts_with(marker));
        match (fence, marker) {
            (Some(open), Some(marker)) if open == marker => {
                fence = None;
                after_break = true;
                return None;
            }
            (Some(_), _) => return None,
            (None, Some(marker)) => {
                fence = Some(marker);
                return None;
            }
            (None, None) => {}
        }
        if trimmed.is_empty() {
            after_break = true;
            return None;
        }
        let definition = after_break.then(|| Definition::parse(line)).flatten();
        after_break = definition.is_some();
        definition.map(|definition| (index, definition))
    })
}

/// A link reference definition on one line: `[label]: destination "title"`, indented by at
/// most three spaces.
struct Definition<'d> {
    label: &'d str,
    /// As written: `https://...` or `<with spaces>`.
    destination: &'d str,
    /// As written, with its quotes or parentheses.
    title: Option<&'d str>,
}

impl<'d> Definition<'d> {
    fn parse(line: &'d str) -> Option<Self> {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return None;
        }
        let rest = trimmed.strip_prefix('[')?;
        let close = closing_bracket(trimmed.as_bytes(), 0)? - 1;
        let label = &rest[..close];
        let rest = rest[close + 1..].strip_prefix(':')?.trim();
        if label.trim().is_empty() || rest.is_empty() {
            return None;
        }
        let (destination, title) = if rest.starts_with('<') {
            let end = rest.find('>')? + 1;
            (&rest[..end], rest[end..].trim())
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], rest[end..].trim())
        };
        let title = match title.as_bytes() {
            [] => None,
            [b'"', .., b'"'] | [b'\'', .., b'\''] | [b'(', .., b')'] if title.len() >= 2 => {
                Some(title)
            }
            _ => return None,
        };
        Some(Definition {
            label,
            destination,
            title,
        })
    }

    /// Whether the destination is a URL (`https://...`, `mailto:`, `/path`, `#anchor`), not an
    /// item path rustdoc resolves (`crate::Builder`, `Self::code`).
    fn is_url(&self) -> bool {
        let destination = self.destination.trim_start_matches('<');
        destination.contains("://")
            || destination.starts_with("mailto:")
            || destination.starts_with(['/', '#', '.'])
    }

    /// Whether `label` matches this definition's: case-insensitively, runs of whitespace as
    /// one space (CommonMark's label matching, with Unicode lower-casing for case folding).
    fn is(&self, label: &str) -> bool {
        let normal = |label: &str| {
            label
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        !label.trim().is_empty() && normal(self.label) == normal(label)
    }
}

/// The index of the `]` that closes the `[` at `open`: brackets nest, a backslash escapes,
/// code spans are skipped. `None`: unclosed.
fn closing_bracket(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut at = open;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'`' => {
                at = after_code_span(bytes, at);
                continue;
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The index after the code span whose opening backtick run starts at `at`, or after the run
/// when nothing closes it (a literal run).
fn after_code_span(bytes: &[u8], at: usize) -> usize {
    let run = bytes[at..].iter().take_while(|&&byte| byte == b'`').count();
    let mut search = at + run;
    while search < bytes.len() {
        if bytes[search] == b'`' {
            let closing = bytes[search..]
                .iter()
                .take_while(|&&byte| byte == b'`')
                .count();
            if closing == run {
                return search + closing;
            }
            search += closing;
        } else {
            search += 1;
        }
    }
    at + run
}

#[cfg(test)]
mod tests {
    use super::inline;

    const DOC: &str = "The task is [locked][lock] by [Another Run] or an [admin][].\n\n\
        More in the [guide](https://example.com/guide).\n\n\
        [lock]: https://example.com/locks \"Locks\"\n\
        [another   run]: <https://example.com/runs/a b>\n   [Admin]: https://example.com/admins";

    #[test]
    fn references_are_written_inline() {
        let title = DOC.split("\n\n").next().unwrap();
        assert_eq!(
            inline(title, DOC),
            "The task is [locked](https://example.com/locks \"Locks\") by \
             [Another Run](<https://example.com/runs/a b>) or an [admin](https://example.com/admins)."
        );
        // The whole doc: its definitions dropped, inline links kept.
        assert_eq!(
            inline(DOC, DOC),
            "The task is [locked](https://example.com/locks \"Locks\") by \
             [Another Run](<https://example.com/runs/a b>) or an [admin](https://example.com/admins).\n\n\
             More in the [guide](https://example.com/guide).\n"
        );
    }

    #[test]
    fn what_is_not_a_defined_reference_is_left_as_written() {
        for text in [
            "No links at all.",
            "An intra-doc link [`Self::code`] and [Other].",
            "Code `[lock]` and ``[lock][]`` and an escaped \\[lock].",
            "Unclosed [lock and ] stray.",
            "An inline [lock](https://x) link.",
        ] {
            assert_eq!(inline(text, &format!("{text}\n\n[lock]: https://a")), text);
        }
        // Not a definition: indented four spaces, no destination, a title without quotes, in
        // a code block, continuing a paragraph; nor a URL: an item path rustdoc resolves.
        for doc in [
            "    [lock]: https://a",
            "[lock]:",
            "[lock]: https://a title",
            "Text\n\n```\n[lock]: https://a\n```",
            "Text\n~~~text\n[lock]: https://a\n~~~",
            "A paragraph\n[lock]: https://a",
            "Text\n\n[lock]: crate::Lock",
            "Text\n\n[lock]: Self::lock",
        ] {
            assert_eq!(inline("[lock]", doc), "[lock]", "{doc:?}");
        }
        // An item path's definition line stays in the text too (rustdoc reads it).
        assert_eq!(
            inline(
                "A [lock].\n\n[lock]: crate::Lock",
                "A [lock].\n\n[lock]: crate::Lock"
            ),
            "A [lock].\n\n[lock]: crate::Lock"
        );
        // After a code block, definitions count again; relative and anchor URLs are URLs.
        assert_eq!(
            inline("[a] [b]", "```\nx\n```\n[a]: #anchor\n[b]: /errors"),
            "[a](#anchor) [b](/errors)"
        );
    }
}
