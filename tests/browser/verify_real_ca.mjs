// A document signed under a real CA (not the demo's test CA) gets the green "Bản gốc" verdict on
// /verify, never the amber trial one: a visitor without an account uploads it.
// Usage: node verify_real_ca.mjs BASE_URL FILE.pdf SCREENSHOT_DIR
import { launch } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, file, shots = "screenshots"] = process.argv.slice(2);
assert.ok(base && file, "usage: node verify_real_ca.mjs BASE_URL FILE.pdf SCREENSHOT_DIR");
mkdirSync(shots, { recursive: true });

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
const page = await context.newPage();
page.setDefaultTimeout(30000);
try {
  await page.goto(`${base}/verify`);
  await page.getByTestId("verify-file").waitFor();
  const sent = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/verify");
  await page.getByTestId("verify-file").setInputFiles(file);
  assert.equal((await sent).status(), 200);
  const verdict = page.getByTestId("verify-verdict");
  await page.waitForLoadState();
  await page.waitForFunction(() => document.querySelector('[data-testid="verify-verdict"]')?.dataset.verdict === "authentic");
  assert.equal(await verdict.getAttribute("data-test-certificate"), "false");
  assert.match(await verdict.textContent(), /Bản gốc, còn nguyên vẹn/);
  assert.doesNotMatch(await verdict.textContent(), /thử nghiệm/);
  const green = await verdict.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(green, "rgb(232, 243, 234)", "the original's verdict is green");
  await page.getByTestId("verify-record").waitFor();
  await page.screenshot({ path: `${shots}/verify-real-ca-360.png`, fullPage: true });
  console.log("browser: verify real CA passed");
} catch (e) {
  await page.screenshot({ path: `${shots}/verify-real-ca-failure.png` }).catch(() => {});
  throw e;
} finally {
  await browser.close();
}
