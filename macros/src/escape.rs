//! JSON string escaping at compile time, with exactly the rules of the runtime (and of
//! serde_json), so pre-escaped static pieces equal what serde_json would write.

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
}
