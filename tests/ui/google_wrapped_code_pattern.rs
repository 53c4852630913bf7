use apierror::ApiError;

/// A library's errors, in its own (Flat) envelope.
mod billing {
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    pub enum BillingError {
        #[status(402)]
        #[code("billing.card_declined")]
        #[error("card declined")]
        CardDeclined,
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "pay.example.com")]
enum PaymentError {
    #[transparent]
    #[error(transparent)]
    Billing(billing::BillingError),
}

fn main() {}
