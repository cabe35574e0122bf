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

// The session run sheet: an elapsed-time display for a running session,
// and the agenda item that is due now marked as current.
(function () {
  var clock = document.getElementById("elapsed");
  if (!clock) return;
  var started = Date.parse(clock.getAttribute("data-started"));
  if (isNaN(started)) return;
  var items = document.querySelectorAll(".agenda-item[data-offset]");
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var s = Math.max(0, Math.floor((Date.now() - started) / 1000));
    clock.textContent = "Elapsed " + Math.floor(s / 60) + ":" + pad(s % 60);
    var minute = s / 60;
    for (var i = 0; i < items.length; i++) {
      var from = parseInt(items[i].getAttribute("data-offset"), 10);
      var len = parseInt(items[i].getAttribute("data-minutes"), 10);
      var now = minute >= from && minute < from + len;
      items[i].classList.toggle("current", now);
      if (now) items[i].setAttribute("aria-current", "step"); else items[i].removeAttribute("aria-current");
    }
  }
  tick();
  setInterval(tick, 1000);
})();
