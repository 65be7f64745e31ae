// KoKoMa's only own script: progressive enhancement, the pages work without it.
// 1. On narrow screens the main navigation folds behind a menu button (aria-expanded).
// 2. A table wider than its column scrolls in its own region, which then becomes focusable and is
//    named after the table's caption, so keyboard and screen-reader users can reach and scroll it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var button = document.querySelector(".menu-button");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) { return; }
    button.hidden = false;
    nav.setAttribute("data-collapsed", "true");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      nav.setAttribute("data-collapsed", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        nav.setAttribute("data-collapsed", "true");
        button.focus();
      }
    });
  }

  function labelScrollingTables(root) {
    (root || document).querySelectorAll(".kern-table-responsive").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        var caption = region.querySelector("caption");
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      } else if (region.getAttribute("role") === "region") {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  }

  function start() {
    setUpMenu();
    labelScrollingTables();
    var pending;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(labelScrollingTables, 150);
    });
    document.body.addEventListener("htmx:afterSettle", function (event) { labelScrollingTables(event.target); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
