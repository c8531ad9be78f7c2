//! Dates in the browser: today (for the pupil checks and default dates) and times from the
//! server shown in the user's time zone.

use chrono::NaiveDate;
use hocba_core::people::{format_date_iso, format_date_vn, parse_iso_date};
use wasm_bindgen::JsValue;

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or(NaiveDate::MIN)
}

/// Today as `YYYY-MM-DD` (the value of a date input).
pub fn today_iso() -> String {
    format_date_iso(today())
}

/// An ISO date as Vietnamese users read it ("05/09/2019"); other text as it is.
pub fn date_text(iso: &str) -> String {
    parse_iso_date(iso).map(format_date_vn).unwrap_or_else(|| iso.to_string())
}

/// An RFC 3339 time from the server as local "dd/mm/yyyy hh:mm".
pub fn local_time(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    let ms = d.get_time();
    if ms.is_nan() {
        return rfc3339.to_string();
    }
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_read_day_first() {
        assert_eq!(date_text("2019-09-05"), "05/09/2019");
        assert_eq!(date_text("không rõ"), "không rõ");
    }
}
