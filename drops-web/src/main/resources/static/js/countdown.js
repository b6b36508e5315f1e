// Ticks the drop page's countdown down once a second. The server renders the seconds
// left by its own clock; this only counts them down from when the page arrived, so a
// wrong clock on the visitor's device changes nothing. Without JavaScript the page shows
// the server's figure and the target time.
(function () {
  'use strict';

  function pad(number) {
    return String(number).padStart(2, '0');
  }

  function format(element, seconds) {
    var days = Math.floor(seconds / 86400);
    var rest = seconds % 86400;
    var clock = pad(Math.floor(rest / 3600)) + ':' + pad(Math.floor((rest % 3600) / 60)) + ':' + pad(rest % 60);
    return days > 0 ? element.dataset.days.replace('{0}', String(days)) + ' ' + clock : clock;
  }

  function tick() {
    document.querySelectorAll('[data-countdown]').forEach(function (element) {
      if (element.countdownEnd === undefined) {
        element.countdownEnd = Date.now() + Number(element.dataset.remainingSeconds) * 1000;
      }
      var left = Math.max(0, Math.round((element.countdownEnd - Date.now()) / 1000));
      var text = element.querySelector('[data-countdown-text]');
      if (text) {
        text.textContent = left > 0 ? format(element, left) : element.dataset.done;
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    tick();
    window.setInterval(tick, 1000);
  });
}());
