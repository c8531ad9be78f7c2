// Keyboard-first entry: the teacher fills a whole row with the keyboard only (typing replaces the
// selected cell, → moves on, Enter moves down), a phrase from the comment bank joins the teacher's
// words, rows keep their height, nothing typed is lost on → or closing the tab; the row saves by
// itself and its result is
// Hoàn thành xuất sắc; then a 3×4 block copied from a spreadsheet is pasted (three pupils: level,
// score and comment of Tiếng Việt and the level of Toán), and a pasted block with bad values
// marks those cells with the reason and saves nothing for them, the header counting the class's
// invalid cells. A comment of two lines (Shift+Enter) grows while edited without changing any
// row's height and comes back after a reload; a refused submit marks the empty cells it names
// (among them GAP_CELLS, emptied beforehand) and takes the focus to the first.
// Usage: node keyboard.mjs BASE_URL CLASS_ID ROW_PUPIL PASTE_PUPILS(3, comma-separated) BAD_PUPIL
//        MULTI_PUPIL GAP_CELLS(pupil|field, comma-separated) SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, classId, rowPupil, pastePupils, badPupil, multiPupil, gapCells, shots = "screenshots"] =
  process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();
const pages = [];
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(20000);
  pages.push(page);
  await signIn(page, base, "gvcn5a");
  await page.goto(`${base}/lop/${classId}/cuoi_nam`);
  const cell = (pupil, field) => page.locator(`.cell-input[data-pupil="${pupil}"][data-field="${field}"]`);
  const first = cell(rowPupil, "subject:tieng_viet:level");
  await first.waitFor();
  const active = () => page.evaluate(() => [document.activeElement?.dataset?.pupil, document.activeElement?.dataset?.field]);

  // The whole row with the keyboard: T in every level, 9 in every score, comments kept.
  const fields = await page.$$eval(`.cell-input[data-pupil="${rowPupil}"]`, (els) => els.map((e) => e.dataset.field));
  await first.focus();
  for (const [i, field] of fields.entries()) {
    assert.deepEqual(await active(), [rowPupil, field], `focus on ${field}`);
    if (field.endsWith(":level")) await page.keyboard.type("T");
    else if (field.endsWith(":score")) await page.keyboard.type("9");
    await page.keyboard.press(i + 1 < fields.length ? "ArrowRight" : "Tab");
  }
  await page.locator(`[data-save-state="saved"][data-pupil="${rowPupil}"]`).waitFor();
  await page.locator(`td[data-pupil="${rowPupil}"][data-result="HTXS"]`).waitFor();
  // Enter moves down to the same column of the next pupil.
  await first.focus();
  await page.keyboard.press("Enter");
  const [below, column] = await active();
  assert.notEqual(below, rowPupil);
  assert.equal(column, "subject:tieng_viet:level");
  await page.screenshot({ path: `${shots}/keyboard-row.png` });

  // The comment bank: Alt+↓ in the Toán comment opens it on the suggestions for the row's
  // level (T); Enter takes the first one into the cell, which saves.
  const comment = cell(rowPupil, "subject:toan:comment");
  const commentBefore = (await comment.inputValue()).trim();
  await comment.focus();
  await page.keyboard.press("Alt+ArrowDown");
  const bank = page.locator(`td:has(.cell-input[data-pupil="${rowPupil}"][data-field="subject:toan:comment"]) [data-bank="toan"]`);
  await bank.locator("[data-bank-option]").first().waitFor();
  const suggestion = (await bank.locator("[data-bank-option]").first().textContent()).trim();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await bank.waitFor({ state: "detached" });
  // The phrase joins what the cell held (a new sentence after it), never replaces it.
  const joined = commentBefore === "" ? suggestion : `${commentBefore}${/[.!?;:,]$/.test(commentBefore) ? "" : "."} ${suggestion}`;
  assert.equal(await comment.inputValue(), joined);
  assert.deepEqual(await active(), [rowPupil, "subject:toan:comment"], "focus back in the cell");
  await page.locator(`[data-save-state="saved"][data-pupil="${rowPupil}"]`).waitFor();
  // The teacher's own words and a picked phrase are both kept: the phrase goes after them.
  await comment.fill("Em chăm chỉ");
  await page.keyboard.press("End");
  await page.keyboard.press("Alt+ArrowDown");
  await bank.locator("[data-bank-option]").first().waitFor();
  await page.keyboard.press("Enter");
  await bank.waitFor({ state: "detached" });
  assert.equal(await comment.inputValue(), `Em chăm chỉ. ${suggestion}`);
  await page.locator(`[data-save-state="saved"][data-pupil="${rowPupil}"]`).waitFor();
  // The teacher's own wording is kept in the bank and offered first next time.
  const own = "Tính nhẩm nhanh, trình bày bài sạch đẹp.";
  await comment.fill(own);
  await page.keyboard.press("Alt+ArrowDown");
  await bank.locator('[data-action="keep-comment"]').click();
  await bank.locator("[data-bank-option]", { hasText: own }).waitFor();
  assert.equal((await bank.locator("[data-bank-option]").first().textContent()).trim(), own);
  await page.keyboard.press("Escape");
  await bank.waitFor({ state: "detached" });
  await page.keyboard.press("Tab");
  await page.locator(`[data-save-state="saved"][data-pupil="${rowPupil}"]`).waitFor();

  // A 3×4 block from a spreadsheet, pasted into the first pupil's Tiếng Việt level.
  const paste = (input, text) =>
    input.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  const [p1, p2, p3] = pastePupils.split(",");
  const block = "H\t7\tCần đọc to, rõ hơn.\tT\r\nT\t9\tĐọc tốt.\tH\r\nC\t4\tCần luyện đọc thêm.\tT\r\n";
  await paste(cell(p1, "subject:tieng_viet:level"), block);
  for (const [pupil, level, score, comment, toan] of [
    [p1, "H", "7", "Cần đọc to, rõ hơn.", "T"],
    [p2, "T", "9", "Đọc tốt.", "H"],
    [p3, "C", "4", "Cần luyện đọc thêm.", "T"],
  ]) {
    assert.equal(await cell(pupil, "subject:tieng_viet:level").inputValue(), level);
    assert.equal(await cell(pupil, "subject:tieng_viet:score").inputValue(), score);
    assert.equal(await cell(pupil, "subject:tieng_viet:comment").inputValue(), comment);
    assert.equal(await cell(pupil, "subject:toan:level").inputValue(), toan);
    await page.locator(`[data-save-state="saved"][data-pupil="${pupil}"]`).waitFor();
  }

  // Bad values in a pasted block are marked at once, with the reason, and not saved.
  await paste(cell(badPupil, "subject:tieng_viet:level"), "X\t11\n");
  for (const field of ["subject:tieng_viet:level", "subject:tieng_viet:score"]) {
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.state === "error",
      `input[data-pupil="${badPupil}"][data-field="${field}"]`);
  }
  const reason = await page.locator(`td:has(.cell-input[data-pupil="${badPupil}"][data-field="subject:tieng_viet:score"]) .cell-error`).textContent();
  assert.match(reason, /10/, `the reason names the range: ${reason}`);
  // The header counts the invalid cells of the whole class; the row its own.
  const invalidCount = page.locator('[data-testid="grid-invalid"]');
  const expectCount = (n) => page.waitForFunction((n) =>
    document.querySelector('[data-testid="grid-invalid"]')?.dataset.count === String(n), n);
  await expectCount(2);
  assert.equal((await invalidCount.textContent()).trim(), "2 ô chưa hợp lệ");
  assert.equal(await page.locator(`.save-state[data-pupil="${badPupil}"]`).getAttribute("data-save-state"), "invalid");
  const [p1other] = pastePupils.split(",");
  await cell(p1other, "quality:cham_chi:level").fill("X");
  await expectCount(3);
  assert.equal((await invalidCount.textContent()).trim(), "3 ô chưa hợp lệ");
  await page.keyboard.press("Escape");
  await expectCount(2);
  await page.screenshot({ path: `${shots}/keyboard-paste.png` });
  // Fix the bad cells so nothing refused remains (leaving the page would ask first otherwise).
  await cell(badPupil, "subject:tieng_viet:level").fill("H");
  await cell(badPupil, "subject:tieng_viet:score").fill("7");
  await page.keyboard.press("Tab");
  await page.locator(`[data-save-state="saved"][data-pupil="${badPupil}"]`).waitFor();
  await expectCount(0);
  assert.equal((await invalidCount.textContent()).trim(), "");

  // A stable grid: focusing each row leaves every row's height unchanged; the focused pupil's
  // result is explained under the grid instead.
  const heights = () => page.$$eval("table.grid tbody tr", (rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
  const before = await heights();
  const rowIds = await page.$$eval("table.grid tbody tr", (rows) => rows.map((r) => r.dataset.pupil));
  for (const id of rowIds) {
    await page.locator(`input[data-pupil="${id}"]`).first().focus();
    assert.deepEqual(await heights(), before, `row heights after focusing ${id}`);
  }
  await page.locator(`input[data-pupil="${rowPupil}"]`).first().focus();
  const rowName = (await page.locator(`tr[data-pupil="${rowPupil}"] .pupil-name`).textContent()).trim();
  const explained = page.locator(`[data-testid="grid-explain"][data-pupil="${rowPupil}"]`);
  await explained.waitFor();
  assert.ok((await explained.textContent()).includes(rowName), "the footer names the focused pupil");
  // "Lịch sử" opens with a mouse click while a cell of its row has the focus.
  await page.locator(`button[data-action="history"][data-pupil="${rowPupil}"]`).click();
  const history = page.locator(`dialog[data-history="${rowPupil}"]`);
  await history.waitFor();
  await page.keyboard.press("Escape");
  await history.waitFor({ state: "detached" });

  // A comment of two lines: Shift+Enter starts the second line; the box grows with its lines
  // (no scrollbar) over the rows below, which keep their height; Enter saves and moves down.
  const multi = cell(multiPupil, "subject:tieng_viet:comment");
  const twoLines = "Đọc to, rõ ràng.\nCần viết chữ cẩn thận hơn.";
  const restHeight = (await multi.boundingBox()).height;
  await multi.focus();
  await page.keyboard.type("Đọc to, rõ ràng.");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("Cần viết chữ cẩn thận hơn.");
  assert.equal(await multi.inputValue(), twoLines);
  assert.deepEqual(await active(), [multiPupil, "subject:tieng_viet:comment"], "Shift+Enter stays in the cell");
  const grown = (await multi.boundingBox()).height;
  assert.ok(grown > restHeight * 1.5, `the comment grows with its lines: ${restHeight} → ${grown}`);
  assert.ok(await multi.evaluate((el) => el.scrollHeight <= el.clientHeight), "no scrollbar for two lines");
  assert.deepEqual(await heights(), before, "no row changes height while a comment grows");
  await page.screenshot({ path: `${shots}/keyboard-multiline.png` });
  // ↑ on the second line moves the caret, not the focus.
  await page.keyboard.press("ArrowUp");
  assert.deepEqual(await active(), [multiPupil, "subject:tieng_viet:comment"], "↑ inside a comment");
  await page.keyboard.press("Enter");
  const [belowMulti, belowField] = await active();
  assert.notEqual(belowMulti, multiPupil, "Enter moves down");
  assert.equal(belowField, "subject:tieng_viet:comment");
  await page.locator(`[data-save-state="saved"][data-pupil="${multiPupil}"]`).waitFor();
  assert.ok(Math.abs((await multi.boundingBox()).height - restHeight) < 1, "back to one line at rest");
  await page.reload();
  await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v,
    [`.cell-input[data-pupil="${multiPupil}"][data-field="subject:tieng_viet:comment"]`, twoLines]);

  // A refused submit: every empty cell it names is marked (aria-invalid), the pupils are listed,
  // and the focus goes to the first empty cell.
  await page.locator('button[data-action="submit"]').click();
  const gaps = page.locator('[data-testid="submit-gaps"]');
  await gaps.waitFor();
  await page.getByRole("alert").filter({ hasText: /còn \d+ học sinh thiếu/ }).first().waitFor();
  for (const gap of gapCells.split(",")) {
    const [pupil, field] = gap.split("|");
    const gapCell = cell(pupil, field);
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.missing === "true",
      `.cell-input[data-pupil="${pupil}"][data-field="${field}"]`);
    assert.equal(await gapCell.getAttribute("aria-invalid"), "true", `${pupil} ${field}`);
    assert.equal(await gaps.locator(`li[data-pupil="${pupil}"]`).count(), 1, `${pupil} is listed`);
  }
  const firstListed = await gaps.locator("li").first().getAttribute("data-pupil");
  await page.waitForFunction(() => document.activeElement?.dataset?.missing === "true");
  const [focusedPupil] = await active();
  assert.equal(focusedPupil, firstListed, "the focus is on the first pupil's first empty cell");
  const firstMarked = await page.$$eval(`.cell-input[data-pupil="${firstListed}"][data-missing="true"]`,
    (els) => els[0]?.dataset.field);
  assert.deepEqual(await active(), [firstListed, firstMarked]);
  await page.screenshot({ path: `${shots}/keyboard-submit-gaps.png` });
  // A marked cell given a value is no longer marked.
  const [gapPupil, gapField] = gapCells.split(",")[0].split("|");
  await cell(gapPupil, gapField).focus();
  await page.keyboard.type(gapField.endsWith(":level") && gapField.startsWith("quality") ? "Đ" : "H");
  await page.keyboard.press("Tab");
  await page.locator(`[data-save-state="saved"][data-pupil="${gapPupil}"]`).waitFor();
  assert.equal(await cell(gapPupil, gapField).getAttribute("data-missing"), null);
  assert.equal(await cell(gapPupil, gapField).getAttribute("aria-invalid"), "false");

  // Nothing typed is lost: a value typed into the last cell of a row, then →, is there after an
  // immediate reload.
  const lastCell = page.locator(`input[data-pupil="${badPupil}"]`).last();
  const lastField = await lastCell.getAttribute("data-field");
  const old = await lastCell.inputValue();
  const typed = old === "Đ" ? "T" : "Đ";
  await lastCell.focus();
  await page.keyboard.type(typed);
  await page.keyboard.press("ArrowRight");
  await page.reload();
  const again = cell(badPupil, lastField);
  await again.waitFor();
  await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v,
    [`input[data-pupil="${badPupil}"][data-field="${lastField}"]`, typed]);
  await page.locator(`[data-save-state="saved"][data-pupil="${badPupil}"]`).waitFor().catch(() => {});
  // Typed, then the tab closed at once: the value reaches the server (or the browser asked first).
  const closing = cell(badPupil, lastField);
  await closing.focus();
  await page.keyboard.type(old || "T");
  let asked = false;
  page.once("dialog", async (d) => { asked = d.type() === "beforeunload"; await d.dismiss(); });
  await page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 1000));
  if (asked) {
    // The teacher stays: the value saves, then the tab closes without a question.
    await page.waitForFunction((p) => {
      const state = document.querySelector(`[data-save-state][data-pupil="${p}"]`)?.dataset.saveState;
      return state !== undefined && state !== "saving";
    }, badPupil);
    await page.locator(`[data-save-state="saved"][data-pupil="${badPupil}"]`).waitFor();
    await page.close({ runBeforeUnload: true });
  }
  // Another browser (no shared device storage) sees the value once the closing tab's request,
  // which the browser finishes after the page is gone, has landed.
  const check = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  pages.push(check);
  check.setDefaultTimeout(20000);
  await signIn(check, base, "gvcn5a");
  const kept = `input[data-pupil="${badPupil}"][data-field="${lastField}"]`;
  let loads = 0;
  for (let attempt = 1; ; attempt++) {
    loads = attempt;
    await check.goto(`${base}/lop/${classId}/cuoi_nam`);
    await check.locator(kept).waitFor();
    const landed = await check.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v,
      [kept, old || "T"], { timeout: 3000 }).then(() => true, () => false);
    if (landed) break;
    assert.ok(attempt < 5, `the value typed before closing the tab never reached the server`);
  }
  console.log(`closing the tab: ${asked ? "the browser asked first" : "no question needed"}; the value is kept (grid loads: ${loads})`);
  console.log("keyboard scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-keyboard-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
