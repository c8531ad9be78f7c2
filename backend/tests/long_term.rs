//! PAdES B-LTA out of the box: the demo runs hocba's own test timestamp authority in the process,
//! so every signature of an issued document is timestamped, the finished document carries a DSS
//! (every certificate, the CRLs of the school's CA and of the authority) and ends with a document
//! timestamp. pyHanko's AdES validation (`pyhanko sign adesverify`, offline: no revocation data but
//! what the file holds) accepts the hand-over and a yearly record today; and after every signer
//! certificate has expired, given only what a verifier would fetch then (the authority's current
//! CRL, for its last document timestamp), `tests/tools/ades_verify.py` at that time accepts them too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{adesverify, output, python, query};
use diesel::prelude::*;
use hocba::db::schema::{signer_certificates, signing_cas};
use hocba::services::issuance;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/tools/ades_verify.py FILE --trust … --at T --crl …`: the same validation at time `at`.
fn ades_verify_at(file: &Path, cas: &[PathBuf], at: &str, crls: &[PathBuf]) -> (bool, String) {
    let mut cmd = Command::new(python());
    cmd.arg("-W")
        .arg("ignore")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/tools/ades_verify.py"))
        .arg(file);
    for ca in cas {
        cmd.arg("--trust").arg(ca);
    }
    for crl in crls {
        cmd.arg("--crl").arg(crl);
    }
    cmd.args(["--at", at]);
    output(cmd)
}

#[test]
fn issued_documents_are_long_term_and_pyhanko_validates_them_offline_even_after_expiry() {
    let dir = tempfile::tempdir().unwrap();
    let settings = common::demo_settings(dir.path());
    let prepared = hocba::startup::prepare(&settings).unwrap();
    assert!(prepared.documents.tsa.is_some(), "the demo timestamps with its own authority");
    let principal = common::demo_principal(&prepared.db);
    let pupil = common::demo_pupil(&prepared.db);
    let issuer = common::issuer(&prepared);
    let doc = issuance::hand_over(&prepared.db, &issuer, &principal, &pupil).unwrap();

    // The school's CA for signatures; the authority's CA (kept in the data folder) for timestamps only.
    let school_ca: String = query(&prepared.db, |c| signing_cas::table.select(signing_cas::cert_pem).first(c));
    let tsa_ca = prepared.documents.timestamp_roots();
    assert_eq!(tsa_ca.len(), 1);
    let cas = [school_ca.clone(), tsa_ca[0].clone()];
    let trust = hocba_pdf::verify::Trust::from_pem(std::slice::from_ref(&school_ca))
        .unwrap()
        .with_timestamp_roots(&tsa_ca)
        .unwrap();
    let check = hocba_pdf::verify::check_pdf(&doc.pdf, &trust).unwrap();
    assert!(check.all_valid() && check.signatures.iter().all(|s| s.timestamped), "{check:?}");
    let [stamp] = &check.timestamps[..] else { panic!("one document timestamp: {check:?}") };
    assert!(stamp.intact && stamp.trusted && stamp.covers_until == doc.pdf.len(), "{stamp:?}");
    let dss = hocba_pdf::ltv::dss_of(&doc.pdf).unwrap();
    assert!(
        dss.crls.len() >= 2 && dss.certificates.len() >= 4,
        "{} CRLs, {} certificates",
        dss.crls.len(),
        dss.certificates.len()
    );
    let yearly = check.files.iter().find(|f| f.data.starts_with(b"%PDF")).expect("an attached yearly record");
    eprintln!("sizes: hand-over {} bytes, a yearly record {} bytes", doc.pdf.len(), yearly.data.len());
    let inner = hocba_pdf::verify::check_pdf(&yearly.data, &trust).unwrap();
    assert!(inner.all_valid() && inner.timestamps.len() == 1 && inner.signatures.len() == 3, "{inner:?}");
    let report = hocba_pdf::verify::verify_document(&doc.pdf, &trust);
    assert!(report.verdict.is_authentic(), "{report:?}");
    // The seal's signature of the XML carries a timestamp too (CAdES-B-T).
    let p7s = doc.xml_signature.clone().expect("the XML's signature");
    let checked = hocba_pdf::cms::check_detached(&p7s, &sha2_digest(doc.xml.as_bytes())).unwrap();
    assert!(checked.digest_matches && checked.signature_valid && checked.timestamp.is_some_and(|t| t.valid));

    // pyHanko: every signature of both documents, with only what the files hold.
    let files = [("hand-over.pdf", doc.pdf.clone()), ("yearly.pdf", yearly.data.clone())];
    let ca_files: Vec<PathBuf> = cas
        .iter()
        .enumerate()
        .map(|(i, pem)| {
            let path = dir.path().join(format!("ca-{i}.pem"));
            std::fs::write(&path, pem).unwrap();
            path
        })
        .collect();
    let last_expiry: chrono::NaiveDateTime = query(&prepared.db, |c| {
        signer_certificates::table.select(diesel::dsl::max(signer_certificates::not_after)).first::<Option<_>>(c)
    })
    .expect("signer certificates");
    let later = last_expiry.and_utc() + chrono::Duration::days(30);
    let later_text = later.format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    // What a verifier fetches then: the authority's CRL current at that time.
    let tsa = hocba::signing::tsa::LocalTsa::load_or_create(&dir.path().join("test-tsa")).unwrap();
    let fresh_crl = dir.path().join("tsa-then.crl");
    std::fs::write(&fresh_crl, tsa.crl_at(later - chrono::Duration::hours(1)).unwrap()).unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (ok, out) = adesverify(&path, &ca_files);
        assert!(ok, "{name} now:\n{out}");
        let verdicts: Vec<&str> = out.lines().filter(|l| l.contains(":INTACT")).collect();
        assert!(verdicts.len() >= 2 && verdicts.iter().all(|l| l.contains("TIMESTAMP_TOKEN<INTACT:TRUSTED>")), "{out}");
        // The first signature certifies (DocMDP P = 2): every later revision is an acceptable one.
        assert!(verdicts.iter().all(|l| l.contains("ACCEPTABLE_MODIFICATIONS")), "{out}");
        eprintln!("{name} now: {}", verdicts.join(" | "));
        let (ok, out) = ades_verify_at(&path, &ca_files, &later_text, std::slice::from_ref(&fresh_crl));
        assert!(ok, "{name} at {later_text}:\n{out}");
        eprintln!("{name} at {later_text}: {}", out.trim().replace('\n', " | "));
        // Without the authority's current CRL the last document timestamp cannot be checked then.
        let (ok, out) = ades_verify_at(&path, &ca_files, &later_text, &[]);
        assert!(!ok, "{name} at {later_text} without fresh revocation data:\n{out}");
    }
}

/// A revoked signer certificate is listed in the school CA's next CRL, with its revocation time.
#[test]
fn a_revoked_signer_certificate_is_in_the_school_crl() {
    let dir = tempfile::tempdir().unwrap();
    let prepared = hocba::startup::prepare(&common::demo_settings(dir.path())).unwrap();
    let school: String =
        query(&prepared.db, |c| hocba::db::schema::schools::table.select(hocba::db::schema::schools::id).first(c));
    let (id, serial): (String, String) = query(&prepared.db, |c| {
        signer_certificates::table
            .filter(signer_certificates::role.eq("teacher"))
            .select((signer_certificates::id, signer_certificates::serial))
            .first(c)
    });
    let ca_pem: String = query(&prepared.db, |c| {
        signing_cas::table.filter(signing_cas::key_enc.is_not_null()).select(signing_cas::cert_pem).first(c)
    });
    let ca = hocba_pdf::verify::certificate_from_pem(&ca_pem).unwrap();
    let crls = |at| {
        prepared
            .db
            .read(|c| {
                hocba::services::signers::revocation::school_crls(c, &prepared.signing_secret, &school, at)
                    .map_err(|e| hocba::error::AppError::Internal(anyhow::anyhow!("{e}")))
            })
            .unwrap()
    };
    let before = crls(chrono::Utc::now());
    assert_eq!(before.len(), 1);
    assert!(hocba_pdf::read_crl(&before[0], &ca).unwrap().revoked.is_empty());
    prepared
        .db
        .write(|c| {
            hocba::services::signers::keystore::revoke(c, &school, &id, "Mất khoá")
                .map_err(|e| hocba::error::AppError::Internal(anyhow::anyhow!("{e}")))
        })
        .unwrap();
    let after = hocba_pdf::read_crl(&crls(chrono::Utc::now())[0], &ca).unwrap();
    assert!(after.signed_by_issuer);
    assert_eq!(after.revoked.iter().map(|r| r.serial_hex.as_str()).collect::<Vec<_>>(), vec![serial.as_str()]);
}

/// `refresh-ltv`: a document whose last authority certificate expires within the window gets fresh
/// validation data and a second document timestamp, appended; the database refuses any other
/// change of an issued document's bytes.
#[test]
fn renewal_appends_a_fresh_document_timestamp_and_nothing_else_may_change_the_bytes() {
    use hocba::db::schema::issued_documents;
    use hocba::services::issuance::renewal::{refresh, Renewed};
    let dir = tempfile::tempdir().unwrap();
    let prepared = hocba::startup::prepare(&common::demo_settings(dir.path())).unwrap();
    let principal = common::demo_principal(&prepared.db);
    let pupil = common::demo_pupil(&prepared.db);
    let issuer = common::issuer(&prepared);
    issuance::hand_over(&prepared.db, &issuer, &principal, &pupil).unwrap();
    let year: hocba::db::models::IssuedRow = query(&prepared.db, |c| {
        issued_documents::table
            .filter(issued_documents::kind.eq("yearly_record"))
            .select(hocba::db::models::IssuedRow::as_select())
            .first(c)
    });
    let count: i64 = query(&prepared.db, |c| issued_documents::table.count().get_result(c));
    let count = usize::try_from(count).unwrap();
    assert!(count >= 2);
    let refresh_within = |days| {
        refresh(&prepared.db, &prepared.documents, &prepared.signing_secret, chrono::Duration::days(days), |_| {})
            .unwrap()
    };
    // The authority's certificate is valid for years: nothing to renew within a year.
    assert_eq!(refresh_within(365), Renewed { checked: count, renewed: 0 });
    assert_eq!(refresh_within(20 * 365), Renewed { checked: count, renewed: count });
    let stored: Vec<u8> =
        query(&prepared.db, |c| issued_documents::table.find(&year.id).select(issued_documents::pdf).first(c));
    assert!(stored.len() > year.pdf.len() && stored.starts_with(&year.pdf), "appended");
    let cas: Vec<String> = query(&prepared.db, |c| signing_cas::table.select(signing_cas::cert_pem).load(c));
    let trust = hocba_pdf::verify::Trust::from_pem(&cas)
        .unwrap()
        .with_timestamp_roots(&prepared.documents.timestamp_roots())
        .unwrap();
    let check = hocba_pdf::verify::check_pdf(&stored, &trust).unwrap();
    assert!(check.all_valid() && check.timestamps.len() == 2, "{check:?}");
    assert!(check.timestamps.iter().all(|t| t.intact && t.trusted && t.problem.is_none()), "{check:?}");
    let report = hocba_pdf::verify::verify_document(&stored, &trust);
    assert!(report.verdict.is_authentic(), "{report:?}");

    // The trigger: a changed byte, or a shorter document, is refused.
    let mut changed = stored.clone();
    changed[100] ^= 1;
    for bytes in [changed, stored[..stored.len() - 10].to_vec()] {
        let refused = prepared.db.write(|c| {
            diesel::update(issued_documents::table.find(&year.id))
                .set(issued_documents::pdf.eq(&bytes))
                .execute(c)
                .map_err(hocba::error::AppError::from)
        });
        assert!(refused.is_err(), "the database refuses to change issued bytes");
    }
}

/// The register's word on a verified document: replaced by a newer one (with its code), and a
/// signer's certificate revoked after it signed (reported; still valid) or before (not trusted).
#[test]
fn the_register_reports_a_replaced_document_and_a_revoked_signer() {
    use hocba::db::schema::issued_documents;
    use hocba_core::api::documents::Verdict;
    let dir = tempfile::tempdir().unwrap();
    let prepared = hocba::startup::prepare(&common::demo_settings(dir.path())).unwrap();
    let principal = common::demo_principal(&prepared.db);
    let pupil = common::demo_pupil(&prepared.db);
    let issuer = common::issuer(&prepared);
    let first = issuance::hand_over(&prepared.db, &issuer, &principal, &pupil).unwrap();
    let stamps = prepared.documents.timestamp_roots();
    let by_code = |code: &str| prepared.db.read(|c| issuance::verify_code(c, code, &stamps)).unwrap();
    let report = by_code(&first.code);
    assert_eq!(report.verdict, Verdict::Authentic);
    assert!(report.superseded_at.is_none() && report.test_certificate && report.archived_at.is_some(), "{report:?}");
    assert!(report.signatures[0].certifies && !report.signatures[1].certifies, "the first signature certifies");
    assert!(!report.years.is_empty() && report.years.iter().all(|y| !y.subjects.is_empty()));

    // Replaced: the old code says so and names the new one.
    prepared
        .db
        .write(|c| {
            diesel::update(issued_documents::table.find(&first.id))
                .set(issued_documents::superseded_at.eq(Some(chrono::Utc::now().naive_utc())))
                .execute(c)
                .map_err(hocba::error::AppError::from)
        })
        .unwrap();
    let second = issuance::hand_over(&prepared.db, &issuer, &principal, &pupil).unwrap();
    assert_ne!(second.code, first.code);
    let report = by_code(&first.code);
    assert!(report.superseded_at.is_some(), "{report:?}");
    assert_eq!(report.superseded_by, Some(hocba_core::codes::display_code(&second.code)));
    assert!(by_code(&second.code).superseded_at.is_none());

    // The principal's certificate revoked after signing: reported, the signature stays valid.
    let (cert_id, school): (String, String) = query(&prepared.db, |c| {
        signer_certificates::table
            .filter(signer_certificates::role.eq("principal"))
            .select((signer_certificates::id, signer_certificates::school_id))
            .first(c)
    });
    prepared
        .db
        .write(|c| {
            hocba::services::signers::keystore::revoke(c, &school, &cert_id, "Lộ khoá")
                .map_err(|e| hocba::error::AppError::Internal(anyhow::anyhow!("{e}")))
        })
        .unwrap();
    let report = by_code(&second.code);
    assert_eq!(report.verdict, Verdict::Authentic, "{report:?}");
    let principal_sig = report.signatures.iter().find(|s| s.certificate_revoked_at.is_some()).expect("reported");
    assert!(principal_sig.trusted);
    // Revoked before it signed: not trusted.
    prepared
        .db
        .write(|c| {
            diesel::update(signer_certificates::table.find(&cert_id))
                .set(
                    signer_certificates::revoked_at
                        .eq(Some(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap())),
                )
                .execute(c)
                .map_err(hocba::error::AppError::from)
        })
        .unwrap();
    let report = by_code(&second.code);
    assert_eq!(report.verdict, Verdict::UnknownSigner, "{report:?}");
    assert_eq!(report.problem.as_deref(), Some(hocba_core::messages::VERIFY_SIGNER_REVOKED));
}

fn sha2_digest(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}
