// gyoryu's own script, loaded after htmx on every page. Every page works
// without it; with it, keyboard and screen-reader users keep their place when
// htmx swaps part of a page:
// - an answer with errors (422) puts the focus on its error summary, which
//   links every field with a message, in the form's order (the server's);
// - an answer that closes a form (saved, added, cancelled) puts the focus on
//   what the answer marks with data-focus-after-swap (the record's 수정 button),
//   or, when the focus was lost with the old content, on the first control
//   that came in; the page's status line (#swap-status, role="status") then
//   says what happened: what the server said (HX-Trigger gyoryu:done), or the
//   data-done text of the form or link that asked.
// An answer that removes a record (삭제) puts the focus on the heading of what
// held it and is announced the same way. A link of an error summary puts the
// focus in its field. A whole page after a form needs no
// script: its error summary or its flash message (#flash) has autofocus.
(function () {
  'use strict';

  var controls = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), ' +
    'select:not([disabled]), textarea:not([disabled]), summary';

  function errorSummary(root) {
    return root.querySelector('.form-alert[tabindex]');
  }

  function announce(text) {
    var status = document.getElementById('swap-status');
    if (!status || !text) return;
    // Emptied first, so that the same words said twice are read twice.
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 150);
  }

  // focusOn moves the focus at once: KRDS scrolls smoothly (scroll-behavior),
  // and a page still gliding under the pointer would send a click elsewhere.
  function focusOn(el) {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  }

  function focusLost() {
    var el = document.activeElement;
    return !el || el === document.body || !el.isConnected;
  }

  // One answer settles several elements (its out-of-band parts too); they are
  // handled together once htmx has finished with all of them.
  var settled = [];
  var detail = null;
  var said = null; // what the server said the request did (HX-Trigger gyoryu:done)

  document.addEventListener('gyoryu:done', function (e) {
    said = e.detail && e.detail.value;
  });

  document.addEventListener('htmx:afterSettle', function (e) {
    // htmx has just focused the new content's [autofocus] field, and KRDS would
    // glide there: arrive at once instead.
    var active = document.activeElement;
    if (active && active !== document.body && e.target.contains(active)) {
      active.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    }
    settled.push(e.target);
    detail = e.detail;
    if (settled.length === 1) setTimeout(afterSwap, 0);
  });

  function afterSwap() {
    var elts = settled.filter(function (el) { return el.isConnected; });
    var d = detail;
    var words = said;
    settled = [];
    detail = null;
    said = null;
    if (!d) return;
    for (var i = 0; i < elts.length; i++) {
      var summary = errorSummary(elts[i]);
      if (summary) {
        focusOn(summary);
        return;
      }
    }
    if (!d.xhr || d.xhr.status !== 200) return;
    var marked = document.querySelector('[data-focus-after-swap]');
    if (marked) {
      marked.removeAttribute('data-focus-after-swap');
      focusOn(marked);
    } else if (focusLost()) {
      for (var j = 0; j < elts.length; j++) {
        var control = elts[j].matches(controls) ? elts[j] : elts[j].querySelector(controls);
        if (control) {
          focusOn(control);
          break;
        }
      }
    }
    var from = d.requestConfig && d.requestConfig.elt;
    announce(words || (from && from.getAttribute && from.getAttribute('data-done')));
  }

  // An answer that removes its record (삭제) settles nothing: htmx tells the
  // nearest element left standing, whose heading then takes the focus.
  document.addEventListener('htmx:afterRequest', function (e) {
    var d = e.detail;
    if (!d.xhr || d.xhr.status !== 200 || !d.target || d.target.isConnected || d.xhr.responseText.trim() !== '') return;
    var from = d.requestConfig && d.requestConfig.elt;
    var place = e.target.closest('article, section');
    var heading = place && place.querySelector('h1, h2, h3, h4');
    if (heading && focusLost()) {
      heading.setAttribute('tabindex', '-1');
      focusOn(heading);
    }
    announce(said || (from && from.getAttribute && from.getAttribute('data-done')));
    said = null;
  });

  // A link of an error summary puts the focus in its field (a link to a place
  // on the page only scrolls there), or on the first control of a group.
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('.form-alert .error-links a[href^="#"]');
    if (!link) return;
    var target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) return;
    var control = target.matches(controls) ? target : target.querySelector(controls);
    e.preventDefault();
    focusOn(control || target);
  });

  // A page loaded after a form: the browser has focused its autofocus (the
  // error summary or the flash message); arrive there at once, not gliding.
  var arrived = document.querySelector('.form-alert[autofocus], #flash');
  if (arrived) focusOn(arrived);
})();
