// A new teacher's first sign-in with the one-time password the school issued: the sign-in goes
// straight to "Tài khoản của tôi" (a page of the server), which says why; every other page sends
// back there. A wrong
// current password is shown on its field; two different new passwords on the second field. With a
// good new password the teacher reaches the home page; the old password no longer opens a
// session, the new one does. Then "Đăng xuất mọi thiết bị" (after a confirmation step) signs this
// browser and a second one out. Screenshots at 1366 px and 360 px.
// Usage: node account.mjs BASE_URL USERNAME ONE_TIME_PASSWORD SCREENSHOT_DIR
import { launch } from "./launch.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, username, oneTime, shots = "screenshots"] = process.argv.slice(2);
assert.ok(base && username && oneTime, "usage: node account.mjs BASE_URL USERNAME ONE_TIME_PASSWORD SCREENSHOT_DIR");
mkdirSync(shots, { recursive: true });
const fresh = "Hoa ban nở trắng 2026";

async function signIn(page, password) {
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(page, oneTime);
  await page.waitForURL(`${base}/tai-khoan`);
  await page.getByTestId("must-change-password").waitFor();
  // Any other page sends back here until the password is changed.
  await page.goto(`${base}/`);
  await page.waitForURL(`${base}/tai-khoan`);
  await page.screenshot({ path: `${shots}/account-must-change.png`, fullPage: true });

  const form = page.locator('form[data-form="change-password"]');
  await form.getByLabel("Mật khẩu hiện tại").fill("không phải mật khẩu này");
  await form.getByLabel("Mật khẩu mới").fill(fresh);
  await form.getByLabel("Nhập lại mật khẩu").fill(fresh);
  await form.locator('button[data-action="change-password"]').click();
  await form.locator('[data-field="current_password"].invalid').waitFor();
  assert.match(await form.locator('[data-field="current_password"]').innerText(), /không đúng/);

  // A refused form comes back without the passwords typed (never written into a page).
  assert.equal(await form.getByLabel("Mật khẩu mới").inputValue(), "");
  await form.getByLabel("Mật khẩu hiện tại").fill(oneTime);
  await form.getByLabel("Mật khẩu mới").fill(fresh);
  await form.getByLabel("Nhập lại mật khẩu").fill(fresh + "!");
  await form.locator('button[data-action="change-password"]').click();
  await form.locator('[data-field="again"].invalid').waitFor();

  await form.getByLabel("Mật khẩu hiện tại").fill(oneTime);
  await form.getByLabel("Mật khẩu mới").fill(fresh);
  await form.getByLabel("Nhập lại mật khẩu").fill(fresh);
  await form.locator('button[data-action="change-password"]').click();
  await page.getByText("Đã đổi mật khẩu").waitFor();
  assert.equal(await page.getByTestId("must-change-password").count(), 0, "the reminder is gone");
  await page.goto(`${base}/`);
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByTestId("user-name").waitFor();

  // The old password opens nothing any more; the new one does (in another browser).
  const other = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await signIn(other, oneTime);
  await other.getByRole("alert").waitFor();
  assert.ok(other.url().includes("/dang-nhap"), "the issued password is refused");
  await signIn(other, fresh);
  await other.waitForURL((url) => !url.pathname.startsWith("/dang-nhap"));

  // Sign out everywhere from the account page (reached from the name in the header).
  await page.getByTestId("user-name").click();
  await page.waitForURL(`${base}/tai-khoan`);
  await page.locator('button[data-action="logout-all"]').click();
  await page.screenshot({ path: `${shots}/account-logout-all.png`, fullPage: true });
  await page.getByTestId("logout-all-confirm").waitFor();
  await page.locator('button[data-action="confirm"]').click();
  await page.waitForURL(`${base}/dang-nhap`);
  await other.goto(`${base}/`);
  await other.waitForURL(`${base}/dang-nhap`);
  await other.screenshot({ path: `${shots}/account-signed-out-phone.png`, fullPage: true });
  console.log("account: issued password changed at first sign-in; signed out everywhere");
} finally {
  await browser.close();
}
