//! `hocba demo generate`: synthetic schools in bulk, for benchmarks at school and province size.
//! Progress goes to stderr (one line per school), the summary to stdout.

use crate::db::Db;
use crate::services::synthetic::{self, Options, Progress, Summary};
use crate::settings::Settings;
use std::time::Duration;

/// Writes the schools into the configured database (migrated first when needed).
pub fn generate(settings: &Settings, options: &Options) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = Db::open(&settings.database_url())?;
    eprintln!(
        "Tạo {} trường × {} học sinh × {} năm học (cơ sở dữ liệu {})…",
        options.schools,
        options.pupils_per_school,
        options.years,
        db.backend().name(),
    );
    let summary = synthetic::generate(&db, options, print_progress)?;
    print_summary(&summary);
    Ok(())
}

fn print_progress(p: &Progress<'_>) {
    let width = p.total.to_string().len();
    eprintln!(
        "[{:>width$}/{}] {} {}: {} dòng, {:.1} s | tổng {} dòng, {:.0} dòng/s, còn khoảng {}",
        p.written,
        p.total,
        p.code,
        p.name,
        p.school_rows,
        p.school_time.as_secs_f64(),
        p.rows,
        p.rows_per_second(),
        clock(p.remaining()),
    );
}

/// `1 giờ 02 phút`, `3 phút 05 s`, `42 s`.
fn clock(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} phút {s:02} s"),
        (h, m, _) => format!("{h} giờ {m:02} phút"),
    }
}

fn print_summary(s: &Summary) {
    let codes = match (s.codes.first(), s.codes.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.clone(),
        _ => String::new(),
    };
    let c = &s.counts;
    println!(
        "Đã tạo {} trường (mã {codes}): {} học sinh, {} tài khoản, {} lượt học theo lớp, {} ô đánh giá, \
         {} hồ sơ cuối năm, {} khen thưởng.",
        s.schools, c.pupils, c.users, c.enrolments, c.assessment_rows, c.year_ends, c.awards
    );
    println!(
        "Tổng {} dòng trong {:.1} s ({:.0} dòng/s, {} trường ghi cùng lúc).",
        c.rows,
        s.elapsed.as_secs_f64(),
        s.rows_per_second(),
        s.jobs
    );
    if s.bulk {
        println!(
            "Ghi với trigger tắt trong giao dịch của từng trường (session_replication_role = replica): khoá ngoại \
             được kiểm tra trong bộ nhớ, epoch dữ liệu được tăng sau mỗi trường."
        );
    }
    println!("Mọi tài khoản được tạo đều có mật khẩu \"{}\".", synthetic::PASSWORD);
    if let Some(code) = s.codes.first() {
        let [admin, principal, teacher, parent] = synthetic::sample_logins(code);
        println!(
            "Ví dụ: {admin} (quản trị), {principal} (hiệu trưởng), {teacher} (giáo viên chủ nhiệm 1A), {parent} \
             (phụ huynh)."
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_like_people_write_it() {
        assert_eq!(clock(Duration::from_secs(42)), "42 s");
        assert_eq!(clock(Duration::from_secs(185)), "3 phút 05 s");
        assert_eq!(clock(Duration::from_secs(3720)), "1 giờ 02 phút");
    }
}
