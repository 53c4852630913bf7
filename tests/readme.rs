//! The README's Rust examples, compiled and run.
//!
//! Every ```` ```rust ```` block of README.md appears verbatim (line by line, leading and
//! trailing whitespace aside) in one of the modules below, inside the items a reader would have
//! around it, and the test next to it checks what the README says it does. The first test holds
//! the README to that: a block edited in one place and not the other fails it, naming the block.

// As the README writes them: aligned comments, one-line variants.
#[rustfmt::skip]
mod readme {
    pub mod actix;
    pub mod attributes;
    pub mod axum;
    pub mod catalog;
    pub mod client;
    pub mod grpc;
    pub mod locale;
    pub mod openapi;
    pub mod quick_start;
    pub mod rendering;
    pub mod tasks;
    pub mod validation;
}

use std::path::Path;

/// The lines of `text` that say something, without their indentation.
fn meaningful_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect()
}

/// Each ```` ```rust ```` block of `markdown`: the line its fence opens on (1-based) and its text.
fn rust_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, line) in markdown.lines().enumerate() {
        match &mut open {
            None if line.trim_end() == "```rust" => open = Some((index + 1, String::new())),
            None => {}
            Some(_) if line.starts_with("```") => blocks.extend(open.take()),
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    blocks
}

#[test]
fn every_rust_block_of_the_readme_is_compiled_here() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let mut sources = Vec::new();
    let mut directories = vec![root.join("tests/readme")];
    while let Some(directory) = directories.pop() {
        for entry in std::fs::read_dir(&directory).expect("a directory of tests/readme") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                directories.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                sources.push(std::fs::read_to_string(&path).expect("a module of tests/readme"));
            }
        }
    }
    let sources: Vec<Vec<&str>> = sources
        .iter()
        .map(|source| meaningful_lines(source))
        .collect();

    let blocks = rust_blocks(&readme);
    assert!(
        blocks.len() >= 20,
        "only {} rust blocks found",
        blocks.len()
    );
    let missing: Vec<usize> = blocks
        .iter()
        .filter(|(_, block)| {
            let block = meaningful_lines(block);
            !sources
                .iter()
                .any(|source| source.windows(block.len()).any(|window| window == block))
        })
        .map(|(line, _)| *line)
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's rust blocks opening on lines {missing:?} are in no module of \
         tests/readme/ as written: copy each block there (or the change back to the README)"
    );
}

#[test]
fn the_block_finder_sees_fences_and_only_rust_ones() {
    let markdown = "text\n```rust\nlet a = 1;\n\n  let b = 2;\n```\n```toml\nx = 1\n```\n";
    assert_eq!(
        rust_blocks(markdown),
        vec![(2, "let a = 1;\n\n  let b = 2;\n".to_owned())]
    );
    assert_eq!(
        meaningful_lines(&rust_blocks(markdown)[0].1),
        ["let a = 1;", "let b = 2;"]
    );
}
