// pelican-scholar: the colour scheme switch, the copy buttons and the tab
// stops of scrolling blocks. The page reads fully without this script; it
// only adds these conveniences. Each is one function below, called at the end.
(function () {
  "use strict";
  var root = document.documentElement;

  // One polite live region for the page: what a button did ("Copied").
  var status = null;
  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = "";
    // A change after the region exists is what screen readers announce.
    setTimeout(function () { status.textContent = text; }, 50);
  }

  // Colour scheme: Auto, Light or Dark (partials/theme_toggle.html). A choice
  // is stored under "scholar-theme" and set as data-theme on <html> (the
  // inline script of partials/theme_init.html applies it before first
  // paint); Auto removes both, and CSS then follows prefers-color-scheme,
  // live. A choice made in another tab is followed here too.
  function themeSwitch() {
    var key = "scholar-theme";
    var groups = document.querySelectorAll(".theme-toggle");

    function stored() {
      try {
        var value = localStorage.getItem(key);
        return value === "light" || value === "dark" ? value : "auto";
      } catch (e) { return root.getAttribute("data-theme") || "auto"; }
    }

    function show(choice) {
      if (choice === "auto") root.removeAttribute("data-theme");
      else root.setAttribute("data-theme", choice);
      groups.forEach(function (group) {
        group.querySelectorAll("input").forEach(function (input) {
          input.checked = input.value === choice;
        });
      });
    }

    groups.forEach(function (group) {
      group.hidden = false;
      group.addEventListener("change", function (event) {
        var choice = event.target.value;
        try {
          if (choice === "auto") localStorage.removeItem(key);
          else localStorage.setItem(key, choice);
        } catch (e) { /* storage off: this page only */ }
        show(choice);
      });
    });
    show(root.getAttribute("data-theme") || "auto");
    window.addEventListener("storage", function (event) {
      if (event.key === key || event.key === null) show(stored());
    });
  }

  // "Copy BibTeX" buttons: copy the text of the element named by data-copy.
  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent).then(function () {
          var copied = button.getAttribute("data-copied") || "Copied";
          button.textContent = copied;
          announce(copied);
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  // Code blocks (partials/content_blocks.html): the copy button copies the
  // code as written, without Pygments' line numbers or the language label.
  function codeCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".code-block").forEach(function (block) {
      var button = block.querySelector(".code-block__copy");
      var code = block.querySelector(".highlight");
      if (!button || !code) return;
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        var pre = code.querySelector("td.code pre") || code.querySelector("pre");
        var copy = (pre || code).cloneNode(true);
        copy.querySelectorAll(".linenos, .lineno").forEach(function (number) {
          number.remove();
        });
        var text = copy.textContent.replace(/\n$/, "");
        navigator.clipboard.writeText(text).then(function () {
          var copied = button.getAttribute("data-copied") || "Copied";
          button.textContent = copied;
          announce(copied);
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  // Scrolling blocks (code, formulas, tables, BibTeX) take focus so that a keyboard
  // can scroll them; one that fits needs no tab stop, so it loses it, and
  // gets it back when the page narrows and it overflows.
  function scrollRegionTabStops() {
    var regions = document.querySelectorAll(".code-block > .highlight, .scroll-region, .cite__bibtex");
    if (!regions.length || !window.ResizeObserver) return;
    function update(region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
        region.removeAttribute("data-tabindex");
      } else if (region !== document.activeElement) {
        region.removeAttribute("tabindex");
        region.setAttribute("data-tabindex", "0");
      }
    }
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target); });
    });
    regions.forEach(function (region) { observer.observe(region); });
  }

  themeSwitch();
  copyButtons();
  codeCopyButtons();
  scrollRegionTabStops();
})();
