//! Second factor: time-based one-time codes from an authenticator app
//! (TOTP, RFC 6238) and one-time recovery codes for when the phone is lost.
//!
//! Everything here is pure: no clock, no randomness beyond the operating
//! system's generator, no database. Callers pass the current Unix time and
//! the last step they accepted, and store what comes back, so the rules
//! live in one testable place and storage stays in the service.
//!
//! The parameters are fixed to what every authenticator app assumes when
//! it reads an `otpauth://` URI: HMAC-SHA1, 6 digits, 30-second steps.
//! Apps that are told anything else often ignore it silently and show
//! codes that never match.

use std::fmt;

use hmac::{Hmac, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// 160 bits, the key length RFC 4226 recommends for HMAC-SHA1.
const SECRET_LEN: usize = 20;
const DIGITS: usize = 6;
const PERIOD_SECONDS: u64 = 30;
/// Steps accepted either side of the current one, for phones whose clock
/// is a little off and people who type slowly.
const DRIFT_STEPS: u64 = 1;

/// How many recovery codes a person is given at a time.
pub const RECOVERY_CODE_COUNT: usize = 10;
/// 24 symbols of 31 carry about 118.9 bits: over the 112 bits from which
/// ASVS (6.5.2) lets a lookup secret be stored under a fast hash, so a
/// leaked table of hashes cannot be searched offline.
const RECOVERY_CODE_LEN: usize = 24;
/// Symbols per hyphen-separated group, for copying by hand.
const RECOVERY_GROUP: usize = 6;
/// The length of codes handed out before codes grew to 24 symbols (about
/// 49.5 bits). Those still work until used or replaced; see
/// [`hash_recovery_code`].
const LEGACY_RECOVERY_CODE_LEN: usize = 10;
/// Marks the stored hash of a 24-symbol code, so older, shorter codes can
/// be told apart (and their owner asked to replace them).
pub const RECOVERY_HASH_PREFIX: &str = "v2:";
/// Lowercase letters and digits without `0`, `o`, `1`, `i` and `l`, which
/// people misread when copying codes from paper. 31 symbols.
const RECOVERY_ALPHABET: &[u8; 31] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// Modules of blank margin around a QR code; scanners need four.
const QR_QUIET_ZONE: usize = 4;
/// Default drawn size of one module; the page's stylesheet may override
/// the `width` and `height` attributes.
const QR_MODULE_PIXELS: usize = 5;

/// Everything outside RFC 3986's unreserved characters is escaped, so a
/// `:`, `&`, `?`, `#` or space in an issuer or account cannot change the
/// URI's structure.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The operating system's secure random number generator failed. Nothing
/// secret may be made without it, so the request fails instead.
#[derive(Debug, thiserror::Error)]
#[error("the system's secure random number generator failed: {0}")]
pub struct RandomnessUnavailable(String);

/// A stored secret that does not decode to a 20-byte key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid authenticator secret: expected 32 base32 characters")]
pub struct InvalidSecret;

/// The data does not fit in a QR code (about 2,300 bytes at this
/// error-correction level; an `otpauth://` URI is far shorter).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot draw a QR code: {0}")]
pub struct CannotDrawQr(String);

impl From<RandomnessUnavailable> for crate::error::Error {
    fn from(e: RandomnessUnavailable) -> Self {
        Self::Unavailable(e.to_string())
    }
}

// Secrets come from our own storage and QR data from our own code, so
// either failing is our fault, not the person's.
impl From<InvalidSecret> for crate::error::Error {
    fn from(e: InvalidSecret) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<CannotDrawQr> for crate::error::Error {
    fn from(e: CannotDrawQr) -> Self {
        Self::Internal(e.to_string())
    }
}

fn fill_random(buf: &mut [u8]) -> Result<(), RandomnessUnavailable> {
    getrandom::fill(buf).map_err(|e| RandomnessUnavailable(e.to_string()))
}

/// The key shared with a person's authenticator app. Stored as base32
/// (see [`TotpSecret::to_base32`]); `Debug` never shows it, so it cannot
/// leak into logs through a `{:?}`.
#[derive(Clone)]
pub struct TotpSecret([u8; SECRET_LEN]);

impl TotpSecret {
    /// A new random secret from the operating system's CSPRNG.
    pub fn generate() -> Result<Self, RandomnessUnavailable> {
        let mut key = [0u8; SECRET_LEN];
        fill_random(&mut key)?;
        Ok(Self(key))
    }

    /// Reads a secret written by [`TotpSecret::to_base32`]. Tolerates
    /// lowercase, spaces and `=` padding, since people and other systems
    /// write base32 in all those ways.
    pub fn from_base32(encoded: &str) -> Result<Self, InvalidSecret> {
        let cleaned: String = encoded
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let bytes = data_encoding::BASE32_NOPAD
            .decode(cleaned.trim_end_matches('=').as_bytes())
            .map_err(|_| InvalidSecret)?;
        let key = <[u8; SECRET_LEN]>::try_from(bytes.as_slice()).map_err(|_| InvalidSecret)?;
        Ok(Self(key))
    }

    /// Uppercase base32 without padding (RFC 4648), the form authenticator
    /// apps accept when typed in by hand: 32 characters.
    pub fn to_base32(&self) -> String {
        data_encoding::BASE32_NOPAD.encode(&self.0)
    }

    /// The raw key, for sealing it under the person's data key.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// A key opened from its sealed form.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, InvalidSecret> {
        <[u8; SECRET_LEN]>::try_from(bytes)
            .map(Self)
            .map_err(|_| InvalidSecret)
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

/// The `otpauth://` URI that authenticator apps read from a QR code
/// (Google's Key URI Format, which every app follows). The issuer appears
/// both in the label and as a parameter, since older apps read only one.
pub fn otpauth_uri(secret: &TotpSecret, issuer: &str, account: &str) -> String {
    let issuer = utf8_percent_encode(issuer, URI_COMPONENT);
    let account = utf8_percent_encode(account, URI_COMPONENT);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={}&issuer={issuer}\
         &algorithm=SHA1&digits={DIGITS}&period={PERIOD_SECONDS}",
        secret.to_base32()
    )
}

/// `data` as a QR code in SVG markup, drawn on the server so the page
/// needs no script. The markup is a bare `<svg>` element, meant to be
/// placed inline: the caller wraps it with its own accessible name (for
/// example `<div role="img" aria-label="…">`) and shows the secret as text
/// beside it for people who cannot scan. It has no script, no external
/// reference and no `style` attribute, so it passes a strict CSP; colours
/// are presentation attributes. `data` is never copied into the markup,
/// only the module geometry, so it needs no escaping.
pub fn qr_svg(data: &str) -> Result<String, CannotDrawQr> {
    let code = qrcode::QrCode::new(data.as_bytes()).map_err(|e| CannotDrawQr(e.to_string()))?;
    let width = code.width();
    let size = width + 2 * QR_QUIET_ZONE;
    let pixels = size * QR_MODULE_PIXELS;
    let colours = code.to_colors();

    // One rectangle per horizontal run of dark modules keeps the path
    // a few kilobytes instead of one square per module.
    let mut path = String::new();
    for (y, row) in colours.chunks(width).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if row[x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] == qrcode::Color::Dark {
                x += 1;
            }
            let run = x - start;
            path.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                start + QR_QUIET_ZONE,
                y + QR_QUIET_ZONE
            ));
        }
    }

    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{pixels}" height="{pixels}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    ))
}

type HmacSha1 = Hmac<Sha1>;

/// HOTP (RFC 4226) for one counter value, already reduced to 6 digits.
fn hotp(secret: &TotpSecret, counter: u64) -> u32 {
    // RFC 2104 pads a key shorter than the hash's block with zeros, so
    // padding it here gives the same MAC through the constructor that
    // takes a block-sized key and cannot fail.
    let mut key = hmac::digest::Key::<HmacSha1>::default();
    key[..SECRET_LEN].copy_from_slice(&secret.0);
    let mut mac = <HmacSha1 as hmac::digest::KeyInit>::new(&key);
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();

    // Dynamic truncation: the low nibble of the last byte picks where to
    // read 31 bits from.
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let value = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    value % 10u32.pow(DIGITS as u32)
}

fn format_code(value: u32) -> String {
    format!("{value:0width$}", width = DIGITS)
}

/// The 6-digit code an authenticator app shows at `unix_time`.
pub fn code_at(secret: &TotpSecret, unix_time: u64) -> String {
    format_code(hotp(secret, unix_time / PERIOD_SECONDS))
}

/// Checks a code typed by a person at `unix_time`. Accepts the current
/// 30-second step and one either side. Returns the step that matched,
/// which the caller must store and pass back as `last_used_step` next
/// time: any step at or before it is refused, so a code seen over
/// someone's shoulder cannot be used again. Spaces are ignored ("123 456"
/// is how many apps show codes); anything but 6 digits is refused.
pub fn verify(
    secret: &TotpSecret,
    code: &str,
    unix_time: u64,
    last_used_step: Option<u64>,
) -> Option<u64> {
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = unix_time / PERIOD_SECONDS;
    let mut matched = None;
    for step in now.saturating_sub(DRIFT_STEPS)..=now.saturating_add(DRIFT_STEPS) {
        if last_used_step.is_some_and(|last| step <= last) {
            continue;
        }
        let expected = format_code(hotp(secret, step));
        // Constant time, so response timing says nothing about how many
        // leading digits were right. Keeping the latest match refuses the
        // most steps afterwards in the rare case two steps share a code.
        if bool::from(expected.as_bytes().ct_eq(typed.as_bytes())) {
            matched = Some(step);
        }
    }
    matched
}

/// A fresh set of [`RECOVERY_CODE_COUNT`] distinct one-time recovery
/// codes, shown to the person once, grouped like `abcdef-ghjkmn-…` for
/// copying. Store only [`hash_recovery_code`] of each.
pub fn generate_recovery_codes() -> Result<Vec<String>, RandomnessUnavailable> {
    let mut codes: Vec<String> = Vec::with_capacity(RECOVERY_CODE_COUNT);
    let mut random = [0u8; 64];
    let mut used = random.len();
    while codes.len() < RECOVERY_CODE_COUNT {
        let mut code = String::with_capacity(RECOVERY_CODE_LEN + 1);
        let mut chars = 0;
        while chars < RECOVERY_CODE_LEN {
            if used == random.len() {
                fill_random(&mut random)?;
                used = 0;
            }
            let byte = random[used];
            used += 1;
            // Rejecting bytes above the largest multiple of 31 keeps every
            // symbol equally likely.
            let limit = (256 / RECOVERY_ALPHABET.len() * RECOVERY_ALPHABET.len()) as u8;
            if byte >= limit {
                continue;
            }
            if chars > 0 && chars % RECOVERY_GROUP == 0 {
                code.push('-');
            }
            code.push(char::from(
                RECOVERY_ALPHABET[usize::from(byte) % RECOVERY_ALPHABET.len()],
            ));
            chars += 1;
        }
        // A repeat is vanishingly unlikely, but stored hashes are looked up
        // one by one, so each code must be distinct.
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// The canonical form of a recovery code as typed: lowercase, without
/// spaces or hyphens, so `ABCDE FGHIJ` and `abcde-fghij` are the same code.
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The stored form of a recovery code: SHA-256 of its normalised form, in
/// hex, after [`RECOVERY_HASH_PREFIX`]. A fast hash is enough (unlike for
/// passwords) because the codes are random with ≥ 112 bits, not chosen by
/// people; look a typed code up by this hash and mark it used.
///
/// A 10-symbol code from before codes grew hashes to the bare hex its row
/// was stored under, so codes people already printed keep working once
/// each; [`is_legacy_recovery_hash`] finds them so their owner can be
/// asked to make new ones.
pub fn hash_recovery_code(code: &str) -> String {
    let normal = normalise_recovery_code(code);
    let digest = hex::encode(Sha256::digest(normal.as_bytes()));
    if normal.chars().count() == LEGACY_RECOVERY_CODE_LEN {
        digest
    } else {
        format!("{RECOVERY_HASH_PREFIX}{digest}")
    }
}

/// Whether a stored hash belongs to a short code from before codes grew.
pub fn is_legacy_recovery_hash(stored: &str) -> bool {
    !stored.starts_with(RECOVERY_HASH_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc_secret() -> TotpSecret {
        TotpSecret(*b"12345678901234567890")
    }

    #[test]
    fn rfc_6238_sha1_vectors() {
        // Appendix B gives 8 digits; 6-digit codes are their last 6.
        for (time, expected) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(&rfc_secret(), time), expected[2..], "at {time}");
        }
    }

    #[test]
    fn accepts_one_step_of_drift_either_way() {
        let s = rfc_secret();
        let now = 1_111_111_111;
        let step = now / PERIOD_SECONDS;
        assert_eq!(verify(&s, &code_at(&s, now), now, None), Some(step));
        assert_eq!(
            verify(&s, &code_at(&s, now - 30), now, None),
            Some(step - 1)
        );
        assert_eq!(
            verify(&s, &code_at(&s, now + 30), now, None),
            Some(step + 1)
        );
        assert_eq!(verify(&s, &code_at(&s, now - 60), now, None), None);
        assert_eq!(verify(&s, &code_at(&s, now + 60), now, None), None);
    }

    #[test]
    fn refuses_replay_of_a_used_step() {
        let s = rfc_secret();
        let now = 1_234_567_890;
        let code = code_at(&s, now);
        let step = verify(&s, &code, now, None);
        assert!(step.is_some());
        assert_eq!(verify(&s, &code, now, step), None);
        // Nor an older code once a newer one was used.
        assert_eq!(verify(&s, &code_at(&s, now - 30), now, step), None);
        // The next step's code is still fine.
        assert_eq!(
            verify(&s, &code_at(&s, now + 30), now + 30, step),
            step.map(|s| s + 1)
        );
    }

    #[test]
    fn ignores_spaces_and_refuses_malformed_codes() {
        let s = rfc_secret();
        let now = 59;
        let code = code_at(&s, now);
        let spaced = format!(" {} {} ", &code[..3], &code[3..]);
        assert_eq!(verify(&s, &spaced, now, None), Some(1));
        for bad in [
            "",
            &code[..5],
            &format!("{code}0"),
            "28708a",
            "-28708",
            "２８７０８２",
        ] {
            assert_eq!(verify(&s, bad, now, None), None, "{bad:?}");
        }
    }

    #[test]
    fn works_near_the_epoch() {
        let s = rfc_secret();
        assert_eq!(verify(&s, &code_at(&s, 0), 0, None), Some(0));
        assert_eq!(verify(&s, &code_at(&s, 30), 0, None), Some(1));
    }

    #[test]
    fn base32_round_trip() {
        let secret = TotpSecret::generate().unwrap();
        let encoded = secret.to_base32();
        assert_eq!(encoded.len(), 32);
        assert!(encoded
            .bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)));
        let back = TotpSecret::from_base32(&encoded).unwrap();
        assert_eq!(back.to_base32(), encoded);
        assert_eq!(code_at(&back, 1_000), code_at(&secret, 1_000));

        let rfc = rfc_secret().to_base32();
        assert_eq!(rfc, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let loose = format!("{} {}", rfc[..16].to_lowercase(), &rfc[16..]);
        assert_eq!(TotpSecret::from_base32(&loose).unwrap().to_base32(), rfc);

        for bad in [
            "",
            "GEZDGNBV",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",
            &format!("{rfc}AA"),
        ] {
            assert_eq!(TotpSecret::from_base32(bad).unwrap_err(), InvalidSecret);
        }
    }

    #[test]
    fn generated_secrets_differ_and_debug_hides_them() {
        let a = TotpSecret::generate().unwrap();
        let b = TotpSecret::generate().unwrap();
        assert_ne!(a.to_base32(), b.to_base32());
        let shown = format!("{a:?}");
        assert!(!shown.contains(&a.to_base32()));
        assert_eq!(shown, "TotpSecret(<redacted>)");
    }

    #[test]
    fn otpauth_uri_escapes_issuer_and_account() {
        let uri = otpauth_uri(&rfc_secret(), "Coventry & Warwick", "ann@example.org");
        assert_eq!(
            uri,
            "otpauth://totp/Coventry%20%26%20Warwick:ann%40example.org\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Coventry%20%26%20Warwick\
             &algorithm=SHA1&digits=6&period=30"
        );
        let tricky = otpauth_uri(&rfc_secret(), "a:b?c#d", "x&issuer=evil");
        assert!(tricky.starts_with("otpauth://totp/a%3Ab%3Fc%23d:x%26issuer%3Devil?"));
    }

    #[test]
    fn qr_svg_is_inline_safe() {
        let uri = otpauth_uri(&rfc_secret(), "Coventry & Warwick", "ann@example.org");
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("style="));
        assert!(!svg.contains("href"));
        assert!(svg.contains(r##"fill="#000""##));
        assert!(qr_svg(&"x".repeat(10_000)).is_err());
    }

    #[test]
    fn recovery_codes() {
        let codes = generate_recovery_codes().unwrap();
        assert_eq!(codes.len(), RECOVERY_CODE_COUNT);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        for code in &codes {
            let groups: Vec<&str> = code.split('-').collect();
            assert_eq!(groups.len(), 4, "{code}");
            assert!(groups.iter().all(|g| g.len() == 6), "{code}");
            assert!(
                groups
                    .iter()
                    .flat_map(|g| g.bytes())
                    .all(|b| RECOVERY_ALPHABET.contains(&b)),
                "{code}"
            );
            assert!(!code.contains(['0', 'o', '1', 'i', 'l']), "{code}");
        }
        // At least 112 bits each (ASVS 6.5.2 for a fast, unsalted hash).
        let bits = RECOVERY_CODE_LEN as f64 * (RECOVERY_ALPHABET.len() as f64).log2();
        assert!(bits >= 112.0, "{bits}");
        assert!(codes
            .iter()
            .all(|c| !is_legacy_recovery_hash(&hash_recovery_code(c))));
    }

    #[test]
    fn recovery_code_hash_ignores_case_hyphens_and_spaces() {
        let code = "abcdef-ghjkmn-pqrstu-vwxyz2";
        let h = hash_recovery_code(code);
        assert_eq!(h.len(), RECOVERY_HASH_PREFIX.len() + 64);
        assert!(!is_legacy_recovery_hash(&h));
        for same in [
            "ABCDEF-GHJKMN-PQRSTU-VWXYZ2",
            "abcdefghjkmnpqrstuvwxyz2",
            " abcdef ghjkmn pqrstu vwxyz2 ",
            "AbCdEf - gHjKmN-pqrstu vwxyz2",
        ] {
            assert_eq!(hash_recovery_code(same), h, "{same}");
        }
        assert_ne!(hash_recovery_code("abcdef-ghjkmn-pqrstu-vwxyz3"), h);
        assert_eq!(normalise_recovery_code("ABCDE-FGHJK"), "abcdefghjk");
    }

    #[test]
    fn short_codes_from_before_keep_their_old_hash() {
        // What rows written before codes grew hold: bare SHA-256 hex.
        let old = hash_recovery_code("abcde-fghjk");
        assert_eq!(
            old,
            hex::encode(Sha256::digest(b"abcdefghjk")),
            "the stored form of an old code must not change"
        );
        assert!(is_legacy_recovery_hash(&old));
        assert_eq!(hash_recovery_code("ABCDE FGHJK"), old);
    }
}
