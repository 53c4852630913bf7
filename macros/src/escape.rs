//! JSON string escaping at compile time, with exactly the rules of the runtime (and of
//! serde_json), so pre-escaped static pieces equal what serde_json would write.

/// Whether `text` reads differently inside a JSON string ([`json_escape`] would change it).
pub fn needs_escaping(text: &str) -> bool {
    text.bytes()
        .any(|byte| byte < 0x20 || byte == b'"' || byte == b'\\')
}

pub fn json_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_serde_json() {
        assert_eq!(
            json_escape("plain / é 🦀 \u{7f} \u{2028}"),
            "plain / é 🦀 \u{7f} \u{2028}"
        );
        assert_eq!(
            json_escape("\"\\\u{8}\u{c}\n\r\t"),
            "\\\"\\\\\\b\\f\\n\\r\\t"
        );
        assert_eq!(json_escape("\u{0}\u{1f}"), "\\u0000\\u001f");
    }

    #[test]
    fn needs_escaping_exactly_when_escaping_changes_the_text() {
        for text in [
            "",
            "plain / é 🦀 \u{7f} \u{2028}",
            "\"",
            "\\",
            "\n",
            "\u{1f}",
            "a\tb",
        ] {
            assert_eq!(needs_escaping(text), json_escape(text) != text, "{text:?}");
        }
    }
}
