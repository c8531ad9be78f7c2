// The year end of a class as one table: from the home page the teacher opens "Kết quả cuối
// năm"; the page of 30 pupils stays far shorter than the old 30 cards (18,400 px). The whole
// class's days absent, heights (typed with a comma, "132,5") and weights are typed from the
// keyboard only (arrows, Enter, Tab) and saved once, in one request; they are there after a
// reload. Two bad values are refused together: both cells are marked, listed, the first takes the
// focus, and nothing is saved. Focusing rows never changes their height. axe-core finds nothing
// critical or serious with refused cells shown. The suggested Học sinh Xuất sắc of an HTXS pupil is
// confirmed in the panel beside the table. Then the class summary at cuối năm: the count tables,
// the Excel download, the period tabs. Screenshots at 1366 px and 360 px, without sideways page
// scroll. Last the principal reaches the year end from the review list: read only, except the
// decision for a CHT pupil, where the API's refusal of "được lên lớp" in grade 5 shows next to
// the choice.
// Usage: node yearend.mjs BASE_URL CLASS_ID PUPIL_ID HTXS_PUPIL_ID CHT_PUPIL_ID SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import { expectNoSeriousViolations } from "./axe.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, classId, pupil, best, weak, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();

/** The page scrolls sideways by this many pixels (the table frames scroll on their own). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** What row `i` of the class gets: days with and without leave, height, weight (as typed). */
const typed = (i) => [String(i % 3), String(i % 2), `${120 + i},5`, String(25 + i)];
const fields = ["days_absent_excused", "days_absent_unexcused", "height_cm", "weight_kg"];

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

  // One table, one row per pupil; the page is a fraction of the old cards' 18,400 px.
  const table = teacher.locator('table[data-table="year-end"]');
  await table.waitFor();
  // The home page ran the grid's build; the link loaded the page again with the teacher's build.
  const started = await teacher.$$eval("script[src]", (els) => els.map((e) => e.getAttribute("src")));
  assert.ok(started.some((src) => src.startsWith("/boot_teacher.")), `teacher's build on the year end: ${started}`);
  const rows = table.locator("tbody tr");
  const count = await rows.count();
  assert.ok(count >= 30, `the demo 5A has 30 pupils, the table ${count} rows`);
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.pupil));
  const height = await teacher.evaluate(() => document.documentElement.scrollHeight);
  console.log(`year-end page height at 1366x768 with ${count} pupils: ${height}px`);
  assert.ok(height < 3000, `the year-end page is ${height}px tall`);
  const heights = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
  const before = await heights();

  // The whole class from the keyboard: → between cells, Enter down, ← back, Tab to the save.
  const cell = (i, field) => rows.nth(i).locator(`input.cell-input[data-field="${field}"]`);
  await cell(0, fields[0]).focus();
  for (let i = 0; i < count; i++) {
    const values = typed(i);
    for (let f = 0; f < 4; f++) {
      await teacher.keyboard.type(values[f]);
      if (f < 3) await teacher.keyboard.press("ArrowRight");
    }
    if (i + 1 < count) {
      await teacher.keyboard.press("Enter");
      for (let f = 0; f < 3; f++) await teacher.keyboard.press("ArrowLeft");
      const at = await teacher.evaluate(() => [document.activeElement?.closest("tr")?.dataset.pupil, document.activeElement?.dataset.field]);
      assert.deepEqual(at, [ids[i + 1], fields[0]], `row ${i + 1}: the focus is on the first cell`);
    }
  }
  assert.deepEqual(await heights(), before, "focusing rows changed no row's height");
  await teacher.locator('[data-save-state="changed"]').waitFor();
  // Leaving now would lose the typing: the page asks first.
  const asks = () =>
    teacher.evaluate(() => {
      const e = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    });
  assert.equal(await asks(), true, "leaving with unsaved values asks first");
  const isClassPut = (r) => r.method() === "PUT" && new URL(r.url()).pathname === `/api/classes/${classId}/year-end`;
  const puts = [];
  teacher.on("request", (r) => {
    if (r.method() === "PUT" && new URL(r.url()).pathname.includes("/year-end")) puts.push(r.url());
  });
  let answer = teacher.waitForResponse((r) => isClassPut(r.request()));
  await teacher.keyboard.press("Tab");
  assert.equal(await teacher.evaluate(() => document.activeElement?.dataset.action), "save-class");
  await teacher.keyboard.press("Enter");
  let response = await answer;
  assert.equal(response.status(), 200, await response.text());
  const sent = JSON.parse(response.request().postData());
  assert.equal(sent.rows.length, count, "every pupil in the one request");
  const first = sent.rows.find((r) => r.pupil_id === ids[1]).year_end;
  assert.deepEqual(
    [first.days_absent_excused, first.days_absent_unexcused, first.height_cm, first.weight_kg, first.base_version],
    [1, 1, 121.5, 26, 0],
  );
  await teacher.locator('[data-save-state="saved"]').waitFor();
  assert.equal(puts.length, 1, `one save request: ${puts}`);
  assert.equal(await asks(), false, "once saved the page leaves without asking");

  // After a reload every value is there, as typed.
  await teacher.reload();
  await table.waitFor();
  for (let i = 0; i < count; i++) {
    const values = typed(i);
    for (let f = 0; f < 4; f++) {
      assert.equal(await cell(i, fields[f]).inputValue(), values[f].replace(/,0$/, ""), `row ${i} ${fields[f]}`);
    }
  }

  // Two bad values (a height out of range, a weight with two decimals): both refused at once, both
  // cells marked and listed, the first focused; nothing is saved.
  await cell(0, "height_cm").focus();
  await teacher.keyboard.press("Control+a");
  await teacher.keyboard.type("300");
  await cell(2, "weight_kg").focus();
  await teacher.keyboard.press("Control+a");
  await teacher.keyboard.type("30,25");
  answer = teacher.waitForResponse((r) => isClassPut(r.request()));
  await teacher.getByRole("button", { name: "Lưu cả lớp" }).press("Enter");
  response = await answer;
  assert.equal(response.status(), 422);
  const refused = (await response.json()).error.errors.map((e) => [e.pupil_id, e.field]);
  assert.deepEqual(refused, [[ids[0], "height_cm"], [ids[2], "weight_kg"]]);
  for (const [i, field] of [[0, "height_cm"], [2, "weight_kg"]]) {
    const td = rows.nth(i).locator(`td.cell.invalid[data-field="${field}"]`);
    await td.waitFor();
    assert.equal(await cell(i, field).getAttribute("aria-invalid"), "true");
    assert.match(await cell(i, field).getAttribute("aria-describedby"), new RegExp(`${field}-error`));
  }
  assert.match(await rows.nth(0).locator(".cell-error").textContent(), /Chiều cao phải từ 50 đến 200 cm/);
  assert.equal(await teacher.locator(".ye-table td.cell.invalid").count(), 2, "only the two bad cells are marked");
  assert.equal(await teacher.locator(".ye-save-bar .submit-gaps li").count(), 2, "both are listed");
  await teacher.waitForFunction((id) => document.activeElement?.id === id, `ye-${ids[0]}-height_cm`);
  await teacher.locator('[data-save-state="invalid"]').waitFor();
  assert.deepEqual(await heights(), before, "marked cells changed no row's height");
  await expectNoSeriousViolations(teacher, "teacher: year end with refused cells");
  await teacher.screenshot({ path: `${shots}/year-end-1366.png` });
  await teacher.reload();
  await table.waitFor();
  assert.equal(await cell(0, "height_cm").inputValue(), "120,5", "the refused save wrote nothing");
  assert.equal(await cell(2, "weight_kg").inputValue(), "27", "the refused save wrote nothing");

  // The HTXS pupil's suggested award, confirmed in the panel beside the table.
  const bestRow = table.locator(`tr[data-pupil="${best}"]`);
  assert.equal(await bestRow.getAttribute("data-result"), "HTXS");
  await bestRow.locator('button[data-action="show-pupil"]').click();
  const panel = teacher.locator(`aside.ye-panel[data-pupil="${best}"]`);
  const suggestion = panel.locator('[data-suggestion="hoc_sinh_xuat_sac"]');
  await suggestion.waitFor();
  answer = teacher.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/year-end/${best}/awards`));
  await suggestion.getByRole("button", { name: "Xác nhận khen thưởng" }).click();
  response = await answer;
  assert.equal(response.status(), 200, await response.text());
  const award = panel.locator('li[data-kind="hoc_sinh_xuat_sac"]');
  await award.waitFor();
  assert.match(await award.textContent(), /Học sinh Xuất sắc/);
  await suggestion.waitFor({ state: "detached" });
  assert.equal(await award.getByRole("button", { name: /^Xoá/ }).count(), 1, "the teacher may delete it");
  assert.match(await bestRow.locator('td[data-field="awards"]').textContent(), /Học sinh Xuất sắc/);
  assert.deepEqual(await heights(), before, "the panel changed no row's height");

  // On a phone the panel goes under the table and the page does not scroll sideways.
  await teacher.setViewportSize({ width: 360, height: 740 });
  await panel.scrollIntoViewIfNeeded();
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
  const weakRow = principal.locator(`table[data-table="year-end"] tr[data-pupil="${weak}"]`);
  await weakRow.waitFor();
  assert.equal(await weakRow.getAttribute("data-result"), "CHT");
  assert.equal(await principal.locator("table[data-table=\"year-end\"] input").count(), 0, "the principal does not write the extras");
  assert.equal(await principal.locator('form[data-form="year-end-class"]').count(), 0);
  assert.equal(await principal.locator('button[data-action="confirm-award"]').count(), 0);
  const measured = principal.locator(`tr[data-pupil="${pupil}"] td[data-field="height_cm"]`);
  assert.equal((await measured.textContent()).trim(), typed(ids.indexOf(pupil))[2]);
  await weakRow.locator('button[data-action="show-pupil"]').click();
  const weakCard = principal.locator(`aside.ye-panel[data-pupil="${weak}"]`);
  await weakCard.waitFor();
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
    `aside.ye-panel[data-pupil="${weak}"] dd[data-field="completion"]`,
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
