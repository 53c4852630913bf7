//! Field-level details of an error (which input was wrong, and why).

use std::borrow::Cow;

/// One field-level detail of an error: which input was wrong, and why.
///
/// Every envelope that lists details renders the members it has a place for (see the README's
/// table); absent members are omitted.
///
/// ```
/// use apierror::Detail;
///
/// let detail = Detail::new("lastName", "Is required").with_location("body");
/// assert_eq!(detail.field.as_deref(), Some("lastName"));
/// assert_eq!(detail.reason, "Is required");
/// assert_eq!(detail.location.as_deref(), Some("body"));
/// assert_eq!(detail.resource, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Detail {
    /// The field this detail is about, if it names one (`lastName`).
    pub field: Option<Cow<'static, str>>,
    /// Why the field was rejected (`Is required`).
    pub reason: Cow<'static, str>,
    /// Where the field was found: `body`, `query`, `path`, `header`.
    pub location: Option<Cow<'static, str>>,
    /// The kind of resource the field belongs to (`Issue`).
    pub resource: Option<Cow<'static, str>>,
    /// A machine-readable code for this detail (`missing_field`).
    pub code: Option<Cow<'static, str>>,
    /// What the reason was made from (a validation rule's `min`, `max`), for its translations.
    params: Params,
}

/// The values a detail's reason was made from: a validation rule's configuration (`min`,
/// `max`, `needle`), which a translation of the reason gets as Fluent variables (numbers as
/// Fluent numbers). No envelope writes them, and they are not part of the detail's identity
/// (equality, hash): the reason says the same in the default language.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params(Vec<(&'static str, Param)>);

/// One value of [`Params`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "validator"), allow(dead_code))]
pub(crate) enum Param {
    Number(f64),
    Text(Cow<'static, str>),
}

impl PartialEq for Params {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Params {}

impl std::hash::Hash for Params {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl Detail {
    /// A detail about `field`.
    pub fn new(field: impl Into<Cow<'static, str>>, reason: impl Into<Cow<'static, str>>) -> Self {
        Self {
            field: Some(field.into()),
            reason: reason.into(),
            location: None,
            resource: None,
            code: None,
            params: Params(Vec::new()),
        }
    }

    /// A detail that names no field.
    pub fn reason_only(reason: impl Into<Cow<'static, str>>) -> Self {
        Self {
            field: None,
            reason: reason.into(),
            location: None,
            resource: None,
            code: None,
            params: Params(Vec::new()),
        }
    }

    /// Sets where the field was found: `body`, `query`, `path`, `header`.
    #[must_use]
    pub fn with_location(mut self, location: impl Into<Cow<'static, str>>) -> Self {
        self.location = Some(location.into());
        self
    }

    /// Sets the kind of resource the field belongs to (`Issue`, `Task`).
    #[must_use]
    pub fn with_resource(mut self, resource: impl Into<Cow<'static, str>>) -> Self {
        self.resource = Some(resource.into());
        self
    }

    /// Sets a machine-readable code for this detail (`missing_field`).
    #[must_use]
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// The name DESIGN.md §3 gives [`with_location`](Self::with_location) (`Detail::new(..)
    /// .location("body")`); renamed for one builder convention (`with_*`) across the crate.
    #[must_use]
    #[deprecated(since = "0.1.0", note = "renamed to `with_location`")]
    pub fn location(self, location: impl Into<Cow<'static, str>>) -> Self {
        self.with_location(location)
    }

    /// The name DESIGN.md §3 gives [`with_resource`](Self::with_resource); renamed for one
    /// builder convention (`with_*`) across the crate.
    #[must_use]
    #[deprecated(since = "0.1.0", note = "renamed to `with_resource`")]
    pub fn resource(self, resource: impl Into<Cow<'static, str>>) -> Self {
        self.with_resource(resource)
    }

    /// The name DESIGN.md §3 gives [`with_code`](Self::with_code); renamed for one builder
    /// convention (`with_*`) across the crate.
    #[must_use]
    #[deprecated(since = "0.1.0", note = "renamed to `with_code`")]
    pub fn code(self, code: impl Into<Cow<'static, str>>) -> Self {
        self.with_code(code)
    }

    /// Adds a value the reason was made from (see [`Params`]).
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn with_param(mut self, name: &'static str, value: Param) -> Self {
        self.params.0.push((name, value));
        self
    }

    /// The values the reason was made from, in the order they were added.
    #[cfg_attr(not(feature = "fluent"), allow(dead_code))]
    pub(crate) fn params(&self) -> &[(&'static str, Param)] {
        &self.params.0
    }

    /// A detail made of static strings, for `const` and `static` items (the derive uses it).
    #[doc(hidden)]
    pub const fn from_static(
        field: Option<&'static str>,
        reason: &'static str,
        location: Option<&'static str>,
        resource: Option<&'static str>,
        code: Option<&'static str>,
    ) -> Self {
        const fn borrowed(value: Option<&'static str>) -> Option<Cow<'static, str>> {
            match value {
                Some(value) => Some(Cow::Borrowed(value)),
                None => None,
            }
        }
        Self {
            field: borrowed(field),
            reason: Cow::Borrowed(reason),
            location: borrowed(location),
            resource: borrowed(resource),
            code: borrowed(code),
            params: Params(Vec::new()),
        }
    }

    /// A detail from its parts (the derive uses it for templated `#[detail]`s).
    #[doc(hidden)]
    pub fn from_parts(
        field: Option<Cow<'static, str>>,
        reason: Cow<'static, str>,
        location: Option<Cow<'static, str>>,
        resource: Option<Cow<'static, str>>,
        code: Option<Cow<'static, str>>,
    ) -> Self {
        Self {
            field,
            reason,
            location,
            resource,
            code,
            params: Params(Vec::new()),
        }
    }
}

/// The members of a detail, in the order the Nested envelope's `fields` and the Problem
/// envelope's `errors` list them (DESIGN.md §4).
const MEMBERS: [&str; 5] = ["field", "reason", "location", "resource", "code"];

/// A detail serializes as the Nested and Problem bodies list it:
/// `{"field","reason","location","resource","code"}` in that order, members without a value
/// left out (`{"reason":"Is required"}`). In a format that is not human-readable (bincode,
/// postcard, MessagePack's arrays), where a left-out member would shift the others, all five
/// are written, the absent ones as `None`.
///
/// ```
/// use apierror::Detail;
///
/// let detail = Detail::new("lastName", "Is required").with_location("body");
/// let json = serde_json::to_string(&detail)?;
/// assert_eq!(json, r#"{"field":"lastName","reason":"Is required","location":"body"}"#);
/// assert_eq!(serde_json::from_str::<Detail>(&json)?, detail);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl serde::Serialize for Detail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let [field, reason, location, resource, code] = MEMBERS;
        // A compact format reads members by position: every one is written there, an absent
        // one as `None`; elsewhere an absent member is left out.
        let every = !serializer.is_human_readable();
        let optional = [&self.field, &self.location, &self.resource, &self.code];
        let len = if every {
            MEMBERS.len()
        } else {
            1 + optional.iter().filter(|value| value.is_some()).count()
        };
        let mut out = serializer.serialize_struct("Detail", len)?;
        let member =
            |out: &mut S::SerializeStruct, name, value: &Option<Cow<'static, str>>| match value {
                Some(value) if !every => out.serialize_field(name, value),
                None if !every => out.skip_field(name),
                _ => out.serialize_field(name, value),
            };
        member(&mut out, field, &self.field)?;
        out.serialize_field(reason, &self.reason)?;
        member(&mut out, location, &self.location)?;
        member(&mut out, resource, &self.resource)?;
        member(&mut out, code, &self.code)?;
        out.end()
    }
}

/// A detail deserializes from the object it serializes as: `reason` is required, the other
/// members are optional (`null` is absent), a member given twice is an error, and members
/// apierror does not know are ignored. A compact format's sequence of all five members (what
/// `Serialize` writes there) reads too.
impl<'de> serde::Deserialize<'de> for Detail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Detail", &MEMBERS, DetailVisitor)
    }
}

/// Reads a [`Detail`] from a map.
struct DetailVisitor;

impl<'de> serde::de::Visitor<'de> for DetailVisitor {
    type Value = Detail;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a detail: an object with a `reason`")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Detail, A::Error> {
        use serde::de::Error as _;
        let missing = |index: usize| A::Error::invalid_length(index, &"a detail's five members");
        let field: Option<String> = seq.next_element()?.ok_or_else(|| missing(0))?;
        let reason: String = seq.next_element()?.ok_or_else(|| missing(1))?;
        let location: Option<String> = seq.next_element()?.ok_or_else(|| missing(2))?;
        let resource: Option<String> = seq.next_element()?.ok_or_else(|| missing(3))?;
        let code: Option<String> = seq.next_element()?.ok_or_else(|| missing(4))?;
        Ok(Detail::from_parts(
            field.map(Cow::Owned),
            Cow::Owned(reason),
            location.map(Cow::Owned),
            resource.map(Cow::Owned),
            code.map(Cow::Owned),
        ))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Detail, A::Error> {
        use serde::de::Error as _;
        let [
            field_name,
            reason_name,
            location_name,
            resource_name,
            code_name,
        ] = MEMBERS;
        // `None`: not read yet; `Some(None)`: read as `null`.
        let mut reason: Option<String> = None;
        let mut optional: [(&str, Option<Option<String>>); 4] = [
            (field_name, None),
            (location_name, None),
            (resource_name, None),
            (code_name, None),
        ];
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == reason_name {
                if reason.is_some() {
                    return Err(A::Error::duplicate_field(reason_name));
                }
                reason = Some(map.next_value()?);
            } else if let Some((name, slot)) = optional.iter_mut().find(|(name, _)| *name == key) {
                if slot.is_some() {
                    return Err(A::Error::duplicate_field(name));
                }
                *slot = Some(map.next_value()?);
            } else {
                let _ = map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        let reason = reason.ok_or_else(|| A::Error::missing_field(reason_name))?;
        let [field, location, resource, code] =
            optional.map(|(_, value)| value.flatten().map(Cow::Owned));
        Ok(Detail::from_parts(
            field,
            Cow::Owned(reason),
            location,
            resource,
            code,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::Detail;
    use crate::{Context, Format, HttpError};
    use proptest::prelude::*;

    #[test]
    fn serde_reads_and_writes_the_envelopes_members() {
        let all = Detail::new("items[0].name", "Is required")
            .with_location("body")
            .with_resource("Task")
            .with_code("required");
        let cases = [
            (
                all.clone(),
                r#"{"field":"items[0].name","reason":"Is required","location":"body","resource":"Task","code":"required"}"#,
            ),
            (Detail::reason_only("Too many"), r#"{"reason":"Too many"}"#),
            (
                Detail::reason_only("x").with_code("c"),
                r#"{"reason":"x","code":"c"}"#,
            ),
        ];
        for (detail, json) in cases {
            assert_eq!(serde_json::to_string(&detail).unwrap(), json);
            assert_eq!(serde_json::from_str::<Detail>(json).unwrap(), detail);
        }
        // `null` is absent, unknown members are ignored, in any order.
        assert_eq!(
            serde_json::from_str::<Detail>(
                r#"{"extra":[1,{"a":2}],"code":null,"reason":"Too many","field":null}"#
            )
            .unwrap(),
            Detail::reason_only("Too many")
        );
        let error = |json: &str| {
            serde_json::from_str::<Detail>(json)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error(r#"{"field":"a"}"#),
            "missing field `reason` at line 1 column 13"
        );
        assert_eq!(
            error(r#"{"reason":"a","reason":"b"}"#),
            "duplicate field `reason` at line 1 column 22"
        );
        assert_eq!(
            error(r#"{"reason":"a","field":"f","field":"g"}"#),
            "duplicate field `field` at line 1 column 33"
        );
        assert_eq!(
            error(r#"{"reason":null}"#),
            "invalid type: null, expected a string at line 1 column 14"
        );
        assert_eq!(
            error(r#"["a","b"]"#),
            "invalid length 2, expected a detail's five members at line 1 column 9"
        );
        assert_eq!(
            serde_json::from_str::<Detail>(r#"[null,"Too many",null,null,"c"]"#).unwrap(),
            Detail::reason_only("Too many").with_code("c")
        );
    }

    /// In a compact format every member is written, in order, so a reader by position (bincode,
    /// postcard) reads each back; absent members are `None`, not left out.
    #[test]
    fn compact_formats_get_every_member_in_order() {
        use serde_test::{Configure as _, Token, assert_tokens};
        let detail = Detail::new("name", "Is required").with_code("required");
        assert_tokens(
            &detail.clone().compact(),
            &[
                Token::Struct {
                    name: "Detail",
                    len: 5,
                },
                Token::Str("field"),
                Token::Some,
                Token::Str("name"),
                Token::Str("reason"),
                Token::Str("Is required"),
                Token::Str("location"),
                Token::None,
                Token::Str("resource"),
                Token::None,
                Token::Str("code"),
                Token::Some,
                Token::Str("required"),
                Token::StructEnd,
            ],
        );
        // A format that hands the struct over as a sequence of its five members.
        serde_test::assert_de_tokens(
            &detail.compact(),
            &[
                Token::Seq { len: Some(5) },
                Token::Some,
                Token::Str("name"),
                Token::Str("Is required"),
                Token::None,
                Token::None,
                Token::Some,
                Token::Str("required"),
                Token::SeqEnd,
            ],
        );
    }

    fn text() -> impl Strategy<Value = String> {
        "[a-z\"\\\\\u{0}-\u{1f} é.\\[\\]]{0,8}"
    }

    proptest! {
        /// Whatever its strings, a detail serializes as the Nested and Problem bodies list it,
        /// byte for byte, and reads back equal.
        #[test]
        fn serde_writes_what_the_envelopes_list_and_reads_it_back(
            field in proptest::option::of(text()),
            reason in text(),
            location in proptest::option::of(text()),
            resource in proptest::option::of(text()),
            code in proptest::option::of(text()),
        ) {
            let mut detail = Detail::reason_only(reason);
            detail.field = field.map(Into::into);
            detail.location = location.map(Into::into);
            detail.resource = resource.map(Into::into);
            detail.code = code.map(Into::into);
            let json = serde_json::to_string(&detail).unwrap();
            let err = HttpError::new(http::StatusCode::BAD_REQUEST).with_detail(detail.clone());
            let ctx = Context::default().with_request_id("req-1");
            let nested = String::from_utf8(crate::to_json(&err, Format::Nested, &ctx)).unwrap();
            prop_assert!(nested.contains(&format!(r#""fields":[{json}]"#)), "{nested}");
            let problem = String::from_utf8(crate::to_json(&err, Format::Problem, &ctx)).unwrap();
            prop_assert!(problem.contains(&format!(r#""errors":[{json}]"#)), "{problem}");
            prop_assert_eq!(serde_json::from_str::<Detail>(&json).unwrap(), detail);
        }
    }
}
