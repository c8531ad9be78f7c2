// A cell changed behind the teacher's back: the teacher's write is refused as stale, the cell is
// marked and a panel shows both values; Escape closes it (the mark stays), the keyboard opens it
// again, and "Giữ giá trị của tôi" saves the teacher's value over the other one.
// Usage: node conflict.mjs BASE_URL PUPIL_ID CLASS_ID SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, pupil, classId, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();

const pages = [];
try {
  // The teacher opens the grid.
  const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await signIn(teacher, base, "gvcn5a");
  await teacher.goto(`${base}/lop/${classId}/cuoi_nam`);
  const cell = (field) => teacher.locator(`.cell-input[data-pupil="${pupil}"][data-field="${field}"]`);
  const level = cell("subject:toan:level");
  await level.waitFor();
  const mine = { score: await cell("subject:toan:score").inputValue(), comment: await cell("subject:toan:comment").inputValue() };
  assert.notEqual(await level.inputValue(), "H", "the pupil must not already have H in Toán");

  // Meanwhile the same cell is changed from another session.
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  pages.push(elsewhere);
  await elsewhere.goto(`${base}/dang-nhap`);
  const status = await elsewhere.evaluate(async ({ classId, pupil }) => {
    const json = { "content-type": "application/json" };
    const login = await fetch("/api/auth/login", {
      method: "POST", headers: json, body: JSON.stringify({ username: "gvcn5a", password: "demo" }),
    });
    if (!login.ok) return `login ${login.status}`;
    const put = await fetch(`/api/classes/${classId}/periods/cuoi_nam/pupils/${pupil}`, {
      method: "PUT", headers: json, body: JSON.stringify({ subjects: [{ subject: "toan", level: "C", score: 4 }] }),
    });
    return put.status;
  }, { classId, pupil });
  assert.equal(status, 200, "the change behind the teacher's back is saved");
  await other.close();
  pages.pop();

  // The teacher types H over the old value and leaves the cell: the write is stale.
  const stale = teacher.waitForResponse((r) => r.request().method() === "PUT" && r.url().includes(pupil));
  await level.fill("H");
  await level.press("Tab");
  const refused = await stale;
  assert.equal(refused.status(), 409);
  assert.equal((await refused.json()).error.code, "stale");

  const panel = teacher.locator(`[data-conflict="subjects.toan"][data-pupil="${pupil}"]`);
  await panel.waitFor();
  assert.equal(await level.getAttribute("data-state"), "conflict");
  const td = teacher.locator(`td:has(.cell-input[data-pupil="${pupil}"][data-field="subject:toan:level"])`);
  assert.equal(await td.getAttribute("data-state"), "conflict");
  assert.equal(await teacher.locator(`[data-save-state="conflict"][data-pupil="${pupil}"]`).count(), 1);
  // Both values side by side.
  await panel.getByText("Giá trị của bạn").waitFor();
  await panel.getByText("Giá trị hiện tại trên máy chủ").waitFor();
  const side = (kind, part) => panel.locator(`[data-side="${kind}"] [data-part="${part}"]`);
  assert.equal(await side("mine", "level").getAttribute("data-value"), "H");
  assert.equal(await side("theirs", "level").getAttribute("data-value"), "C");
  assert.equal((await side("theirs", "score").textContent()).trim(), "4");
  assert.match(await panel.locator('[data-side="theirs"] [data-part="author"]').textContent(), /Vàng Thị Dung/);
  assert.equal((await side("mine", "score").textContent()).trim(), mine.score || "—");
  // Focus moved into the panel.
  const focused = () => teacher.evaluate(() => document.activeElement?.dataset?.choice ?? document.activeElement?.dataset?.field);
  assert.equal(await focused(), "mine");
  await teacher.screenshot({ path: `${shots}/teacher-conflict-1366.png` });

  // Escape closes the panel, keeps the mark and gives focus back to the cell.
  await teacher.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });
  assert.equal(await level.getAttribute("data-state"), "conflict");
  assert.equal(await focused(), "subject:toan:level");
  // The keyboard opens it again.
  const reopen = teacher.locator(`button[data-action="show-conflict"][data-pupil="${pupil}"][data-cell="subjects.toan"]`);
  await reopen.focus();
  await teacher.keyboard.press("Enter");
  await panel.waitFor();
  assert.equal(await focused(), "mine");

  // The teacher keeps their value: it is written over the server's current version.
  const saved = teacher.waitForResponse((r) => r.request().method() === "PUT" && r.url().includes(pupil));
  await panel.locator('button[data-choice="mine"]').click();
  const answer = await saved;
  assert.equal(answer.status(), 200, await answer.text());
  await panel.waitFor({ state: "detached" });
  await teacher.waitForFunction(
    (sel) => document.querySelector(sel)?.dataset.state === undefined,
    `.cell-input[data-pupil="${pupil}"][data-field="subject:toan:level"]`,
  );
  await teacher.locator(`[data-save-state="saved"][data-pupil="${pupil}"]`).waitFor();
  assert.equal(await teacher.locator('button[data-action="submit"]').isDisabled(), false, "no conflict left");

  // The pupil's history shows both writes of Toán, newest first: the teacher's H over the C.
  await teacher.locator(`button[data-action="history"][data-pupil="${pupil}"]`).click();
  const history = teacher.locator(`dialog[data-history="${pupil}"]`);
  const toanRows = history.locator('tr[data-cell="subject:toan"]');
  await toanRows.first().waitFor();
  assert.ok((await toanRows.count()) >= 2, "both writes of Toán are in the history");
  assert.match(await toanRows.nth(0).locator('[data-part="new"]').textContent(), /^H/);
  assert.match(await toanRows.nth(1).locator('[data-part="new"]').textContent(), /^C · 4/);
  await teacher.screenshot({ path: `${shots}/teacher-history-1366.png` });
  await teacher.keyboard.press("Escape");
  await history.waitFor({ state: "hidden" });

  await teacher.reload();
  await level.waitFor();
  assert.equal(await level.inputValue(), "H");
  assert.equal(await cell("subject:toan:score").inputValue(), mine.score, "the teacher's score is kept");
  assert.equal(await cell("subject:toan:comment").inputValue(), mine.comment, "the teacher's comment is kept");
  assert.equal(await level.getAttribute("data-state"), null);

  // Submitting while pupils still have empty cells names each of them with those cells.
  await teacher.locator('button[data-action="submit"]').click();
  const gaps = teacher.getByTestId("submit-gaps");
  await gaps.waitFor();
  assert.ok((await gaps.locator("li").count()) >= 1, "the pupils with empty cells are listed");
  assert.match(await gaps.locator("li").first().innerText(), /^.+: .+/);
  await teacher.screenshot({ path: `${shots}/teacher-submit-gaps-1366.png` });
  console.log("conflict scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-conflict-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
