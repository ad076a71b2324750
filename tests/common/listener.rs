//! A TCP listener on 127.0.0.1 at a random port for the test SMTP server
//! and the database proxy. It runs on a thread and runtime of its own, so
//! it keeps answering whatever the test's own runtime is doing.

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

pub struct Listener {
    pub port: u16,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Listener {
    /// Starts accepting; `accepted` runs on the listener's runtime for each
    /// connection (so it may `tokio::spawn`). `what` names it in panics.
    pub fn start(
        what: &'static str,
        mut accepted: impl FnMut(TcpStream) + Send + 'static,
    ) -> Listener {
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let (shutdown, mut shutdown_rx) = oneshot::channel::<()>();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap_or_else(|e| panic!("{what} runtime: {e}"));
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0")
                    .await
                    .unwrap_or_else(|e| panic!("{what} bind: {e}"));
                let port = listener.local_addr().expect("a bound address").port();
                port_tx.send(port).expect("port sent");
                loop {
                    tokio::select! {
                        _ = &mut shutdown_rx => break,
                        Ok((stream, _)) = listener.accept() => accepted(stream),
                    }
                }
            });
        });
        let port = port_rx
            .recv()
            .unwrap_or_else(|_| panic!("the {what} did not start"));
        Listener {
            port,
            shutdown: Some(shutdown),
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
    }
}
