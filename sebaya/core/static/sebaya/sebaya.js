// Sebaya's own small script. Pages work without it; it only adds conveniences.
// No inline handlers anywhere: the Content-Security-Policy allows scripts from our files only.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
