"""Validates every signature of a PDF, and of every PDF attached to it, with pyHanko.

Usage: validate_pyhanko.py FILE.pdf CA.pem [CA.pem …]
Prints one line per signature: `<file> <field> <summary> ts=<timestamp>` where summary is pyHanko's,
e.g. `INTACT:TRUSTED,UNTOUCHED`, and ts is `none` or the timestamp token's validity (`INTACT:TRUSTED`),
and one per document timestamp: `<file> <field> document-timestamp intact=… trusted=…`;
exits 0 only when every signature is intact and trusted and every document timestamp intact (its
authority is trusted when its CA is given).
"""

import io
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext


def embedded_pdfs(reader):
    """(name, bytes) of the PDFs in the /EmbeddedFiles name tree (flat or with /Kids)."""
    names = reader.root.get("/Names")
    if names is None:
        return []
    tree = names.get_object().get("/EmbeddedFiles")
    if tree is None:
        return []
    out = []

    def walk(node):
        node = node.get_object()
        pairs = node.get("/Names")
        if pairs is not None:
            pairs = pairs.get_object()
            for i in range(0, len(pairs), 2):
                spec = pairs[i + 1].get_object()
                ef = spec["/EF"].get_object()
                stream = ef["/F"].get_object()
                data = stream.data
                if data.startswith(b"%PDF"):
                    out.append((str(spec.get("/UF", pairs[i])), data))
        for kid in node.get("/Kids", []):
            walk(kid)

    walk(tree)
    return out


def validate(name, data, context, depth=0):
    ok = True
    reader = PdfFileReader(io.BytesIO(data))
    signatures = reader.embedded_regular_signatures
    if not signatures:
        print(f"{name} - NO_SIGNATURE")
        return False
    for stamp in reader.embedded_timestamp_signatures:
        status = validate_pdf_timestamp(stamp, validation_context=context)
        print(f"{name} {stamp.field_name} document-timestamp intact={status.intact} trusted={status.trusted}")
        ok = ok and status.intact
    for sig in signatures:
        status = validate_pdf_signature(sig, context)
        ts = status.timestamp_validity
        ts_text = "none" if ts is None else ("INTACT" if ts.intact else "BROKEN") + (":TRUSTED" if ts.trusted else ":UNTRUSTED")
        print(f"{name} {sig.field_name} {status.summary()} ts={ts_text}")
        ok = ok and status.bottom_line
    if depth < 2:
        for inner_name, inner in embedded_pdfs(reader):
            ok = validate(f"{name}/{inner_name}", inner, context, depth + 1) and ok
    return ok


def main():
    path, ca_paths = sys.argv[1], sys.argv[2:]
    roots = [load_cert_from_pemder(ca) for ca in ca_paths]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    with open(path, "rb") as f:
        data = f.read()
    sys.exit(0 if validate(path.rsplit("/", 1)[-1], data, context) else 1)


if __name__ == "__main__":
    main()
