// The walking skeleton in a real browser: a teacher enters a level and a score, reloads and sees
// them kept with the computed result; a parent on a phone sees the child's results (the server's
// page) and hears them read.
// Usage: node skeleton.mjs BASE_URL SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { expectNoSeriousViolations } from "./axe.mjs";

const [base, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();

const pages = [];
try {
  // Teacher on a laptop.
  const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await signIn(teacher, base, "gvcn5a");
  await teacher.getByRole("link", { name: /5A/ }).first().click();
  const level = teacher.locator('input[data-field="subject:toan:level"]').first();
  await level.waitFor();
  const pupil = await level.getAttribute("data-pupil");
  const cell = (field) => teacher.locator(`.cell-input[data-pupil="${pupil}"][data-field="${field}"]`);
  await cell("subject:toan:level").fill("H");
  await cell("subject:toan:level").press("Tab");
  await cell("subject:toan:score").fill("6");
  await cell("subject:toan:score").press("Tab");
  const result = teacher.locator(`td[data-pupil="${pupil}"][data-field="result"]`);
  const resultSel = `td[data-pupil="${pupil}"][data-field="result"]`;
  await teacher.waitForFunction((sel) => document.querySelector(sel)?.dataset.result === "HT", resultSel);
  // Wait for the save to reach the server, then reload.
  await teacher.waitForResponse((r) => r.request().method() === "PUT" && r.status() === 200).catch(() => {});
  await teacher.waitForTimeout(300);
  await teacher.reload();
  await cell("subject:toan:level").waitFor();
  assert.equal(await cell("subject:toan:level").inputValue(), "H");
  assert.equal(await cell("subject:toan:score").inputValue(), "6");
  await teacher.waitForFunction((sel) => document.querySelector(sel)?.dataset.result === "HT", resultSel);
  assert.equal((await result.locator(".result-name").textContent()).trim(), "Hoàn thành");
  // The focused pupil's result is explained under the grid, naming the subject that holds it.
  await cell("subject:toan:level").focus();
  const explained = teacher.locator(`[data-testid="grid-explain"][data-pupil="${pupil}"]`);
  await explained.waitFor();
  assert.match(await explained.textContent(), /Toán/, "the explanation names the subject that holds the result");
  await teacher.screenshot({ path: `${shots}/teacher-grid-1366.png` });
  // The teacher runs the grid's build of the app; a manager's screen is refused as in the full one.
  const scripts = await teacher.$$eval("script[src]", (els) => els.map((e) => e.getAttribute("src")));
  assert.ok(scripts.some((src) => src.startsWith("/boot_grid.")), `grid's build: ${scripts}`);
  const gridUrl = teacher.url();
  await teacher.goto(`${base}/quan-tri`);
  await teacher.getByText("Bạn không có quyền xem nội dung này.").waitFor();
  await teacher.goto(gridUrl);
  await cell("subject:toan:level").waitFor();

  // The same class at giữa học kì I: grade 5 has tests in Tiếng Việt and Toán only, and no year-end result.
  await teacher.getByRole("link", { name: "Giữa học kì I", exact: true }).click();
  await teacher.locator('table.grid[data-period="giua_hk1"]').waitFor();
  await cell("subject:toan:score").waitFor();
  assert.equal(await cell("subject:khoa_hoc:score").count(), 0, "no KTĐK in Khoa học at giữa HK I");
  assert.equal(await teacher.locator('td[data-field="result"]').count(), 0);
  const saved = teacher.waitForResponse((r) => r.request().method() === "PUT" && r.url().includes("/giua_hk1/"));
  await cell("subject:toan:level").fill("T");
  await cell("subject:toan:score").fill("8");
  await cell("subject:toan:score").press("Tab");
  assert.equal((await saved).status(), 200);
  await teacher.reload();
  await cell("subject:toan:score").waitFor();
  await teacher.waitForFunction(
    (sel) => document.querySelector(sel)?.value === "8",
    `.cell-input[data-pupil="${pupil}"][data-field="subject:toan:score"]`,
  );
  await teacher.getByRole("link", { name: "Cuối năm học", exact: true }).click();
  await teacher.locator('table.grid[data-period="cuoi_nam"]').waitFor();

  // The rest of the class is completed and submitted through the API; the principal approves in the UI.
  const api = async (token, method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method, headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const token = async (username) =>
    (await api("", "POST", "/api/auth/login", { username, password: "demo" })).token;
  const tk = await token("gvcn5a");
  const me = await api(tk, "GET", "/api/me");
  const classId = me.classes.find((c) => c.name === "5A").id;
  const grid = await api(tk, "GET", `/api/classes/${classId}/periods/cuoi_nam/grid`);
  for (const row of grid.rows) {
    const subjects = grid.subjects.filter((c) => !row.subjects[c.code]?.level)
      .map((c) => ({ subject: c.code, level: "T", score: c.scored ? 9 : null }));
    const qualities = grid.qualities.filter((c) => !row.qualities[c.code]?.level).map((c) => ({ code: c.code, level: "T" }));
    if (subjects.length || qualities.length) {
      await api(tk, "PUT", `/api/classes/${classId}/periods/cuoi_nam/pupils/${row.pupil.id}`, { subjects, qualities });
    }
  }
  await api(tk, "POST", `/api/classes/${classId}/periods/cuoi_nam/submit`);
  const principal = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  principal.setDefaultTimeout(15000);
  pages.push(principal);
  await signIn(principal, base, "hieutruong");
  const item = principal.locator(`li.review-item[data-class="${classId}"][data-status="submitted"]`);
  await item.getByRole("button", { name: "Duyệt", exact: true }).click();
  // The demo 5A lacks heights, weights and giấy khen: approved over the checklist, with a reason.
  const approveDialog = principal.locator("dialog.approve-dialog");
  await approveDialog.locator('[data-testid="checklist"]').waitFor();
  await approveDialog.getByLabel("Lí do duyệt dù còn thiếu").fill("Chiều cao, cân nặng đo bổ sung sau.");
  await approveDialog.getByRole("button", { name: "Duyệt dù còn thiếu" }).click();
  await principal.locator(`li.review-item[data-class="${classId}"][data-status="approved"]`).first().waitFor();
  await principal.screenshot({ path: `${shots}/principal-reviews-1366.png` });
  await teacher.reload();
  await teacher.locator('[data-banner="locked"]').waitFor();
  assert.equal(await cell("subject:toan:level").isEditable(), false, "an approved record is read-only");

  // Parent on a phone.
  const parent = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
  parent.setDefaultTimeout(15000);
  pages.push(parent);
  // What "Nghe" asks the browser's speech synthesis to read (the voice itself is the browser's).
  await parent.addInitScript(() => {
    window.__spoken = [];
    if (window.SpeechSynthesis) {
      window.SpeechSynthesis.prototype.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang });
    }
  });
  await signIn(parent, base, "phuhuynh");
  // One child: the server's page shows the child's results at once, with no app to load.
  await parent.getByRole("heading", { name: "Kết quả học tập của Giàng Thị Mỷ" }).waitFor();
  assert.equal(await parent.locator('script[src*="boot"]').count(), 0, "no wasm app for the parent");
  await parent.getByText(/Tải học bạ/).first().waitFor();
  await parent.getByText(/Năm học 2025-2026/).first().waitFor();
  await parent.getByText(/Năm học 2021-2022/).first().waitFor();
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `parent page scrolls sideways by ${overflow}px at 360px`);
  // The newest year open, the older ones folded; levels carry an icon besides their words.
  const years = parent.locator("details.year");
  const open = await years.evaluateAll((all) => all.map((d) => d.open));
  assert.ok(open.length >= 2 && open[0] && open.slice(1).every((o) => !o), `only the newest year is open: ${open}`);
  assert.ok((await years.first().locator(".level-mark .icon").count()) > 5, "levels have icons");
  const page = await parent.locator(".pupil-results").textContent();
  assert.ok(!page.includes("Chưa đạt"), "the explanation is worded as a goal, not as a failure");
  // Every target at least 44 px high.
  for (const target of await parent.locator(".pupil-results :is(a, button, summary)").all()) {
    if (!(await target.isVisible())) continue;
    const box = await target.boundingBox();
    assert.ok(box.height >= 44, `a ${box.height}px target: ${await target.textContent()}`);
  }
  // axe-core on the parent's page at 360 px, and at 200 % text zoom.
  await expectNoSeriousViolations(parent, "parent's results at 360px");
  await parent.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
  await expectNoSeriousViolations(parent, "parent's results at 360px, 200% text");
  const zoomed = await parent.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(zoomed <= 1, `at 200% text the parent page scrolls sideways by ${zoomed}px`);
  await parent.evaluate(() => { document.documentElement.style.fontSize = ""; });
  // An older year opens with a tap.
  await years.nth(1).locator("summary").click();
  assert.ok(await years.nth(1).evaluate((d) => d.open), "a folded year opens");
  // "Nghe" reads the newest year in Vietnamese.
  await parent.locator('button[data-action="listen"]').click();
  const spoken = await parent.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1, JSON.stringify(spoken));
  assert.equal(spoken[0].lang, "vi-VN");
  assert.ok(spoken[0].text.startsWith("Giàng Thị Mỷ.") && spoken[0].text.includes("Kết quả cả năm"), spoken[0].text);
  await parent.screenshot({ path: `${shots}/parent-360.png`, fullPage: false });
  console.log("browser: 3 passed, 0 failed");
} catch (e) {
  for (const [i, p] of pages.entries()) await p.screenshot({ path: `${shots}/failure-${i}.png` }).catch(() => {});
  throw e;
} finally {
  await browser.close();
}
