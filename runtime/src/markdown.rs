//! A catalog as a Markdown error reference: the format with an example body, the HTTP status
//! table, one table per status of code / description / example message, and the headers.

use crate::catalog::{Catalog, ErrorSpec, reason_phrase};
use crate::envelope;
use crate::example::{ExampleError, pretty};
use std::fmt::Write as _;

#[cfg_attr(docsrs, doc(cfg(feature = "docs")))]
impl Catalog {
    /// The catalog as a Markdown error reference, in the manner of a public API's error
    /// documentation. Example messages keep their `{placeholders}`.
    pub fn to_markdown(&self) -> String {
        self.markdown("# Error reference\n", &|_| None, &|_| None)
    }

    /// The Markdown reference with the messages in `locale`'s language: each code's
    /// translation as its file writes it (Fluent variables, `{ $id }`), else the default
    /// text marked with the default language (`(en) "Task {id} could not be found"`). In the
    /// default language, [`to_markdown`](Self::to_markdown) under a heading naming it.
    #[cfg(feature = "fluent")]
    #[cfg_attr(docsrs, doc(cfg(all(feature = "docs", feature = "fluent"))))]
    pub fn to_markdown_in(&self, locale: &crate::locale::Locale) -> String {
        let heading = format!("# Error reference ({})\n", locale.tag());
        if locale.is_default() {
            return self.markdown(&heading, &|_| None, &|_| None);
        }
        let default = locale.translations().default_locale();
        self.markdown(
            &heading,
            &|spec| {
                Some(match locale.source_of(spec) {
                    Some(text) => format!("\"{}\"", plain_text(text)),
                    None => format!("({default}) {}", default_message(spec)),
                })
            },
            &|status| locale.status_name(status).map(plain_text),
        )
    }

    /// The reference, with `message` giving a code's message cell and `status_name` a status's name
    /// where they have their own.
    fn markdown(
        &self,
        heading: &str,
        message: &dyn Fn(&ErrorSpec) -> Option<String>,
        status_name: &dyn Fn(u16) -> Option<String>,
    ) -> String {
        let by_status = self.by_status();

        let mut doc = String::new();
        let name = self.name().rsplit("::").next().unwrap_or_default();
        let _ = writeln!(doc, "{heading}");
        let _ = writeln!(
            doc,
            "Every error `{name}` can return: {} codes over {} statuses.\n",
            self.len(),
            by_status.len()
        );

        let formats = self.formats();
        if let [(format, _)] = formats.as_slice() {
            let _ = writeln!(doc, "## Error response format\n");
            let _ = writeln!(
                doc,
                "All errors use the `{}` format (`Content-Type: {}`):\n",
                format.as_str(),
                format.content_type()
            );
            format_section(&mut doc, *format);
        } else {
            // `catalog!` over types of different formats: each type's errors in its own.
            let _ = writeln!(doc, "## Error response formats\n");
            for (format, codes) in &formats {
                let _ = writeln!(
                    doc,
                    "### The `{}` format\n\n`Content-Type: {}`, for {}:\n",
                    format.as_str(),
                    format.content_type(),
                    codes
                        .iter()
                        .map(|code| format!("`{code}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                format_section(&mut doc, *format);
            }
        }

        let _ = writeln!(doc, "## HTTP status codes\n");
        let _ = writeln!(doc, "| Status code | Name | Description |");
        let _ = writeln!(doc, "|-------------|------|-------------|");
        for &status in by_status.keys() {
            let reason = status_name(status).unwrap_or_else(|| reason_phrase(status).to_owned());
            let _ = writeln!(
                doc,
                "| {status} | {reason} | {} |",
                status_description(status)
            );
        }
        doc.push('\n');

        let _ = writeln!(doc, "## Error codes\n");
        for (status, specs) in &by_status {
            let reason = status_name(*status).unwrap_or_else(|| reason_phrase(*status).to_owned());
            let _ = writeln!(doc, "### {reason} ({status})\n");
            let _ = writeln!(
                doc,
                "| Error code | Description | Example message | gRPC code |"
            );
            let _ = writeln!(
                doc,
                "|------------|-------------|-----------------|-----------|"
            );
            for spec in specs {
                let message = message(spec).unwrap_or_else(|| default_message(spec));
                // `#[grpc(code)]`, else the canonical code of the status (what a gRPC status
                // of the error carries, and the `google` envelope's `status`).
                let grpc = spec
                    .grpc_code
                    .unwrap_or_else(|| crate::envelope::grpc_status(spec.status_code()));
                let _ = writeln!(
                    doc,
                    "| `{}` | {} | {message} | `{grpc}` |",
                    spec.code,
                    cell(spec.summary())
                );
            }
            doc.push('\n');
        }

        let _ = writeln!(doc, "## Error response headers\n");
        let _ = writeln!(doc, "| Error code | Header | Description | Example |");
        let _ = writeln!(doc, "|------------|--------|-------------|---------|");
        let _ = writeln!(
            doc,
            "| every error | `x-request-id` | The request's id; quote it when contacting support | `x-request-id: {}` |",
            crate::example::EXAMPLE_REQUEST_ID
        );
        for spec in self.iter() {
            if spec.retry_after {
                // The delay the error's OpenAPI example shows, as its message does.
                let _ = writeln!(
                    doc,
                    "| `{}` | `Retry-After` | Seconds to wait before retrying | `Retry-After: {}` |",
                    spec.code,
                    crate::example::example_retry_after(spec)
                );
            }
            for header in spec.headers {
                let _ = writeln!(
                    doc,
                    "| `{}` | `{header}` | Sent with this error | |",
                    spec.code
                );
            }
        }
        doc
    }
}

/// The generic example body of `format` and where its code is.
fn format_section(doc: &mut String, format: crate::format::Format) {
    let example = pretty(&ExampleError::generic().body(format));
    let _ = writeln!(doc, "```json\n{example}\n```\n");
    let _ = writeln!(doc, "{}\n", envelope::of(format).code_location);
}

/// The message cell of `spec` in the default language: its
/// [`message_source`](ErrorSpec::message_source), quoted, as text (see [`plain_text`]).
fn default_message(spec: &ErrorSpec) -> String {
    match spec.message_source() {
        Some(source) => format!("\"{}\"", plain_text(source)),
        None => "(the error's own text)".to_owned(),
    }
}

/// Text in a table cell: on one line, pipes escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// A message shown as text in a cell, on one line: nothing in it may read as Markdown links,
/// emphasis, strikethrough or HTML, and it shows as written. Outside code spans `<`, `>`, `&`
/// are HTML entities and `[`, `]`, `*`, `~`, `\` follow a backslash, as does `_` unless it
/// stands between two ASCII letters or digits, as in a placeholder `{decline_code}`
/// (CommonMark §6.2 never reads such an intraword `_` as emphasis, so the template stays as
/// written; beside other characters it is escaped: Unicode letters CommonMark counts as
/// punctuation, such as `Ⓐ`, would let it open emphasis); a code span (messages quote field names in backticks: a run of backticks, up to
/// the next run of as many) is kept as it is, since Markdown shows its text literally; a
/// backtick without a partner is escaped. `|` is `\|` everywhere, as GitHub's tables need it,
/// in code spans too.
fn plain_text(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '_' {
            // The run of underscores, and the characters on either side of it.
            let run = rest.len() - rest.trim_start_matches('_').len();
            let before = text[..text.len() - rest.len()].chars().next_back();
            let after = rest[run..].chars().next();
            let intraword = before.is_some_and(|c| c.is_ascii_alphanumeric())
                && after.is_some_and(|c| c.is_ascii_alphanumeric());
            for _ in 0..run {
                out.push_str(if intraword { "_" } else { "\\_" });
            }
            rest = &rest[run..];
            continue;
        }
        if c == '`' {
            let run = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..run];
            let inside = &rest[run..];
            // The next run of exactly as many backticks closes the span.
            let close = inside
                .match_indices(fence)
                .map(|(at, _)| at)
                .find(|&at| !inside[..at].ends_with('`') && !inside[at + run..].starts_with('`'));
            if let Some(at) = close {
                out.push_str(fence);
                out.push_str(&inside[..at].replace('|', "\\|"));
                out.push_str(fence);
                rest = &inside[at + run..];
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                rest = inside;
            }
            continue;
        }
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '*' | '~' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// What a status means, in a sentence.
fn status_description(status: u16) -> &'static str {
    match status {
        400 => "The request was malformed or contains invalid parameters",
        401 => "Authentication is required or the provided credentials are invalid",
        402 => "Payment is required to complete the request",
        403 => "The authenticated user may not access the requested resource",
        404 => "The requested resource was not found",
        405 => "The method is not supported for the requested resource",
        406 => "No representation the client accepts is available",
        408 => "The client took too long to send its request",
        409 => "The request conflicts with the current state of the resource",
        410 => "The resource is gone and will not come back",
        411 => "The request needs a Content-Length",
        412 => "A precondition of the request does not hold",
        413 => "The request body is too large",
        415 => "The request body's media type is not supported",
        422 => "The request is well-formed but its content is invalid",
        424 => "The request depended on another that failed",
        428 => "The request must be conditional",
        429 => "The client has sent too many requests in a given amount of time",
        451 => "The resource is unavailable for legal reasons",
        500 => "An unexpected server error occurred",
        501 => "The server does not support the requested functionality",
        502 => "An upstream service returned an invalid response",
        503 => "The service is temporarily unavailable",
        504 => "An upstream service did not answer in time",
        status if status < 500 => "The request cannot be processed as sent",
        _ => "The server failed to process a valid request",
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag};

    /// What a reader sees of `cell` as the one cell of a GitHub table (CommonMark with GFM
    /// tables and strikethrough, as pulldown-cmark reads it): its text, code spans with their
    /// backticks put back, and whether anything in it became markup.
    fn shown_in_a_cell(cell: &str) -> (String, bool) {
        let table = format!("| message |\n|---|\n| {cell} |\n");
        let (mut text, mut markup, mut in_body) = (String::new(), false, false);
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(&table, options) {
            match event {
                Event::End(pulldown_cmark::TagEnd::TableHead) => in_body = true,
                Event::Text(shown) if in_body => text.push_str(&shown),
                Event::Code(code) if in_body => text.push_str(&format!("`{code}`")),
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                )
                | Event::Html(_)
                | Event::InlineHtml(_) => markup = true,
                _ => {}
            }
        }
        (text, markup)
    }

    /// The pieces a message is made of: letters and digits (ASCII, a Latin letter, a circled
    /// one CommonMark counts as punctuation), spaces, and Markdown's punctuation.
    const PIECES: [&str; 22] = [
        "a", "1", "é", "Ⓐ", " ", "_", "__", "*", "~", "[", "]", "(", ")", "<", ">", "&", "\\", "|",
        "!", "{", "}", "#",
    ];

    proptest! {
        // Short messages of many delimiters, many of them: each delimiter meets every kind of
        // neighbour.
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// A message without backticks shows as written, whatever Markdown's punctuation it
        /// holds: no emphasis, link, strikethrough or HTML, every character shown.
        #[test]
        fn a_message_shows_as_written_in_a_markdown_table(
            pieces in prop::collection::vec(prop::sample::select(&PIECES[..]), 0..12),
        ) {
            let message = pieces.concat();
            let collapsed = message.split_whitespace().collect::<Vec<_>>().join(" ");
            let (shown, markup) = shown_in_a_cell(&plain_text(&message));
            prop_assert!(!markup, "{:?}", plain_text(&message));
            prop_assert_eq!(shown.trim(), collapsed.as_str());
        }
    }

    /// A message shows as written: its code spans as they are (Markdown shows their text
    /// literally), everything else escaped, pipes escaped everywhere for the table.
    #[test]
    fn messages_show_as_written() {
        let cases = [
            (
                "The parameter `{param_name}` is invalid",
                "The parameter `{param_name}` is invalid",
            ),
            ("`a<b & c*d[0]`", "`a<b & c*d[0]`"),
            (
                "a<b & *c* [d](e) _f_",
                "a&lt;b &amp; \\*c\\* \\[d\\](e) \\_f\\_",
            ),
            ("~~gone~~", "\\~\\~gone\\~\\~"),
            ("a\\|b ends\\", "a\\\\\\|b ends\\\\"),
            ("`a|b` and c|d", "`a\\|b` and c\\|d"),
            ("one ` alone *x*", "one \\` alone \\*x\\*"),
            ("two\n  lines", "two lines"),
            ("Send ``a_b`` only", "Send ``a_b`` only"),
            ("``a`b`` c_d", "``a`b`` c_d"),
            ("`` alone", "\\`\\` alone"),
            // An underscore inside a word cannot be emphasis: placeholders stay as written.
            (
                "Declined: {decline_code}, {snake__case}",
                "Declined: {decline_code}, {snake__case}",
            ),
            ("sk_test_****{last4}", "sk_test\\_\\*\\*\\*\\*{last4}"),
            // Only between ASCII letters or digits: CommonMark counts `Ⓐ` as punctuation.
            (
                "_lead trail_ _ a_ _b é_è Ⓐ_x_Ⓑ",
                "\\_lead trail\\_ \\_ a\\_ \\_b é\\_è Ⓐ\\_x\\_Ⓑ",
            ),
        ];
        for (message, shown) in cases {
            assert_eq!(plain_text(message), shown, "{message}");
        }
    }
}
