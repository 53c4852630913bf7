use apierror::ApiError;

/// A library's errors, in its own (Flat) envelope.
mod invoices {
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    pub enum InvoiceError {
        #[status(404)]
        #[message("Invoice {0} could not be found")]
        #[error("invoice missing")]
        InvoiceNotFound(u64),
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(domain = "pay.example.com")]
#[grpc(code = "NOT_FOUND")]
enum PaymentError {
    #[status(409)]
    #[code("ALREADY_PAID")]
    #[error("already paid")]
    AlreadyPaid,
    #[transparent]
    #[error(transparent)]
    Invoice(invoices::InvoiceError),
}

fn main() {}
