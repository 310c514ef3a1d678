// Progressive enhancement only: every page works without this file.
// On narrow screens the main navigation folds behind a "Menu" button.
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var nav = document.getElementById("site-nav");
  if (!button || !nav) return;
  var narrow = window.matchMedia("(max-width: 48rem)");

  function apply() {
    if (narrow.matches) {
      button.hidden = false;
      nav.dataset.collapsed = button.getAttribute("aria-expanded") === "true" ? "false" : "true";
    } else {
      button.hidden = true;
      delete nav.dataset.collapsed;
    }
  }

  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    apply();
    if (!open) {
      var first = nav.querySelector("a, input");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      button.setAttribute("aria-expanded", "false");
      apply();
      button.focus();
    }
  });
  narrow.addEventListener("change", apply);
  apply();
})();

// A printed sheet carries the day it was printed, not the day the page was served.
(function () {
  "use strict";
  var stamp = document.querySelector(".print-date");
  if (!stamp || !window.Intl) return;
  window.addEventListener("beforeprint", function () {
    var today = new Date();
    var format = new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "long" });
    stamp.textContent = format.format(today);
    stamp.setAttribute("datetime", today.toISOString().slice(0, 10));
  });
})();

// On phones the project filters start folded behind their summary, which shows the result count;
// on desks (and without this file) they stay open.
(function () {
  "use strict";
  var panel = document.querySelector(".filters-panel");
  if (!panel || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 56rem)");
  function apply() {
    panel.open = !narrow.matches;
  }
  narrow.addEventListener("change", apply);
  apply();
})();
