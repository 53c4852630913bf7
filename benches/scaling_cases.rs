//! Errors whose size is a parameter, for `benches/scaling.rs` and `benches/icount.rs`: a
//! message of N bytes (a template that is one placeholder), N details, an extension member of N
//! numbers. Each is rendered in Flat with the context of `benches/cases.rs`.

#![allow(dead_code)] // each user takes what it needs

use apierror::{ApiError, Detail};

/// The sizes each parameter is measured at.
pub const MESSAGE_LENGTHS: [usize; 6] = [1, 16, 64, 256, 1024, 4096];
pub const DETAIL_COUNTS: [usize; 6] = [0, 1, 10, 25, 50, 100];
pub const EXTENSION_ITEMS: [usize; 6] = [0, 1, 10, 100, 500, 1000];

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
pub enum ScaleError {
    /// A message of any length.
    #[status(400)]
    #[code("LONG_MESSAGE")]
    #[message("{text}")]
    #[error("long message")]
    Message { text: String },

    /// Any number of details.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("The request body failed validation")]
    #[error("validation failed")]
    Details {
        #[details]
        problems: Vec<Detail>,
    },

    /// An extension member of any size.
    #[status(409)]
    #[code("SYNC_EXPIRED")]
    #[message("The sync token expired")]
    #[error("sync expired")]
    Extension {
        #[extension("items")]
        items: Vec<u32>,
    },
}

/// A message of `len` bytes of ASCII text (no escapes).
pub fn message(len: usize) -> ScaleError {
    let text: String = "The task could not be saved. "
        .chars()
        .cycle()
        .take(len)
        .collect();
    ScaleError::Message { text }
}

/// `count` details as `cases.rs` makes them (field, reason, location, code).
pub fn details(count: usize) -> ScaleError {
    ScaleError::Details {
        problems: (0..count)
            .map(|index| {
                Detail::new(format!("items[{index}].name"), "Is required")
                    .with_location("body")
                    .with_code("missing_field")
            })
            .collect(),
    }
}

/// An extension member of `count` five-digit numbers.
pub fn extension(count: usize) -> ScaleError {
    ScaleError::Extension {
        items: (0..count as u32).map(|index| 10_000 + index).collect(),
    }
}

/// The error of parameter `kind` (`message`, `details`, `extension`) at `size`.
pub fn of(kind: &str, size: usize) -> ScaleError {
    match kind {
        "message" => message(size),
        "details" => details(size),
        "extension" => extension(size),
        _ => panic!("unknown parameter {kind}"),
    }
}
