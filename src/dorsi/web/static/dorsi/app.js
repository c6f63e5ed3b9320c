// Dorsi: after an htmx step swap, move focus to the new heading so keyboard and screen-reader
// users land at the top of the new step.
document.addEventListener("htmx:afterSwap", function (event) {
  var heading = event.detail.target.querySelector("h1[tabindex], h2[tabindex]") ||
    document.querySelector("#wizard h1");
  if (heading) { heading.focus(); window.scrollTo(0, 0); }
});
