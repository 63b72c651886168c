/* exguide: an exercise page opened from a routine shows that routine's previous and next exercise.

   A routine page links to each exercise with ?routine=<id>&at=<number>; the exercise page carries a
   hidden link bar for every place it takes in a routine, and this shows the one the reader came from.
   Nothing is stored and nothing is requested. */
(function () {
  "use strict";

  function showRoutineStep() {
    var query = new URLSearchParams(window.location.search);
    var routine = query.get("routine");
    var at = query.get("at");
    if (routine === null) return;
    var bars = document.querySelectorAll(".exguide-routine-step");
    for (var index = 0; index < bars.length; index++) {
      var bar = bars[index];
      if (bar.getAttribute("data-routine") === routine && (at === null || bar.getAttribute("data-at") === at)) {
        bar.hidden = false;
        return;
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showRoutineStep);
  } else {
    showRoutineStep();
  }
})();
