//! The học bạ as XML: the same record as the PDF, generated from the same [`Transcript`], valid
//! against `pdf-templates/hoc-ba.xsd` (namespace [`NAMESPACE`]). Codes are the API's (`toan`,
//! `T`/`H`/`C`, `HTXS`…); dates are ISO (`2026-05-28`); measures are in tenths (millimetres,
//! hectograms) so that no decimal separator is involved.

use crate::api::documents::DocumentKind;
use crate::transcript::{HistoryLine, PupilIdentity, SchoolInfo, Transcript, YearRecord};

pub const NAMESPACE: &str = "urn:hocba:hoc-ba:1";

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
    x.text("district", Some(&s.district));
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
    let mut attrs = vec![("xmlns", NAMESPACE.to_string()), ("version", "1".into()), ("issuedOn", t.issued_on.clone())];
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

/// What a verifier needs from a học bạ XML: whose record it is and which years and document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlSummary {
    pub document: Option<DocumentKind>,
    pub code: Option<String>,
    pub school_id: String,
    pub school_name: String,
    pub pupil_id: String,
    pub pupil_name: String,
    pub school_years: Vec<String>,
}

/// Reads the summary of an XML made by [`document_xml`] (`None` when it is not one).
pub fn summary(xml: &str) -> Option<XmlSummary> {
    let root = element_start(xml, "hocBa")?;
    if attribute(root, "xmlns").as_deref() != Some(NAMESPACE) {
        return None;
    }
    let school_at = xml.find("<school ")?;
    let pupil_at = xml.find("<pupil ")?;
    let school = &xml[school_at..];
    let pupil = &xml[pupil_at..];
    let years_at = xml.find("<years>").unwrap_or(xml.len());
    let school_years = xml[years_at..]
        .match_indices("<year ")
        .filter_map(|(i, _)| element_start(&xml[years_at + i..], "year"))
        .filter_map(|tag| attribute(tag, "schoolYear"))
        .collect();
    Some(XmlSummary {
        document: attribute(root, "document").and_then(|d| DocumentKind::parse(&d)),
        code: attribute(root, "code"),
        school_id: attribute(element_start(school, "school")?, "id")?,
        school_name: child_text(school, "name")?,
        pupil_id: attribute(element_start(pupil, "pupil")?, "id")?,
        pupil_name: child_text(pupil, "fullName")?,
        school_years,
    })
}

/// The start tag `<name …>` at or after the beginning of `xml`.
fn element_start<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let at = xml.match_indices(&open).map(|(i, _)| i).find(|i| xml[i + open.len()..].starts_with([' ', '>', '\n']))?;
    let end = xml[at..].find('>')?;
    Some(&xml[at..at + end + 1])
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')?;
    Some(unescape(&tag[at..at + end]))
}

/// The text of the first `<name>…</name>` in `xml`.
fn child_text(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let at = xml.find(&open)? + open.len();
    let end = xml[at..].find(&format!("</{name}>"))?;
    Some(unescape(&xml[at..at + end]))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(esc("a < b & \"c\" 'd' >"), "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;");
        assert_eq!(esc("Tốt\u{1}\n"), "Tốt\n");
    }

    #[test]
    fn summary_reads_whose_record_and_which_document() {
        let xml = "<?xml version=\"1.0\"?>\n<hocBa xmlns=\"urn:hocba:hoc-ba:1\" version=\"1\" issuedOn=\"2026-05-30\" \
                   document=\"yearly_record\" code=\"AB12CD34EF\">\n<school id=\"s1\">\n<name>Trường Tiểu học A &amp; B</name>\n\
                   </school>\n<pupil id=\"p1\">\n<nationalId>1</nationalId>\n<fullName>Giàng Thị Mỷ</fullName>\n</pupil>\n\
                   <history>\n<placement schoolYear=\"2020-2021\"></placement>\n</history>\n<years>\n\
                   <year schoolYear=\"2024-2025\" grade=\"5\">\n</year>\n</years>\n</hocBa>\n";
        let s = summary(xml).expect("summary");
        assert_eq!(s.document, Some(DocumentKind::YearlyRecord));
        assert_eq!(s.code.as_deref(), Some("AB12CD34EF"));
        assert_eq!(s.school_name, "Trường Tiểu học A & B");
        assert_eq!((s.pupil_id.as_str(), s.pupil_name.as_str()), ("p1", "Giàng Thị Mỷ"));
        assert_eq!(s.school_years, vec!["2024-2025".to_string()]);
        assert!(summary("<other/>").is_none());
    }
}
