// Debian's Chromium, headless, as every browser scenario starts it: a Vietnamese browser (its
// pages ask for Vietnamese in Accept-Language and navigator.languages) unless a scenario names
// another locale.
import { chromium } from "playwright-core";

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--lang=vi"],
  });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: "vi-VN", ...options });
  browser.newPage = (options = {}) => newPage({ locale: "vi-VN", ...options });
  return browser;
}

// Signs in through the login page with a demo account (password "demo") and waits until the app
// has left the login page.
export async function signIn(page, base, username) {
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill("demo");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dang-nhap"));
}
