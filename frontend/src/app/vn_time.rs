//! Times from the server (RFC 3339) as Vietnamese users read them, in Vietnam time (UTC+7)
//! whatever the device's time zone: what a signature or a revocation shows must read the same
//! on every phone. The rule lives in `hocba_core::time`.

/// "dd/mm/yyyy HH:MM" in Vietnam time; other text as it is.
pub fn vn_date_time(rfc3339: &str) -> String {
    hocba_core::time::display_date_time(rfc3339)
}

/// "dd/mm/yyyy" in Vietnam time; a plain ISO date ("2026-05-31") too; other text as it is.
pub fn vn_date(text: &str) -> String {
    hocba_core::time::display_date(text)
}
