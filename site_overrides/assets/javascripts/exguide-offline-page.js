/* exguide: "Save for offline" on offline/. The service worker does the saving, so the sizes shown and
   the files saved are those of the build it comes from. Nothing is fetched from any other host. */
(function () {
  "use strict";
  /* The words in the page's language, from exguide-words.js, which every page loads first. */
  var words = window.exguideWords;

  function megabytes(bytes) {
    var value = bytes / (1024 * 1024);
    var rounded = value < 10 ? Number(value.toFixed(1)) : Math.round(value);
    return words.t("%(size)s MB", { size: words.number ? words.number(rounded) : rounded });
  }

  function ask(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          if (message.onProgress && event.data.kind === "progress") message.onProgress(event.data);
          else resolve(event.data);
        };
        registration.active.postMessage({ kind: message.kind, downloads: message.downloads }, [channel.port2]);
      });
    });
  }

  function prepare() {
    var panel = document.querySelector(".exguide-offline");
    if (panel === null) return;
    if (document.querySelector("script[data-service-worker]") === null) {
      document.querySelector('[data-part="off"]').hidden = false;
      return;
    }
    var unavailable = function () {
      panel.hidden = true;
      document.querySelector('[data-part="unavailable"]').hidden = false;
    };
    if (!window.exguideOffline) {
      unavailable();
      return;
    }
    var status = panel.querySelector('[data-part="status"]');
    var downloads = panel.querySelector('[data-part="downloads"]');
    var progress = panel.querySelector('[data-part="progress"]');
    var save = panel.querySelector('[data-action="save"]');
    var remove = panel.querySelector('[data-action="remove"]');
    var latest = null;

    function show(reply) {
      var sizes = reply.sizes;
      var mark = reply.mark;
      panel.querySelector('[data-part="downloads-size"]').textContent = megabytes(sizes.downloads);
      if (mark) downloads.checked = mark.downloads;
      var total = megabytes(sizes.site + (downloads.checked ? sizes.downloads : 0));
      if (mark) {
        var date = new Date(mark.date).toLocaleDateString(document.documentElement.lang || undefined, {
          day: "numeric",
          month: "long",
          year: "numeric",
        });
        status.textContent = words.t(
          mark.downloads
            ? "Saved on this device on %(date)s, with the PDFs and open data. It works with no connection."
            : "Saved on this device on %(date)s. It works with no connection.",
          { date: date }
        );
        save.textContent = words.t("Save again (%(size)s)", { size: total });
      } else {
        status.textContent = words.t("Not saved yet. Saving takes %(size)s on this device.", { size: total });
        save.textContent = words.t("Save for offline (%(size)s)", { size: total });
      }
      remove.hidden = !mark;
    }

    function refresh() {
      return ask({ kind: "status" }).then(function (reply) {
        latest = reply;
        show(reply);
      });
    }

    downloads.addEventListener("change", function () {
      if (latest) show({ sizes: latest.sizes, mark: null });
    });
    save.addEventListener("click", function () {
      save.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      status.textContent = words.t("Saving…");
      ask({
        kind: "save",
        downloads: downloads.checked,
        onProgress: function (step) {
          progress.value = step.done / step.total;
          status.textContent = words.n("Saving… %(done)s of %(num)s file", "Saving… %(done)s of %(num)s files", step.total, { done: step.done });
        },
      }).then(function (reply) {
        save.disabled = false;
        progress.hidden = true;
        if (reply.result.saved) return refresh();
        status.textContent = words.n(
          "%(num)s file could not be saved: check the connection and press Save again.",
          "%(num)s files could not be saved: check the connection and press Save again.",
          reply.result.failed
        );
      });
    });
    remove.addEventListener("click", function () {
      ask({ kind: "remove" }).then(refresh);
    });
    panel.hidden = false;
    status.textContent = words.t("Getting ready…");
    window.exguideOffline.then(refresh, unavailable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
