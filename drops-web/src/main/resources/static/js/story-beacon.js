/*
 * Tells the shop which story block was last in view when the visitor left a drop's page,
 * so the story's authors see where readers stop. Nothing is sent when the browser asks not
 * to be tracked (Do-Not-Track, Global Privacy Control); no cookie is set; one small POST
 * with the page's CSRF token when it carries one (the drop page anonymous visitors
 * share does not), when the page is hidden or left.
 */
(function () {
  'use strict';
  if (navigator.doNotTrack === '1' || window.doNotTrack === '1' || navigator.globalPrivacyControl === true) {
    return;
  }
  var items = document.querySelector('[data-story-beacon]');
  if (!items || !('IntersectionObserver' in window) || !navigator.sendBeacon) {
    return;
  }
  var endpoint = items.getAttribute('data-story-beacon');
  var tokenMeta = document.querySelector('meta[name="_csrf"]');
  var token = tokenMeta ? tokenMeta.getAttribute('content') : '';
  var last = null;
  var sent = null;

  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        last = entry.target;
      }
    });
  }, { threshold: 0.5 });

  items.querySelectorAll('[data-story-sku]').forEach(function (item) {
    item.querySelectorAll('.story-block').forEach(function (block, position) {
      block.setAttribute('data-story-position', String(position));
      observer.observe(block);
    });
  });

  function report() {
    if (!last) {
      return;
    }
    var sku = last.closest('[data-story-sku]').getAttribute('data-story-sku');
    var block = last.getAttribute('data-story-position');
    var key = sku + '/' + block;
    if (key === sent) {
      return;
    }
    var body = new URLSearchParams();
    body.append('sku', sku);
    body.append('block', block);
    body.append('_csrf', token);
    if (navigator.sendBeacon(endpoint, body)) {
      sent = key;
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      report();
    }
  });
  window.addEventListener('pagehide', report);
})();
