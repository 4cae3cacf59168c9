// Progressive enhancement only: every form works without this file.
// 1. Moves focus to the error summary so screen readers announce the problems first.
// 2. Shows only the fieldsets for the chosen listing type (capacity, personnel); without the
//    script they are all shown and their legends say when they apply. Hidden ones are disabled
//    so their fields are not sent.
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

  function start() {
    enhanceTypeSwitch();
    linkErrorSummaryToFields();
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
