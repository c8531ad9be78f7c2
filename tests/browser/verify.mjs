// Verifying a học bạ. A parent on a phone downloads the child's signed hand-over học bạ from the
// pupil page (a real PDF: "%PDF" with a /ByteRange). Then a visitor WITHOUT an account (a new
// browser context) opens /verify (the server's page) — no console error, no redirect to the login
// page — and chooses that file: authentic; a copy with one byte changed inside the
// signed bytes: modified (the demo's test certificates show the amber trial verdict, with the
// record year by year and the archive timestamp); the QR link /verify/<code> checks at once: authentic; the code typed
// into the form: authentic. Last the principal sees every signer ready on "Kí số" and revokes the
// hand-over học bạ with a reason (an empty reason is refused in the dialog); its QR link then shows
// it revoked, with the reason. Screenshots at 360 px (and 1366 px for the principal), without
// sideways page scroll.
// Usage: node verify.mjs BASE_URL PUPIL_ID SCREENSHOT_DIR
// PUPIL_ID: the demo parent's ("phuhuynh") child, with approved cuối năm years.
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, pupil, shots = "screenshots"] = process.argv.slice(2);
assert.ok(base && pupil, "usage: node verify.mjs BASE_URL PUPIL_ID SCREENSHOT_DIR");
mkdirSync(shots, { recursive: true });
const files = mkdtempSync(join(tmpdir(), "hocba-verify-"));

/** The page scrolls sideways by this many pixels. */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Where the signatures' /Contents holes are: bytes no signature covers. */
function holes(pdf) {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => [
    Number(m[1]) + Number(m[2]),
    Number(m[3]),
  ]);
}

/** A copy with one byte flipped near the middle of the file: inside the data of a stream (so the
 * file still parses as a PDF) and outside every signature's hole (so the signatures cover it). */
function tampered(pdf) {
  const text = pdf.toString("latin1");
  const gaps = holes(pdf);
  const inHole = (i) => gaps.some(([a, b]) => i >= a && i < b);
  const middle = pdf.length / 2;
  let best = -1;
  for (const m of text.matchAll(/stream\r?\n/g)) {
    if (text.slice(m.index - 3, m.index) === "end") continue;
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0 || end - start < 32) continue;
    const at = Math.floor((start + end) / 2);
    if (inHole(at)) continue;
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  }
  if (best < 0) best = Math.floor(middle);
  assert.ok(!inHole(best), "the flipped byte is signed");
  const copy = Buffer.from(pdf);
  copy[best] ^= 0x5a;
  return copy;
}

const browser = await launch();
const pages = [];
try {
  // ---- The parent downloads the hand-over học bạ ----
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const parent = await parentContext.newPage();
  parent.setDefaultTimeout(30000);
  pages.push(parent);
  await signIn(parent, base, "phuhuynh");
  await parent.goto(`${base}/hoc-sinh/${pupil}`);
  const handOver = parent.getByTestId("download-hand-over");
  await handOver.waitFor();
  // Each approved year has its own download.
  assert.ok(await parent.locator('[data-testid^="download-year-"]').count() >= 1, "a download per approved year");
  const [download] = await Promise.all([parent.waitForEvent("download", { timeout: 60000 }), handOver.click()]);
  const original = join(files, download.suggestedFilename() || "hoc-ba.pdf");
  await download.saveAs(original);
  assert.match(download.suggestedFilename(), /^hoc-ba-giang-thi-my.*\.pdf$/, `the child's name in the file name: ${download.suggestedFilename()}`);
  const pdf = readFileSync(original);
  assert.equal(pdf.subarray(0, 4).toString("latin1"), "%PDF", "a PDF file");
  assert.ok(pdf.includes("/ByteRange"), "a signed PDF (/ByteRange)");
  assert.ok(holes(pdf).length >= 1, "at least one signature");
  assert.equal(await parent.locator(".download-error").count(), 0, "no refusal shown");

  // The issued documents: the hand-over học bạ with its code (the QR code's).
  const answer = await parentContext.request.get(`${base}/api/pupils/${pupil}/documents`);
  assert.equal(answer.status(), 200, await answer.text());
  const documents = await answer.json();
  const issued = documents.find((d) => d.kind === "hand_over" && !d.revoked_at);
  assert.ok(issued, `a hand-over document is listed: ${JSON.stringify(documents)}`);
  assert.equal(await parent.locator('[data-action="revoke"]').count(), 0, "parents cannot revoke");
  assert.ok((await sideways(parent)) <= 1, "the pupil page does not scroll sideways at 360px");
  await parent.screenshot({ path: `${shots}/pupil-downloads-360.png` });

  // ---- A visitor without an account ----
  const visitorContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const visitor = await visitorContext.newPage();
  visitor.setDefaultTimeout(30000);
  // A public page shows a visitor no error, in the page or in the console (no 401 from asking who
  // is signed in, no missing icon).
  const consoleErrors = [];
  visitor.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  visitor.on("pageerror", (e) => consoleErrors.push(String(e)));
  pages.push(visitor);
  const verdict = visitor.getByTestId("verify-verdict");
  // The server renders each verdict: wait for the page that shows one.
  const expectVerdict = async (expected) => {
    await visitor.waitForLoadState();
    await visitor.waitForFunction(
      (v) => document.querySelector('[data-testid="verify-verdict"]')?.dataset.verdict === v,
      expected,
    ).catch(async (e) => {
      const shown = await verdict.getAttribute("data-verdict").catch(() => "none");
      throw new Error(`expected verdict ${expected}, the page shows ${shown}: ${e.message}`);
    });
  };
  await visitor.goto(`${base}/verify`);
  await visitor.getByTestId("verify-file").waitFor();
  assert.deepEqual(consoleErrors, [], "no console error on the public /verify page");
  assert.equal(new URL(visitor.url()).pathname, "/verify", "a public page: no redirect to the login page");
  await visitor.getByLabel("Chọn tệp PDF học bạ").waitFor();
  await visitor.getByLabel("Nhập mã kiểm tra in trên học bạ").waitFor();

  // The original file: choosing it sends the form (a plain multipart form; pages.js submits it
  // on choice).
  let sent = visitor.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/verify");
  await visitor.getByTestId("verify-file").setInputFiles(original);
  let response = await sent;
  assert.equal(response.status(), 200);
  assert.match(response.request().headers()["content-type"], /^multipart\/form-data; boundary=/);
  await expectVerdict("authentic");
  // The demo signs with test certificates: an amber trial verdict, never the green original.
  assert.equal(await verdict.getAttribute("data-test-certificate"), "true");
  assert.match(await verdict.textContent(), /Chứng thư thử nghiệm — không có giá trị pháp lí/);
  assert.doesNotMatch(await verdict.textContent(), /Bản gốc/);
  const amber = await verdict.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(amber, "rgb(255, 246, 214)", "the trial verdict is amber");
  // The record it vouches for, year by year.
  const record = visitor.getByTestId("verify-record");
  await record.waitFor();
  assert.ok(await record.locator(".record-year").count() >= 1, "a section per year");
  assert.ok(await record.locator('tr[data-subject] td[data-field="level"]').count() >= 5, "subjects with levels");
  await visitor.locator('.verify-facts [data-field="archived_at"]').waitFor();
  await visitor.locator('.verify-facts [data-field="code"]').waitFor();
  assert.match(await visitor.locator(".verify-facts").textContent(), new RegExp(issued.code));
  assert.ok(await visitor.locator('.signature[data-valid="true"]').count() >= 1, "the signers are listed as valid");
  assert.equal(await visitor.locator('.verify-signatures .signature[data-valid="false"]').count(), 0);
  assert.ok((await sideways(visitor)) <= 1, "the verify page does not scroll sideways at 360px");
  await visitor.screenshot({ path: `${shots}/verify-authentic-360.png`, fullPage: true });

  // A copy with one byte changed.
  const changed = join(files, "hoc-ba-da-sua.pdf");
  writeFileSync(changed, tampered(pdf));
  sent = visitor.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/verify");
  await visitor.getByTestId("verify-file").setInputFiles(changed);
  response = await sent;
  assert.equal(response.status(), 200);
  await expectVerdict("modified");
  await visitor.screenshot({ path: `${shots}/verify-modified-360.png` });

  // The QR link checks at once.
  await visitor.goto(`${base}/verify/${issued.code}`);
  await expectVerdict("authentic");
  assert.equal(new URL(visitor.url()).pathname, `/verify/${issued.code}`, "no redirect to the login page");
  assert.equal(await visitor.getByTestId("verify-code").inputValue(), issued.code, "the code shows in the field");

  // The code typed by hand (lowercase, without dashes, as people type it).
  await visitor.goto(`${base}/verify`);
  await visitor.getByTestId("verify-code").fill(issued.code.replaceAll("-", " ").toLowerCase());
  await visitor.getByRole("button", { name: "Kiểm tra mã" }).click();
  await visitor.waitForURL((url) => url.pathname.startsWith("/verify/"));
  await expectVerdict("authentic");
  // A malformed code is refused next to the field.
  await visitor.getByTestId("verify-code").fill("12");
  await visitor.getByRole("button", { name: "Kiểm tra mã" }).click();
  await visitor.waitForURL(`${base}/verify/12`);
  await visitor.locator("#verify-code-error").waitFor();
  assert.equal(await visitor.getByTestId("verify-code").getAttribute("aria-invalid"), "true");

  // ---- The principal: signing readiness, then revoking the hand-over học bạ ----
  const principal = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  principal.setDefaultTimeout(30000);
  pages.push(principal);
  await signIn(principal, base, "hieutruong");
  await principal.getByRole("link", { name: "Kí số" }).click();
  await principal.waitForURL((url) => url.pathname === "/ky-so");
  const signers = principal.locator("table.signing-readiness tbody tr");
  await signers.first().waitFor();
  for (const role of ["teacher", "principal", "seal"]) {
    assert.ok(await principal.locator(`tr[data-role="${role}"]`).count() >= 1, `a ${role} row`);
  }
  assert.equal(await principal.locator('tr[data-role="principal"]').first().getAttribute("data-status"), "ready");
  await principal.screenshot({ path: `${shots}/signing-1366.png` });
  await principal.goto(`${base}/hoc-sinh/${pupil}`);
  const row = principal.locator(`li.issued-document[data-code="${issued.code}"]`);
  await row.waitFor();
  await row.getByRole("button", { name: /^Thu hồi/ }).click();
  const dialog = principal.locator(".revoke-dialog");
  await dialog.getByRole("button", { name: "Thu hồi", exact: true }).click();
  await dialog.locator('[data-field="reason"] .field-error').waitFor();
  await dialog.getByLabel("Lí do thu hồi").fill("Cấp nhầm, thông tin chưa đúng.");
  const revoked = principal.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/revoke"));
  await dialog.getByRole("button", { name: "Thu hồi", exact: true }).click();
  assert.equal((await revoked).status(), 204);
  await principal.locator(`li.issued-document[data-code="${issued.code}"][data-revoked="true"]`).waitFor();
  await visitor.goto(`${base}/verify/${issued.code}`);
  await expectVerdict("revoked");
  assert.match(await verdict.textContent(), /Cấp nhầm, thông tin chưa đúng\./);
  await visitor.screenshot({ path: `${shots}/verify-revoked-360.png` });
  console.log("browser: verify passed");
} catch (e) {
  for (const [i, p] of pages.entries()) await p.screenshot({ path: `${shots}/verify-failure-${i}.png` }).catch(() => {});
  throw e;
} finally {
  await browser.close();
}
