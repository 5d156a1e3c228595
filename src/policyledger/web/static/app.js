// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // "Expand all / collapse all" for the outline tree (<details> works on its own).
  document.querySelectorAll("[data-outline-tools]").forEach(function (tools) {
    var tree = document.querySelector(tools.getAttribute("data-outline-tools"));
    if (!tree) return;
    tools.hidden = false;
    tools.querySelectorAll("button[data-open]").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-open") === "true";
        tree.querySelectorAll("details").forEach(function (d) { d.open = open; });
      });
    });
  });
  // Escape hides a figure's tooltip by moving focus back to the paragraph.
  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (event.key === "Escape" && el && el.matches && el.matches("mark.fact")) {
      el.blur();
    }
  });
})();
