// The report page's Print button: shown only when scripts run (without them, the browser's own Print works).
for (const button of document.querySelectorAll(".js-print")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
