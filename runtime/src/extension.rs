//! Extension members: `#[extension]` fields serialized into the body with serde.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use std::fmt;
use std::io;

/// How deeply an extension value may nest arrays and objects: 124, so that a body, whose
/// envelope puts an extension up to three levels deep (Nested's `error.details`), stays within
/// the 127 levels serde_json (and so apierror's client) reads.
pub const MAX_DEPTH: usize = 124;

/// An object-safe view of a `Serialize` value, as handed to
/// [`ApiError::extensions`](crate::ApiError::extensions).
///
/// Implemented for every `T: Serialize`; you do not implement it yourself.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an `#[extension]`: it does not implement `serde::Serialize`",
    label = "extension members are serialized with serde",
    note = "derive or implement `serde::Serialize` for `{Self}`"
)]
pub trait Extension {
    /// Appends the value as compact JSON to `out`. On error `out` is left as it was.
    ///
    /// Fails like any `Serialize` error, and when the value nests arrays or objects more than
    /// [`MAX_DEPTH`] levels deep.
    ///
    /// # Errors
    ///
    /// An [`ExtensionError`] when the value's `Serialize` fails or it nests deeper than
    /// [`MAX_DEPTH`].
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), ExtensionError>;

    /// The value as a `serde_json::Value`, with the same depth limit.
    ///
    /// # Errors
    ///
    /// As [`write_json`](Self::write_json).
    fn to_json_value(&self) -> Result<serde_json::Value, ExtensionError> {
        let mut out = Vec::new();
        self.write_json(&mut out)?;
        serde_json::from_slice(&out).map_err(ExtensionError)
    }
}

impl<T: Serialize + ?Sized> Extension for T {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), ExtensionError> {
        let mark = out.len();
        let mut serializer = serde_json::Serializer::with_formatter(&mut *out, DepthLimit::new());
        match self.serialize(&mut serializer) {
            Ok(()) => Ok(()),
            Err(error) => {
                out.truncate(mark);
                Err(ExtensionError(error))
            }
        }
    }
}

impl fmt::Debug for dyn Extension + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Vec::new();
        match self.write_json(&mut out) {
            Ok(()) => f.write_str(&String::from_utf8_lossy(&out)),
            Err(error) => write!(f, "<{error}>"),
        }
    }
}

/// Why an extension value could not be serialized: the value's `Serialize` failed, or it nests
/// deeper than [`MAX_DEPTH`].
///
/// `{}` prints `extension value failed to serialize`; the serde_json error inside (`value
/// nests deeper than 124 levels`, the value's own `Serialize` error) is its
/// [`source`](std::error::Error::source), which a chain printer shows once (C-GOOD-ERR). `{:?}`
/// prints both (`extension value failed to serialize: value nests deeper than 124 levels`), so
/// that an `.unwrap()` says it all, and `{:#?}` the serde_json error.
pub struct ExtensionError(serde_json::Error);

impl fmt::Display for ExtensionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("extension value failed to serialize")
    }
}

impl fmt::Debug for ExtensionError {
    /// The `Display` text and the serde_json error's (`extension value failed to serialize:
    /// value nests deeper than 124 levels`); with `{:#?}`, the serde_json error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_tuple("ExtensionError").field(&self.0).finish()
        } else {
            write!(f, "extension value failed to serialize: {}", self.0)
        }
    }
}

impl std::error::Error for ExtensionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// serde_json's compact output, refusing to open a container deeper than [`MAX_DEPTH`].
///
/// Refusing at `begin_array`/`begin_object` stops the value's own `Serialize` recursion before
/// it can exhaust the stack.
struct DepthLimit {
    depth: usize,
}

impl DepthLimit {
    fn new() -> Self {
        Self { depth: 0 }
    }

    fn enter(&mut self) -> io::Result<()> {
        if self.depth == MAX_DEPTH {
            return Err(io::Error::other(format!(
                "value nests deeper than {MAX_DEPTH} levels"
            )));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

impl Formatter for DepthLimit {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.enter()?;
        CompactFormatter.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.leave();
        CompactFormatter.end_array(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.enter()?;
        CompactFormatter.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.leave();
        CompactFormatter.end_object(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_of(value: &dyn Extension) -> Result<String, ExtensionError> {
        let mut out = b"prefix".to_vec();
        let result = value.write_json(&mut out);
        if result.is_err() {
            assert_eq!(out, b"prefix", "a failed write leaves the buffer as it was");
        }
        result.map(|()| String::from_utf8(out).unwrap()["prefix".len()..].to_owned())
    }

    fn nested(depth: usize) -> serde_json::Value {
        (0..depth).fold(json!(1), |inner, _| json!([inner]))
    }

    #[test]
    fn writes_compact_json_like_serde_json() {
        let value = json!({"a": [1, "two", null, true, 1.5], "b": {"c": "\u{2028}\"\n"}});
        assert_eq!(
            json_of(&value).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }

    #[test]
    fn depth_limit_is_exactly_max_depth() {
        assert!(json_of(&nested(MAX_DEPTH)).is_ok());
        let error = json_of(&nested(MAX_DEPTH + 1)).unwrap_err();
        let source = std::error::Error::source(&error).unwrap();
        assert!(source.to_string().contains("deeper than 124"), "{source}");
    }

    #[test]
    fn errors_unwrapped_in_tests_read_as_text_and_keep_their_source() {
        let error = json_of(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(error.to_string(), "extension value failed to serialize");
        assert_eq!(
            format!("{error:?}"),
            "extension value failed to serialize: value nests deeper than 124 levels"
        );
        let source = std::error::Error::source(&error).unwrap();
        assert!(source.is::<serde_json::Error>());
        assert_eq!(source.to_string(), "value nests deeper than 124 levels");
        assert!(format!("{error:#?}").starts_with("ExtensionError("));
    }

    #[test]
    fn failing_serialize_is_an_error() {
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("nope"))
            }
        }
        let error = json_of(&Fails).unwrap_err();
        assert_eq!(
            std::error::Error::source(&error).unwrap().to_string(),
            "nope"
        );
    }
}
