// The teacher loses the network: the grid keeps working, 10 values wait on the device (the badge
// counts them), the page is reloaded while offline (the service worker serves the app, the grid
// comes from the device with the waiting values), the network returns and the queue is sent in
// order; the answer to the first write is lost on the way back, so it is sent again.
// Usage: node offline.mjs BASE_URL CLASS_ID PUPIL_A PUPIL_B SUBJECTS(comma-separated) SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import { relay } from "./cut.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, classId, pupilA, pupilB, subjectList, shots = "screenshots"] = process.argv.slice(2);
const subjects = subjectList.split(",");
mkdirSync(shots, { recursive: true });

const net = await relay(base);
const browser = await launch();
const pages = [];
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: "allow" });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  pages.push(page);
  await signIn(page, net.url, "gvcn5a");
  const gridUrl = `${net.url}/lop/${classId}/cuoi_nam`;
  await page.goto(gridUrl);
  const cell = (pupil, field) => page.locator(`.cell-input[data-pupil="${pupil}"][data-field="${field}"]`);
  await cell(pupilA, `subject:${subjects[0]}:comment`).waitFor();
  // The service worker controls the page and holds the app shell.
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active && !!navigator.serviceWorker.controller;
  });
  const badge = page.locator("[data-queue]");
  assert.equal(await badge.getAttribute("data-pending"), "0");

  // The network is cut. Ten comments are typed: five subjects for two pupils.
  net.down();
  const values = [];
  for (const [p, pupil] of [pupilA, pupilB].entries()) {
    for (const [s, subject] of subjects.entries()) {
      const value = `Nhận xét ngoại tuyến ${p * subjects.length + s + 1}`;
      values.push({ pupil, subject, value });
      const input = cell(pupil, `subject:${subject}:comment`);
      await input.fill(value);
      await input.press("Tab");
    }
  }
  await page.waitForFunction(() => document.querySelector("[data-queue]")?.dataset.queue === "offline");
  await page.waitForFunction(() => document.querySelector("[data-queue]")?.dataset.pending === "10");
  // The rows say their changes wait on the device.
  await page.locator(`[data-save-state="saving"][data-pupil="${pupilA}"]`, { hasText: "chờ gửi" }).waitFor();
  await page.screenshot({ path: `${shots}/offline-10-waiting.png` });

  // Reload without a network: the shell comes from the service worker, the grid from the device.
  await page.reload();
  await cell(pupilA, `subject:${subjects[0]}:comment`).waitFor();
  await page.locator('[data-banner="offline"]').waitFor();
  for (const v of values) {
    assert.equal(await cell(v.pupil, `subject:${v.subject}:comment`).inputValue(), v.value, `${v.pupil} ${v.subject}`);
  }
  await page.waitForFunction(() => document.querySelector("[data-queue]")?.dataset.pending === "10");
  await page.screenshot({ path: `${shots}/offline-after-reload.png` });

  // The network returns; the answer to the first write is lost, so that write is sent twice.
  const puts = [];
  page.on("request", (r) => {
    if (r.method() === "PUT") puts.push(r.headers()["idempotency-key"]);
  });
  net.loseNextAnswer();
  net.up();
  await page.waitForFunction(() => {
    const b = document.querySelector("[data-queue]");
    return b?.dataset.pending === "0" && b?.dataset.queue === "sent";
  }, null, { timeout: 60000 });
  assert.ok(puts.length >= 11, `10 writes and at least one resend, saw ${puts.length}`);
  assert.equal(new Set(puts).size, 10, "a resent write keeps its key");
  await page.screenshot({ path: `${shots}/offline-all-sent.png` });
  console.log("offline scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-offline-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
  net.close();
}
