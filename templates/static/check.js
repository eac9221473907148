// Upload forms (check, compare, batch): progressive enhancement only. Without JavaScript the
// forms post as usual and the server answers every problem on the form.
//  - A file over the limit (data-max-bytes on the file input) is refused here, before the upload
//    starts, with the same inline message the server gives: nothing typed or pasted is lost.
//  - Once the form is sent, the submit button says data-working ("Checking…") and is disabled, and
//    the status line (role="status") tells screen reader users the check is running.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-working]");
  if (!forms.length) { return; }

  function megabytes(bytes) {
    var mb = bytes / 1048576;
    return mb >= 10 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
  }

  function oversized(form) {
    var inputs = form.querySelectorAll("input[type=file][data-max-bytes]");
    for (var i = 0; i < inputs.length; i += 1) {
      var input = inputs[i];
      var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
      var file = input.files && input.files[0];
      if (file && limit && file.size > limit) {
        return { input: input, message: "“" + file.name + "” is " + megabytes(file.size) + " MB, over the " +
          megabytes(limit) + " MB limit, so it was not uploaded. A resume is rarely over 1 MB: remove large " +
          "pictures or export it again (File > Save As > PDF or Word), then choose the smaller file. " +
          "Everything else you entered is still here." };
      }
    }
    return null;
  }

  function errorBox(form) {
    var box = document.getElementById("form-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "form-error";
      box.className = "error-box";
      box.setAttribute("role", "alert");
      form.parentNode.insertBefore(box, form);
    }
    return box;
  }

  function showError(form, input, message) {
    var box = errorBox(form);
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = form.getAttribute("data-error-title") || "We could not send that file.";
    box.appendChild(title);
    box.appendChild(document.createTextNode(" " + message));
    box.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  function clearError(form, input) {
    var box = document.getElementById("form-error");
    if (box && box.getAttribute("data-client") === "1") { box.hidden = true; }
    if (input) { input.removeAttribute("aria-invalid"); }
  }

  function reset(form) {
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector("[data-status]");
    form.removeAttribute("data-busy");
    if (button && button.hasAttribute("data-label")) {
      button.textContent = button.getAttribute("data-label");
      button.disabled = false;
    }
    if (status) { status.textContent = ""; }
  }

  // A link pasted where the posting belongs (common on phones): refused here, so the chosen file stays
  // chosen; the server refuses it too (posting_is_link), with the same words, for forms sent without this script.
  var LINK = /(?:https?:\/\/|www\.)\S+/gi;
  function isLink(text) {
    if (!text || !text.match(LINK)) { return false; }
    var rest = text.replace(LINK, " ").split(/\s+/).filter(function (w) { return w; });
    return rest.length <= 12;
  }

  Array.prototype.forEach.call(forms, function (form) {
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector("[data-status]");

    // Tell at once when a chosen file is too large, not only on submit.
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file][data-max-bytes]"), function (input) {
      input.addEventListener("change", function () {
        var problem = oversized(form);
        if (problem) {
          showError(form, problem.input, problem.message);
          errorBox(form).setAttribute("data-client", "1");
        } else {
          clearError(form, input);
        }
      });
    });

    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-busy")) { event.preventDefault(); return; }  // a second click
      var problem = oversized(form);
      if (problem) {
        event.preventDefault();
        showError(form, problem.input, problem.message);
        errorBox(form).setAttribute("data-client", "1");
        return;
      }
      var job = form.querySelector("textarea[name=job]");
      var linkError = document.getElementById("job-link-error");
      if (job && linkError) {
        if (isLink(job.value)) {
          event.preventDefault();
          linkError.hidden = false;
          job.setAttribute("aria-invalid", "true");
          job.focus();
          return;
        }
        linkError.hidden = true;
        job.removeAttribute("aria-invalid");
      }
      form.setAttribute("data-busy", "1");
      if (button) {
        button.setAttribute("data-label", button.textContent);
        button.textContent = form.getAttribute("data-working");
        // Disabled once the browser has taken the form data, so the submission goes ahead unchanged.
        window.setTimeout(function () { button.disabled = true; }, 0);
      }
      if (status) { status.textContent = form.getAttribute("data-working-status") || ""; }
    });
  });

  // Back from the report (the page restored from the back-forward cache): the form works again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { Array.prototype.forEach.call(forms, reset); }
  });
})();
