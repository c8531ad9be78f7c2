// The principal reviews a class record pupil by pupil: from the review list ("Xem và duyệt") to
// the review screen of 5A giữa HK I, the first pupil's page (laid out like the học bạ page), → twice
// to the third pupil, a comment for that pupil (arrows typed in the comment box stay there),
// ← back to the second pupil, the list marking the pupil with a comment, the page at 1366 and
// 360 px without sideways scroll, then "Trả lại" with a class comment, confirmed in a dialog (a
// first cancel keeps everything): the review list shows the record returned. The homeroom teacher's grid then shows the pupil's comment under the pupil's
// name and the returned banner.
// Usage: node review.mjs BASE_URL CLASS_ID FIRST_NAME SECOND_NAME THIRD_ID THIRD_NAME SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, classId, firstName, secondName, thirdId, thirdName, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const pupilComment = "Nhận xét môn Toán chưa khớp với điểm kiểm tra, đề nghị xem lại.";
const classComment = "Đề nghị cô kiểm tra lại nhận xét của các em được ghi chú.";

const browser = await launch();

const shownName = (page) => page.locator('[data-testid="review-pupil-name"]');

async function expectPupil(page, name) {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="review-pupil-name"]')?.textContent === n,
    name,
  );
}

const pages = [];
try {
  const principal = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  principal.setDefaultTimeout(15000);
  pages.push(principal);
  await signIn(principal, base, "hieutruong");
  await principal.goto(`${base}/duyet`);
  const card = principal.locator(`#review-${classId}-giua_hk1`);
  await card.waitFor();
  assert.equal(await card.getAttribute("data-status"), "submitted");
  await card.getByRole("link", { name: "Xem và duyệt" }).click();
  await principal.waitForURL((url) => url.pathname === `/duyet/${classId}/giua_hk1`);

  // The first pupil's page: header, the subjects with levels, scores and comments, the qualities
  // and the competences.
  await shownName(principal).waitFor();
  await expectPupil(principal, firstName);
  const page = principal.locator("article.review-pupil-page");
  assert.match(await page.textContent(), /5A/);
  assert.match(await page.textContent(), /Giữa học kì I/);
  const toan = page.locator('tr[data-subject="toan"]');
  assert.match(await toan.locator('[data-field="level"]').textContent(), /^[THC] \(/);
  assert.match(await toan.locator('[data-field="score"]').textContent(), /^\d+$/);
  await principal.getByRole("heading", { name: "1. Các môn học và hoạt động giáo dục" }).waitFor();
  await principal.getByRole("heading", { name: "2. Những phẩm chất chủ yếu" }).waitFor();
  await principal.getByRole("heading", { name: "3. Những năng lực cốt lõi" }).waitFor();
  const list = principal.locator("nav.review-pupils");
  assert.equal(await list.locator('button[aria-current="true"]').count(), 1);

  // → twice: the third pupil.
  await principal.keyboard.press("ArrowRight");
  await expectPupil(principal, secondName);
  await principal.keyboard.press("ArrowRight");
  await expectPupil(principal, thirdName);
  assert.equal(await list.locator(`button[data-pupil="${thirdId}"]`).getAttribute("aria-current"), "true");

  // A comment for that pupil; arrows typed in the box move the caret, not the page.
  const box = principal.locator("#review-pupil-comment");
  await box.fill(pupilComment);
  await principal.keyboard.press("ArrowLeft");
  await expectPupil(principal, thirdName);
  await box.evaluate((el) => el.blur());
  assert.equal(await list.locator(`button[data-pupil="${thirdId}"]`).getAttribute("data-has-comment"), "true");

  // ← : the second pupil, whose box is empty; the comment stays with the third.
  await principal.keyboard.press("ArrowLeft");
  await expectPupil(principal, secondName);
  assert.equal(await box.inputValue(), "");
  await principal.screenshot({ path: `${shots}/review-1366.png`, fullPage: true });

  // 360 px: no sideways page scroll; the pupil list becomes a select; tables scroll in frames.
  await principal.setViewportSize({ width: 360, height: 740 });
  await principal.locator(".review-pupil-select select").waitFor({ state: "visible" });
  const width = await principal.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the review page is ${width}px wide at 360px`);
  const frame = principal.locator(".table-frame").first();
  assert.ok(await frame.evaluate((el) => el.scrollWidth > el.clientWidth), "the subjects table scrolls in its frame");
  await principal.screenshot({ path: `${shots}/review-360.png`, fullPage: true });
  await principal.setViewportSize({ width: 1366, height: 768 });

  // "Duyệt" asks first; cancelled, nothing happens.
  await principal.locator('button[data-action="approve"]').click();
  const dialog = principal.locator("dialog.confirm-dialog");
  await dialog.waitFor();
  assert.match(await dialog.locator("#confirm-message").textContent(), /Duyệt hồ sơ lớp 5A \(Giữa học kì I\)\?/);
  await dialog.locator('button[data-action="cancel"]').click();
  await dialog.waitFor({ state: "detached" });
  assert.equal(new URL(principal.url()).pathname, `/duyet/${classId}/giua_hk1`);

  // Return with a class comment asks first: cancelled, nothing happens; confirmed, back on the
  // review list, the record returned.
  await principal.locator("#review-class-comment").fill(classComment);
  await principal.locator('button[data-action="return"]').click();
  const ask = principal.locator("dialog.confirm-dialog");
  await ask.waitFor();
  assert.match(await ask.locator("#confirm-message").textContent(), /Trả lại hồ sơ lớp 5A \(Giữa học kì I\)/);
  await ask.locator('button[data-action="cancel"]').click();
  await ask.waitFor({ state: "detached" });
  assert.equal(new URL(principal.url()).pathname, `/duyet/${classId}/giua_hk1`, "cancelled: still reviewing");
  assert.equal(await principal.locator("#review-class-comment").inputValue(), classComment, "the comment is kept");
  await principal.locator('button[data-action="return"]').click();
  await ask.waitFor();
  await ask.locator('button[data-action="confirm"]').click();
  await principal.waitForURL((url) => url.pathname === "/duyet");
  const done = principal.locator(".banner.ok");
  await done.waitFor();
  assert.match(await done.textContent(), /Đã trả lại học bạ lớp 5A/);
  await principal.waitForFunction(
    (id) => document.getElementById(id)?.getAttribute("data-status") === "returned",
    `review-${classId}-giua_hk1`,
  );

  // The teacher's grid: the pupil's comment under the name, the class comment and the banner.
  const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await signIn(teacher, base, "gvcn5a");
  await teacher.goto(`${base}/lop/${classId}/giua_hk1`);
  const note = teacher.locator(`[data-return-comment="${thirdId}"]`);
  await note.waitFor();
  assert.equal(await note.getAttribute("role"), "note");
  assert.match(await note.textContent(), new RegExp(pupilComment));
  assert.equal(await teacher.locator("[data-return-comment]").count(), 1);
  const row = teacher.locator(`tr[data-pupil="${thirdId}"]`);
  assert.equal(await row.locator("[data-return-comment]").count(), 1, "under the pupil's own name");
  await teacher.locator('[data-banner="returned"]').waitFor();
  assert.match(await teacher.locator(".status-note").textContent(), new RegExp(classComment));
  await teacher.screenshot({ path: `${shots}/review-returned-grid-1366.png` });
  console.log("review scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-review-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
