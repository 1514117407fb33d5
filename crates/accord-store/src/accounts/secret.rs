//! The secrets of accounts, and only their shapes: random tokens, their
//! stored hashes, and Argon2id password hashes.
//!
//! A token (a session, a setup or invitation link, an API token) is 32
//! random bytes shown once, as 64 hex digits; the store keeps only its
//! SHA-256, so a copy of the database lets nobody in. Passwords are hashed
//! with Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane) with a fresh
//! 16-byte salt, in the PHC string format that carries its own parameters.

use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest as _, Sha256};

use super::AccountError;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (hashing cost grows with length).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Argon2id, memory 19 MiB, 2 passes, 1 lane (OWASP's recommendation).
fn hasher() -> Result<Argon2<'static>, AccountError> {
    let params =
        Params::new(19 * 1024, 2, 1, None).map_err(|e| AccountError::Hashing(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Fills `bytes` from the operating system's random source.
fn random(bytes: &mut [u8]) -> Result<(), AccountError> {
    getrandom::fill(bytes).map_err(|e| AccountError::Randomness(e.to_string()))
}

/// A new random token: 32 bytes as 64 lowercase hex digits.
pub fn new_token() -> Result<String, AccountError> {
    let mut bytes = [0u8; 32];
    random(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// What the store keeps of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Refuses a password that is too short or too long, saying which.
pub fn check_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(AccountError::WeakPassword(format!(
            "a password may have at most {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(())
}

/// The Argon2id hash of `password`, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    check_password(password)?;
    let mut salt = [0u8; 16];
    random(&mut salt)?;
    let hash = hasher()?
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map_err(|e| AccountError::Hashing(e.to_string()))?;
    Ok(hash.to_string())
}

/// Whether `password` matches the PHC string `stored` (any Argon2 variant
/// and parameters the string names).
pub fn verify_password(password: &str, stored: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    hasher().is_ok_and(|h| h.verify_password(password.as_bytes(), stored).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_hash_is_argon2id_at_owasp_parameters_and_verifies() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
        // A fresh salt each time.
        assert_ne!(hash, hash_password("correct horse battery").unwrap());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(matches!(
            hash_password("short"),
            Err(AccountError::WeakPassword(_))
        ));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
