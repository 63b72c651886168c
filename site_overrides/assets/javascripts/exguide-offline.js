/* exguide: registers the guide's service worker (sw.js at the site's root, scoped to it) on every page
   of a build that turned offline support on; a preview's pages carry no data-service-worker. */
(function () {
  "use strict";
  var script = document.currentScript;
  var worker = script && script.getAttribute("data-service-worker");
  if (!worker || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  var url = new URL(worker, document.baseURI);
  window.exguideOffline = navigator.serviceWorker.register(url.href, { scope: new URL("./", url).href });
  window.exguideOffline.catch(function () {});
})();
