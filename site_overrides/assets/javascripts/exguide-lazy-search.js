/* exguide: the search index is downloaded when a reader starts to search, not with every page.
 * Material requests search/search_index.json as the page loads; this holds that one request back
 * until the search field is focused or clicked, or a search shortcut key is pressed, then sends it. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var wanted = false;
  var waiting = [];

  function start() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.exguideIndex = /search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.exguideIndex && !wanted) {
      waiting.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };

  function isSearch(target) {
    return target instanceof Element && target.closest(".md-search, label[for='__search']") !== null;
  }
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) start(); }, true);
  document.addEventListener("pointerdown", function (event) { if (isSearch(event.target)) start(); }, true);
  document.addEventListener("keydown", function (event) {
    var typing = event.target instanceof HTMLElement && event.target.isContentEditable;
    if (!typing && ["f", "s", "/"].indexOf(event.key) !== -1) start();
  }, true);
})();
