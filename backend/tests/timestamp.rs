//! PAdES B-T: with `tsa_url` set, every signature of an issued document carries an RFC 3161
//! timestamp from the configured authority — here `hocba`'s own TSA (`hocba tsa serve`), run
//! in-process on port 0. pyHanko and `hocba_pdf::verify` both accept the timestamps when the TSA's
//! CA is trusted, and the verified signing time is the timestamp's. The authority's CRL, which hocba
//! does not hold, is fetched from the distribution point its certificate names and embedded in the
//! DSS; the school's certificates name theirs (`<public_url>/api/schools/<id>/crl`); pyHanko's
//! AdES validation accepts the document offline.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{adesverify, pyhanko, query, start_tsa};

use diesel::prelude::*;
use hocba::db::schema::signing_cas;
use hocba::services::issuance;
use hocba::settings::Settings;

#[test]
fn signatures_carry_timestamps_from_the_configured_authority() {
    let (tsa_url, tsa_ca) = start_tsa();
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        tsa_url: Some(tsa_url),
        public_url: Some("https://th-pha-long.example.vn".into()),
        ..common::demo_settings(dir.path())
    };
    let prepared = hocba::startup::prepare(&settings).unwrap();
    let principal = common::demo_principal(&prepared.db);
    let pupil = common::demo_pupil(&prepared.db);
    let issuer = common::issuer(&prepared);
    let before = chrono::Utc::now() - chrono::Duration::seconds(5);
    let doc = issuance::hand_over(&prepared.db, &issuer, &principal, &pupil).unwrap();

    let school_ca: String = query(&prepared.db, |c| signing_cas::table.select(signing_cas::cert_pem).first(c));
    let trust = hocba_pdf::verify::Trust::from_pem(&[school_ca.clone(), tsa_ca.clone()]).unwrap();
    let check = hocba_pdf::verify::check_pdf(&doc.pdf, &trust).unwrap();
    assert_eq!(check.signatures.len(), 2);
    for s in &check.signatures {
        assert!(s.intact && s.trusted && s.timestamped, "{s:?}");
        assert!(s.signing_time.is_some_and(|t| t >= before), "the time is the timestamp's");
    }
    let report = hocba_pdf::verify::verify_document(&doc.pdf, &trust);
    assert!(report.verdict.is_authentic(), "{report:?}");
    assert!(report.attachments.iter().all(|a| a.signatures.iter().all(|s| s.timestamped)), "{report:?}");
    // Without the TSA's CA the signatures still verify, but their times are only claimed.
    let school_only = hocba_pdf::verify::Trust::from_pem(std::slice::from_ref(&school_ca)).unwrap();
    let check = hocba_pdf::verify::check_pdf(&doc.pdf, &school_only).unwrap();
    assert!(check.all_valid() && check.signatures.iter().all(|s| !s.timestamped));

    // pyHanko validates every timestamp, outer and inside each attached yearly record.
    let file = dir.path().join("hand-over.pdf");
    std::fs::write(&file, &doc.pdf).unwrap();
    let cas = [dir.path().join("school-ca.pem"), dir.path().join("tsa-ca.pem")];
    std::fs::write(&cas[0], &school_ca).unwrap();
    std::fs::write(&cas[1], &tsa_ca).unwrap();
    let (ok, out) = pyhanko(&file, &cas);
    assert!(ok, "{out}");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("INTACT:TRUSTED")).collect();
    assert!(lines.len() >= 5, "{out}");
    assert!(lines.iter().all(|l| l.ends_with("ts=INTACT:TRUSTED")), "{out}");

    // The DSS holds the authority CA's CRL, fetched from its distribution point, beside the
    // school's; the school's signers name where their CA publishes its own.
    let dss = hocba_pdf::ltv::dss_of(&doc.pdf).unwrap();
    let ca_of = |pem: &str| hocba_pdf::verify::certificate_from_pem(pem).unwrap();
    let signed_by = |ca: &x509_cert::Certificate| {
        dss.crls.iter().filter(|d| hocba_pdf::read_crl(d, ca).is_ok_and(|c| c.signed_by_issuer)).count()
    };
    assert_eq!(signed_by(&ca_of(&tsa_ca)), 1, "the authority's CRL is embedded");
    assert_eq!(signed_by(&ca_of(&school_ca)), 1, "the school's CRL is embedded");
    let school_id: String = query(&prepared.db, |c| signing_cas::table.select(signing_cas::school_id).first(c));
    let signers = hocba_pdf::ltv::signature_certificates(&doc.pdf).unwrap();
    let school_crl = format!("https://th-pha-long.example.vn/api/schools/{school_id}/crl");
    let named: Vec<Vec<String>> = signers.iter().map(hocba_pdf::crl_urls).filter(|u| !u.is_empty()).collect();
    assert!(named.contains(&vec![school_crl]), "{named:?}");
    assert!(named.contains(&vec![format!("{}crl", settings.tsa_url.as_deref().unwrap())]), "{named:?}");
    let (ok, out) = adesverify(&file, &cas);
    assert!(ok, "pyHanko AdES validation, offline:\n{out}");
}
