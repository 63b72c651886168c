/* exguide: the follow-along player of a routine (routines/<id>/play/).

   It reads the session's steps from the page (<script type="application/json" id="exguide-session">,
   written by exguide from the same dose data as the routine's time) and shows one step at a time:
   counted steps (timed sets, holds, rests, switches, getting ready) run down on their own; a set of
   repetitions ends when the reader taps Done. Short sounds (Web Audio), spoken cues (speech synthesis)
   and vibration mark each change; each can be turned off, and the choice is kept on this device. The
   position is kept too, so a reload carries on where it was; the screen is kept on while it plays.
   A finished session is added to the log on this device. Nothing is requested from anywhere. */
(function () {
  "use strict";
  /* The words in the page's language, from exguide-words.js, which every page loads first. */
  var words = window.exguideWords;

  var SETTINGS_KEY = "exguide-player-settings";
  var LOG_KEY = "exguide-log";
  var TICK_MS = 250;

  function readJson(key, fallback) {
    try {
      var text = window.localStorage.getItem(key);
      return text === null ? fallback : JSON.parse(text);
    } catch (error) {
      return fallback;
    }
  }

  function writeJson(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* storage full or refused: the player still works, it only forgets */
    }
  }

  function clockText(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function start(player, session) {
    var steps = session.steps;
    var positionKey = "exguide-player:" + session.routine;
    var settings = Object.assign({ sound: true, voice: false, vibrate: true }, readJson(SETTINGS_KEY, {}));
    var saved = readJson(positionKey, null);
    var state = {
      index: saved && saved.index < steps.length ? saved.index : 0,
      left: saved && saved.index < steps.length ? saved.left : steps[0].seconds,
      elapsed: saved ? saved.elapsed || 0 : 0,
      paused: false,
      finished: false,
    };
    var last = Date.now();
    var audio = null;
    var wakeLock = null;
    var parts = {};
    player.querySelectorAll("[data-part]").forEach(function (element) {
      parts[element.getAttribute("data-part")] = element;
    });

    function beep(frequency, length) {
      if (!settings.sound) return;
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      try {
        audio = audio || new Context();
        var tone = audio.createOscillator();
        var volume = audio.createGain();
        tone.frequency.value = frequency;
        volume.gain.value = 0.2;
        tone.connect(volume);
        volume.connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + length);
      } catch (error) {
        /* no sound on this device */
      }
    }

    function say(text) {
      parts.announce.textContent = text;
      if (!settings.voice || !("speechSynthesis" in window)) return;
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang || "";
      window.speechSynthesis.speak(utterance);
    }

    function buzz(pattern) {
      if (settings.vibrate && "vibrate" in navigator) navigator.vibrate(pattern);
    }

    function keepAwake(on) {
      if (!("wakeLock" in navigator)) return;
      if (on && wakeLock === null) {
        navigator.wakeLock.request("screen").then(function (lock) {
          wakeLock = lock;
          lock.addEventListener("release", function () {
            wakeLock = null;
          });
        }, function () {});
      } else if (!on && wakeLock !== null) {
        wakeLock.release();
      }
    }

    function item(step) {
      return session.items[step.label] || null;
    }

    function stage(step) {
      var count = { set: step.set, sets: step.sets };
      var circuit = item(step) && item(step).circuit;
      var of = step.sets > 1 ? words.t(circuit ? "round %(set)s of %(sets)s" : "set %(set)s of %(sets)s", count) : "";
      if (step.kind === "ready") return of ? words.t("Get ready: %(what)s", { what: of }) : words.t("Get ready");
      if (step.kind === "rest") return step.label ? words.t("Rest") : words.t("Rest: round %(set)s of %(sets)s done", count);
      if (step.kind === "switch") return words.t("Switch sides");
      var side = step.side === "left" ? words.t("left side") : step.side === "right" ? words.t("right side") : "";
      var shown = [of, side].filter(Boolean).join(", ");
      return shown ? shown.charAt(0).toUpperCase() + shown.slice(1) : words.t("Go");
    }

    function spoken(step) {
      var shown = item(step);
      if (step.kind === "ready") return words.t("Next: %(exercise)s. %(stage)s.", { exercise: shown ? shown.name : "", stage: stage(step) });
      if (step.kind === "rest") return words.t("Rest, %(time)s.", { time: clockText(step.seconds) });
      if (step.kind === "switch") return words.t("Switch sides.");
      return words.t("Go. %(stage)s.", { stage: stage(step) });
    }

    function remaining() {
      var total = state.left;
      for (var index = state.index + 1; index < steps.length; index++) total += steps[index].seconds;
      return total;
    }

    function save() {
      writeJson(positionKey, { index: state.index, left: state.left, elapsed: state.elapsed });
    }

    function show() {
      var step = steps[state.index];
      var shown = item(step);
      player.setAttribute("data-step", String(state.index));
      player.setAttribute("data-kind", step.kind);
      parts.position.textContent = words.t("Step %(number)s of %(count)s", { number: state.index + 1, count: steps.length });
      parts.stage.textContent = stage(step);
      parts.name.textContent = shown ? (step.label ? step.label + " " : "") + shown.name : words.t("Rest");
      parts.dose.textContent = shown ? shown.dose : "";
      parts.cues.textContent = "";
      if (shown && step.kind !== "rest") {
        shown.cues.forEach(function (cue) {
          var line = document.createElement("li");
          line.textContent = cue;
          parts.cues.appendChild(line);
        });
      }
      parts.figure.textContent = "";
      var picture = shown ? document.querySelector('.exguide-player__figures img[data-exercise="' + shown.exercise + '"]') : null;
      if (picture !== null && step.kind !== "rest") {
        var copy = picture.cloneNode(true);
        copy.alt = "";
        parts.figure.appendChild(copy);
      }
      display();
    }

    /* Let `passed` seconds go by: counted steps run down, and time left over when one ends goes on
       to the next, so the session keeps the exact time however the clock ticks. */
    function tick(passed) {
      var moved = false;
      while (!state.paused && !state.finished && passed > 0) {
        var step = steps[state.index];
        if (!step.counted) {
          state.elapsed += passed;
          break;
        }
        var used = Math.min(passed, state.left);
        var before = state.left;
        state.left -= used;
        state.elapsed += used;
        passed -= used;
        if (Math.ceil(before) !== Math.ceil(state.left) && state.left > 0 && state.left <= 3) beep(660, 0.12);
        if (state.left > 1e-6) break;
        advance(1);
        moved = true;
      }
      if (moved && !state.finished) show();
      else if (!state.finished) display();
    }

    function display() {
      var step = steps[state.index];
      parts.clock.textContent = step.counted ? clockText(state.left) : words.t("Tap Done when the set is finished");
      parts.remaining.textContent = words.t("%(time)s left", { time: clockText(remaining()) });
      player.querySelector('[data-action="done"]').hidden = step.counted;
    }

    /* The time since the clock last ticked, counted now: before a tap changes the step. */
    function catchUp() {
      var now = Date.now();
      var passed = (now - last) / 1000;
      last = now;
      tick(passed);
    }

    function advance(by) {
      var next = state.index + by;
      if (next >= steps.length) {
        finish();
        return;
      }
      state.index = Math.max(0, next);
      state.left = steps[state.index].seconds;
      var step = steps[state.index];
      beep(step.kind === "work" ? 880 : 440, 0.25);
      buzz(step.kind === "work" ? [200, 100, 200] : 200);
      say(spoken(step));
      save();
    }

    function move(by) {
      advance(by);
      if (!state.finished) show();
    }

    function finish() {
      state.finished = true;
      keepAwake(false);
      var log = readJson(LOG_KEY, []);
      log.push({
        date: new Date().toISOString(),
        routine: session.routine,
        name: session.name,
        seconds: Math.round(state.elapsed),
        steps: steps.length,
      });
      writeJson(LOG_KEY, log);
      try {
        window.localStorage.removeItem(positionKey);
      } catch (error) {
        /* nothing kept */
      }
      player.setAttribute("data-finished", "true");
      player.setAttribute("data-elapsed", String(Math.round(state.elapsed)));
      parts.stage.textContent = words.t("Finished");
      parts.name.textContent = words.t("%(routine)s: done", { routine: session.name });
      parts.dose.textContent = words.t("Time: %(time)s. Saved in the log on this device.", { time: clockText(state.elapsed) });
      parts.clock.textContent = "";
      parts.cues.textContent = "";
      parts.figure.textContent = "";
      parts.remaining.textContent = words.t("%(time)s left", { time: clockText(0) });
      beep(880, 0.5);
      buzz([300, 100, 300]);
      say(words.t("%(routine)s done. Well done.", { routine: session.name }));
    }

    player.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("[data-action]") : null;
      if (button === null || state.finished) return;
      var action = button.getAttribute("data-action");
      catchUp();
      if (state.finished) return;
      if (action === "pause") {
        state.paused = !state.paused;
        button.setAttribute("aria-pressed", state.paused ? "true" : "false");
        keepAwake(!state.paused);
        say(state.paused ? words.t("Paused.") : words.t("Carry on."));
        return;
      }
      if (action === "back") move(-1);
      if (action === "skip" || action === "done") move(1);
    });

    player.querySelectorAll("[data-setting]").forEach(function (box) {
      var name = box.getAttribute("data-setting");
      box.checked = Boolean(settings[name]);
      box.addEventListener("change", function () {
        settings[name] = box.checked;
        writeJson(SETTINGS_KEY, settings);
      });
    });

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && !state.paused && !state.finished) keepAwake(true);
    });

    window.setInterval(function () {
      catchUp();
      if (!state.finished) save();
    }, TICK_MS);

    player.hidden = false;
    keepAwake(true);
    show();
  }

  function prepare() {
    var player = document.querySelector(".exguide-player");
    var data = document.getElementById("exguide-session");
    if (player === null || data === null) return;
    start(player, JSON.parse(data.textContent));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
