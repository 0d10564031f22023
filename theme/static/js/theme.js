// pelican-scholar: the colour scheme switch, the copy buttons, the tab stops
// of scrolling blocks and the "/" key of the search page. The page reads
// fully without this script; it only adds these conveniences, each in its
// own block.
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

// The table of contents on wide screens: open beside the text, the section
// being read marked (aria-current="location"). Without this script it is a
// plain list, open or closed as the page was written.
(function () {
  "use strict";
  var toc = document.querySelector(".post > .toc");
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
