//! The derive's output compiles without warnings in a module that shadows the prelude and
//! denies warnings, including `unused_qualifications`.
#![deny(
    warnings,
    unused_qualifications,
    unused_results,
    missing_docs,
    rust_2018_idioms
)]

mod shadowed {
    #![allow(dead_code, non_camel_case_types, non_upper_case_globals, unused_macros)]

    // Everything generated code might name without an absolute path.
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Cow;
    pub struct StatusCode;
    pub struct HeaderMap;
    pub struct Detail;
    pub struct Catalog;
    pub struct Format;
    pub struct usize;
    pub struct u64;
    pub struct str;
    pub struct bool;
    pub struct u16;
    pub const Ok: () = ();
    pub const Err: () = ();
    pub const Some: () = ();
    pub const None: () = ();
    pub trait ApiError {}
    pub trait Display {}
    pub trait Serialize {}
    macro_rules! concat {
        ($($t:tt)*) => {
            compile_error!("the user's concat! was called")
        };
    }
    macro_rules! module_path {
        ($($t:tt)*) => {
            compile_error!("the user's module_path! was called")
        };
    }
    macro_rules! stringify {
        ($($t:tt)*) => {
            compile_error!("the user's stringify! was called")
        };
    }
    macro_rules! unreachable {
        ($($t:tt)*) => {
            compile_error!("the user's unreachable! was called")
        };
    }

    /// Every attribute, in a hostile scope.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api_error(
        format = "problem",
        docs_url = "https://example.com/{code}",
        domain = "example.com"
    )]
    #[status(400)]
    pub enum Hostile {
        /// Static message.
        #[code("STATIC")]
        #[message("static")]
        #[error("static")]
        Static,
        /// Interpolation, details and a header.
        #[status(401)]
        #[message("{name} and {count}")]
        #[detail(field = "{name}", reason = "bad", location = "body")]
        #[header("WWW-Authenticate", "Bearer realm=\"{name}\"")]
        #[error("interpolated")]
        Interpolated {
            name: std::string::String,
            count: i32,
        },
        /// Details, retry and extension from fields.
        #[status(429)]
        #[error("fields")]
        Fields {
            #[details]
            problems: std::vec::Vec<apierror::Detail>,
            #[retry_after]
            wait: core::option::Option<core::time::Duration>,
            #[extension]
            extra: std::vec::Vec<i32>,
        },
        /// A 5xx.
        #[status(503)]
        #[error("down")]
        Down(std::io::Error),
        /// A doc the compiler expands.
        #[doc = ::core::concat!("Expanded ", "doc.")]
        #[status(400)]
        #[error("expanded doc")]
        ExpandedDoc,
        /// Wrapped.
        #[transparent]
        #[error(transparent)]
        Inner(Inner),
    }

    /// A struct error.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[status(404)]
    #[error("inner")]
    pub struct Inner {
        /// Generic-free field.
        pub id: u32,
    }

    /// A generic error.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    pub enum Generic<T: core::fmt::Display + core::fmt::Debug> {
        /// With a value.
        #[status(400)]
        #[message("value {0}")]
        #[error("generic")]
        Value(T),
    }
}

#[test]
fn hostile_scope_compiles_and_works() {
    use apierror::ApiError;
    let err = shadowed::Hostile::Interpolated {
        name: "n".into(),
        count: -1,
    };
    assert_eq!(err.message(), "n and -1");
    assert_eq!(err.status().as_u16(), 401);
    assert_eq!(shadowed::Hostile::catalog().len(), 6);
    assert_eq!(shadowed::Generic::Value(3u8).message(), "value 3");
}
