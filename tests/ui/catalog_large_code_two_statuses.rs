// A catalog of over 5,000 codes is checked in several passes; the clash is in the last
// entries, so a check that stopped early would let it through.
mod large {
    macro_rules! big_enum {
        ($name:ident, $($variant:ident)*) => {
            #[derive(Debug, thiserror::Error, apierror::ApiError)]
            #[status(400)]
            #[allow(dead_code)]
            pub enum $name {
                $(
                    #[error("e")]
                    $variant,
                )*
            }
        };
    }
    include!("../support/large_catalog.rs");

    /// Claims the last code of `Part9` with another status.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    pub enum Clash {
        #[status(404)]
        #[error("e")]
        AccountPaymentCardDeclinedE9V499,
    }

    apierror::catalog!(pub WITH_CLASH = [Part0, Part1, Part2, Part3, Part4, Part5, Part6, Part7, Part8, Part9, Clash]);
}

fn main() {}
