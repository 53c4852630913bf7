//! Message templates from catalog entries, filled in at run time.
//!
//! A derived error's template (`Task {id} is locked by {owner}`) is in its catalog entry, and
//! the derive hands over only the values of its placeholders, in order ([`Arg`]s). Where the
//! placeholders are is found at compile time ([`Placeholders::find`], which `StaticParts` runs
//! in a constant), so writing the message copies the text between known offsets. The derive
//! leaves only templates to this whose every brace belongs to a placeholder and whose text
//! JSON does not escape (it writes others pre-escaped itself); text that needs escaping is
//! still escaped here, so the bytes never depend on that choice.

use super::{Arg, MessageWriter};
use crate::json;

/// The next placeholder of a template's source at or after byte `from`: the offsets of its
/// name, between its `{` and `}` (`None` when there is none); a doubled `{{` is a literal brace
/// and skipped. The const checks over catalog entries read templates with it
/// (`catalog/locales.rs`, `catalog/google.rs`).
#[allow(clippy::indexing_slicing)] // evaluated at compile time; every index is checked
pub(crate) const fn next_placeholder(template: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut index = from;
    while index < template.len() {
        if template[index] != b'{' {
            index += 1;
            continue;
        }
        if index + 1 < template.len() && template[index + 1] == b'{' {
            index += 2;
            continue;
        }
        let start = index + 1;
        let mut end = start;
        while end < template.len() && template[end] != b'}' {
            end += 1;
        }
        return Some((start, end));
    }
    None
}

/// The most placeholders whose places are recorded; a template with more is scanned as it is
/// written.
const MAX_PLACEHOLDERS: usize = 8;

/// Where the placeholders of a template are: the byte offsets of each `{` and of the `}` that
/// closes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placeholders {
    spans: [(u16, u16); MAX_PLACEHOLDERS],
    len: u8,
}

impl Placeholders {
    /// The placeholders of `template`; `None` when it has more than [`MAX_PLACEHOLDERS`], an
    /// unclosed brace, or more than `u16::MAX` bytes (such a template is scanned instead).
    #[allow(clippy::indexing_slicing)] // evaluated at compile time; every index is checked
    pub(crate) const fn find(template: &str) -> Option<Self> {
        let bytes = template.as_bytes();
        if bytes.len() > u16::MAX as usize {
            return None;
        }
        let mut spans = [(0, 0); MAX_PLACEHOLDERS];
        let mut len = 0;
        let mut index = 0;
        while index < bytes.len() {
            if bytes[index] == b'{' {
                let open = index;
                while index < bytes.len() && bytes[index] != b'}' {
                    index += 1;
                }
                if index == bytes.len() || len == MAX_PLACEHOLDERS {
                    return None;
                }
                spans[len] = (open as u16, index as u16);
                len += 1;
            }
            index += 1;
        }
        Some(Self {
            spans,
            len: len as u8,
        })
    }

    pub(crate) fn spans(&self) -> &[(u16, u16)] {
        self.spans.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// How many placeholders there are.
    #[cfg(feature = "fluent")]
    pub(crate) fn count(&self) -> usize {
        usize::from(self.len)
    }
}

/// A variant's message template as the renderer already knows it from the variant's
/// `StaticParts`: handed to the [`MessageWriter`] so that the values the derived code passes
/// fill it without the error being asked for its parts again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Template {
    pub(crate) text: &'static str,
    /// Where its placeholders are (`None`: scan for them).
    pub(crate) places: Option<&'static Placeholders>,
    /// Whether the text needs no JSON escaping.
    pub(crate) plain: bool,
}

impl MessageWriter<'_> {
    /// `template` with its placeholders filled with `args` in order; `places` are the
    /// placeholders [`Placeholders::find`] found in it (`None`: scan for them here). `plain`:
    /// the template needs no JSON escaping. A placeholder without a value is left out, and an
    /// unclosed brace ends the template.
    pub(crate) fn push_template(
        &mut self,
        template: &str,
        places: Option<&Placeholders>,
        plain: bool,
        args: &[Arg<'_>],
    ) {
        match places {
            Some(places) => {
                let spans = places.spans().iter();
                let spans = spans.map(|&(open, close)| (usize::from(open), usize::from(close)));
                self.fill(template, spans, plain, args);
            }
            None => self.fill(template, scan(template), plain, args),
        }
    }

    /// Writes the text around the `(open, close)` byte offsets of each placeholder, and a value
    /// for each.
    fn fill(
        &mut self,
        template: &str,
        spans: impl Iterator<Item = (usize, usize)>,
        plain: bool,
        args: &[Arg<'_>],
    ) {
        let mut args = args.iter();
        let mut start = 0;
        for (open, close) in spans {
            self.push_text(template.get(start..open).unwrap_or_default(), plain);
            if let Some(&arg) = args.next() {
                self.at_placeholder(open);
                self.put_arg(arg);
            }
            start = close + 1;
        }
        self.push_text(template.get(start..).unwrap_or_default(), plain);
    }
}

impl Template {
    /// Appends the template filled with `args` as the inside of a JSON string, for a caller
    /// that knows it is not cut (within the limit by [`filled_len`](super::filled_len)). The
    /// fast path of a body's message: the text between placeholders is copied (escaped unless
    /// `plain`) without the cut's bookkeeping, the values written straight into `out`.
    /// `false`, with nothing written, when its placeholders were not found at compile time:
    /// [`MessageWriter::push_template`] then writes it.
    #[inline]
    pub(crate) fn write_json(&self, out: &mut Vec<u8>, args: &[Arg<'_>]) -> bool {
        let Some(places) = self.places else {
            return false;
        };
        let mut values = args.iter();
        let mut start = 0;
        for &(open, close) in places.spans() {
            self.write_text(out, start, usize::from(open));
            if let Some(&value) = values.next() {
                value.write_json(out);
            }
            start = usize::from(close) + 1;
        }
        self.write_text(out, start, self.text.len());
        true
    }

    /// The template's text from `start` to `end` (outside placeholders, so at character
    /// boundaries), escaped unless the template is plain.
    #[inline(always)]
    fn write_text(&self, out: &mut Vec<u8>, start: usize, end: usize) {
        if self.plain {
            out.extend_from_slice(self.text.as_bytes().get(start..end).unwrap_or_default());
        } else {
            json::escape_into(out, self.text.get(start..end).unwrap_or_default());
        }
    }
}

/// A template filled with the values the error handed over, as one piece of a body joined
/// around it (the envelope's static pieces before and after, see `envelope::StaticBody`): at
/// most [`len`](Self::len) bytes, written by [`write_json`](Self::write_json) as the inside
/// of a JSON string, cut at the length limit as a [`MessageWriter`] cuts it.
#[derive(Clone, Copy)]
pub(crate) struct Filled<'t> {
    template: Template,
    args: &'t [Arg<'t>],
    /// [`filled_len`](super::filled_len)'s bound: at most how many bytes are written.
    len: usize,
    /// Whether the filled template is within `limit` by that count (nothing is cut).
    uncut: bool,
    limit: usize,
}

impl<'t> Filled<'t> {
    /// `template` filled with `args`, cut at `limit` bytes of text; `len` and `uncut` are what
    /// [`filled_len`](super::filled_len) said of them (a measuring writer's continuation is
    /// handed both).
    #[inline]
    pub(crate) fn new(
        template: Template,
        args: &'t [Arg<'t>],
        len: usize,
        uncut: bool,
        limit: usize,
    ) -> Self {
        Self {
            template,
            args,
            len,
            uncut,
            limit,
        }
    }

    /// At most how many bytes [`write_json`](Self::write_json) appends (escapes and the
    /// truncation marker included).
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Appends the filled template as the inside of a JSON string: straight in when nothing
    /// is cut ([`Template::write_json`]), else through a [`MessageWriter`] that cuts it and
    /// appends the truncation marker.
    #[inline(always)]
    pub(crate) fn write_json(&self, out: &mut Vec<u8>) {
        if self.uncut && self.template.write_json(out, self.args) {
            return;
        }
        self.write_cut(out);
    }

    /// [`write_json`](Self::write_json) of a template that is cut (or whose placeholders are
    /// found as it is written).
    #[cold]
    #[inline(never)]
    fn write_cut(&self, out: &mut Vec<u8>) {
        let template = self.template;
        let mut writer = MessageWriter::new(out, self.limit);
        writer.push_template(template.text, template.places, template.plain, self.args);
        writer.finish();
    }
}

/// How many placeholders [`scan`] finds in `template`.
#[cfg(feature = "fluent")]
pub(crate) fn scan_count(template: &str) -> usize {
    scan(template).count()
}

/// The placeholders of `template`, found as they are written: what [`Placeholders::find`]
/// records, for templates it gives up on. An unclosed brace runs to the end.
fn scan(template: &str) -> impl Iterator<Item = (usize, usize)> {
    let bytes = template.as_bytes();
    let mut from = 0;
    core::iter::from_fn(move || {
        // Byte positions of ASCII braces are character boundaries.
        let open = from + bytes.get(from..)?.iter().position(|&byte| byte == b'{')?;
        let close = bytes
            .get(open..)?
            .iter()
            .position(|&byte| byte == b'}')
            .map_or(bytes.len().saturating_sub(1), |close| open + close);
        from = close + 1;
        Some((open, close))
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::message;
    use super::*;

    // The offsets are found at compile time.
    const FOUND: Option<Placeholders> = Placeholders::find("Task {id} is locked by {owner}");

    /// `template` filled both ways, which must agree.
    fn filled(limit: usize, template: &str, plain: bool, args: &[Arg<'_>]) -> String {
        let places = Placeholders::find(template);
        let found = message(limit, |w| {
            w.push_template(template, places.as_ref(), plain, args)
        });
        let scanned = message(limit, |w| w.push_template(template, None, plain, args));
        assert_eq!(found, scanned, "{template:?}");
        // The fast path writes the same where it writes at all: nothing to cut.
        if let Some(places) = places {
            let template = Template {
                text: Box::leak(template.to_owned().into_boxed_str()),
                places: Some(Box::leak(Box::new(places))),
                plain,
            };
            if super::super::filled_len(&template, args, limit).1 {
                let mut out = Vec::new();
                assert!(template.write_json(&mut out, args));
                assert_eq!(String::from_utf8(out).unwrap(), found, "{template:?}");
            }
        }
        found
    }

    #[test]
    fn placeholders_are_found_at_compile_time() {
        let found = FOUND.unwrap();
        assert_eq!(found.spans(), [(5, 8), (23, 29)]);
        assert!(Placeholders::find("{a}{b}{c}{d}{e}{f}{g}{h}").is_some());
        assert!(Placeholders::find("{a}{b}{c}{d}{e}{f}{g}{h}{i}").is_none());
        assert!(Placeholders::find("x {open").is_none());
        assert_eq!(Placeholders::find("plain").unwrap().spans(), []);
    }

    #[test]
    fn templates_are_filled_in_order_and_their_text_escaped_unless_plain() {
        let args = [Arg::U64(7), Arg::Str("a\"b"), Arg::I128(-1)];
        assert_eq!(
            filled(100, "#{id}: {name} {x}!", true, &args),
            "#7: a\\\"b -1!"
        );
        assert_eq!(filled(100, "\"{0}\"\n", false, &args), "\\\"7\\\"\\n");
        assert_eq!(filled(100, "é {0} ü", true, &args), "é 7 ü");
        let display = [Arg::Display(&'\n'), Arg::I64(-3), Arg::U128(u128::MAX)];
        assert_eq!(
            filled(100, "{a}|{b}|{c}", true, &display),
            "\\n|-3|340282366920938463463374607431768211455"
        );
        // A placeholder without a value is left out; a value without a placeholder is not
        // written; an unclosed brace ends the template.
        assert_eq!(filled(100, "{a}-{b}", true, &args[..1]), "7-");
        assert_eq!(filled(100, "plain", true, &args), "plain");
        assert_eq!(filled(100, "x {open", true, &args), "x 7");
        assert_eq!(filled(100, "", true, &[]), "");
        let many = "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}";
        let ten: Vec<Arg<'_>> = (0..10).map(Arg::U64).collect();
        assert_eq!(filled(100, many, true, &ten), "0123456789");
    }

    #[test]
    fn templates_are_cut_at_the_limit_in_text_and_in_values() {
        let args = [Arg::Str("value"), Arg::U64(123)];
        assert_eq!(filled(4, "text {a}", true, &args), "text… [truncated]");
        assert_eq!(filled(7, "ab {a} {b}", true, &args), "ab valu… [truncated]");
        assert_eq!(
            filled(11, "ab {a} {b}", true, &args),
            "ab value 12… [truncated]"
        );
    }
}
