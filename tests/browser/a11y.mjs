// axe-core on every page of the homeroom teacher and of the principal: the home page, the grid
// at each of the four periodic points, the year end, the class summary, the account page; the
// review list, the review screen of a submitted record with its approval checklist open, the
// return confirmation, the dashboard and the signing page. Each must have no critical or serious
// violation; the summary per page is printed.
// Usage: node a11y.mjs BASE_URL CLASS_ID SCREENSHOT_DIR
import { launch, signIn } from "./launch.mjs";
import { expectNoSeriousViolations } from "./axe.mjs";
import { mkdirSync } from "node:fs";

const [base, classId, shots = "screenshots"] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const periods = ["giua_hk1", "cuoi_hk1", "giua_hk2", "cuoi_nam"];
const browser = await launch();
const pages = [];

async function visit(page, path, ready, label) {
  // A page load waits for every asset; on a CI machine running the other suites at the same time
  // that can take longer than the default wait. What is checked is the page's accessibility.
  await page.goto(`${base}${path}`, { timeout: 45000 });
  await page.locator(ready).first().waitFor();
  // The app has settled: nothing is loading any more.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .loading'));
  await expectNoSeriousViolations(page, label);
}

try {
  const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  teacher.setDefaultTimeout(15000);
  pages.push(teacher);
  await signIn(teacher, base, "gvcn5a");
  await visit(teacher, "/", "main h1", "teacher: home");
  for (const p of periods) {
    await visit(teacher, `/lop/${classId}/${p}`, "table.grid", `teacher: grid ${p}`);
  }
  await visit(teacher, `/lop/${classId}/cuoi-nam`, "table.ye-table", "teacher: year end");
  for (const p of ["cuoi_hk1", "cuoi_nam"]) {
    await visit(teacher, `/lop/${classId}/tong-hop/${p}`, "main h1", `teacher: summary ${p}`);
  }
  await visit(teacher, "/tai-khoan", "main h1", "teacher: account");

  const principal = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  principal.setDefaultTimeout(15000);
  pages.push(principal);
  await signIn(principal, base, "hieutruong");
  await visit(principal, "/duyet", "main h1", "principal: reviews");
  await visit(principal, "/tong-quan", "main h1", "principal: dashboard");
  await visit(principal, `/lop/${classId}/cuoi_nam`, "table.grid", "principal: grid cuoi_nam");
  await visit(principal, `/lop/${classId}/cuoi-nam`, "table.ye-table", "principal: year end");
  await visit(principal, `/lop/${classId}/tong-hop/cuoi_nam`, "main h1", "principal: summary cuoi_nam");
  await visit(principal, "/ky-so", "main h1", "principal: signing");
  await visit(principal, "/tai-khoan", "main h1", "principal: account");
  await visit(principal, `/duyet/${classId}/cuoi_nam`, '[data-testid="review-pupil-name"]', "principal: review");
  // The approval checklist, open.
  await principal.locator('button[data-action="approve"]').click();
  await principal.locator('dialog.approve-dialog [data-testid="checklist"]').waitFor();
  await expectNoSeriousViolations(principal, "principal: approval checklist");
  await principal.screenshot({ path: `${shots}/a11y-checklist-1366.png` });
  await principal.locator('dialog.approve-dialog button[data-action="cancel"]').click();
  // The return confirmation, open.
  await principal.locator("#review-class-comment").fill("Đề nghị bổ sung chiều cao, cân nặng.");
  await principal.locator('button[data-action="return"]').click();
  await principal.locator("dialog.confirm-dialog").waitFor();
  await expectNoSeriousViolations(principal, "principal: return confirmation");
  await principal.locator('dialog.confirm-dialog button[data-action="cancel"]').click();
  console.log("a11y scenario ok");
} catch (e) {
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: `${shots}/failure-a11y-${i}.png`, fullPage: true }).catch(() => {});
  }
  throw e;
} finally {
  await browser.close();
}
