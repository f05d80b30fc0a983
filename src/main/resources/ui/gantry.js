// Gantry's web UI, its one script of its own (served as /ui/assets/gantry.js; no inline script anywhere).
// A followed log (an element with data-keep-lines, which the server writes) keeps only its newest lines in the page:
// after each batch htmx's SSE extension appends, the oldest lines beyond the bound go; the whole log is a download.
// A reader at the bottom of the page stays at the bottom as lines come.
(function () {
  'use strict';
  var atBottom = false;

  function nearBottom() {
    var page = document.documentElement;
    return window.innerHeight + window.scrollY >= page.scrollHeight - 48;
  }

  document.addEventListener('htmx:sseBeforeMessage', function () {
    atBottom = nearBottom();
  });

  document.addEventListener('htmx:sseMessage', function (event) {
    var log = event.target;
    if (!log || !log.hasAttribute || !log.hasAttribute('data-keep-lines')) {
      return;
    }
    var keep = parseInt(log.getAttribute('data-keep-lines'), 10);
    if (keep > 0) {
      while (log.children.length > keep) {
        log.removeChild(log.firstElementChild);
      }
    }
    if (atBottom) {
      window.scrollTo(0, document.documentElement.scrollHeight);
    }
  });
})();
