// Progress for a running batch: poll the status JSON, update the bar, reload when finished.
// Without JavaScript the page refreshes itself (a <noscript> meta refresh).
(function () {
  var box = document.getElementById("progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  var heading = document.getElementById("progress-h");
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (s) {
        if (s.total) { bar.max = s.total; }
        bar.value = s.done;
        text.textContent = s.done + " of " + (s.total || "…") + " checked, " + s.errors + " could not be read.";
        heading.textContent = s.state === "queued" ? "Waiting to start" : "Checking resumes";
        if (s.state === "queued" || s.state === "running") { setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(poll, 4000); });
  }
  setTimeout(poll, 1000);
})();
