// The console's only script of its own: tells the person when an htmx request failed instead of
// leaving a button that seems to do nothing. The pages work without it (plain forms and links).
(function () {
  function show(text) {
    var region = document.getElementById("live-message");
    if (!region) {
      return;
    }
    region.className = "banner banner-problem";
    region.textContent = text;
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    show(status === 403
      ? "Not allowed: you may not do this, or the page is too old. Reload it and try again."
      : "The console could not do this (HTTP " + status + "). Reload the page and try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    show("The console is not reachable. Check the connection and try again.");
  });
})();
