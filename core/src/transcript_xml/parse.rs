//! Reading a học bạ XML back into a [`Transcript`]: how a receiving school imports the years a
//! transferred pupil studied elsewhere. The reader follows `pdf-templates/hoc-ba.xsd`: a missing
//! required element or a value outside its type is an error naming where it is
//! (`years/year[2]/subjects/subject[3]/level`). Years carry the result as recorded (section 4)
//! and section 6 as written; how the issuing school reached them is not part of the record.

use super::NAMESPACE;
use crate::api::documents::DocumentKind;
use crate::catalogue::QualityKind;
use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use crate::rules::Evaluation;
use crate::transcript::{
    HistoryLine, PupilIdentity, QualityLine, SchoolInfo, SubjectLine, Transcript, YearRecord, YearSource,
};
use roxmltree::{Document, Node};
use std::fmt;

/// Why an XML is not a học bạ: where (a path of element names, 1-based positions) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub path: String,
    pub problem: String,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

/// A parsed học bạ XML and, for the XML of an issued document, its kind and verification code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedXml {
    pub transcript: Transcript,
    pub document: Option<DocumentKind>,
    pub code: Option<String>,
}

fn err(path: &str, problem: impl Into<String>) -> XmlError {
    XmlError { path: path.to_string(), problem: problem.into() }
}

/// The element children of `node` named `name` (in the học bạ namespace).
fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(NAMESPACE))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

fn required<'a, 'i>(node: Node<'a, 'i>, path: &str, name: &'a str) -> Result<Node<'a, 'i>, XmlError> {
    let full = if path.is_empty() { name.to_string() } else { format!("{path}/{name}") };
    child(node, name).ok_or_else(|| err(&full, "thiếu phần tử bắt buộc"))
}

fn text_of(node: Node<'_, '_>) -> String {
    node.text().unwrap_or_default().to_string()
}

fn optional_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).map(text_of)
}

fn required_text(node: Node<'_, '_>, path: &str, name: &str) -> Result<String, XmlError> {
    required(node, path, name).map(text_of)
}

fn attribute(node: Node<'_, '_>, path: &str, name: &str) -> Result<String, XmlError> {
    node.attribute(name).map(str::to_string).ok_or_else(|| err(&format!("{path}/@{name}"), "thiếu thuộc tính bắt buộc"))
}

/// An optional element whose text must parse.
fn parsed<T>(
    node: Node<'_, '_>,
    path: &str,
    name: &str,
    read: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, XmlError> {
    match child(node, name) {
        None => Ok(None),
        Some(n) => {
            let text = text_of(n);
            read(text.trim())
                .map(Some)
                .ok_or_else(|| err(&format!("{path}/{name}"), format!("giá trị không hợp lệ «{text}»")))
        }
    }
}

fn school(node: Node<'_, '_>) -> Result<SchoolInfo, XmlError> {
    let p = "school";
    Ok(SchoolInfo {
        id: attribute(node, p, "id")?,
        name: required_text(node, p, "name")?,
        code: required_text(node, p, "code")?,
        commune: required_text(node, p, "commune")?,
        // Version 2 (the 2025 two-level local government): no district unless the record has one.
        district: optional_text(node, "district").unwrap_or_default(),
        province: required_text(node, p, "province")?,
        principal_name: required_text(node, p, "principal")?,
    })
}

fn pupil(node: Node<'_, '_>) -> Result<PupilIdentity, XmlError> {
    let p = "pupil";
    Ok(PupilIdentity {
        id: attribute(node, p, "id")?,
        national_id: optional_text(node, "nationalId"),
        full_name: required_text(node, p, "fullName")?,
        gender: required_text(node, p, "gender")?,
        birth_date: optional_text(node, "birthDate"),
        ethnicity: required_text(node, p, "ethnicity")?,
        nationality: required_text(node, p, "nationality")?,
        birth_place: optional_text(node, "birthPlace"),
        home_town: optional_text(node, "homeTown"),
        address: optional_text(node, "address"),
        father_name: optional_text(node, "father"),
        mother_name: optional_text(node, "mother"),
        guardian_name: optional_text(node, "guardian"),
    })
}

fn history(node: Node<'_, '_>) -> Result<Vec<HistoryLine>, XmlError> {
    children(node, "placement")
        .enumerate()
        .map(|(i, n)| {
            let p = format!("history/placement[{}]", i + 1);
            Ok(HistoryLine {
                school_year: attribute(n, &p, "schoolYear")?,
                class_name: required_text(n, &p, "className")?,
                school_name: required_text(n, &p, "schoolName")?,
                registration_no: optional_text(n, "registrationNo"),
                entry_date: optional_text(n, "entryDate"),
            })
        })
        .collect()
}

fn subject(n: Node<'_, '_>, p: &str) -> Result<SubjectLine, XmlError> {
    Ok(SubjectLine {
        code: attribute(n, p, "code")?,
        name: required_text(n, p, "name")?,
        level: parsed(n, p, "level", SubjectLevel::parse)?,
        score: parsed(n, p, "score", |s| s.parse::<u8>().ok().filter(|v| (1..=10).contains(v)))?,
        comment: optional_text(n, "comment"),
    })
}

fn quality_kind(code: &str) -> Option<QualityKind> {
    match code {
        "pham_chat" => Some(QualityKind::PhamChat),
        "nang_luc_chung" => Some(QualityKind::NangLucChung),
        "nang_luc_dac_thu" => Some(QualityKind::NangLucDacThu),
        _ => None,
    }
}

fn quality(n: Node<'_, '_>, p: &str) -> Result<QualityLine, XmlError> {
    let kind = attribute(n, p, "kind")?;
    Ok(QualityLine {
        code: attribute(n, p, "code")?,
        name: required_text(n, p, "name")?,
        kind: quality_kind(&kind)
            .ok_or_else(|| err(&format!("{p}/@kind"), format!("giá trị không hợp lệ «{kind}»")))?,
        level: parsed(n, p, "level", QualityLevel::parse)?,
        comment: optional_text(n, "comment"),
    })
}

fn source(n: Node<'_, '_>, p: &str) -> Result<YearSource, XmlError> {
    Ok(YearSource {
        school_id: attribute(n, p, "schoolId")?,
        pupil_id: attribute(n, p, "pupilId")?,
        code: n.attribute("code").map(str::to_string),
        school_name: required_text(n, p, "schoolName")?,
    })
}

fn year(n: Node<'_, '_>, p: &str) -> Result<YearRecord, XmlError> {
    let grade_text = attribute(n, p, "grade")?;
    let grade = grade_text
        .parse::<u8>()
        .ok()
        .filter(|g| (1..=5).contains(g))
        .ok_or_else(|| err(&format!("{p}/@grade"), format!("giá trị không hợp lệ «{grade_text}»")))?;
    let subjects_node = required(n, p, "subjects")?;
    let subjects = children(subjects_node, "subject")
        .enumerate()
        .map(|(i, s)| subject(s, &format!("{p}/subjects/subject[{}]", i + 1)))
        .collect::<Result<_, _>>()?;
    let qualities_node = required(n, p, "qualities")?;
    let qualities = children(qualities_node, "quality")
        .enumerate()
        .map(|(i, q)| quality(q, &format!("{p}/qualities/quality[{}]", i + 1)))
        .collect::<Result<_, _>>()?;
    let awards = children(required(n, p, "awards")?, "award").map(text_of).collect();
    let result = parsed(n, p, "result", YearResult::parse)?;
    Ok(YearRecord {
        school_year: attribute(n, p, "schoolYear")?,
        class_name: required_text(n, p, "className")?,
        grade,
        homeroom_teacher: optional_text(n, "homeroomTeacher"),
        principal_name: optional_text(n, "principal"),
        subjects,
        qualities,
        evaluation: Evaluation { result, ..Evaluation::default() },
        approved_at: optional_text(n, "approvedAt"),
        height_mm: parsed(n, p, "heightMm", |s| s.parse().ok())?,
        weight_hg: parsed(n, p, "weightHg", |s| s.parse().ok())?,
        days_absent_excused: parsed(n, p, "daysAbsentExcused", |s| s.parse().ok())?,
        days_absent_unexcused: parsed(n, p, "daysAbsentUnexcused", |s| s.parse().ok())?,
        final_result: None,
        awards,
        completion: Some(optional_text(n, "completion").unwrap_or_default()),
        source: child(n, "importedFrom").map(|s| source(s, &format!("{p}/importedFrom"))).transpose()?,
    })
}

/// Reads a học bạ XML (as written by [`super::document_xml`], or by another school's system
/// following the same schema).
pub fn parse(xml: &str) -> Result<ParsedXml, XmlError> {
    let doc = Document::parse(xml).map_err(|e| err("", format!("không đọc được XML: {e}")))?;
    let root = doc.root_element();
    if root.tag_name().name() != "hocBa" || root.tag_name().namespace() != Some(NAMESPACE) {
        return Err(err("", format!("không phải học bạ (cần phần tử hocBa, không gian tên {NAMESPACE})")));
    }
    let years_node = required(root, "", "years")?;
    let years = children(years_node, "year")
        .enumerate()
        .map(|(i, y)| year(y, &format!("years/year[{}]", i + 1)))
        .collect::<Result<_, _>>()?;
    let transcript = Transcript {
        school: school(required(root, "", "school")?)?,
        pupil: pupil(required(root, "", "pupil")?)?,
        history: history(required(root, "", "history")?)?,
        years,
        issued_on: attribute(root, "hocBa", "issuedOn")?,
    };
    Ok(ParsedXml {
        transcript,
        document: root.attribute("document").and_then(DocumentKind::parse),
        code: root.attribute("code").map(str::to_string),
    })
}
