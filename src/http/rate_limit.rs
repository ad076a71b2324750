//! Rate limits on sign-in, registration, password-reset requests and
//! email links: they make guessing passwords, mass registration and
//! flooding someone's inbox slow, without letting anyone lock a real person
//! out of their own account.
//!
//! Every limit is a keyed GCRA limiter from `governor`, in memory, and every
//! key starts with the tenant id, so a busy place never slows another. Per
//! client address there is a generous allowance for each action. Per
//! account, only *failed* sign-ins count, and they count per (account,
//! address) pair: somebody guessing from elsewhere cannot stop the owner
//! signing in from their own address. A looser ceiling across all addresses
//! slows guessing spread over many machines; addresses the account has
//! signed in from recently are exempt from it, so even a large attack leaves
//! the owner a way in. Reset and email-link requests are also limited per
//! account, so nobody can flood a person's inbox.
//!
//! Accounts are keyed by a digest of the normalised email address, never
//! the address itself, and nothing here logs an address, password or token.
//! Memory stays bounded: every few hundred checks, keys whose allowance is
//! full again are dropped.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use actix_web::HttpRequest;
use governor::clock::Clock;
use governor::middleware::StateInformationMiddleware;
use governor::{DefaultKeyedRateLimiter, Quota};
use sha2::{Digest, Sha256};

use crate::config::RateLimits;
use crate::db::ids::{TenantId, UserId};
use crate::error::Error;

/// What a person is trying to do, each with its own allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    SignIn,
    Register,
    PasswordReset,
    /// Asking for a sign-in link by email.
    EmailLink,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::Register => "register",
            Action::PasswordReset => "password_reset",
            Action::EmailLink => "email_link",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

type Keyed = DefaultKeyedRateLimiter<String>;
/// A limiter that also says how much allowance is left, so the failure
/// that spends the last of it can hold the key at once.
type Counted = DefaultKeyedRateLimiter<String, StateInformationMiddleware>;

/// Tidy the limiters after this many checks.
const TIDY_EVERY: u64 = 512;
/// How long an address an account signed in from stays exempt from the
/// account-wide ceiling.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// At most this many remembered (account, address) pairs; past it the
/// oldest half is forgotten.
const KNOWN_MAX: usize = 100_000;
const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(60 * 60);

/// The limiters of one running process (replicas each keep their own).
pub struct AuthLimits {
    enabled: bool,
    trusted_proxies: Vec<IpAddr>,
    sign_in_by_address: Keyed,
    register_by_address: Keyed,
    reset_by_address: Keyed,
    email_link_by_address: Keyed,
    reset_by_account: Keyed,
    email_link_by_account: Keyed,
    /// Failed sign-ins per (account, address).
    failures_by_pair: Counted,
    /// Failed sign-ins per account, from any address.
    failures_by_account: Counted,
    /// Failure keys whose allowance is spent, until it has grown back:
    /// checked before a password is even looked at.
    held: Mutex<HashMap<String, Instant>>,
    /// (account, address) pairs that signed in successfully, and when.
    known: Mutex<HashMap<String, Instant>>,
    checks: AtomicU64,
}

/// `n` events per `period`, all of which may come at once.
fn quota(n: u32, period: Duration) -> Quota {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    let each = (period / n.get()).max(Duration::from_millis(1));
    Quota::with_period(each)
        .unwrap_or_else(|| Quota::per_second(n))
        .allow_burst(n)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // The maps hold no invariants a panic could break.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Whole seconds, rounded up, at least one.
fn seconds(wait: Duration) -> u64 {
    let whole = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    whole.max(1)
}

impl AuthLimits {
    pub fn new(limits: &RateLimits, trusted_proxies: &[IpAddr]) -> Self {
        let failed = limits.failed_sign_ins_per_account;
        let resets = limits.resets_per_hour;
        let per_account_resets = (resets / 2).max(1);
        Self {
            enabled: limits.enabled,
            trusted_proxies: trusted_proxies.to_vec(),
            sign_in_by_address: Keyed::keyed(quota(limits.sign_in_per_minute, MINUTE)),
            register_by_address: Keyed::keyed(quota(limits.registrations_per_hour, HOUR)),
            reset_by_address: Keyed::keyed(quota(resets, HOUR)),
            email_link_by_address: Keyed::keyed(quota(resets, HOUR)),
            reset_by_account: Keyed::keyed(quota(per_account_resets, HOUR)),
            email_link_by_account: Keyed::keyed(quota(per_account_resets, HOUR)),
            failures_by_pair: Keyed::keyed(quota(failed, 15 * MINUTE)).with_middleware(),
            failures_by_account: Keyed::keyed(quota(failed.saturating_mul(10), HOUR))
                .with_middleware(),
            held: Mutex::default(),
            known: Mutex::default(),
            checks: AtomicU64::new(0),
        }
    }

    /// The client address of a request, believing `X-Forwarded-For` only
    /// from the configured proxies.
    pub fn client(&self, req: &HttpRequest) -> IpAddr {
        client_ip(req, &self.trusted_proxies)
    }

    /// Call before acting: counts this request against the client address's
    /// allowance (and, for resets and email links, the account's), and
    /// refuses a sign-in whose failure allowance is spent. `account` is the
    /// email address as given.
    pub fn check(
        &self,
        tenant: &TenantId,
        action: Action,
        client: IpAddr,
        account: Option<&str>,
    ) -> Result<(), Error> {
        if !self.enabled {
            return Ok(());
        }
        self.tidy_now_and_then();
        let tenant = tenant.as_str();
        let by_address = match action {
            Action::SignIn => &self.sign_in_by_address,
            Action::Register => &self.register_by_address,
            Action::PasswordReset => &self.reset_by_address,
            Action::EmailLink => &self.email_link_by_address,
        };
        if let Err(wait) = take(by_address, &address_key(tenant, client)) {
            return Err(refuse(tenant, action, client, "client address", wait));
        }
        let Some(account) = account else {
            return Ok(());
        };
        let digest = account_digest(account);
        match action {
            Action::SignIn => {
                let pair = pair_key(tenant, Action::SignIn, &digest, client);
                if let Some(wait) = self.held_for(&pair) {
                    return Err(refuse(tenant, action, client, "account and address", wait));
                }
                let whole = account_key(tenant, Action::SignIn, &digest);
                if !self.is_known(&pair) {
                    if let Some(wait) = self.held_for(&whole) {
                        return Err(refuse(tenant, action, client, "account", wait));
                    }
                }
            }
            Action::PasswordReset | Action::EmailLink => {
                let by_account = if action == Action::EmailLink {
                    &self.email_link_by_account
                } else {
                    &self.reset_by_account
                };
                if let Err(wait) = take(by_account, &account_key(tenant, action, &digest)) {
                    return Err(refuse(tenant, action, client, "account", wait));
                }
            }
            Action::Register => {}
        }
        Ok(())
    }

    /// Call after a sign-in attempt: logs it (the tenant, and the user id
    /// when the account exists; never the address, password or token), and
    /// counts a failure against the account's allowances. A success counts
    /// against nothing and exempts this address from the account-wide
    /// ceiling for a while.
    pub fn record_sign_in(
        &self,
        tenant: &TenantId,
        client: IpAddr,
        account: &str,
        user: Option<&UserId>,
        succeeded: bool,
    ) {
        let user = user.map_or_else(|| "unknown account".to_owned(), UserId::to_string);
        if succeeded {
            tracing::info!(%tenant, %user, %client, "sign-in attempt: password accepted");
        } else {
            tracing::warn!(%tenant, %user, %client, "sign-in attempt: refused, wrong email or password");
        }
        if !self.enabled {
            return;
        }
        let digest = account_digest(account);
        let pair = pair_key(tenant.as_str(), Action::SignIn, &digest, client);
        if succeeded {
            lock(&self.known).insert(pair, Instant::now());
            return;
        }
        let whole = account_key(tenant.as_str(), Action::SignIn, &digest);
        for (limiter, key, scope) in [
            (&self.failures_by_pair, pair, "account and address"),
            (&self.failures_by_account, whole, "account"),
        ] {
            // The failure that spends the last of the allowance holds the
            // key until about one more is allowed, so the next guess is
            // refused before its password is even looked at.
            let wait = match limiter.check_key(&key) {
                Ok(left) if left.remaining_burst_capacity() > 0 => continue,
                Ok(left) => left.quota().replenish_interval(),
                Err(not_until) => not_until.wait_time_from(limiter.clock().now()),
            };
            tracing::warn!(%tenant, %user, %client, scope, retry_after = seconds(wait),
                "too many failed sign-ins; further attempts must wait");
            lock(&self.held).insert(key, Instant::now() + wait);
        }
    }

    /// How long a spent failure allowance still holds, if it does.
    fn held_for(&self, key: &str) -> Option<Duration> {
        let until = *lock(&self.held).get(key)?;
        until.checked_duration_since(Instant::now())
    }

    fn is_known(&self, pair: &str) -> bool {
        lock(&self.known)
            .get(pair)
            .is_some_and(|at| at.elapsed() < KNOWN_FOR)
    }

    /// Every [`TIDY_EVERY`] checks, drops keys whose allowance is full again
    /// and holds that have ended, so memory tracks recent activity only.
    fn tidy_now_and_then(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % TIDY_EVERY != TIDY_EVERY - 1 {
            return;
        }
        for limiter in [
            &self.sign_in_by_address,
            &self.register_by_address,
            &self.reset_by_address,
            &self.email_link_by_address,
            &self.reset_by_account,
            &self.email_link_by_account,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        for limiter in [&self.failures_by_pair, &self.failures_by_account] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        let now = Instant::now();
        lock(&self.held).retain(|_, until| *until > now);
        let mut known = lock(&self.known);
        known.retain(|_, at| at.elapsed() < KNOWN_FOR);
        if known.len() > KNOWN_MAX {
            let mut times: Vec<Instant> = known.values().copied().collect();
            times.sort_unstable();
            let cutoff = times[times.len() / 2];
            known.retain(|_, at| *at > cutoff);
        }
        known.shrink_to_fit();
    }
}

/// Takes one from a key's allowance, or says how long until there is one.
fn take(limiter: &Keyed, key: &String) -> Result<(), Duration> {
    limiter
        .check_key(key)
        .map_err(|not_until| not_until.wait_time_from(limiter.clock().now()))
}

fn refuse(tenant: &str, action: Action, client: IpAddr, scope: &str, wait: Duration) -> Error {
    let retry_after = seconds(wait);
    tracing::warn!(tenant, %action, %client, scope, retry_after, "rate limit refused a request");
    Error::RateLimited { retry_after }
}

/// The client address of a request: the peer, or, when the peer is a
/// trusted proxy, the last address in `X-Forwarded-For` (the one that proxy
/// added; earlier ones are whatever the client chose to send).
pub fn client_ip(req: &HttpRequest, trusted: &[IpAddr]) -> IpAddr {
    let peer = req
        .peer_addr()
        .map(|a| a.ip().to_canonical())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if !trusted.contains(&peer) {
        return peer;
    }
    req.headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|last| {
            let last = last.trim();
            last.parse::<IpAddr>()
                .or_else(|_| last.parse::<SocketAddr>().map(|s| s.ip()))
                .ok()
        })
        .map(|ip| ip.to_canonical())
        .unwrap_or(peer)
}

/// One key per client address. An IPv6 client is keyed by its /64, since
/// one household or machine is usually given a whole /64 to pick from.
pub fn address_key(tenant: &str, client: IpAddr) -> String {
    format!("{tenant}|{}", address(client))
}

fn address(client: IpAddr) -> String {
    match client.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let net = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{net}/64")
        }
        v4 => v4.to_string(),
    }
}

/// One key per account and action.
pub fn account_key(tenant: &str, action: Action, digest: &str) -> String {
    format!("{tenant}|{action}|{digest}")
}

/// One key per account, action and client address.
pub fn pair_key(tenant: &str, action: Action, digest: &str, client: IpAddr) -> String {
    format!(
        "{}|{}",
        account_key(tenant, action, digest),
        address(client)
    )
}

/// A digest of the email address as the service normalises it (trimmed,
/// lowercase), so the limiters never hold people's addresses, and
/// `Ann@Example.org` and `ann@example.org` share one allowance.
pub fn account_digest(account: &str) -> String {
    let normalised = account.trim().to_lowercase();
    hex::encode(&Sha256::digest(normalised.as_bytes())[..16])
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn limits(failed: u32) -> AuthLimits {
        AuthLimits::new(
            &RateLimits {
                failed_sign_ins_per_account: failed,
                ..RateLimits::default()
            },
            &[],
        )
    }

    #[test]
    fn keys_are_per_tenant_and_never_hold_the_address() {
        let ip: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(address_key("t1", ip), "t1|203.0.113.7");
        let digest = account_digest(" Ann@Example.org ");
        assert_eq!(digest, account_digest("ann@example.org"));
        assert_eq!(digest.len(), 32);
        let key = account_key("t1", Action::PasswordReset, &digest);
        assert_eq!(key, format!("t1|password_reset|{digest}"));
        assert!(!key.contains("ann"));
        assert_ne!(key, account_key("t2", Action::PasswordReset, &digest));
        assert_eq!(
            pair_key("t1", Action::SignIn, &digest, ip),
            format!("t1|sign_in|{digest}|203.0.113.7")
        );
    }

    #[test]
    fn ipv6_clients_share_their_64_and_mapped_ipv4_is_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(address_key("t", a), "t|2001:db8:1:2::/64");
        assert_eq!(address_key("t", a), address_key("t", b));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(address_key("t", mapped), "t|192.0.2.1");
    }

    #[test]
    fn client_ip_believes_forwarded_for_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let request = |peer: &str| {
            TestRequest::default()
                .peer_addr(peer.parse().unwrap())
                .insert_header(("X-Forwarded-For", "198.51.100.1, 192.0.2.9"))
                .to_http_request()
        };
        let from_proxy = request("10.0.0.2:4000");
        assert_eq!(
            client_ip(&from_proxy, &[proxy]),
            "192.0.2.9".parse::<IpAddr>().unwrap()
        );
        let direct = request("203.0.113.5:4000");
        assert_eq!(
            client_ip(&direct, &[proxy]),
            "203.0.113.5".parse::<IpAddr>().unwrap()
        );
        let garbled = TestRequest::default()
            .peer_addr("10.0.0.2:4000".parse().unwrap())
            .insert_header(("X-Forwarded-For", "not an address"))
            .to_http_request();
        assert_eq!(client_ip(&garbled, &[proxy]), proxy);
    }

    #[test]
    fn failures_hold_one_address_but_not_the_owners() {
        let l = limits(2);
        let tenant = TenantId::new();
        let attacker: IpAddr = "198.51.100.1".parse().unwrap();
        let owner: IpAddr = "192.0.2.1".parse().unwrap();
        let check = |ip| l.check(&tenant, Action::SignIn, ip, Some("ann@example.org"));
        for _ in 0..2 {
            assert!(check(attacker).is_ok());
            l.record_sign_in(&tenant, attacker, "ann@example.org", None, false);
        }
        match check(attacker) {
            Err(Error::RateLimited { retry_after }) => assert!((1..=450).contains(&retry_after)),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(check(owner).is_ok(), "the owner's address is not held");
        let elsewhere = TenantId::new();
        assert!(l
            .check(
                &elsewhere,
                Action::SignIn,
                attacker,
                Some("ann@example.org")
            )
            .is_ok());
    }

    #[test]
    fn successes_do_not_spend_the_failure_allowance() {
        let l = limits(1);
        let tenant = TenantId::new();
        let owner: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..10 {
            assert!(l
                .check(&tenant, Action::SignIn, owner, Some("ann@example.org"))
                .is_ok());
            l.record_sign_in(&tenant, owner, "ann@example.org", None, true);
        }
    }

    #[test]
    fn known_addresses_pass_the_account_ceiling() {
        let l = limits(1);
        let tenant = TenantId::new();
        let owner: IpAddr = "192.0.2.1".parse().unwrap();
        l.record_sign_in(&tenant, owner, "ann@example.org", None, true);
        // Ten attacking addresses spend the account-wide ceiling.
        for i in 1..=10u8 {
            let ip = IpAddr::V4(Ipv4Addr::new(198, 51, 100, i));
            l.record_sign_in(&tenant, ip, "ann@example.org", None, false);
        }
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        let check = |ip| l.check(&tenant, Action::SignIn, ip, Some("ann@example.org"));
        assert!(matches!(check(stranger), Err(Error::RateLimited { .. })));
        assert!(check(owner).is_ok());
    }

    #[test]
    fn resets_are_limited_per_account_and_off_means_off() {
        let l = AuthLimits::new(
            &RateLimits {
                resets_per_hour: 4,
                ..RateLimits::default()
            },
            &[],
        );
        let tenant = TenantId::new();
        let reset = |i: u8| {
            let ip = IpAddr::V4(Ipv4Addr::new(198, 51, 100, i));
            l.check(&tenant, Action::PasswordReset, ip, Some("ann@example.org"))
        };
        assert!(reset(1).is_ok());
        assert!(reset(2).is_ok());
        assert!(matches!(reset(3), Err(Error::RateLimited { .. })));

        let off = AuthLimits::new(
            &RateLimits {
                enabled: false,
                registrations_per_hour: 1,
                ..RateLimits::default()
            },
            &[],
        );
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..5 {
            assert!(off.check(&tenant, Action::Register, ip, None).is_ok());
        }
    }

    #[test]
    fn waits_round_up_to_whole_seconds() {
        assert_eq!(seconds(Duration::ZERO), 1);
        assert_eq!(seconds(Duration::from_millis(1500)), 2);
        assert_eq!(seconds(Duration::from_secs(90)), 90);
    }
}
