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

  // 3. Before an idle session ends (core.middleware.IdleTimeoutMiddleware) a warning offers to go
  //    on; typing into a form renews the session (at most once a minute), so no text is lost.
  function setUpIdleWarning() {
    var box = document.getElementById("session-warning");
    if (!box || !window.fetch) { return; }
    var idle = parseInt(box.getAttribute("data-idle-seconds"), 10);
    var aliveUrl = box.getAttribute("data-alive-url");
    var button = box.querySelector(".session-warning__continue");
    var ended = box.querySelector(".session-warning__ended");
    var warnTimer, endTimer, lastRenewed = Date.now();
    if (!idle) { return; }
    function schedule() {
      lastRenewed = Date.now();
      window.clearTimeout(warnTimer);
      window.clearTimeout(endTimer);
      box.hidden = true;
      warnTimer = window.setTimeout(function () {
        box.hidden = false;
        button.focus();
      }, Math.max(idle - 120, idle * 0.8) * 1000);
      endTimer = window.setTimeout(function () {
        box.hidden = false;
        ended.hidden = false;
        button.hidden = true;
      }, idle * 1000);
    }
    function renew() {
      window.fetch(aliveUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.ok && !response.redirected) { schedule(); } else { ended.hidden = false; button.hidden = true; box.hidden = false; }
        });
    }
    button.addEventListener("click", renew);
    document.addEventListener("input", function () {
      if (ended.hidden && Date.now() - lastRenewed > 60000) { renew(); }
    });
    document.body.addEventListener("htmx:afterRequest", schedule);
    schedule();
  }

  function start() {
    setUpMenu();
    setUpIdleWarning();
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
