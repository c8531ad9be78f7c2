//! A one-page blank PDF for the crate's unit tests.

use lopdf::{dictionary, Document, Object};

/// One empty A4 page, saved by lopdf (a cross-reference table, one revision).
pub(crate) fn blank_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let media_box: Vec<Object> = vec![0.into(), 0.into(), 595.into(), 842.into()];
    let page_id = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "MediaBox" => media_box});
    let kids: Vec<Object> = vec![page_id.into()];
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => 1}));
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("a blank PDF");
    out
}
