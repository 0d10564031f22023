// pelican-scholar: the dark-mode toggle, the copy buttons and the "/" key of
// the search page. The page reads fully without this script; it only adds
// these conveniences, each in its own block.
(function () {
  "use strict";
  var root = document.documentElement;
  var key = "scholar-theme";

  function currentScheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function showState(button) {
    button.setAttribute("aria-pressed", currentScheme() === "dark" ? "true" : "false");
  }

  document.querySelectorAll(".theme-toggle").forEach(function (button) {
    button.hidden = false;
    showState(button);
    button.addEventListener("click", function () {
      var next = currentScheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(key, next); } catch (e) { /* storage off: this page only */ }
      showState(button);
    });
  });

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        button.textContent = button.getAttribute("data-copied") || "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();

// The table of contents on wide screens: open beside the text, the section
// being read marked (aria-current="location"). Without this script it is a
// plain list, open or closed as the page was written.
(function () {
  "use strict";
  var toc = document.querySelector(".toc");
  if (!toc) return;
  var wide = window.matchMedia("(min-width: 80rem)");
  var details = toc.querySelector("details");
  function openWhenWide() { if (wide.matches && details) details.open = true; }
  openWhenWide();
  if (wide.addEventListener) wide.addEventListener("change", openWhenWide);

  var links = {};
  var targets = [];
  toc.querySelectorAll('a[href^="#"]').forEach(function (link) {
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (target) { links[target.id] = link; targets.push(target); }
  });
  if (!targets.length) return;
  var pending = false;
  function mark() {
    pending = false;
    // The last heading above the reading line, a fifth down the viewport.
    var line = window.innerHeight / 5, current = targets[0];
    targets.forEach(function (target) {
      if (target.getBoundingClientRect().top <= line) current = target;
    });
    targets.forEach(function (target) {
      if (target === current) links[target.id].setAttribute("aria-current", "location");
      else links[target.id].removeAttribute("aria-current");
    });
  }
  window.addEventListener("scroll", function () {
    if (!pending) { pending = true; window.requestAnimationFrame(mark); }
  }, { passive: true });
  mark();
})();

// "/" focuses the search box, on the search page (Pagefind's input), as on
// GitHub or MDN. Only there: on other pages "/" stays the browser's (Firefox's
// Quick Find), and no key press takes the reader to another page. Left alone
// while typing in a field, with a modifier key, or when the page took it.
(function () {
  "use strict";
  var typing = "input, textarea, select, [contenteditable]:not([contenteditable='false'])";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && target.closest && target.closest(typing)) return;
    var box = document.querySelector("#search .pagefind-ui__search-input");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
})();
