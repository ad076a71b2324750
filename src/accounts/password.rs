//! Passwords: parsed once (length and strength), hashed with argon2id using
//! the OWASP parameters on a few threads of their own so a flood of sign-ins cannot
//! starve other requests.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use argon2::password_hash::{
    rand_core::OsRng, Output, ParamsString, PasswordHash, Salt, SaltString,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use subtle::ConstantTimeEq;

use crate::error::{Error, FieldError, Result, Words};

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// A password someone typed. Never printed.
#[derive(Clone)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    /// A new password: 12–128 characters and not easy to guess. `context`
    /// holds words the person's own details make easy to guess (their name
    /// and email).
    pub fn parse_new(raw: &str, context: &[&str]) -> Result<Self, FieldError> {
        let chars = raw.chars().count();
        if chars < MIN_CHARS {
            return Err(FieldError::new(
                "password",
                "too_short",
                Words::of1("accounts-error-password-too-short", "min", MIN_CHARS),
            ));
        }
        if chars > MAX_CHARS {
            return Err(too_long("password"));
        }
        let words = context_words(context);
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let estimate = zxcvbn::zxcvbn(raw, &words);
        if (estimate.score() as u8) < 3 {
            return Err(FieldError::new("password", "too_weak", too_weak(&estimate)));
        }
        Ok(Self(raw.to_owned()))
    }

    /// A password given to sign in or to confirm an action: not checked
    /// for strength (it was when it was set), and verified exactly as
    /// typed. One longer than any password can be is refused, never cut
    /// short (ASVS 6.2.8), which also bounds the work of hashing it.
    pub fn given(raw: &str) -> Result<Self, FieldError> {
        if raw.chars().count() > MAX_CHARS {
            return Err(too_long("password"));
        }
        Ok(Self(raw.to_owned()))
    }

    fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Why a password is easy to guess, with zxcvbn's reason and first tip in
/// the reader's language. The English reads "this password would be easy
/// to guess (this is a top-10 common password). Add another word or two.
/// Uncommon words are better."
fn too_weak(estimate: &zxcvbn::Entropy) -> Words {
    let Some(feedback) = estimate.feedback() else {
        return Words::of("accounts-error-password-weak-bare");
    };
    let why = feedback.warning().map(warning_words);
    let tip = feedback
        .suggestions()
        .first()
        .copied()
        .map(suggestion_words);
    match (why, tip) {
        (Some(why), Some(tip)) => Words::of2(
            "accounts-error-password-weak-why-tip",
            "why",
            why,
            "tip",
            tip,
        ),
        (Some(why), None) => Words::of1("accounts-error-password-weak-why", "why", why),
        (None, Some(tip)) => Words::of1("accounts-error-password-weak-tip", "tip", tip),
        (None, None) => Words::of("accounts-error-password-weak"),
    }
}

fn warning_words(warning: zxcvbn::feedback::Warning) -> Words {
    use zxcvbn::feedback::Warning as W;
    match warning {
        W::StraightRowsOfKeysAreEasyToGuess => Words::of("password-warning-straight-rows"),
        W::ShortKeyboardPatternsAreEasyToGuess => Words::of("password-warning-keyboard-patterns"),
        W::RepeatsLikeAaaAreEasyToGuess => Words::of("password-warning-repeats"),
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => {
            Words::of("password-warning-repeated-groups")
        }
        W::ThisIsATop10Password => Words::of("password-warning-top-10"),
        W::ThisIsATop100Password => Words::of("password-warning-top-100"),
        W::ThisIsACommonPassword => Words::of("password-warning-common"),
        W::ThisIsSimilarToACommonlyUsedPassword => Words::of("password-warning-similar"),
        W::SequencesLikeAbcAreEasyToGuess => Words::of("password-warning-sequences"),
        W::RecentYearsAreEasyToGuess => Words::of("password-warning-recent-years"),
        W::AWordByItselfIsEasyToGuess => Words::of("password-warning-one-word"),
        W::DatesAreOftenEasyToGuess => Words::of("password-warning-dates"),
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => Words::of("password-warning-names"),
        W::CommonNamesAndSurnamesAreEasyToGuess => Words::of("password-warning-common-names"),
    }
}

fn suggestion_words(tip: zxcvbn::feedback::Suggestion) -> Words {
    use zxcvbn::feedback::Suggestion as S;
    match tip {
        S::UseAFewWordsAvoidCommonPhrases => Words::of("password-tip-few-words"),
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => Words::of("password-tip-no-symbols-needed"),
        S::AddAnotherWordOrTwo => Words::of("password-tip-another-word"),
        S::CapitalizationDoesntHelpVeryMuch => Words::of("password-tip-capitals"),
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => {
            Words::of("password-tip-all-capitals")
        }
        S::ReversedWordsArentMuchHarderToGuess => Words::of("password-tip-reversed"),
        S::PredictableSubstitutionsDontHelpVeryMuch => Words::of("password-tip-substitutions"),
        S::UseALongerKeyboardPatternWithMoreTurns => Words::of("password-tip-keyboard-pattern"),
        S::AvoidRepeatedWordsAndCharacters => Words::of("password-tip-repeats"),
        S::AvoidSequences => Words::of("password-tip-sequences"),
        S::AvoidRecentYears => Words::of("password-tip-recent-years"),
        S::AvoidYearsThatAreAssociatedWithYou => Words::of("password-tip-your-years"),
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => Words::of("password-tip-your-dates"),
    }
}

/// The guessable words in a person's details. zxcvbn matches each context
/// entry only whole, so "Ann Smith" alone would not catch `annsmith!`: the
/// entries are given whole, without their separators, and word by word
/// (an address's local part too).
fn context_words(context: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut add = |w: String| {
        if w.chars().count() >= 3 && !words.contains(&w) {
            words.push(w);
        }
    };
    for entry in context {
        let entry = entry.trim().to_lowercase();
        let local = entry.split('@').next().unwrap_or_default().to_owned();
        for whole in [entry.clone(), local] {
            add(whole.chars().filter(|c| c.is_alphanumeric()).collect());
            add(whole);
        }
        for part in entry.split(|c: char| !c.is_alphanumeric()) {
            add(part.to_owned());
        }
    }
    words
}

fn too_long(field: &str) -> FieldError {
    FieldError::new(
        field,
        "too_long",
        Words::of1("accounts-error-password-too-long", "max", MAX_CHARS),
    )
}

fn argon2() -> Argon2<'static> {
    // OWASP: argon2id, m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

thread_local! {
    /// This thread's argon2id working memory (19 MiB), kept from one hash
    /// to the next. Allocated afresh for each hash, glibc kept up to 64 MiB
    /// per thread's arena after a sign-in burst (a 458 MB peak); kept, it
    /// is exactly one buffer per hashing thread, dropped when idle.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Runs argon2 with this thread's kept memory. Argon2 writes every block
/// before it reads it, so what an earlier hash left there plays no part.
fn hash_into(argon: &Argon2<'_>, password: &[u8], salt: Salt<'_>, out: &mut [u8]) -> bool {
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = argon.params().block_count();
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < blocks {
            *memory = vec![Block::default(); blocks];
        }
        argon
            .hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
            .is_ok()
    })
}

/// Lets go of this thread's argon2 memory.
fn release_memory() {
    MEMORY.with_borrow_mut(|memory| *memory = Vec::new());
}

/// Hashes one password (blocking; call through [`Hasher`]).
pub fn hash_blocking(password: &Password) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let argon = argon2();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    if !hash_into(&argon, password.as_bytes(), salt.as_salt(), &mut out) {
        return Err(hashing_failed("argon2 refused its inputs"));
    }
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params()).map_err(hashing_failed)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(hashing_failed)?),
    };
    Ok(hash.to_string())
}

fn hashing_failed(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("password hashing failed: {e}"))
}

/// Checks a password against a stored hash (blocking). With no hash (an
/// unknown email, or an account without a password) it checks a dummy hash
/// so both paths cost the same time and give the same answer.
pub fn verify_blocking(password: &Password, stored: Option<&str>) -> bool {
    let dummy = dummy_hash();
    let (hash, real) = match stored {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    matches_hash(password.as_bytes(), hash) && real
}

/// Whether `password` hashes to the PHC string `stored`, under the
/// parameters written in it (so older hashes still verify).
fn matches_hash(password: &[u8], stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut out = vec![0u8; expected.len()];
    hash_into(
        &Argon2::new(algorithm, version, params),
        password,
        salt,
        &mut out,
    ) && bool::from(out.as_slice().ct_eq(expected.as_bytes()))
}

fn dummy_hash() -> &'static String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_blocking(&Password("a dummy password nobody has".into())).unwrap_or_default()
    })
}

/// Runs password hashing on a few threads of its own, one per core, so a
/// flood of sign-ins queues here instead of occupying every thread.
///
/// Each argon2id run needs 19 MiB. On short-lived threads from a shared
/// pool, the allocator kept a copy of that per thread it ever ran on (over
/// 500 MB after a sign-in burst); on fixed threads, each keeping one buffer
/// from hash to hash, it is one per core, and it goes back to the system
/// once hashing has been idle a moment.
#[derive(Clone)]
pub struct Hasher {
    jobs: std::sync::mpsc::Sender<HashJob>,
}

type HashJob = Box<dyn FnOnce() + Send>;

/// How long hashing threads wait idle before returning their memory.
const IDLE: std::time::Duration = std::time::Duration::from_secs(2);

impl Hasher {
    pub fn new(threads: usize) -> Self {
        let (jobs, queue) = std::sync::mpsc::channel::<HashJob>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || hash_jobs(&queue))
                .expect("a password hashing thread starts");
        }
        Self { jobs }
    }

    /// Runs `work` on a hashing thread and waits for its answer.
    async fn run<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let span = tracing::Span::current();
        self.jobs
            .send(Box::new(move || {
                let _entered = span.enter();
                let _ = reply.send(work());
            }))
            .map_err(|_| Error::Internal("the password hashing threads have stopped".into()))?;
        answer
            .await
            .map_err(|_| Error::Internal("a password hashing job was lost".into()))
    }

    pub async fn hash(&self, password: Password) -> Result<String> {
        self.run(move || hash_blocking(&password)).await?
    }

    /// Checks a password a signed-in person typed to confirm it is them:
    /// `None` when it is right, otherwise what to say beside `field` (too
    /// long, or not right).
    pub async fn confirm(
        &self,
        typed: &str,
        stored: Option<String>,
        field: &str,
    ) -> Result<Option<FieldError>> {
        let password = match Password::given(typed) {
            Ok(p) => p,
            Err(mut e) => {
                e.field = field.to_owned();
                return Ok(Some(e));
            }
        };
        Ok((!self.verify(password, stored).await?).then(|| {
            FieldError::new(
                field,
                "wrong_password",
                Words::of("accounts-error-password-wrong"),
            )
        }))
    }

    pub async fn verify(&self, password: Password, stored: Option<String>) -> Result<bool> {
        self.run(move || verify_blocking(&password, stored.as_deref()))
            .await
    }
}

/// One hashing thread: takes jobs until every [`Hasher`] is gone.
fn hash_jobs(queue: &std::sync::Mutex<std::sync::mpsc::Receiver<HashJob>>) {
    use std::sync::mpsc::RecvTimeoutError;
    let mut worked = false;
    loop {
        let next = match queue.lock() {
            Ok(queue) => queue.recv_timeout(IDLE),
            Err(_) => return,
        };
        match next {
            Ok(job) => {
                job();
                worked = true;
            }
            Err(RecvTimeoutError::Timeout) => {
                if std::mem::take(&mut worked) {
                    release_memory();
                    // glibc keeps freed argon2 blocks in its per-thread
                    // arenas otherwise.
                    crate::ops::memory::return_free_memory();
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    /// How the message was put together when it was English only: the
    /// translated English must read exactly the same (the API's words).
    fn english_as_before(estimate: &zxcvbn::Entropy) -> String {
        let mut message = String::from("this password would be easy to guess");
        if let Some(feedback) = estimate.feedback() {
            if let Some(warning) = feedback.warning() {
                message.push_str(&format!(
                    " ({})",
                    warning.to_string().to_lowercase().trim_end_matches('.')
                ));
            }
            if let Some(tip) = feedback.suggestions().first() {
                message.push_str(&format!(". {tip}"));
            } else {
                message.push('.');
            }
        }
        message
    }

    #[test]
    fn weak_passwords_are_told_why_in_both_languages() {
        use zxcvbn::feedback::{Suggestion, Warning};
        let weak = [
            "password1234",
            "qwertyuiopas",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "abcdefghijkl",
            "123456789012",
            "2024202320222021",
            "sunshine1234",
            "P@ssw0rd1234",
            "drowssapdrowssap",
            "JOHNSMITH1980",
            "01/02/1980xx",
            "michaeljordan",
            "zxcvbnmasdfg",
            "iloveyou1234",
            "monkeymonkey",
        ];
        let mut paths = std::collections::BTreeSet::new();
        for raw in weak {
            let estimate = zxcvbn::zxcvbn(raw, &[]);
            if (estimate.score() as u8) >= 3 {
                continue;
            }
            let words = too_weak(&estimate);
            assert_eq!(
                words.in_language(Language::En),
                english_as_before(&estimate),
                "{raw}"
            );
            let welsh = words.in_language(Language::Cy);
            assert!(
                welsh.starts_with("byddai'n hawdd dyfalu'r cyfrinair hwn"),
                "{raw}: {welsh}"
            );
            paths.insert(words.in_language(Language::En).contains('(') as u8);
        }
        assert_eq!(paths.len(), 1, "every example has the checker's reason");
        // The shapes without a reason read as before too.
        let tip = Words::of1(
            "accounts-error-password-weak-tip",
            "tip",
            suggestion_words(Suggestion::AvoidSequences),
        );
        assert_eq!(
            tip.in_language(Language::En),
            "this password would be easy to guess. Avoid sequences."
        );
        assert_eq!(
            tip.in_language(Language::Cy),
            "byddai'n hawdd dyfalu'r cyfrinair hwn. Osgowch ddilyniannau."
        );
        // Every reason and tip the checker can give has words in both
        // languages, and the English is the checker's own.
        for w in [
            Warning::StraightRowsOfKeysAreEasyToGuess,
            Warning::ShortKeyboardPatternsAreEasyToGuess,
            Warning::RepeatsLikeAaaAreEasyToGuess,
            Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
            Warning::ThisIsATop10Password,
            Warning::ThisIsATop100Password,
            Warning::ThisIsACommonPassword,
            Warning::ThisIsSimilarToACommonlyUsedPassword,
            Warning::SequencesLikeAbcAreEasyToGuess,
            Warning::RecentYearsAreEasyToGuess,
            Warning::AWordByItselfIsEasyToGuess,
            Warning::DatesAreOftenEasyToGuess,
            Warning::NamesAndSurnamesByThemselvesAreEasyToGuess,
            Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ] {
            let english = w.to_string().to_lowercase();
            assert_eq!(
                warning_words(w).in_language(Language::En),
                english.trim_end_matches('.')
            );
            assert_ne!(
                warning_words(w).in_language(Language::Cy),
                english.trim_end_matches('.')
            );
        }
        for t in [
            Suggestion::UseAFewWordsAvoidCommonPhrases,
            Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters,
            Suggestion::AddAnotherWordOrTwo,
            Suggestion::CapitalizationDoesntHelpVeryMuch,
            Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase,
            Suggestion::ReversedWordsArentMuchHarderToGuess,
            Suggestion::PredictableSubstitutionsDontHelpVeryMuch,
            Suggestion::UseALongerKeyboardPatternWithMoreTurns,
            Suggestion::AvoidRepeatedWordsAndCharacters,
            Suggestion::AvoidSequences,
            Suggestion::AvoidRecentYears,
            Suggestion::AvoidYearsThatAreAssociatedWithYou,
            Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou,
        ] {
            assert_eq!(suggestion_words(t).in_language(Language::En), t.to_string());
            assert_ne!(suggestion_words(t).in_language(Language::Cy), t.to_string());
        }
    }

    #[test]
    fn length_and_strength() {
        assert_eq!(
            Password::parse_new("short", &[]).unwrap_err().code,
            "too_short"
        );
        assert_eq!(
            Password::parse_new(&"x".repeat(129), &[]).unwrap_err().code,
            "too_long"
        );
        assert_eq!(
            Password::parse_new("password1234", &[]).unwrap_err().code,
            "too_weak"
        );
        assert_eq!(
            Password::parse_new("annsmith2024!", &["annsmith", "ann@example.org"])
                .unwrap_err()
                .code,
            "too_weak"
        );
        assert!(Password::parse_new("correct horse battery staple", &[]).is_ok());
        // 64 to 128 characters are welcome (ASVS 6.2.9).
        let long = "violet kettle harbour 42 and a purple lantern drifting over seven quiet hills";
        assert!((64..=128).contains(&long.chars().count()));
        assert!(Password::parse_new(long, &[]).is_ok());
    }

    #[test]
    fn a_persons_details_make_weak_passwords_however_they_are_joined() {
        let details = ["wilhelmina.dunsmore@example.org", "Wilhelmina Dunsmore"];
        for own in [
            "wilhelminadunsmore!",
            "Wilhelmina.Dunsmore",
            "Wilhelmina Dunsmore 1",
        ] {
            assert!(
                Password::parse_new(own, &[]).is_ok(),
                "{own} is strong for a stranger"
            );
            assert_eq!(
                Password::parse_new(own, &details).err().map(|e| e.code),
                Some("too_weak".to_owned()),
                "{own}: {:?}",
                context_words(&details)
            );
        }
        assert!(Password::parse_new("lantern orchard velvet 7", &details).is_ok());
    }

    #[test]
    fn given_passwords_are_kept_whole_or_refused() {
        // Exactly as typed: no trimming, no case folding, no cutting.
        let typed = format!(" {}É ", "a".repeat(MAX_CHARS - 3));
        let given = Password::given(&typed).unwrap();
        assert_eq!(given.as_bytes(), typed.as_bytes());
        let over = "a".repeat(MAX_CHARS + 1);
        let refused = Password::given(&over).unwrap_err();
        assert_eq!(
            (refused.field.as_str(), refused.code.as_str()),
            ("password", "too_long")
        );
        // A password that a cut would have made match is refused instead.
        let hash = hash_blocking(&Password::given(&"a".repeat(MAX_CHARS)).unwrap()).unwrap();
        assert!(Password::given(&format!("{}b", "a".repeat(MAX_CHARS))).is_err());
        assert!(verify_blocking(
            &Password::given(&"a".repeat(MAX_CHARS)).unwrap(),
            Some(&hash)
        ));
    }

    #[tokio::test]
    async fn hashing_threads_answer_every_caller() {
        let hasher = Hasher::new(2);
        let pw = Password("correct horse battery staple".into());
        let hash = hasher.hash(pw.clone()).await.unwrap();
        let checks = (0..4).map(|n| {
            let hasher = hasher.clone();
            let typed = if n % 2 == 0 {
                pw.clone()
            } else {
                Password("wrong horse battery staple".into())
            };
            let stored = Some(hash.clone());
            async move { hasher.verify(typed, stored).await.unwrap() }
        });
        let answers = futures::future::join_all(checks).await;
        assert_eq!(answers, vec![true, false, true, false]);
    }

    #[test]
    fn hashes_verify_and_unknown_accounts_never_match() {
        let pw = Password::given("correct horse battery staple").unwrap();
        let hash = hash_blocking(&pw).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_blocking(&pw, Some(&hash)));
        assert!(!verify_blocking(
            &Password::given("wrong").unwrap(),
            Some(&hash)
        ));
        assert!(!verify_blocking(
            &Password::given("a dummy password nobody has").unwrap(),
            None
        ));
        assert!(!format!("{pw:?}").contains("horse"));
    }

    /// Hashing with kept memory gives what the argon2 crate's own path
    /// gives, both ways round, whatever the earlier hashes on the thread
    /// left in that memory, and for hashes made with other parameters.
    #[test]
    fn kept_memory_hashes_match_the_standard_ones() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let pw = Password::given("correct horse battery staple").unwrap();
        let ours = hash_blocking(&pw).unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(argon2().verify_password(pw.as_bytes(), &parsed).is_ok());
        let other = Password::given("a different passphrase entirely").unwrap();
        assert!(argon2().verify_password(other.as_bytes(), &parsed).is_err());

        // A smaller, older hash, made the standard way after the kept
        // memory held a bigger one: verifies, and only for its password.
        let small = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8_192, 3, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut OsRng);
        let theirs = small
            .hash_password(pw.as_bytes(), &salt)
            .unwrap()
            .to_string();
        assert!(verify_blocking(&pw, Some(&ours)));
        assert!(verify_blocking(&pw, Some(&theirs)));
        assert!(!verify_blocking(&other, Some(&theirs)));
        assert!(!verify_blocking(
            &pw,
            Some("$argon2id$v=19$m=19456,t=2,p=1$bm90IGEgaGFzaA")
        ));
        assert!(!verify_blocking(&pw, Some("not a hash at all")));
        release_memory();
        assert!(verify_blocking(&pw, Some(&ours)));
    }
}
