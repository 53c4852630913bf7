use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum BillingError {
    #[status(402)]
    #[code("billing.declined")]
    #[error("declined")]
    Declined,

    #[status(402)]
    #[code("billing-declined")]
    #[error("declined again")]
    DeclinedAgain,
}

apierror::locales!(LOCALES = [BillingError], "locales/code_collision");

fn main() {}
