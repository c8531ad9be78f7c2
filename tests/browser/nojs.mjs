// The parent's and the public pages with JavaScript switched off, on a 360×640 phone: the parent
// signs in, sees the child's latest results, downloads the signed học bạ, switches to English and
// back, signs out; a visitor checks the downloaded file and its code at /verify. Then axe-core
// (with scripts on, the pages are the same HTML) on each page at 360 px and at 200 % text, in
// Vietnamese and in English. The class's giữa học kì I is approved: the parent taps "Đã xem" and
// sends the homeroom teacher a message (plain forms), and the teacher's grid shows both.
// Usage: node nojs.mjs BASE_URL CLASS_ID SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { expectNoSeriousViolations } from "./axe.mjs";

const [base, classId, shots = "screenshots"] = process.argv.slice(2);
assert.ok(base && classId, "usage: node nojs.mjs BASE_URL CLASS_ID SCREENSHOT_DIR");
mkdirSync(shots, { recursive: true });
const phone = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

const browser = await launch();
const pages = [];
try {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false, acceptDownloads: true });
  const parent = await context.newPage();
  parent.setDefaultTimeout(15000);
  pages.push(parent);
  await parent.goto(`${base}/`);
  assert.ok(new URL(parent.url()).pathname === "/dang-nhap", `signed out, / asks to sign in: ${parent.url()}`);
  await parent.getByRole("link", { name: "Kích hoạt tài khoản bằng phiếu của nhà trường" }).waitFor();
  await parent.getByLabel("Tên đăng nhập hoặc số điện thoại").fill("phuhuynh");
  await parent.getByLabel("Mật khẩu").fill("sai");
  await parent.getByRole("button", { name: "Đăng nhập" }).click();
  await parent.getByText("Sai tên đăng nhập hoặc mật khẩu.").waitFor();
  await parent.getByLabel("Mật khẩu").fill("demo");
  await parent.getByRole("button", { name: "Đăng nhập" }).click();
  await parent.waitForURL(`${base}/`);
  await parent.getByRole("heading", { name: "Kết quả học tập của Giàng Thị Mỷ" }).waitFor();
  const years = parent.locator("details.year");
  const open = await years.evaluateAll((all) => all.map((d) => d.open));
  assert.ok(open.length >= 1 && open[0] && open.slice(1).every((o) => !o), `only the newest year is open: ${open}`);
  const latest = await years.first().locator('[data-field="result"]').textContent();
  assert.ok(latest.trim().length > 0, "the latest result is shown");
  assert.equal(await parent.locator('button[data-action="listen"]').isVisible(), false, "no Nghe without scripts");
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  await parent.screenshot({ path: `${shots}/parent-nojs-360.png` });

  // Giữa học kì I, approved: seen, and a message to the teacher.
  const point = parent.locator('details.period-result[data-period="giua_hk1"]');
  assert.equal(await point.evaluate((d) => d.open), true, "the newest point is open");
  assert.ok((await point.locator(".level-mark").count()) > 3, "the point's levels");
  await point.locator('button[data-action="seen"]').click();
  await parent.locator('details.period-result[data-period="giua_hk1"] .badge-seen').waitFor();
  const words = "Cảm ơn cô giáo, gia đình sẽ kèm cháu đọc mỗi tối.";
  await parent.getByLabel("Nhắn giáo viên chủ nhiệm").fill(words);
  await parent.locator('button[data-action="reply"]').click();
  await parent.locator(".replies .reply", { hasText: words }).waitFor();
  await parent.screenshot({ path: `${shots}/parent-point-nojs-360.png`, fullPage: true });

  // The signed học bạ, through the plain link.
  const [download] = await Promise.all([
    parent.waitForEvent("download"),
    parent.getByRole("link", { name: "Tải học bạ", exact: true }).click(),
  ]);
  const name = download.suggestedFilename();
  assert.match(name, /^hoc-ba-giang-thi-my-.*\.pdf$/, name);
  const file = await download.path();
  assert.ok(readFileSync(file).subarray(0, 5).toString() === "%PDF-", "a PDF");

  // English and back, remembered by the cookie.
  await parent.getByRole("link", { name: "English" }).click();
  await parent.getByRole("heading", { name: "Results of Giàng Thị Mỷ" }).waitFor();
  assert.equal(await parent.locator("html").getAttribute("lang"), "en");
  await parent.goto(`${base}/`);
  await parent.getByRole("link", { name: "Download the school record", exact: true }).waitFor();
  await parent.getByRole("link", { name: "Tiếng Việt" }).click();
  await parent.getByRole("heading", { name: "Kết quả học tập của Giàng Thị Mỷ" }).waitFor();

  // A visitor checks the downloaded file, then its code (the QR link's address).
  const visitorContext = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const visitor = await visitorContext.newPage();
  visitor.setDefaultTimeout(15000);
  pages.push(visitor);
  await visitor.goto(`${base}/verify`);
  await visitor.getByTestId("verify-file").setInputFiles({ name, mimeType: "application/pdf", buffer: readFileSync(file) });
  await visitor.locator('button[data-action="verify-file"]').click();
  const verdict = visitor.locator('[data-testid="verify-verdict"]');
  assert.equal(await verdict.getAttribute("data-verdict"), "authentic");
  const code = (await visitor.locator('.fact[data-field="code"] dd').textContent()).trim();
  await visitor.getByTestId("verify-code").fill(code);
  await visitor.locator('button[data-action="verify-code"]').click();
  await visitor.waitForURL(`${base}/verify/${code}`);
  assert.equal(await verdict.getAttribute("data-verdict"), "authentic");
  await visitor.screenshot({ path: `${shots}/verify-nojs-360.png` });

  // The homeroom teacher's grid (the app, scripts on) shows who has seen the point and the message.
  const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await signIn(teacher, base, "gvcn5a");
  await teacher.goto(`${base}/lop/${classId}/giua_hk1`);
  await teacher.locator('.seen-mark[data-seen="true"]').first().waitFor();
  await teacher.locator('[data-testid="parent-feedback"] .reply-text', { hasText: words }).waitFor();

  // The parent's own account is a plain page too, reached from their name in the header.
  await parent.getByTestId("user-name").click();
  await parent.waitForURL(`${base}/tai-khoan`);
  await parent.locator('form[data-form="change-password"]').waitFor();

  // Signing out ends the session.
  await parent.getByRole("button", { name: "Đăng xuất", exact: true }).click();
  await parent.waitForURL(`${base}/dang-nhap`);
  await parent.goto(`${base}/`);
  assert.equal(new URL(parent.url()).pathname, "/dang-nhap");

  // axe-core on every parent and public page, at 360 px and at 200 % text, in both languages.
  const checked = await browser.newContext({ ...phone });
  for (const lang of ["vi", "en"]) {
    await checked.addCookies([{ name: "hocba_lang", value: lang, url: base }]);
    const page = await checked.newPage();
    pages.push(page);
    const paths = [["sign-in", "/dang-nhap"], ["verify", "/verify"], ["verify report", `/verify/${code}`]];
    if (lang === "vi") {
      await page.goto(`${base}/dang-nhap`);
      await page.getByLabel("Tên đăng nhập hoặc số điện thoại").fill("phuhuynh");
      await page.getByLabel("Mật khẩu").fill("demo");
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.waitForURL(`${base}/`);
    }
    paths.push(["parent's results", "/"], ["parent's account", "/tai-khoan"]);
    for (const [label, path] of paths) {
      await page.goto(`${base}${path}`);
      await expectNoSeriousViolations(page, `${label} (${lang}) at 360px`);
      await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
      await expectNoSeriousViolations(page, `${label} (${lang}) at 360px, 200% text`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `${label} (${lang}) at 200% text scrolls sideways by ${wide}px`);
    }
  }
  console.log("browser: parent and visitor without JavaScript passed");
} catch (e) {
  for (const [i, p] of pages.entries()) await p.screenshot({ path: `${shots}/nojs-failure-${i}.png` }).catch(() => {});
  throw e;
} finally {
  await browser.close();
}
