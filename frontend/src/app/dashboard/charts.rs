//! Per grade: the year-end results as horizontal bars and the subject levels as one stacked bar
//! per subject, in inline SVG. Each bar or segment has its own fill pattern and the counts are
//! written next to the bars, so the charts read in black-and-white print; each chart has a
//! `<title>` and `<desc>` and its numbers also as a visually hidden table.

use crate::i18n::domain as messages;
use crate::i18n::t;
use hocba_core::api::dashboard::{GradeFigures, LevelCounts, ResultCounts};
use hocba_core::levels::SubjectLevel;
use hocba_core::YearResult;
use yew::prelude::*;

/// Width of the SVG drawing (its `viewBox`; it scales to the page).
const WIDTH: f64 = 600.0;
/// The labels' column.
const LABEL: f64 = 250.0;
/// Room after the longest bar for its count.
const VALUE: f64 = 80.0;
const ROW: f64 = 30.0;
const BAR: f64 = 20.0;

/// The fill patterns, in the order of the bars (solid, stripes, dots, cross-hatch, blank).
const PATTERNS: [&str; 5] = ["pat-solid", "pat-stripes", "pat-dots", "pat-cross", "pat-blank"];

/// `count` of `total` in whole percent, rounded; 0 when `total` is 0.
pub fn percent(count: u32, total: u32) -> u32 {
    if total == 0 {
        return 0;
    }
    ((u64::from(count) * 100 + u64::from(total) / 2) / u64::from(total)) as u32
}

/// The length of a bar for `count` when `max` fills `full`; at least 1 for any count above 0
/// (so a small group stays visible).
pub fn bar_length(count: u32, max: u32, full: f64) -> f64 {
    if max == 0 || count == 0 {
        return 0.0;
    }
    (f64::from(count) / f64::from(max) * full).max(1.0)
}

/// (start, length) of each segment of a stacked bar of length `full`, in the order of `counts`.
pub fn segments(counts: &[u32], full: f64) -> Vec<(f64, f64)> {
    let total: u32 = counts.iter().sum();
    let mut x = 0.0;
    counts
        .iter()
        .map(|&c| {
            let w = if total == 0 { 0.0 } else { f64::from(c) / f64::from(total) * full };
            let seg = (x, w);
            x += w;
            seg
        })
        .collect()
}

/// The height of a chart of `rows` bars.
pub fn chart_height(rows: usize) -> f64 {
    rows as f64 * ROW + 10.0
}

/// (label, count) of the year-end results, best first.
pub fn result_lines(r: &ResultCounts) -> Vec<(String, u32)> {
    let name = |y: YearResult| format!("{} ({})", messages::result_name(y), y.code());
    vec![
        (name(YearResult::HTXS), r.htxs),
        (name(YearResult::HTT), r.htt),
        (name(YearResult::HT), r.ht),
        (name(YearResult::CHT), r.cht),
        (messages::fixed().summary_no_result.to_string(), r.not_computed),
    ]
}

/// (label, count) of a subject's levels: T, H, C and not assessed.
pub fn level_lines(l: &LevelCounts) -> Vec<(String, u32)> {
    let name = |lv: SubjectLevel| format!("{} ({})", messages::subject_level_name(lv), lv.code());
    let counts = [l.t, l.h, l.c];
    let mut out: Vec<(String, u32)> = SubjectLevel::ALL.iter().zip(counts).map(|(lv, c)| (name(*lv), c)).collect();
    out.push((messages::fixed().summary_not_assessed.to_string(), l.missing));
    out
}

fn fill(i: usize) -> String {
    format!("url(#{})", PATTERNS[i % PATTERNS.len()])
}

/// The fill patterns every chart uses, defined once for the page.
#[component]
pub fn ChartPatterns() -> Html {
    html! {
        <svg class="chart-defs" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>
                <pattern id="pat-solid" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" class="pat-fill-1" />
                </pattern>
                <pattern id="pat-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" class="pat-bg" />
                    <rect width="3" height="6" class="pat-fill-2" />
                </pattern>
                <pattern id="pat-dots" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" class="pat-bg" />
                    <circle cx="3" cy="3" r="1.6" class="pat-fill-3" />
                </pattern>
                <pattern id="pat-cross" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" class="pat-bg" />
                    <path d="M0 0L6 6M6 0L0 6" class="pat-line-4" />
                </pattern>
                <pattern id="pat-blank" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" class="pat-bg" />
                </pattern>
            </defs>
        </svg>
    }
}

/// The numbers of a chart as a table only screen readers (and a print without the SVG) see.
fn numbers_table(caption: String, lines: &[(String, u32)], total: u32) -> Html {
    let tx = t();
    let rows = lines.iter().map(|(label, count)| {
        html! {
            <tr>
                <th scope="row">{ label.clone() }</th>
                <td>{ *count }</td>
                <td>{ format!("{}%", percent(*count, total)) }</td>
            </tr>
        }
    });
    html! {
        <div class="sr-only">
            <table class="chart-numbers">
                <caption>{ caption }{ " — " }{ tx.chart_numbers }</caption>
                <thead>
                    <tr><th scope="col">{ tx.summary_item }</th><th scope="col">{ tx.col_count }</th><th scope="col">{ tx.col_percent }</th></tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

/// Horizontal bars, one per line, each with its count and percent written after it.
fn bar_chart(id: String, title: String, desc: String, lines: &[(String, u32)]) -> Html {
    let tx = t();
    let total: u32 = lines.iter().map(|(_, c)| c).sum();
    let max = lines.iter().map(|(_, c)| *c).max().unwrap_or(0);
    let full = WIDTH - LABEL - VALUE;
    let height = chart_height(lines.len());
    let bars = lines.iter().enumerate().map(|(i, (label, count))| {
        let y = i as f64 * ROW + 5.0;
        let w = bar_length(*count, max, full);
        html! {
            <g data-bar={i.to_string()} data-count={count.to_string()}>
                <text x={(LABEL - 8.0).to_string()} y={(y + BAR * 0.75).to_string()} text-anchor="end" class="chart-label">{ label.clone() }</text>
                <rect x={LABEL.to_string()} y={y.to_string()} width={w.to_string()} height={BAR.to_string()}
                    fill={fill(i)} class="chart-bar" />
                <text x={(LABEL + w + 6.0).to_string()} y={(y + BAR * 0.75).to_string()} class="chart-value">
                    { (tx.bar_value)(*count, percent(*count, total)) }
                </text>
            </g>
        }
    });
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        <figure class="chart" data-chart={id.clone()}>
            <div class="chart-frame" role="region" aria-label={title.clone()} tabindex="0">
                <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}
                    class="chart-svg">
                    <title id={title_id}>{ title.clone() }</title>
                    <desc id={desc_id}>{ desc }</desc>
                    { for bars }
                </svg>
            </div>
            { numbers_table(title, lines, total) }
        </figure>
    }
}

/// One stacked bar per subject (T, H, C, not assessed), with a legend of the patterns.
fn level_chart(id: String, grade: &GradeFigures, period_name: &str) -> Html {
    let tx = t();
    let full = WIDTH - LABEL - 10.0;
    let height = chart_height(grade.subjects.len());
    let rows = grade.subjects.iter().enumerate().map(|(i, s)| {
        let name = messages::subject_name(&s.code, &s.name);
        let lines = level_lines(&s.levels);
        let counts: Vec<u32> = lines.iter().map(|(_, c)| *c).collect();
        let y = i as f64 * ROW + 5.0;
        let parts = segments(&counts, full).into_iter().enumerate().filter(|(_, (_, w))| *w > 0.0).map(|(j, (x, w))| {
            let (label, count) = &lines[j];
            html! {
                <rect x={(LABEL + x).to_string()} y={y.to_string()} width={w.to_string()} height={BAR.to_string()}
                    fill={fill(j)} class="chart-bar">
                    <title>{ format!("{name}, {label}: {count}") }</title>
                </rect>
            }
        });
        html! {
            <g data-subject={s.code.clone()}>
                <text x={(LABEL - 8.0).to_string()} y={(y + BAR * 0.75).to_string()} text-anchor="end" class="chart-label">{ name }</text>
                { for parts }
            </g>
        }
    });
    let legend = level_lines(&LevelCounts::default()).into_iter().enumerate().map(|(j, (label, _))| {
        html! {
            <li>
                <svg class="legend-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <rect width="16" height="16" fill={fill(j)} class="chart-bar" />
                </svg>
                { label }
            </li>
        }
    });
    let tables = grade.subjects.iter().map(|s| {
        let lines = level_lines(&s.levels);
        numbers_table(
            (tx.chart_levels_title)(grade.grade, messages::subject_name(&s.code, &s.name), period_name),
            &lines,
            s.levels.total(),
        )
    });
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let title = (tx.chart_levels_heading)(period_name);
    let desc: Vec<String> = grade
        .subjects
        .iter()
        .map(|s| {
            let l = &s.levels;
            format!(
                "{}: T {}, H {}, C {}, {} {}",
                messages::subject_name(&s.code, &s.name),
                l.t,
                l.h,
                l.c,
                messages::fixed().summary_not_assessed,
                l.missing
            )
        })
        .collect();
    html! {
        <figure class="chart" data-chart={id.clone()}>
            <figcaption>{ title.clone() }</figcaption>
            <ul class="chart-legend">{ for legend }</ul>
            <div class="chart-frame" role="region" aria-label={title.clone()} tabindex="0">
                <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}
                    class="chart-svg">
                    <title id={title_id}>{ format!("{} — {}", (tx.grade_heading)(grade.grade, grade.pupils), title) }</title>
                    <desc id={desc_id}>{ desc.join("; ") }</desc>
                    { for rows }
                </svg>
            </div>
            { for tables }
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct GradeChartsProps {
    pub grades: Vec<GradeFigures>,
}

/// Every grade's charts.
#[component]
pub fn GradeCharts(props: &GradeChartsProps) -> Html {
    let tx = t();
    let grades = props.grades.iter().map(|g| {
        let results = result_lines(&g.results);
        let results_chart = bar_chart(
            format!("results-{}", g.grade),
            (tx.chart_results_title)(g.grade),
            (tx.chart_results_desc)(g.grade, g.results.total()),
            &results,
        );
        let levels = match g.latest_period {
            Some(p) if !g.subjects.is_empty() => {
                level_chart(format!("levels-{}", g.grade), g, messages::period_name(p))
            }
            _ => html! { <p class="muted">{ tx.chart_no_levels }</p> },
        };
        html! {
            <section class="grade-charts card" data-grade={g.grade.to_string()} key={g.grade.to_string()}>
                <h3>{ (tx.grade_heading)(g.grade, g.pupils) }</h3>
                { results_chart }
                { levels }
            </section>
        }
    });
    html! {
        <section class="dashboard-charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{ tx.results_by_grade }</h2>
            <ChartPatterns />
            { for grades }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_round_and_survive_zero() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(5, 5), 100);
        assert_eq!(percent(0, 0), 0);
    }

    #[test]
    fn bars_scale_to_the_longest() {
        assert_eq!(bar_length(10, 10, 270.0), 270.0);
        assert_eq!(bar_length(5, 10, 270.0), 135.0);
        assert_eq!(bar_length(0, 10, 270.0), 0.0);
        assert_eq!(bar_length(0, 0, 270.0), 0.0);
        assert_eq!(bar_length(1, 1000, 270.0), 1.0, "a small group stays visible");
    }

    #[test]
    fn stacked_segments_fill_the_bar_in_order() {
        assert_eq!(segments(&[1, 1, 2], 100.0), vec![(0.0, 25.0), (25.0, 25.0), (50.0, 50.0)]);
        assert_eq!(segments(&[0, 0], 100.0), vec![(0.0, 0.0), (0.0, 0.0)]);
        assert_eq!(chart_height(5), 160.0);
    }

    #[test]
    fn lines_name_each_group() {
        let r = ResultCounts { htxs: 3, htt: 2, ht: 1, cht: 1, not_computed: 4 };
        let lines = result_lines(&r);
        assert_eq!(lines[0], ("Hoàn thành xuất sắc (HTXS)".to_string(), 3));
        assert_eq!(lines.iter().map(|(_, c)| c).sum::<u32>(), r.total());
        let l = LevelCounts { t: 5, h: 4, c: 1, missing: 2 };
        let lines = level_lines(&l);
        assert_eq!(lines.len(), 4);
        assert!(lines[0].0.ends_with("(T)"), "{}", lines[0].0);
        assert_eq!(lines[3], (messages::fixed().summary_not_assessed.to_string(), 2));
    }
}
