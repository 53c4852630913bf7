//! Servers on 127.0.0.1 and two clients: reqwest, and a raw socket for requests an HTTP
//! library refuses to send (CR/LF, non-ASCII bytes in a header).

use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// How long any one request may take before the test fails instead of hanging.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// Serves `router` on a fresh port of 127.0.0.1 on the test's runtime.
pub async fn serve_axum(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

/// An axum server on a fresh port of 127.0.0.1 serving a whole tower service (a router wrapped
/// in a layer from outside), as axum documents for middleware that runs before routing.
pub async fn serve_axum_service<S>(service: S) -> SocketAddr
where
    S: tower::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            axum::ServiceExt::<axum::extract::Request>::into_make_service(service),
        )
        .await
        .unwrap()
    });
    addr
}

/// An actix-web server on its own thread and actix system; stopped when dropped.
pub struct ActixServer {
    pub addr: SocketAddr,
    handle: actix_web::dev::ServerHandle,
}

impl ActixServer {
    /// Starts the server `build` makes from a listener on a fresh port of 127.0.0.1.
    pub fn start<F>(build: F) -> Self
    where
        F: FnOnce(std::net::TcpListener) -> std::io::Result<actix_web::dev::Server>
            + Send
            + 'static,
    {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (handle_tx, handle_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = build(listener).unwrap();
                handle_tx.send(server.handle()).unwrap();
                server.await
            })
        });
        let handle = handle_rx.recv().unwrap();
        Self { addr, handle }
    }
}

impl Drop for ActixServer {
    fn drop(&mut self) {
        // `stop` sends the command at once; its future only waits for the shutdown.
        drop(self.handle.stop(false));
    }
}

/// An HTTP response as the tests compare it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    /// Every header but `date` (it changes), `connection` (the server's choice for the
    /// connection, not part of the response) and `content-length` (checked against the body
    /// when the reply is read), sorted by name.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The value of header `name`; the test fails when there is not exactly one.
    pub fn header(&self, name: &str) -> &str {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(values.len(), 1, "{name} in {:?}", self.headers);
        values[0]
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// A reqwest client that gives up rather than hang.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap()
}

/// Sends `request` and reads the reply.
pub async fn send(request: reqwest::RequestBuilder) -> Reply {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    let body = String::from_utf8(response.bytes().await.unwrap().to_vec()).unwrap();
    normalize(&mut headers, body.len());
    Reply {
        status,
        headers,
        body,
    }
}

/// A GET with `headers`.
pub async fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = client().get(format!("http://{addr}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(request).await
}

/// Checks `content-length` against the body, then drops it, `date` and `connection`, and sorts
/// the rest.
fn normalize(headers: &mut Vec<(String, String)>, body_len: usize) {
    let lengths: Vec<&str> = headers
        .iter()
        .filter(|(name, _)| name == "content-length")
        .map(|(_, value)| value.as_str())
        .collect();
    // A 204 has no length; any response with a body must say how long it is.
    if !(lengths.is_empty() && body_len == 0) {
        assert_eq!(lengths, [body_len.to_string()], "content-length");
    }
    headers.retain(|(name, _)| !matches!(name.as_str(), "content-length" | "date" | "connection"));
    headers.sort();
}

/// Sends `request` byte for byte over a fresh connection (it should say `Connection: close`)
/// and reads the raw reply to the end.
pub async fn raw(addr: SocketAddr, request: &[u8]) -> RawReply {
    exchange(addr, request, false).await
}

/// [`raw`], closing the sending half after `request`: a body shorter than it announced ends
/// there.
pub async fn raw_half_closed(addr: SocketAddr, request: &[u8]) -> RawReply {
    exchange(addr, request, true).await
}

async fn exchange(addr: SocketAddr, request: &[u8], half_close: bool) -> RawReply {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request).await.unwrap();
        if half_close {
            stream.shutdown().await.unwrap();
        }
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).await.unwrap();
        bytes
    };
    let bytes = tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .expect("the server did not answer in time");
    RawReply::parse(bytes)
}

/// A raw reply: the status line and the headers as sent, and the body.
#[derive(Debug)]
pub struct RawReply {
    /// `HTTP/1.1 500 Internal Server Error`
    pub status_line: String,
    /// The header block as sent, one `name: value` per line.
    pub head: String,
    pub reply: Reply,
}

impl RawReply {
    fn parse(bytes: Vec<u8>) -> Self {
        let text = String::from_utf8(bytes).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let (status_line, header_block) = head.split_once("\r\n").unwrap_or((head, ""));
        let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut headers: Vec<(String, String)> = header_block
            .split("\r\n")
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap();
                (name.to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        normalize(&mut headers, body.len());
        Self {
            status_line: status_line.to_owned(),
            head: header_block.to_owned(),
            reply: Reply {
                status,
                headers,
                body: body.to_owned(),
            },
        }
    }
}

/// A GET of `path` with extra raw header lines (each ending in CRLF).
pub fn raw_get(path: &str, header_lines: &[u8]) -> Vec<u8> {
    let mut request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n").into_bytes();
    request.extend_from_slice(header_lines);
    request.extend_from_slice(b"\r\n");
    request
}

/// Whether `id` is one apierror made: `req-` and a lowercase hyphenated UUID v4.
pub fn is_fresh_request_id(id: &str) -> bool {
    id.strip_prefix("req-")
        .and_then(|uuid| {
            uuid::Uuid::parse_str(uuid)
                .ok()
                .map(|parsed| (uuid, parsed))
        })
        .is_some_and(|(uuid, parsed)| {
            parsed.get_version_num() == 4 && parsed.hyphenated().to_string() == uuid
        })
}
