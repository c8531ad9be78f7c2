//! Issued documents checked by three independent validators that must agree: poppler's `pdfsig`,
//! pyHanko (`tests/tools/validate_pyhanko.py`, trusting the school's CA) and `hocba verify` (the
//! real binary). A hand-over học bạ of the demo school carries a signed yearly record per approved
//! year: every signature is valid and trusted, the teacher's and principal's stay intact after the
//! seal, one flipped byte breaks all three, and a hand-over that carries another pupil's yearly
//! record — validly signed, so pdfsig and pyHanko accept it — is rejected by `hocba verify`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{pyhanko, query};

use chrono::Utc;
use diesel::prelude::*;
use hocba::auth::CurrentUser;
use hocba::db::schema::{pupils, signing_cas};
use hocba::services::issuance::{self, Issuer};
use hocba::services::records;
use hocba::services::signers::signer_for;
use hocba::signing::Signer;
use hocba_core::api::documents::{DocumentKind, SignerRole};
use hocba_core::transcript_xml::{document_xml, DocumentTag};
use hocba_pdf::{attach, field_name, sign_with, yearly_record_name, Attachment, Relationship, Scope, SignatureRequest};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct School {
    dir: tempfile::TempDir,
    prepared: hocba::startup::Prepared,
    principal: CurrentUser,
}

fn school() -> School {
    let dir = tempfile::tempdir().unwrap();
    let settings = common::demo_settings(dir.path());
    let prepared = hocba::startup::prepare(&settings).unwrap();
    let principal = common::demo_principal(&prepared.db);
    School { dir, prepared, principal }
}

impl School {
    fn issuer(&self) -> Issuer<'_> {
        Issuer {
            documents: &self.prepared.documents,
            secret: &self.prepared.signing_secret,
            verify_base: "http://truong.example/verify".into(),
        }
    }

    fn pupil(&self, name: &str) -> String {
        query(&self.prepared.db, |c| pupils::table.filter(pupils::full_name.eq(name)).select(pupils::id).first(c))
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn ca_file(&self) -> PathBuf {
        let pems: Vec<String> = query(&self.prepared.db, |c| signing_cas::table.select(signing_cas::cert_pem).load(c));
        assert_eq!(pems.len(), 1, "the demo school has its test CA");
        self.write("school-ca.pem", pems[0].as_bytes())
    }

    /// The demo's test timestamp authority's CA (in the data folder).
    fn tsa_ca_file(&self) -> PathBuf {
        let pems = self.prepared.documents.timestamp_roots();
        self.write("tsa-ca.pem", pems[0].as_bytes())
    }

    fn hocba_verify(&self, file: &Path, ca: Option<&Path>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_hocba"));
        cmd.arg("verify").arg(file).env_remove("HOCBA_DATABASE_URL").env_remove("HOCBA_CONFIG");
        match ca {
            Some(ca) => cmd.arg("--ca").arg(ca),
            None => cmd.arg("--data").arg(self.dir.path()),
        };
        cmd.output().expect("the hocba binary runs")
    }
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn pdfsig(file: &Path) -> String {
    let out = Command::new("pdfsig").arg(file).output().expect("pdfsig (poppler-utils; cargo xtask test installs it)");
    text(&out)
}

#[test]
fn three_validators_agree_on_issued_documents() {
    let s = school();
    let mỷ = s.pupil("Giàng Thị Mỷ");
    let doc = issuance::hand_over(&s.prepared.db, &s.issuer(), &s.principal, &mỷ).unwrap();
    assert!(doc.is_issued());
    let years = doc.xml.matches("<year ").count();
    assert!(years >= 1, "the demo pupil has approved years");
    let hand_over = s.write("hand-over.pdf", &doc.pdf);
    let ca = s.ca_file();

    // pdfsig: the outer signatures (principal, seal), and each attached yearly record's three.
    let sig = pdfsig(&hand_over);
    assert_eq!(sig.matches("Signature is Valid.").count(), 2, "{sig}");
    assert!(sig.contains("Total document signed"), "{sig}");
    let trust = hocba_pdf::verify::Trust::from_pem(&[std::fs::read_to_string(&ca).unwrap()]).unwrap();
    let check = hocba_pdf::verify::check_pdf(&doc.pdf, &trust).unwrap();
    let yearly: Vec<_> = check.files.iter().filter(|f| f.name.ends_with(".pdf")).collect();
    assert_eq!(yearly.len(), years, "one signed yearly record per approved year");
    for file in &yearly {
        let path = s.write(&file.name, &file.data);
        let sig = pdfsig(&path);
        assert_eq!(sig.matches("Signature is Valid.").count(), 3, "{}: {sig}", file.name);
        for name in ["GiaoVienChuNhiem", "HieuTruong", "DauNhaTruong"] {
            assert!(sig.contains(name), "{name} in {sig}");
        }
    }

    // pyHanko: every signature INTACT and TRUSTED (its timestamp too, with the test authority's CA);
    // the teacher's and principal's survive the seal.
    let (ok, out) = pyhanko(&hand_over, &[ca.clone(), s.tsa_ca_file()]);
    assert!(ok, "{out}");
    assert_eq!(out.lines().filter(|l| l.contains("INTACT:TRUSTED")).count(), 2 + 3 * years, "{out}");
    for role in ["GiaoVienChuNhiem", "HieuTruong"] {
        assert!(
            out.lines().filter(|l| l.contains(role)).all(|l| l.contains("INTACT:TRUSTED")),
            "{role} stays intact after the seal: {out}"
        );
    }

    // hocba verify: with the school's data folder (status checked: 0) and with the CA file only
    // (signatures valid, status not checked: 7).
    let out = s.hocba_verify(&hand_over, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("Bản gốc, còn nguyên vẹn"), "{}", text(&out));
    let out = s.hocba_verify(&hand_over, Some(&ca));
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    assert!(text(&out).contains("chưa kiểm tra được tài liệu có bị thu hồi"), "{}", text(&out));
    let yearly_path = s.dir.path().join(&yearly[0].name);
    assert_eq!(s.hocba_verify(&yearly_path, Some(&ca)).status.code(), Some(7), "a yearly record verifies on its own");
    // Not a signed học bạ (6); a file that cannot be read (2).
    let plain = s.write("plain.pdf", b"%PDF-1.7\nnot a signed record\n%%EOF\n");
    assert_eq!(s.hocba_verify(&plain, Some(&ca)).status.code(), Some(6));
    assert_eq!(s.hocba_verify(&s.dir.path().join("missing.pdf"), Some(&ca)).status.code(), Some(2));

    // Another school's CA: the signatures are intact but the signer is unknown.
    let stranger = hocba_pdf::TestCa::create("Trường khác").unwrap();
    let stranger_ca = s.write("stranger-ca.pem", stranger.certificate_pem().as_bytes());
    let out = s.hocba_verify(&hand_over, Some(&stranger_ca));
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(text(&out).contains("không do nhà trường có chứng thư số được tin cậy"), "{}", text(&out));
    let (ok, _) = pyhanko(&hand_over, std::slice::from_ref(&stranger_ca));
    assert!(!ok, "pyHanko does not trust another CA either");

    // One flipped byte: all three refuse.
    let mut tampered = doc.pdf.clone();
    let at = tampered.len() / 3;
    tampered[at] ^= 0x01;
    let tampered = s.write("tampered.pdf", &tampered);
    let sig = pdfsig(&tampered);
    assert!(!sig.contains("Signature is Valid."), "{sig}");
    let (ok, out) = pyhanko(&tampered, std::slice::from_ref(&ca));
    assert!(!ok, "{out}");
    let out = s.hocba_verify(&tampered, None);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("đã bị sửa"), "{}", text(&out));

    // A hand-over of Mỷ carrying another pupil's yearly record, signed by the school's own keys.
    let year = yearly[0].name.trim_start_matches("hoc-ba-nam-hoc-").trim_end_matches(".pdf").to_string();
    let other: Vec<String> = query(&s.prepared.db, |c| {
        pupils::table.filter(pupils::full_name.ne("Giàng Thị Mỷ")).select(pupils::id).load(c)
    });
    let other_record = other
        .into_iter()
        .find_map(|p| issuance::yearly_record(&s.prepared.db, &s.issuer(), &s.principal, &p, &year).ok())
        .expect("another pupil with the same approved year");
    let swapped = forge_hand_over(&s, &mỷ, &year, other_record.pdf);
    let swapped = s.write("swapped.pdf", &swapped);
    let sig = pdfsig(&swapped);
    assert_eq!(sig.matches("Signature is Valid.").count(), 2, "validly signed by the school: {sig}");
    let (ok, out) = pyhanko(&swapped, &[ca.clone(), s.tsa_ca_file()]);
    assert!(ok, "pyHanko only checks signatures: {out}");
    let out = s.hocba_verify(&swapped, None);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("của học sinh khác"), "{}", text(&out));

    // The school revokes the yearly record: with its register, 4 (revoked).
    let yearly_doc: String = query(&s.prepared.db, |c| {
        use hocba::db::schema::issued_documents as d;
        d::table
            .filter(d::pupil_id.eq(&mỷ))
            .filter(d::kind.eq("yearly_record"))
            .filter(d::school_year.eq(&year))
            .filter(d::superseded_at.is_null())
            .select(d::id)
            .first(c)
    });
    s.prepared.db.write(|c| issuance::revoke(c, &s.principal, &yearly_doc, "Nhập sai điểm, cấp lại")).unwrap();
    let out = s.hocba_verify(&yearly_path, None);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out));
    assert!(text(&out).contains("Nhập sai điểm, cấp lại"), "{}", text(&out));
    // The hand-over carrying it is no longer authentic either.
    let out = s.hocba_verify(&hand_over, None);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out));
    assert!(text(&out).contains("đã bị nhà trường thu hồi"), "{}", text(&out));
}

/// A hand-over of `pupil` that carries `record` as its yearly record of `year`, signed by the
/// school's principal and seal like a real one.
fn forge_hand_over(s: &School, pupil: &str, year: &str, record: Vec<u8>) -> Vec<u8> {
    let now = Utc::now();
    let today = now.date_naive();
    let t = s.prepared.db.read(|c| records::transcript(c, &s.principal, pupil, today)).unwrap();
    let stamp = hocba_pdf::Stamp { code: "AAAA-BBBB-CCCC".into(), verify_url: "http://truong.example/verify/X".into() };
    let rendered = s.prepared.documents.renderer.render(&t, Scope::HandOver, &stamp, now).unwrap();
    let tag = DocumentTag { kind: DocumentKind::HandOver, code: "AAAABBBBCCCC".into() };
    let files = [
        Attachment {
            name: hocba_pdf::XML_NAME.into(),
            mime: "application/xml".into(),
            description: "XML".into(),
            relationship: Relationship::Data,
            data: document_xml(&t, Some(&tag)).into_bytes(),
            modified: now,
        },
        Attachment {
            name: yearly_record_name(year),
            mime: "application/pdf".into(),
            description: year.into(),
            relationship: Relationship::Source,
            data: record,
            modified: now,
        },
    ];
    let mut pdf = attach(&rendered.pdf, &files).unwrap();
    for (role, user) in [(SignerRole::Principal, Some(s.principal.id.clone())), (SignerRole::Seal, None)] {
        let signer = s
            .prepared
            .db
            .read(|c| {
                signer_for(c, &s.prepared.signing_secret, &s.principal.school_id, role, user.as_deref(), now)
                    .map_err(hocba::error::AppError::from)
            })
            .unwrap();
        let Signer::Software(id) = signer else { panic!("demo keys are on the server") };
        let request = SignatureRequest::invisible(field_name(role), id.signer_name(), "test", now);
        pdf = sign_with(&pdf, &id, &request, s.prepared.documents.renderer.cache()).unwrap();
    }
    pdf
}
