//! What stands before a password check: the throttle of failed attempts and the password
//! workers. One per server, shared by sign-in and the password change.

use super::hashing::PasswordWorkers;
use super::throttle::{LoginThrottle, Policy};
use crate::error::AppError;
use std::net::IpAddr;
use std::time::Instant;

pub struct SignInGuard {
    pub throttle: LoginThrottle,
    pub workers: PasswordWorkers,
}

impl SignInGuard {
    pub fn new(policy: Policy, workers: PasswordWorkers) -> SignInGuard {
        SignInGuard { throttle: LoginThrottle::new(policy), workers }
    }

    /// 429 with the wait when the account or the address must wait.
    pub fn allow(&self, username: &str, client: Option<IpAddr>) -> Result<(), AppError> {
        self.throttle
            .check(username, client, Instant::now())
            .map_err(|wait| AppError::Throttled { seconds: wait.seconds() })
    }

    /// Counts a wrong password (and logs it without the password).
    pub fn failed(&self, username: &str, client: Option<IpAddr>) {
        tracing::warn!(client = ?client, "failed sign-in");
        self.throttle.failed(username, client, Instant::now());
    }
}
