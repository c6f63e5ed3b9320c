// Dorsi: after an htmx step swap, move focus to the new heading so keyboard and screen-reader
// users land at the top of the new step.
document.addEventListener("htmx:afterSwap", function (event) {
  var heading = event.detail.target.querySelector("h1[tabindex], h2[tabindex]") ||
    document.querySelector("#wizard h1");
  if (heading) { heading.focus(); window.scrollTo(0, 0); }
});

// Small behaviours declared in the markup (the Content-Security-Policy forbids on* attributes):
// data-print prints the page, data-autosubmit sends its form on change, data-select-on-focus
// selects a read-only field's text (a feed address to copy).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
document.addEventListener("change", function (event) {
  var field = event.target.closest("[data-autosubmit]");
  if (field && field.form) { field.form.submit(); }
});
document.addEventListener("focusin", function (event) {
  if (event.target.matches("[data-select-on-focus]")) { event.target.select(); }
});
