//! The one file of a `multipart/form-data` form (the verification page's PDF), read from the
//! whole body: enough for a form with a file field, without a streaming parser.

/// The boundary named by a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (name, value) = p.trim().split_once('=')?;
        name.trim().eq_ignore_ascii_case("boundary").then(|| value.trim().trim_matches('"').to_string())
    })
}

/// One part of a form: its field name, its file name (for a file), its bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Part<'a> {
    pub name: String,
    pub file_name: Option<String>,
    pub data: &'a [u8],
}

/// The parts of a body; `None` when it is not a well-formed multipart body.
pub fn parts<'a>(body: &'a [u8], boundary: &str) -> Option<Vec<Part<'a>>> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut at = find(body, &delimiter, 0)? + delimiter.len();
    let mut out = Vec::new();
    loop {
        if body[at..].starts_with(b"--") {
            return Some(out);
        }
        at += crlf(&body[at..])?;
        let headers_end = find(body, b"\r\n\r\n", at)?;
        let headers = std::str::from_utf8(&body[at..headers_end]).ok()?;
        let data_start = headers_end + 4;
        let next = find(body, &[b"\r\n".as_slice(), &delimiter].concat(), data_start)?;
        let disposition = headers
            .split("\r\n")
            .find_map(|h| h.split_once(':').filter(|(n, _)| n.trim().eq_ignore_ascii_case("content-disposition")))
            .map(|(_, v)| v)?;
        out.push(Part {
            name: parameter(disposition, "name")?,
            file_name: parameter(disposition, "filename"),
            data: &body[data_start..next],
        });
        at = next + 2 + delimiter.len();
    }
}

fn crlf(rest: &[u8]) -> Option<usize> {
    rest.starts_with(b"\r\n").then_some(2)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// `name="value"` of a `Content-Disposition` header.
fn parameter(header: &str, wanted: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|p| {
        let (name, value) = p.trim().split_once('=')?;
        (name.trim() == wanted).then(|| value.trim().trim_matches('"').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_file_of_a_browser_form() {
        let ct = "multipart/form-data; boundary=----WebKitFormBoundaryAbC";
        let b = boundary(ct).unwrap_or_default();
        assert_eq!(b, "----WebKitFormBoundaryAbC");
        let body = [
            b"------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hoc ba.pdf\"\r\n\
              Content-Type: application/pdf\r\n\r\n"
                .as_slice(),
            b"%PDF-1.7\r\n\x00\xff binary\r\n--not the boundary\r\n%%EOF",
            b"\r\n------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n------WebKitFormBoundaryAbC--\r\n",
        ]
        .concat();
        let parts = parts(&body, &b).unwrap_or_default();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "file");
        assert_eq!(parts[0].file_name.as_deref(), Some("hoc ba.pdf"));
        assert_eq!(parts[0].data, b"%PDF-1.7\r\n\x00\xff binary\r\n--not the boundary\r\n%%EOF");
        assert_eq!(parts[1].data, b"1");
    }

    #[test]
    fn refuses_what_is_not_multipart() {
        assert_eq!(boundary("application/json"), None);
        assert!(parts(b"garbage", "x").is_none());
        assert!(parts(b"--x\r\nno headers end", "x").is_none());
    }
}
