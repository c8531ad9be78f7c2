//! Between chrono's UTC times and the ASN.1 times of certificates, CRLs and CMS attributes.

use chrono::{DateTime, Utc};
use x509_cert::time::Time;

/// `at` as an ASN.1 time (UTCTime until 2049, GeneralizedTime after); `None` before 1970 or for
/// a time ASN.1 cannot hold.
pub(crate) fn to_asn1(at: DateTime<Utc>) -> Option<Time> {
    let secs = u64::try_from(at.timestamp()).ok()?;
    Time::try_from(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)).ok()
}

/// An ASN.1 time as a UTC time (`None` past what chrono holds).
pub(crate) fn to_utc(t: Time) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(i64::try_from(t.to_unix_duration().as_secs()).ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip() {
        for secs in [0, 1_780_000_000, 2_600_000_000] {
            let at = DateTime::from_timestamp(secs, 0).expect("a time");
            assert_eq!(to_asn1(at).and_then(to_utc), Some(at));
        }
        assert!(to_asn1(DateTime::from_timestamp(-1, 0).expect("a time")).is_none());
    }
}
