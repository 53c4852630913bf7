//! Sets of errors documents describe together: a derived type, a framework's catalog, or a
//! type made with [`responses!`](crate::responses!) — a union of several, or a route's own list
//! of variants and codes.
// Panics here are compile errors (const evaluation), which is their purpose.
#![allow(clippy::indexing_slicing, clippy::panic)]

use super::check::{HasCatalog, Message, bytes_eq, str_eq};
use super::{Catalog, CatalogNode, CatalogTree, ErrorSpec};
use crate::format::Format;
use std::collections::HashSet;

/// A set of errors that documents describe together: the errors a route (or a type) can
/// return, each once, merged by status where they are shown as responses.
///
/// Every derived type and every framework catalog (`apierror::axum::FrameworkErrors`) is
/// one (its whole catalog), and so is each type [`responses!`](crate::responses!) declares.
/// The OpenAPI integrations read a set through this trait: `openapi::responses_of`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set of errors",
    label = "expected a type that derives `ApiError`, a framework's `FrameworkErrors`, or one `apierror::responses!` declares",
    note = "declare a union or a route's list with `apierror::responses!(pub Name = [TypeA, TypeB::{{Variant}}]);`"
)]
pub trait ErrorSet {
    /// The errors of the set, each once, in the order of the types listed (each type's in
    /// declaration order); an entry of a framework's catalog that a listed type also defines
    /// is left out (the type's stands for both, as in [`catalog!`](crate::catalog!)).
    fn errors() -> Vec<&'static ErrorSpec>;

    /// The envelope the set's errors render in: the first listed type's that is not a
    /// framework's catalog.
    fn format() -> Format;

    /// [`errors`](Self::errors), each with the envelope it is sent in: its type's, which in a
    /// union of types of several formats (`responses!`) is not the union's for every error; a
    /// framework's entry is listed twice when the union's format is not `Flat`, in it and in
    /// `Flat` (see [`Catalog::with_formats`]). Documents show each error's examples in it. By
    /// default every error once, in [`format`](Self::format).
    fn errors_with_formats() -> Vec<(&'static ErrorSpec, Format)> {
        let format = Self::format();
        Self::errors()
            .into_iter()
            .map(|spec| (spec, format))
            .collect()
    }
}

impl<T: HasCatalog + ?Sized> ErrorSet for T {
    fn errors() -> Vec<&'static ErrorSpec> {
        Catalog::of::<T>().iter().collect()
    }

    fn format() -> Format {
        T::TREE.format
    }

    fn errors_with_formats() -> Vec<(&'static ErrorSpec, Format)> {
        Catalog::of::<T>().with_formats()
    }
}

/// What one entry of `responses!` takes from a type.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Pick {
    /// Every error of the type.
    All,
    /// The type's own entries made by these variants.
    Variants(&'static [&'static str]),
    /// The entries with these codes (reached through the type's tree).
    Codes(&'static [&'static str]),
}

/// One entry of `responses!`: a type's tree and what is taken from it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub tree: &'static CatalogTree,
    pub pick: Pick,
}

/// The errors of `union` (the tree of every listed type) that `selections` pick, in the union's
/// order.
#[doc(hidden)]
pub fn select(union: &'static CatalogTree, selections: &[Selection]) -> Vec<&'static ErrorSpec> {
    select_with_formats(union, selections)
        .into_iter()
        .map(|(spec, _)| spec)
        .collect()
}

/// [`select`], each error with the format its listed type sends it in.
#[doc(hidden)]
pub fn select_with_formats(
    union: &'static CatalogTree,
    selections: &[Selection],
) -> Vec<(&'static ErrorSpec, Format)> {
    let mut wanted: HashSet<&'static str> = HashSet::new();
    for selection in selections {
        let catalog = Catalog::from_tree(selection.tree);
        match selection.pick {
            Pick::All => wanted.extend(catalog.iter().map(|spec| spec.code)),
            Pick::Variants(variants) => {
                for node in selection.tree.nodes {
                    if let CatalogNode::Spec(spec) = node
                        && variants
                            .iter()
                            .any(|pick| names_variant(pick, spec.variant))
                    {
                        wanted.insert(spec.code);
                    }
                }
            }
            Pick::Codes(codes) => wanted.extend(
                catalog
                    .iter()
                    .map(|spec| spec.code)
                    .filter(|code| codes.contains(code)),
            ),
        }
    }
    Catalog::from_tree(union)
        .with_formats()
        .into_iter()
        .filter(|(spec, _)| wanted.contains(spec.code))
        .collect()
}

/// Whether `pick`, a variant as `responses!` names it (`r#Type` for a raw identifier, as
/// written), is `variant`, the catalog's name for it (`Type`, as `Debug` writes it).
const fn names_variant(pick: &str, variant: &str) -> bool {
    match pick.as_bytes() {
        [b'r', b'#', rest @ ..] => bytes_eq(rest, variant.as_bytes()),
        _ => str_eq(pick, variant),
    }
}

/// Panics (a compile error) unless every name in `variants` is a variant of `tree`'s type with
/// an entry of its own (not `#[transparent]`). That the variant exists at all the compiler
/// checks first, with a `match` on it.
pub const fn check_variants(tree: &'static CatalogTree, variants: &[&str]) {
    let mut i = 0;
    while i < variants.len() {
        let mut found = false;
        let mut n = 0;
        while n < tree.nodes.len() {
            if let CatalogNode::Spec(spec) = &tree.nodes[n]
                && names_variant(variants[i], spec.variant)
            {
                found = true;
            }
            n += 1;
        }
        if !found {
            let mut message = Message::new();
            message.push("apierror: `");
            message.push(variants[i]);
            message.push("` is a #[transparent] variant of `");
            message.push(tree.name);
            message.push("`: list the type it wraps, or that type's variants, instead");
            fail(&message);
        }
        i += 1;
    }
}

/// Panics (a compile error) unless every code in `codes` is in `tree`'s catalog.
pub const fn check_codes(tree: &'static CatalogTree, codes: &[&str]) {
    let mut i = 0;
    while i < codes.len() {
        if !has_code(tree, codes[i]) {
            let mut message = Message::new();
            message.push("apierror: `");
            message.push(tree.name);
            message.push("` has no error code `");
            message.push(codes[i]);
            message.push("`: list one of its codes, or its variants by name");
            fail(&message);
        }
        i += 1;
    }
}

const fn has_code(tree: &'static CatalogTree, code: &str) -> bool {
    let mut n = 0;
    while n < tree.nodes.len() {
        match &tree.nodes[n] {
            CatalogNode::Spec(spec) => {
                if str_eq(spec.code, code) {
                    return true;
                }
            }
            CatalogNode::Nested(nested) => {
                if has_code(nested, code) {
                    return true;
                }
            }
        }
        n += 1;
    }
    false
}

const fn fail(message: &Message) -> ! {
    match core::str::from_utf8(message.as_bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("apierror: a listed variant or code is not in its type's catalog"),
    }
}

/// Declares a set of errors for OpenAPI: a union of several types, or the errors one route can
/// return, as a named zero-sized type implementing [`ErrorSet`](crate::catalog::ErrorSet) (and,
/// with the feature `utoipa`, `utoipa::IntoResponses`, for one `responses(...)` entry).
///
/// Each entry is a whole type (`TaskError`, `apierror::axum::FrameworkErrors`), some variants of
/// an enum (`UserError::{NotFound, Unauthorized}`), or some codes of a type or catalog
/// (`apierror::axum::FrameworkErrors::{"BAD_REQUEST", "PAYLOAD_TOO_LARGE"}`):
///
/// ```
/// use apierror::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum UserError {
///     #[status(404)]
///     #[error("missing")]
///     NotFound,
///     #[status(401)]
///     #[error("who are you")]
///     Unauthorized,
///     #[status(409)]
///     #[error("taken")]
///     EmailTaken,
/// }
///
/// // What `GET /users/{id}` can return: two of the enum's variants.
/// apierror::responses!(pub GetUserErrors = [UserError::{NotFound, Unauthorized}]);
///
/// use apierror::catalog::ErrorSet;
/// let codes: Vec<&str> = GetUserErrors::errors().iter().map(|spec| spec.code).collect();
/// assert_eq!(codes, ["NOT_FOUND", "UNAUTHORIZED"]);
/// ```
///
/// A name that is no variant of the enum is a compile error at the name; a code that is not
/// in the type's catalog, a `#[transparent]` variant (list the type it wraps), and one code
/// with two statuses across the listed types (as in [`catalog!`](crate::catalog!)) are compile
/// errors naming the code and the types, at the code, at the variant, and at the later listed
/// type the code comes in through. Selecting variants needs a non-generic enum written as
/// a path (`errors::UserError::{NotFound}`); a generic type can be listed whole. The set's
/// format is that of the first listed type that is not a framework's catalog.
#[macro_export]
macro_rules! responses {
    ($(#[$meta:meta])* $vis:vis $name:ident = [$($entries:tt)+]) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;
        $crate::__apierror_responses!(@munch $name [] $($entries)+);
    };
}

/// The entries of `responses!`, one at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_responses {
    // `Type::{Variant, ...}`
    (@munch $name:ident [$($done:tt)*] $($seg:ident)::+ :: { $($pick:ident),+ $(,)? } $(, $($rest:tt)*)?) => {
        // A constant per variant, spanned by it (a `match` on it, then its check).
        $crate::__private::responses_checks!(variants [$($seg)::+] $($pick),+);
        $crate::__apierror_responses!(@munch $name [$($done)* ([$($seg)::+] Variants [$(::core::stringify!($pick)),+])] $($($rest)*)?);
    };
    // `Type::{"CODE", ...}`
    (@munch $name:ident [$($done:tt)*] $($seg:ident)::+ :: { $($pick:literal),+ $(,)? } $(, $($rest:tt)*)?) => {
        // A constant per code, spanned by it.
        $crate::__private::responses_checks!(codes [$($seg)::+] $($pick),+);
        $crate::__apierror_responses!(@munch $name [$($done)* ([$($seg)::+] Codes [$($pick),+])] $($($rest)*)?);
    };
    // A whole type.
    (@munch $name:ident [$($done:tt)*] $ty:ty $(, $($rest:tt)*)?) => {
        $crate::__apierror_responses!(@munch $name [$($done)* ([$ty] All)] $($($rest)*)?);
    };
    (@munch $name:ident [$(([$($ty:tt)*] $pick:ident $([$($list:tt)*])?))+]) => {
        const _: () = {
            impl $name {
                const __APIERROR_TREE: &'static $crate::__private::CatalogTree =
                    &$crate::__private::CatalogTree::union(
                        ::core::concat!(::core::module_path!(), "::", ::core::stringify!($name)),
                        $crate::__private::first_format(&[$(<$($ty)* as $crate::__private::HasCatalog>::TREE),+]),
                        &[$($crate::__private::CatalogNode::Nested(<$($ty)* as $crate::__private::HasCatalog>::TREE)),+],
                    );
                const __APIERROR_SELECTIONS: &'static [$crate::__private::Selection] = &[$(
                    $crate::__private::Selection {
                        tree: <$($ty)* as $crate::__private::HasCatalog>::TREE,
                        pick: $crate::__private::Pick::$pick $((&[$($list)*]))?,
                    }
                ),+];
            }

            #[automatically_derived]
            impl $crate::catalog::ErrorSet for $name {
                fn errors() -> $crate::__private::Vec<&'static $crate::ErrorSpec> {
                    $crate::__private::select($name::__APIERROR_TREE, $name::__APIERROR_SELECTIONS)
                }
                fn format() -> $crate::Format {
                    $name::__APIERROR_TREE.format
                }
                fn errors_with_formats() -> $crate::__private::Vec<(&'static $crate::ErrorSpec, $crate::Format)> {
                    $crate::__private::select_with_formats($name::__APIERROR_TREE, $name::__APIERROR_SELECTIONS)
                }
            }
        };
        // One code with two statuses, at the later listed type it comes in through.
        $crate::__private::responses_checks!(union $name $([$($ty)*])+);
        $crate::__private::impl_utoipa_set! { $name }
        $crate::__private::impl_aide_set! { $name }
    };
}
