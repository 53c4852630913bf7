use apierror::ApiError;

/// A library's errors, in its own (Flat) envelope.
mod quota {
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    pub enum QuotaError {
        #[status(429)]
        #[code("QUOTA_EXCEEDED")]
        #[error("quota exceeded")]
        Exceeded {
            #[extension("Quota-Limit")]
            limit: u64,
        },
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "pay.example.com")]
enum PaymentError {
    #[transparent]
    #[error(transparent)]
    Quota(quota::QuotaError),
}

fn main() {}
