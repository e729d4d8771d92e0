// After marking a notification read with htmx, keep keyboard focus on the same row:
// the button that had focus is gone, so move focus to the row's link (or the row itself).
document.addEventListener("htmx:afterSwap", function (event) {
  var row = event.detail.target;
  if (!row || !row.id || row.id.indexOf("melding-") !== 0) {
    return;
  }
  var fresh = document.getElementById(row.id);
  if (!fresh) {
    return;
  }
  var link = fresh.querySelector("a");
  if (link) {
    link.focus();
  } else {
    fresh.setAttribute("tabindex", "-1");
    fresh.focus();
  }
});
