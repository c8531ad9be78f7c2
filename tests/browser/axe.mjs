// axe-core in the page: runs the WCAG 2.x A/AA rules and best practices on the whole document
// and returns the critical and serious violations (rule, impact, the first nodes' selectors).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

// Evaluated through the DevTools protocol: the app's Content Security Policy (scripts only from
// the server) stays in force for the page itself.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}

// Fails with every critical or serious violation of the page, named by `label`; returns the
// count of all violations checked (for the summary line).
export async function expectNoSeriousViolations(page, label) {
  const found = await axeViolations(page);
  if (found.length > 0) {
    throw new Error(`axe-core on ${label}: ${found.length} critical/serious violation(s)\n${JSON.stringify(found, null, 2)}`);
  }
  console.log(`axe ${label}: 0 critical, 0 serious`);
}
