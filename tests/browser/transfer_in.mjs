// A transfer in, in a real browser, on the receiving school's server. The principal opens the
// admin page of a pupil who arrived from another school and imports the old school's signed
// hand-over học bạ: refused (role="alert") while that school's CA is not trusted. On "Kí số" the
// principal pastes something that is not a certificate (refused next to the field), then the old
// school's CA: it is listed with its SHA-256 fingerprint in groups of four. The import then
// succeeds ("Đã nhập N năm học.", one read-only row per year, 3 valid signatures each); importing
// one of those yearly records again is refused (409 year_exists). A second pupil's year is imported
// from the XML and its .p7s. On a phone (360 px) the pupil page marks each imported year "Học ở …
// — nhập từ học bạ đã kí số" and offers no download of the other school's yearly record; no page
// scrolls sideways.
// Usage: node transfer_in.mjs BASE_URL PUPIL_PDF PUPIL_XML HAND_OVER_PDF YEARLY_RECORD_PDF RECORD_XML
//        RECORD_P7S CA_PEM YEARS FROM_SCHOOL SCREENSHOT_DIR
// PUPIL_PDF: transferred in, without imported years; HAND_OVER_PDF is its old school's hand-over
// and YEARLY_RECORD_PDF one of its yearly records (covered by the hand-over). PUPIL_XML:
// transferred in; RECORD_XML and RECORD_P7S are its old school's yearly record and signature.
// CA_PEM: the old school's CA (a file). YEARS: the hand-over's school years, comma separated.
// FROM_SCHOOL: the old school's name.
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";

const [base, pupilPdf, pupilXml, handOver, yearlyRecord, recordXml, recordP7s, caPem, yearList, fromSchool,
  shots = "screenshots"] = process.argv.slice(2);
assert.ok(base && pupilPdf && pupilXml && handOver && yearlyRecord && recordXml && recordP7s && caPem && yearList &&
  fromSchool, "usage: see the top of transfer_in.mjs");
mkdirSync(shots, { recursive: true });
const years = yearList.split(",");

/** The page scrolls sideways by this many pixels. */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The SHA-256 (lower-case hex) of the DER bytes of a PEM file's first certificate. */
function fingerprint(pem) {
  const block = pem.match(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/);
  assert.ok(block, "a PEM certificate");
  return createHash("sha256").update(Buffer.from(block[1].replace(/\s+/g, ""), "base64")).digest("hex");
}

/** The POST of an import, started by `action`. */
async function importing(page, action) {
  const answer = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith("/imported-years"),
    { timeout: 60000 },
  );
  await action();
  return answer;
}

const browser = await launch();
const pages = [];
try {
  const principal = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  principal.setDefaultTimeout(30000);
  pages.push(principal);
  await signIn(principal, base, "hieutruong");

  // ---- Not trusted yet: the old school's signatures are refused ----
  await principal.goto(`${base}/quan-tri/hoc-sinh/${pupilPdf}`);
  const section = principal.locator('[data-section="imported-years"]');
  await section.waitFor();
  await section.getByRole("heading", { name: "Năm học ở trường cũ" }).waitFor();
  await section.locator('[data-empty="imported-years"]').waitFor();
  const form = section.locator('form[data-form="import-years"]');
  assert.equal(await form.getAttribute("data-source-kind"), "pdf", "a signed PDF by default");
  const submit = form.getByRole("button", { name: "Nhập và kiểm tra chữ kí" });
  // Nothing chosen: asked for the file, nothing sent.
  await submit.click();
  await form.locator('[data-field="file"] .field-error').waitFor();
  await form.locator('input[data-file-input="file"]').setInputFiles(handOver);
  let response = await importing(principal, () => submit.click());
  assert.equal(response.status(), 422, await response.text());
  assert.equal(response.request().headers()["content-type"], "application/pdf");
  await form.getByRole("alert").filter({ hasText: /chưa tin cậy/ }).waitFor();
  assert.equal(await section.locator("tr[data-imported-year]").count(), 0, "nothing imported");
  await principal.screenshot({ path: `${shots}/transfer-in-untrusted-1366.png`, fullPage: true });

  // ---- The principal trusts the old school's CA ----
  await principal.goto(`${base}/ky-so`);
  const cas = principal.locator('[data-section="trusted-cas"]');
  await cas.waitFor();
  // The list may hold the school's own CA already; the old school's is not there yet.
  await cas.locator('tr[data-trusted-ca], [data-empty="trusted-cas"]').first().waitFor();
  const before = await cas.locator("tr[data-trusted-ca]").count();
  const pem = readFileSync(caPem, "utf8");
  const hex = fingerprint(pem);
  assert.equal(await cas.locator(`code[data-fingerprint="${hex}"]`).count(), 0, "not trusted yet");
  assert.match(await cas.locator('[data-banner="trust-ca-warning"]').textContent(),
    /đối chiếu mã vân tay với trường đó qua điện thoại/);
  const pemField = cas.getByLabel("Chứng thư CA (dạng PEM)");
  const add = cas.getByRole("button", { name: "Thêm CA" });
  await pemField.fill("not a certificate");
  await add.click();
  await cas.locator('[data-field="pem"] .field-error').waitFor();
  assert.equal(await pemField.getAttribute("aria-invalid"), "true");
  await pemField.fill(pem);
  await add.click();
  await cas.locator('[data-banner="ca-added"]').waitFor();
  assert.equal(await cas.locator("tr[data-trusted-ca]").count(), before + 1);
  const ca = cas.locator("tr[data-trusted-ca]").filter({ has: principal.locator(`code[data-fingerprint="${hex}"]`) });
  const shown = (await ca.locator("code.fingerprint").textContent()).trim();
  assert.match(shown, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/, `fingerprint in groups of four: ${shown}`);
  assert.equal(shown.replaceAll(" ", "").toLowerCase(), hex, "the SHA-256 of the certificate");
  assert.equal(await pemField.inputValue(), "", "the field is empty again");
  await principal.screenshot({ path: `${shots}/trusted-cas-1366.png`, fullPage: true });

  // ---- The hand-over: every year, read-only, with its verified signatures ----
  await principal.goto(`${base}/quan-tri/hoc-sinh/${pupilPdf}`);
  await form.waitFor();
  await form.locator('input[data-file-input="file"]').setInputFiles(handOver);
  response = await importing(principal, () => submit.click());
  assert.equal(response.status(), 201, await response.text());
  const done = form.locator('[data-banner="imported"]');
  await done.waitFor();
  assert.equal(await done.getAttribute("data-imported"), String(years.length));
  assert.equal((await done.textContent()).trim(), `Đã nhập ${years.length} năm học.`);
  const rows = section.locator("tr[data-imported-year]");
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.importedYear)), years);
  for (const row of await rows.all()) {
    assert.equal(await row.getAttribute("data-valid-signatures"), "3");
    assert.equal(await row.getAttribute("data-source-format"), "pdf");
    assert.ok((await row.locator('[data-field="from_school"]').textContent()).trim().length > 0, "the old school");
    assert.match((await row.locator('[data-field="source_code"]').textContent()).trim(),
      /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.match(await row.locator('[data-field="signatures"]').textContent(), /3 chữ kí số hợp lệ/);
  }
  assert.match(await section.locator('[data-banner="imported-read-only"]').textContent(),
    /Nhập từ học bạ đã kí số của trường cũ; không sửa được\./);
  // The signatures open under their summary.
  await rows.first().locator("summary").click();
  assert.equal(await rows.first().locator('.signature[data-valid="true"]').count(), 3);
  await principal.screenshot({ path: `${shots}/transfer-in-imported-1366.png`, fullPage: true });

  // A year already there: refused, nothing changes.
  await form.locator('input[data-file-input="file"]').setInputFiles(yearlyRecord);
  response = await importing(principal, () => submit.click());
  assert.equal(response.status(), 409, await response.text());
  await form.locator("[data-import-error] .form-error").waitFor();
  assert.equal(await rows.count(), years.length);
  assert.equal(await done.count(), 0, "no success banner for a refusal");

  // ---- The XML with its detached signature ----
  await principal.goto(`${base}/quan-tri/hoc-sinh/${pupilXml}`);
  await form.waitFor();
  await form.getByLabel("Tệp XML học bạ và tệp chữ kí (.p7s)").check();
  assert.equal(await form.getAttribute("data-source-kind"), "xml");
  await submit.click();
  await form.locator('[data-field="xml"] .field-error').waitFor();
  await form.locator('[data-field="signature_base64"] .field-error').waitFor();
  await form.locator('input[data-file-input="xml"]').setInputFiles(recordXml);
  await form.locator('input[data-file-input="signature_base64"]').setInputFiles(recordP7s);
  response = await importing(principal, () => submit.click());
  assert.equal(response.status(), 201, await response.text());
  assert.match(response.request().headers()["content-type"], /^application\/json/);
  const body = JSON.parse(response.request().postData());
  assert.ok(body.xml.startsWith("<?xml") || body.xml.startsWith("<"), "the XML as text");
  assert.deepEqual(Buffer.from(body.signature_base64, "base64"), readFileSync(recordP7s), "the .p7s in Base64");
  await form.locator('[data-banner="imported"][data-imported="1"]').waitFor();
  await section.locator('tr[data-imported-year][data-source-format="xml"]').waitFor();

  // ---- On a phone ----
  const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const phone = await phoneContext.newPage();
  phone.setDefaultTimeout(30000);
  pages.push(phone);
  await signIn(phone, base, "hieutruong");
  await phone.goto(`${base}/quan-tri/hoc-sinh/${pupilPdf}`);
  await phone.locator("tr[data-imported-year]").first().waitFor();
  assert.ok((await sideways(phone)) <= 1, "the admin pupil page does not scroll sideways at 360px");
  await phone.locator('[data-section="imported-years"]').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: `${shots}/transfer-in-imported-360.png`, fullPage: true });
  await phone.goto(`${base}/ky-so`);
  await phone.locator(`code[data-fingerprint="${hex}"]`).waitFor();
  assert.ok((await sideways(phone)) <= 1, "the signing page does not scroll sideways at 360px");
  await phone.screenshot({ path: `${shots}/trusted-cas-360.png`, fullPage: true });
  await phone.goto(`${base}/hoc-sinh/${pupilPdf}`);
  const marks = phone.locator(".year-source");
  await marks.first().waitFor();
  assert.equal(await marks.count(), years.length, "every imported year is marked");
  for (const mark of await marks.all()) {
    const text = await mark.textContent();
    assert.ok(text.includes(`Học ở ${fromSchool} — nhập từ học bạ đã kí số`), text);
  }
  assert.equal(await phone.locator('[data-testid^="download-year-"]').count(), 0,
    "no download of another school's yearly record");
  assert.ok((await sideways(phone)) <= 1, "the pupil page does not scroll sideways at 360px");
  await phone.screenshot({ path: `${shots}/pupil-imported-years-360.png`, fullPage: true });
  console.log("browser: transfer in passed");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/transfer-in-failure-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
