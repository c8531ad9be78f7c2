//! Who can sign now: the validity check before signing, and the signing readiness page
//! (`GET /api/signing/readiness`).

use super::keystore::{certificates_of, staff_signers, SignerCertificate};
use crate::db::connection::AnyConnection;
use crate::db::schema::schools;
use crate::signing::{vn_date, SigningError};
use chrono::{NaiveDateTime, SecondsFormat};
use diesel::prelude::*;
use hocba_core::api::documents::{SignerReadiness, SignerRole};

/// A certificate that expires within this many days is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// The active certificate of a signer if it can sign at `at`; else why not, naming the signer.
/// `revoked` is the most recently revoked certificate (said when there is no active one).
pub fn check_validity<'a>(
    role: SignerRole,
    name: &str,
    active: Option<&'a SignerCertificate>,
    revoked: Option<&SignerCertificate>,
    at: NaiveDateTime,
) -> Result<&'a SignerCertificate, SigningError> {
    let name = name.to_string();
    let Some(cert) = active else {
        return Err(match revoked {
            Some(r) => SigningError::Revoked {
                role,
                name,
                on: r.revoked_at.unwrap_or(r.created_at),
                reason: r.revoked_reason.clone().unwrap_or_default(),
            },
            None => SigningError::Missing { role, name },
        });
    };
    if at < cert.not_before {
        return Err(SigningError::NotYetValid { role, name, from: cert.not_before });
    }
    if at > cert.not_after {
        return Err(SigningError::Expired { role, name, on: cert.not_after });
    }
    Ok(cert)
}

/// One line of the readiness page from the signer's certificates.
pub fn assess(
    role: SignerRole,
    user_id: Option<String>,
    name: &str,
    active: Option<&SignerCertificate>,
    revoked: Option<&SignerCertificate>,
    at: NaiveDateTime,
) -> SignerReadiness {
    let rfc3339 = |t: NaiveDateTime| t.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true);
    let shown = active.or(revoked);
    let (ready, expires_soon, problem) = match check_validity(role, name, active, revoked, at) {
        Err(e) => (false, false, Some(e.to_string())),
        Ok(cert) => {
            let left = cert.not_after - at;
            if left <= chrono::Duration::days(EXPIRY_WARNING_DAYS) {
                let days = left.num_days();
                let message =
                    format!("Chứng thư hết hạn ngày {} (còn {days} ngày): cần gia hạn.", vn_date(cert.not_after));
                (true, true, Some(message))
            } else if cert.is_test {
                (true, false, Some("Chứng thư thử nghiệm (hocba keys init): không có giá trị pháp lí.".to_string()))
            } else {
                (true, false, None)
            }
        }
    };
    SignerReadiness {
        role,
        user_id,
        name: name.to_string(),
        holder: shown.map(|c| c.holder.clone()),
        issuer: shown.map(|c| c.issuer.clone()),
        not_before: shown.map(|c| rfc3339(c.not_before)),
        not_after: shown.map(|c| rfc3339(c.not_after)),
        on_token: shown.is_some_and(|c| c.on_token),
        test_certificate: shown.is_some_and(|c| c.is_test),
        ready,
        expires_soon,
        problem,
    }
}

/// Every signer of the school at `at`: the active teachers, the principal(s), then the seal.
pub fn readiness(
    conn: &mut AnyConnection,
    school_id: &str,
    at: NaiveDateTime,
) -> Result<Vec<SignerReadiness>, SigningError> {
    let mut out = Vec::new();
    for s in staff_signers(conn, school_id)? {
        let (active, revoked) = certificates_of(conn, school_id, s.role, Some(&s.user_id))?;
        out.push(assess(s.role, Some(s.user_id), &s.full_name, active.as_ref(), revoked.as_ref(), at));
    }
    let school: String = schools::table.find(school_id).select(schools::name).first(conn)?;
    let (active, revoked) = certificates_of(conn, school_id, SignerRole::Seal, None)?;
    out.push(assess(SignerRole::Seal, None, &school, active.as_ref(), revoked.as_ref(), at));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn at() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 28).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("date")
    }

    fn cert(not_before: NaiveDateTime, not_after: NaiveDateTime) -> SignerCertificate {
        SignerCertificate {
            id: "c1".into(),
            school_id: "s".into(),
            role: "teacher".into(),
            user_id: Some("u".into()),
            holder: "Vàng Thị Dung".into(),
            issuer: "VNPT Certification Authority".into(),
            serial: "01".into(),
            not_before,
            not_after,
            cert_pem: String::new(),
            chain_pem: String::new(),
            key_enc: Some("v1:x".into()),
            on_token: false,
            is_test: false,
            revoked_at: None,
            revoked_reason: None,
            created_at: not_before,
        }
    }

    fn line(active: Option<&SignerCertificate>, revoked: Option<&SignerCertificate>) -> SignerReadiness {
        assess(SignerRole::Teacher, Some("u".into()), "Vàng Thị Dung", active, revoked, at())
    }

    #[test]
    fn a_valid_certificate_is_ready() {
        let c = cert(at() - Duration::days(10), at() + Duration::days(400));
        let r = line(Some(&c), None);
        assert!(r.ready && !r.expires_soon && r.problem.is_none(), "{r:?}");
        assert_eq!(r.holder.as_deref(), Some("Vàng Thị Dung"));
        assert_eq!(r.not_after.as_deref(), Some("2028-01-02T10:00:00Z"));
        let test = SignerCertificate { is_test: true, ..c };
        let r = line(Some(&test), None);
        assert!(r.ready && r.test_certificate, "{r:?}");
        assert!(r.problem.is_some_and(|p| p.contains("thử nghiệm")));
    }

    #[test]
    fn expired_certificate_is_not_ready_and_says_when() {
        let c = cert(
            at() - Duration::days(800),
            NaiveDate::from_ymd_opt(2026, 3, 5).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("date"),
        );
        let r = line(Some(&c), None);
        assert!(!r.ready && !r.expires_soon);
        let p = r.problem.expect("problem");
        assert!(p.contains("đã hết hạn ngày 05/03/2026") && p.contains("Vàng Thị Dung"), "{p}");
        let err = check_validity(SignerRole::Teacher, "Vàng Thị Dung", Some(&c), None, at()).expect_err("expired");
        assert!(matches!(err, SigningError::Expired { .. }));
    }

    #[test]
    fn not_yet_valid_certificate_is_not_ready() {
        let from = NaiveDate::from_ymd_opt(2027, 1, 2).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("date");
        let c = cert(from, from + Duration::days(365));
        let r = line(Some(&c), None);
        assert!(!r.ready);
        assert!(
            r.problem.as_deref().is_some_and(|p| p.contains("chưa có hiệu lực") && p.contains("02/01/2027")),
            "{r:?}"
        );
    }

    #[test]
    fn revoked_certificate_is_not_ready_and_gives_the_reason() {
        let mut c = cert(at() - Duration::days(10), at() + Duration::days(400));
        c.revoked_at = NaiveDate::from_ymd_opt(2026, 11, 20).and_then(|d| d.and_hms_opt(8, 0, 0));
        c.revoked_reason = Some("Mất USB token".into());
        let r = line(None, Some(&c));
        assert!(!r.ready);
        assert_eq!(r.holder.as_deref(), Some("Vàng Thị Dung"), "the revoked certificate is shown");
        let p = r.problem.expect("problem");
        assert!(p.contains("thu hồi ngày 20/11/2026") && p.contains("Mất USB token"), "{p}");
    }

    #[test]
    fn certificate_expiring_within_30_days_is_ready_with_a_warning() {
        let c = cert(at() - Duration::days(700), at() + Duration::days(12));
        let r = line(Some(&c), None);
        assert!(r.ready && r.expires_soon, "{r:?}");
        assert!(r.problem.as_deref().is_some_and(|p| p.contains("còn 12 ngày")), "{r:?}");
        let later = cert(at() - Duration::days(700), at() + Duration::days(31));
        assert!(!line(Some(&later), None).expires_soon);
    }

    #[test]
    fn missing_certificate_is_not_ready() {
        let r = line(None, None);
        assert!(!r.ready && r.holder.is_none() && r.not_after.is_none() && !r.on_token);
        assert!(r.problem.as_deref().is_some_and(|p| p.contains("chưa có chứng thư số")), "{r:?}");
        let err = check_validity(SignerRole::Seal, "Trường", None, None, at()).expect_err("missing");
        assert!(matches!(err, SigningError::Missing { role: SignerRole::Seal, .. }));
    }
}
