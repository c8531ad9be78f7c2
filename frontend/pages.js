// The only script of the server-rendered pages (sign-in, a parent's results, verification): it
// shows the "Nghe" button where the browser can speak and reads the text the page put on it, and
// sends the verification form as soon as a file is chosen. Everything else on those pages works
// without JavaScript.
for (const input of document.querySelectorAll("input[data-autosubmit]")) {
  input.addEventListener("change", () => {
    if (input.files && input.files.length > 0) input.form.requestSubmit();
  });
}
for (const button of document.querySelectorAll("button[data-listen]")) {
  if (!("speechSynthesis" in window)) continue;
  const label = button.querySelector(".label");
  const listen = label ? label.textContent : "";
  button.hidden = false;
  button.addEventListener("click", () => {
    if (speechSynthesis.speaking) {
      speechSynthesis.cancel();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(button.dataset.listen);
    utterance.lang = button.dataset.speechLang || "vi-VN";
    const voice = speechSynthesis.getVoices().find((v) => v.lang.replace("_", "-").startsWith(utterance.lang.slice(0, 2)));
    if (voice) utterance.voice = voice;
    utterance.onend = utterance.onerror = () => {
      if (label) label.textContent = listen;
      button.setAttribute("aria-pressed", "false");
    };
    if (label) label.textContent = button.dataset.stop || listen;
    button.setAttribute("aria-pressed", "true");
    speechSynthesis.speak(utterance);
  });
}
