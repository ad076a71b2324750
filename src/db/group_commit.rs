//! Group commit: concurrent write requests share one transaction and one
//! durable commit, and each is acknowledged only after that commit.
//!
//! SQLite lets one connection write at a time and, with
//! `synchronous=FULL`, every commit waits for the disk. Sixty-four people
//! supporting proposals at once would otherwise queue for the write lock one
//! fsync each (and some would give up after the busy timeout). Here one
//! writer thread takes whatever work is waiting, runs each piece in its own
//! savepoint inside one `BEGIN IMMEDIATE` transaction, commits once, and only
//! then answers every caller. A piece that fails rolls back to its savepoint
//! alone; if the commit itself fails, nobody in the batch is told their
//! write succeeded. Durability is unchanged: nothing is acknowledged before
//! it is on disk.
//!
//! PostgreSQL already groups concurrent commits into one WAL flush, so there
//! the work runs on the pool as any other request does, in the transaction
//! its service opens.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use diesel::connection::TransactionManager;
use diesel::Connection;

use super::{write_transaction, DbConn, Pool};

/// Most pieces of work in one transaction: bounds how long the last in a
/// batch waits, and how much one failed commit turns away.
const MOST_PER_BATCH: usize = 256;

/// Why group commit could not run a piece of work (the work's own errors
/// are the work's).
#[derive(Debug, thiserror::Error)]
pub enum GroupCommitError {
    #[error("the database writer has stopped")]
    Stopped,
    #[error("a write in the same batch failed unexpectedly; nothing of this request was saved")]
    BatchAbandoned,
    #[error("no database connection for writing: {0}")]
    Pool(String),
}

/// Why a batch did not commit, told to each of its callers.
#[derive(Clone)]
enum Failure {
    /// The database refused (disk full, database away): each caller gets
    /// the same database error, so it maps to the same answer (507, 503).
    Database(diesel::result::DatabaseErrorKind, String),
    Abandoned,
}

impl Failure {
    fn of(error: diesel::result::Error) -> Self {
        use diesel::result::Error as D;
        match error {
            D::DatabaseError(kind, info) => Self::Database(kind, info.message().to_owned()),
            D::RollbackErrorOnCommit { commit_error, .. } => Self::of(*commit_error),
            _ => Self::Abandoned,
        }
    }

    fn into_error<E: From<diesel::result::Error> + From<GroupCommitError>>(self) -> E {
        match self {
            Self::Database(kind, message) => E::from(diesel::result::Error::DatabaseError(
                kind,
                Box::new(message),
            )),
            Self::Abandoned => E::from(GroupCommitError::BatchAbandoned),
        }
    }
}

/// One caller's work, type-erased so different requests share a batch.
trait Job: Send {
    /// Runs the work in its own savepoint and keeps its result.
    fn run(&mut self, conn: &mut DbConn);
    /// Answers the caller once the batch's fate is known: its own result if
    /// the batch committed (or its work failed on its own), else `failure`.
    fn answer(self: Box<Self>, failure: Option<Failure>);
    /// Answers the caller that the batch could not run at all.
    fn refuse(self: Box<Self>, why: GroupCommitError);
}

struct Piece<T, E, F> {
    work: Option<F>,
    result: Option<Result<T, E>>,
    reply: tokio::sync::oneshot::Sender<Result<T, E>>,
}

impl<T, E, F> Job for Piece<T, E, F>
where
    T: Send,
    E: From<diesel::result::Error> + From<GroupCommitError> + Send,
    F: FnOnce(&mut DbConn) -> Result<T, E> + Send,
{
    fn run(&mut self, conn: &mut DbConn) {
        if let Some(work) = self.work.take() {
            // Nested inside the batch's transaction, this is a savepoint.
            self.result = Some(write_transaction(conn, work));
        }
    }

    fn answer(self: Box<Self>, failure: Option<Failure>) {
        let result = match (self.result, failure) {
            // A failed piece was rolled back on its own; its error says why.
            (Some(Err(own)), _) => Err(own),
            (Some(Ok(value)), None) => Ok(value),
            (Some(Ok(_)), Some(why)) | (None, Some(why)) => Err(why.into_error()),
            (None, None) => Err(Failure::Abandoned.into_error()),
        };
        // The caller may have gone (a closed connection); nothing to tell.
        let _ = self.reply.send(result);
    }

    fn refuse(self: Box<Self>, why: GroupCommitError) {
        let _ = self.reply.send(Err(E::from(why)));
    }
}

/// Where write work goes. Cheap to clone; the writer thread ends when the
/// last clone is dropped, after finishing what was queued.
#[derive(Clone)]
pub struct GroupCommit {
    queue: Option<mpsc::Sender<Box<dyn Job>>>,
    pool: Pool,
}

impl GroupCommit {
    /// Starts the writer thread for SQLite; on PostgreSQL, work runs on the
    /// pool directly.
    pub fn start(pool: Pool, sqlite: bool) -> Self {
        let queue = sqlite.then(|| {
            let (sender, receiver) = mpsc::channel::<Box<dyn Job>>();
            let writer_pool = pool.clone();
            std::thread::Builder::new()
                .name("group-commit".into())
                .spawn(move || write_batches(&writer_pool, &receiver))
                .expect("the group-commit thread starts");
            sender
        });
        Self { queue, pool }
    }

    /// Runs `work` and returns its result once it is durable. Use it for
    /// writes many people make at once (supports, ballots, reading a
    /// story); `work` must not wait on anything but the database, since
    /// others share its transaction. On SQLite `work` runs in a savepoint
    /// of the batch's transaction; on PostgreSQL it runs on the pool as any
    /// request does, so work that writes more than once opens its own
    /// transaction ([`write_transaction`], as the services do).
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<diesel::result::Error> + From<GroupCommitError> + Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    {
        let Some(queue) = &self.queue else {
            let pool = self.pool.clone();
            return actix_web::web::block(move || {
                let mut conn = pool
                    .get()
                    .map_err(|e| GroupCommitError::Pool(e.to_string()))?;
                // No transaction around it: it would only turn the
                // service's own into a savepoint, two more round trips on
                // every write.
                let done = work(&mut conn);
                conn.worked(done.is_ok());
                done
            })
            .await
            .map_err(|_| E::from(GroupCommitError::Stopped))?;
        };
        let (reply, answer) = tokio::sync::oneshot::channel();
        let piece: Box<dyn Job> = Box::new(Piece {
            work: Some(work),
            result: None,
            reply,
        });
        queue
            .send(piece)
            .map_err(|_| E::from(GroupCommitError::Stopped))?;
        answer
            .await
            .map_err(|_| E::from(GroupCommitError::Stopped))?
    }
}

/// The writer thread: one batch at a time, as many pieces as are waiting.
fn write_batches(pool: &Pool, queue: &mpsc::Receiver<Box<dyn Job>>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MOST_PER_BATCH {
            match queue.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let mut conn = match pool.get() {
            Ok(conn) => conn,
            Err(e) => {
                let why = e.to_string();
                for job in batch {
                    job.refuse(GroupCommitError::Pool(why.clone()));
                }
                continue;
            }
        };
        write_batch(&mut conn, batch);
    }
}

fn write_batch(conn: &mut DbConn, mut batch: Vec<Box<dyn Job>>) {
    type Manager = <DbConn as Connection>::TransactionManager;
    let ran = catch_unwind(AssertUnwindSafe(|| {
        write_transaction(conn, |conn| {
            for job in batch.iter_mut() {
                job.run(conn);
                // After a failure SQLite may have ended the whole
                // transaction (a full disk); stop, so no later piece runs
                // outside it.
                if Manager::transaction_manager_status_mut(conn)
                    .transaction_depth()
                    .map(|depth| depth.is_none())
                    .unwrap_or(true)
                {
                    return Err(diesel::result::Error::BrokenTransactionManager);
                }
            }
            Ok::<_, diesel::result::Error>(())
        })
    }));
    let failure = match ran {
        Ok(Ok(())) => None,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, pieces = batch.len(), "a group commit failed; nobody in it was acknowledged");
            Some(Failure::of(e))
        }
        Err(_) => {
            tracing::error!(
                pieces = batch.len(),
                "a write panicked inside a group commit; the batch was abandoned"
            );
            // Leave no transaction open on the pooled connection.
            while let Ok(Some(_)) =
                Manager::transaction_manager_status_mut(conn).transaction_depth()
            {
                if Manager::rollback_transaction(conn).is_err() {
                    break;
                }
            }
            Some(Failure::Abandoned)
        }
    };
    for job in batch {
        job.answer(failure.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::RunQueryDsl;

    #[derive(Debug, thiserror::Error)]
    enum TestError {
        #[error("database: {0}")]
        Db(#[from] diesel::result::Error),
        #[error("group commit: {0}")]
        Group(#[from] GroupCommitError),
        #[error("refused on purpose")]
        Refused,
    }

    type Work = Box<dyn FnOnce(&mut DbConn) -> Result<i64, TestError> + Send>;

    fn sqlite() -> (tempfile::TempDir, Pool) {
        let dir = tempfile::tempdir().unwrap();
        let url = crate::db::DatabaseUrl::Sqlite(dir.path().join("t.db"));
        let pool = crate::db::pool(&url, 4, None);
        pool.get()
            .unwrap()
            .batch_execute("CREATE TABLE marks (n INTEGER PRIMARY KEY)")
            .unwrap();
        (dir, pool)
    }

    fn mark(n: i64) -> impl FnOnce(&mut DbConn) -> Result<i64, TestError> + Send + 'static {
        move |conn| {
            diesel::sql_query(format!("INSERT INTO marks (n) VALUES ({n})")).execute(conn)?;
            Ok(n)
        }
    }

    fn marks(pool: &Pool) -> Vec<i64> {
        #[derive(diesel::QueryableByName)]
        struct Mark {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::sql_query("SELECT n FROM marks ORDER BY n")
            .load::<Mark>(&mut **pool.get().unwrap())
            .unwrap()
            .into_iter()
            .map(|m| m.n)
            .collect()
    }

    /// Holds the writer until the returned sender is dropped or sent to, so
    /// what is queued meanwhile forms the next batch. Returns once the writer
    /// is inside the hold, so nothing sent after it can join its batch.
    async fn hold(
        writes: &GroupCommit,
    ) -> (
        tokio::task::JoinHandle<Result<i64, TestError>>,
        std::sync::mpsc::Sender<()>,
    ) {
        let (inside_tx, inside) = tokio::sync::oneshot::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let writes = writes.clone();
        let handle = tokio::spawn(async move {
            writes
                .write(move |_conn| {
                    inside_tx.send(()).unwrap();
                    let _ = released.recv();
                    Ok::<_, TestError>(0)
                })
                .await
        });
        inside.await.unwrap();
        (handle, release)
    }

    /// Queues a write now (its first poll sends it to the writer), then lets
    /// it finish on its own task: writes queued one after another keep their
    /// order, which spawning alone does not promise.
    fn queued<T: Send + 'static>(
        write: impl std::future::Future<Output = T> + Send + 'static,
    ) -> tokio::task::JoinHandle<T> {
        let mut write = Box::pin(write);
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        assert!(write.as_mut().poll(&mut context).is_pending());
        tokio::spawn(write)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn every_acknowledged_write_is_stored_once() {
        let (_dir, pool) = sqlite();
        let writes = GroupCommit::start(pool.clone(), true);
        let tasks: Vec<_> = (1..=300)
            .map(|n| {
                let writes = writes.clone();
                tokio::spawn(async move { writes.write(mark(n)).await })
            })
            .collect();
        let mut acknowledged = Vec::new();
        for task in tasks {
            acknowledged.push(task.await.unwrap().unwrap());
        }
        acknowledged.sort();
        assert_eq!(acknowledged, (1..=300).collect::<Vec<_>>());
        assert_eq!(marks(&pool), acknowledged);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_failing_write_takes_only_itself_back() {
        let (_dir, pool) = sqlite();
        let writes = GroupCommit::start(pool.clone(), true);
        let (held, release) = hold(&writes).await;
        let send = |work: Work| {
            let writes = writes.clone();
            queued(async move { writes.write(work).await })
        };
        let first = send(Box::new(mark(1)));
        // Writes a row, then refuses: the row must go with it.
        let refused = send(Box::new(|conn: &mut DbConn| {
            mark(2)(conn)?;
            Err(TestError::Refused)
        }));
        // A duplicate key: the database's own refusal.
        let duplicate = send(Box::new(mark(1)));
        let last = send(Box::new(mark(3)));
        release.send(()).unwrap();
        held.await.unwrap().unwrap();
        assert_eq!(first.await.unwrap().unwrap(), 1);
        assert!(matches!(refused.await.unwrap(), Err(TestError::Refused)));
        assert!(matches!(duplicate.await.unwrap(), Err(TestError::Db(_))));
        assert_eq!(last.await.unwrap().unwrap(), 3);
        assert_eq!(marks(&pool), vec![1, 3]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_panic_abandons_its_batch_and_the_writer_goes_on() {
        let (_dir, pool) = sqlite();
        let writes = GroupCommit::start(pool.clone(), true);
        let (held, release) = hold(&writes).await;
        let before = {
            let writes = writes.clone();
            queued(async move { writes.write(mark(1)).await })
        };
        let panicking = {
            let writes = writes.clone();
            queued(async move {
                writes
                    .write(|conn: &mut DbConn| -> Result<i64, TestError> {
                        mark(2)(conn)?;
                        panic!("a bug in a service");
                    })
                    .await
            })
        };
        release.send(()).unwrap();
        held.await.unwrap().unwrap();
        // Same batch as the panic: not acknowledged, and not stored.
        assert!(matches!(
            before.await.unwrap(),
            Err(TestError::Group(GroupCommitError::BatchAbandoned))
        ));
        assert!(panicking.await.unwrap().is_err());
        assert_eq!(marks(&pool), Vec::<i64>::new());
        // The writer is still there.
        assert_eq!(writes.write(mark(4)).await.unwrap(), 4);
        assert_eq!(marks(&pool), vec![4]);
    }
}
