//! Vietnam time: the one place that turns an instant into the date and time a Vietnamese user
//! reads (UTC+7, one time zone, no daylight saving time), and the one format for dates and times
//! shown to people (`dd/mm/yyyy`, `dd/mm/yyyy HH:MM`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset, Utc};

/// Vietnam's offset from UTC in seconds.
pub const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

/// The shown date format.
pub const DATE_FORMAT: &str = "%d/%m/%Y";
/// The shown date-and-time format.
pub const DATE_TIME_FORMAT: &str = "%d/%m/%Y %H:%M";

fn offset() -> FixedOffset {
    // 7 h is within ±24 h, so the fallback (UTC) is never taken.
    FixedOffset::east_opt(VIETNAM_OFFSET_SECONDS).unwrap_or(Utc.fix())
}

/// The instant in Vietnam time.
pub fn in_vietnam(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&offset())
}

/// The calendar date in Vietnam at the instant (what "today" means at a Vietnamese school).
pub fn vietnam_today(at: DateTime<Utc>) -> NaiveDate {
    in_vietnam(at).date_naive()
}

/// The local Vietnam date-time of a stored UTC `NaiveDateTime`.
pub fn vietnam_naive(utc: NaiveDateTime) -> NaiveDateTime {
    in_vietnam(utc.and_utc()).naive_local()
}

/// "dd/mm/yyyy HH:MM" in Vietnam time.
pub fn format_vietnam_date_time(at: DateTime<Utc>) -> String {
    in_vietnam(at).format(DATE_TIME_FORMAT).to_string()
}

/// "dd/mm/yyyy" of a calendar date.
pub fn format_date(date: NaiveDate) -> String {
    date.format(DATE_FORMAT).to_string()
}

/// An RFC 3339 timestamp in Vietnam time, when it parses.
pub fn parse_rfc3339_vietnam(rfc3339: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(rfc3339.trim()).ok().map(|t| t.with_timezone(&offset()))
}

/// The calendar date in Vietnam of an RFC 3339 timestamp.
pub fn vietnam_date_of_rfc3339(rfc3339: &str) -> Option<NaiveDate> {
    parse_rfc3339_vietnam(rfc3339).map(|t| t.date_naive())
}

/// "dd/mm/yyyy HH:MM" in Vietnam time of an RFC 3339 timestamp; other text as it is.
pub fn display_date_time(rfc3339: &str) -> String {
    parse_rfc3339_vietnam(rfc3339)
        .map(|t| t.format(DATE_TIME_FORMAT).to_string())
        .unwrap_or_else(|| rfc3339.to_string())
}

/// "dd/mm/yyyy" in Vietnam time of an RFC 3339 timestamp or a plain ISO date ("2026-05-31");
/// other text as it is.
pub fn display_date(text: &str) -> String {
    if let Some(t) = parse_rfc3339_vietnam(text) {
        return t.format(DATE_FORMAT).to_string();
    }
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map(format_date).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn today_is_the_vietnam_date() {
        // 17:30 UTC on 30 May is 00:30 on 31 May in Vietnam.
        assert_eq!(
            vietnam_today(utc("2025-05-30T17:30:00Z")),
            NaiveDate::from_ymd_opt(2025, 5, 31).unwrap_or_default()
        );
        assert_eq!(
            vietnam_today(utc("2025-05-30T16:59:59Z")),
            NaiveDate::from_ymd_opt(2025, 5, 30).unwrap_or_default()
        );
        assert_eq!(format_vietnam_date_time(utc("2025-05-30T17:30:00Z")), "31/05/2025 00:30");
    }

    #[test]
    fn shown_dates_and_times() {
        assert_eq!(display_date_time("2025-05-30T17:30:00Z"), "31/05/2025 00:30");
        assert_eq!(display_date_time("2025-05-31T08:05:00+07:00"), "31/05/2025 08:05");
        assert_eq!(display_date("2026-12-31T20:00:00Z"), "01/01/2027");
        assert_eq!(display_date("2026-05-31"), "31/05/2026");
        assert_eq!(display_date_time("không rõ"), "không rõ");
        let naive = utc("2026-01-01T20:15:00Z").naive_utc();
        assert_eq!(vietnam_naive(naive).format(DATE_TIME_FORMAT).to_string(), "02/01/2026 03:15");
    }
}
