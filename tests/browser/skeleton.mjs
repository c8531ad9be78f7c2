// The walking skeleton in a real browser: a teacher enters a level and a score, reloads and sees
// them kept with the computed result; a parent on a phone sees the child's results.
// Usage: node skeleton.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

async function login(page, username) {
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill("demo");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

const pages = [];
try {
  // Teacher on a laptop.
  const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await login(teacher, "gvcn5a");
  await teacher.getByRole("link", { name: /5A/ }).first().click();
  const level = teacher.locator('input[data-field="subject:toan:level"]').first();
  await level.waitFor();
  const pupil = await level.getAttribute("data-pupil");
  const cell = (field) => teacher.locator(`input[data-pupil="${pupil}"][data-field="${field}"]`);
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
  assert.match(await result.textContent(), /Toán/, "the explanation names the subject that holds the result");
  await teacher.screenshot({ path: `${shots}/teacher-grid-1366.png` });

  // Parent on a phone.
  const parent = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
  parent.setDefaultTimeout(15000);
  pages.push(parent);
  await login(parent, "phuhuynh");
  await parent.getByText("Giàng Thị Mỷ").first().click();
  await parent.getByText(/Tải học bạ/).first().waitFor();
  await parent.getByText(/Năm học 2024-2025/).first().waitFor();
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `parent page scrolls sideways by ${overflow}px at 360px`);
  await parent.screenshot({ path: `${shots}/parent-360.png`, fullPage: false });
  console.log("browser: 2 passed, 0 failed");
} catch (e) {
  for (const [i, p] of pages.entries()) await p.screenshot({ path: `${shots}/failure-${i}.png` }).catch(() => {});
  throw e;
} finally {
  await browser.close();
}
