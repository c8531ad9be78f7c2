"""AdES validation of every signature of a PDF with pyHanko, as `pyhanko sign adesverify` does it
(trust roots given, revocation data required for every certificate, nothing fetched, incremental
update analysis), at a chosen validation time, with revocation lists a verifier would obtain at
that time (e.g. the timestamp authority's current CRL, for the last document timestamp).

Usage: ades_verify.py FILE.pdf --trust CA.pem [--trust …] [--at ISO8601] [--crl FILE.der …]
Prints `<field> <summary>` per signature; exits 0 only when every signature is valid.
"""

import argparse
import asyncio
import sys

from asn1crypto import crl as asn1_crl
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.misc import isoparse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.policy_decl import (
    LocalKnowledge,
    PdfSignatureValidationSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import (
    REQUIRE_REVINFO,
    CertRevTrustPolicy,
    FreshnessReqType,
)
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.revinfo.archival import CRLContainer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--trust", action="append", default=[])
    parser.add_argument("--at")
    parser.add_argument("--crl", action="append", default=[])
    args = parser.parse_args()

    roots = [load_cert_from_pemder(path) for path in args.trust]
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=roots),
        revinfo_policy=CertRevTrustPolicy(
            REQUIRE_REVINFO,
            freshness=None,
            freshness_req_type=FreshnessReqType.MAX_DIFF_REVOCATION_VALIDATION,
        ),
    )
    crls = []
    for path in args.crl:
        with open(path, "rb") as f:
            crls.append(CRLContainer(asn1_crl.CertificateList.load(f.read())))
    spec = PdfSignatureValidationSpec(
        signature_validation_spec=SignatureValidationSpec(
            cert_validation_policy=policy,
            local_knowledge=LocalKnowledge(known_crls=crls),
        ),
        diff_policy=DEFAULT_DIFF_POLICY,
    )
    if args.at:
        moment = isoparse(args.at)
        timing = ValidationTimingInfo(moment, moment, point_in_time_validation=True)
    else:
        timing = ValidationTimingInfo.now()

    with open(args.file, "rb") as f:
        reader = PdfFileReader(f)
        signatures = reader.embedded_regular_signatures
        ok = bool(signatures)
        for sig in signatures:
            result = asyncio.run(ades_lta_validation(sig, spec, timing_info=timing))
            status = result.api_status
            print(f"{sig.field_name} {status.summary()}")
            ok = ok and status.bottom_line
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
