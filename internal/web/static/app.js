// Huddle's only script besides htmx: links to a moment of a call also seek
// the recording, when there is one. Loaded as a file: the CSP forbids
// inline script.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-seek]");
  var player = document.getElementById("player");
  if (!link || !player) return;
  var seconds = parseInt(link.getAttribute("data-seek").replace("t-", ""), 10);
  if (!isNaN(seconds)) {
    player.currentTime = seconds;
    player.play().catch(function () {});
  }
});
