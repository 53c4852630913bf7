//! The client side: reading another service's error response back into an error.
//!
//! [`RemoteError::parse`] reads a status, headers and body in any of the six envelopes (and
//! `RemoteError::from_reqwest` a `reqwest::Response`, feature `reqwest`). A body it cannot
//! read is a [`ParseError`] whose [`kind`](ParseError::kind) says what was found instead
//! ([`ParseErrorKind`], naming JSON types with [`JsonType`]) and whose
//! [`fallback`](ParseError::fallback) still makes an error of the response. The request-id
//! headers a client reads are [`RemoteError::REQUEST_ID_HEADERS`].
//!
//! `RemoteError` and `ParseError` are also at the crate root.

pub use crate::remote::{JsonType, ParseError, ParseErrorKind, RemoteError};
