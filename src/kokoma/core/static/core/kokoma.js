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

  // 4. Drafts: pages behind login are never stored by the browser (Cache-Control: no-store), so
  //    Back or a new sign-in would show an empty form. While a form that is sent with POST holds
  //    typed input, its values wait in this tab's sessionStorage and come back when the same page
  //    is shown again, with a notice and a button to discard them. A sent draft is dropped once the
  //    next page confirms the save (a success message); refused, it stays. Signing out removes all
  //    drafts; password and file fields are never kept; a draft older than 12 hours is dropped.
  var DRAFT = "kokoma-draft:";
  var DRAFT_HOURS = 12;

  function draftForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form[method=post], form[method=POST]"), function (form) {
      return !form.querySelector("input[type=password]") && form.querySelector("textarea, input[type=text], input:not([type]), input[type=date], select");
    });
  }

  function draftKey(form, index) {
    return DRAFT + window.location.pathname + window.location.search + "#" + index + ":" + (form.getAttribute("action") || "");
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      var type = (field.type || "").toLowerCase();
      return field.name && field.name !== "csrfmiddlewaretoken" && !field.disabled &&
        ["password", "file", "submit", "button", "reset", "image"].indexOf(type) < 0;
    });
  }

  function keepDraft(form, key) {
    var values = fieldsOf(form).map(function (field) {
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") { return [field.name, field.value, field.checked]; }
      if (type === "select-multiple") {
        return [field.name, Array.prototype.filter.call(field.options, function (o) { return o.selected; }).map(function (o) { return o.value; })];
      }
      return [field.name, field.value];
    });
    try { window.sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), values: values })); } catch (e) { /* storage full or off */ }
  }

  function settleSentDrafts() {
    var saved = document.querySelector(".messages .kern-alert--success");
    Object.keys(window.sessionStorage).forEach(function (key) {
      if (key.indexOf(DRAFT) !== 0) { return; }
      var draft;
      try { draft = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { draft = null; }
      if (!draft || !draft.sent) { return; }
      if (saved) {
        window.sessionStorage.removeItem(key);
      } else {
        delete draft.sent;
        window.sessionStorage.setItem(key, JSON.stringify(draft));
      }
    });
  }

  function restoreDraft(form, key) {
    var draft;
    try { draft = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { draft = null; }
    if (!draft || Date.now() - draft.at > DRAFT_HOURS * 3600000) { window.sessionStorage.removeItem(key); return; }
    var fields = fieldsOf(form);
    draft.values.forEach(function (entry) {
      fields.forEach(function (field) {
        if (field.name !== entry[0]) { return; }
        var type = (field.type || "").toLowerCase();
        if (type === "checkbox" || type === "radio") {
          if (field.value === entry[1]) { field.checked = entry[2]; }
        } else if (type === "select-multiple") {
          Array.prototype.forEach.call(field.options, function (o) { o.selected = entry[1].indexOf(o.value) >= 0; });
        } else if (typeof entry[1] === "string") {
          field.value = entry[1];
        }
      });
    });
    var notice = document.getElementById("draft-notice-template");
    if (notice) {
      var shown = notice.content.firstElementChild.cloneNode(true);
      shown.querySelector("button").addEventListener("click", function () {
        window.sessionStorage.removeItem(key);
        window.location.reload();
      });
      form.insertBefore(shown, form.firstChild);
    }
  }

  function setUpDrafts() {
    if (!window.sessionStorage || !document.getElementById("draft-notice-template")) { return; }
    settleSentDrafts();
    draftForms().forEach(function (form, index) {
      var key = draftKey(form, index);
      var pending;
      // A form the server sent back with errors already shows what was typed.
      if (!form.querySelector("#form-errors, [aria-invalid=true]")) { restoreDraft(form, key); }
      function changed() {
        window.clearTimeout(pending);
        pending = window.setTimeout(function () { keepDraft(form, key); }, 300);
      }
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("submit", function () {
        window.clearTimeout(pending);
        var draft;
        try { draft = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { draft = null; }
        if (draft) {
          draft.sent = true;
          window.sessionStorage.setItem(key, JSON.stringify(draft));
        }
      });
    });
    document.querySelectorAll("form.logout").forEach(function (form) {
      form.addEventListener("submit", function () {
        Object.keys(window.sessionStorage).forEach(function (key) {
          if (key.indexOf(DRAFT) === 0) { window.sessionStorage.removeItem(key); }
        });
      });
    });
  }

  function start() {
    setUpMenu();
    setUpIdleWarning();
    setUpDrafts();
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
