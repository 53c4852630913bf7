//! Values a `#[retry_after]` field may hold.

use std::time::Duration;

/// A value that says how many seconds a client should wait before retrying.
///
/// Implemented for the unsigned integers (seconds), [`Duration`] (seconds, rounded up), and
/// `Option`s and references of those (`None` sends no `Retry-After`). The header carries whole
/// seconds (RFC 9110 §10.2.3, `delay-seconds`).
///
/// ```
/// use apierror::retry::RetryAfter;
/// use std::time::Duration;
///
/// assert_eq!(30u32.retry_after_secs(), Some(30));
/// assert_eq!(Duration::from_millis(1_500).retry_after_secs(), Some(2));
/// assert_eq!(None::<u64>.retry_after_secs(), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "`#[retry_after]` needs seconds as an unsigned integer, a `Duration`, or an `Option` of one; `{Self}` is none of these",
    label = "not a retry delay"
)]
pub trait RetryAfter {
    /// Whole seconds, or `None` for no `Retry-After`.
    fn retry_after_secs(&self) -> Option<u64>;
}

macro_rules! unsigned {
    ($($ty:ty)*) => {$(
        impl RetryAfter for $ty {
            fn retry_after_secs(&self) -> Option<u64> {
                Some(u64::try_from(*self).unwrap_or(u64::MAX))
            }
        }
    )*};
}

unsigned!(u8 u16 u32 u64 u128 usize);

impl RetryAfter for Duration {
    fn retry_after_secs(&self) -> Option<u64> {
        let whole = self.as_secs();
        Some(if self.subsec_nanos() > 0 {
            whole.saturating_add(1)
        } else {
            whole
        })
    }
}

impl<T: RetryAfter> RetryAfter for Option<T> {
    fn retry_after_secs(&self) -> Option<u64> {
        self.as_ref().and_then(RetryAfter::retry_after_secs)
    }
}

impl<T: RetryAfter + ?Sized> RetryAfter for &T {
    fn retry_after_secs(&self) -> Option<u64> {
        (**self).retry_after_secs()
    }
}

impl<T: RetryAfter + ?Sized> RetryAfter for Box<T> {
    fn retry_after_secs(&self) -> Option<u64> {
        (**self).retry_after_secs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_from_every_supported_type() {
        assert_eq!(30u8.retry_after_secs(), Some(30));
        assert_eq!(30u64.retry_after_secs(), Some(30));
        assert_eq!(u128::MAX.retry_after_secs(), Some(u64::MAX));
        assert_eq!(Duration::from_secs(30).retry_after_secs(), Some(30));
        assert_eq!(Duration::from_millis(30_001).retry_after_secs(), Some(31));
        assert_eq!(Duration::from_millis(1).retry_after_secs(), Some(1));
        assert_eq!(Duration::ZERO.retry_after_secs(), Some(0));
        assert_eq!(Duration::MAX.retry_after_secs(), Some(u64::MAX));
        assert_eq!(Some(7u32).retry_after_secs(), Some(7));
        assert_eq!(None::<u32>.retry_after_secs(), None);
        assert_eq!(
            RetryAfter::retry_after_secs(&&Some(Duration::from_secs(2))),
            Some(2)
        );
    }
}
