//! Temporary stand-in; replaced by the word-list module.

/// Number of distinct phrases.
pub const PHRASE_COMBINATIONS: u64 = 99;

/// A fresh support phrase.
pub fn new_phrase() -> String {
    format!(
        "{} sad squid snuggle softly",
        uuid::Uuid::new_v4().as_u128() % 99 + 1
    )
}
