//! Renders and signs a five-year học bạ and checks the result with real PDF tools:
//! poppler-utils (pdftotext, pdffonts, pdfsig) and, when installed, qpdf.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use hocba_core::catalogue::{qualities_and_competencies, required_subjects};
use hocba_core::rules::{evaluate_year, QualityOutcome, SubjectOutcome};
use hocba_core::transcript::{
    HistoryLine, PupilIdentity, QualityLine, SchoolInfo, SubjectLine, Transcript, YearRecord,
};
use hocba_core::{QualityLevel, SubjectLevel};
use hocba_pdf::{sign_pdf, Renderer, SigningIdentity};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const PUPIL: &str = "Giàng Thị Mỷ";
const SCHOOL: &str = "Trường Tiểu học Sà Phìn";

const COMMENTS: [&str; 4] = [
    "Em đọc lưu loát, viết đúng chính tả, chữ viết đều và đẹp; biết dùng từ ngữ phù hợp khi kể lại câu chuyện \
     đã học, mạnh dạn phát biểu ý kiến trong giờ học và biết lắng nghe bạn.",
    "Thực hiện thành thạo các phép tính cộng, trừ, nhân, chia; biết vận dụng giải toán có lời văn. \
     Cần cẩn thận hơn khi đặt tính và kiểm tra lại kết quả.",
    "Tích cực, tự giác tham gia các hoạt động tập thể; biết giúp đỡ bạn bè, lễ phép với thầy cô, \
     giữ gìn của công và có ý thức bảo vệ môi trường ở trường, ở bản.",
    "Hoàn thành tốt nội dung môn học.",
];

fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| Renderer::new().unwrap())
}

fn identity() -> &'static SigningIdentity {
    static ID: OnceLock<SigningIdentity> = OnceLock::new();
    ID.get_or_init(|| SigningIdentity::load_or_create(&scratch_dir("identity"), SCHOOL).unwrap())
}

/// A fresh directory for this test under cargo's target tmp dir (the PDFs stay there for a look).
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hocba-pdf-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn year_record(grade: u8, comment_len: usize) -> YearRecord {
    let start = 2020 + i32::from(grade);
    let subjects: Vec<SubjectLine> = required_subjects(grade)
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut comment = COMMENTS[i % COMMENTS.len()].to_string();
            while comment.chars().count() < comment_len {
                comment.push(' ');
                comment.push_str(COMMENTS[(i + 1) % COMMENTS.len()]);
            }
            SubjectLine {
                code: s.code.to_string(),
                name: s.name.to_string(),
                level: Some(if i % 3 == 1 { SubjectLevel::H } else { SubjectLevel::T }),
                score: (!s.test_periods.is_empty()).then_some(if i % 2 == 0 { 9 } else { 10 }),
                comment: Some(comment),
            }
        })
        .collect();
    let qualities: Vec<QualityLine> = qualities_and_competencies(grade)
        .iter()
        .enumerate()
        .map(|(i, q)| QualityLine {
            code: q.code.to_string(),
            name: q.name.to_string(),
            kind: q.kind,
            level: Some(if i % 4 == 3 { QualityLevel::D } else { QualityLevel::T }),
            comment: Some(COMMENTS[(i + 2) % COMMENTS.len()].to_string()),
        })
        .collect();
    let subject_outcomes: Vec<SubjectOutcome<'_>> = subjects
        .iter()
        .map(|s| SubjectOutcome {
            code: &s.code,
            name: &s.name,
            level: s.level,
            scored: s.score.is_some(),
            score: s.score,
        })
        .collect();
    let quality_outcomes: Vec<QualityOutcome<'_>> =
        qualities.iter().map(|q| QualityOutcome { code: &q.code, name: &q.name, level: q.level }).collect();
    let evaluation = evaluate_year(&subject_outcomes, &quality_outcomes);
    YearRecord {
        school_year: format!("{start}-{}", start + 1),
        class_name: format!("{grade}A"),
        grade,
        homeroom_teacher: Some("Vàng Văn Páo".to_string()),
        principal_name: Some("Lò Thị Thanh Hương".to_string()),
        subjects,
        qualities,
        evaluation,
        approved_at: Some(format!("{}-05-28T03:00:00Z", start + 1)),
        height_mm: Some(1100 + u32::from(grade) * 55),
        weight_hg: Some(180 + u32::from(grade) * 25),
        days_absent_excused: Some(2),
        days_absent_unexcused: Some(0),
        final_result: None,
        awards: vec!["Học sinh Xuất sắc".to_string()],
        completion: None,
    }
}

fn transcript(full_name: &str, grades: std::ops::RangeInclusive<u8>, comment_len: usize) -> Transcript {
    let years: Vec<YearRecord> = grades.clone().map(|g| year_record(g, comment_len)).collect();
    Transcript {
        school: SchoolInfo {
            id: "school-1".to_string(),
            name: SCHOOL.to_string(),
            code: "10101".to_string(),
            commune: "Xã Sà Phìn".to_string(),
            district: "Huyện Đồng Văn".to_string(),
            province: "Tỉnh Hà Giang".to_string(),
            principal_name: "Lò Thị Thanh Hương".to_string(),
        },
        pupil: PupilIdentity {
            id: "pupil-1".to_string(),
            national_id: Some("002315004567".to_string()),
            full_name: full_name.to_string(),
            gender: "Nữ".to_string(),
            birth_date: Some("2015-03-14".to_string()),
            ethnicity: "Mông".to_string(),
            nationality: "Việt Nam".to_string(),
            birth_place: Some("Trạm y tế xã Sà Phìn, huyện Đồng Văn, tỉnh Hà Giang".to_string()),
            home_town: Some("Xã Sà Phìn, huyện Đồng Văn, tỉnh Hà Giang".to_string()),
            address: Some("Thôn Sà Phìn A, xã Sà Phìn, huyện Đồng Văn, tỉnh Hà Giang".to_string()),
            father_name: Some("Giàng Mí Chứ".to_string()),
            mother_name: Some("Vừ Thị Dính".to_string()),
            guardian_name: None,
        },
        history: years
            .iter()
            .map(|y| HistoryLine {
                school_year: y.school_year.clone(),
                class_name: y.class_name.clone(),
                school_name: SCHOOL.to_string(),
                registration_no: Some("38/TH".to_string()),
                entry_date: (y.grade == 1).then(|| "2021-09-05".to_string()),
            })
            .collect(),
        years,
        issued_on: "2026-05-30".to_string(),
    }
}

fn created() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 30, 2, 15, 0).unwrap()
}

/// Runs a tool, failing the test with an install hint when it is missing.
fn run(tool: &str, package: &str, args: &[&std::ffi::OsStr]) -> (bool, String) {
    let found = Command::new("which").arg(tool).output().map(|o| o.status.success()).unwrap_or(false);
    assert!(found, "`{tool}` is not installed: install it with `apt-get install -y {package}`");
    let output = Command::new(tool).args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

fn poppler(tool: &str, pdf: &Path, extra: &[&str]) -> String {
    let mut args: Vec<&std::ffi::OsStr> = extra.iter().map(std::ffi::OsStr::new).collect();
    args.push(pdf.as_os_str());
    if tool == "pdftotext" {
        args.push(std::ffi::OsStr::new("-"));
    }
    run(tool, "poppler-utils", &args).1
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn signed_five_years(dir: &Path) -> (Vec<u8>, PathBuf) {
    let t = transcript(PUPIL, 1..=5, 180);
    let pdf = renderer().render(&t, created()).unwrap();
    let signed = sign_pdf(&pdf, identity(), created(), "Xác nhận học bạ cuối năm học").unwrap();
    assert!(signed.starts_with(&pdf), "the signature must be an incremental update");
    let path = write(dir, "hoc-ba-signed.pdf", &signed);
    (signed, path)
}

#[test]
fn rendered_record_has_the_text_and_embedded_subset_fonts() {
    let dir = scratch_dir("text");
    let (_, path) = signed_five_years(&dir);

    let text = poppler("pdftotext", &path, &["-enc", "UTF-8"]);
    assert!(text.contains("HỌC BẠ"), "title missing:\n{text}");
    assert!(text.contains(PUPIL), "pupil name missing");
    assert!(text.contains("GIÀNG THỊ MỶ"), "cover name missing");
    // Headers and comments wrap inside their cells: compare with line breaks flattened.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for label in [
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
        "QUÁ TRÌNH HỌC TẬP",
        "1. Các môn học và hoạt động giáo dục",
        "Mức đạt được",
        "Điểm KTĐK",
        "2. Những phẩm chất chủ yếu",
        "3. Những năng lực cốt lõi",
        "Năng lực đặc thù",
        "4. Đánh giá kết quả giáo dục",
        "5. Khen thưởng",
        "Hoàn thành chương trình tiểu học",
        "Xác nhận của Hiệu trưởng",
        "Giáo viên chủ nhiệm",
        "Tin học và Công nghệ (Công nghệ)",
        "Xã Sà Phìn, ngày 28 tháng 05 năm 2026",
        // The year's header: grade 5 measures and days absent, and its award.
        "Chiều cao: 137,5 cm",
        "Cân nặng: 30,5 kg",
        "5. Khen thưởng: Học sinh Xuất sắc",
    ] {
        assert!(flat.contains(label), "`{label}` missing from the text");
    }
    // A long comment wraps: its words are all there, on several lines.
    assert!(flat.contains("biết dùng từ ngữ phù hợp khi kể lại câu chuyện đã học"), "wrapped comment missing");

    let fonts = poppler("pdffonts", &path, &[]);
    let rows: Vec<&str> = fonts.lines().filter(|l| l.contains("NotoSerif")).collect();
    assert_eq!(rows.len(), 2, "regular and bold expected:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "font not embedded as a subset: {row}");
    }

    let pages = poppler("pdfinfo", &path, &[]);
    assert!(pages.contains("Học bạ – Giàng Thị Mỷ"), "title metadata:\n{pages}");
    assert!(pages.contains("Sat May 30 02:15:00 2026 UTC"), "creation date metadata:\n{pages}");
    assert!(!pages.contains("PDF/X"), "no conformance claim expected:\n{pages}");
}

#[test]
fn signature_is_valid_and_detects_a_changed_byte() {
    let dir = scratch_dir("sign");
    let (signed, path) = signed_five_years(&dir);

    let report = poppler("pdfsig", &path, &[]);
    assert!(report.contains("Signature is Valid."), "pdfsig:\n{report}");
    assert!(report.contains("ETSI.CAdES.detached") || report.contains("PAdES"), "pdfsig:\n{report}");
    assert!(report.contains("Sà Phìn (TEST)"), "signer name:\n{report}");
    trusted_with_test_ca(&dir, &path);

    // Flip one byte inside the first page's content stream (inside the signed range).
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let first_page = *doc.get_pages().values().next().unwrap();
    let contents = doc.get_dictionary(first_page).unwrap().get(b"Contents").unwrap().as_reference().unwrap();
    let object_at = match doc.reference_table.get(contents.0).unwrap() {
        lopdf::xref::XrefEntry::Normal { offset, .. } => *offset as usize,
        other => panic!("content stream not at a plain offset: {other:?}"),
    };
    let at = object_at + find(&signed[object_at..], b"stream").unwrap() + 20;
    let mut tampered = signed.clone();
    tampered[at] ^= 0x01;
    let bad = write(&dir, "tampered.pdf", &tampered);
    let report = poppler("pdfsig", &bad, &[]);
    assert!(!report.contains("Signature is Valid."), "tampering not detected:\n{report}");
    assert!(report.contains("Digest Mismatch."), "pdfsig:\n{report}");

    qpdf_check(&path);
}

#[test]
fn indirect_acroform_and_annots_and_a_second_signature() {
    let dir = scratch_dir("indirect");
    let t = transcript(PUPIL, 1..=1, 60);
    let pdf = renderer().render(&t, created()).unwrap();

    // Rewrite the PDF with an indirect /AcroForm (holding an indirect /Fields) and an indirect /Annots.
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    let fields = doc.add_object(lopdf::Object::Array(vec![]));
    let form = doc.add_object(lopdf::dictionary! { "Fields" => fields });
    let annots = doc.add_object(lopdf::Object::Array(vec![]));
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_object_mut(root).unwrap().as_dict_mut().unwrap().set("AcroForm", form);
    let page = *doc.get_pages().values().next().unwrap();
    doc.get_object_mut(page).unwrap().as_dict_mut().unwrap().set("Annots", annots);
    let mut prepared = Vec::new();
    doc.save_to(&mut prepared).unwrap();

    let once = sign_pdf(&prepared, identity(), created(), "Lần 1").unwrap();
    let twice = sign_pdf(&once, identity(), created(), "Lần 2").unwrap();
    let path = write(&dir, "twice.pdf", &twice);
    let report = poppler("pdfsig", &path, &[]);
    assert_eq!(report.matches("Signature is Valid.").count(), 2, "pdfsig:\n{report}");

    let signed = lopdf::Document::load_mem(&twice).unwrap();
    let fields = signed.get_object(fields).unwrap().as_array().unwrap();
    assert_eq!(fields.len(), 2, "both fields are in the indirect /Fields");
    let annots = signed.get_object(annots).unwrap().as_array().unwrap();
    assert_eq!(annots.len(), 2, "both widgets are in the indirect /Annots");
    qpdf_check(&path);
}

#[test]
fn decomposed_input_is_printed_composed_and_huge_comments_continue_on_next_pages() {
    let dir = scratch_dir("nfc");
    // "Giàng Thị Mỷ" typed with combining marks (NFD).
    let decomposed = "Gia\u{300}ng Thi\u{323} My\u{309}";
    let mut t = transcript(decomposed, 4..=4, 900);
    t.years[0].subjects[0].comment = Some(COMMENTS[0].repeat(45));
    let pdf = renderer().render(&t, created()).unwrap();
    let path = write(&dir, "nfd.pdf", &pdf);
    let text = poppler("pdftotext", &path, &["-enc", "UTF-8"]);
    assert!(text.contains(PUPIL), "NFC name missing:\n{text}");
    assert!(text.contains("(tiếp theo)"), "continuation header missing");
    let info = poppler("pdfinfo", &path, &[]);
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).unwrap();
    assert!(pages >= 5, "a long year continues on next pages ({pages} pages)");
    qpdf_check(&path);
}

/// With the test CA in an NSS database, pdfsig also accepts the certificate chain (key usage,
/// extended key usage). Needs `certutil` (libnss3-tools); skipped when it is not installed.
fn trusted_with_test_ca(dir: &Path, pdf: &Path) {
    let installed = Command::new("which").arg("certutil").output().map(|o| o.status.success()).unwrap_or(false);
    if !installed {
        eprintln!("certutil not installed: skipping the trusted-CA check (apt-get install -y libnss3-tools)");
        return;
    }
    let ca = write(dir, "ca.pem", identity().ca_certificate_pem().as_bytes());
    let db = dir.join("nssdb");
    std::fs::create_dir_all(&db).unwrap();
    let nss = format!("sql:{}", db.display());
    let certutil = |args: &[&str]| {
        let out = Command::new("certutil").args(args).output().unwrap();
        assert!(out.status.success(), "certutil {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    certutil(&["-N", "-d", &nss, "--empty-password"]);
    certutil(&["-A", "-d", &nss, "-n", "hocba-test-ca", "-t", "C,C,C", "-i", &ca.to_string_lossy()]);
    let report = poppler("pdfsig", pdf, &["-nssdir", &nss]);
    assert!(report.contains("Signature is Valid."), "pdfsig:\n{report}");
    assert!(report.contains("Certificate is Trusted."), "pdfsig with the test CA trusted:\n{report}");
}

fn qpdf_check(path: &Path) {
    let installed = Command::new("which").arg("qpdf").output().map(|o| o.status.success()).unwrap_or(false);
    if !installed {
        eprintln!("qpdf not installed: skipping `qpdf --check` (apt-get install -y qpdf)");
        return;
    }
    let (ok, report) = run("qpdf", "qpdf", &[std::ffi::OsStr::new("--check"), path.as_os_str()]);
    assert!(ok, "qpdf --check failed:\n{report}");
    assert!(!report.contains("WARNING"), "qpdf --check warnings:\n{report}");
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Render and sign times for a five-year record (ordinary comments, then long ones); run with
/// `cargo test --release -p hocba-pdf --test render_and_sign -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_five_year_record() {
    let r = renderer();
    let id = identity();
    let dir = scratch_dir("timing");
    for (label, comment_len) in [("ordinary", 0), ("long", 180)] {
        let t = transcript(PUPIL, 1..=5, comment_len);
        let runs = 30;
        let (mut render_ms, mut sign_ms) = (Vec::new(), Vec::new());
        let mut signed = Vec::new();
        for _ in 0..runs {
            let start = std::time::Instant::now();
            let pdf = r.render(&t, created()).unwrap();
            let rendered = start.elapsed();
            signed = sign_pdf(&pdf, id, created(), "Xác nhận học bạ").unwrap();
            render_ms.push(rendered.as_secs_f64() * 1e3);
            sign_ms.push((start.elapsed() - rendered).as_secs_f64() * 1e3);
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (render, sign) = (median(&mut render_ms), median(&mut sign_ms));
        let path = write(&dir, &format!("five-years-{label}.pdf"), &signed);
        let info = poppler("pdfinfo", &path, &[]);
        let pages = info
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .unwrap_or("Pages: ?")
            .split_whitespace()
            .last()
            .unwrap_or("?")
            .to_string();
        println!(
            "{label} comments: render_ms_median={render:.2} sign_ms_median={sign:.2} total_ms_median={:.2} bytes={} pages={pages} ({})",
            render + sign,
            signed.len(),
            path.display()
        );
    }
}
