//! Speed of issuing one pupil's five-year học bạ as the server does (`issue` in the backend's issuance
//! service): render (prebuilt font subsets, verification stamp) and attach the record's XML, then sign
//! it twice (principal and seal, PAdES B-B, ECDSA P-256, visible appearances); also a yearly record
//! (one year, three signatures). On the fixture `benches/fixtures/record-5y.json` that the peer baseline
//! (`benches/peer/peer_reportlab.py`, ReportLab + pyHanko) renders and signs too.
//!
//! With `--tsa URL` (hocba's test timestamp authority, `hocba tsa serve`, which `cargo xtask bench`
//! starts for both this benchmark and the peer), documents are issued as the server issues them
//! with an authority: every signature timestamped, then the DSS (certificates, the school CA's and
//! the authority's CRLs) and a document timestamp — PAdES B-LTA.
//!
//! Run: `cargo bench -p hocba-pdf --bench transcript_5y -- [--runs 30] [--out signed.pdf] [--tsa URL]`
//! (or `cargo xtask bench`, which also runs the peer and writes `docs/benchmarks.md`).
//! Prints one `key value` line per measure (medians in milliseconds).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hocba_core::api::documents::DocumentKind;
use hocba_core::catalogue::{competencies, qualities, QualitySpec};
use hocba_core::messages as msg;
use hocba_core::rules::Evaluation;
use hocba_core::transcript::{
    HistoryLine, PupilIdentity, QualityLine, SchoolInfo, SubjectLine, Transcript, YearRecord,
};
use hocba_core::transcript_xml::{document_xml, DocumentTag};
use hocba_core::{QualityLevel, SubjectLevel, YearResult};
use hocba_pdf::tsa::TimestampAuthority;
use hocba_pdf::{
    attach, field_name, ltv, sign_pdf, sign_with, signing_roles, verify, yearly_record_name, AppearanceLine,
    Attachment, RawSigner, Relationship, Rendered, Renderer, Scope, SignatureRequest, SigningIdentity, Stamp, TestCa,
    SIGNATURE_RESERVE, XML_NAME,
};
use serde::Deserialize;
use std::time::Instant;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/fixtures/record-5y.json");
const REASON: &str = "Xác nhận học bạ";

/// The fixture as written by `benches/peer/make_record.py` (fields the bench does not use are ignored).
#[derive(Deserialize)]
struct Record {
    school: String,
    commune: String,
    district: String,
    province: String,
    principal: String,
    record_code: String,
    pupil: Pupil,
    history: Vec<History>,
    years: Vec<Year>,
}

#[derive(Deserialize)]
struct Pupil {
    full_name: String,
    gender: String,
    date_of_birth: String,
    ethnicity: String,
    nationality: String,
    place_of_birth: String,
    home_town: String,
    address: String,
    father: String,
    mother: String,
    guardian: String,
    personal_id: String,
}

#[derive(Deserialize)]
struct History {
    school_year: String,
    class: String,
    school: String,
    registry_no: String,
    enrolled: String,
}

#[derive(Deserialize)]
struct Year {
    grade: u8,
    class: String,
    school_year: String,
    subjects: Vec<Subject>,
    qualities: Vec<Quality>,
    competencies: Vec<Quality>,
    result: String,
    homeroom_teacher: String,
    place_date: String,
    height_cm: f64,
    weight_kg: f64,
    absent_excused: u16,
    absent_unexcused: u16,
    awards: Vec<String>,
    completion: String,
}

#[derive(Deserialize)]
struct Subject {
    code: String,
    name: String,
    level: String,
    score: Option<u8>,
    comment: String,
}

#[derive(Deserialize)]
struct Quality {
    name: String,
    level: String,
    comment: String,
}

fn some(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// dd/mm/yyyy → ISO 8601.
fn iso(dmy: &str) -> Option<String> {
    NaiveDate::parse_from_str(dmy.trim(), "%d/%m/%Y").ok().map(|d| d.format("%Y-%m-%d").to_string())
}

/// "Mường Khương, ngày 25 tháng 5 năm 2026" → 2026-05-25.
fn place_date(s: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let after = |w: &str| words.iter().position(|x| *x == w).and_then(|i| words.get(i + 1)?.parse::<u32>().ok());
    NaiveDate::from_ymd_opt(i32::try_from(after("năm")?).ok()?, after("tháng")?, after("ngày")?)
}

/// The fixture's subject codes → the catalogue's (names are kept as the fixture writes them).
fn subject_code(code: &str) -> &str {
    match code {
        "tnxh" => "tu_nhien_xa_hoi",
        "lsdl" => "lich_su_dia_li",
        "gdtc" => "giao_duc_the_chat",
        "hdtn" => "hoat_dong_trai_nghiem",
        "tieng_hmong" => "tieng_dan_toc",
        other => other,
    }
}

fn year_result(s: &str) -> YearResult {
    match s.trim() {
        "Hoàn thành xuất sắc" => YearResult::HTXS,
        "Hoàn thành tốt" => YearResult::HTT,
        "Hoàn thành" => YearResult::HT,
        "Chưa hoàn thành" => YearResult::CHT,
        other => panic!("unknown result {other:?}"),
    }
}

/// Phẩm chất / năng lực by name → catalogue code and kind. The fixture lists all ten năng lực in every
/// grade (the catalogue starts Công nghệ and Tin học in grade 3), so grade 5's list is the lookup table.
fn quality_line(q: &Quality, specs: &[QualitySpec]) -> QualityLine {
    let spec = specs.iter().find(|s| s.name == q.name).unwrap_or_else(|| panic!("{} is not in the catalogue", q.name));
    QualityLine {
        code: spec.code.to_string(),
        name: q.name.clone(),
        kind: spec.kind,
        level: Some(QualityLevel::parse(&q.level).unwrap_or_else(|| panic!("quality level {:?}", q.level))),
        comment: some(&q.comment),
    }
}

fn transcript(r: &Record) -> Transcript {
    let p = &r.pupil;
    let (pham_chat, nang_luc) = (qualities(), competencies(5));
    let years: Vec<YearRecord> = r
        .years
        .iter()
        .map(|y| {
            let subjects = y
                .subjects
                .iter()
                .map(|s| SubjectLine {
                    code: subject_code(&s.code).to_string(),
                    name: s.name.clone(),
                    level: Some(SubjectLevel::parse(&s.level).unwrap_or_else(|| panic!("subject level {:?}", s.level))),
                    score: s.score,
                    comment: some(&s.comment),
                })
                .collect();
            let mut qualities: Vec<QualityLine> = y.qualities.iter().map(|q| quality_line(q, &pham_chat)).collect();
            qualities.extend(y.competencies.iter().map(|q| quality_line(q, &nang_luc)));
            // The record states the result (printed as is by the peer); use it rather than recomputing,
            // so both documents say the same thing.
            let evaluation =
                Evaluation { result: Some(year_result(&y.result)), limiting: Vec::new(), missing: Vec::new() };
            YearRecord {
                school_year: y.school_year.clone(),
                class_name: y.class.clone(),
                grade: y.grade,
                homeroom_teacher: some(&y.homeroom_teacher),
                principal_name: some(&r.principal),
                subjects,
                qualities,
                evaluation,
                approved_at: place_date(&y.place_date).map(|d| format!("{}T08:00:00+07:00", d.format("%Y-%m-%d"))),
                height_mm: Some((y.height_cm * 10.0).round() as u32),
                weight_hg: Some((y.weight_kg * 10.0).round() as u32),
                days_absent_excused: Some(y.absent_excused),
                days_absent_unexcused: Some(y.absent_unexcused),
                final_result: None,
                awards: y.awards.clone(),
                completion: some(&y.completion),
                source: None,
            }
        })
        .collect();
    let issued_on = r
        .years
        .last()
        .and_then(|y| place_date(&y.place_date))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    Transcript {
        school: SchoolInfo {
            id: "bench-school".to_string(),
            name: r.school.clone(),
            code: String::new(),
            commune: r.commune.clone(),
            district: r.district.clone(),
            province: r.province.clone(),
            principal_name: r.principal.clone(),
        },
        pupil: PupilIdentity {
            id: r.record_code.clone(),
            national_id: some(&p.personal_id),
            full_name: p.full_name.clone(),
            gender: p.gender.clone(),
            birth_date: iso(&p.date_of_birth),
            ethnicity: p.ethnicity.clone(),
            nationality: p.nationality.clone(),
            birth_place: some(&p.place_of_birth),
            home_town: some(&p.home_town),
            address: some(&p.address),
            father_name: some(&p.father),
            mother_name: some(&p.mother),
            guardian_name: some(&p.guardian),
        },
        history: r
            .history
            .iter()
            .map(|h| HistoryLine {
                school_year: h.school_year.clone(),
                class_name: h.class.clone(),
                school_name: h.school.clone(),
                registration_no: some(&h.registry_no),
                entry_date: iso(&h.enrolled),
            })
            .collect(),
        years,
        issued_on,
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

/// "dd/mm/yyyy HH:MM" in Vietnam time (as the server prints it in a signature appearance).
fn vietnam_time(at: DateTime<Utc>) -> String {
    hocba_core::time::format_vietnam_date_time(at)
}

/// What the server does to issue one document (backend `services::issuance::issue`): render, attach
/// the record's XML, then one visible signature per role at the rendered boxes.
struct Issue<'a> {
    renderer: &'a Renderer,
    id: &'a SigningIdentity,
    stamp: &'a Stamp,
    now: DateTime<Utc>,
    /// The timestamp authority and the CRLs to embed (the school CA's, the authority's).
    ltv: Option<(&'a HttpTsa, Vec<Vec<u8>>)>,
}

/// A timestamp authority over HTTP/1.1 with no HTTP library: persistent connections (one per
/// thread at a time, kept for the next request), as the server's pooled client reuses its own.
struct HttpTsa {
    host: String,
    path: String,
    idle: std::sync::Mutex<Vec<std::io::BufReader<std::net::TcpStream>>>,
}

impl HttpTsa {
    fn new(url: &str) -> HttpTsa {
        let rest = url.strip_prefix("http://").expect("an http:// URL");
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        HttpTsa { host: host.to_string(), path: format!("/{path}"), idle: std::sync::Mutex::new(Vec::new()) }
    }

    fn exchange(&self, method: &str, path: &str, body: &[u8]) -> Vec<u8> {
        let reused = self.idle.lock().expect("the idle connections").pop();
        if let Some(mut conn) = reused {
            if let Some(answer) = self.send(&mut conn, method, path, body) {
                self.idle.lock().expect("the idle connections").push(conn);
                return answer;
            }
        }
        let stream = std::net::TcpStream::connect(&self.host).expect("connect to the TSA");
        stream.set_nodelay(true).expect("TCP_NODELAY");
        let mut conn = std::io::BufReader::new(stream);
        let answer = self.send(&mut conn, method, path, body).expect("an HTTP answer from the TSA");
        self.idle.lock().expect("the idle connections").push(conn);
        answer
    }

    /// One request on `conn`; `None` when the connection was closed by the other side.
    fn send(
        &self,
        conn: &mut std::io::BufReader<std::net::TcpStream>,
        method: &str,
        path: &str,
        body: &[u8],
    ) -> Option<Vec<u8>> {
        use std::io::{BufRead, Read, Write};
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/timestamp-query\r\n\
             Content-Length: {}\r\n\r\n",
            self.host,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        conn.get_mut().write_all(&request).ok()?;
        let mut status = String::new();
        if conn.read_line(&mut status).ok()? == 0 {
            return None;
        }
        assert!(status.starts_with("HTTP/1.1 200"), "the TSA answered {status}");
        let mut length = 0;
        loop {
            let mut line = String::new();
            conn.read_line(&mut line).ok()?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().expect("a Content-Length");
                }
            }
        }
        let mut answer = vec![0; length];
        conn.read_exact(&mut answer).ok()?;
        Some(answer)
    }

    fn get(&self, path: &str) -> Vec<u8> {
        self.exchange("GET", path, b"")
    }
}

impl TimestampAuthority for HttpTsa {
    fn respond(&self, request: &[u8]) -> Result<Vec<u8>, hocba_pdf::PdfError> {
        Ok(self.exchange("POST", &self.path, request))
    }
}

impl Issue<'_> {
    fn render(&self, t: &Transcript, scope: Scope<'_>) -> Rendered {
        self.renderer.render(t, scope, self.stamp, self.now).expect("render")
    }

    fn attach(&self, t: &Transcript, kind: DocumentKind, pdf: &[u8]) -> Vec<u8> {
        self.attach_with(t, kind, pdf, Vec::new())
    }

    /// Attaches the record's XML and `more` (a hand-over's signed yearly records).
    fn attach_with(&self, t: &Transcript, kind: DocumentKind, pdf: &[u8], more: Vec<Attachment>) -> Vec<u8> {
        let xml = document_xml(t, Some(&DocumentTag { kind, code: "7KQ2M9XD4RTA".into() }));
        let file = Attachment {
            name: XML_NAME.to_string(),
            mime: "application/xml".to_string(),
            description: "Học bạ (XML, lược đồ hoc-ba.xsd)".to_string(),
            relationship: Relationship::Data,
            data: xml.into_bytes(),
            modified: self.now,
        };
        let mut files = vec![file];
        files.extend(more);
        attach(pdf, &files).expect("attach")
    }

    fn sign(&self, t: &Transcript, rendered: &Rendered, school_year: Option<&str>, mut pdf: Vec<u8>) -> Vec<u8> {
        let kind = if school_year.is_some() { DocumentKind::YearlyRecord } else { DocumentKind::HandOver };
        let holder = verify::holder_name(RawSigner::certificate(self.id));
        let roles = signing_roles(kind);
        for (i, role) in roles.iter().enumerate() {
            let request = SignatureRequest {
                field_name: field_name(*role).to_string(),
                signer_name: holder.clone(),
                reason: msg::signing_reason(*role, school_year),
                location: Some(t.school.commune.clone()),
                signing_time: self.now,
                placement: rendered.box_for(*role),
                appearance: vec![
                    AppearanceLine::bold(msg::SIGNED_DIGITALLY),
                    AppearanceLine::regular(msg::signer_role_name(*role)),
                    AppearanceLine::bold(holder.clone()),
                    AppearanceLine::regular(msg::signed_on(&vietnam_time(self.now))),
                ],
                reserve: SIGNATURE_RESERVE,
                later_fields: roles[i + 1..]
                    .iter()
                    .map(|r| (field_name(*r).to_string(), rendered.box_for(*r)))
                    .collect(),
            };
            pdf = match &self.ltv {
                Some((tsa, _)) => {
                    hocba_pdf::tsa::sign_with_timestamp(&pdf, self.id, &request, *tsa, self.renderer.cache())
                }
                None => sign_with(&pdf, self.id, &request, self.renderer.cache()),
            }
            .expect("sign");
        }
        // As the server finishes a document with an authority: the DSS, then a document timestamp.
        if let Some((tsa, crls)) = &self.ltv {
            let authority = Some((*tsa as &dyn TimestampAuthority, SIGNATURE_RESERVE));
            pdf = ltv::make_long_term(&pdf, crls, None, authority, self.renderer.cache()).expect("long-term data");
        }
        pdf
    }
}

/// Medians of (render + attach, signatures, total) over `runs` issues of one document.
fn measure(runs: usize, mut one: impl FnMut() -> (f64, f64, Vec<u8>)) -> (f64, f64, f64, Vec<u8>) {
    let (mut generate, mut sign, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut last = Vec::new();
    for _ in 0..runs {
        let (g, s, pdf) = one();
        generate.push(g);
        sign.push(s);
        total.push(g + s);
        last = pdf;
    }
    (median(&mut generate), median(&mut sign), median(&mut total), last)
}

/// The signed yearly records of a pupil, as the hand-over attaches them.
fn yearly_records(issue: &Issue<'_>, t: &Transcript) -> Vec<Attachment> {
    t.years
        .iter()
        .map(|y| {
            let one = Transcript { years: vec![y.clone()], ..t.clone() };
            let rendered = issue.render(&one, Scope::Year(&y.school_year));
            let pdf = issue.attach(&one, DocumentKind::YearlyRecord, &rendered.pdf);
            Attachment {
                name: yearly_record_name(&y.school_year),
                mime: "application/pdf".to_string(),
                description: format!("Học bạ năm học {} (đã kí số)", y.school_year),
                relationship: Relationship::Source,
                data: issue.sign(&one, &rendered, Some(&y.school_year), pdf),
                modified: issue.now,
            }
        })
        .collect()
}

/// The fixture's record under another pupil's name and id.
fn pupil(t: &Transcript, i: usize) -> Transcript {
    let mut p = t.clone();
    p.pupil.id = format!("{}-{i}", t.pupil.id);
    p.pupil.full_name = format!("{} {i}", t.pupil.full_name);
    p
}

/// A graduating cohort issued as the hand-over batch issues it, on every core, into one ZIP
/// (stored: the PDFs are compressed inside): per pupil the hand-over học bạ carrying its five
/// signed yearly records, signed by the principal and sealed. `with_yearly`: the yearly records
/// are issued too (three signatures each), as for a cohort whose years were never downloaded;
/// otherwise they exist already (issued when each year was approved) and the fixture's are attached.
/// Answers the wall-clock seconds and the ZIP's size.
fn cohort(issue: &Issue<'_>, t: &Transcript, pupils: usize, with_yearly: bool, dir: &std::path::Path) -> (f64, u64) {
    use std::io::Write as _;
    let path = dir.join(format!("cohort-{with_yearly}.zip"));
    let existing = yearly_records(issue, t);
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let t0 = Instant::now();
    let zip = std::sync::Mutex::new(zip::ZipWriter::new(std::fs::File::create(&path).expect("create the ZIP")));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    std::thread::scope(|scope| {
        for worker in 0..threads {
            let (zip, existing) = (&zip, &existing);
            scope.spawn(move || {
                for i in (worker..pupils).step_by(threads) {
                    let p = pupil(t, i);
                    let records = if with_yearly { yearly_records(issue, &p) } else { existing.clone() };
                    let rendered = issue.render(&p, Scope::HandOver);
                    let pdf = issue.attach_with(&p, DocumentKind::HandOver, &rendered.pdf, records);
                    let signed = issue.sign(&p, &rendered, None, pdf);
                    let mut zip = zip.lock().expect("the ZIP");
                    zip.start_file(format!("hoc-ba-{i:04}.pdf"), options).expect("a ZIP entry");
                    zip.write_all(&signed).expect("write the ZIP");
                }
            });
        }
    });
    zip.into_inner().expect("the ZIP").finish().expect("finish the ZIP");
    let seconds = t0.elapsed().as_secs_f64();
    (seconds, std::fs::metadata(&path).map(|m| m.len()).unwrap_or_default())
}

fn main() {
    // `cargo bench` passes `--bench` to harness-less benches; ignore what is not ours.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let runs: usize = value("--runs").map(|v| v.parse().expect("--runs takes a number")).unwrap_or(30).max(1);
    let out = value("--out");
    let cohort_size: usize = value("--cohort").map(|v| v.parse().expect("--cohort takes a number")).unwrap_or(1000);

    let t0 = Instant::now();
    let record: Record =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).expect("read the fixture")).expect("parse the fixture");
    let t = transcript(&record);
    let load_ms = ms(t0);

    let t0 = Instant::now();
    let renderer = Renderer::new().expect("renderer");
    let renderer_new_ms = ms(t0);

    let dir = tempfile::tempdir().expect("temp dir");
    let t0 = Instant::now();
    let ca = TestCa::create(&t.school.name).expect("school CA");
    let id: SigningIdentity = ca.issue(&t.school.principal_name, &t.school.name, 5 * 365).expect("signing identity");
    let identity_ms = ms(t0);
    let tsa = value("--tsa").map(|url| HttpTsa::new(&url));
    let created = Utc.with_ymd_and_hms(2026, 5, 25, 1, 0, 0).single().expect("valid date");
    let stamp = Stamp {
        code: "7KQ2-M9XD-4RTA".to_string(),
        verify_url: "https://thsaphin.example.edu.vn/xac-minh/7KQ2M9XD4RTA".to_string(),
    };
    let ltv = tsa.as_ref().map(|tsa| {
        let now = Utc::now();
        let school_crl = ca.crl(&[], 1, now, now + chrono::Duration::days(7)).expect("CRL");
        (tsa, vec![school_crl, tsa.get("/crl")])
    });
    let level = if ltv.is_some() { "PAdES B-LTA" } else { "PAdES B-B" };
    let issue = Issue { renderer: &renderer, id: &id, stamp: &stamp, now: created, ltv };

    // The hand-over (cover, identity, five years; XML attached; principal and seal).
    let hand_over = || {
        let t0 = Instant::now();
        let rendered = issue.render(&t, Scope::HandOver);
        let pdf = issue.attach(&t, DocumentKind::HandOver, &rendered.pdf);
        let t1 = Instant::now();
        let signed = issue.sign(&t, &rendered, None, pdf);
        ((t1 - t0).as_secs_f64() * 1e3, ms(t1), signed)
    };
    // A yearly record (the last year; its XML; teacher, principal and seal).
    let last = t.years.last().expect("the fixture has years");
    let one_year = Transcript { years: vec![last.clone()], ..t.clone() };
    let yearly = || {
        let t0 = Instant::now();
        let rendered = issue.render(&one_year, Scope::Year(&last.school_year));
        let pdf = issue.attach(&one_year, DocumentKind::YearlyRecord, &rendered.pdf);
        let t1 = Instant::now();
        let signed = issue.sign(&one_year, &rendered, Some(&last.school_year), pdf);
        ((t1 - t0).as_secs_f64() * 1e3, ms(t1), signed)
    };

    // Warm-up.
    for _ in 0..3 {
        hand_over();
        yearly();
    }
    let (generate, sign, total, signed) = measure(runs, hand_over);
    let (year_generate, year_sign, year_total, year_signed) = measure(runs, yearly);

    // Parts: rendering alone, the same document without the five school years (the fixed cost), one
    // full lopdf parse of the rendered PDF (signing no longer does one: it reads only the
    // cross-reference table and the few objects it changes), one invisible signature.
    let unsigned = issue.render(&t, Scope::HandOver).pdf;
    let no_years = Transcript { years: Vec::new(), ..t.clone() };
    let (mut render, mut cover, mut parse, mut invisible) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t0 = Instant::now();
        std::hint::black_box(issue.render(&t, Scope::HandOver));
        render.push(ms(t0));
        let t0 = Instant::now();
        std::hint::black_box(issue.render(&no_years, Scope::HandOver));
        cover.push(ms(t0));
        let t0 = Instant::now();
        std::hint::black_box(lopdf::Document::load_mem(&unsigned).expect("parse"));
        parse.push(ms(t0));
        let t0 = Instant::now();
        std::hint::black_box(sign_pdf(&unsigned, &id, created, REASON).expect("sign"));
        invisible.push(ms(t0));
    }

    // With an authority: one timestamp (request, HTTP exchange, the token checked) and reading a
    // signed document's certificates and DSS (the read step of the long-term data).
    let (mut stamp_ms, mut read_ltv) = (Vec::new(), Vec::new());
    if let Some((tsa, _)) = &issue.ltv {
        for i in 0..runs {
            let digest = [u8::try_from(i % 256).unwrap_or(0); 32];
            let t0 = Instant::now();
            std::hint::black_box(hocba_pdf::tsa::timestamp(*tsa, &digest).expect("a timestamp"));
            stamp_ms.push(ms(t0));
            let t0 = Instant::now();
            std::hint::black_box(ltv::signature_certificates(&signed).expect("certificates"));
            read_ltv.push(ms(t0));
        }
    }

    let (cohort_s, cohort_bytes) = cohort(&issue, &t, cohort_size, false, dir.path());
    let (cohort_full_s, _) = cohort(&issue, &t, cohort_size, true, dir.path());

    let doc = lopdf::Document::load_mem(&signed).expect("parse the signed PDF");
    let pages = doc.get_pages().len();
    if let Some(path) = out {
        std::fs::write(&path, &signed).expect("write --out");
        std::fs::write(format!("{path}.year.pdf"), &year_signed).expect("write --out");
    }

    println!("runs {runs}");
    println!("level {level}");
    println!("pages {pages}");
    println!("bytes {}", signed.len());
    println!("unsigned_bytes {}", unsigned.len());
    // Hand-over: render + attach the XML ("generate"), principal + seal visible signatures ("sign").
    println!("hocba_generate_ms_median {generate:.3}");
    println!("hocba_sign_ms_median {sign:.3}");
    println!("hocba_total_ms_median {total:.3}");
    println!("hocba_render_ms_median {:.3}", median(&mut render));
    println!("hocba_lopdf_parse_ms_median {:.3}", median(&mut parse));
    println!("hocba_sign_invisible_ms_median {:.3}", median(&mut invisible));
    println!("hocba_generate_without_years_ms_median {:.3}", median(&mut cover));
    if !stamp_ms.is_empty() {
        println!("hocba_timestamp_ms_median {:.3}", median(&mut stamp_ms));
        println!("hocba_ltv_read_ms_median {:.3}", median(&mut read_ltv));
    }
    // Yearly record: one year, XML attached, teacher + principal + seal.
    println!("hocba_year_bytes {}", year_signed.len());
    println!("hocba_year_generate_ms_median {year_generate:.3}");
    println!("hocba_year_sign_ms_median {year_sign:.3}");
    println!("hocba_year_total_ms_median {year_total:.3}");
    println!("hocba_renderer_new_ms {renderer_new_ms:.3}");
    println!("hocba_identity_create_ms {identity_ms:.3}");
    println!("hocba_fixture_load_ms {load_ms:.3}");
    // A cohort: hand-overs (with their five yearly records attached) issued on every core, zipped.
    println!("cohort_pupils {cohort_size}");
    println!("cohort_threads {}", std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get));
    println!("cohort_zip_bytes {cohort_bytes}");
    println!("cohort_hand_over_s {cohort_s:.3}");
    println!("cohort_with_yearly_s {cohort_full_s:.3}");
}
