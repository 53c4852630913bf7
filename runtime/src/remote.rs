//! The client side: reading error bodies back. (Being written.)

/// An error read from another service's response.
#[derive(Debug)]
pub struct RemoteError;

/// Why a body could not be read as any known format.
#[derive(Debug)]
pub struct ParseError;
