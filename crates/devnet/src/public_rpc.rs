//! A stand-in for a public L2 endpoint, in front of a local node: it refuses `eth_getLogs` over
//! more than a block range limit (public endpoints refuse some thousands of blocks; tests use a
//! small limit over a history many times longer), answers some requests with HTTP 429, as rate
//! limits do, and drops some connections after forwarding the request (the request took effect,
//! its answer is lost: the case where a client must not send a transaction twice). Everything else
//! is forwarded as is. Tests run the CLI and the network through it.

use alloy::transports::http::reqwest::{Client, Url};
use serde_json::{Value, json};
use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// How the endpoint limits its users.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most blocks one `eth_getLogs` may cover.
    pub max_log_range: u64,
    /// Every this many requests, one gets HTTP 429 (0: never).
    pub rate_limit_every: u64,
    /// Every this many requests, one is forwarded and its connection then closed unanswered
    /// (0: never).
    pub drop_every: u64,
}

/// What the endpoint refused so far.
#[derive(Debug, Default)]
pub struct Refusals {
    /// `eth_getLogs` requests refused for their range.
    pub log_ranges: AtomicU64,
    /// Requests answered with HTTP 429.
    pub rate_limited: AtomicU64,
    /// Requests forwarded whose connection was then dropped.
    pub dropped: AtomicU64,
    /// Requests seen.
    pub requests: AtomicU64,
}

/// A running stand-in; stops when dropped.
pub struct PublicRpc {
    /// Where clients connect.
    pub url: Url,
    /// What it refused.
    pub refusals: Arc<Refusals>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for PublicRpc {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl PublicRpc {
    /// Starts the stand-in on a free local port, forwarding to `upstream`.
    pub async fn start(upstream: Url, limits: Limits) -> eyre::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url: Url = format!("http://{}", listener.local_addr()?).parse()?;
        let refusals = Arc::new(Refusals::default());
        let shared = Arc::new(Proxy { upstream, limits, refusals: refusals.clone(), client: Client::new() });
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(shared.clone().serve(stream));
            }
        });
        Ok(Self { url, refusals, task })
    }
}

struct Proxy {
    upstream: Url,
    limits: Limits,
    refusals: Arc<Refusals>,
    client: Client,
}

impl Proxy {
    /// One connection: HTTP/1.1 requests one after the other (keep-alive), until it closes.
    async fn serve(self: Arc<Self>, stream: TcpStream) {
        let mut stream = BufReader::new(stream);
        loop {
            let Some(body) = read_request(&mut stream).await else { return };
            let Some((status, reply)) = self.answer(&body).await else { return };
            let head = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                reply.len()
            );
            let stream = stream.get_mut();
            if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(&reply).await.is_err() {
                return;
            }
        }
    }

    /// The status and body to answer with; `None` to drop the connection instead.
    async fn answer(&self, body: &[u8]) -> Option<(&'static str, Vec<u8>)> {
        let n = self.refusals.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let every = |k: u64| k != 0 && n.is_multiple_of(k);
        if every(self.limits.rate_limit_every) {
            self.refusals.rate_limited.fetch_add(1, Ordering::Relaxed);
            return Some(("429 Too Many Requests", b"{\"error\":\"rate limited\"}".to_vec()));
        }
        let answer = self.forward(body).await;
        if every(self.limits.drop_every) {
            self.refusals.dropped.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        Some(answer)
    }

    async fn forward(&self, body: &[u8]) -> (&'static str, Vec<u8>) {
        let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        if request["method"] == "eth_getLogs" {
            let range = self.range(&request["params"][0]).await;
            if range > self.limits.max_log_range {
                self.refusals.log_ranges.fetch_add(1, Ordering::Relaxed);
                let error = json!({
                    "jsonrpc": "2.0",
                    "id": request["id"],
                    "error": { "code": -32005, "message": format!("query exceeds max block range {}", self.limits.max_log_range) },
                });
                return ("200 OK", error.to_string().into_bytes());
            }
        }
        match self
            .client
            .post(self.upstream.clone())
            .header("content-type", "application/json")
            .body(body.to_vec())
            .send()
            .await
        {
            Ok(response) => ("200 OK", response.bytes().await.map(|b| b.to_vec()).unwrap_or_default()),
            Err(_) => ("502 Bad Gateway", Vec::new()),
        }
    }

    /// The number of blocks a log filter covers (0 for a filter by block hash).
    async fn range(&self, filter: &Value) -> u64 {
        if filter.get("blockHash").is_some() {
            return 0;
        }
        let latest = self.latest().await;
        let block = |tag: &Value| match tag.as_str() {
            None | Some("latest" | "pending" | "safe" | "finalized") => latest,
            Some("earliest") => 0,
            Some(hex) => u64::from_str_radix(hex.trim_start_matches("0x"), 16).unwrap_or(latest),
        };
        let (from, to) = (block(&filter["fromBlock"]), block(&filter["toBlock"]));
        to.saturating_sub(from) + 1
    }

    async fn latest(&self) -> u64 {
        let request = json!({ "jsonrpc": "2.0", "id": 0, "method": "eth_blockNumber", "params": [] });
        let answer = async {
            let response = self.client.post(self.upstream.clone()).json(&request).send().await.ok()?;
            let value: Value = response.json().await.ok()?;
            u64::from_str_radix(value["result"].as_str()?.trim_start_matches("0x"), 16).ok()
        };
        answer.await.unwrap_or(0)
    }
}

/// Reads one HTTP request from `stream` and returns its body; `None` once the connection ends.
async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(body)
}
