// The year end of a class: from the home page the teacher opens "Kết quả cuối năm", records days
// absent, a height typed with a comma ("132,5") and a weight for one pupil and saves it; a bad
// height is refused next to the height field; the suggested Học sinh Xuất sắc of an HTXS pupil is
// confirmed in one click. Then the class summary at cuối năm: the count tables, the Excel
// download, the period tabs. Screenshots at 1366 px and 360 px, without sideways page scroll.
// Last the principal reaches the year end from the review list: read only, except the decision
// for a CHT pupil, where the API's refusal of "được lên lớp" in grade 5 shows next to the choice.
// Usage: node yearend.mjs BASE_URL CLASS_ID PUPIL_ID HTXS_PUPIL_ID CHT_PUPIL_ID SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, classId, pupil, best, weak, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();

/** The page scrolls sideways by this many pixels (the table frames scroll on their own). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const pages = [];
try {
  const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await signIn(teacher, base, "gvcn5a");

  // The home page links each class to its year end and its summary.
  await teacher.getByRole("link", { name: "Bảng tổng hợp lớp 5A" }).waitFor();
  await teacher.getByRole("link", { name: "Kết quả cuối năm lớp 5A" }).click();
  await teacher.waitForURL((url) => url.pathname === `/lop/${classId}/cuoi-nam`);

  // One pupil's attendance, height and weight, saved with the pupil's own button.
  const card = teacher.locator(`li.ye-pupil[data-pupil="${pupil}"]`);
  await card.waitFor();
  const input = (field) => card.locator(`[data-field="${field}"] input`);
  await card.getByLabel("Số ngày nghỉ có phép").fill("2");
  await card.getByLabel("Số ngày nghỉ không phép").fill("1");
  await card.getByLabel("Chiều cao (cm)").fill("132,5");
  await card.getByLabel("Cân nặng (kg)").fill("30");
  const isPut = (r) => r.request().method() === "PUT" && r.url().endsWith(`/year-end/${pupil}`);
  let answer = teacher.waitForResponse(isPut);
  await card.getByRole("button", { name: /^Lưu/ }).click();
  let response = await answer;
  assert.equal(response.status(), 200, await response.text());
  const sent = JSON.parse(response.request().postData());
  assert.deepEqual(
    [sent.days_absent_excused, sent.days_absent_unexcused, sent.height_cm, sent.weight_kg, sent.base_version],
    [2, 1, 132.5, 30, 0],
  );
  await card.locator('[data-save-state="saved"]').waitFor();
  assert.equal(await input("height_cm").inputValue(), "132,5", "the stored height reads with a comma");

  // A height out of range: the server's refusal shows next to the height field (Enter submits).
  await input("height_cm").fill("300");
  answer = teacher.waitForResponse(isPut);
  await input("height_cm").press("Enter");
  response = await answer;
  assert.equal(response.status(), 422);
  assert.equal((await response.json()).error.field, "height_cm");
  const heightError = card.locator('[data-field="height_cm"] .field-error');
  await heightError.waitFor();
  assert.match(await heightError.textContent(), /Chiều cao phải từ 50 đến 200 cm/);
  assert.equal(await card.locator(".field-error").count(), 1, "only the height field shows the error");
  assert.equal(await input("height_cm").getAttribute("aria-invalid"), "true");
  assert.match(await input("height_cm").getAttribute("aria-describedby"), /height_cm-error/);
  await teacher.waitForFunction((id) => document.activeElement?.id === id, `ye-${pupil}-height_cm`);
  await card.scrollIntoViewIfNeeded();
  await teacher.screenshot({ path: `${shots}/year-end-1366.png` });

  // The HTXS pupil's suggested award, confirmed in one click.
  const bestCard = teacher.locator(`li.ye-pupil[data-pupil="${best}"]`);
  assert.equal(await bestCard.getAttribute("data-result"), "HTXS");
  const suggestion = bestCard.locator('[data-suggestion="hoc_sinh_xuat_sac"]');
  await suggestion.waitFor();
  answer = teacher.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/year-end/${best}/awards`));
  await suggestion.getByRole("button", { name: "Xác nhận khen thưởng" }).click();
  response = await answer;
  assert.equal(response.status(), 200, await response.text());
  const award = bestCard.locator('li[data-kind="hoc_sinh_xuat_sac"]');
  await award.waitFor();
  assert.match(await award.textContent(), /Học sinh Xuất sắc/);
  await suggestion.waitFor({ state: "detached" });
  assert.equal(await award.getByRole("button", { name: /^Xoá/ }).count(), 1, "the teacher may delete it");

  // On a phone the cards stack and the page does not scroll sideways.
  await teacher.setViewportSize({ width: 360, height: 740 });
  await bestCard.scrollIntoViewIfNeeded();
  let overflow = await sideways(teacher);
  assert.ok(overflow <= 0, `the year-end page scrolls sideways by ${overflow}px at 360px`);
  await teacher.screenshot({ path: `${shots}/year-end-360.png` });

  // The class summary at cuối năm, from the year-end page.
  await teacher.setViewportSize({ width: 1366, height: 768 });
  await teacher.getByRole("link", { name: "Bảng tổng hợp", exact: true }).click();
  await teacher.waitForURL((url) => url.pathname === `/lop/${classId}/tong-hop/cuoi_nam`);
  const subjects = teacher.locator('table[data-table="subjects"]');
  await subjects.waitFor();
  assert.ok((await subjects.locator('thead th[scope="colgroup"]').count()) >= 4, "level groups are headed");
  assert.ok((await subjects.locator('thead th[scope="col"]').count()) >= 9, "TS and Nữ columns are headed");
  const toan = subjects.locator('tr[data-subject="toan"]');
  assert.equal(await toan.locator('th[scope="row"]').textContent(), "Toán");
  const counts = (await toan.locator("td").allTextContents()).map(Number);
  assert.equal(counts.length, 8, "TS and Nữ for T, H, C and not assessed");
  const pupils = Number((await teacher.locator(".facts dd").first().textContent()).split(" ")[0]);
  assert.equal(counts[0] + counts[2] + counts[4] + counts[6], pupils, "every pupil is counted once in Toán");
  assert.ok(counts[1] <= counts[0] && counts[7] <= counts[6], "girls are among the total");
  await teacher.locator('table[data-table="scores"] tr[data-subject="toan"] td[data-field="average"]').waitFor();
  await teacher.locator('table[data-table="qualities"] th[scope="rowgroup"]').first().waitFor();
  const results = teacher.locator('table[data-table="results"]');
  const htxs = await results.locator("tr", { hasText: "Hoàn thành xuất sắc (HTXS)" }).locator("td").first().textContent();
  assert.ok(Number(htxs) >= 1, `HTXS pupils: ${htxs}`);
  const xuatSac = await results.locator("tr", { hasText: "Học sinh Xuất sắc" }).locator("td").first().textContent();
  assert.ok(Number(xuatSac) >= 1, `the confirmed award is counted: ${xuatSac}`);

  // The Excel download answers a workbook to the session cookie.
  const link = teacher.getByRole("link", { name: "Tải bảng tổng hợp (Excel)" });
  const href = await link.getAttribute("href");
  assert.equal(href, `/api/classes/${classId}/periods/cuoi_nam/summary.xlsx`);
  assert.equal(await link.getAttribute("download"), "");
  const file = await teacher.evaluate(async (href) => {
    const r = await fetch(href);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get("content-type"), magic: String.fromCharCode(bytes[0], bytes[1]) };
  }, href);
  assert.equal(file.status, 200);
  assert.match(file.type, /application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
  assert.equal(file.magic, "PK", "an XLSX is a zip file");
  await teacher.screenshot({ path: `${shots}/summary-1366.png` });

  // On a phone only the table frames scroll sideways, and they take the keyboard focus.
  await teacher.setViewportSize({ width: 360, height: 740 });
  const frame = teacher.locator('.table-wrap:has(table[data-table="scores"])');
  await frame.scrollIntoViewIfNeeded();
  overflow = await teacher.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `the summary page is ${overflow}px wide at 360px`);
  assert.ok(await frame.evaluate((el) => el.scrollWidth > el.clientWidth), "the scores table scrolls in its frame");
  assert.equal(await frame.getAttribute("tabindex"), "0");
  assert.equal(await frame.getAttribute("role"), "region");
  await teacher.screenshot({ path: `${shots}/summary-360.png` });

  // The tabs lead to the other periods; giữa học kì I has no year-end results.
  await teacher.getByRole("link", { name: "Giữa học kì I", exact: true }).click();
  await teacher.locator('section.summary-page[data-period="giua_hk1"] table[data-table="subjects"]').waitFor();
  assert.equal(await teacher.locator('table[data-table="results"]').count(), 0);

  // The principal opens the class's year end from the review list.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const principal = await context.newPage();
  principal.setDefaultTimeout(15000);
  pages.push(principal);
  await signIn(principal, base, "hieutruong");
  const item = principal.locator(`li.review-item[data-class="${classId}"]`).first();
  await item.getByRole("link", { name: "Bảng tổng hợp" }).waitFor();
  await item.getByRole("link", { name: "Kết quả cuối năm" }).click();
  await principal.waitForURL((url) => url.pathname === `/lop/${classId}/cuoi-nam`);
  await principal.locator('[data-banner="read-only"]').waitFor();
  const weakCard = principal.locator(`li.ye-pupil[data-pupil="${weak}"]`);
  await weakCard.waitFor();
  assert.equal(await weakCard.getAttribute("data-result"), "CHT");
  assert.equal(await principal.locator('form[data-form="year-end"]').count(), 0, "the principal does not write the extras");
  assert.equal(await principal.locator('button[data-action="confirm-award"]').count(), 0);
  const measured = principal.locator(`li.ye-pupil[data-pupil="${pupil}"] dd[data-field="height_cm"]`);
  assert.equal(await measured.textContent(), "132,5");
  // Grade 5 moves on only by completing primary school: the API refuses, the page says why.
  const choice = weakCard.getByLabel("Quyết định của hiệu trưởng");
  const isDecision = (r) => r.request().method() === "PUT" && r.url().endsWith(`/year-end/${weak}/decision`);
  await choice.selectOption("promote");
  answer = principal.waitForResponse(isDecision);
  await weakCard.getByRole("button", { name: "Lưu quyết định" }).click();
  response = await answer;
  assert.equal(response.status(), 422);
  const decisionError = weakCard.locator('[data-field="decision"] .field-error');
  await decisionError.waitFor();
  assert.match(await decisionError.textContent(), /lớp 5/);
  await choice.selectOption("repeat");
  answer = principal.waitForResponse(isDecision);
  await weakCard.getByRole("button", { name: "Lưu quyết định" }).click();
  response = await answer;
  assert.equal(response.status(), 200, await response.text());
  await principal.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent === "Chưa được lên lớp (ở lại lớp)",
    `li.ye-pupil[data-pupil="${weak}"] dd[data-field="completion"]`,
  );
  assert.equal(await decisionError.count(), 0);
  await weakCard.scrollIntoViewIfNeeded();
  await principal.screenshot({ path: `${shots}/year-end-principal-1366.png` });
  console.log("year-end scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-yearend-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
