//! The học bạ as XML: the same record as the PDF, generated from the same [`Transcript`], valid
//! against `pdf-templates/hoc-ba.xsd` (namespace [`NAMESPACE`]). Codes are the API's (`toan`,
//! `T`/`H`/`C`, `HTXS`…); dates are ISO (`2026-05-28`); measures are in tenths (millimetres,
//! hectograms) so that no decimal separator is involved.

mod parse;

pub use parse::{parse, ParsedXml, XmlError};

use crate::api::documents::DocumentKind;
use crate::transcript::{HistoryLine, PupilIdentity, SchoolInfo, Transcript, YearRecord, YearSource};

pub const NAMESPACE: &str = "urn:hocba:hoc-ba:1";
/// The schema version written: 2 has the two-level addresses of 1 July 2025 (tỉnh/thành phố and
/// xã/phường/đặc khu; the district only on records that have one). Version 1 documents (district
/// required) still read and validate.
pub const VERSION: &str = "2";

/// Escapes text for XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A reader would turn a raw carriage return into a line feed.
            '\r' => out.push_str("&#13;"),
            // Characters XML 1.0 does not allow are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, name: &str, attrs: &[(&str, String)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push_str(&format!(" {k}=\"{}\"", esc(v)));
        }
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str(&format!("</{name}>\n"));
    }

    /// `<name>text</name>`; nothing when `text` is `None`.
    fn text(&mut self, name: &str, text: Option<&str>) {
        let Some(text) = text else { return };
        self.indent();
        self.out.push_str(&format!("<{name}>{}</{name}>\n", esc(text)));
    }
}

fn school(x: &mut Xml, s: &SchoolInfo) {
    x.open("school", &[("id", s.id.clone())]);
    x.text("name", Some(&s.name));
    x.text("code", Some(&s.code));
    x.text("commune", Some(&s.commune));
    // Since 1 July 2025 there is no district level: written only for a record that has one.
    x.text("district", Some(s.district.as_str()).filter(|d| !d.trim().is_empty()));
    x.text("province", Some(&s.province));
    x.text("principal", Some(&s.principal_name));
    x.close("school");
}

fn pupil(x: &mut Xml, p: &PupilIdentity) {
    x.open("pupil", &[("id", p.id.clone())]);
    x.text("nationalId", p.national_id.as_deref());
    x.text("fullName", Some(&p.full_name));
    x.text("gender", Some(&p.gender));
    x.text("birthDate", p.birth_date.as_deref());
    x.text("ethnicity", Some(&p.ethnicity));
    x.text("nationality", Some(&p.nationality));
    x.text("birthPlace", p.birth_place.as_deref());
    x.text("homeTown", p.home_town.as_deref());
    x.text("address", p.address.as_deref());
    x.text("father", p.father_name.as_deref());
    x.text("mother", p.mother_name.as_deref());
    x.text("guardian", p.guardian_name.as_deref());
    x.close("pupil");
}

fn history(x: &mut Xml, lines: &[HistoryLine]) {
    x.open("history", &[]);
    for h in lines {
        x.open("placement", &[("schoolYear", h.school_year.clone())]);
        x.text("className", Some(&h.class_name));
        x.text("schoolName", Some(&h.school_name));
        x.text("registrationNo", h.registration_no.as_deref());
        x.text("entryDate", h.entry_date.as_deref());
        x.close("placement");
    }
    x.close("history");
}

fn year(x: &mut Xml, y: &YearRecord) {
    x.open("year", &[("schoolYear", y.school_year.clone()), ("grade", y.grade.to_string())]);
    x.text("className", Some(&y.class_name));
    x.text("homeroomTeacher", y.homeroom_teacher.as_deref());
    x.text("principal", y.principal_name.as_deref());
    x.text("approvedAt", y.approved_at.as_deref());
    x.text("heightMm", y.height_mm.map(|v| v.to_string()).as_deref());
    x.text("weightHg", y.weight_hg.map(|v| v.to_string()).as_deref());
    x.text("daysAbsentExcused", y.days_absent_excused.map(|v| v.to_string()).as_deref());
    x.text("daysAbsentUnexcused", y.days_absent_unexcused.map(|v| v.to_string()).as_deref());
    x.open("subjects", &[]);
    for s in &y.subjects {
        x.open("subject", &[("code", s.code.clone())]);
        x.text("name", Some(&s.name));
        x.text("level", s.level.map(|l| l.code()));
        x.text("score", s.score.map(|v| v.to_string()).as_deref());
        x.text("comment", s.comment.as_deref());
        x.close("subject");
    }
    x.close("subjects");
    x.open("qualities", &[]);
    for q in &y.qualities {
        let kind = match q.kind {
            crate::catalogue::QualityKind::PhamChat => "pham_chat",
            crate::catalogue::QualityKind::NangLucChung => "nang_luc_chung",
            crate::catalogue::QualityKind::NangLucDacThu => "nang_luc_dac_thu",
        };
        x.open("quality", &[("code", q.code.clone()), ("kind", kind.to_string())]);
        x.text("name", Some(&q.name));
        x.text("level", q.level.map(|l| l.code()));
        x.text("comment", q.comment.as_deref());
        x.close("quality");
    }
    x.close("qualities");
    x.text("result", y.result().map(|r| r.code()));
    x.open("awards", &[]);
    for a in &y.awards {
        x.text("award", Some(a));
    }
    x.close("awards");
    let completion = y.completion_line();
    x.text("completion", Some(&completion).filter(|c| !c.is_empty()).map(String::as_str));
    if let Some(source) = &y.source {
        let mut attrs = vec![("schoolId", source.school_id.clone()), ("pupilId", source.pupil_id.clone())];
        if let Some(code) = &source.code {
            attrs.push(("code", code.clone()));
        }
        x.open("importedFrom", &attrs);
        x.text("schoolName", Some(&source.school_name));
        x.close("importedFrom");
    }
    x.close("year");
}

/// The whole học bạ as an XML document (UTF-8).
pub fn transcript_xml(t: &Transcript) -> String {
    document_xml(t, None)
}

/// Which issued document an XML belongs to: its kind and verification code (root attributes
/// `document` and `code`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTag {
    pub kind: DocumentKind,
    pub code: String,
}

/// The record as XML; with `tag`, marked as the XML of that issued document (a yearly record's
/// XML holds that year only: pass a transcript with just that year).
pub fn document_xml(t: &Transcript, tag: Option<&DocumentTag>) -> String {
    let mut x = Xml { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), depth: 0 };
    let mut attrs =
        vec![("xmlns", NAMESPACE.to_string()), ("version", VERSION.into()), ("issuedOn", t.issued_on.clone())];
    if let Some(tag) = tag {
        attrs.push(("document", tag.kind.code().to_string()));
        attrs.push(("code", tag.code.clone()));
    }
    x.open("hocBa", &attrs);
    school(&mut x, &t.school);
    pupil(&mut x, &t.pupil);
    history(&mut x, &t.history);
    x.open("years", &[]);
    for y in &t.years {
        year(&mut x, y);
    }
    x.close("years");
    x.close("hocBa");
    x.out
}

/// What a verifier needs from a học bạ XML: whose record it is, which years and document, and
/// where each imported year comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlSummary {
    pub document: Option<DocumentKind>,
    pub code: Option<String>,
    pub school_id: String,
    pub school_name: String,
    pub pupil_id: String,
    pub pupil_name: String,
    pub school_years: Vec<String>,
    /// `(school year, source)` of every imported year.
    pub sources: Vec<(String, YearSource)>,
    /// The years as recorded (subjects, qualities, result, awards).
    pub years: Vec<crate::transcript::YearRecord>,
}

/// Reads the summary of a học bạ XML (`None` when it is not one).
pub fn summary(xml: &str) -> Option<XmlSummary> {
    let parsed = parse(xml).ok()?;
    let t = parsed.transcript;
    Some(XmlSummary {
        document: parsed.document,
        code: parsed.code,
        school_id: t.school.id,
        school_name: t.school.name,
        pupil_id: t.pupil.id,
        pupil_name: t.pupil.full_name,
        school_years: t.years.iter().map(|y| y.school_year.clone()).collect(),
        sources: t.years.iter().filter_map(|y| y.source.clone().map(|s| (y.school_year.clone(), s))).collect(),
        years: t.years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(esc("a < b & \"c\" 'd' >"), "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;");
        assert_eq!(esc("Tốt\u{1}\n"), "Tốt\n");
    }

    use crate::transcript::{QualityLine, SubjectLine};
    use proptest::prelude::*;

    fn sample(comment: &str, name: &str) -> Transcript {
        let year = |grade: u8, source: Option<YearSource>| YearRecord {
            school_year: format!("202{grade}-202{}", grade + 1),
            class_name: format!("{grade}A"),
            grade,
            homeroom_teacher: Some("Lò Thị Hoa".into()),
            principal_name: Some("Vàng A Dình".into()),
            subjects: vec![
                SubjectLine {
                    code: "toan".into(),
                    name: "Toán".into(),
                    level: Some(crate::SubjectLevel::T),
                    score: Some(9),
                    comment: Some(comment.to_string()),
                },
                SubjectLine {
                    code: "tin_hoc".into(), name: "Tin học".into(), level: None, score: None, comment: None
                },
            ],
            qualities: vec![QualityLine {
                code: "cham_chi".into(),
                name: "Chăm chỉ".into(),
                kind: crate::catalogue::QualityKind::PhamChat,
                level: Some(crate::QualityLevel::D),
                comment: Some(comment.to_string()),
            }],
            evaluation: crate::rules::Evaluation { result: Some(crate::YearResult::HTT), ..Default::default() },
            approved_at: Some("2026-05-25T01:00:00+00:00".into()),
            height_mm: Some(1325),
            weight_hg: Some(300),
            days_absent_excused: Some(2),
            days_absent_unexcused: None,
            final_result: None,
            awards: vec![format!("Khen thưởng {name}")],
            completion: None,
            source,
        };
        Transcript {
            school: SchoolInfo {
                id: "s1".into(),
                name: "Trường Tiểu học A & B".into(),
                code: "TH01".into(),
                commune: "Thị trấn Mường Khương".into(),
                district: "Mường Khương".into(),
                province: "Lào Cai".into(),
                principal_name: "Vàng A Dình".into(),
            },
            pupil: PupilIdentity {
                id: "p1".into(),
                national_id: Some("010203004005".into()),
                full_name: name.to_string(),
                gender: "Nữ".into(),
                birth_date: Some("2016-03-04".into()),
                ethnicity: "Mông".into(),
                nationality: "Việt Nam".into(),
                birth_place: None,
                home_town: Some("Lào Cai".into()),
                address: None,
                father_name: Some("Giàng A Páo".into()),
                mother_name: None,
                guardian_name: None,
            },
            history: vec![HistoryLine {
                school_year: "2021-2022".into(),
                class_name: "1A".into(),
                school_name: "Trường Tiểu học Bản Lầu".into(),
                registration_no: Some("12/2021".into()),
                entry_date: Some("2021-09-05".into()),
            }],
            years: vec![
                year(
                    1,
                    Some(YearSource {
                        school_id: "other-school".into(),
                        school_name: "Trường Tiểu học Bản Lầu".into(),
                        pupil_id: "p-old".into(),
                        code: Some("7KQ2M9XD4RTA".into()),
                    }),
                ),
                year(2, None),
            ],
            issued_on: "2026-05-30".into(),
        }
    }

    fn tag() -> DocumentTag {
        DocumentTag { kind: DocumentKind::HandOver, code: "AB12CD34EF56".into() }
    }

    #[test]
    fn the_2025_form_has_no_district_and_version_1_records_still_read() {
        let mut t = sample("Tốt", "Giàng Thị Mỷ");
        t.school.district = String::new();
        t.school.commune = "Xã Mường Khương".into();
        let xml = document_xml(&t, None);
        assert!(xml.contains("version=\"2\"") && !xml.contains("<district>"), "{xml}");
        let parsed = parse(&xml).expect("parses").transcript;
        assert_eq!(parsed.school, t.school);
        assert_eq!(document_xml(&parsed, None), xml);
        // A record written before July 2025 (version 1, with its district) reads as it was.
        let old = sample("Tốt", "Giàng Thị Mỷ");
        let v1 = document_xml(&old, None).replace("version=\"2\"", "version=\"1\"");
        assert!(v1.contains("<district>Mường Khương</district>"));
        let parsed = parse(&v1).expect("parses").transcript;
        assert_eq!(parsed.school, old.school);
        assert_eq!(parsed.years[1].subjects, old.years[1].subjects);
    }

    #[test]
    fn parsing_gives_back_the_same_record() {
        let t = sample("Em tính nhanh, <cẩn thận> & \"chăm\".\r\nTiếp tục.", "Giàng Thị Mỷ");
        let xml = document_xml(&t, Some(&tag()));
        let parsed = parse(&xml).expect("parse");
        assert_eq!(parsed.document, Some(DocumentKind::HandOver));
        assert_eq!(parsed.code.as_deref(), Some("AB12CD34EF56"));
        assert_eq!(parsed.transcript.pupil, t.pupil);
        assert_eq!(parsed.transcript.history, t.history);
        assert_eq!(parsed.transcript.years[0].source, t.years[0].source);
        assert_eq!(parsed.transcript.years[1].subjects, t.years[1].subjects);
        assert_eq!(parsed.transcript.years[1].result(), Some(crate::YearResult::HTT));
        assert_eq!(document_xml(&parsed.transcript, Some(&tag())), xml);
    }

    #[test]
    fn summary_reads_whose_record_which_years_and_sources() {
        let xml = document_xml(&sample("Tốt", "Giàng Thị Mỷ"), Some(&tag()));
        let s = summary(&xml).expect("summary");
        assert_eq!(s.document, Some(DocumentKind::HandOver));
        assert_eq!(s.school_name, "Trường Tiểu học A & B");
        assert_eq!((s.pupil_id.as_str(), s.pupil_name.as_str()), ("p1", "Giàng Thị Mỷ"));
        assert_eq!(s.school_years, vec!["2021-2022".to_string(), "2022-2023".to_string()]);
        assert_eq!(s.sources.len(), 1);
        assert_eq!(s.sources[0].1.pupil_id, "p-old");
        assert!(summary("<other/>").is_none());
    }

    #[test]
    fn a_bad_value_is_named_with_its_place() {
        let xml = document_xml(&sample("Tốt", "Mỷ"), None).replacen("<score>9</score>", "<score>11</score>", 2);
        let e = parse(&xml).expect_err("score 11");
        assert_eq!(e.path, "years/year[1]/subjects/subject[1]/score");
        let xml = document_xml(&sample("Tốt", "Mỷ"), None).replace("<fullName>Mỷ</fullName>", "");
        assert_eq!(parse(&xml).expect_err("no name").path, "pupil/fullName");
        let xml = document_xml(&sample("Tốt", "Mỷ"), None).replace("urn:hocba:hoc-ba:1", "urn:other");
        assert!(parse(&xml).is_err());
        assert!(parse("not xml").is_err());
    }

    proptest! {
        /// Whatever teachers write, the XML reads back to the same record.
        #[test]
        fn any_text_round_trips(comment in "\\PC{0,80}", name in "\\PC{1,40}") {
            let t = sample(&comment, &name);
            let xml = document_xml(&t, None);
            let parsed = parse(&xml).expect("parse");
            prop_assert_eq!(document_xml(&parsed.transcript, None), xml);
        }
    }
}
