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
