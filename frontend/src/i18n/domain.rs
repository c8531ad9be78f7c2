//! Domain wording (`hocba_core::messages`) in the current language: the same names as the
//! Vietnamese functions, so a page writes `domain::result_name(r)` and follows the switch. The
//! rest of `hocba_core::messages::by_lang` takes the language explicitly.

use super::lang;
use hocba_core::api::dashboard::{RiskKind, RiskReason};
use hocba_core::api::documents::SignerRole;
use hocba_core::api::{admin::Gender, Award, FindingKind, Role};
use hocba_core::awards::{AwardKind, AwardLevel};
use hocba_core::catalogue::QualityKind;
use hocba_core::messages::by_lang;
pub use hocba_core::messages::by_lang::Fixed;
use hocba_core::rules::Evaluation;
use hocba_core::yearend::{Completion, Promotion};
use hocba_core::Lang;
use hocba_core::{Period, QualityLevel, SubjectLevel, YearResult};

/// The fixed sentences and column names (summary table, client-side checks).
pub fn fixed() -> &'static Fixed {
    by_lang::fixed(lang())
}

pub fn subject_level_name(level: SubjectLevel) -> &'static str {
    by_lang::subject_level_name(lang(), level)
}

pub fn quality_level_name(level: QualityLevel) -> &'static str {
    by_lang::quality_level_name(lang(), level)
}

pub fn result_name(result: YearResult) -> &'static str {
    by_lang::result_name(lang(), result)
}

pub fn period_name(period: Period) -> &'static str {
    by_lang::period_name(lang(), period)
}

pub fn quality_kind_name(kind: QualityKind) -> &'static str {
    by_lang::quality_kind_name(lang(), kind)
}

/// A subject's name from the API (Vietnamese) by its catalogue code, in the current language.
pub fn subject_name<'a>(code: &str, name: &'a str) -> &'a str {
    by_lang::subject_name(lang(), code, name)
}

/// A quality's or competence's name from the API by its catalogue code, in the current language.
pub fn quality_name<'a>(code: &str, name: &'a str) -> &'a str {
    by_lang::quality_name(lang(), code, name)
}

pub fn explain(e: &Evaluation) -> String {
    by_lang::explain(lang(), e)
}

pub fn explain_for_parents(e: &Evaluation) -> String {
    by_lang::explain_for_parents(lang(), e)
}

pub fn promotion_name(p: Promotion) -> &'static str {
    by_lang::promotion_name(lang(), p)
}

pub fn completion_label(c: Completion) -> &'static str {
    by_lang::completion_label(lang(), c)
}

pub fn award_kind_label(kind: AwardKind) -> &'static str {
    by_lang::award_kind_label(lang(), kind)
}

pub fn award_level_name(level: AwardLevel) -> &'static str {
    by_lang::award_level_name(lang(), level)
}

pub fn award_line(award: &Award) -> String {
    by_lang::award_line(lang(), award)
}

pub fn signer_role_name(role: SignerRole) -> &'static str {
    by_lang::signer_role_name(lang(), role)
}

pub fn signed_on(date_time_vn: &str) -> String {
    by_lang::signed_on(lang(), date_time_vn)
}

pub fn finding_text(kind: FindingKind, result: Option<YearResult>) -> String {
    by_lang::finding_text(lang(), kind, result)
}

pub fn summary_subtitle(class_name: &str, grade: u8, period: Period) -> String {
    by_lang::summary_subtitle(lang(), class_name, grade, period)
}

pub fn role_label(role: Role) -> &'static str {
    by_lang::role_label(lang(), role)
}

pub fn active_label(active: bool) -> &'static str {
    by_lang::active_label(lang(), active)
}

pub fn gender_name(g: Gender) -> &'static str {
    by_lang::gender_name(lang(), g)
}

/// A text the server wrote in Vietnamese (an explanation, a completion label) or the same text
/// made here: Vietnamese keeps the server's; English makes its own when it can.
pub fn server_or_local(server: Option<String>, local: impl FnOnce() -> Option<String>) -> Option<String> {
    match lang() {
        Lang::Vi => server.or_else(local),
        Lang::En => local().or(server),
    }
}

/// A reason to follow a pupil up (the dashboard), in the current language.
pub fn risk_text(r: &RiskReason) -> String {
    match (lang(), r.kind, r.subject_code.as_deref(), r.subject_name.as_deref()) {
        (Lang::Vi, ..) => r.text.clone(),
        (Lang::En, RiskKind::LevelC, Some(code), name) => {
            by_lang::risk_level_c(Lang::En, subject_name(code, name.unwrap_or(code)), r.period)
        }
        (Lang::En, RiskKind::ResultCht, ..) => fixed().risk_result_cht.to_string(),
        (Lang::En, ..) => r.text.clone(),
    }
}
