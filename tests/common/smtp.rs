//! A small SMTP server for tests: plain text (no TLS) on 127.0.0.1 at a
//! random port, speaking enough SMTP for lettre (EHLO/HELO, MAIL FROM,
//! RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT). It records every
//! message it accepts and can be told, while running, to refuse for now
//! (451) or for good (550).
//!
//! It runs on its own thread and runtime ([`Listener`]), so it answers
//! whatever the test's own runtime is doing.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::listener::Listener;

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent, headers and body, dot-unstuffed.
    pub data: String,
}

impl Received {
    /// The value of a header (first occurrence, unfolded), if present.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with([' ', '\t']) {
                    v.push_str(line);
                    continue;
                }
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case(name) {
                    value = Some(v.trim().to_owned());
                }
            }
        }
        value
    }
}

/// The SMTP step at which the server refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    MailFrom,
    RcptTo,
    /// After the message has been sent, at the final dot.
    Data,
}

#[derive(Debug, Clone, Copy)]
struct Refusal {
    stage: Stage,
    reply: &'static str,
}

const TRY_LATER: &str = "451 4.3.0 Try again later";
const NEVER: &str = "550 5.1.1 No such mailbox here";

#[derive(Default)]
struct State {
    messages: Vec<Received>,
    refusal: Option<Refusal>,
    /// How many times a message was refused, for checks that refusals
    /// really happened.
    refused: usize,
    /// Takes the message at the final dot but never answers, as when the
    /// sender dies between sending the message and reading the reply.
    stall_after_data: bool,
}

pub struct SmtpServer {
    pub port: u16,
    state: Arc<Mutex<State>>,
    _listener: Listener,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let listener = Listener::start("SMTP server", move |stream| {
            tokio::spawn(session(stream, shared.clone()));
        });
        SmtpServer {
            port: listener.port,
            state,
            _listener: listener,
        }
    }

    /// The `mail` setting that sends here, without TLS.
    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("smtp://127.0.0.1:{}?tls=none", self.port)).unwrap()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every message accepted so far, in order.
    pub fn messages(&self) -> Vec<Received> {
        self.state().messages.clone()
    }

    /// How many messages were refused so far.
    pub fn refused(&self) -> usize {
        self.state().refused
    }

    /// Refuses every message with `451 4.3.0` at MAIL FROM (`true`), or
    /// accepts again (`false`).
    pub fn set_refusing(&self, refusing: bool) {
        self.set_refusing_at(refusing.then_some(Stage::MailFrom));
    }

    /// Refuses with `451 4.3.0` at the given stage, or accepts (`None`).
    pub fn set_refusing_at(&self, stage: Option<Stage>) {
        self.state().refusal = stage.map(|stage| Refusal {
            stage,
            reply: TRY_LATER,
        });
    }

    /// Keeps (`true`) every message at its final dot without answering,
    /// holding the connection until the sender goes away; or answers again.
    pub fn set_stalling_after_data(&self, stalling: bool) {
        self.state().stall_after_data = stalling;
    }

    /// Rejects every recipient for good with `550 5.1.1` (`true`), or
    /// accepts again (`false`).
    pub fn set_rejecting(&self, rejecting: bool) {
        self.state().refusal = rejecting.then_some(Refusal {
            stage: Stage::RcptTo,
            reply: NEVER,
        });
    }

    /// Waits until at least `count` messages have arrived, up to `timeout`;
    /// returns them all (the caller checks how many).
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() >= deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// One SMTP conversation.
async fn session(stream: TcpStream, state: Arc<Mutex<State>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let refusal = |stage: Stage| {
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        match s.refusal {
            Some(r) if r.stage == stage => {
                s.refused += 1;
                Some(r.reply)
            }
            _ => None,
        }
    };
    let mut from: Option<String> = None;
    let mut to: Vec<String> = Vec::new();
    if write
        .write_all(b"220 smtp.test ESMTP ready\r\n")
        .await
        .is_err()
    {
        return;
    }
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match lines.read_until(b'\n', &mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&buf).trim_end().to_owned();
        let verb = line
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: String = match verb.as_str() {
            "EHLO" => "250-smtp.test greets you\r\n250-8BITMIME\r\n250 SMTPUTF8".into(),
            "HELO" => "250 smtp.test".into(),
            "MAIL" => match refusal(Stage::MailFrom) {
                Some(r) => r.into(),
                None => {
                    from = Some(address(&line));
                    to.clear();
                    "250 2.1.0 OK".into()
                }
            },
            "RCPT" if from.is_none() => "503 5.5.1 MAIL first".into(),
            "RCPT" => match refusal(Stage::RcptTo) {
                Some(r) => r.into(),
                None => {
                    to.push(address(&line));
                    "250 2.1.5 OK".into()
                }
            },
            "DATA" if to.is_empty() => "503 5.5.1 RCPT first".into(),
            "DATA" => {
                if write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await
                    .is_err()
                {
                    return;
                }
                let mut data = String::new();
                loop {
                    buf.clear();
                    match lines.read_until(b'\n', &mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let text = String::from_utf8_lossy(&buf);
                    let text = text.trim_end_matches(['\r', '\n']);
                    if text == "." {
                        break;
                    }
                    // Dot-unstuffing: a leading dot was doubled by the sender.
                    data.push_str(text.strip_prefix('.').unwrap_or(text));
                    data.push_str("\r\n");
                }
                let stall = {
                    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
                    if s.stall_after_data {
                        s.messages.push(Received {
                            from: from.clone().unwrap_or_default(),
                            to: to.clone(),
                            data: data.clone(),
                        });
                    }
                    s.stall_after_data
                };
                if stall {
                    // The message is here; the reply never leaves.
                    while matches!(lines.read_until(b'\n', &mut buf).await, Ok(n) if n > 0) {}
                    return;
                }
                let answer = match refusal(Stage::Data) {
                    Some(r) => r.into(),
                    None => {
                        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
                        s.messages.push(Received {
                            from: from.clone().unwrap_or_default(),
                            to: to.clone(),
                            data,
                        });
                        format!("250 2.0.0 Queued as {}", s.messages.len())
                    }
                };
                from = None;
                to.clear();
                answer
            }
            "RSET" => {
                from = None;
                to.clear();
                "250 2.0.0 OK".into()
            }
            "NOOP" => "250 2.0.0 OK".into(),
            "QUIT" => {
                let _ = write.write_all(b"221 2.0.0 Bye\r\n").await;
                return;
            }
            _ => "502 5.5.2 Command not recognised".into(),
        };
        if write
            .write_all(format!("{answer}\r\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}

/// The address inside `<…>` of a MAIL FROM or RCPT TO line.
fn address(line: &str) -> String {
    line.split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(addr, _)| addr.to_owned())
        .unwrap_or_default()
}
