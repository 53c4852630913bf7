//! What the derive reads from a field's type as written (it sees tokens, not types): an
//! `Option`'s inner type, and the primitive a type names, which decides its documented example,
//! the examples it holds, whether it always fills a placeholder, and whether its JSON may be
//! `null`.

/// A primitive type, named as Rust spells it (`u32`, `core::primitive::u32`, `String`, `&str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primitive {
    /// An integer type and the values it holds.
    Int {
        name: &'static str,
        min: i128,
        max: u128,
    },
    Float,
    Bool,
    /// `String`, `str`, `&str`.
    Str,
}

const INTS: [(&str, i128, u128); 12] = [
    ("u8", 0, u8::MAX as u128),
    ("u16", 0, u16::MAX as u128),
    ("u32", 0, u32::MAX as u128),
    ("u64", 0, u64::MAX as u128),
    ("u128", 0, u128::MAX),
    ("usize", 0, u64::MAX as u128),
    ("i8", i8::MIN as i128, i8::MAX as u128),
    ("i16", i16::MIN as i128, i16::MAX as u128),
    ("i32", i32::MIN as i128, i32::MAX as u128),
    ("i64", i64::MIN as i128, i64::MAX as u128),
    ("i128", i128::MIN, i128::MAX as u128),
    ("isize", i64::MIN as i128, i64::MAX as u128),
];

/// The primitive `ty` names, if any: a path whose last segment is a primitive's name with no
/// arguments, or a shared reference to `str`.
pub fn primitive(ty: &syn::Type) -> Option<Primitive> {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            if !last.arguments.is_empty() {
                return None;
            }
            let name = last.ident.to_string();
            if let Some(&(name, min, max)) = INTS.iter().find(|(int, ..)| *int == name) {
                return Some(Primitive::Int { name, min, max });
            }
            match name.as_str() {
                "f32" | "f64" => Some(Primitive::Float),
                "bool" => Some(Primitive::Bool),
                "String" | "str" => Some(Primitive::Str),
                _ => None,
            }
        }
        syn::Type::Reference(reference) if reference.mutability.is_none() => {
            (primitive(&reference.elem) == Some(Primitive::Str)).then_some(Primitive::Str)
        }
        syn::Type::Group(group) => primitive(&group.elem),
        syn::Type::Paren(paren) => primitive(&paren.elem),
        _ => None,
    }
}

/// `T` of a field whose type is written `Option<T>` (or `std::option::Option<T>`).
pub fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Whether `ty` is a float, whose NaN and infinities serde_json writes as `null`, which a
/// body leaves out: its member may be absent, as an `Option`'s.
pub fn is_float(ty: &syn::Type) -> bool {
    primitive(ty) == Some(Primitive::Float)
}

/// Whether a value of `ty` always fills a placeholder: an integer or a string, which the
/// runtime's fast path takes (`InterpFast`). Any other type may not be `Display`.
pub fn fills_always(ty: &syn::Type) -> bool {
    matches!(primitive(ty), Some(Primitive::Int { .. } | Primitive::Str))
}

/// The example of a field the message names, from its type as written: `42` for an integer,
/// `1.5` for a float, `true` for `bool`; `None` for any other type (documents then show the
/// field's name).
pub fn primitive_example(ty: &syn::Type) -> Option<&'static str> {
    match primitive(ty)? {
        Primitive::Int { .. } => Some("42"),
        Primitive::Float => Some("1.5"),
        Primitive::Bool => Some("true"),
        Primitive::Str => None,
    }
}

/// Why an `#[example]` written as JSON text `json` is not a value of `primitive`, if it is not:
/// what to write instead.
pub fn example_mismatch(primitive: Primitive, json: &str) -> Option<String> {
    let is_string = json.starts_with('"');
    let is_bool = json == "true" || json == "false";
    let is_number = !is_string && !is_bool;
    let is_integer = is_number && !json.contains(['.', 'e', 'E']);
    match primitive {
        Primitive::Int { name, min, max } => {
            let fits = is_integer
                && match json.strip_prefix('-') {
                    Some(magnitude) => magnitude
                        .parse::<u128>()
                        .is_ok_and(|magnitude| magnitude <= min.unsigned_abs()),
                    None => json.parse::<u128>().is_ok_and(|value| value <= max),
                };
            (!fits).then(|| format!("an integer in {min}..={max}, which `{name}` holds"))
        }
        Primitive::Float => (!is_number).then(|| "a number".to_owned()),
        Primitive::Bool => (!is_bool).then(|| "`true` or `false`".to_owned()),
        Primitive::Str => (!is_string).then(|| "a string literal".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(source: &str) -> syn::Type {
        syn::parse_str(source).unwrap()
    }

    #[test]
    fn primitives_as_written() {
        assert!(matches!(
            primitive(&ty("u32")),
            Some(Primitive::Int { name: "u32", .. })
        ));
        assert!(matches!(
            primitive(&ty("core::primitive::i8")),
            Some(Primitive::Int { min: -128, .. })
        ));
        assert_eq!(primitive(&ty("&'a str")), Some(Primitive::Str));
        assert_eq!(primitive(&ty("String")), Some(Primitive::Str));
        assert_eq!(primitive(&ty("f64")), Some(Primitive::Float));
        assert_eq!(primitive(&ty("Vec<u8>")), None);
        assert_eq!(primitive(&ty("&mut str")), None);
        assert!(fills_always(&ty("u64")) && fills_always(&ty("&str")));
        assert!(!fills_always(&ty("f64")) && !fills_always(&ty("Option<String>")));
        assert_eq!(option_inner(&ty("Option<u8>")), Some(&ty("u8")));
    }

    #[test]
    fn examples_a_type_holds() {
        let int = |source| primitive(&ty(source)).unwrap();
        for (primitive, json) in [
            (int("u32"), "0"),
            (int("u32"), "4294967295"),
            (int("i8"), "-128"),
            (int("i8"), "127"),
            (int("u128"), "340282366920938463463374607431768211455"),
            (int("i128"), "-170141183460469231731687303715884105728"),
            (Primitive::Float, "1"),
            (Primitive::Float, "-1.5"),
            (Primitive::Bool, "true"),
            (Primitive::Str, "\"x\""),
        ] {
            assert_eq!(example_mismatch(primitive, json), None, "{json}");
        }
        for (primitive, json) in [
            (int("u32"), "-5"),
            (int("u32"), "4294967296"),
            (int("u8"), "300"),
            (int("i8"), "-129"),
            (int("u32"), "1.5"),
            (int("u32"), "\"5\""),
            (Primitive::Float, "\"x\""),
            (Primitive::Bool, "1"),
            (Primitive::Str, "5"),
        ] {
            assert!(example_mismatch(primitive, json).is_some(), "{json}");
        }
    }
}
