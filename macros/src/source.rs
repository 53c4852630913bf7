//! Generated code written as Rust source text and lexed by the compiler in one call.
//!
//! `quote!` hands every token to the compiler on its own, across the proc-macro bridge, and
//! the derive runs unoptimized: for the parts that grow with the number of variants (catalog
//! entries, `match` arms) that costs more compile time than everything else the derive does.
//! Text costs one call. It is used only for code that needs no span of the user's: tokens
//! lexed from text get `Span::call_site()`, as `quote!` gives its own tokens.

extern crate proc_macro;

use proc_macro2::TokenStream;
use std::fmt::{self, Write as _};

/// Rust source being written.
#[derive(Default)]
pub struct Source {
    text: String,
}

impl Source {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends source text as it is.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends `value`'s `Display` text (an identifier, an integer, a path).
    pub fn display(&mut self, value: impl fmt::Display) -> &mut Self {
        // Writing into a `String` cannot fail.
        let _ = write!(self.text, "{value}");
        self
    }

    /// Appends a string literal holding `text`: `str`'s `Debug` form, which escapes with the
    /// escapes Rust source accepts (`\"`, `\\`, `\n`, `\u{..}`, ...).
    pub fn str(&mut self, text: &str) -> &mut Self {
        let _ = write!(self.text, "{text:?}");
        self
    }

    /// Appends a raw string literal holding `text` (`r#"..."#`, with as many `#` as it
    /// needs): nothing is escaped, which for a long text (the rustdoc table) costs less than
    /// [`str`](Self::str) or `Literal::string`.
    pub fn raw_str(&mut self, text: &str) -> &mut Self {
        let mut fence = String::from("\"#");
        while text.contains(fence.as_str()) {
            fence.push('#');
        }
        let hashes = &fence[1..];
        self.text.push('r');
        self.text.push_str(hashes);
        self.text.push('"');
        self.text.push_str(text);
        self.text.push('"');
        self.text.push_str(hashes);
        self
    }

    /// Appends `tokens` as text (a path the user gave, `::apierror::__private`).
    pub fn tokens(&mut self, tokens: &TokenStream) -> &mut Self {
        self.display(tokens)
    }

    /// The written source, lexed; moves the text out, leaving `self` empty.
    ///
    /// Inside the compiler the text goes to it directly: `proc_macro2` would first lex it
    /// once more itself, unoptimized, to make sure the compiler will not panic on it, and the
    /// text here is well formed by construction (user text only ever inside literals).
    /// Elsewhere (unit tests, fuzzing) `proc_macro2` lexes it.
    pub fn take_tokens(&mut self) -> TokenStream {
        let text = std::mem::take(&mut self.text);
        if text.is_empty() {
            return TokenStream::new();
        }
        let lexed = if proc_macro::is_available() {
            text.parse::<proc_macro::TokenStream>()
                .map(TokenStream::from)
                .map_err(drop)
        } else {
            text.parse::<TokenStream>().map_err(drop)
        };
        lexed.unwrap_or_else(|()| {
            quote::quote!(::core::compile_error!(
                "apierror-derive wrote code that does not lex; please report this bug"
            );)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_hold_any_text() {
        for text in [
            "",
            "plain",
            "a \"quote\"",
            "\"#",
            "x\"##y\"#",
            "back\\slash\n| table |",
        ] {
            let mut source = Source::new();
            source.raw_str(text);
            let lit: syn::LitStr = syn::parse2(source.take_tokens()).unwrap();
            assert_eq!(lit.value(), text);
        }
    }

    #[test]
    fn text_that_does_not_lex_becomes_a_compile_error() {
        let mut source = Source::new();
        source.push("\"unterminated");
        assert!(source.take_tokens().to_string().contains("compile_error"));
        assert!(source.text.is_empty());
    }
}
