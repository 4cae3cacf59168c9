// Progressive enhancement only: every form works without this file.
// 1. Moves focus to the error summary so screen readers announce the problems first.
// 2. Shows only the fieldsets for the chosen listing type (capacity, personnel); without the
//    script they are all shown and their legends say when they apply. Hidden ones are disabled
//    so their fields are not sent.
// 3. Refuses a file over its field's data-max-bytes before it is sent, with the server's message
//    beside the field: uploading tens of megabytes only to hear "too large" wastes a poster's
//    time on a bad connection. The server checks again (and says the same) without the script.
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) {
      summary.focus();
    }
  }

  function linkErrorSummaryToFields() {
    // Links jump to the field itself, and the field's label stays in view above it.
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        event.preventDefault();
        var group = target.closest(".form-group, fieldset") || target;
        group.scrollIntoView();
        target.focus({ preventScroll: true });
      });
    });
  }

  function showFieldsForType(form) {
    var checked = form.querySelector("input[name='type']:checked");
    var type = checked ? checked.value : null;
    form.querySelectorAll("[data-listing-types]").forEach(function (group) {
      var applies = type !== null && group.getAttribute("data-listing-types").split(" ").indexOf(type) >= 0;
      group.hidden = !applies;
      group.disabled = !applies;
    });
  }

  function enhanceTypeSwitch() {
    document.querySelectorAll("form[data-listing-form]").forEach(function (form) {
      form.querySelectorAll("input[name='type']").forEach(function (radio) {
        radio.addEventListener("change", function () { showFieldsForType(form); });
      });
      showFieldsForType(form);
    });
  }

  function showFieldError(input, text) {
    var group = input.closest(".form-group");
    var id = input.id + "-error";
    var message = document.getElementById(id);
    if (!message) {
      message = document.createElement("span");
      message.className = "error-message";
      message.id = id;
      input.parentNode.insertBefore(message, input);
    }
    message.textContent = "";
    var prefix = document.createElement("span");
    prefix.className = "visually-hidden";
    prefix.textContent = input.getAttribute("data-error-prefix") || "";
    message.appendChild(prefix);
    message.appendChild(document.createTextNode(" " + text));
    if (group) { group.classList.add("form-group--error"); }
    input.setAttribute("aria-invalid", "true");
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(id) < 0) { described.push(id); }
    input.setAttribute("aria-describedby", described.join(" "));
    input.focus();
  }

  function checkFileSizes() {
    document.querySelectorAll("input[type='file'][data-max-bytes]").forEach(function (input) {
      var form = input.form;
      if (!form) { return; }
      form.addEventListener("submit", function (event) {
        var max = Number(input.getAttribute("data-max-bytes"));
        var tooLarge = Array.prototype.some.call(input.files || [], function (file) { return file.size > max; });
        if (tooLarge) {
          event.preventDefault();
          showFieldError(input, input.getAttribute("data-too-large"));
        }
      });
    });
  }

  function start() {
    enhanceTypeSwitch();
    checkFileSizes();
    linkErrorSummaryToFields();
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
