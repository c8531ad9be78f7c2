//! When things happen in a generated school year: the assessment points, their review, the
//! awards. Times are UTC (as stored); 01:00 UTC is 08:00 in Việt Nam.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use hocba_core::Period;

pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn at(year: i32, month: u32, day: u32, hour: u32) -> NaiveDateTime {
    date(year, month, day).and_hms_opt(hour, 0, 0).unwrap_or_default()
}

/// A periodic point of the school year that starts in September of `start`: when the homeroom
/// teacher entered the cells, submitted the record, and the principal approved it.
pub struct PeriodDates {
    pub entered: NaiveDateTime,
    pub submitted: NaiveDateTime,
    pub approved: NaiveDateTime,
}

pub fn period_dates(start: i32, period: Period) -> PeriodDates {
    let (year, month, day) = match period {
        Period::GiuaHk1 => (start, 11, 5),
        Period::CuoiHk1 => (start + 1, 1, 8),
        Period::GiuaHk2 => (start + 1, 3, 25),
        Period::CuoiNam => (start + 1, 5, 20),
    };
    let entered = at(year, month, day, 9);
    PeriodDates {
        entered,
        submitted: entered + TimeDelta::days(2),
        approved: entered + TimeDelta::days(4) + TimeDelta::hours(1),
    }
}

/// When the current year's giữa kì II cells still being entered were last saved.
pub fn in_progress(start: i32) -> NaiveDateTime {
    at(start + 1, 3, 20, 8)
}

/// When the school's accounts and a cohort's pupils were created: before the year began.
pub fn created(start: i32) -> NaiveDateTime {
    at(start, 8, 15, 1)
}

/// The first school day of pupils who entered grade 1 in `start`.
pub fn entry_date(start: i32) -> NaiveDate {
    date(start, 9, 5)
}

/// The day the year-end giấy khen are given.
pub fn award_date(start: i32) -> NaiveDate {
    date(start + 1, 5, 28)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_follow_each_other_within_the_year() {
        let mut last = created(2024);
        for p in Period::ALL {
            let d = period_dates(2024, p);
            assert!(last < d.entered && d.entered < d.submitted && d.submitted < d.approved);
            last = d.approved;
        }
        assert!(award_date(2024) > last.date());
        assert!(in_progress(2024) < period_dates(2024, Period::GiuaHk2).entered);
    }
}
