//! The học bạ as Open Badges 3.0 credentials (W3C Verifiable Credentials data model 2.0): one
//! `OpenBadgeCredential` per approved school year, whose achievement is completing that grade and
//! whose results are the year's result, subject levels and scores. The backend signs each as a
//! VC-JWT (ES256, the school seal's key), verifiable with the school's published JWK set.

use crate::messages::{result_name, subject_level_name};
use crate::transcript::{Transcript, YearRecord};
use serde_json::{json, Value};

pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
pub const OB3_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// Who issues: the school, with the URL of its public keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// A URL that identifies the school (`https://truong.example/api/schools/{id}`).
    pub id: String,
    pub name: String,
}

/// The credential of one approved year (unsigned JSON-LD).
pub fn year_credential(t: &Transcript, y: &YearRecord, issuer: &Issuer, credential_id: &str, issued: &str) -> Value {
    let achievement_id = format!("{}/achievements/lop-{}", issuer.id, y.grade);
    let mut results: Vec<Value> = Vec::new();
    if let Some(result) = y.result() {
        results.push(json!({
            "type": ["Result"],
            "resultDescription": format!("{achievement_id}#ket-qua"),
            "value": result.code(),
            "status": result_name(result),
        }));
    }
    for s in &y.subjects {
        let mut values = Vec::new();
        if let Some(level) = s.level {
            values.push(format!("{} ({})", level.code(), subject_level_name(level)));
        }
        if let Some(score) = s.score {
            values.push(format!("KTĐK {score}"));
        }
        if !values.is_empty() {
            results.push(json!({
                "type": ["Result"],
                "resultDescription": format!("{achievement_id}#{}", s.code),
                "value": values.join(", "),
            }));
        }
    }
    let mut descriptions: Vec<Value> = vec![json!({
        "id": format!("{achievement_id}#ket-qua"),
        "type": ["ResultDescription"],
        "name": "Đánh giá kết quả giáo dục",
        "resultType": "LetterGrade",
        "allowedValue": ["HTXS", "HTT", "HT", "CHT"],
    })];
    descriptions.extend(y.subjects.iter().map(|s| {
        json!({
            "id": format!("{achievement_id}#{}", s.code),
            "type": ["ResultDescription"],
            "name": s.name,
            "resultType": "LetterGrade",
            "allowedValue": ["T", "H", "C"],
        })
    }));
    json!({
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": format!("Học bạ lớp {} năm học {}", y.class_name, y.school_year),
        "issuer": { "id": issuer.id, "type": ["Profile"], "name": issuer.name },
        "validFrom": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": false,
                "identityHash": t.pupil.full_name,
            }],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": format!("Chương trình lớp {} (tiểu học)", y.grade),
                "description": format!(
                    "Đánh giá cuối năm học {} theo Thông tư 27/2020/TT-BGDĐT, lớp {}.",
                    y.school_year, y.class_name
                ),
                "criteria": { "narrative": "Kết quả đánh giá cuối năm do hiệu trưởng duyệt." },
                "resultDescription": descriptions,
            },
            "result": results,
            "activityEndDate": y.approved_at,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levels::SubjectLevel;
    use crate::transcript::SubjectLine;

    #[test]
    fn a_year_becomes_an_open_badge_with_its_results() {
        let mut t: Transcript = serde_json::from_value(json!({
            "school": {"id": "s", "name": "Trường Tiểu học A", "code": "1", "commune": "", "district": "",
                       "province": "", "principal_name": "Lò Văn B"},
            "pupil": {"id": "p", "national_id": null, "full_name": "Giàng Thị Mỷ", "gender": "Nữ",
                      "birth_date": null, "ethnicity": "Mông", "nationality": "Việt Nam", "birth_place": null,
                      "home_town": null, "address": null, "father_name": null, "mother_name": null,
                      "guardian_name": null},
            "history": [], "years": [], "issued_on": "2026-05-30"
        }))
        .expect("transcript");
        let year: YearRecord = serde_json::from_value(json!({
            "school_year": "2025-2026", "class_name": "5A", "grade": 5, "homeroom_teacher": null,
            "principal_name": null, "subjects": [], "qualities": [],
            "evaluation": {"result": "HTT", "limiting": [], "missing": []},
            "approved_at": "2026-05-28T03:00:00Z"
        }))
        .unwrap_or_else(|e| panic!("year: {e}"));
        let mut year = year;
        year.subjects.push(SubjectLine {
            code: "toan".into(),
            name: "Toán".into(),
            level: Some(SubjectLevel::T),
            score: Some(9),
            comment: None,
        });
        t.years.push(year.clone());
        let issuer = Issuer { id: "https://x/api/schools/s".into(), name: "Trường Tiểu học A".into() };
        let vc = year_credential(&t, &year, &issuer, "urn:uuid:1", "2026-05-30T00:00:00Z");
        assert_eq!(vc["type"][1], "OpenBadgeCredential");
        assert_eq!(vc["issuer"]["name"], "Trường Tiểu học A");
        assert_eq!(vc["credentialSubject"]["identifier"][0]["identityHash"], "Giàng Thị Mỷ");
        let results = vc["credentialSubject"]["result"].as_array().expect("results");
        assert_eq!(results[0]["value"], "HTT");
        assert_eq!(results[1]["value"], "T (Hoàn thành tốt), KTĐK 9");
    }
}
