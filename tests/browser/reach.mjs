// `cargo xtask bench reach`: what the app costs on a weak mobile link. Chromium with the network
// emulated at 1.6 Mbps down, 750 kbps up and 300 ms latency; each first view with a cold cache
// (the session cookie kept), then the same view again with the cache warm. For each: the bytes
// transferred (encoded, as on the wire) and the time from navigation until what the person came
// for is visible. Prints one `key value` line per measure, and `# name first: url bytes` for each
// resource of a first view. With `--check`, fails when a parent's or a visitor's first view
// transfers more than 150 KB (the goal of the public path), or the teacher's grid more than 350 KB
// (its goal) or without the grid's build (the times are the benchmark's to judge).
// Usage: node reach.mjs BASE_URL PUPIL_ID CLASS_ID [--check]
import { launch, signIn } from "./launch.mjs";

const [base, pupil, classId, flag] = process.argv.slice(2);
const check = flag === "--check";
if (!base || !pupil || !classId) throw new Error("usage: node reach.mjs BASE_URL PUPIL_ID CLASS_ID");

const LINK = { offline: false, latency: 300, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

// One view: `path` opened on `page` under the emulated link until `ready` is visible; answers
// [KB transferred, ms].
async function view(page, cdp, path, ready, resources = []) {
  let bytes = 0;
  const urls = new Map();
  const sent = (e) => urls.set(e.requestId, e.request.url.replace(base, ""));
  const done = (e) => {
    bytes += e.encodedDataLength;
    resources.push([urls.get(e.requestId) ?? e.requestId, e.encodedDataLength]);
  };
  cdp.on("Network.requestWillBeSent", sent);
  cdp.on("Network.loadingFinished", done);
  const t0 = Date.now();
  await page.goto(`${base}${path}`, { waitUntil: "commit" });
  await page.locator(ready).first().waitFor({ state: "visible", timeout: 120000 });
  const ms = Date.now() - t0;
  // Let what is still in flight for this view arrive before counting.
  await page.waitForLoadState("networkidle").catch(() => {});
  cdp.off("Network.loadingFinished", done);
  cdp.off("Network.requestWillBeSent", sent);
  return [bytes / 1024, ms];
}

// The public path's goal, and for the teacher (goal 350 KB) a guard against growing back: the
// teacher's build of the app stood at about 420 KB.
const LIMIT_KB = { parent: 150, verify: 150, teacher: 350 };

async function measure(browser, name, user, path, ready) {
  // Signed in beforehand in another context; the measured one starts with that session only: no
  // cached file, no service worker.
  let storageState;
  if (user) {
    const signing = await browser.newContext();
    await signIn(await signing.newPage(), base, user);
    storageState = await signing.storageState();
    await signing.close();
  }
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, storageState });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", LINK);
  const resources = [];
  const [kb, ms] = await view(page, cdp, path, ready, resources);
  for (const [url, b] of resources) console.log(`# ${name} first: ${url} ${b}`);
  const [againKb, againMs] = await view(page, cdp, path, ready);
  console.log(`${name}_first_kb ${kb.toFixed(1)}`);
  console.log(`${name}_first_ms ${ms}`);
  console.log(`${name}_repeat_kb ${againKb.toFixed(1)}`);
  console.log(`${name}_repeat_ms ${againMs}`);
  await context.close();
  if (check && kb > LIMIT_KB[name]) {
    throw new Error(`${name}'s first view transferred ${kb.toFixed(1)} KB (limit ${LIMIT_KB[name]} KB)`);
  }
  if (check && name === "teacher" && !resources.some(([url]) => url.includes("/frontend_grid_bg."))) {
    throw new Error("the teacher was not given the grid's build of the app");
  }
}

const browser = await launch();
try {
  // The parent: the child's latest result.
  await measure(browser, "parent", "phuhuynh", `/hoc-sinh/${pupil}`, ".year-result .value");
  // A stranger checking a học bạ: the verification page, ready to take a file or a code.
  await measure(browser, "verify", null, "/verify", "#verify-code");
  // The homeroom teacher: the cuối học kì I grid, ready to type in.
  await measure(browser, "teacher", "gvcn5a", `/lop/${classId}/cuoi_hk1`, "input.cell-input, textarea.cell-input");
} finally {
  await browser.close();
}
