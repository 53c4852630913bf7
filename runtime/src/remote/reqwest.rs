//! Reading a `reqwest::Response` (feature `reqwest`).

use super::{ParseError, ParseErrorKind, RemoteError};

#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
impl RemoteError {
    /// Reads an error response from reqwest: its status, headers and body, as
    /// [`parse`](Self::parse) does.
    ///
    /// The body is read chunk by chunk and reading stops once it passes
    /// [`MAX_BODY_LEN`](Self::MAX_BODY_LEN), so an oversized body is refused without being
    /// buffered whole. A transport error partway is a [`ParseErrorKind::Interrupted`] whose
    /// fallback holds what arrived.
    ///
    /// ```no_run
    /// # async fn example(client: reqwest::Client) -> Result<(), reqwest::Error> {
    /// use apierror::{ApiError, RemoteError};
    ///
    /// let response = client.get("http://127.0.0.1:8080/tasks/1").send().await?;
    /// if response.status().is_client_error() || response.status().is_server_error() {
    ///     let err = RemoteError::from_reqwest(response)
    ///         .await
    ///         .unwrap_or_else(|error| error.into_fallback());
    ///     println!("{} (request {:?})", err, err.request_id());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ParseError`] as [`parse`](Self::parse) gives one, or
    /// [`ParseErrorKind::Interrupted`] when the transport fails partway; its
    /// [`fallback`](ParseError::fallback) is the error of the status and what arrived.
    pub async fn from_reqwest(mut response: ::reqwest::Response) -> Result<Self, ParseError> {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let mut body = Vec::new();
        // One byte past the limit is enough to know the body is too large.
        let wanted = Self::MAX_BODY_LEN + 1;
        while body.len() < wanted {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = wanted - body.len();
                    body.extend_from_slice(chunk.get(..room).unwrap_or(&chunk));
                }
                Ok(None) => break,
                Err(error) => {
                    let kind = ParseErrorKind::Interrupted {
                        reason: crate::log::with_causes(&error),
                    };
                    let fallback = RemoteError::from_head(status, &headers).with_text(&body);
                    return Err(ParseError::new(kind, status, fallback).with_source(error));
                }
            }
        }
        Self::parse(status, &headers, &body)
    }
}
