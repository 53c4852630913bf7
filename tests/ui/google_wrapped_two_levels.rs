use apierror::ApiError;

/// A library's errors, in its own (Flat) envelope, with a code Google's model refuses.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(domain = "billing.example.com")]
enum BillingError {
    #[status(402)]
    #[code("billing.card_declined")]
    #[error("card declined")]
    CardDeclined,
}

/// A Google type wrapping it: the error is here, at the variant that wraps it.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "pay.example.com")]
enum PaymentError {
    #[transparent]
    #[error(transparent)]
    Billing(BillingError),
}

/// A Google type wrapping both: `PaymentError` is checked by its own derive (not again here);
/// `Again` wraps the library's type directly and is reported.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "shop.example.com")]
enum ShopError {
    #[transparent]
    #[error(transparent)]
    Payment(PaymentError),
    #[transparent]
    #[error(transparent)]
    Again(BillingError),
}

fn main() {}
