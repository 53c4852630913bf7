//! A JSON tree that keeps object members in the order the server wrote them.
//!
//! `serde_json::Value` sorts object members unless serde_json's `preserve_order` feature is
//! on somewhere in the build, and extension members must come back in their order whatever the
//! build. Parsing goes through serde_json all the same, so its recursion limit guards the stack.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap as _, SerializeSeq as _, Serializer};
use std::collections::HashMap;
use std::fmt;

/// A JSON value whose objects keep their member order.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// A JSON object: its members in document order, each name once (the last value wins, as in
/// serde_json).
#[derive(Debug, Clone)]
pub(crate) struct Object(Vec<(String, Value)>);

impl Value {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The value as compact JSON, members in document order, strings and numbers as
    /// serde_json writes them (so a value read and written again is the same bytes).
    pub(crate) fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Bool(value) => out.extend_from_slice(if *value { b"true" } else { b"false" }),
            Value::Number(number) => out.extend_from_slice(number.to_string().as_bytes()),
            Value::String(text) => crate::json::push_string(out, text),
            Value::Array(items) => {
                out.push(b'[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    item.write_json(out);
                }
                out.push(b']');
            }
            Value::Object(object) => {
                out.push(b'{');
                for (index, (name, value)) in object.iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    crate::json::push_string(out, name);
                    out.push(b':');
                    value.write_json(out);
                }
                out.push(b'}');
            }
        }
    }

    /// The value for a `serde_json` consumer (extension members).
    pub(crate) fn to_serde(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(value) => serde_json::Value::Bool(*value),
            Value::Number(number) => serde_json::Value::Number(number.clone()),
            Value::String(text) => serde_json::Value::String(text.clone()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_serde).collect())
            }
            Value::Object(object) => serde_json::Value::Object(
                object
                    .iter()
                    .map(|(name, value)| (name.to_owned(), value.to_serde()))
                    .collect(),
            ),
        }
    }
}

impl Object {
    /// The members, in document order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.entry(name).map(|(_, value)| value)
    }

    /// The member `name` with its name as the object holds it.
    pub(crate) fn entry(&self, name: &str) -> Option<(&str, &Value)> {
        self.iter().find(|(member, _)| *member == name)
    }

    /// The member `name` if it is a string.
    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    /// The member `name` if it is an object.
    pub(crate) fn object(&self, name: &str) -> Option<&Object> {
        self.get(name).and_then(Value::as_object)
    }

    /// The member `name` if it is an array.
    pub(crate) fn array(&self, name: &str) -> Option<&[Value]> {
        match self.get(name) {
            Some(Value::Array(items)) => Some(items),
            _ => None,
        }
    }

    /// Whether the member `name` is a number of any kind.
    pub(crate) fn has_number(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Value::Number(_)))
    }
}

/// Members in document order (serde_json writes a map's entries in the order it is given them).
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(value) => serializer.serialize_bool(*value),
            Value::Number(number) => number.serialize(serializer),
            Value::String(text) => serializer.serialize_str(text),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(object) => {
                let mut map = serializer.serialize_map(Some(object.len()))?;
                for (name, value) in object.iter() {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

/// An extension member's value as a body sent it: lent as a `serde_json::Value`
/// ([`RemoteError::extension`](crate::RemoteError::extension)), and written again with its
/// objects' members in the order they came in (DESIGN.md §7: kept verbatim), whatever
/// serde_json's `preserve_order` feature says.
#[derive(Debug, Clone)]
pub(crate) struct Kept {
    serde: serde_json::Value,
    sent: Value,
}

impl Kept {
    pub(crate) fn as_serde(&self) -> &serde_json::Value {
        &self.serde
    }
}

/// Equal as JSON values (member order aside), as two `serde_json::Value`s are.
impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.serde == other.serde
    }
}

impl Eq for Kept {}

impl From<Value> for Kept {
    fn from(sent: Value) -> Self {
        Self {
            serde: sent.to_serde(),
            sent,
        }
    }
}

impl Serialize for Kept {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.sent.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // JSON text has no NaN or infinity, so every parsed float is a valid number.
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members: Vec<(String, Value)> = Vec::new();
        // Positions by name, so a body of many members stays linear to read.
        let mut positions: HashMap<String, usize> = HashMap::new();
        while let Some((name, value)) = map.next_entry::<String, Value>()? {
            match positions.get(&name).and_then(|&at| members.get_mut(at)) {
                Some(member) => member.1 = value,
                None => {
                    positions.insert(name.clone(), members.len());
                    members.push((name, value));
                }
            }
        }
        Ok(Value::Object(Object(members)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn members_keep_document_order() {
        let Value::Object(object) = parse(r#"{"z":1,"a":{"y":true,"b":null},"m":[1.5,-2,"s"]}"#)
        else {
            panic!("not an object")
        };
        let names: Vec<&str> = object.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["z", "a", "m"]);
        let inner: Vec<&str> = object.object("a").unwrap().iter().map(|(n, _)| n).collect();
        assert_eq!(inner, ["y", "b"]);
        assert_eq!(
            object.get("m").unwrap().to_serde(),
            serde_json::json!([1.5, -2, "s"])
        );
    }

    #[test]
    fn a_repeated_name_keeps_its_first_place_and_last_value() {
        let Value::Object(object) = parse(r#"{"a":1,"b":2,"a":3}"#) else {
            panic!("not an object")
        };
        assert_eq!(object.len(), 2);
        assert_eq!(object.get("a").unwrap().to_serde(), serde_json::json!(3));
        let names: Vec<&str> = object.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["a", "b"]);
    }
}
