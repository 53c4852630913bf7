//! What rendering tells the logs (feature `tracing`): every 5xx once at error level with its
//! code, status, request id, support phrase and full source chain; a 4xx at debug level with
//! its code and status but no field values; a body that could not be rendered; and an error
//! whose status is no error status (sent as a 500).

use http::StatusCode;

/// What the log says about one error response, in plain values the renderer hands over.
// Without `tracing` nothing reads it (the renderer skips building one).
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) struct Record<'a> {
    /// The error's own status and code (not the fallback's, when that was sent).
    pub(crate) status: StatusCode,
    pub(crate) code: &'a str,
    /// The status sent: the error's, or 500 when its body could not be rendered or its status
    /// is no error status (outside 400..=599).
    pub(crate) sent: StatusCode,
    pub(crate) request_id: &'a str,
    pub(crate) phrase: Option<&'a str>,
    /// The error, for its source chain.
    pub(crate) error: &'a dyn std::error::Error,
    /// Why the error's own body could not be rendered, when the fallback was sent (logged with
    /// its source chain: an `ExtensionError`'s text names no cause itself).
    pub(crate) failure: Option<&'a dyn std::error::Error>,
}

/// Logs one error response.
#[cfg(feature = "tracing")]
pub(crate) fn error_response(record: &Record<'_>) {
    let status = record.status;
    if let Some(failure) = record.failure {
        tracing::error!(
            code = record.code,
            status = status.as_u16(),
            sent = record.sent.as_u16(),
            request_id = record.request_id,
            phrase = record.phrase.unwrap_or_default(),
            cause = %with_causes(failure),
            "apierror: the error body could not be rendered; sent the 500 fallback"
        );
        return;
    }
    if !status.is_client_error() && !status.is_server_error() {
        // An implementation by hand returned no error status: sent as a 500.
        tracing::error!(
            code = record.code,
            status = status.as_u16(),
            sent = record.sent.as_u16(),
            request_id = record.request_id,
            phrase = record.phrase.unwrap_or_default(),
            error = %with_causes(record.error),
            "apierror: the error's status is not 4xx or 5xx; sent 500"
        );
    } else if status.is_server_error() {
        let chain = with_causes(record.error);
        tracing::error!(
            code = record.code,
            status = status.as_u16(),
            request_id = record.request_id,
            phrase = record.phrase.unwrap_or_default(),
            error = %chain,
            "apierror: server error"
        );
    } else {
        tracing::debug!(
            code = record.code,
            status = status.as_u16(),
            request_id = record.request_id,
            "apierror: client error"
        );
    }
}

/// An error rendered with no request context while the process has a layer (or middleware):
/// the layer is misplaced. Said once per framework, with the fix.
#[cfg(all(feature = "tracing", any(feature = "axum", feature = "actix")))]
pub(crate) fn misplaced_layer(code: &str, fix: &str) {
    tracing::warn!(
        code,
        fix,
        "apierror: an error was rendered outside the error layer although this process uses \
         one, so it has a fresh request id and ignores the negotiated format; {fix} (said once)"
    );
}

#[cfg(all(not(feature = "tracing"), any(feature = "axum", feature = "actix")))]
pub(crate) fn misplaced_layer(code: &str, fix: &str) {
    let _ = (code, fix);
}

/// A foreign error response reached the layer with its body encoded (compressed by a layer
/// inside it), so its text and details were lost. Said once per framework, with the fix.
#[cfg(all(feature = "tracing", any(feature = "axum", feature = "actix")))]
pub(crate) fn encoded_error_body(fix: &str) {
    tracing::warn!(
        fix,
        "apierror: an error response reached the error layer with an encoded (compressed) body, \
         which it cannot read, so its message and details were replaced by its status's text; \
         if a layer inside compressed it, {fix}; a body passed on compressed from an upstream \
         is read the same way (said once)"
    );
}

#[cfg(all(not(feature = "tracing"), any(feature = "axum", feature = "actix")))]
pub(crate) fn encoded_error_body(fix: &str) {
    let _ = fix;
}

/// Without `tracing` there is no log (and the renderer skips building the record).
#[cfg(not(feature = "tracing"))]
pub(crate) fn error_response(record: &Record<'_>) {
    let _ = record;
}

/// An error's `Display` text followed by each `source()` down the chain, `: `-separated, every
/// cause said once: `database: disk full: broken sector`.
///
/// A cause is left out when the text of the error it is the source of (the previous link)
/// already shows it — is the cause's text, or ends with `: ` and the cause's text — as
/// thiserror's `#[error("database: {0}")]` on a `#[source]` or `#[from]` field writes it:
/// `Database(#[source] io::Error)` gives `database: disk full`, not `database: disk full: disk
/// full`. The chain is followed on below a cause left out, whose own text is then the previous
/// link, so an outer text that shows two levels (`query: database: disk full`) drops both. A
/// cause whose text appears in the previous text anywhere else than as that `: ` tail
/// (`disk full while saving` above `disk full`) is written, as is one shown only by an earlier
/// link than the previous. An empty cause text is left out.
#[cfg(any(feature = "tracing", feature = "reqwest"))]
pub(crate) fn with_causes(error: &dyn std::error::Error) -> String {
    use std::fmt::Write as _;

    let mut text = error.to_string();
    // The previous link's text is always the last `previous` bytes of `text`: either it was
    // just written, or it was left out because the link before it ends with it.
    let mut previous = text.len();
    let mut source = error.source();
    while let Some(cause) = source {
        let end = text.len();
        let _ = write!(text, ": {cause}");
        let written = text.get(end + 2..).unwrap_or_default();
        let shown_by = text
            .get(end.saturating_sub(previous)..end)
            .unwrap_or_default();
        let is_shown = written.is_empty()
            || shown_by
                .strip_suffix(written)
                .is_some_and(|head| head.is_empty() || head.ends_with(": "));
        previous = written.len();
        if is_shown {
            text.truncate(end);
        }
        source = cause.source();
    }
    text
}

#[cfg(all(test, any(feature = "tracing", feature = "reqwest")))]
mod tests {
    use super::with_causes;
    use std::io;

    /// A chain of any texts: the outer error first.
    #[derive(Debug)]
    struct Link {
        text: &'static str,
        source: Option<Box<Link>>,
    }

    impl std::fmt::Display for Link {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.text)
        }
    }

    impl std::error::Error for Link {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.source.as_deref().map(|link| link as _)
        }
    }

    fn chain(texts: &[&'static str]) -> Link {
        let (last, outer) = texts.split_last().unwrap();
        outer.iter().rev().fold(
            Link {
                text: last,
                source: None,
            },
            |source, text| Link {
                text,
                source: Some(Box::new(source)),
            },
        )
    }

    #[derive(Debug, thiserror::Error)]
    enum DbError {
        #[error("database: {0}")]
        Database(#[source] io::Error),
        #[error("database: {0}")]
        From(#[from] io::Error),
        #[error("database unavailable")]
        Hidden(#[source] io::Error),
    }

    #[derive(Debug, thiserror::Error)]
    #[error("query: {0}")]
    struct QueryError(#[from] DbError);

    #[test]
    fn a_cause_the_text_already_ends_with_is_said_once() {
        let disk_full = || io::Error::other("disk full");
        assert_eq!(
            with_causes(&DbError::Database(disk_full())),
            "database: disk full"
        );
        assert_eq!(
            with_causes(&DbError::From(disk_full())),
            "database: disk full"
        );
        assert_eq!(
            with_causes(&QueryError(DbError::Database(disk_full()))),
            "query: database: disk full"
        );
        assert_eq!(
            with_causes(&QueryError(DbError::Hidden(disk_full()))),
            "query: database unavailable: disk full"
        );
        assert_eq!(
            with_causes(&DbError::Hidden(disk_full())),
            "database unavailable: disk full"
        );
    }

    #[test]
    fn causes_are_compared_with_the_link_they_are_the_source_of() {
        let table: [(&[&'static str], &str); 12] = [
            (&["a"], "a"),
            (&["a", "b", "c"], "a: b: c"),
            // The whole text, or its `: ` tail.
            (&["disk full", "disk full"], "disk full"),
            (&["write: disk full", "disk full"], "write: disk full"),
            (&["a: b: c", "b: c", "c"], "a: b: c"),
            (&["a: b", "b", "c"], "a: b: c"),
            (&["a", "b: c", "c", "d"], "a: b: c: d"),
            // Elsewhere than as the `: ` tail: an accident, not the cause shown.
            (
                &["disk full while saving", "disk full"],
                "disk full while saving: disk full",
            ),
            (&["too full", "full"], "too full: full"),
            (
                &["write (disk full)", "disk full"],
                "write (disk full): disk full",
            ),
            // Shown by an earlier link than the one it is the source of.
            (&["a: c", "b", "c"], "a: c: b: c"),
            // An empty text says nothing.
            (&["a", "", "b"], "a: b"),
        ];
        for (texts, expected) in table {
            assert_eq!(with_causes(&chain(texts)), expected, "{texts:?}");
        }
        assert_eq!(with_causes(&chain(&["é: ü", "ü", "ü"])), "é: ü");
    }
}
