//! The revisions of a PDF (the original and each incremental update after it) and what each one
//! changed, as a receiver needs to know it: who signed in it, whether it only added validation data
//! or a document timestamp, or whether it changed the content (PDF 32000 §7.5.6; the levels follow
//! pyHanko's modification levels).

use super::{only_keys_differ, signature_fields};
use lopdf::{Document, Object};

/// What one revision did to the revision before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The first revision: the document as created.
    Created,
    /// A signature added in the named field (and its appearance).
    Signature(String),
    /// A document timestamp (PAdES B-LTA) in the named field.
    DocumentTimestamp(String),
    /// Validation data only: certificates and revocation lists in the DSS.
    ValidationData,
    /// Nothing any page or field shows (unreferenced objects, a repeated trailer).
    Nothing,
    /// Content, pages, fields or metadata changed.
    Other,
}

/// One revision: the byte offset where it ends (after its `%%EOF`) and what it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub end: usize,
    pub change: Change,
}

/// Every revision of `pdf`, oldest first; empty when its cross-reference chain cannot be followed.
pub fn revisions(pdf: &[u8]) -> Vec<Revision> {
    let ends = revision_ends(pdf);
    let mut out = Vec::with_capacity(ends.len());
    let mut previous: Option<Document> = None;
    // Revisions before the first signature (the rendered pages, then the attached files) are the
    // document as created.
    let mut signed = false;
    for end in ends {
        let Ok(current) = Document::load_mem(&pdf[..end]) else {
            out.push(Revision { end, change: if signed { Change::Other } else { Change::Created } });
            previous = None;
            continue;
        };
        let change = match &previous {
            None => Change::Created,
            Some(before) => change_between(before, &current),
        };
        let change = match change {
            Change::Other | Change::Nothing if !signed => Change::Created,
            change => change,
        };
        signed |= matches!(change, Change::Signature(_) | Change::DocumentTimestamp(_));
        out.push(Revision { end, change });
        previous = Some(current);
    }
    out
}

/// The offsets just after each revision's `%%EOF` (and its end-of-line), oldest first, found by
/// following the `/Prev` chain back from the last `startxref`: scanning for `%%EOF` would also find
/// those of PDFs embedded uncompressed (a hand-over's yearly records).
fn revision_ends(pdf: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let Some(mut xref) = last_startxref(pdf) else { return ends };
    let mut seen = Vec::new();
    loop {
        if seen.contains(&xref) || seen.len() > 256 || xref >= pdf.len() {
            return Vec::new();
        }
        seen.push(xref);
        let Some(end) = section_end(pdf, xref) else { return Vec::new() };
        ends.push(end);
        match prev_of(pdf, xref, end) {
            Some(prev) => xref = prev,
            None => break,
        }
    }
    ends.reverse();
    // The last revision ends where the file does (trailing whitespace included).
    if let Some(last) = ends.last_mut() {
        if pdf[*last..].iter().all(u8::is_ascii_whitespace) {
            *last = pdf.len();
        }
    }
    ends
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn integer_at(pdf: &[u8], mut at: usize) -> Option<usize> {
    while pdf.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    let digits = pdf[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    std::str::from_utf8(&pdf[at..at + digits]).ok()?.parse().ok()
}

fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let from = pdf.len().saturating_sub(1024);
    let at = pdf[from..].windows(9).rposition(|w| w == b"startxref")? + from + 9;
    integer_at(pdf, at)
}

/// The end of the revision whose cross-reference section starts at `xref`: after the first
/// `%%EOF` that follows it, with its end-of-line.
fn section_end(pdf: &[u8], xref: usize) -> Option<usize> {
    let startxref = find(pdf, b"startxref", xref)?;
    let mut end = find(pdf, b"%%EOF", startxref)? + 5;
    if pdf.get(end) == Some(&b'\r') {
        end += 1;
    }
    if pdf.get(end) == Some(&b'\n') {
        end += 1;
    }
    Some(end)
}

/// The `/Prev` of the trailer (or cross-reference stream dictionary) of the section at `xref`.
fn prev_of(pdf: &[u8], xref: usize, end: usize) -> Option<usize> {
    // A table's trailer follows the keyword `trailer`; a stream's dictionary precedes `stream`.
    let dictionary_end = match find(&pdf[..end], b"trailer", xref) {
        Some(_) => end,
        None => find(&pdf[..end], b"stream", xref).unwrap_or(end),
    };
    let at = find(&pdf[..dictionary_end], b"/Prev", xref)? + 5;
    integer_at(pdf, at)
}

/// What `after` changed in `before`. Changes allowed to a signed document (a signature or document
/// timestamp in a field, its widget on a page, validation data) are named; anything else is
/// [`Change::Other`].
fn change_between(before: &Document, after: &Document) -> Change {
    let signed_before: Vec<String> = signature_fields(before).into_iter().map(|(name, _)| name).collect();
    if super::only_signatures_added_between(before, after, signed_before.is_empty()).is_err() {
        return Change::Other;
    }
    let added: Vec<(String, bool)> = signature_fields(after)
        .into_iter()
        .filter(|(name, _)| !signed_before.contains(name))
        .map(|(name, sig)| {
            let timestamp = sig.get(b"SubFilter").and_then(Object::as_name).ok() == Some(b"ETSI.RFC3161".as_slice());
            (name, timestamp)
        })
        .collect();
    if let Some((name, _)) = added.iter().find(|(_, timestamp)| *timestamp) {
        return Change::DocumentTimestamp(name.clone());
    }
    if let Some((name, _)) = added.first() {
        return Change::Signature(name.clone());
    }
    let dss = |doc: &Document| {
        doc.catalog().ok().and_then(|c| c.get_deref(b"DSS", doc).ok().cloned()).map(|d| format!("{d:?}"))
    };
    if dss(before) != dss(after) || dss_objects_changed(before, after) {
        return Change::ValidationData;
    }
    let catalog = |doc: &Document| doc.catalog().ok().cloned();
    match (catalog(before), catalog(after)) {
        (Some(b), Some(a)) if a == b || only_keys_differ(&b, &a, &[b"DSS"]) => Change::Nothing,
        _ => Change::Other,
    }
}

/// A DSS kept in place whose arrays (objects of their own) gained items.
fn dss_objects_changed(before: &Document, after: &Document) -> bool {
    let Some(dss) = after.catalog().ok().and_then(|c| c.get_deref(b"DSS", after).ok()).and_then(|d| d.as_dict().ok())
    else {
        return false;
    };
    dss.iter().any(|(_, value)| match value {
        Object::Reference(id) => before.get_object(*id).ok() != after.get_object(*id).ok(),
        _ => false,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::attach::{attach, Attachment, Relationship};
    use crate::cache::PdfCache;
    use crate::certs::TestCa;
    use crate::ltv::{add_document_timestamp, add_dss, ValidationData};
    use crate::sign::{sign_with, SignatureRequest};
    use crate::test_pdf::blank_pdf;
    use crate::tsa::InProcess;
    use crate::update::Update;

    fn changes(pdf: &[u8]) -> Vec<Change> {
        revisions(pdf).into_iter().map(|r| r.change).collect()
    }

    #[test]
    fn each_revision_says_what_it_changed() {
        let cache = PdfCache::default();
        let ca = TestCa::create("Trường Tiểu học Pha Long").unwrap();
        let signer = ca.issue("Giàng Thị Mai", "Trường Tiểu học Pha Long", 30).unwrap();
        let tsa = InProcess(TestCa::create("hocba TSA").unwrap().issue_time_stamping("hocba TSA", 365).unwrap());
        // An embedded PDF (stored as is) carries its own %%EOF: it is not a revision of this one.
        let inner = blank_pdf();
        let file = Attachment {
            name: "nam-hoc.pdf".into(),
            mime: "application/pdf".into(),
            description: String::new(),
            relationship: Relationship::Source,
            data: inner,
            modified: chrono::Utc::now(),
        };
        let created = attach(&blank_pdf(), &[file]).unwrap();
        assert_eq!(changes(&created), vec![Change::Created, Change::Created]);

        let mut request = SignatureRequest::invisible("HieuTruong", "Hiệu trưởng", "Kí", chrono::Utc::now());
        request.reserve = crate::tsa::TIMESTAMPED_RESERVE;
        let signed = crate::tsa::sign_with_timestamp(&created, &signer, &request, &tsa, &cache).unwrap();
        let with_dss =
            add_dss(&signed, &ValidationData { certificates: Vec::new(), crls: vec![b"crl".to_vec()] }).unwrap();
        let stamped = add_document_timestamp(&with_dss, &tsa, 8192, &cache).unwrap();
        let all = revisions(&stamped);
        assert_eq!(
            all.iter().map(|r| r.change.clone()).collect::<Vec<_>>(),
            vec![
                Change::Created,
                Change::Created,
                Change::Signature("HieuTruong".into()),
                Change::ValidationData,
                Change::DocumentTimestamp("DauThoiGian1".into()),
            ]
        );
        assert_eq!(all[2].end, signed.len());
        assert_eq!(all[3].end, with_dss.len());
        assert_eq!(all.last().unwrap().end, stamped.len());

        // A later update that changes a page is a change of content.
        let mut update = Update::new(&stamped).unwrap();
        let page = update.page_id(0).unwrap();
        let mut dict = update.get_dictionary(page).unwrap();
        dict.set("Rotate", Object::Integer(90));
        update.set(page, Object::Dictionary(dict));
        let tampered = update.write(|_, _| Ok(())).unwrap();
        assert_eq!(changes(&tampered).last(), Some(&Change::Other));

        // A second signature is a signature again; not a PDF at all: no revisions.
        let second = sign_with(
            &stamped,
            &signer,
            &SignatureRequest::invisible("DauNhaTruong", "", "", chrono::Utc::now()),
            &cache,
        )
        .unwrap();
        assert_eq!(changes(&second).last(), Some(&Change::Signature("DauNhaTruong".into())));
        assert!(revisions(b"not a pdf").is_empty());
    }
}
