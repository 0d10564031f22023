// pelican-scholar: the dark-mode toggle and the copy buttons. The page reads
// fully without this script; it only adds these two conveniences.
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
