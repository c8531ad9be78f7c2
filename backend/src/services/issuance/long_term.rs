//! The last step of every fully signed document: the validation data a receiver needs years later
//! without the network (PAdES B-LT: a DSS with the certificates of every signer and timestamp
//! authority and the CRLs of the school's CA and of the authority; those of other issuers, such as
//! an outside authority's CA, fetched from their CRL distribution points), then, with a timestamp
//! authority, a document timestamp over all of it (B-LTA).

use super::pdf_err;
use crate::error::AppError;
use crate::signing::tsa::Timestamper;
use hocba_pdf::ltv::make_long_term;
use hocba_pdf::PdfCache;

/// Adds the DSS (certificates and `crls`, with the authority's own CRL and the fetched ones of other
/// issuers) and a document timestamp.
pub(super) fn finish(
    pdf: Vec<u8>,
    crls: &[Vec<u8>],
    tsa: Option<&Timestamper>,
    cache: &PdfCache,
) -> Result<Vec<u8>, AppError> {
    let mut crls = crls.to_vec();
    if let Some(tsa) = tsa {
        crls.extend(tsa.crls().map_err(pdf_err)?);
    }
    let authority = tsa.map(|t| (t as &dyn hocba_pdf::tsa::TimestampAuthority, t.reserve()));
    let source = crate::signing::crl_fetch::CrlCache::shared();
    make_long_term(&pdf, &crls, Some(source), authority, cache).map_err(pdf_err)
}
