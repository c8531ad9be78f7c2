// The service worker of hocba: keeps the app shell (page, script, wasm, styles) so the app opens
// without a network. API calls are never cached here: the app keeps the teacher's grid and the
// writes waiting to be sent in IndexedDB itself.
// Registered as `/sw.js` by the full app, `/sw.js?area=teacher` by the teacher's build and
// `/sw.js?area=grid` by the teacher's first screens: each keeps its own page and files (the first
// file is the page). A teacher moves between the last two; each area's files are kept once per
// build, so going back and forth downloads nothing again.
const BUILD = "__HOCBA_BUILD__";
const AREA = ["teacher", "grid"].find((a) => a === new URL(self.location.href).searchParams.get("area")) || "full";
const SHELL = `hocba-shell-${AREA}-${BUILD}`;
const AREA_FILES = {
  full: ["/index.html", "/boot.js", "/frontend.js", "/frontend_bg.wasm", "/style.css"],
  teacher: ["/index_teacher.html", "/boot_teacher.js", "/frontend_teacher.js", "/frontend_teacher_bg.wasm", "/style.css"],
  grid: ["/index_grid.html", "/boot_grid.js", "/frontend_grid.js", "/frontend_grid_bg.wasm", "/style.css"],
};
const FILES = AREA_FILES[AREA];
const PAGE = FILES[0];

self.addEventListener("install", (event) => {
  // Without the session cookie: the kept page carries no one's session.
  const requests = FILES.map((f) => new Request(f, { credentials: "omit" }));
  // Kept already (this area of this build, every file present): nothing to download again.
  const keep = caches.open(SHELL).then((cache) =>
    Promise.all(FILES.map((f) => cache.match(f))).then((hits) => hits.every(Boolean) || cache.addAll(requests)));
  event.waitUntil(keep.then(() => self.skipWaiting()));
});

// Older builds' files go; this build's other areas stay.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => keys.filter((k) => k.startsWith("hocba-shell-") && !k.endsWith(`-${BUILD}`)))
      .then((old) => Promise.all(old.map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Pages of the app (client-side routes): the network first, the cached page when it fails.
// Files of the shell: the cached copy of this build. Everything else goes to the network.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/mau/") || url.pathname === "/sw.js") return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(PAGE, { cacheName: SHELL })));
    return;
  }
  if (FILES.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});
