//! Signing a document's roles in order, used both when a document is issued and when a USB token's
//! signature arrives (`hocba sign`): software keys sign at once; the first signer whose key is on a
//! token gets a placeholder and the document waits for them.

use super::{appearance, pdf_err};
use crate::error::AppError;
use crate::signing::tsa::Timestamper;
use crate::signing::Signer;
use chrono::{DateTime, Utc};
use hocba_core::api::documents::SignerRole;
use hocba_core::messages as msg;
use hocba_pdf::{field_name, prepare, sign_with, Rect, SignatureBox, SignatureRequest, SIGNATURE_RESERVE};

/// What every signature of a document says besides its signer.
pub(super) struct Context<'a> {
    /// The school year of a yearly record (in the reason).
    pub school_year: Option<&'a str>,
    /// The school's commune (`/Location`), empty for none.
    pub commune: &'a str,
    /// Where each role's visible signature goes.
    pub boxes: &'a [SignatureBox],
    /// The document's XML: the seal also signs it (detached).
    pub xml: &'a str,
    pub at: DateTime<Utc>,
    /// The timestamp authority, when one is configured (PAdES B-T, and B-LTA once all signed).
    pub tsa: Option<&'a Timestamper>,
    /// The CRLs of the school's own CAs, embedded once every role has signed.
    pub crls: &'a [Vec<u8>],
    /// The renderer's cache (its fonts for the appearances, hash states of the document).
    pub cache: &'a hocba_pdf::PdfCache,
}

/// What [`sign_roles`] did.
pub(super) struct Outcome {
    pub pdf: Vec<u8>,
    /// The roles signed now, in order.
    pub signed: Vec<SignerRole>,
    /// The role now waiting for a token, with the offset of its `/Contents` placeholder.
    pub pending: Option<(SignerRole, i64)>,
    /// The seal's detached signature of the XML, when the seal signed now.
    pub xml_signature: Option<Vec<u8>>,
}

/// Signs `pdf` for each role in order until one whose key is on a USB token: that one gets a
/// prepared placeholder and the rest wait. Once every role has signed, the validation data and
/// the document timestamp are added ([`super::long_term`]).
pub(super) fn sign_roles(
    mut pdf: Vec<u8>,
    signers: &[(SignerRole, Signer)],
    ctx: &Context<'_>,
) -> Result<Outcome, AppError> {
    let mut signed = Vec::new();
    let mut xml_signature = None;
    for (i, (role, signer)) in signers.iter().enumerate() {
        let holder = match signer {
            Signer::Software(id) => hocba_pdf::verify::holder_name(hocba_pdf::RawSigner::certificate(id)),
            Signer::Token { holder, .. } => holder.clone(),
        };
        let request = SignatureRequest {
            field_name: field_name(*role).to_string(),
            signer_name: holder.clone(),
            reason: msg::signing_reason(*role, ctx.school_year),
            location: Some(ctx.commune.to_string()).filter(|c| !c.trim().is_empty()),
            signing_time: ctx.at,
            placement: ctx.boxes.iter().copied().find(|b| b.role == *role),
            appearance: appearance(*role, &holder, ctx.at),
            reserve: ctx.tsa.map_or(SIGNATURE_RESERVE, Timestamper::reserve),
            // The first signature certifies the document and makes the later signers' fields.
            later_fields: signers[i + 1..]
                .iter()
                .map(|(r, _)| (field_name(*r).to_string(), ctx.boxes.iter().copied().find(|b| b.role == *r)))
                .collect(),
        };
        match signer {
            Signer::Software(id) => {
                pdf = match ctx.tsa {
                    Some(tsa) => hocba_pdf::tsa::sign_with_timestamp(&pdf, id, &request, tsa, ctx.cache),
                    None => sign_with(&pdf, id, &request, ctx.cache),
                }
                .map_err(pdf_err)?;
                signed.push(*role);
                if *role == SignerRole::Seal {
                    // CAdES-B-T with an authority: the time of the XML's signature is proved too.
                    let tsa = ctx.tsa.map(|t| t as &dyn hocba_pdf::tsa::TimestampAuthority);
                    xml_signature =
                        Some(hocba_pdf::cms::sign_detached(ctx.xml.as_bytes(), id, ctx.at, tsa).map_err(pdf_err)?);
                }
            }
            Signer::Token { .. } => {
                let prepared = prepare(&pdf, &request, ctx.cache).map_err(pdf_err)?;
                let at = i64::try_from(prepared.contents_at).unwrap_or(i64::MAX);
                return Ok(Outcome { pdf: prepared.pdf, signed, pending: Some((*role, at)), xml_signature });
            }
        }
    }
    let pdf = super::long_term::finish(pdf, ctx.crls, ctx.tsa, ctx.cache)?;
    Ok(Outcome { pdf, signed, pending: None, xml_signature })
}

/// The boxes as stored in `issued_documents.signature_boxes`.
pub(super) fn boxes_json(boxes: &[SignatureBox]) -> String {
    let list: Vec<serde_json::Value> = boxes
        .iter()
        .map(|b| {
            serde_json::json!({"role": b.role.code(), "page": b.page, "x": b.rect.x, "y": b.rect.y,
                "width": b.rect.width, "height": b.rect.height})
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Reads `issued_documents.signature_boxes` back.
pub(super) fn parse_boxes(json: &str) -> Result<Vec<SignatureBox>, AppError> {
    let damaged = || AppError::Internal(anyhow::anyhow!("issued_documents.signature_boxes is damaged"));
    let value: serde_json::Value = serde_json::from_str(json).map_err(|_| damaged())?;
    let list = value.as_array().ok_or_else(damaged)?;
    let number = |b: &serde_json::Value, key: &str| b[key].as_f64().map(|n| n as f32).ok_or_else(damaged);
    list.iter()
        .map(|b| {
            Ok(SignatureBox {
                role: b["role"].as_str().and_then(SignerRole::parse).ok_or_else(damaged)?,
                page: b["page"].as_u64().and_then(|p| usize::try_from(p).ok()).ok_or_else(damaged)?,
                rect: Rect {
                    x: number(b, "x")?,
                    y: number(b, "y")?,
                    width: number(b, "width")?,
                    height: number(b, "height")?,
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_round_trip_through_the_stored_json() {
        let boxes = vec![
            SignatureBox {
                role: SignerRole::Teacher,
                page: 0,
                rect: Rect { x: 40.5, y: 60.0, width: 160.0, height: 70.25 },
            },
            SignatureBox {
                role: SignerRole::Seal,
                page: 2,
                rect: Rect { x: 400.0, y: 60.0, width: 150.0, height: 70.0 },
            },
        ];
        assert_eq!(parse_boxes(&boxes_json(&boxes)).expect("parses"), boxes);
        assert!(parse_boxes("{}").is_err());
    }
}
