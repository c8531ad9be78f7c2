//! The PostgreSQL plans of `cargo xtask bench scale`: `EXPLAIN (ANALYZE, BUFFERS)` of the hot paths'
//! statements at the benchmark's size, written into `docs/scaling.md`.

use crate::{output, version_of};
use std::process::Command;

/// `psql -At` on the benchmark database.
fn psql(url: &str, sql: &str) -> Result<String, String> {
    output(Command::new("psql").args([url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]))
}

/// `EXPLAIN (ANALYZE, BUFFERS)` of the hot paths' statements on the last school of the PostgreSQL
/// database, with real ids; where an index of `lookup_indexes` serves the statement, also without
/// it (dropped inside a transaction that is rolled back).
pub fn plans(url: &str, schools: usize) -> Result<String, String> {
    let code = format!("108{schools:05}");
    let one = |sql: &str| -> Result<String, String> {
        psql(url, sql)?.lines().next().map(str::to_string).ok_or_else(|| format!("no row: {sql}"))
    };
    let school = one(&format!("SELECT id FROM schools WHERE code = '{code}'"))?;
    let teacher = one(&format!("SELECT id FROM users WHERE username = '{code}.gv5a'"))?;
    let parent = one(&format!("SELECT id FROM users WHERE username = '{code}.ph0001'"))?;
    let class = one(&format!(
        "SELECT c.id FROM classes c JOIN school_years y ON y.id = c.school_year_id \
         WHERE c.school_id = '{school}' AND y.is_current AND c.homeroom_teacher_id = '{teacher}' LIMIT 1"
    ))?;
    let pupil = one(&format!("SELECT pupil_id FROM guardianships WHERE parent_id = '{parent}' LIMIT 1"))?;
    let roster = psql(url, &format!("SELECT id FROM enrolments WHERE class_id = '{class}'"))?;
    let roster = roster.lines().map(|id| format!("'{id}'")).collect::<Vec<_>>().join(",");
    let enrolment = one(&format!(
        "SELECT e.id FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE e.pupil_id = '{pupil}' \
         ORDER BY c.grade LIMIT 1"
    ))?;
    // Each statement as the server sends it (parameters `$n`, as Diesel binds them) and the values.
    let cells = "SELECT * FROM subject_assessments WHERE enrolment_id = ANY($1) AND period = $2";
    let roster_array = format!("ARRAY[{roster}]");
    let statements: [(&str, &str, Vec<String>, Option<&str>); 10] = [
        (
            "the school's data epoch (every request)",
            "SELECT epoch FROM data_epochs WHERE scope = $1",
            vec![q(&school)],
            None,
        ),
        ("a class's roster", "SELECT * FROM enrolments WHERE class_id = $1", vec![q(&class)], None),
        ("a class grid's cells", cells, vec![roster_array, q("cuoi_hk1")], None),
        (
            "a pupil's years, approvals and names",
            "SELECT e.id, c.*, y.*, t.full_name, p.id, p.decided_by, p.decided_at, a.full_name, \
             EXISTS (SELECT 1 FROM imported_years i WHERE i.pupil_id = $3) \
             FROM enrolments e JOIN classes c ON c.id = e.class_id \
             JOIN school_years y ON y.id = c.school_year_id \
             LEFT JOIN users t ON c.homeroom_teacher_id = t.id \
             LEFT JOIN period_records p ON p.class_id = c.id AND p.period = $1 AND p.status = $2 \
             LEFT JOIN users a ON p.decided_by = a.id \
             WHERE e.pupil_id = $4 ORDER BY y.start_year",
            vec![q("cuoi_nam"), q("approved"), q(&pupil), q(&pupil)],
            None,
        ),
        (
            "a pupil's year-end rows, awards and names",
            "SELECT r.*, w.*, cu.full_name, du.full_name FROM enrolments e \
             LEFT JOIN year_end_records r ON r.enrolment_id = e.id LEFT JOIN awards w ON w.enrolment_id = e.id \
             LEFT JOIN users cu ON w.confirmed_by = cu.id LEFT JOIN users du ON r.decided_by = du.id \
             WHERE e.pupil_id = $1 ORDER BY w.created_at, w.id",
            vec![q(&pupil)],
            None,
        ),
        ("a pupil's cuối năm cells of one year", cells, vec![format!("ARRAY[{}]", q(&enrolment)), q("cuoi_nam")], None),
        ("a parent's children", "SELECT pupil_id FROM guardianships WHERE parent_id = $1", vec![q(&parent)], None),
        (
            "a teacher's assigned classes",
            "SELECT class_id FROM teaching_assignments WHERE teacher_id = $1",
            vec![q(&teacher)],
            Some("teaching_assignments_teacher"),
        ),
        (
            "a teacher's homeroom classes",
            "SELECT id FROM classes WHERE homeroom_teacher_id = $1",
            vec![q(&teacher)],
            Some("classes_homeroom_teacher"),
        ),
        (
            "a school's pupils (administration)",
            "SELECT * FROM pupils WHERE school_id = $1 ORDER BY full_name",
            vec![q(&school)],
            Some("pupils_school"),
        ),
    ];
    let mut table = String::new();
    for (label, sql, args, index) in statements {
        let explain = format!("EXPLAIN (ANALYZE, BUFFERS) {}", bind(sql, &args));
        let plan = psql(url, &explain)?;
        let without = match index {
            Some(index) => {
                let text = psql(url, &format!("BEGIN; DROP INDEX {index}; {explain}; ROLLBACK;"))?
                    .lines()
                    .filter(|l| !matches!(*l, "BEGIN" | "DROP INDEX" | "ROLLBACK"))
                    .collect::<Vec<_>>()
                    .join("\n");
                format!(
                    "{:.2} ms; without `{index}`: {:.2} ms ({})",
                    execution_ms(&plan),
                    execution_ms(&text),
                    top_node(&text)
                )
            }
            None => format!("{:.2} ms", execution_ms(&plan)),
        };
        let generic = generic_plan(url, sql, &args)?;
        table.push_str(&format!(
            "| {label} | {} | {} | {without} | {} ({:.2} ms) |\n",
            top_node(&plan),
            buffers(&plan),
            top_node(&generic),
            execution_ms(&generic)
        ));
    }
    Ok(format!(
        "Measured by `cargo xtask bench scale --schools {schools}` ({date}) on the PostgreSQL database of {schools} \
         generated schools, for the last school, with real ids (`EXPLAIN (ANALYZE, BUFFERS)`, warm cache). \
         The last column is the generic plan a prepared statement may settle on after five runs \
         (`plan_cache_mode = force_generic_plan`, the same values bound as parameters):\n\n\
         | statement | plan (top node) | buffers | execution | generic plan |\n|---|---|---|---:|---|\n{table}",
        date = version_of("date", &["-u", "+%Y-%m-%d"]),
    ))
}

/// A SQL string literal.
fn q(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `sql` with its parameters `$1`… replaced by the values (SQL literals), from the last one down so
/// that `$1` never eats the start of `$10`.
fn bind(sql: &str, args: &[String]) -> String {
    args.iter().enumerate().rev().fold(sql.to_string(), |s, (i, v)| s.replace(&format!("${}", i + 1), v))
}

/// `EXPLAIN (ANALYZE, BUFFERS)` of `sql` prepared with parameters and run with the generic plan.
fn generic_plan(url: &str, sql: &str, args: &[String]) -> Result<String, String> {
    output(Command::new("psql").args([
        url,
        "-Atq",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        "SET plan_cache_mode = force_generic_plan",
        "-c",
        &format!("PREPARE hot AS {sql}"),
        "-c",
        &format!("EXPLAIN (ANALYZE, BUFFERS) EXECUTE hot({})", args.join(", ")),
    ]))
}

/// The first plan line, without costs: `Index Scan using x on t`.
fn top_node(plan: &str) -> String {
    let line = plan.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim();
    line.split("  (").next().unwrap_or(line).trim_start_matches("-> ").to_string()
}

fn buffers(plan: &str) -> String {
    plan.lines().find_map(|l| l.trim().strip_prefix("Buffers: ")).unwrap_or("–").to_string()
}

fn execution_ms(plan: &str) -> f64 {
    plan.lines()
        .find_map(|l| l.trim().strip_prefix("Execution Time: "))
        .and_then(|v| v.trim_end_matches(" ms").parse().ok())
        .unwrap_or(f64::NAN)
}
