/* exguide: the animated figure of an exercise can be paused and resumed (WCAG 2.2.2). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest(".exguide-pause") : null;
    if (button === null) return;
    var figure = button.closest("figure");
    var drawing = figure === null ? null : figure.querySelector("svg");
    if (drawing === null) return;
    var paused = button.getAttribute("aria-pressed") === "true";
    if (paused) {
      drawing.unpauseAnimations();
    } else {
      drawing.pauseAnimations();
    }
    button.setAttribute("aria-pressed", paused ? "false" : "true");
  });
})();
