//! The derive's template parser on arbitrary text: never panics, and whatever it accepts
//! survives a round trip through its own syntax.
#![no_main]

#[path = "../../macros/src/template.rs"]
#[allow(dead_code)]
mod template;

use libfuzzer_sys::fuzz_target;
use template::{Piece, source_form as unparse};

fuzz_target!(|text: &str| {
    match template::parse(text) {
        Ok(pieces) => {
            let again = template::parse(&unparse(&pieces)).expect("its own output parses");
            assert_eq!(again, pieces);
            // Adjacent text is merged: no two text pieces in a row.
            assert!(
                pieces
                    .windows(2)
                    .all(|pair| !matches!(pair, [Piece::Text(_), Piece::Text(_)]))
            );
        }
        Err(error) => {
            assert!(error.offset < text.len().max(1));
            let _ = error.to_string();
        }
    }
});
