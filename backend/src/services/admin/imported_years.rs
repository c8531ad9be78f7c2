//! Transfers in: the years a pupil studied at another school, imported from that school's signed
//! record. Accepted sources: a signed yearly record PDF, a hand-over PDF (its attached yearly
//! records), or a yearly record's XML with its detached signature (`.p7s`). Every signature must
//! verify against the CAs this school trusts, the record must be this pupil's (national id, or
//! name and date of birth) and the years must be new to the pupil. An import is all or nothing;
//! the years are stored with the signed file they came from and are read-only (the database
//! refuses changes). They join the pupil's học bạ: the hand-over attaches the original files.

use super::{log, pupils};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::ImportedYearRow;
use crate::db::models::{new_id, now};
use crate::db::schema::{classes, enrolments, imported_years, school_years, users};
use crate::error::AppError;
use crate::services::signers::keystore::trusted_cas;
use diesel::prelude::*;
use hocba_core::api::documents::{ImportedYear, SignatureCheck, Verdict, VerifyReport};
use hocba_core::codes::display_code;
use hocba_core::messages as msg;
use hocba_core::transcript::{HistoryLine, PupilIdentity, YearRecord, YearSource};
use hocba_core::transcript_xml::{parse, ParsedXml};
use hocba_core::Bilingual;
use hocba_pdf::verify::{check_pdf, verify_document, verify_xml, Trust};
use hocba_pdf::{Attachment, Relationship, XML_NAME};

/// What was uploaded.
pub enum Upload {
    Pdf(Vec<u8>),
    Xml { xml: Vec<u8>, signature: Vec<u8> },
}

/// One year found in an upload, with its signed source.
struct Candidate {
    record: YearRecord,
    placement: HistoryLine,
    pupil: PupilIdentity,
    format: &'static str,
    file: Vec<u8>,
    signature: Option<Vec<u8>>,
    signatures: Vec<SignatureCheck>,
}

const FIELD: &str = "file";

fn refused(report: &VerifyReport) -> AppError {
    match report.verdict {
        Verdict::Authentic => AppError::Internal(anyhow::anyhow!("authentic report refused")),
        Verdict::UnknownSigner => AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_UNKNOWN_SIGNER)),
        _ => {
            let problem_vi = report.problem.as_deref().unwrap_or(msg::verdict_text(report.verdict));
            let problem_en = report.problem.as_deref().unwrap_or(msg::en::verdict_text(report.verdict));
            let message =
                Bilingual::new(msg::import_not_authentic(problem_vi), msg::en::import_not_authentic(problem_en));
            AppError::validation(FIELD, message)
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(anyhow::anyhow!("json: {e}")))
}

/// The years of a verified XML, each marked with where it comes from.
fn years_of(
    parsed: ParsedXml,
    format: &'static str,
    file: &[u8],
    signature: Option<&[u8]>,
    signatures: &[SignatureCheck],
) -> Vec<Candidate> {
    let t = parsed.transcript;
    t.years
        .into_iter()
        .map(|mut record| {
            record.source = Some(YearSource {
                school_id: t.school.id.clone(),
                school_name: t.school.name.clone(),
                pupil_id: t.pupil.id.clone(),
                code: parsed.code.clone(),
            });
            let placement =
                t.history.iter().find(|h| h.school_year == record.school_year).cloned().unwrap_or_else(|| {
                    HistoryLine {
                        school_year: record.school_year.clone(),
                        class_name: record.class_name.clone(),
                        school_name: t.school.name.clone(),
                        registration_no: None,
                        entry_date: None,
                    }
                });
            Candidate {
                record,
                placement,
                pupil: t.pupil.clone(),
                format,
                file: file.to_vec(),
                signature: signature.map(<[u8]>::to_vec),
                signatures: signatures.to_vec(),
            }
        })
        .collect()
}

fn parse_xml(bytes: &[u8]) -> Result<ParsedXml, AppError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_NOT_RECORD)))?;
    parse(text).map_err(|e| {
        AppError::validation(FIELD, {
            let detail = e.to_string();
            Bilingual::new(msg::import_bad_xml(&detail), msg::en::import_bad_xml(&detail))
        })
    })
}

/// The years of a signed yearly record or hand-over PDF (its attached yearly records).
fn from_pdf(pdf: &[u8], trust: &Trust) -> Result<Vec<Candidate>, AppError> {
    let report = verify_document(pdf, trust);
    if report.verdict != Verdict::Authentic {
        return Err(refused(&report));
    }
    let check =
        check_pdf(pdf, trust).map_err(|_| AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_NOT_RECORD)))?;
    let xml =
        check.file(XML_NAME).ok_or_else(|| AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_NOT_RECORD)))?;
    let parsed = parse_xml(&xml.data)?;
    if parsed.document != Some(hocba_core::api::documents::DocumentKind::HandOver) {
        return Ok(years_of(parsed, "pdf", pdf, None, &report.signatures));
    }
    // A hand-over: each year comes from its attached, signed yearly record (or XML and .p7s).
    let mut out = Vec::new();
    for attachment in &report.attachments {
        let Some(file) = check.file(&attachment.file_name) else { continue };
        if file.data.starts_with(b"%PDF") {
            let inner = check_pdf(&file.data, trust)
                .map_err(|_| AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_NOT_RECORD)))?;
            let inner_xml = inner
                .file(XML_NAME)
                .ok_or_else(|| AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_NOT_RECORD)))?;
            out.extend(years_of(parse_xml(&inner_xml.data)?, "pdf", &file.data, None, &attachment.signatures));
        } else if let Some(p7s) = check.file(&format!("{}.p7s", attachment.file_name)) {
            out.extend(years_of(parse_xml(&file.data)?, "xml", &file.data, Some(&p7s.data), &attachment.signatures));
        }
    }
    Ok(out)
}

/// The years of an XML signed by a detached CMS signature.
fn from_xml(xml: &[u8], signature: &[u8], trust: &Trust) -> Result<Vec<Candidate>, AppError> {
    let report = verify_xml(xml, signature, trust);
    if report.verdict != Verdict::Authentic {
        return Err(refused(&report));
    }
    Ok(years_of(parse_xml(xml)?, "xml", xml, Some(signature), &report.signatures))
}

fn same_text(a: &str, b: &str) -> bool {
    let fold = |s: &str| hocba_core::text::clean(s).to_lowercase();
    fold(a) == fold(b)
}

/// The record is this pupil's: the same national id when both have one, otherwise the same name
/// and (when both are known) date of birth.
fn same_pupil(ours: &crate::db::models::Pupil, theirs: &PupilIdentity) -> bool {
    if let (Some(a), Some(b)) = (&ours.national_id, &theirs.national_id) {
        return a.trim() == b.trim();
    }
    let born = ours.birth_date.map(|d| d.format("%Y-%m-%d").to_string());
    same_text(&ours.full_name, &theirs.full_name)
        && match (&born, &theirs.birth_date) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// The school years the pupil already has here (enrolled or imported).
fn known_years(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<String>, AppError> {
    let mut years: Vec<String> = enrolments::table
        .inner_join(classes::table.inner_join(school_years::table))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .select(school_years::name)
        .load(conn)?;
    years.extend(
        imported_years::table
            .filter(imported_years::pupil_id.eq(pupil_id))
            .select(imported_years::school_year)
            .load::<String>(conn)?,
    );
    Ok(years)
}

fn trust_of(conn: &mut AnyConnection, school_id: &str) -> Result<Trust, AppError> {
    let pems = trusted_cas(conn, school_id).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Trust::from_pem(&pems).map_err(|e| AppError::Internal(anyhow::anyhow!("trusted CAs: {e}")))
}

/// `POST /api/admin/pupils/{pupil_id}/imported-years`: imports every year of the upload, or none.
pub fn import(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    pupil_id: &str,
    upload: Upload,
) -> Result<Vec<ImportedYear>, AppError> {
    let pupil = pupils::find(conn, &user.school_id, pupil_id)?;
    let trust = trust_of(conn, &user.school_id)?;
    let candidates = match &upload {
        Upload::Pdf(pdf) => from_pdf(pdf, &trust)?,
        Upload::Xml { xml, signature } => from_xml(xml, signature, &trust)?,
    };
    if candidates.is_empty() {
        return Err(AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_NO_YEAR)));
    }
    let mut known = known_years(conn, &pupil.id)?;
    for c in &candidates {
        let source = c.record.source.as_ref().map(|s| s.school_id.as_str());
        if source == Some(user.school_id.as_str()) {
            return Err(AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_OWN_SCHOOL)));
        }
        if !same_pupil(&pupil, &c.pupil) {
            return Err(AppError::validation(FIELD, hocba_core::domain_text!(IMPORT_OTHER_PUPIL)));
        }
        if known.contains(&c.record.school_year) {
            return Err(AppError::conflict(
                "year_exists",
                Bilingual::new(
                    msg::import_year_exists(&c.record.school_year),
                    msg::en::import_year_exists(&c.record.school_year),
                ),
            ));
        }
        known.push(c.record.school_year.clone());
    }
    for c in candidates {
        let source = c.record.source.clone().unwrap_or_else(|| YearSource {
            school_id: String::new(),
            school_name: String::new(),
            pupil_id: String::new(),
            code: None,
        });
        let row = ImportedYearRow {
            id: new_id(),
            school_id: user.school_id.clone(),
            pupil_id: pupil.id.clone(),
            school_year: c.record.school_year.clone(),
            grade: i32::from(c.record.grade),
            class_name: c.record.class_name.clone(),
            from_school_id: source.school_id,
            from_school_name: source.school_name.clone(),
            from_pupil_id: source.pupil_id,
            source_code: source.code.clone(),
            source_format: c.format.to_string(),
            source_file: c.file,
            source_signature: c.signature,
            record: json(&c.record)?,
            placement: json(&c.placement)?,
            signatures: json(&c.signatures)?,
            imported_by: Some(user.id.clone()),
            imported_at: now(),
        };
        diesel::insert_into(imported_years::table).values(&row).execute(conn)?;
        log(
            conn,
            user,
            "pupil.import_year",
            "pupil",
            &pupil.id,
            serde_json::json!({
                "school_year": row.school_year, "from_school": source.school_name, "code": source.code,
                "format": row.source_format,
            }),
        )?;
    }
    of_pupil(conn, &pupil.id)
}

fn rows(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<ImportedYearRow>, AppError> {
    Ok(imported_years::table
        .filter(imported_years::pupil_id.eq(pupil_id))
        .order(imported_years::school_year.asc())
        .select(ImportedYearRow::as_select())
        .load(conn)?)
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Internal(anyhow::anyhow!("imported year: {e}")))
}

/// The imported years of a pupil, oldest first.
pub fn of_pupil(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<ImportedYear>, AppError> {
    let list = rows(conn, pupil_id)?;
    let mut out = Vec::with_capacity(list.len());
    for r in list {
        let record: YearRecord = parse_json(&r.record)?;
        let imported_by = match &r.imported_by {
            Some(id) => users::table.find(id).select(users::full_name).first::<String>(conn).optional()?,
            None => None,
        };
        out.push(ImportedYear {
            id: r.id,
            school_year: r.school_year,
            grade: crate::db::models::grade_of("imported_years.grade", r.grade)?,
            class_name: r.class_name,
            from_school: r.from_school_name,
            source_code: r.source_code.as_deref().map(display_code),
            source_format: r.source_format,
            result: record.result(),
            signatures: parse_json(&r.signatures)?,
            imported_at: r.imported_at.and_utc().to_rfc3339(),
            imported_by,
        });
    }
    Ok(out)
}

/// The imported years of a pupil as học bạ years (with their source) and quá trình học tập lines.
pub fn transcript_years(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<(YearRecord, HistoryLine)>, AppError> {
    rows(conn, pupil_id)?.iter().map(|r| Ok((parse_json(&r.record)?, parse_json(&r.placement)?))).collect()
}

/// The signed files of the imported years, to attach to the hand-over học bạ as they came, and
/// the ids of the years (for the hand-over's source hash).
pub fn attachments(conn: &mut AnyConnection, pupil_id: &str) -> Result<(Vec<Attachment>, Vec<String>), AppError> {
    let mut files = Vec::new();
    let mut ids = Vec::new();
    for r in rows(conn, pupil_id)? {
        let description =
            format!("Học bạ năm học {} của {} (đã kí số, nhập khi chuyển trường)", r.school_year, r.from_school_name);
        let modified = r.imported_at.and_utc();
        match r.source_signature {
            None => files.push(Attachment {
                name: hocba_pdf::yearly_record_name(&r.school_year),
                mime: "application/pdf".to_string(),
                description,
                relationship: Relationship::Source,
                data: r.source_file,
                modified,
            }),
            Some(signature) => {
                let name = format!("hoc-ba-nam-hoc-{}.xml", r.school_year);
                files.push(Attachment {
                    name: format!("{name}.p7s"),
                    mime: "application/pkcs7-signature".to_string(),
                    description: format!("Chữ kí số của {name}"),
                    relationship: Relationship::Source,
                    data: signature,
                    modified,
                });
                files.push(Attachment {
                    name,
                    mime: "application/xml".to_string(),
                    description,
                    relationship: Relationship::Source,
                    data: r.source_file,
                    modified,
                });
            }
        }
        ids.push(r.id);
    }
    Ok((files, ids))
}
