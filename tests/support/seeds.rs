//! Reading the seed references in `tests/seeds/` (copies of `shared/seeds/`), shared by the
//! tests that render their bodies and the tests that parse them back.

/// A seed reference's text.
pub fn seed(name: &str) -> String {
    let path = format!("{}/tests/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// JSON text with the whitespace outside strings removed: member order is kept, unlike a
/// round trip through `serde_json::Value`.
pub fn minify(json: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The ```json blocks of a Markdown document as printed, each with the heading above it
/// (headings that name a media type, like `#### application/json`, are skipped).
pub fn json_blocks(document: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut heading = String::new();
    let mut lines = document.lines();
    while let Some(line) = lines.next() {
        if line.starts_with('#') && !line.contains('/') {
            heading = line.trim_start_matches('#').trim().to_owned();
        } else if line.trim() == "```json" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            blocks.push((heading.clone(), body.join("\n")));
        }
    }
    blocks
}
