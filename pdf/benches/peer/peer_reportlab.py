# From the peer baseline script of the hocba benchmark (peer_reportlab.py); changed only to sign at
# the same level as hocba when given a timestamp authority (--tsa: PAdES B-LTA, see sign()).
"""Peer baseline: the same five-year học bạ rendered with ReportLab (platypus) and signed with pyHanko.

This is what a school IT team in the Python world would reach for. hocba's own benchmark renders and signs
the same record (record-5y.json) and reports the ratio  peer median / hocba median, measured in one run.

Usage:  python3 peer_reportlab.py [record-5y.json] [--runs 30] [--font NotoSerif-Regular.ttf --bold NotoSerif-Bold.ttf]
        [--out peer.pdf] [--tsa http://127.0.0.1:PORT/]
With --tsa (hocba's test timestamp authority, which serves its CA at /ca.pem and its CRL at /crl), the
signature is PAdES B-LTA like hocba's: timestamped, validation data (certificates and CRLs) embedded,
then a document timestamp.
Needs:  pip install reportlab pyhanko pyhanko-certvalidator   (fonts: any TTF with Vietnamese coverage)
Prints: peer_generate_ms_median, peer_sign_ms_median, peer_total_ms_median, pages, bytes
"""
import argparse, datetime, io, json, statistics, time, unicodedata

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
]
LEVEL = {"T": "Hoàn thành tốt", "H": "Hoàn thành", "C": "Chưa hoàn thành"}
QLEVEL = {"T": "Tốt", "Đ": "Đạt", "C": "Cần cố gắng"}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def register_fonts(regular, bold):
    import os
    if not regular:
        regular, bold = next((r, b) for r, b in FONT_CANDIDATES if os.path.exists(r))
    pdfmetrics.registerFont(TTFont("Serif", regular))
    pdfmetrics.registerFont(TTFont("Serif-Bold", bold or regular))


def styles():
    base = ParagraphStyle("b", fontName="Serif", fontSize=10, leading=13)
    return {
        "body": base,
        "small": ParagraphStyle("s", parent=base, fontSize=8.5, leading=10.5),
        "h1": ParagraphStyle("h1", parent=base, fontName="Serif-Bold", fontSize=22, leading=28, alignment=1),
        "h2": ParagraphStyle("h2", parent=base, fontName="Serif-Bold", fontSize=12, leading=16, spaceBefore=6),
        "center": ParagraphStyle("c", parent=base, alignment=1),
        "bold": ParagraphStyle("bd", parent=base, fontName="Serif-Bold"),
    }


GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
])


def story(r, st):
    P = lambda text, s="body": Paragraph(nfc(text), st[s])
    out = [P(r["ministry"], "center"), Spacer(1, 60 * mm), P(r["title"], "h1"), Spacer(1, 20 * mm),
           P(f"Họ và tên học sinh: {r['pupil']['full_name']}", "bold"), P(f"Trường: {r['school']}"),
           P(f"{r['commune']} · {r['district']} · {r['province']}"), PageBreak()]
    p = r["pupil"]
    for label, key in [("Họ và tên", "full_name"), ("Giới tính", "gender"), ("Ngày sinh", "date_of_birth"),
                       ("Dân tộc", "ethnicity"), ("Quốc tịch", "nationality"), ("Nơi sinh", "place_of_birth"),
                       ("Quê quán", "home_town"), ("Nơi ở hiện nay", "address"), ("Họ và tên cha", "father"),
                       ("Họ và tên mẹ", "mother"), ("Mã định danh", "personal_id")]:
        out.append(P(f"{label}: {p[key]}"))
    out += [Spacer(1, 6 * mm), P("QUÁ TRÌNH HỌC TẬP", "h2")]
    rows = [[P(h, "bold") for h in ["Năm học", "Lớp", "Tên trường", "Số đăng bộ", "Ngày nhập học"]]]
    rows += [[P(h["school_year"]), P(h["class"]), P(h["school"]), P(h["registry_no"]), P(h["enrolled"])] for h in r["history"]]
    out += [Table(rows, colWidths=[25 * mm, 15 * mm, 75 * mm, 25 * mm, 30 * mm], style=GRID), PageBreak()]
    for y in r["years"]:
        out += [P(f"Họ và tên: {p['full_name']} — Lớp: {y['class']} — Năm học: {y['school_year']}", "bold"),
                P(f"Chiều cao: {y['height_cm']} cm · Cân nặng: {y['weight_kg']} kg · Nghỉ có phép: "
                  f"{y['absent_excused']} · Không phép: {y['absent_unexcused']}"),
                P("1. Các môn học và hoạt động giáo dục", "h2")]
        rows = [[P(h, "bold") for h in ["Môn học và hoạt động giáo dục", "Mức đạt được", "Điểm KTĐK", "Nhận xét"]]]
        rows += [[P(s["name"], "small"), P(LEVEL[s["level"]], "small"), P(str(s["score"] or ""), "small"),
                  P(s["comment"], "small")] for s in y["subjects"]]
        out += [Table(rows, colWidths=[48 * mm, 27 * mm, 17 * mm, 78 * mm], style=GRID, repeatRows=1)]
        for title, items in [("2. Những phẩm chất chủ yếu", y["qualities"]), ("3. Những năng lực cốt lõi", y["competencies"])]:
            rows = [[P(h, "bold") for h in ["", "Mức đạt được", "Nhận xét"]]]
            rows += [[P(q["name"], "small"), P(QLEVEL[q["level"]], "small"), P(q["comment"], "small")] for q in items]
            out += [P(title, "h2"), Table(rows, colWidths=[48 * mm, 27 * mm, 95 * mm], style=GRID, repeatRows=1)]
        out += [P("4. Đánh giá kết quả giáo dục: " + y["result"], "h2"), P("5. Khen thưởng", "h2")]
        out += [P(a) for a in y["awards"]]
        out += [P("6. " + y["completion"], "h2"), P(y["place_date"], "center"),
                Table([[P("Xác nhận của Hiệu trưởng", "bold"), P("Giáo viên chủ nhiệm", "bold")],
                       [P(r["principal"]), P(y["homeroom_teacher"])]], colWidths=[85 * mm, 85 * mm]),
                PageBreak()]
    return out


def render(r, st):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=nfc(f"Học bạ – {r['pupil']['full_name']}"),
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
    pages = []
    doc.build(story(r, st), onLaterPages=lambda c, d: pages.append(1), onFirstPage=lambda c, d: pages.append(1))
    return buf.getvalue(), len(pages)


def test_signer():
    """A signer (CA and leaf, ECDSA P-256) and the CA's current CRL (DER), with the CA certificate."""
    from pyhanko.sign import signers
    from pyhanko.keys import load_cert_from_pemder  # noqa: F401  (import check)
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test School CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                       encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Lò Văn Thắng")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    from asn1crypto import keys as akeys, x509 as ax509
    crl = (x509.CertificateRevocationListBuilder().issuer_name(ca_name).last_update(now)
           .next_update(now + datetime.timedelta(days=7)).sign(ca_key, hashes.SHA256()))
    signer = signers.SimpleSigner(
        signing_cert=ax509.Certificate.load(leaf.public_bytes(serialization.Encoding.DER)),
        signing_key=akeys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=None)
    return signer, ax509.Certificate.load(ca.public_bytes(serialization.Encoding.DER)), crl.public_bytes(serialization.Encoding.DER)


def long_term(url, ca, crl):
    """The timestamper and validation context of a PAdES B-LTA signature: hocba's test TSA at
    `url`, trusting the school's CA and the TSA's, with both CRLs and nothing fetched."""
    import urllib.request
    from asn1crypto import crl as acrl, pem, x509 as ax509
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko_certvalidator import ValidationContext
    base = url.rstrip("/")
    _, _, tsa_ca = pem.unarmor(urllib.request.urlopen(base + "/ca.pem").read())
    tsa_crl = urllib.request.urlopen(base + "/crl").read()
    context = ValidationContext(trust_roots=[ca, ax509.Certificate.load(tsa_ca)],
                                crls=[acrl.CertificateList.load(crl), acrl.CertificateList.load(tsa_crl)],
                                allow_fetching=False)
    return HTTPTimeStamper(url), context


def sign(pdf, signer, lta=None):
    """Two signatures, as hocba signs a hand-over: the principal's, then the school seal's (the test
    signer for both). With `lta`, both timestamped with validation info, the last with a document
    timestamp (PAdES B-LTA)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    for field, last in (("HieuTruong", False), ("DauNhaTruong", True)):
        if lta is None:
            meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES)
            timestamper = None
        else:
            timestamper, context = lta
            meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
                                                embed_validation_info=True, use_pades_lta=last,
                                                validation_context=context)
        out = io.BytesIO()
        signers.PdfSigner(meta, signer=signer, timestamper=timestamper).sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out, bytes_reserved=16384 if lta else 8192)
        pdf = out.getvalue()
    return pdf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("record", nargs="?", default=__file__.rsplit("/", 1)[0] + "/record-5y.json")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--font"), ap.add_argument("--bold"), ap.add_argument("--out"), ap.add_argument("--tsa")
    a = ap.parse_args()
    register_fonts(a.font, a.bold)
    r, st = json.load(open(a.record)), styles()
    signer, ca, crl = test_signer()
    lta = long_term(a.tsa, ca, crl) if a.tsa else None
    pdf, pages = render(r, st)
    signed = sign(pdf, signer, lta)  # warm-up
    gen, sig, tot = [], [], []
    for _ in range(a.runs):
        t0 = time.perf_counter(); pdf, pages = render(r, st)
        t1 = time.perf_counter(); signed = sign(pdf, signer, lta)
        t2 = time.perf_counter()
        gen.append((t1 - t0) * 1e3); sig.append((t2 - t1) * 1e3); tot.append((t2 - t0) * 1e3)
    if a.out:
        open(a.out, "wb").write(signed)
    print(f"pages={pages} bytes={len(signed)} runs={a.runs} level={'PAdES-B-LTA' if lta else 'PAdES-B-B'}")
    print(f"peer_generate_ms_median={statistics.median(gen):.2f}")
    print(f"peer_sign_ms_median={statistics.median(sig):.2f}")
    print(f"peer_total_ms_median={statistics.median(tot):.2f}")


if __name__ == "__main__":
    main()
