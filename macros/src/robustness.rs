//! The derive never panics: thousands of generated and mutated inputs go through the
//! expansion entry point, and each must give a compile error or code that parses.

use crate::expand::derive;
use proc_macro2::TokenStream;

/// Inputs that exercise every attribute, valid and not.
const SEEDS: &[&str] = &[
    r#"
    #[api_error(format = "flat", docs_url = "https://x/{code}", domain = "x.example")]
    #[status(400)]
    enum E {
        /// Doc.
        #[status(404)] #[code("NOT_FOUND")] #[message("Task {id} not found")]
        #[detail(field = "{id}", reason = "r", location = "body", resource = "T", code = "c")]
        #[header("WWW-Authenticate", "Bearer realm=\"{id}\"")]
        NotFound { id: u64, #[retry_after] wait: u64, #[extension("sync")] token: String },
        #[status(422)] Invalid { #[details] problems: Vec<Detail> },
        #[transparent] Inner(Other),
        Unit,
        Tuple(#[extension("x")] u8, String),
    }"#,
    r#"
    #[status(409)] #[message("{0} and {1}")] #[code("A.b-c")]
    struct S(u8, u16);"#,
    r#"
    #[api_error(skip(axum, actix, utoipa), crate = "my::apierror", format = "problem")]
    enum G<T: Clone, E> where E: Clone {
        #[status(500)] #[message("{value}")] V { value: T },
        #[transparent] W(E),
    }"#,
    r#"union U { a: u32 }"#,
    r#"enum Empty {}"#,
];

/// Replacement tokens: attribute values of every wrong type, odd punctuation, missing parts.
const VOCABULARY: &[&str] = &[
    "404",
    "\"404\"",
    "-1",
    "70000",
    "4.04",
    "'c'",
    "b\"x\"",
    "true",
    "x",
    "x::y",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "#",
    "#[status]",
    "#[status()]",
    "#[status(404, 405)]",
    "#[code]",
    "#[code = \"X\"]",
    "#[message(\"{\")]",
    "#[message(\"}\")]",
    "#[message(\"{a:?}\")]",
    "#[message(\"{99}\")]",
    "#[message(\"{}\")]",
    "#[detail]",
    "#[detail(reason)]",
    "#[detail(reason = 1)]",
    "#[details(x)]",
    "#[retry_after = 1]",
    "#[extension(1)]",
    "#[extension(\"a\", \"b\")]",
    "#[transparent(x)]",
    "#[header(\"\")]",
    "#[header(\"A B\", \"v\")]",
    "#[api_error]",
    "#[api_error(format)]",
    "#[api_error(format = 1)]",
    "#[api_error(crate = \"::\")]",
    "#[api_error(skip)]",
    "#[api_error(skip(x))]",
    "#[doc = 1]",
    "#[doc(hidden)]",
    ",",
    ";",
    ":",
    "::",
    "=",
    "<",
    ">",
    "'a",
    "r#type",
    "_",
    "Self",
    "dyn",
    "struct",
    "enum",
    "",
];

/// A small deterministic generator (xorshift64*), so a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Splits source text into rough tokens (words, literals and single punctuation), so
/// mutations replace whole tokens most of the time and break them some of the time.
fn rough_tokens(source: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut in_string = false;
    for c in source.chars() {
        if in_string {
            current.push(c);
            if c == '"' {
                in_string = false;
                tokens.push(std::mem::take(&mut current));
            }
        } else if c == '"' {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
            current.push(c);
            in_string = true;
        } else if c.is_alphanumeric() || c == '_' {
            current.push(c);
        } else {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut tokens = rough_tokens(seed);
    for _ in 0..=rng.below(4) {
        if tokens.is_empty() {
            break;
        }
        let at = rng.below(tokens.len());
        match rng.below(4) {
            0 => {
                tokens.remove(at);
            }
            1 => {
                let copy = tokens[at].clone();
                tokens.insert(at, copy);
            }
            2 => tokens[at] = VOCABULARY[rng.below(VOCABULARY.len())].to_owned(),
            _ => tokens.insert(at, VOCABULARY[rng.below(VOCABULARY.len())].to_owned()),
        }
    }
    tokens.join(" ")
}

/// Expands `source`; the output must parse as items (a `compile_error!` is an item too).
fn expands_without_panic(source: &str) -> bool {
    let Ok(tokens) = source.parse::<TokenStream>() else {
        return false; // not even tokens: rustc would reject it before the derive runs
    };
    let output = std::panic::catch_unwind(|| derive(tokens))
        .unwrap_or_else(|_| panic!("the derive panicked on:\n{source}"));
    if let Err(error) = syn::parse2::<syn::File>(output.clone()) {
        panic!("the derive produced unparsable code ({error}) for:\n{source}\n---\n{output}");
    }
    true
}

#[test]
fn seeds_expand() {
    for seed in SEEDS {
        assert!(expands_without_panic(seed), "{seed}");
    }
}

#[test]
fn thousands_of_mutated_inputs_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut expanded = 0;
    for round in 0..15_000 {
        let seed = SEEDS[round % SEEDS.len()];
        if expands_without_panic(&mutate(&mut rng, seed)) {
            expanded += 1;
        }
    }
    // Most mutations still lex; the count shows the test really exercised the derive.
    assert!(expanded > 4000, "only {expanded} inputs reached the derive");
}

#[test]
fn every_vocabulary_token_in_every_attribute_position() {
    // Systematic, not random: each token as each attribute's argument list.
    for name in [
        "status",
        "code",
        "message",
        "detail",
        "details",
        "retry_after",
        "extension",
        "transparent",
        "header",
        "api_error",
    ] {
        for token in VOCABULARY {
            for source in [
                format!("#[{name}({token})] enum E {{ #[status(400)] A }}"),
                format!("enum E {{ #[{name}({token})] #[status(400)] A {{ f: u8 }} }}"),
                format!("enum E {{ #[status(400)] A {{ #[{name}({token})] f: u8 }} }}"),
                format!("#[status(400)] #[{name} = {token}] struct S;"),
            ] {
                expands_without_panic(&source);
            }
        }
    }
}

mod template_properties {
    use crate::template::{Piece, parse, source_form as unparse};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        // The same property as fuzz/fuzz_targets/template.rs.
        #[test]
        fn accepted_templates_round_trip(text in "[{}a-z0-9_:!# é\\x{2028}]{0,24}") {
            if let Ok(pieces) = parse(&text) {
                prop_assert_eq!(parse(&unparse(&pieces)), Ok(pieces.clone()));
                prop_assert!(pieces.windows(2).all(|pair| !matches!(pair, [Piece::Text(_), Piece::Text(_)])));
            }
        }

        #[test]
        fn any_text_parses_or_fails_cleanly(text in any::<String>()) {
            if let Err(error) = parse(&text) {
                prop_assert!(error.offset < text.len().max(1));
            }
        }
    }
}
