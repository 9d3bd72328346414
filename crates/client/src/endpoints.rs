//! Public endpoints fail in ways a local node does not: they rate-limit (HTTP 429), are briefly
//! unavailable (502/503), and drop connections, sometimes after acting on the request. A client
//! given several endpoints moves to the next one when the current one fails that way, with a
//! growing pause, and sticks with whichever answered last.
//!
//! A signed transaction is one set of bytes with one hash, so sending it again can never make a
//! second transaction; what can go wrong is believing it failed when an endpoint accepted it and
//! then dropped the connection. So before sending a transaction again, and when an endpoint
//! answers a repeat with "already known" or "nonce too low", the client asks whether the chain
//! knows the transaction's hash, and if it does, reports it sent.

use alloy::{
    primitives::keccak256,
    rpc::json_rpc::{Id, Request, RequestPacket, Response, ResponsePacket, ResponsePayload, SerializedRequest},
    transports::{
        TransportError, TransportErrorKind, TransportFut,
        http::{Http, reqwest::Url},
    },
};
use serde_json::{Value, value::RawValue};
use std::{
    fmt,
    str::FromStr,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};
use tower::Service;

/// One or more JSON-RPC endpoints of the same chain, tried in order; written as a
/// comma-separated list (`https://a.example,https://b.example`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints(Vec<Url>);

impl Endpoints {
    /// The endpoints, the preferred first.
    pub fn urls(&self) -> &[Url] {
        &self.0
    }

    /// Whether every endpoint is on this machine (a local node mines on arrival).
    pub fn is_local(&self) -> bool {
        self.0.iter().all(|url| matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]")))
    }
}

impl From<Url> for Endpoints {
    fn from(url: Url) -> Self {
        Self(vec![url])
    }
}

impl From<&Url> for Endpoints {
    fn from(url: &Url) -> Self {
        Self(vec![url.clone()])
    }
}

impl FromStr for Endpoints {
    type Err = String;

    fn from_str(list: &str) -> Result<Self, String> {
        let urls = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<Url>().map_err(|e| format!("{s:?} is not a URL: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        if urls.is_empty() {
            return Err("no endpoint given".into());
        }
        Ok(Self(urls))
    }
}

impl fmt::Display for Endpoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<&str> = self.0.iter().map(Url::as_str).collect();
        f.write_str(&list.join(","))
    }
}

/// How many times a request is tried in all (over all endpoints) before its error is returned.
pub const ATTEMPTS: usize = 12;

/// The pause before the first retry; it doubles with each attempt, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(3);

/// A transport over several endpoints: see the module documentation.
#[derive(Clone)]
pub struct FailoverTransport {
    endpoints: Arc<[Http<alloy::transports::http::reqwest::Client>]>,
    current: Arc<AtomicUsize>,
}

impl FailoverTransport {
    /// A transport over `endpoints`, starting with the first.
    pub fn new(endpoints: &Endpoints) -> Self {
        let client = alloy::transports::http::reqwest::Client::new();
        Self {
            endpoints: endpoints.urls().iter().map(|url| Http::with_client(client.clone(), url.clone())).collect(),
            current: Arc::new(AtomicUsize::new(0)),
        }
    }

    async fn send(self, request: RequestPacket) -> Result<ResponsePacket, TransportError> {
        let transaction = request.as_single().filter(|r| r.method() == "eth_sendRawTransaction").and_then(raw_hash);
        let mut unsure_whether_sent = false;
        let mut last_error = None;
        for attempt in 0..ATTEMPTS {
            let turn = self.current.load(Ordering::Relaxed);
            let mut endpoint = self.endpoints[turn % self.endpoints.len()].clone();
            if attempt > 0 {
                tokio::time::sleep(backoff(attempt)).await;
                if let Some((id, hash)) = &transaction
                    && unsure_whether_sent
                    && known(&mut endpoint, hash).await
                {
                    return Ok(sent(id, hash));
                }
            }
            match endpoint.call(request.clone()).await {
                Ok(response) => {
                    if let (Some((id, hash)), Some(error)) = (&transaction, response.as_error())
                        && unsure_whether_sent
                        && is_repeat(&error.message)
                        && known(&mut endpoint, hash).await
                    {
                        return Ok(sent(id, hash));
                    }
                    return Ok(response);
                }
                Err(error) if is_endpoint_failure(&error) => {
                    // A dropped connection may have delivered the transaction before it broke.
                    unsure_whether_sent = true;
                    // The next attempt goes to the next endpoint, unless another request moved on already.
                    let _ =
                        self.current.compare_exchange(turn, turn.wrapping_add(1), Ordering::Relaxed, Ordering::Relaxed);
                    last_error = Some(error);
                }
                Err(error) => return Err(error),
            }
        }
        Err(last_error.unwrap_or_else(|| TransportErrorKind::custom_str("no endpoint answered")))
    }
}

impl fmt::Debug for FailoverTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let urls: Vec<&str> = self.endpoints.iter().map(|e| e.url()).collect();
        f.debug_struct("FailoverTransport").field("endpoints", &urls).finish_non_exhaustive()
    }
}

impl Service<RequestPacket> for FailoverTransport {
    type Response = ResponsePacket;
    type Error = TransportError;
    type Future = TransportFut<'static>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: RequestPacket) -> Self::Future {
        Box::pin(self.clone().send(request))
    }
}

fn backoff(attempt: usize) -> Duration {
    FIRST_BACKOFF.saturating_mul(1 << attempt.min(8)).min(MAX_BACKOFF)
}

/// The endpoint (not the request) failed: rate limited, unavailable, or the connection broke.
fn is_endpoint_failure(error: &TransportError) -> bool {
    match error {
        TransportError::Transport(TransportErrorKind::HttpError(http)) => http.status == 429 || http.status >= 500,
        TransportError::Transport(TransportErrorKind::HttpErrorWithRetryAfter { error, .. }) => {
            error.status == 429 || error.status >= 500
        }
        // reqwest's connect, reset and early-close errors, and a body cut short.
        TransportError::Transport(TransportErrorKind::Custom(_) | TransportErrorKind::BackendGone) => true,
        TransportError::DeserError { text, .. } => text.trim().is_empty(),
        _ => false,
    }
}

/// What nodes answer when a transaction, or another of the same nonce, is already in.
fn is_repeat(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    ["already known", "already imported", "known transaction", "nonce too low", "already exists"]
        .iter()
        .any(|m| message.contains(m))
}

/// The request's id and the hash of the signed transaction it sends.
fn raw_hash(request: &SerializedRequest) -> Option<(Id, String)> {
    let body: Value = serde_json::from_str(request.serialized().get()).ok()?;
    let raw = alloy::hex::decode(body["params"][0].as_str()?).ok()?;
    Some((request.id().clone(), keccak256(raw).to_string()))
}

/// Whether the endpoint knows the transaction `hash` (pending or mined).
async fn known(endpoint: &mut Http<alloy::transports::http::reqwest::Client>, hash: &str) -> bool {
    let Ok(request) = Request::new("eth_getTransactionByHash", Id::Number(0), [hash]).serialize() else {
        return false;
    };
    match endpoint.call(RequestPacket::Single(request)).await {
        Ok(ResponsePacket::Single(Response { payload: ResponsePayload::Success(found), .. })) => found.get() != "null",
        _ => false,
    }
}

/// The answer a successful `eth_sendRawTransaction` would have given.
fn sent(id: &Id, hash: &str) -> ResponsePacket {
    let result = RawValue::from_string(format!("\"{hash}\"")).expect("a JSON string");
    ResponsePacket::Single(Response { id: id.clone(), payload: ResponsePayload::Success(result) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_parse_from_a_comma_separated_list() {
        let endpoints: Endpoints = "http://127.0.0.1:1, https://rpc.example/key".parse().unwrap();
        assert_eq!(endpoints.urls().len(), 2);
        assert_eq!(endpoints.urls()[1].as_str(), "https://rpc.example/key");
        assert!(!endpoints.is_local());
        assert_eq!(endpoints.to_string(), "http://127.0.0.1:1/,https://rpc.example/key");
        assert!("".parse::<Endpoints>().is_err());
        assert!("http://a,not a url".parse::<Endpoints>().is_err());
    }

    #[test]
    fn repeats_are_recognised_in_the_words_of_common_nodes() {
        assert!(is_repeat("already known"));
        assert!(is_repeat("Nonce too low: next nonce 5, tx nonce 4"));
        assert!(!is_repeat("execution reverted"));
    }

    #[test]
    fn backoff_doubles_up_to_a_ceiling() {
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(2), Duration::from_millis(400));
        assert_eq!(backoff(11), MAX_BACKOFF);
    }
}
