// callscreen review pages: the only script, served from /ui/static so the
// CSP can forbid inline script. Pages work without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
});
