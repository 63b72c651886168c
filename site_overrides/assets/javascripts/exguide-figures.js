/* exguide: an exercise's figures as one drawing that moves between its start and end.

   With scripts, the animated figure gets Start and End buttons that stop it on either position, and a
   Pause button that stops and restarts it (WCAG 2.2.2); on a narrow screen it stands alone in place of
   the two still figures. A reader who asked for less motion sees it stopped on the start until they
   press Pause again to play it. Without scripts the still figures show and nothing moves. */
(function () {
  "use strict";

  function drawingOf(element) {
    var figure = element.closest("figure");
    return figure === null ? null : figure.querySelector("svg");
  }

  /* The animation plays start → end → start, so the end is half way through. */
  function endTime(drawing) {
    var animation = drawing.querySelector("animate, animateTransform");
    var seconds = animation === null ? 0 : parseFloat(animation.getAttribute("dur"));
    return isNaN(seconds) ? 0 : seconds / 2;
  }

  function setPaused(figure, paused) {
    var button = figure.querySelector(".exguide-pause");
    if (button !== null) button.setAttribute("aria-pressed", paused ? "true" : "false");
  }

  function show(figure, drawing, position) {
    drawing.pauseAnimations();
    drawing.setCurrentTime(position === "end" ? endTime(drawing) : 0);
    setPaused(figure, true);
    figure.querySelectorAll(".exguide-show").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-show") === position ? "true" : "false");
    });
  }

  function clearShown(figure) {
    figure.querySelectorAll(".exguide-show").forEach(function (button) {
      button.setAttribute("aria-pressed", "false");
    });
  }

  function prepare() {
    var lessMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.querySelectorAll(".exguide-figures").forEach(function (figures) {
      var motion = figures.querySelector(".exguide-figures__motion");
      var drawing = motion === null ? null : motion.querySelector("svg");
      if (drawing === null || typeof drawing.pauseAnimations !== "function") return;
      motion.querySelectorAll(".exguide-show").forEach(function (button) {
        button.hidden = false;
        button.setAttribute("aria-pressed", "false");
      });
      figures.classList.add("exguide-figures--one");
      if (lessMotion) show(motion, drawing, "start");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target === null) return;
    var button = target.closest(".exguide-pause, .exguide-show");
    if (button === null) return;
    var drawing = drawingOf(button);
    var figure = button.closest("figure");
    if (drawing === null || figure === null) return;
    if (button.classList.contains("exguide-show")) {
      show(figure, drawing, button.getAttribute("data-show"));
      return;
    }
    var paused = button.getAttribute("aria-pressed") === "true";
    if (paused) {
      drawing.unpauseAnimations();
      clearShown(figure);
    } else {
      drawing.pauseAnimations();
    }
    setPaused(figure, !paused);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
