// Drag and drop for the Library's upload: files dropped on the zone become the file input's choice, so
// they go up through the same form (and the same CSRF token) as files chosen by hand.
(function () {
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("upload-files");
  if (!zone || !input) {
    return;
  }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () {
      zone.classList.remove("dragging");
    });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
