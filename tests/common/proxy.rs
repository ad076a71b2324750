//! A TCP proxy for outage tests: the app talks to its database through it,
//! and the test cuts it (every open connection is dropped and new ones are
//! closed as soon as they arrive, as when the database host goes away) and
//! restores it.
//!
//! Like the test SMTP server it runs on its own thread and runtime
//! ([`Listener`]), so it keeps forwarding whatever the test's own runtime
//! is doing.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::net::TcpStream;
use tokio::task::AbortHandle;

use super::listener::Listener;

#[derive(Default)]
struct State {
    cut: bool,
    /// The forwarding tasks of open connections, aborted (closing both
    /// sides) by a cut.
    open: Vec<AbortHandle>,
    /// Connections closed at once because the proxy was cut.
    refused: usize,
}

pub struct TcpProxy {
    pub port: u16,
    state: Arc<Mutex<State>>,
    _listener: Listener,
}

impl TcpProxy {
    /// Forwards 127.0.0.1:<port> to `upstream`.
    pub fn start(upstream: SocketAddr) -> TcpProxy {
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let listener = Listener::start("proxy", move |client| {
            let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
            if s.cut {
                s.refused += 1;
                drop(client);
                return;
            }
            let task = tokio::spawn(forward(client, upstream));
            s.open.retain(|t| !t.is_finished());
            s.open.push(task.abort_handle());
        });
        TcpProxy {
            port: listener.port,
            state,
            _listener: listener,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Drops every open connection and refuses new ones until restored.
    pub fn cut(&self) {
        let mut s = self.state();
        s.cut = true;
        s.open.drain(..).for_each(|t| t.abort());
    }

    /// Forwards new connections again.
    pub fn restore(&self) {
        self.state().cut = false;
    }

    /// How many connections arrived while cut (the app kept trying).
    pub fn refused(&self) -> usize {
        self.state().refused
    }
}

impl Drop for TcpProxy {
    fn drop(&mut self) {
        self.state().open.iter().for_each(AbortHandle::abort);
    }
}

async fn forward(mut client: TcpStream, upstream: SocketAddr) {
    if let Ok(mut server) = TcpStream::connect(upstream).await {
        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
    }
}
