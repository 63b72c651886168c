/* exguide: the log of finished sessions (log/), kept by the player in this browser's local storage.

   Every value is written with textContent, and the CSV quotes every field, doubles its quotes and
   starts a field that a spreadsheet would read as a formula with an apostrophe. */
(function () {
  "use strict";
  /* The words in the page's language, from exguide-words.js, which every page loads first. */
  var words = window.exguideWords;

  var LOG_KEY = "exguide-log";

  function read() {
    try {
      var entries = JSON.parse(window.localStorage.getItem(LOG_KEY) || "[]");
      return Array.isArray(entries) ? entries : [];
    } catch (error) {
      return [];
    }
  }

  function duration(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = Math.round(seconds % 60);
    return words.t("%(minutes)s min %(seconds)s s", { minutes: minutes, seconds: (rest < 10 ? "0" : "") + rest });
  }

  function day(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso);
    var language = document.documentElement.lang || undefined;
    return (
      date.toLocaleDateString(language, { weekday: "short", day: "numeric", month: "short", year: "numeric" }) +
      ", " +
      date.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" })
    );
  }

  function csvField(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csv(entries) {
    var lines = [["date", "routine", "name", "seconds", "steps"].map(csvField).join(",")];
    entries.forEach(function (entry) {
      lines.push([entry.date, entry.routine, entry.name, entry.seconds, entry.steps].map(csvField).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function show(log) {
    var entries = read();
    var rows = log.querySelector('[data-part="rows"]');
    rows.textContent = "";
    entries.slice().reverse().forEach(function (entry) {
      var row = document.createElement("tr");
      [day(entry.date), entry.name, duration(Number(entry.seconds) || 0)].forEach(function (value) {
        var cell = document.createElement("td");
        cell.textContent = value;
        row.appendChild(cell);
      });
      rows.appendChild(row);
    });
    log.querySelector('[data-part="empty"]').hidden = entries.length > 0;
    log.querySelector("table").hidden = entries.length === 0;
    log.querySelectorAll("[data-action]").forEach(function (button) {
      button.disabled = entries.length === 0;
    });
  }

  function prepare() {
    var log = document.querySelector(".exguide-log");
    if (log === null) return;
    log.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("[data-action]") : null;
      if (button === null) return;
      if (button.getAttribute("data-action") === "export") {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([csv(read())], { type: "text/csv" }));
        link.download = "exguide-sessions.csv";
        document.body.appendChild(link);
        link.click();
        link.remove();
      } else if (window.confirm(words.t("Remove every session from the log on this device?"))) {
        window.localStorage.removeItem(LOG_KEY);
        show(log);
      }
    });
    log.hidden = false;
    show(log);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
