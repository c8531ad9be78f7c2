//! PostgreSQL's `COPY … FROM STDIN` text format: one line per row, fields separated by a tab,
//! `\N` for NULL, and backslash, tab, newline and carriage return escaped with a backslash.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// A value as one field of a text-format line.
pub trait CopyField {
    fn put(&self, out: &mut Vec<u8>);
}

impl CopyField for str {
    fn put(&self, out: &mut Vec<u8>) {
        let bytes = self.as_bytes();
        if !bytes.iter().any(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r')) {
            out.extend_from_slice(bytes);
            return;
        }
        for &b in bytes {
            match b {
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => out.push(b),
            }
        }
    }
}

impl CopyField for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.as_str().put(out);
    }
}

impl<T: CopyField> CopyField for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.put(out),
            None => out.extend_from_slice(b"\\N"),
        }
    }
}

impl CopyField for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(if *self { b't' } else { b'f' });
    }
}

impl CopyField for i16 {
    fn put(&self, out: &mut Vec<u8>) {
        push_int(out, i64::from(*self));
    }
}

impl CopyField for i32 {
    fn put(&self, out: &mut Vec<u8>) {
        push_int(out, i64::from(*self));
    }
}

impl CopyField for NaiveDate {
    fn put(&self, out: &mut Vec<u8>) {
        push_date(out, *self);
    }
}

/// `YYYY-MM-DD HH:MM:SS.ffffff` (the stored precision is the microsecond).
impl CopyField for NaiveDateTime {
    fn put(&self, out: &mut Vec<u8>) {
        push_date(out, self.date());
        out.push(b' ');
        push_padded(out, self.hour(), 2);
        out.push(b':');
        push_padded(out, self.minute(), 2);
        out.push(b':');
        push_padded(out, self.second(), 2);
        out.push(b'.');
        push_padded(out, self.nanosecond() / 1000 % 1_000_000, 6);
    }
}

fn push_date(out: &mut Vec<u8>, d: NaiveDate) {
    match u32::try_from(d.year()) {
        Ok(year) if year <= 9999 => push_padded(out, year, 4),
        // Outside what the text format writes plainly; never generated.
        _ => out.extend_from_slice(d.format("%Y").to_string().as_bytes()),
    }
    out.push(b'-');
    push_padded(out, d.month(), 2);
    out.push(b'-');
    push_padded(out, d.day(), 2);
}

/// `value` in decimal, left-padded with zeros to `width` digits.
fn push_padded(out: &mut Vec<u8>, value: u32, width: u32) {
    let mut div = 10u32.pow(width.saturating_sub(1));
    while div > 1 && value < div {
        out.push(b'0');
        div /= 10;
    }
    push_int(out, i64::from(value));
}

fn push_int(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    let mut n = value.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends one row: the fields (references to [`CopyField`]s) in order, tab-separated, ended by a
/// newline.
macro_rules! row {
    ($out:expr, $first:expr $(, $rest:expr)* $(,)?) => {{
        let out: &mut Vec<u8> = $out;
        $crate::services::synthetic::copy_text::CopyField::put($first, out);
        $(
            out.push(b'\t');
            $crate::services::synthetic::copy_text::CopyField::put($rest, out);
        )*
        out.push(b'\n');
    }};
}
pub(crate) use row;

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: &dyn Fn(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        v(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(text(&|o| "a\\b\tc\nd\re".put(o)), "a\\\\b\\tc\\nd\\re");
        assert_eq!(text(&|o| "Giàng Thị Mỷ".put(o)), "Giàng Thị Mỷ");
        // A literal backslash-N is text, not NULL.
        assert_eq!(text(&|o| "\\N".put(o)), "\\\\N");
        assert_eq!(text(&|o| None::<String>.put(o)), "\\N");
        assert_eq!(text(&|o| Some("x".to_string()).put(o)), "x");
    }

    #[test]
    fn numbers_dates_and_booleans() {
        assert_eq!(text(&|o| (-7i16).put(o)), "-7");
        assert_eq!(text(&|o| 0i32.put(o)), "0");
        assert_eq!(text(&|o| 1_234_567i32.put(o)), "1234567");
        assert_eq!(text(&|o| true.put(o)), "t");
        assert_eq!(text(&|o| false.put(o)), "f");
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
        assert_eq!(text(&|o| d.put(o)), "2026-03-05");
        let t = d.and_hms_micro_opt(7, 4, 9, 42).unwrap_or_default();
        assert_eq!(text(&|o| t.put(o)), "2026-03-05 07:04:09.000042");
    }

    #[test]
    fn a_row_is_tab_separated_and_ends_with_a_newline() {
        let mut out = Vec::new();
        row!(&mut out, "id\t1", &None::<i16>, &Some(9i16), &true);
        assert_eq!(String::from_utf8(out).unwrap_or_default(), "id\\t1\t\\N\t9\tt\n");
    }
}
