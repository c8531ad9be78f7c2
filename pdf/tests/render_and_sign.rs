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
use hocba_pdf::{sign_pdf, PdfError, Rect, Renderer, Scope, SignerRole, SigningIdentity, Stamp};
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

const VERIFY_URL: &str = "https://thsaphin.example.edu.vn/xac-minh/7KQ2M9XD4RTA";
const CODE: &str = "7KQ2-M9XD-4RTA";

fn stamp() -> Stamp {
    Stamp { code: CODE.to_string(), verify_url: VERIFY_URL.to_string() }
}

/// The hand-over document (cover, identity page, every year).
fn render_all(t: &Transcript) -> Vec<u8> {
    renderer().render(t, Scope::HandOver, &stamp(), created()).unwrap().pdf
}

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
        source: None,
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
    let pdf = render_all(&t);
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
    let pdf = render_all(&t);

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
    let pdf = render_all(&t);
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
    if tool_missing("certutil", "libnss3-tools") {
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
    if tool_missing("qpdf", "qpdf") {
        return;
    }
    let (ok, report) = run("qpdf", "qpdf", &[std::ffi::OsStr::new("--check"), path.as_os_str()]);
    assert!(ok, "qpdf --check failed:\n{report}");
    assert!(!report.contains("WARNING"), "qpdf --check warnings:\n{report}");
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn tool_missing(tool: &str, package: &str) -> bool {
    let found = Command::new("which").arg(tool).output().map(|o| o.status.success()).unwrap_or(false);
    if !found {
        // `cargo xtask test` (and so CI) installs every tool: there a missing one is a failure.
        assert!(std::env::var_os("CI").is_none(), "`{tool}` is not installed (apt-get install -y {package})");
        eprintln!("`{tool}` is not installed: skipping (apt-get install -y {package})");
    }
    !found
}

fn page_count(path: &Path) -> usize {
    let info = poppler("pdfinfo", path, &[]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).unwrap()
}

fn page_text(path: &Path, page: usize) -> String {
    let n = page.to_string();
    poppler("pdftotext", path, &["-enc", "UTF-8", "-f", &n, "-l", &n])
}

/// Word boxes of one page (1-based) from `pdftotext -bbox`, as PDF rectangles (origin bottom-left).
fn word_boxes(path: &Path, page: usize) -> Vec<(String, Rect)> {
    let n = page.to_string();
    let html = poppler("pdftotext", path, &["-enc", "UTF-8", "-bbox", "-f", &n, "-l", &n]);
    let height: f32 = html
        .lines()
        .find_map(|l| l.trim().strip_prefix("<page width=\""))
        .and_then(|rest| rest.split("height=\"").nth(1))
        .and_then(|h| h.split('"').next())
        .map(|h| h.parse().unwrap())
        .unwrap();
    let attr = |line: &str, name: &str| -> f32 {
        line.split(&format!("{name}=\"")).nth(1).and_then(|v| v.split('"').next()).unwrap().parse().unwrap()
    };
    html.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<word "))
        .map(|l| {
            let (x0, y0, x1, y1) = (attr(l, "xMin"), attr(l, "yMin"), attr(l, "xMax"), attr(l, "yMax"));
            let word = l.split('>').nth(1).and_then(|w| w.split('<').next()).unwrap_or_default().to_string();
            (word, Rect { x: x0, y: height - y1, width: x1 - x0, height: y1 - y0 })
        })
        .collect()
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/// Boxes have the agreed size, lie inside the page and cover no printed word.
fn check_boxes(path: &Path, boxes: &[hocba_pdf::SignatureBox]) {
    const MM: f32 = 72.0 / 25.4;
    for b in boxes {
        let r = b.rect;
        assert!((16.0 * MM..=18.0 * MM).contains(&r.height), "{b:?}: height");
        assert!((38.0 * MM..=65.0 * MM).contains(&r.width), "{b:?}: width");
        assert!(r.x >= 0.0 && r.y >= 0.0 && r.x + r.width <= 210.0 * MM && r.y + r.height <= 297.0 * MM, "{b:?}");
        for (word, w) in word_boxes(path, b.page + 1) {
            assert!(!overlaps(&r, &w), "{:?} box overlaps the word {word:?} at {w:?}", b.role);
        }
    }
}

/// Every word of a five-year hand-over with long place and people's names lies inside the page's
/// left and right margins (a long commune in the date line is set smaller, not cut or pushed out);
/// each year page prints the marks of that year's signed record and its code, and is dated the
/// day that year was approved.
#[test]
fn every_text_run_lies_inside_the_margins() {
    const MM: f32 = 72.0 / 25.4;
    let mut t = transcript("Hoàng Thị Phương Thảo", 1..=5, 400);
    t.school.commune = "Phường Bắc Lệnh, thành phố Lào Cai, tỉnh Lào Cai (sau sáp nhập)".to_string();
    t.school.principal_name = "Nguyễn Thị Thanh Huyền Trang".to_string();
    for y in &mut t.years {
        y.homeroom_teacher = Some("Sùng Thị Mai Phương Linh".to_string());
        y.approved_at = Some("2025-05-24T03:00:00Z".to_string());
    }
    let dir = scratch_dir("margins");
    let signed_at = Utc.with_ymd_and_hms(2025, 5, 26, 1, 30, 0).unwrap();
    let marks: Vec<hocba_pdf::YearMarks> = t
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| hocba_pdf::YearMarks {
            school_year: y.school_year.clone(),
            code: format!("AAAA-BBBB-CCC{i}"),
            signatures: [SignerRole::Teacher, SignerRole::Principal, SignerRole::Seal]
                .into_iter()
                .map(|role| hocba_pdf::SignatureMark { role, signer: "Người kí".into(), signed_at })
                .collect(),
        })
        .collect();
    let rendered = renderer().render_with_marks(&t, Scope::HandOver, &stamp(), created(), &marks).expect("rendered");
    let path = write(&dir, "margins.pdf", &rendered.pdf);
    let (left, right) = (22.0 * MM, 210.0 * MM - 15.0 * MM);
    let pages = page_count(&path);
    assert!(pages >= 7, "cover, identity, five years: {pages} pages");
    for page in 1..=pages {
        let words = word_boxes(&path, page);
        assert!(!words.is_empty(), "page {page} has text");
        for (word, r) in words {
            assert!(
                r.x >= left - 0.5 && r.x + r.width <= right + 0.5,
                "page {page}: {word:?} at {r:?} is outside [{left}, {right}]"
            );
        }
    }
    // The year pages: dated the day the year was approved (not the issue date), with the marks of
    // the year's signatures and its code.
    let all: String = (3..=pages).map(|p| page_text(&path, p)).collect::<Vec<_>>().join("\n");
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(flat.matches("ngày 24 tháng 05 năm 2025").count(), 5, "{flat}");
    assert_eq!(flat.matches("Đã kí số").count(), 10, "teacher and principal, five years: {flat}");
    assert_eq!(flat.matches("ngày 26/05/2025 08:30").count(), 10, "{flat}");
    assert_eq!(flat.matches("Đã đóng dấu số của nhà trường").count(), 5, "{flat}");
    for i in 0..5 {
        assert!(flat.contains(&format!("mã kiểm tra: AAAA-BBBB-CCC{i}")), "{flat}");
    }
}

#[test]
fn qr_code_on_every_page_holds_the_verification_link() {
    if tool_missing("pdftoppm", "poppler-utils") || tool_missing("zbarimg", "zbar-tools") {
        return;
    }
    let dir = scratch_dir("qr");
    let t = transcript(PUPIL, 1..=2, 60);
    let hand_over = write(&dir, "hand-over.pdf", &render_all(&t));
    let year = renderer().render(&t, Scope::Year("2022-2023"), &stamp(), created()).unwrap();
    let year = write(&dir, "year.pdf", &year.pdf);
    for (name, path) in [("hand-over", &hand_over), ("year", &year)] {
        let pages = page_count(path);
        let prefix = dir.join(name);
        let (ok, report) = run(
            "pdftoppm",
            "poppler-utils",
            &["-r", "150", "-png"]
                .map(std::ffi::OsStr::new)
                .into_iter()
                .chain([path.as_os_str(), prefix.as_os_str()])
                .collect::<Vec<_>>(),
        );
        assert!(ok, "pdftoppm: {report}");
        let mut images: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{name}-")))
            .collect();
        images.sort();
        assert_eq!(images.len(), pages, "{name}: one image per page");
        for image in &images {
            let out = Command::new("zbarimg").args(["-q", "--raw"]).arg(image).output().unwrap();
            let decoded = String::from_utf8_lossy(&out.stdout);
            assert_eq!(decoded.trim(), VERIFY_URL, "{}: QR code not decoded ({out:?})", image.display());
        }
        for page in 1..=pages {
            let flat = page_text(path, page).split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&format!("Mã kiểm tra: {CODE}")), "{name} page {page}: code missing:\n{flat}");
            assert!(
                flat.contains(&format!(
                    "Kiểm tra bản gốc: quét mã QR hoặc vào https://thsaphin.example.edu.vn/xac-minh và nhập mã {CODE}"
                )),
                "{name} page {page}: how to check missing:\n{flat}"
            );
        }
    }
}

#[test]
fn yearly_record_has_one_year_a_header_and_three_signature_boxes() {
    let dir = scratch_dir("yearly");
    let t = transcript(PUPIL, 1..=3, 60);
    let rendered = renderer().render(&t, Scope::Year("2022-2023"), &stamp(), created()).unwrap();
    let path = write(&dir, "year.pdf", &rendered.pdf);
    let pages = page_count(&path);
    let text = poppler("pdftotext", &path, &["-enc", "UTF-8"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Trường Tiểu học Sà Phìn – Học bạ tiểu học – Trích năm học 2022-2023"), "header:\n{flat}");
    assert!(flat.contains("Năm học: 2022-2023") && flat.contains("Lớp: 2A"), "year fields:\n{flat}");
    assert!(!flat.contains("2021-2022") && !flat.contains("QUÁ TRÌNH HỌC TẬP"), "only one year expected");
    assert!(flat.contains(&format!("Trang 1/{pages}")), "numbered from the first page");

    let roles: Vec<SignerRole> = rendered.boxes.iter().map(|b| b.role).collect();
    assert_eq!(roles, [SignerRole::Teacher, SignerRole::Principal, SignerRole::Seal]);
    assert!(rendered.boxes.iter().all(|b| b.page == pages - 1), "boxes on the last page: {:?}", rendered.boxes);
    let [teacher, principal, seal] =
        [SignerRole::Teacher, SignerRole::Principal, SignerRole::Seal].map(|r| rendered.box_for(r).unwrap().rect);
    assert!(teacher.x > principal.x + principal.width, "teacher right of the principal");
    assert!(!overlaps(&seal, &principal) && seal.x + seal.width <= principal.x, "the seal left of the principal");
    check_boxes(&path, &rendered.boxes);

    // The signer's printed name sits right under the box, the hint right above it.
    let words = word_boxes(&path, pages);
    let under = |r: &Rect, word: &str| {
        words.iter().any(|(w, b)| w == word && b.y + b.height <= r.y && b.y + b.height > r.y - 20.0)
    };
    assert!(under(&teacher, "Páo"), "teacher's name under the box");
    assert!(under(&principal, "Hương"), "principal's name under the box");

    match renderer().render(&t, Scope::Year("2019-2020"), &stamp(), created()) {
        Err(PdfError::Render(message)) => assert!(message.contains("2019-2020"), "{message}"),
        other => panic!("a missing year must be refused: {:?}", other.map(|r| r.boxes)),
    }
}

#[test]
fn hand_over_boxes_are_on_the_identity_page() {
    let dir = scratch_dir("handover-boxes");
    let t = transcript(PUPIL, 1..=2, 60);
    let rendered = renderer().render(&t, Scope::HandOver, &stamp(), created()).unwrap();
    let path = write(&dir, "hand-over.pdf", &rendered.pdf);
    let roles: Vec<SignerRole> = rendered.boxes.iter().map(|b| b.role).collect();
    assert_eq!(roles, [SignerRole::Principal, SignerRole::Seal]);
    assert!(rendered.boxes.iter().all(|b| b.page == 1), "{:?}", rendered.boxes);
    check_boxes(&path, &rendered.boxes);
    let page = page_text(&path, 2);
    assert!(page.contains("HIỆU TRƯỞNG") && page.contains("QUÁ TRÌNH HỌC TẬP"), "identity page:\n{page}");
}

#[test]
fn a_template_copy_is_read_at_run_time() {
    let dir = scratch_dir("template-copy");
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pdf-templates");
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    for font in ["NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"] {
        std::fs::copy(templates.join("fonts").join(font), dir.join("fonts").join(font)).unwrap();
    }
    let source = std::fs::read_to_string(templates.join("hoc-ba-tt27.toml")).unwrap();
    let changed = source.replace("title = \"QUÁ TRÌNH HỌC TẬP\"", "title = \"QUÁ TRÌNH HỌC TẬP CỦA HỌC SINH\"");
    assert_ne!(changed, source);
    std::fs::write(dir.join("hoc-ba-tt27.toml"), &changed).unwrap();
    let r = Renderer::from_dir(&dir).unwrap();
    let t = transcript(PUPIL, 1..=1, 60);
    let pdf = r.render(&t, Scope::HandOver, &stamp(), created()).unwrap().pdf;
    let path = write(&dir, "copy.pdf", &pdf);
    let text = poppler("pdftotext", &path, &["-enc", "UTF-8"]);
    assert!(text.contains("QUÁ TRÌNH HỌC TẬP CỦA HỌC SINH"), "changed label missing:\n{text}");

    // A syntax error names its line and column.
    std::fs::write(dir.join("hoc-ba-tt27.toml"), changed.replace("[cover]", "[cover")).unwrap();
    match Renderer::from_dir(&dir) {
        Err(PdfError::Template(message)) => {
            assert!(message.contains("line ") && message.contains("column "), "{message}")
        }
        other => panic!("bad TOML must be refused, got {:?}", other.err()),
    }
    // A missing font file is an I/O error naming the file.
    std::fs::write(dir.join("hoc-ba-tt27.toml"), &changed).unwrap();
    std::fs::remove_file(dir.join("fonts/NotoSerif-Bold.ttf")).unwrap();
    assert!(matches!(Renderer::from_dir(&dir), Err(PdfError::Io { .. })));
}

#[test]
fn long_comments_wrap_completely_and_the_year_continues_on_a_second_page() {
    let dir = scratch_dir("long-comments");
    let mut t = transcript(PUPIL, 3..=3, 60);
    let comment = |stem: &str| {
        let mut text = String::new();
        let mut i = 0;
        while text.chars().count() <= 1500 {
            text.push_str(&format!("{stem}{i} "));
            i += 1;
        }
        text.trim_end().to_string()
    };
    let (subject, quality) = (comment("tiếnbộ"), comment("chămchỉ"));
    assert!(subject.chars().count() >= 1500 && quality.chars().count() >= 1500);
    t.years[0].subjects[1].comment = Some(subject.clone());
    t.years[0].qualities[2].comment = Some(quality.clone());
    let rendered = renderer().render(&t, Scope::Year("2023-2024"), &stamp(), created()).unwrap();
    let path = write(&dir, "long.pdf", &rendered.pdf);
    let pages = page_count(&path);
    assert!(pages >= 2, "the year continues on a next page");
    let text = poppler("pdftotext", &path, &["-enc", "UTF-8"]);
    let words: std::collections::HashSet<&str> = text.split_whitespace().collect();
    for word in subject.split_whitespace().chain(quality.split_whitespace()) {
        assert!(words.contains(word), "`{word}` is missing or cut");
    }
    // Every continuation page starts with the running head; the signatures close the last page.
    for page in 2..=pages {
        let text = page_text(&path, page);
        let head = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        assert!(
            head.contains("Họ và tên học sinh: Giàng Thị Mỷ") && head.contains("(tiếp theo)"),
            "page {page}: running head: {head}"
        );
    }
    assert!(page_text(&path, pages).contains("Giáo viên chủ nhiệm"), "signatures on the last page");
    assert!(rendered.boxes.iter().all(|b| b.page == pages - 1));
    check_boxes(&path, &rendered.boxes);
    qpdf_check(&path);
}

#[test]
fn characters_beyond_the_prebuilt_subsets_fall_back_to_full_fonts() {
    let dir = scratch_dir("fallback");
    let mut t = transcript(PUPIL, 1..=1, 60);
    // Greek letters: in Noto Serif, not in the prebuilt (Latin and Vietnamese) subsets.
    t.years[0].subjects[0].comment = Some("Đạt mục tiêu α, β và Ω.".to_string());
    let pdf = render_all(&t);
    let path = write(&dir, "fallback.pdf", &pdf);
    let flat = poppler("pdftotext", &path, &["-enc", "UTF-8"]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Đạt mục tiêu α, β và Ω."), "fallback text missing:\n{flat}");
    let fonts = poppler("pdffonts", &path, &[]);
    assert_eq!(fonts.lines().filter(|l| l.contains("NotoSerif") && l.contains(" yes yes yes ")).count(), 2, "{fonts}");
    if !tool_missing("pdftoppm", "poppler-utils") && !tool_missing("zbarimg", "zbar-tools") {
        let prefix = dir.join("page");
        run(
            "pdftoppm",
            "poppler-utils",
            &[
                std::ffi::OsStr::new("-r"),
                std::ffi::OsStr::new("150"),
                std::ffi::OsStr::new("-png"),
                std::ffi::OsStr::new("-f"),
                std::ffi::OsStr::new("3"),
                std::ffi::OsStr::new("-l"),
                std::ffi::OsStr::new("3"),
                path.as_os_str(),
                prefix.as_os_str(),
            ],
        );
        let image = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "png"))
            .unwrap();
        let out = Command::new("zbarimg").args(["-q", "--raw"]).arg(&image).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), VERIFY_URL);
    }
    qpdf_check(&path);
}

/// A 64 × 32 RGBA PNG: the left half opaque red, the right half half-transparent blue.
fn logo_png() -> Vec<u8> {
    let (w, h) = (64u32, 32u32);
    let mut pixels = Vec::new();
    for _ in 0..h {
        for x in 0..w {
            pixels.extend_from_slice(if x < w / 2 { &[255, 0, 0, 255] } else { &[0, 0, 255, 128] });
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    out
}

/// The rows of `pdfimages -list`: (page, type, width, height).
fn listed_images(path: &Path) -> Vec<(usize, String, u32, u32)> {
    poppler("pdfimages", path, &["-list"])
        .lines()
        .skip(2)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            Some((f.first()?.parse().ok()?, f.get(2)?.to_string(), f.get(3)?.parse().ok()?, f.get(4)?.parse().ok()?))
        })
        .collect()
}

/// A copy of the bundled template and its fonts in a scratch folder, with `edit` applied to the
/// template (which must change it).
fn template_copy(name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = scratch_dir(name);
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pdf-templates");
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    for font in ["NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"] {
        std::fs::copy(templates.join("fonts").join(font), dir.join("fonts").join(font)).unwrap();
    }
    let source = std::fs::read_to_string(templates.join("hoc-ba-tt27.toml")).unwrap();
    let edited = edit(&source);
    assert_ne!(edited, source);
    std::fs::write(dir.join("hoc-ba-tt27.toml"), &edited).unwrap();
    dir
}

#[test]
fn a_logo_from_the_template_is_drawn_on_the_cover() {
    let dir = template_copy("logo", |source| {
        source.replacen("[cover]\n", "[cover]\nlogo = \"logo.png\"\nlogo_width = 30.0\n", 1)
    });

    // A missing logo is refused when the template is loaded, naming the file.
    match Renderer::from_dir(&dir) {
        Err(PdfError::Template(message)) => assert!(message.contains("logo.png"), "{message}"),
        other => panic!("a missing logo must be refused, got {:?}", other.err()),
    }
    write(&dir, "logo.png", b"not an image");
    match Renderer::from_dir(&dir) {
        Err(PdfError::Template(message)) => assert!(message.contains("logo.png"), "{message}"),
        other => panic!("an unreadable logo must be refused, got {:?}", other.err()),
    }

    write(&dir, "logo.png", &logo_png());
    let r = Renderer::from_dir(&dir).unwrap();
    let mut t = transcript(PUPIL, 1..=2, 60);
    let pdf = r.render(&t, Scope::HandOver, &stamp(), created()).unwrap().pdf;
    let path = write(&dir, "logo.pdf", &pdf);
    let images = listed_images(&path);
    assert_eq!(images, vec![(1, "image".to_string(), 64, 32), (1, "smask".to_string(), 64, 32)], "pdfimages -list");
    // The logo sits above the ministry line, which is still on the cover.
    let cover = page_text(&path, 1);
    assert!(cover.contains("BỘ GIÁO DỤC VÀ ĐÀO TẠO"), "cover:\n{cover}");
    qpdf_check(&path);

    let signed = sign_pdf(&pdf, identity(), created(), "Xác nhận học bạ").unwrap();
    let signed_path = write(&dir, "logo-signed.pdf", &signed);
    let report = poppler("pdfsig", &signed_path, &[]);
    assert!(report.contains("Signature is Valid."), "pdfsig:\n{report}");
    qpdf_check(&signed_path);

    // A yearly record has no cover: no image.
    let year = t.years[0].school_year.clone();
    let pdf = r.render(&t, Scope::Year(&year), &stamp(), created()).unwrap().pdf;
    let path = write(&dir, "logo-year.pdf", &pdf);
    assert!(listed_images(&path).is_empty());
    qpdf_check(&path);

    // The general path (characters beyond the prebuilt subsets) draws the logo too.
    t.years[0].subjects[0].comment = Some("Đạt mục tiêu α, β và Ω.".to_string());
    let pdf = r.render(&t, Scope::HandOver, &stamp(), created()).unwrap().pdf;
    let path = write(&dir, "logo-fallback.pdf", &pdf);
    assert_eq!(listed_images(&path).iter().filter(|(page, kind, ..)| *page == 1 && kind == "image").count(), 1);
    assert!(listed_images(&path).iter().all(|(page, _, w, h)| *page == 1 && (*w, *h) == (64, 32)));
    qpdf_check(&path);
    let signed = sign_pdf(&pdf, identity(), created(), "Xác nhận học bạ").unwrap();
    let signed_path = write(&dir, "logo-fallback-signed.pdf", &signed);
    let report = poppler("pdfsig", &signed_path, &[]);
    assert!(report.contains("Signature is Valid."), "pdfsig:\n{report}");
}

#[test]
fn an_imported_year_names_its_school_and_source() {
    let dir = scratch_dir("imported");
    let mut t = transcript(PUPIL, 1..=2, 60);
    t.years[0].source = Some(hocba_core::transcript::YearSource {
        school_id: "other".into(),
        school_name: "Trường Tiểu học Bản Lầu".into(),
        pupil_id: "p-old".into(),
        code: Some("7KQ2M9XD4RTA".into()),
    });
    let rendered = renderer().render(&t, Scope::HandOver, &stamp(), created()).unwrap();
    let path = write(&dir, "hand-over.pdf", &rendered.pdf);
    let text = poppler("pdftotext", &path, &["-enc", "UTF-8"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Năm học ở Trường Tiểu học Bản Lầu; kết quả theo học bạ đã kí số của trường này (mã kiểm tra 7KQ2-M9XD-4RTA)"),
        "{flat}"
    );
    assert_eq!(flat.matches("Năm học ở ").count(), 1, "only the imported year");
}

/// With its XML attached, a record is a PDF/A-3b document: XMP metadata saying so and repeating
/// the title, an sRGB output intent with its ICC profile, every font embedded, no encryption; and
/// it still signs.
#[test]
fn an_attached_record_declares_pdf_a_3b() {
    use lopdf::Object;
    let t = transcript("Giàng Thị Mỷ", 1..=2, 80);
    let rendered = renderer().render(&t, Scope::HandOver, &stamp(), created()).expect("rendered");
    let xml = hocba_core::transcript_xml::document_xml(&t, None);
    let file = hocba_pdf::Attachment {
        name: hocba_pdf::XML_NAME.into(),
        mime: "application/xml".into(),
        description: "XML".into(),
        relationship: hocba_pdf::Relationship::Data,
        data: xml.into_bytes(),
        modified: created(),
    };
    let pdf = hocba_pdf::attach(&rendered.pdf, &[file]).expect("attached");
    let pdf = sign_pdf(&pdf, identity(), created(), "Cấp học bạ").expect("signed");
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    assert!(doc.trailer.get(b"Encrypt").is_err(), "no encryption");
    let catalog = doc.catalog().expect("catalog");
    let meta = catalog.get_deref(b"Metadata", &doc).and_then(Object::as_stream).expect("XMP metadata");
    let xmp = String::from_utf8(meta.content.clone()).expect("UTF-8");
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).expect("info");
    let title = doc.get_dictionary(info).expect("info dict").get(b"Title").expect("title").clone();
    let title = match title {
        Object::String(bytes, _) if bytes.starts_with(&[0xFE, 0xFF]) => String::from_utf16_lossy(
            &bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>(),
        ),
        Object::String(bytes, _) => bytes.iter().map(|b| char::from(*b)).collect(),
        other => panic!("title {other:?}"),
    };
    assert!(xmp.contains(&title), "the XMP repeats the title {title:?}");
    let intents = catalog.get(b"OutputIntents").and_then(Object::as_array).expect("output intents");
    let intent = intents[0].as_dict().expect("intent");
    assert_eq!(intent.get(b"S").and_then(Object::as_name).ok(), Some(b"GTS_PDFA1".as_slice()));
    let profile = intent.get_deref(b"DestOutputProfile", &doc).and_then(Object::as_stream).expect("ICC");
    assert_eq!(profile.dict.get(b"N").and_then(Object::as_i64).ok(), Some(3));
    assert!(profile.decompressed_content().expect("inflates").len() > 1000);
    // Every font embedded (pdffonts: the "emb" column).
    let dir = scratch_dir("pdfa");
    let path = write(&dir, "pdfa.pdf", &pdf);
    let fonts = poppler("pdffonts", &path, &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols.len() >= 5 && cols[cols.len() - 5] == "yes", "not embedded: {row}");
    }
}

/// A PDF text string: UTF-16BE after a byte order mark, else single bytes.
fn pdf_text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            String::from_utf16_lossy(&utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>())
        }
        None => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// The image XObjects drawn by the appearance of the signature field `field` (by its /Resources).
fn appearance_images(pdf: &[u8], field: &str) -> Vec<(i64, i64)> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let form = catalog.get_deref(b"AcroForm", &doc).unwrap().as_dict().unwrap();
    let fields = form.get_deref(b"Fields", &doc).unwrap().as_array().unwrap();
    let widget = fields
        .iter()
        .filter_map(|f| doc.dereference(f).ok()?.1.as_dict().ok())
        .find(|d| d.get(b"T").ok().and_then(|t| t.as_str().ok()).map(pdf_text_string).as_deref() == Some(field))
        .unwrap_or_else(|| panic!("no field {field}"));
    let normal = widget.get_deref(b"AP", &doc).unwrap().as_dict().unwrap().get(b"N").unwrap().as_reference().unwrap();
    let stream = doc.get_object(normal).unwrap().as_stream().unwrap();
    let resources = stream.dict.get(b"Resources").unwrap().as_dict().unwrap();
    let Ok(xobjects) = resources.get(b"XObject").and_then(Object::as_dict) else { return Vec::new() };
    xobjects
        .iter()
        .map(|(_, r)| {
            let image = doc.get_object(r.as_reference().unwrap()).unwrap().as_stream().unwrap();
            assert_eq!(image.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"Image");
            (image.dict.get(b"Width").unwrap().as_i64().unwrap(), image.dict.get(b"Height").unwrap().as_i64().unwrap())
        })
        .collect()
}

#[test]
fn the_seal_signature_shows_the_schools_seal_image_from_the_template() {
    use hocba_pdf::{sign_with, AppearanceLine, SignatureRequest, SIGNATURE_RESERVE};
    let dir = template_copy("seal-image", |source| {
        source.replacen("seal_gap = 2.0\n", "seal_gap = 2.0\nseal_image = \"con-dau.png\"\n", 1)
    });
    match Renderer::from_dir(&dir) {
        Err(PdfError::Template(message)) => {
            assert!(message.contains("seal_image") && message.contains("con-dau.png"), "{message}")
        }
        other => panic!("a missing seal image must be refused, got {:?}", other.err()),
    }
    write(&dir, "con-dau.png", &logo_png());
    let with_image = Renderer::from_dir(&dir).unwrap();

    let t = transcript(PUPIL, 1..=2, 60);
    let sign = |r: &Renderer, role: SignerRole, field: &str| {
        let rendered = r.render(&t, Scope::HandOver, &stamp(), created()).unwrap();
        let request = SignatureRequest {
            field_name: field.to_string(),
            signer_name: "Trường Tiểu học Pha Long".into(),
            reason: "Đóng dấu".into(),
            location: None,
            signing_time: created(),
            placement: rendered.box_for(role),
            appearance: vec![
                AppearanceLine::bold("Đã đóng dấu số"),
                AppearanceLine::regular("Trường Tiểu học Pha Long"),
            ],
            reserve: SIGNATURE_RESERVE,
            later_fields: Vec::new(),
        };
        sign_with(&rendered.pdf, identity(), &request, r.cache()).unwrap()
    };
    // The seal's appearance draws the 64 × 32 image (with its soft mask); the principal's does not.
    let sealed = sign(&with_image, SignerRole::Seal, "DauNhaTruong");
    assert_eq!(appearance_images(&sealed, "DauNhaTruong"), vec![(64, 32)]);
    let path = write(&dir, "sealed.pdf", &sealed);
    let report = poppler("pdfsig", &path, &[]);
    assert!(report.contains("Signature is Valid."), "pdfsig:\n{report}");
    qpdf_check(&path);
    let principal = sign(&with_image, SignerRole::Principal, "HieuTruong");
    assert!(appearance_images(&principal, "HieuTruong").is_empty());
    // The bundled template names no image: the drawn seal, no image.
    let drawn = sign(renderer(), SignerRole::Seal, "DauNhaTruong");
    assert!(appearance_images(&drawn, "DauNhaTruong").is_empty());
}
