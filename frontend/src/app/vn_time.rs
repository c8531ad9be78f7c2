//! Times from the server (RFC 3339) as Vietnamese users read them, in Vietnam time (UTC+7)
//! whatever the device's time zone: what a signature or a revocation shows must read the same
//! on every phone.

use chrono::{DateTime, FixedOffset};

/// Vietnam has one time zone and no daylight saving time.
const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

fn in_vietnam(rfc3339: &str) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(VIETNAM_OFFSET_SECONDS)?;
    DateTime::parse_from_rfc3339(rfc3339.trim()).ok().map(|t| t.with_timezone(&offset))
}

/// "dd/mm/yyyy HH:MM" in Vietnam time; other text as it is.
pub fn vn_date_time(rfc3339: &str) -> String {
    in_vietnam(rfc3339).map(|t| t.format("%d/%m/%Y %H:%M").to_string()).unwrap_or_else(|| rfc3339.to_string())
}

/// "dd/mm/yyyy" in Vietnam time; a plain ISO date ("2026-05-31") too; other text as it is.
pub fn vn_date(text: &str) -> String {
    if let Some(t) = in_vietnam(text) {
        return t.format("%d/%m/%Y").to_string();
    }
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_vietnam() {
        assert_eq!(vn_date_time("2025-05-30T17:30:00Z"), "31/05/2025 00:30");
        assert_eq!(vn_date_time("2025-05-31T08:05:00+07:00"), "31/05/2025 08:05");
        assert_eq!(vn_date("2026-12-31T20:00:00Z"), "01/01/2027");
        assert_eq!(vn_date("2026-05-31"), "31/05/2026");
        assert_eq!(vn_date_time("không rõ"), "không rõ");
    }
}
