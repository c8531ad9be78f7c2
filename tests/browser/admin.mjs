// The administrator in a real browser: imports a class list through the UI, first a bad file
// (the preview lists exactly its bad rows and offers no "apply"), then a good one (preview, apply),
// and visits the administration screens. A parent redeems a printed code on a phone.
// Usage: node admin.mjs BASE_URL CLASS_ID BAD_FILE GOOD_FILE GOOD_ROWS INVITE_CODE CHILD_ID SIBLING_ID SIBLING_NAME SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, classId, badFile, goodFile, goodRows, inviteCode, childId, siblingId, siblingName, shots = "screenshots"] =
  process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();

const pages = [];
try {
  const admin = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  admin.setDefaultTimeout(15000);
  pages.push(admin);
  await signIn(admin, base, "admin");
  // The header offers the administration to an admin.
  await admin.getByRole("link", { name: "Quản trị" }).first().click();
  await admin.waitForURL(/\/quan-tri$/);
  await admin.screenshot({ path: `${shots}/admin-overview.png` });

  // A bad file: the preview names exactly the bad rows, and nothing can be applied.
  await admin.goto(`${base}/quan-tri/lop/${classId}/nhap`);
  const input = admin.locator('input[type=file][data-import="roster"]');
  await input.setInputFiles(badFile);
  await admin.locator('[data-import-summary="problems"]').waitFor();
  const rows = await admin.locator("tr[data-problem]").evaluateAll((trs) => trs.map((tr) => tr.dataset.row));
  assert.deepEqual([...new Set(rows)], ["3", "5", "7"], `problem rows ${rows}`);
  assert.equal(await admin.locator('button[data-action="apply-import"]').count(), 0, "no apply for a bad file");
  const text = await admin.locator("table.problems").textContent();
  assert.match(text, /31\/02\/2017/, "the message quotes the bad date");
  await admin.screenshot({ path: `${shots}/admin-import-problems.png`, fullPage: true });

  // A good file: preview, then apply.
  await input.setInputFiles(goodFile);
  await admin.locator('[data-import-summary="preview"]').waitFor();
  assert.equal(await admin.locator('tr[data-import-row][data-action="create"]').count(), Number(goodRows));
  await admin.screenshot({ path: `${shots}/admin-import-preview.png`, fullPage: true });
  await admin.locator('button[data-action="apply-import"]').click();
  await admin.locator('[data-import-summary="applied"]').waitFor();
  assert.equal(await admin.locator('[data-import-summary="applied"]').getAttribute("data-created"), goodRows);

  // The other screens render with their data.
  await admin.goto(`${base}/quan-tri/can-bo`);
  await admin.getByText("gvcn5a").first().waitFor();
  await admin.screenshot({ path: `${shots}/admin-staff.png`, fullPage: true });
  await admin.goto(`${base}/quan-tri/hoc-sinh`);
  await admin.getByText("Giàng Thị Mỷ").first().waitFor();
  await admin.screenshot({ path: `${shots}/admin-pupils.png`, fullPage: true });
  await admin.goto(`${base}/quan-tri/nam-hoc`);
  await admin.getByText("5A").first().waitFor();
  await admin.screenshot({ path: `${shots}/admin-years.png`, fullPage: true });
  await admin.goto(`${base}/quan-tri/len-lop`);
  await admin.getByText("Giàng Thị Mỷ").first().waitFor();
  await admin.screenshot({ path: `${shots}/admin-rollover.png`, fullPage: true });

  // The new pupil form checks names in the browser with the engine's own Unicode data: a digit
  // is refused; a name typed decomposed (NFD, as some Vietnamese keyboards send it) is accepted.
  await admin.goto(`${base}/quan-tri/hoc-sinh/moi`);
  const fullName = admin.locator("#pupil-full_name");
  await fullName.fill("Lò Văn 2");
  await admin.locator('form[data-form="pupil"] button[type="submit"]').click();
  await admin.locator("#pupil-full_name-error").waitFor();
  await fullName.fill("Lò Văn Páo".normalize("NFD"));
  await fullName.press("Tab");
  await admin.locator("#pupil-full_name-error").waitFor({ state: "detached" });

  // One printed code for two siblings: the pupil's page finds the sibling by a name typed without diacritics.
  await admin.goto(`${base}/quan-tri/hoc-sinh/${childId}`);
  const search = admin.locator("input[data-sibling-search]");
  await search.fill(siblingName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase());
  await search.press("Enter");
  await admin.locator(`button[data-add-sibling="${siblingId}"]`).click();
  await admin.locator(`li[data-sibling="${siblingId}"]`).waitFor();
  await admin.locator('button[data-action="create-invite"]').click();
  const slip = admin.locator("[data-invite-slip]");
  await slip.waitFor();
  assert.match(await slip.locator("[data-code]").textContent(), /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.match(await slip.textContent(), new RegExp(siblingName), "the slip names the sibling");
  await admin.screenshot({ path: `${shots}/admin-invite-slip.png`, fullPage: true });
  // The slip's QR code opens the activation page with its code filled in.
  const slipCode = (await slip.locator("[data-code]").textContent()).trim();
  const qr = slip.locator("svg[data-qr]");
  assert.equal(await qr.getAttribute("data-qr"), `${base}/kich-hoat?ma=${slipCode}`);
  assert.ok((await qr.boundingBox()).width >= 100, "the QR code is large enough to scan");
  assert.ok((await qr.locator("path").getAttribute("d")).length > 500, "the QR code has modules");
  const scanned = await browser.newPage({ viewport: { width: 360, height: 740 } });
  pages.push(scanned);
  await scanned.goto(await qr.getAttribute("data-qr"));
  await scanned.waitForFunction(
    (code) => [...document.querySelectorAll("input")].some((i) => i.value === code),
    slipCode,
  );
  await scanned.close();

  // A parent with a printed code, on a phone: no sideways scroll, lands on the children list.
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
  phone.setDefaultTimeout(15000);
  pages.push(phone);
  await phone.goto(`${base}/kich-hoat`);
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `redeem page is ${wide}px wide at 360px`);
  await phone.locator('input[name="code"], input#redeem-code, input').first().fill(inviteCode.toLowerCase());
  await phone.getByLabel("Tên đăng nhập").fill("me.mai");
  await phone.getByLabel("Họ và tên").fill("Thào Thị Mai");
  const passwords = phone.locator('input[type="password"]');
  await passwords.nth(0).fill("matkhau123");
  await passwords.nth(1).fill("matkhau123");
  await phone.screenshot({ path: `${shots}/parent-redeem-360.png`, fullPage: true });
  await phone.locator('button[type="submit"]').click();
  await phone.waitForURL((url) => !url.pathname.startsWith("/kich-hoat"));
  await phone.getByText("Giàng Thị Mỷ").first().waitFor();
  console.log("admin scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-admin-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
