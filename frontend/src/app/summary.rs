//! `/lop/{class_id}/tong-hop/{period}`: the Bảng tổng hợp kết quả đánh giá giáo dục of a class at
//! one periodic point: per subject the pupils at each level (TS and Nữ), the KTĐK scores of the
//! tested subjects, the phẩm chất and năng lực, and at cuối năm the results, completions and
//! awards; with the same table as an Excel download. Wide tables scroll inside their frame.

use super::period_tabs::{PeriodTabs, TabsOf};
use super::year_end::teaches;
use super::Route;
use crate::components::{ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, use_me, Loadable};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::summary::{QualitySummary, ResultSummary, SubjectSummary};
use hocba_core::api::{ClassSummary, Count};
use hocba_core::catalogue::QualityKind;
use hocba_core::levels::{QualityLevel, SubjectLevel};
use hocba_core::yearend::Completion;
use hocba_core::{Period, YearResult};
use yew::prelude::*;
use yew_router::prelude::*;

/// A mean as Vietnamese write it: 8.4 → "8,4".
pub fn decimal_vn(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

#[derive(Properties, PartialEq)]
pub struct SummaryPageProps {
    pub class_id: String,
    pub period: String,
}

#[component]
pub fn SummaryPage(props: &SummaryPageProps) -> Html {
    let tx = t();
    let me = use_me();
    let key = (props.class_id.clone(), props.period.clone());
    let (summary, reload) =
        use_load(
            key,
            |(class_id, period): (String, String)| async move { api::class_summary(&class_id, &period).await },
        );
    let Some(period) = Period::from_code(&props.period) else {
        return html! { <ErrorNotice message={tx.bad_period} /> };
    };
    let teacher = me.as_ref().is_some_and(|m| teaches(m, &props.class_id));
    let back = if teacher { (Route::Home, tx.my_classes) } else { (Route::Reviews, tx.reviews_title) };
    let body = match &*summary {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        // The figures of another period stay until the new ones come: not shown meanwhile.
        Loadable::Ready(s) if s.period == period => html! { <SummaryTables summary={s.clone()} /> },
        Loadable::Ready(_) => html! { <LoadingNotice /> },
    };
    let year_end = Route::YearEnd { class_id: props.class_id.clone() };
    html! {
        <section class="summary-page" data-class={props.class_id.clone()} data-period={period.code()}>
            <nav class="breadcrumb"><Link<Route> to={back.0}>{ "← " }{ back.1 }</Link<Route>></nav>
            <PeriodTabs class_id={props.class_id.clone()} current={period} of={TabsOf::Summary} />
            <h1>{ tx.summary_title }</h1>
            <p class="downloads">
                <a class="button primary" href={api::summary_xlsx_url(&props.class_id, period.code())} download=""
                    data-action="download-xlsx">{ tx.summary_download }</a>
                <span class="muted">{ tx.summary_download_hint }</span>
            </p>
            if period == Period::CuoiNam {
                <p><Link<Route> to={year_end}>{ tx.year_end_link }</Link<Route>></p>
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryTablesProps {
    summary: ClassSummary,
}

#[component]
fn SummaryTables(props: &SummaryTablesProps) -> Html {
    let tx = t();
    let s = &props.summary;
    let scored: Vec<&SubjectSummary> = s.subjects.iter().filter(|x| x.scores.is_some()).collect();
    html! {
        <>
            <p class="muted" data-field="subtitle">{ messages::summary_subtitle(&s.class_name, s.grade, s.period) }</p>
            <dl class="facts">
                <div><dt>{ messages::fixed().summary_pupils }</dt><dd>{ (tx.summary_count)(s.pupils.total, s.pupils.female) }</dd></div>
                <div>
                    <dt>{ messages::fixed().summary_minority }</dt>
                    <dd>{ (tx.summary_count)(s.ethnic_minority.total, s.ethnic_minority.female) }</dd>
                </div>
            </dl>
            { subject_table(&s.subjects) }
            if !scored.is_empty() {
                { score_table(&scored) }
            }
            { quality_table(&s.qualities) }
            if let Some(results) = &s.results {
                { result_table(results, s.grade) }
            }
        </>
    }
}

/// A table in a frame that scrolls sideways on a small screen (reachable by keyboard).
fn framed(name: &'static str, caption: &'static str, head: Html, body: Html) -> Html {
    html! {
        <div class="table-wrap summary-wrap" role="region" aria-label={caption} tabindex="0">
            <table class="data-table summary-table" data-table={name}>
                <caption>{ caption }</caption>
                <thead>{ head }</thead>
                { body }
            </table>
        </div>
    }
}

/// Two header rows: `first` names the row headers; each group spans its TS and Nữ columns;
/// `last` is one more column spanning both rows.
fn paired_head(first: &'static str, groups: &[String], last: Option<&'static str>) -> Html {
    let tops = groups.iter().map(|g| html! { <th scope="colgroup" colspan="2">{ g.clone() }</th> });
    let pairs = groups.iter().map(|_| {
        html! {
            <>
                <th scope="col" class="num">{ messages::fixed().summary_total }</th>
                <th scope="col" class="num">{ messages::fixed().summary_female }</th>
            </>
        }
    });
    html! {
        <>
            <tr>
                <th scope="col" rowspan="2">{ first }</th>
                { for tops }
                if let Some(last) = last {
                    <th scope="col" rowspan="2" class="num">{ last }</th>
                }
            </tr>
            <tr>{ for pairs }</tr>
        </>
    }
}

fn pair(c: Count) -> Html {
    html! {
        <>
            <td class="num">{ c.total }</td>
            <td class="num">{ c.female }</td>
        </>
    }
}

fn coded(name: &str, code: &str) -> String {
    (t().coded_name)(name, code)
}

fn subject_table(subjects: &[SubjectSummary]) -> Html {
    let mut groups: Vec<String> =
        SubjectLevel::ALL.iter().map(|l| coded(messages::subject_level_name(*l), l.code())).collect();
    groups.push(messages::fixed().summary_not_assessed.into());
    let rows = subjects.iter().map(|x| {
        html! {
            <tr data-subject={x.code.clone()}>
                <th scope="row">{ messages::subject_name(&x.code, &x.name).to_string() }</th>
                { pair(x.t) }{ pair(x.h) }{ pair(x.c) }{ pair(x.missing) }
            </tr>
        }
    });
    let head = paired_head(t().col_subject, &groups, None);
    framed("subjects", messages::fixed().summary_subjects, head, html! { <tbody>{ for rows }</tbody> })
}

fn score_table(subjects: &[&SubjectSummary]) -> Html {
    let groups: Vec<String> = [
        messages::fixed().summary_from_9,
        messages::fixed().summary_from_7_to_8,
        messages::fixed().summary_from_5_to_6,
        messages::fixed().summary_below_5,
        messages::fixed().summary_no_score,
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let rows = subjects.iter().filter_map(|x| x.scores.as_ref().map(|sc| (x, sc))).map(|(x, sc)| {
        let average = sc.average.map(decimal_vn).unwrap_or_else(|| t().none.to_string());
        html! {
            <tr data-subject={x.code.clone()}>
                <th scope="row">{ messages::subject_name(&x.code, &x.name).to_string() }</th>
                { pair(sc.from_9) }{ pair(sc.from_7_to_8) }{ pair(sc.from_5_to_6) }{ pair(sc.below_5) }
                { pair(sc.missing) }
                <td class="num" data-field="average">{ average }</td>
            </tr>
        }
    });
    let head = paired_head(t().col_subject, &groups, Some(messages::fixed().summary_average));
    framed("scores", messages::fixed().summary_scores, head, html! { <tbody>{ for rows }</tbody> })
}

fn quality_table(qualities: &[QualitySummary]) -> Html {
    let mut groups: Vec<String> =
        QualityLevel::ALL.iter().map(|l| coded(messages::quality_level_name(*l), l.code())).collect();
    groups.push(messages::fixed().summary_not_assessed.into());
    let kinds = [QualityKind::PhamChat, QualityKind::NangLucChung, QualityKind::NangLucDacThu];
    let bodies = kinds.into_iter().filter(|k| qualities.iter().any(|q| q.kind == *k)).map(|kind| {
        let rows = qualities.iter().filter(|q| q.kind == kind).map(|q| {
            html! {
                <tr data-quality={q.code.clone()}>
                    <th scope="row">{ messages::quality_name(&q.code, &q.name).to_string() }</th>
                    { pair(q.t) }{ pair(q.d) }{ pair(q.c) }{ pair(q.missing) }
                </tr>
            }
        });
        html! {
            <tbody>
                <tr class="group-row"><th scope="rowgroup" colspan="9">{ messages::quality_kind_name(kind) }</th></tr>
                { for rows }
            </tbody>
        }
    });
    let head = paired_head(t().col_quality, &groups, None);
    framed("qualities", messages::fixed().summary_qualities, head, html! { { for bodies } })
}

fn result_table(r: &ResultSummary, grade: u8) -> Html {
    let tx = t();
    let completed = if grade == hocba_core::yearend::LAST_GRADE {
        Completion::CompletedPrimary
    } else {
        Completion::CompletedGrade
    };
    let result = |y: YearResult| coded(messages::result_name(y), y.code());
    let mut lines: Vec<(String, Count)> = vec![
        (result(YearResult::HTXS), r.htxs),
        (result(YearResult::HTT), r.htt),
        (result(YearResult::HT), r.ht),
        (result(YearResult::CHT), r.cht),
        (messages::fixed().summary_no_result.into(), r.not_computed),
        (messages::completion_label(completed).into(), r.completed),
        (messages::completion_label(Completion::PromotedByDecision).into(), r.promoted_by_decision),
        (messages::completion_label(Completion::Repeats).into(), r.repeating),
        (messages::completion_label(Completion::AwaitingDecision).into(), r.awaiting_decision),
    ];
    let results = lines.len();
    lines.extend(r.awards.iter().map(|a| (messages::award_kind_label(a.kind).to_string(), a.pupils)));
    let row = |(name, count): &(String, Count)| {
        html! {
            <tr>
                <th scope="row">{ name.clone() }</th>
                { pair(*count) }
            </tr>
        }
    };
    let head = html! {
        <tr>
            <th scope="col">{ tx.summary_item }</th>
            <th scope="col" class="num">{ messages::fixed().summary_total }</th>
            <th scope="col" class="num">{ messages::fixed().summary_female }</th>
        </tr>
    };
    let body = html! {
        <>
            <tbody>{ for lines[..results].iter().map(row) }</tbody>
            <tbody>
                <tr class="group-row"><th scope="rowgroup" colspan="3">{ messages::fixed().summary_awards }</th></tr>
                { for lines[results..].iter().map(row) }
            </tbody>
        </>
    };
    framed("results", messages::fixed().summary_results, head, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_use_a_decimal_comma() {
        assert_eq!(decimal_vn(8.4), "8,4");
        assert_eq!(decimal_vn(9.0), "9,0");
    }

    #[test]
    fn the_workbook_is_a_plain_link() {
        assert_eq!(api::summary_xlsx_url("c 1", "cuoi_nam"), "/api/classes/c%201/periods/cuoi_nam/summary.xlsx");
    }
}
