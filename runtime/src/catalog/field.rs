//! What documents know about an error's extension members' fields: each one's example value
//! and (for OpenAPI) its type's schema.

use std::any::Any;
use std::fmt;
use std::hash::{Hash, Hasher};

/// One `#[extension]` field of an error, as documents show it.
///
/// The derive writes one per such field; [`ErrorSpec::fields`](super::ErrorSpec::fields) lists
/// them in declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FieldDoc {
    /// The field's name as templates name it: `existing`, or `0` for a tuple field.
    pub name: &'static str,
    /// The extension members (`#[extension("name")]`) the field's value becomes.
    pub members: &'static [&'static str],
    /// The field's example as JSON text (`42`, `"a@b.c"`): its `#[example(...)]`. `None`:
    /// documents make one from the type's schema.
    pub example: Option<&'static str>,
    /// Whether the field's member may be absent from a body: the field is an `Option` (left
    /// out when `None`; the schema describes the inner type) or a float (serde_json writes NaN
    /// and infinities as `null`, which a body leaves out). Such a member is never `required`.
    pub optional: bool,
    /// The field's type, as each OpenAPI generator describes it ([`FieldSchema::ANY`] for a
    /// generic type).
    pub schema: FieldSchema,
}

impl FieldDoc {
    /// A field named `name`, no member, no example, its type unknown.
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            members: &[],
            example: None,
            optional: false,
            schema: FieldSchema::ANY,
        }
    }

    /// Sets [`members`](Self::members).
    #[must_use]
    pub const fn with_members(mut self, members: &'static [&'static str]) -> Self {
        self.members = members;
        self
    }

    /// Sets [`example`](Self::example): JSON text.
    #[must_use]
    pub const fn with_example(mut self, json: &'static str) -> Self {
        self.example = Some(json);
        self
    }

    /// Sets [`optional`](Self::optional).
    #[must_use]
    pub const fn with_optional(mut self, optional: bool) -> Self {
        self.optional = optional;
        self
    }

    /// Sets [`schema`](Self::schema).
    #[must_use]
    pub const fn with_schema(mut self, schema: FieldSchema) -> Self {
        self.schema = schema;
        self
    }
}

/// The OpenAPI generators a [`FieldSchema`] can describe a type for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SchemaKind {
    /// `utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>` (feature `utoipa`).
    Utoipa,
    /// schemars 0.9's schema as a `serde_json::Value`, inlined (feature `aide`).
    Schemars,
}

/// A field's type as the OpenAPI generators describe it: asked for a [`SchemaKind`], it gives
/// that generator's schema of the type, boxed (`utoipa`'s `RefOr<Schema>`), or `None` when the
/// type does not implement the generator's trait (`utoipa::PartialSchema`), the field's type is
/// generic, or the runtime's feature for the generator is off. Documents then describe the
/// member with an unconstrained schema (`{}`: any JSON value).
///
/// Made by the derive; two `FieldSchema`s compare equal whatever they hold (the field's name
/// and type identify it).
#[derive(Clone, Copy)]
pub struct FieldSchema(fn(SchemaKind) -> Option<Box<dyn Any>>);

impl FieldSchema {
    /// A type no generator describes: an unconstrained schema.
    pub const ANY: FieldSchema = FieldSchema(none);

    #[doc(hidden)]
    pub const fn from_fn(schema: fn(SchemaKind) -> Option<Box<dyn Any>>) -> Self {
        Self(schema)
    }

    /// The schema `kind` gives the type, if it describes it.
    pub fn get(&self, kind: SchemaKind) -> Option<Box<dyn Any>> {
        (self.0)(kind)
    }
}

fn none(_: SchemaKind) -> Option<Box<dyn Any>> {
    None
}

impl fmt::Debug for FieldSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FieldSchema")
    }
}

impl PartialEq for FieldSchema {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for FieldSchema {}

impl Hash for FieldSchema {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

/// The type whose schema the derive asks for: `(&&Probe::<T>::NEW).__apierror_utoipa()`
/// picks a generator's description where `T` has one (an impl on `&&Probe<T>` per generator,
/// behind its feature) and falls back to [`ProbeAny`]'s (autoref specialization).
#[doc(hidden)]
pub struct Probe<T: ?Sized>(std::marker::PhantomData<fn() -> Box<T>>);

impl<T: ?Sized> Probe<T> {
    pub const NEW: Self = Probe(std::marker::PhantomData);
}

impl<T: ?Sized> fmt::Debug for Probe<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Probe")
    }
}

/// Any type: no generator's schema. One method per [`SchemaKind`].
#[doc(hidden)]
pub trait ProbeAny {
    fn __apierror_utoipa(self) -> Option<Box<dyn Any>>;
    fn __apierror_schemars(self) -> Option<Box<dyn Any>>;
}

impl<T: ?Sized> ProbeAny for &Probe<T> {
    fn __apierror_utoipa(self) -> Option<Box<dyn Any>> {
        None
    }

    fn __apierror_schemars(self) -> Option<Box<dyn Any>> {
        None
    }
}

/// A type utoipa describes (`utoipa::PartialSchema`): implemented for `&&Probe<T>` in
/// `openapi.rs`, with the feature `utoipa`.
#[doc(hidden)]
pub trait ProbeUtoipa {
    fn __apierror_utoipa(self) -> Option<Box<dyn Any>>;
}

/// A type schemars describes (`schemars::JsonSchema`): implemented for `&&Probe<T>` in
/// `aide.rs`, with the feature `aide`.
#[doc(hidden)]
pub trait ProbeSchemars {
    fn __apierror_schemars(self) -> Option<Box<dyn Any>>;
}

/// A field's [`FieldSchema`]: the derive writes `field_schema!(Type)` for each documented field
/// of a concrete type; the runtime's features decide which generators describe it.
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_field_schema {
    ($ty:ty) => {{
        fn schema(
            kind: $crate::__private::SchemaKind,
        ) -> ::core::option::Option<::std::boxed::Box<dyn ::core::any::Any>> {
            #[allow(unused_imports)]
            use $crate::__private::{ProbeAny as _, ProbeSchemars as _, ProbeUtoipa as _};
            match kind {
                $crate::__private::SchemaKind::Utoipa => {
                    (&&$crate::__private::Probe::<$ty>::NEW).__apierror_utoipa()
                }
                $crate::__private::SchemaKind::Schemars => {
                    (&&$crate::__private::Probe::<$ty>::NEW).__apierror_schemars()
                }
                #[allow(unreachable_patterns)]
                _ => ::core::option::Option::None,
            }
        }
        $crate::__private::FieldSchema::from_fn(schema)
    }};
}
