// The principal's dashboard: the principal sees the submitted 5A cuối năm among the
// notifications of the home page (the review list), opens "Tổng quan" from the header, finds the
// record submitted in the progress table ("Duyệt tất cả" shows the server's summary first, then
// is cancelled), approves it with the cell's own button after the checklist (each finding names
// the pupil and what is missing; "Duyệt dù còn thiếu" needs a reason), and the cell shows it
// approved. The charts carry titles, descriptions and their numbers. Screenshots at
// 1366 px and 360 px, without sideways page scroll. The homeroom teacher, in another browser
// context, then finds the grid locked. Last the principal reopens one pupil from the review list:
// the pupil and the reason are mandatory (a refused reason shows next to the field), a
// confirmation, and the reopening is listed with "Duyệt lại"; the teacher's grid then has that
// pupil's row editable and the others still read only.
// Usage: node dashboard.mjs BASE_URL CLASS_ID PUPIL_ID OTHER_PUPIL_ID SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, classId, pupil, other, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();

const pages = [];
try {
  const principal = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  principal.setDefaultTimeout(15000);
  pages.push(principal);
  await signIn(principal, base, "hieutruong");

  // The principal's home (the review list) says what waits.
  const note = principal.locator(`[data-notification="submitted"][data-class="${classId}"][data-period="cuoi_nam"]`);
  await note.waitFor();
  assert.match(await note.textContent(), /5A/);
  assert.match(await note.textContent(), /chờ/);
  // The header counts the records waiting, beside the review list's link.
  const count = principal.locator('nav [data-testid="waiting-count"]');
  await count.waitFor();
  assert.match(await count.textContent(), /^1 \(1 hồ sơ đang chờ duyệt\)$/);

  // The dashboard, from the header.
  await principal.getByRole("navigation").getByRole("link", { name: "Tổng quan" }).click();
  await principal.waitForURL((url) => url.pathname === "/tong-quan");
  await principal.getByRole("heading", { level: 1, name: "Tổng quan" }).waitFor();
  const row = principal.locator(`table[data-table="progress"] tr[data-class="${classId}"]`);
  const cell = row.locator('td[data-period="cuoi_nam"]');
  await cell.waitFor();
  assert.equal(await cell.getAttribute("data-status"), "submitted");
  assert.match(await cell.textContent(), /Đã gửi duyệt|Chờ duyệt|gửi/i);
  assert.equal(
    await cell.locator("a.progress-link").getAttribute("href"),
    `/lop/${classId}/cuoi_nam`,
    "the cell opens the class's grid",
  );
  assert.equal(
    await cell.getByRole("link", { name: /^Xem và duyệt/ }).getAttribute("href"),
    `/duyet/${classId}/cuoi_nam`,
    "a submitted record opens the review screen",
  );
  // "Approve all" of a periodic point says first what it would do (the server's summary); cancelled.
  const isPreview = (r) => r.request().method() === "GET" && r.url().endsWith("/api/reviews/approve-all/cuoi_nam");
  const preview = principal.waitForResponse(isPreview);
  await principal.locator('button[data-action="approve-all"][data-period="cuoi_nam"]').click();
  const summary = await (await preview).json();
  assert.equal(summary.classes, 1, JSON.stringify(summary));
  const allDialog = principal.locator("dialog.confirm-dialog");
  await allDialog.waitFor();
  assert.match(await allDialog.locator("#confirm-message").textContent(), new RegExp(summary.message));
  await allDialog.locator('button[data-action="cancel"]').click();
  await allDialog.waitFor({ state: "detached" });
  assert.equal(await cell.getAttribute("data-status"), "submitted", "cancelled: nothing approved");

  // Charts: an accessible title and description, and the numbers as text.
  const chart = principal.locator('figure[data-chart^="results-"]').first();
  await chart.waitFor();
  assert.equal(await chart.locator("svg").getAttribute("role"), "img");
  assert.ok((await chart.locator("svg title").textContent()).length > 0, "the chart has a title");
  assert.ok((await chart.locator("svg desc").textContent()).length > 0, "the chart has a description");
  assert.ok((await chart.locator(".sr-only table.chart-numbers tbody tr").count()) >= 5, "the numbers are there as a table");
  assert.match(await chart.locator("text.chart-value").first().textContent(), /^\d+ \(\d+%\)$/);
  const xlsx = principal.getByRole("link", { name: "Tải tổng quan (Excel)" });
  assert.equal(await xlsx.getAttribute("href"), "/api/dashboard.xlsx");
  await principal.screenshot({ path: `${shots}/dashboard-1366.png`, fullPage: true });

  // Approving from the table: the checklist first. The demo 5A has no heights, weights or days
  // absent and its HTXS pupils have no giấy khen yet: each finding names the pupil and what is
  // missing, and approving needs a typed reason.
  await cell.locator('button[data-action="approve"]').click();
  const dialog = principal.locator("dialog.approve-dialog");
  await dialog.waitFor();
  const findings = dialog.locator('[data-testid="checklist"] li');
  await findings.first().waitFor();
  assert.match(await dialog.textContent(), /5A/);
  assert.ok((await findings.count()) > 0);
  assert.match(await findings.first().locator("strong").textContent(), /\S/, "the finding names the pupil");
  const checklistText = await dialog.locator('[data-testid="checklist"]').textContent();
  assert.match(checklistText, /Chưa ghi chiều cao/);
  assert.match(checklistText, /chưa có giấy khen Học sinh Xuất sắc được xác nhận/);
  assert.equal(await dialog.locator('button[data-action="confirm"]').count(), 0, "no plain approve while findings exist");
  await principal.screenshot({ path: `${shots}/approve-checklist-1366.png` });
  // "Duyệt dù còn thiếu" without a reason: refused next to the field, nothing sent.
  const isApprove = (r) => r.request().method() === "POST" && r.url().endsWith(`/classes/${classId}/periods/cuoi_nam/approve`);
  let sent = 0;
  principal.on("request", (r) => { if (r.method() === "POST" && r.url().endsWith("/periods/cuoi_nam/approve")) sent += 1; });
  await dialog.getByRole("button", { name: "Duyệt dù còn thiếu" }).click();
  await dialog.locator('[data-field="override_reason"] .field-error').waitFor();
  const reasonBox = dialog.getByLabel("Lí do duyệt dù còn thiếu");
  assert.equal(await reasonBox.getAttribute("aria-invalid"), "true");
  assert.equal(sent, 0, "nothing sent without a reason");
  await reasonBox.fill("Giấy khen trao sau lễ tổng kết; chiều cao, cân nặng đo bổ sung.");
  const answer = principal.waitForResponse(isApprove);
  await dialog.getByRole("button", { name: "Duyệt dù còn thiếu" }).click();
  const response = await answer;
  assert.equal(response.status(), 200, await response.text());
  assert.equal(JSON.parse(response.request().postData()).override_reason,
    "Giấy khen trao sau lễ tổng kết; chiều cao, cân nặng đo bổ sung.");
  await dialog.waitFor({ state: "detached" });
  await principal.locator(`tr[data-class="${classId}"] td[data-period="cuoi_nam"][data-status="approved"]`).waitFor();
  await principal.locator('[data-banner="done"]').waitFor();
  assert.equal(await principal.locator(`tr[data-class="${classId}"] td[data-period="cuoi_nam"] button[data-action="approve"]`).count(), 0);
  assert.equal(await principal.locator('button[data-action="approve-all"][data-period="cuoi_nam"]').count(), 0, "nothing waits any more");

  // On a phone only the progress table's frame scrolls sideways.
  await principal.setViewportSize({ width: 360, height: 740 });
  await principal.locator('[data-banner="done"]').scrollIntoViewIfNeeded();
  const width = await principal.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the dashboard is ${width}px wide at 360px`);
  await principal.screenshot({ path: `${shots}/dashboard-360.png`, fullPage: true });
  await principal.setViewportSize({ width: 1366, height: 768 });

  // The teacher finds the record locked.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const teacher = await context.newPage();
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await signIn(teacher, base, "gvcn5a");
  await teacher.getByRole("link", { name: "Bảng tổng hợp lớp 5A" }).waitFor();
  await teacher.goto(`${base}/lop/${classId}/cuoi_nam`);
  await teacher.locator('[data-banner="locked"]').waitFor();

  // The principal reopens one pupil from the review list, with a reason.
  await principal.goto(`${base}/duyet`);
  const card = principal.locator(`#review-${classId}-cuoi_nam`);
  await card.waitFor();
  assert.equal(await card.getAttribute("data-status"), "approved");
  await card.locator('button[data-action="reopen"]').click();
  const form = card.locator('form[data-form="reopen"]');
  await form.waitFor();
  // Nothing chosen: both fields say so, nothing is sent.
  await form.getByRole("button", { name: "Mở lại", exact: true }).click();
  await form.locator('[data-field="pupil_id"] .field-error').waitFor();
  await form.locator('[data-field="reason"] .field-error').waitFor();
  const select = form.getByLabel("Học sinh");
  await select.locator(`option[value="${pupil}"]`).waitFor({ state: "attached" });
  await select.selectOption(pupil);
  // A reason beyond 500 characters: the server refuses it, next to the reason.
  const reason = form.getByLabel("Lí do mở lại");
  await reason.fill("x".repeat(501));
  const isReopen = (r) => r.request().method() === "POST" && r.url().endsWith(`/pupils/${pupil}/reopen`);
  let reopen = principal.waitForResponse(isReopen);
  await form.getByRole("button", { name: "Mở lại", exact: true }).click();
  await principal.locator("dialog.confirm-dialog").waitFor();
  await principal.locator('dialog.confirm-dialog button[data-action="confirm"]').click();
  let reopened = await reopen;
  assert.equal(reopened.status(), 422);
  const reasonError = form.locator('[data-field="reason"] .field-error');
  await reasonError.waitFor();
  assert.equal(await reason.getAttribute("aria-invalid"), "true");
  // A real reason.
  await reason.fill("Nhập nhầm mức đạt được môn Toán.");
  reopen = principal.waitForResponse(isReopen);
  await form.getByRole("button", { name: "Mở lại", exact: true }).click();
  await principal.locator('dialog.confirm-dialog button[data-action="confirm"]').click();
  reopened = await reopen;
  assert.equal(reopened.status(), 200, await reopened.text());
  const listed = card.locator(`ul[data-testid="reopenings"] li[data-pupil="${pupil}"][data-open="true"]`);
  await listed.waitFor();
  assert.match(await listed.textContent(), /Nhập nhầm mức đạt được môn Toán/);
  await listed.locator('button[data-action="reapprove"]').waitFor();
  await form.waitFor({ state: "detached" });
  await card.scrollIntoViewIfNeeded();
  await principal.screenshot({ path: `${shots}/reopen-1366.png` });

  // The teacher corrects just that pupil: its row is editable, another pupil's is not.
  await teacher.reload();
  await teacher.locator('[data-banner="reopened"]').waitFor();
  const open = teacher.locator(`input.cell-input[data-pupil="${pupil}"]`).first();
  await open.waitFor();
  assert.equal(await open.getAttribute("readonly"), null, "the reopened pupil's cells are editable");
  const locked = teacher.locator(`input.cell-input[data-pupil="${other}"]`).first();
  assert.notEqual(await locked.getAttribute("readonly"), null, "the other pupils stay locked");
  console.log("dashboard scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-dashboard-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
