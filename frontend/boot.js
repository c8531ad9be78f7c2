// Starts the app (the wasm module) and registers the service worker that keeps the app shell for
// offline use. A file of its own, not inline, so the Content-Security-Policy allows scripts only
// from the server itself.
import init from "/frontend.js";

init({ module_or_path: "/frontend_bg.wasm" });
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
